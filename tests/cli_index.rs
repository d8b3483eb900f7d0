//! `newsdex index`: summaries, skipped input, ids, the index path.

use crate::util::*;

#[test]
fn indexes_the_sample_corpus_with_a_json_summary() {
    let d = Dir::new();
    let corpus = sample_corpus();
    let r = d.run(&["index", corpus.to_str().unwrap(), "--index", "idx", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = r.json();
    let files = walkdir::WalkDir::new(&corpus)
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_type().is_file())
        .count();
    assert_eq!(s["files"], files as u64);
    assert!(s["articles"].as_u64().unwrap() >= 30, "{s}");
    assert_eq!(s["articles"], s["total_in_index"]);
    assert!(s["seconds"].as_f64().unwrap() > 0.0);
    let formats = s["formats"].as_object().unwrap();
    let per_format: u64 = formats.values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(per_format, s["articles"].as_u64().unwrap());
    for f in ["text", "json", "jsonl"] {
        assert!(
            formats.contains_key(f),
            "no {f} articles in the sample corpus: {s}"
        );
    }
    // The sample's one unreadable date is reported, not silently dropped.
    let warnings = s["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w["reason"].as_str().unwrap().contains("not yet known")),
        "{s}"
    );
}

#[test]
fn broken_files_are_reported_and_the_rest_indexed() {
    let d = Dir::new();
    d.write(
        "in/good.txt",
        "A good headline\n\nA paragraph about the harbour.\n",
    );
    d.write("in/empty.txt", "");
    d.write("in/picture.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    d.write(
        "in/dump.jsonl",
        "{\"title\": \"First\", \"body\": \"one\"}\n{\"title\": \"Second\", \"body\": \n{\"title\": \"Third\", \"body\": \"three\"}\n{\"id\": 4}\n",
    );
    d.write("in/notes.docx", "not read");
    let r = d.run(&[
        "index",
        "in",
        "--index",
        "idx",
        "--json",
        "--report",
        "skipped.jsonl",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = r.json();
    assert_eq!(s["files"], 5);
    assert_eq!(s["articles"], 3, "{s}");
    let skipped: Vec<(String, Option<u64>, String)> = s["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let path = p["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (
                name,
                p["record"].as_u64(),
                p["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let find = |name: &str, rec: Option<u64>| {
        skipped
            .iter()
            .find(|(n, r, _)| n == name && *r == rec)
            .map(|(_, _, why)| why.clone())
            .unwrap_or_else(|| panic!("{name} {rec:?} not in {skipped:?}"))
    };
    assert!(find("dump.jsonl", Some(2)).contains("malformed JSON"));
    assert!(find("dump.jsonl", Some(4)).contains("no title or body"));
    assert!(find("empty.txt", None).contains("empty"));
    assert!(find("picture.txt", None).contains("binary"));
    assert!(find("notes.docx", None).contains("unsupported"));
    assert_eq!(skipped.len(), 5);
    // --report holds the same list, one JSON object per line.
    let report = std::fs::read_to_string(d.path().join("skipped.jsonl")).unwrap();
    assert_eq!(report.lines().count(), 5);
}

#[test]
fn human_summary_goes_to_stderr() {
    let d = Dir::new();
    d.write("in/a.txt", "Headline\n\nBody.\n");
    d.write("in/b.json", "{oops");
    let r = d.run(&["index", "in", "--index", "idx"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.contains("indexed 1 articles from 2 files"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("b.json: malformed JSON"), "{}", r.stderr);
}

#[test]
fn reindexing_keeps_ids_and_adds_no_duplicates() {
    let d = Dir::new();
    d.write("in/a.txt", "Headline one\n\nBody one.\n");
    d.write(
        "in/b.jsonl",
        "{\"title\": \"T1\", \"text\": \"x\"}\n{\"title\": \"T2\", \"text\": \"y\"}\n",
    );
    let first = d.run(&["extract", "in"]).json_lines();
    assert_eq!(d.run(&["index", "in", "--index", "idx", "--quiet"]).code, 0);
    let r = d.run(&["index", "in", "--index", "idx", "--json"]);
    assert_eq!(r.json()["total_in_index"], 3);
    let again = d.run(&["extract", "in"]).json_lines();
    let ids = |v: &[serde_json::Value]| {
        v.iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&first), ids(&again));
    let unique: std::collections::HashSet<_> = ids(&first).into_iter().collect();
    assert_eq!(unique.len(), 3);
}

#[test]
fn index_path_from_env_and_default() {
    let d = Dir::new();
    d.write("in/a.txt", "Headline\n\nSome harbour news.\n");
    let mut c = d.cmd(&["index", "in", "--quiet"]);
    c.env("NEWSDEX_INDEX", "from-env");
    assert_eq!(run(c).code, 0);
    assert!(d.path().join("from-env/newsdex.json").exists());
    assert_eq!(d.run(&["index", "in", "--quiet"]).code, 0);
    assert!(d.path().join("newsdex-index/newsdex.json").exists());
    let mut c = d.cmd(&["search", "harbour", "--format", "json"]);
    c.env("NEWSDEX_INDEX", "from-env");
    assert_eq!(run(c).json()["total"], 1);
}

#[test]
fn missing_input_is_an_error() {
    let d = Dir::new();
    let r = d.run(&["index", "no-such-dir", "--index", "idx"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("newsdex: error: no-such-dir"),
        "{}",
        r.stderr
    );
}

#[test]
fn thread_counts_out_of_range_are_refused_before_any_work() {
    let d = Dir::new();
    d.write("in/a.txt", "A headline\n\nA paragraph about the harbour.\n");
    for n in ["0", "100000", "many"] {
        let r = d.run(&["index", "in", "--index", "idx", "--threads", n]);
        assert_eq!(r.code, 2, "--threads {n}: {}", r.stderr);
        assert!(r.stderr.contains("--threads"), "--threads {n}: {}", r.stderr);
        assert!(!d.path().join("idx").exists(), "--threads {n} created the index");
    }
    let r = d.run(&["index", "in", "--index", "idx", "--threads", "3", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["articles"], 1);
}

#[test]
fn a_report_that_cannot_be_written_fails_before_any_work() {
    let d = Dir::new();
    d.write("in/a.txt", "A headline\n\nA paragraph about the harbour.\n");
    let r = d.run(&[
        "index",
        "in",
        "--index",
        "idx",
        "--report",
        "no-such-dir/skipped.jsonl",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("no-such-dir/skipped.jsonl"), "{}", r.stderr);
    assert!(
        !d.path().join("idx").exists(),
        "the index was built before the report failed"
    );
}

#[cfg(unix)]
#[test]
fn files_whose_names_differ_only_in_bytes_that_are_not_utf8_are_two_files() {
    // Keys were the lossy text of the path, `caf�.txt` for both: the second file replaced
    // the first in the index ("indexed 2 articles ... 1 articles in the index").
    use std::os::unix::ffi::OsStrExt;
    let d = Dir::new();
    std::fs::create_dir(d.path().join("in")).unwrap();
    let name = |b: u8| std::ffi::OsStr::from_bytes(&[b'c', b'a', b'f', b, b'.', b't', b'x', b't']).to_owned();
    std::fs::write(
        d.path().join("in").join(name(0xe9)),
        "First\n\nThe harbour cafe reopened.\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("in").join(name(0xe8)),
        "Second\n\nThe harbour cafe closed.\n",
    )
    .unwrap();
    let s = d.run(&["index", "in", "--index", "idx", "--json"]).json();
    assert_eq!(s["articles"], 2, "{s}");
    let titles = |d: &Dir| {
        let r = d.run(&["search", "--index", "idx", "harbour", "--format", "json"]);
        let mut t: Vec<String> = r.json()["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["title"].as_str().unwrap().to_string())
            .collect();
        t.sort();
        t
    };
    assert_eq!(titles(&d), ["First", "Second"]);
    // Unchanged on a second run; removing one file removes its article only.
    let s = d.run(&["index", "in", "--index", "idx", "--json"]).json();
    assert_eq!(s["unchanged"], 2, "{s}");
    std::fs::remove_file(d.path().join("in").join(name(0xe8))).unwrap();
    let s = d.run(&["index", "in", "--index", "idx", "--json"]).json();
    assert_eq!(s["removed"], 1, "{s}");
    assert_eq!(titles(&d), ["First"]);
}
