//! Quote and speaker extraction speed, files already in memory, one core.
//!
//! Guards the target of 50 MB of article text per second per core: extraction must stay a
//! small fraction of indexing time. Reads the BBC corpus from `../shared/corpora/bbc` (or
//! the sample corpus when it is absent; `BENCH_CORPUS=<dir>` names another), then runs
//! `extract_quotes` over every article body several times and prints MB/s and articles/s,
//! with the allocator the binary uses. Then the same for one long generated text at two
//! lengths, whose speed must not fall with its length.
//!
//! ```text
//! cargo bench --bench extract_speed
//! ```

use std::time::Instant;

/// The allocator the `newsdex` binary uses, so the figure is the one the indexer sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use newsdex::extract::quotes::extract_quotes;

mod common;

fn main() {
    // `BENCH_CORPUS=../shared/corpora` measures every real corpus, not only the BBC's.
    let corpus = common::corpus("bbc");
    let (files, _) = newsdex::ingest::walk(std::slice::from_ref(&corpus));
    let bodies: Vec<String> = files
        .iter()
        .flat_map(|f| newsdex::read_file(f).articles)
        .map(|a| a.body)
        .collect();
    let bytes: usize = bodies.iter().map(String::len).sum();
    let rounds = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or((200_000_000 / bytes.max(1)).clamp(3, 200));
    // For profiling name finding alone: `BENCH_MENTIONS_ONLY=1 perf record …`.
    if std::env::var_os("BENCH_MENTIONS_ONLY").is_some() {
        for _ in 0..rounds {
            for b in &bodies {
                std::hint::black_box(newsdex::extract::names::mentions(b));
            }
        }
        return;
    }
    // Warm up, then measure.
    let mut quotes = 0;
    for b in &bodies {
        quotes += extract_quotes(b).quotes.len();
    }
    let start = Instant::now();
    for _ in 0..rounds {
        for b in &bodies {
            std::hint::black_box(extract_quotes(std::hint::black_box(b)));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    let articles = (bodies.len() * rounds) as f64;
    if std::env::var_os("BENCH_PARTS").is_some() {
        let t = Instant::now();
        for b in &bodies {
            std::hint::black_box(newsdex::extract::names::mentions(b));
        }
        println!(
            "mentions alone: {:.1} MB/s",
            bytes as f64 / 1e6 / t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        for b in &bodies {
            std::hint::black_box(newsdex::extract::names::words(b));
        }
        println!(
            "words alone: {:.1} MB/s",
            bytes as f64 / 1e6 / t.elapsed().as_secs_f64()
        );
    }
    println!(
        "corpus: {} ({} articles, {:.2} MB, {} quotes)",
        corpus.display(),
        bodies.len(),
        bytes as f64 / 1e6,
        quotes
    );
    println!(
        "extract_quotes: {:.1} MB/s, {:.0} articles/s on one core ({rounds} rounds, {secs:.2} s)",
        mb / secs,
        articles / secs
    );
    long_texts();
}

/// One long text (a transcript, a dump saved as one file) of thousands of people, each
/// quoted and named once: the speed should be about that of short articles at any length.
/// Questions about every mention once read all the others, and a 2 MB text took minutes.
fn long_texts() {
    let part = |i: usize| {
        format!(
            "Mr Tom Okafor{i} met officials. \"Plan {i} is fine,\" she said. \"It holds,\" \
             Zed{i} said. Talks in Zed{i} went on. Ms Ann Lee{i} arrived. \"Yes,\" she said. "
        )
    };
    for n in [5_000, 20_000] {
        let text: String = (0..n).map(part).collect();
        let start = Instant::now();
        let quotes = std::hint::black_box(extract_quotes(&text)).quotes.len();
        let secs = start.elapsed().as_secs_f64();
        println!(
            "one text of {:.1} MB, {quotes} quotes: {:.1} MB/s",
            text.len() as f64 / 1e6,
            text.len() as f64 / 1e6 / secs
        );
    }
}
