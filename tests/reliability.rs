//! Incremental indexing, crash safety, concurrent use, hostile input, write failures and
//! `newsdex check`.

use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::Duration;

use crate::util::*;

fn index(d: &Dir, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["index"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--index", "idx", "--json"]);
    let r = d.run(&all);
    assert!(r.code == 0 || r.code == 1, "{r:?}");
    r.json()
}

fn counts(s: &serde_json::Value) -> [u64; 4] {
    ["added", "updated", "unchanged", "removed"].map(|k| s[k].as_u64().unwrap())
}

fn total(d: &Dir, q: &str) -> u64 {
    d.run(&["search", q, "--index", "idx", "--format", "json", "--limit", "0"])
        .json()["total"]
        .as_u64()
        .unwrap()
}

/// Writes `n` small articles under `dir`.
fn corpus(d: &Dir, dir: &str, n: usize) {
    for i in 0..n {
        d.write(
            &format!("{dir}/{:02}/a{i}.txt", i % 50),
            format!("Report number {i}\n\nPublished: 2015-03-{:02}\n\nThe harbour board met for the {i}th time. \"We are on schedule,\" said Mayor Ingrid Solberg.\n", i % 28 + 1),
        );
    }
}

#[test]
fn reindexing_does_only_what_changed() {
    let d = Dir::new();
    corpus(&d, "c", 30);
    let first = index(&d, &["c"]);
    assert_eq!(counts(&first), [30, 0, 0, 0]);
    let again = index(&d, &["c"]);
    assert_eq!(counts(&again), [0, 0, 30, 0]);
    assert_eq!(again["articles"], 0, "nothing read again");
    // Modify one, remove one, add one, touch one without changing it.
    d.write("c/00/a0.txt", "Changed headline\n\nThe lighthouse reopened.\n");
    std::fs::remove_file(d.path().join("c/01/a1.txt")).unwrap();
    d.write(
        "c/new.txt",
        "Brand new\n\nA fresh article about the lighthouse.\n",
    );
    let touched = d.path().join("c/02/a2.txt");
    let bytes = std::fs::read(&touched).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&touched, bytes).unwrap();
    let third = index(&d, &["c"]);
    assert_eq!(counts(&third), [1, 1, 28, 1], "{third}");
    assert_eq!(third["total_in_index"], 30);
    assert_eq!(total(&d, "lighthouse"), 2);
    assert_eq!(
        total(&d, "\"Report number 0\""),
        0,
        "the old version of a changed file is gone"
    );
    assert_eq!(
        total(&d, "\"Report number 1\""),
        0,
        "a removed file's article is gone"
    );
    // Quotes follow their articles.
    let quotes = d
        .run(&["quotes", "", "--index", "idx", "--format", "json", "--limit", "0"])
        .json()["total"]
        .as_u64()
        .unwrap();
    assert_eq!(quotes, 28);
    let check = d.run(&["check", "--index", "idx", "--json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn killed_at_any_moment_the_next_run_completes_without_duplicates() {
    let d = Dir::new();
    let n = 3000;
    corpus(&d, "c", n);
    for delay_ms in [5u64, 40, 120, 300] {
        let mut child = d
            .cmd(&[
                "index",
                "c",
                "--index",
                "idx",
                "--commit-every",
                "100",
                "--threads",
                "1",
                "--quiet",
            ])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // The index opens with its last committed state.
        let r = d.run(&[
            "search", "harbour", "--index", "idx", "--format", "json", "--limit", "0",
        ]);
        assert!(
            r.code == 0 || r.code == 1 || r.stderr.contains("no newsdex index"),
            "after {delay_ms} ms: {r:?}"
        );
    }
    let done = index(&d, &["c"]);
    assert_eq!(done["total_in_index"], n as u64, "{done}");
    assert_eq!(total(&d, "harbour"), n as u64);
    let check = d.run(&["check", "--index", "idx", "--json"]);
    assert_eq!(check.code, 0, "no duplicate ids, counts agree: {}", check.stdout);
    assert_eq!(check.json()["articles"], n as u64);
}

#[test]
fn a_second_writer_is_told_who_holds_the_index_and_searches_go_on() {
    let d = Dir::new();
    corpus(&d, "c", 4000);
    corpus(&d, "small", 5);
    index(&d, &["small"]);
    let mut child = d
        .cmd(&["index", "c", "--index", "idx", "--threads", "1", "--quiet"])
        .spawn()
        .unwrap();
    let pid = child.id();
    // Wait until the writer holds the lock (it writes its pid into the lock file).
    let lock = d.path().join("idx/newsdex.lock");
    for _ in 0..500 {
        if std::fs::read_to_string(&lock).is_ok_and(|s| s.contains(&format!("process {pid}"))) {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut busy = None;
    for _ in 0..200 {
        let r = d.run(&["index", "small", "--index", "idx", "--quiet"]);
        if r.code == 2 {
            busy = Some(r);
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let busy = busy.expect("the second writer was refused while the first ran");
    assert!(busy.stderr.contains(&format!("process {pid}")), "{}", busy.stderr);
    // Searches see the last commit meanwhile.
    let r = d.run(&[
        "search", "harbour", "--index", "idx", "--format", "json", "--limit", "0",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.json()["total"].as_u64().unwrap() >= 5);
    // A lock left by a killed writer is recovered.
    let _ = child.kill();
    let _ = child.wait();
    let r = d.run(&["index", "small", "--index", "idx", "--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn pathological_inputs_each_get_a_clear_outcome() {
    let d = Dir::new();
    d.write("in/good.txt", "Good\n\nA normal article.\n");
    // Deeply nested JSON.
    d.write(
        "in/deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    // A JSONL file cut off in the middle of a record.
    d.write(
        "in/cut.jsonl",
        "{\"title\": \"Whole\", \"body\": \"x\"}\n{\"title\": \"Cut\", \"bo",
    );
    // A 2 GB file (sparse: no disk is used).
    let huge = std::fs::File::create(d.path().join("in/huge.txt")).unwrap();
    huge.set_len(2 << 30).unwrap();
    // A symlink loop, a dangling symlink, a FIFO.
    std::os::unix::fs::symlink("..", d.path().join("in/loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", d.path().join("in/dangling.txt")).unwrap();
    let fifo = d.path().join("in/pipe.txt");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    // A file name that is not UTF-8.
    let odd = d
        .path()
        .join("in")
        .join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    std::fs::write(&odd, "Odd name\n\nThe article behind an odd file name.\n").unwrap();

    let s = index(&d, &["in"]);
    let reasons: Vec<String> = s["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{} {} {}",
                p["path"].as_str().unwrap(),
                p["record"],
                p["reason"].as_str().unwrap()
            )
        })
        .collect();
    let has = |path: &str, what: &str| reasons.iter().any(|r| r.contains(path) && r.contains(what));
    assert!(has("deep.json", "recursion limit"), "{reasons:#?}");
    assert!(has("cut.jsonl 2", "malformed JSON line"), "{reasons:#?}");
    assert!(has("huge.txt", "larger than the 1024 MiB"), "{reasons:#?}");
    assert!(has("loop", "loop"), "{reasons:#?}");
    assert!(has("dangling.txt", "cannot read"), "{reasons:#?}");
    assert!(has("pipe.txt", "not a regular file"), "{reasons:#?}");
    // good.txt, the whole JSONL record, and the odd name.
    assert_eq!(s["articles"], 3, "{s}");
    let odd_hit = d
        .run(&["search", "odd", "--index", "idx", "--format", "json"])
        .json();
    assert!(
        odd_hit["hits"][0]["path"]
            .as_str()
            .unwrap()
            .contains("caf\u{fffd}.txt")
    );
}

#[test]
fn a_200_mb_file_on_one_line_is_indexed() {
    let d = Dir::new();
    let words = ["alpha ", "bravo ", "Geneva ", "talks ", "said ", "the "];
    let mut line = String::with_capacity(200 << 20);
    let mut i = 0usize;
    while line.len() < 200 << 20 {
        line.push_str(words[i % words.len()]);
        i = i.wrapping_mul(31).wrapping_add(7);
    }
    d.write("in/one.txt", &line);
    drop(line);
    let s = index(&d, &["in"]);
    assert_eq!(s["articles"], 1, "{s}");
    let hit = d
        .run(&["search", "geneva", "--index", "idx", "--format", "json"])
        .json();
    assert!(
        hit["hits"][0]["title"].as_str().unwrap().chars().count() <= 301,
        "the title is the opening words"
    );
}

#[test]
fn a_hundred_thousand_tiny_files() {
    let d = Dir::new();
    for i in 0..100_000 {
        d.write(&format!("in/{:03}/{i}.txt", i % 500), format!("T{i}\n\nb{i}\n"));
    }
    let s = index(&d, &["in"]);
    assert_eq!(s["files"], 100_000);
    assert_eq!(s["articles"], 100_000);
    assert_eq!(index(&d, &["in"])["unchanged"], 100_000);
}

#[test]
fn a_failed_write_leaves_the_previous_index_searchable() {
    let d = Dir::new();
    corpus(&d, "small", 5);
    corpus(&d, "more", 2000);
    index(&d, &["small"]);
    // A file-size limit makes every large write fail, as a full disk would.
    let bin = env!("CARGO_BIN_EXE_newsdex");
    let mut c = std::process::Command::new("bash");
    c.current_dir(d.path()).args([
        "-c",
        &format!("ulimit -f 64; exec {bin} index more --index idx --quiet"),
    ]);
    let r = run(c);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .starts_with("newsdex: error: could not write the index at idx"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("last committed state is intact"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("RUST_BACKTRACE") && !r.stderr.contains("thread 'main'"),
        "{}",
        r.stderr
    );
    assert_eq!(total(&d, "harbour"), 5);
    assert_eq!(d.run(&["check", "--index", "idx"]).code, 0);
}

#[test]
fn a_read_only_index_directory_is_an_error_not_damage() {
    let d = Dir::new();
    corpus(&d, "small", 5);
    index(&d, &["small"]);
    d.write("small/extra.txt", "Extra\n\nMore harbour news.\n");
    let idx = d.path().join("idx");
    let bin = env!("CARGO_BIN_EXE_newsdex");
    // SAFETY: geteuid has no preconditions.
    let r = if unsafe { libc::geteuid() } == 0 {
        // Permissions do not bind root: make the directory read-only with a private bind mount.
        let script = format!(
            "mount --bind {p} {p} && mount -o remount,bind,ro {p} && exec {bin} index small --index idx --quiet",
            p = idx.display()
        );
        let mut c = std::process::Command::new("unshare");
        c.current_dir(d.path()).args(["-m", "sh", "-c", &script]);
        run(c)
    } else {
        let mut perms = std::fs::metadata(&idx).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
        std::fs::set_permissions(&idx, perms).unwrap();
        d.run(&["index", "small", "--index", "idx", "--quiet"])
    };
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.starts_with("newsdex: error:"), "{}", r.stderr);
    assert!(r.stderr.to_lowercase().contains("read-only"), "{}", r.stderr);
    assert_eq!(total(&d, "harbour"), 5);
    assert_eq!(d.run(&["check", "--index", "idx"]).code, 0);
}

#[test]
fn check_finds_damage() {
    let d = Dir::new();
    corpus(&d, "c", 20);
    index(&d, &["c"]);
    let ok = d.run(&["check", "--index", "idx", "--json"]);
    assert_eq!(ok.code, 0);
    let v = ok.json();
    assert_eq!(
        (v["ok"].as_bool(), v["articles"].as_u64()),
        (Some(true), Some(20))
    );
    // Flip bytes in the middle of a segment's document store.
    let store = std::fs::read_dir(d.path().join("idx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .unwrap();
    let mut bytes = std::fs::read(&store).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 16] {
        *b ^= 0xff;
    }
    std::fs::write(&store, bytes).unwrap();
    let bad = d.run(&["check", "--index", "idx", "--json"]);
    assert_eq!(bad.code, 2);
    let v: serde_json::Value = serde_json::from_str(bad.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(v["ok"], false);
    assert!(v["problems"][0].as_str().unwrap().contains("checksum"), "{v}");
    let _ = Path::new("");
}

/// Found by CI: when the damage reached a document store's footer, Tantivy panicked while
/// opening the index ("unknown compressor id") and every command crashed with exit code 101.
#[test]
fn damaged_store_footer_is_an_error_not_a_crash() {
    let d = Dir::new();
    corpus(&d, "c", 20);
    index(&d, &["c"]);
    for entry in std::fs::read_dir(d.path().join("idx")).unwrap() {
        let store = entry.unwrap().path();
        if store.extension().is_some_and(|e| e == "store") {
            // The file ends with the store's own footer (version u32, offset u64, compressor
            // u8, 15 zero bytes), then Tantivy's (JSON, its length as u32, a magic u32).
            // Damage the compressor byte alone.
            let mut bytes = std::fs::read(&store).unwrap();
            let n = bytes.len();
            let json = u32::from_le_bytes(bytes[n - 8..n - 4].try_into().unwrap()) as usize;
            let store_footer = n - 8 - json - 28;
            bytes[store_footer + 12] ^= 0xff;
            std::fs::write(&store, bytes).unwrap();
        }
    }
    let check = d.run(&["check", "--index", "idx"]);
    assert_eq!(check.code, 2, "{check:?}");
    assert!(check.stdout.contains("checksum mismatch"), "{}", check.stdout);
    for args in [
        &["search", "harbour", "--index", "idx"][..],
        &["quotes", "schedule", "--index", "idx"],
        &["index", "c", "--index", "idx"],
    ] {
        let r = d.run(args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("damaged index files"), "{args:?}: {}", r.stderr);
    }
}

mod fuzz_readers {
    use proptest::prelude::*;

    /// Inputs per format on each run.
    pub const CASES: u32 = 2_000;

    proptest! {
        #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn readers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), text in "[\\\\PC\\n<>\"{}\\[\\],:&#;]{0,400}") {
            let formats = [None, Some(newsdex::Format::Text), Some(newsdex::Format::Json), Some(newsdex::Format::Jsonl),
                Some(newsdex::Format::Csv), Some(newsdex::Format::Tsv), Some(newsdex::Format::Sgml),
                Some(newsdex::Format::Xml), Some(newsdex::Format::Html)];
            for f in formats {
                let _ = newsdex::read::read_bytes(std::path::Path::new("fuzz"), &bytes, f);
                let _ = newsdex::read::read_bytes(std::path::Path::new("fuzz"), text.as_bytes(), f);
            }
        }
    }
}

/// A file given as a root is the same file as when its folder is given: not read again, and
/// known by the same key (`ArticleWriter::add` finds its articles by it). Its key had a `/`
/// added, so naming it either way re-read it as a new file.
#[test]
fn a_file_named_as_a_root_is_the_file_its_folder_holds() {
    let d = Dir::new();
    corpus(&d, "c", 3);
    assert_eq!(counts(&index(&d, &["c"])), [3, 0, 0, 0]);
    let file = "c/00/a0.txt";
    assert_eq!(counts(&index(&d, &[file])), [0, 0, 1, 0]);
    // And the other way round, after the file alone was indexed first.
    let e = Dir::new();
    corpus(&e, "c", 3);
    assert_eq!(counts(&index(&e, &[file])), [1, 0, 0, 0]);
    // Its article has the id `newsdex extract` gives it (the key's `/` changed the id too).
    let extracted = e.run(&["extract", file]).json_lines();
    let found = e
        .run(&["search", "", "--index", "idx", "--format", "json"])
        .json();
    assert_eq!(found["hits"][0]["id"], extracted[0]["id"]);
    let through_folder = index(&e, &["c"]);
    assert_eq!(counts(&through_folder), [2, 0, 1, 0]);
    assert_eq!(through_folder["total_in_index"], 3);
}
