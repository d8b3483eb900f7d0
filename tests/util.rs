//! Test harness: temporary directories with named fixture files, and a `newsdex` command
//! with the tool's environment variables cleared so tests are hermetic.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary working directory.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes a fixture file (creating folders), returning its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, contents).expect("write fixture");
        p
    }

    /// A `newsdex` command run inside this directory.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_newsdex"));
        c.current_dir(self.path())
            .env_remove("NEWSDEX_INDEX")
            .env_remove("NO_COLOR")
            .args(args);
        c
    }

    /// Runs `newsdex` with `args`, returning exit code, stdout and stderr.
    pub fn run(&self, args: &[&str]) -> Run {
        run(self.cmd(args))
    }
}

/// What a command did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Stdout parsed as one JSON value.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }

    /// Stdout parsed as JSON lines.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect()
    }
}

pub fn run(mut c: Command) -> Run {
    let out = c.output().expect("run newsdex");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The repository's sample corpus.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus")
}

/// The shared real corpora, when present. With `NEWSDEX_REQUIRE_CORPORA=1` their absence is a
/// failure, not a skip.
pub fn corpora() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if p.is_dir() {
        return Some(p);
    }
    if std::env::var("NEWSDEX_REQUIRE_CORPORA").as_deref() == Ok("1") {
        panic!("NEWSDEX_REQUIRE_CORPORA=1 but {} is missing", p.display());
    }
    eprintln!("skipping: {} not found", p.display());
    None
}

/// A directory with the sample corpus indexed into `idx`.
pub fn indexed_sample() -> Dir {
    let d = Dir::new();
    let corpus = sample_corpus();
    let r = d.run(&["index", corpus.to_str().unwrap(), "--index", "idx", "--quiet"]);
    assert_eq!(r.code, 0, "{r:?}");
    d
}

/// Text of each highlight of each snippet of a JSON hit (offsets are in characters).
pub fn highlighted(hit: &serde_json::Value, field: &str) -> Vec<String> {
    let mut out = Vec::new();
    for s in hit["snippets"].as_array().unwrap() {
        if s["field"] != field {
            continue;
        }
        let chars: Vec<char> = s["text"].as_str().unwrap().chars().collect();
        for h in s["highlights"].as_array().unwrap() {
            let (a, b) = (h[0].as_u64().unwrap() as usize, h[1].as_u64().unwrap() as usize);
            out.push(chars[a..b].iter().collect());
        }
    }
    out
}
