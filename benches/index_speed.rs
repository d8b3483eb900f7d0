//! Indexing speed of articles already read and extracted, and the share of it that quote
//! documents take.
//!
//! A whole `newsdex index` run times reading, extraction and Tantivy's indexing together, on
//! every core, and varies by 5-10 % from run to run on a small virtual machine: too coarse to
//! see a change of a few per cent in what Tantivy is given. This benchmark reads and extracts
//! every article first (not timed), then times only handing them to an index writer and
//! finishing the index, on one indexing thread by default, several times, and prints the
//! fastest and median rounds. It does so twice: with the articles as read, and with their
//! quotes removed (so no quote documents and no stored quotes), which prices the quote
//! documents.
//!
//! ```text
//! BENCH_CORPUS=../shared/corpora cargo bench --bench index_speed
//! ```
//!
//! `BENCH_CORPUS` names the directory (default: `../shared/corpora` when it exists, else the
//! sample corpus), `BENCH_ROUNDS` the rounds of each variant (default 5), `BENCH_THREADS` the
//! indexing threads (default 1) and `BENCH_MEMORY_MB` the writer's memory budget (default
//! 512, as `newsdex index`).

use std::time::{Duration, Instant};

use newsdex::{Article, NewsIndex};

/// The allocator the `newsdex` binary indexes with.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

fn main() {
    let corpus = common::corpus("");
    let setting = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|&v| v > 0)
            .unwrap_or(default)
    };
    let rounds = setting("BENCH_ROUNDS", 5);
    let threads = setting("BENCH_THREADS", 1);
    let memory_mb = setting("BENCH_MEMORY_MB", 512);

    // Read and extract once: each article with the key of its file, as `newsdex index`
    // gives them to the writer.
    let (files, _) = newsdex::ingest::walk(std::slice::from_ref(&corpus));
    let articles: Vec<(Article, String)> = files
        .iter()
        .flat_map(|f| {
            let key = newsdex::manifest::file_key(f);
            newsdex::read_file(f)
                .articles
                .into_iter()
                .map(move |a| (a, key.clone()))
        })
        .collect();
    let text: usize = articles
        .iter()
        .map(|(a, _)| a.title.len() + a.subtitle.as_ref().map_or(0, String::len) + a.body.len())
        .sum();
    let quotes: usize = articles.iter().map(|(a, _)| a.quotes.len()).sum();
    let without_quotes: Vec<(Article, String)> = articles
        .iter()
        .map(|(a, key)| {
            let mut a = a.clone();
            a.quotes.clear();
            (a, key.clone())
        })
        .collect();
    println!(
        "corpus: {} ({} articles, {:.1} MB of title, subtitle and body, {} quotes)",
        corpus.display(),
        articles.len(),
        text as f64 / 1e6,
        quotes
    );
    println!(
        "indexing on {threads} thread(s), {memory_mb} MiB, {rounds} rounds each: fastest (median), CPU of the fastest"
    );

    let as_read = measure(&articles, rounds, threads, memory_mb);
    report("as read", &as_read, articles.len());
    let bare = measure(&without_quotes, rounds, threads, memory_mb);
    report("without quotes", &bare, articles.len());
    let share = |f: fn(&Round) -> f64| 100.0 * (1.0 - f(&bare) / f(&as_read));
    println!(
        "quote documents and stored quotes: {:.0} % of the wall time, {:.0} % of the CPU",
        share(|r| r.wall.as_secs_f64()),
        share(|r| r.cpu.unwrap_or_default()),
    );
}

/// The fastest round, and the median round's wall time.
struct Round {
    wall: Duration,
    median: Duration,
    /// CPU seconds of the whole process in the fastest round, where the system tells it.
    cpu: Option<f64>,
}

/// Indexes `articles` into a fresh index `rounds` times.
fn measure(articles: &[(Article, String)], rounds: usize, threads: usize, memory_mb: usize) -> Round {
    let mut runs = Vec::new();
    for _ in 0..rounds {
        let dir = tempfile::tempdir().expect("a temporary directory for the index");
        let index = NewsIndex::create_or_open(dir.path()).expect("a new index");
        // The copies are made before the clock starts: `add_new` takes its article by value.
        let batch = articles.to_vec();
        let cpu = cpu_seconds();
        let start = Instant::now();
        let mut writer = index
            .writer(memory_mb * 1024 * 1024, threads)
            .expect("an index writer");
        for (a, key) in batch {
            writer.add_new(a, &key).expect("article added");
        }
        writer.finish().expect("index committed");
        let wall = start.elapsed();
        let cpu = cpu.zip(cpu_seconds()).map(|(before, after)| after - before);
        runs.push((wall, cpu));
    }
    runs.sort_by_key(|r| r.0);
    Round {
        wall: runs[0].0,
        median: runs[runs.len() / 2].0,
        cpu: runs[0].1,
    }
}

fn report(label: &str, r: &Round, articles: usize) {
    let cpu = r.cpu.map_or_else(|| "n/a".to_string(), |c| format!("{c:.2} s"));
    println!(
        "  {label:<15} {:.3} s ({:.3} s), {:.0} articles/s, CPU {cpu}",
        r.wall.as_secs_f64(),
        r.median.as_secs_f64(),
        articles as f64 / r.wall.as_secs_f64()
    );
}

/// User and system CPU seconds of this process so far (all threads), from `/proc/self/stat`;
/// `None` where there is no such file.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which is in parentheses and may hold spaces):
    // utime and stime are the 12th and 13th of them, in clock ticks of 1/100 s on Linux.
    let after = stat.rsplit_once(')')?.1;
    let mut fields = after.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}
