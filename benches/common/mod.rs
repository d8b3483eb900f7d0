//! What the benchmarks share.

use std::path::PathBuf;

/// The corpus a benchmark reads: the directory `BENCH_CORPUS` names, else `real` under
/// `../shared/corpora` beside the checkout when it is there, else the sample corpus.
pub fn corpus(real: &str) -> PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = root.join("../shared/corpora").join(real);
    match std::env::var_os("BENCH_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None if real.is_dir() => real,
        None => root.join("sample-corpus"),
    }
}
