//! # Query latency, measured in process
//!
//! `benches/compare.sh` times each system's queries the same way: the index is opened once,
//! every query runs `--repeat` times, and the median (p50) and 95th percentile (p95) are
//! printed. This is newsdex's side: each query runs through [`NewsIndex::search`] for the top
//! 10 hits by relevance, once without snippets (hits with their stored fields) and once with
//! two highlighted fragments per hit, as `newsdex search` prints them.
//!
//! The query file has one query per line, tab-separated: a name, the query, then optional
//! filters `since=…`, `until=…`, `speaker=…`.
//!
//! ```text
//! cargo run --release --example query_latency -- INDEX QUERIES.tsv [--repeat 200] [--search-threads N]
//! ```
//!
//! `--search-threads` caps the threads one query may use ([`NewsIndex::set_search_threads`]);
//! by default a costly phrase is split across every core.
//!
//! Output, one tab-separated line per query: name, hits, p50 and p95 in microseconds without
//! snippets, then with snippets.

use std::time::Instant;

use newsdex::{NewsIndex, SearchRequest};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn time(index: &NewsIndex, req: &SearchRequest, repeat: usize) -> Result<(usize, f64, f64), newsdex::Error> {
    let mut total = 0;
    let mut micros = Vec::with_capacity(repeat);
    // One warm-up run: the first touches the files.
    index.search(req)?;
    for _ in 0..repeat {
        let t = Instant::now();
        let r = index.search(req)?;
        micros.push(t.elapsed().as_secs_f64() * 1e6);
        total = r.total;
    }
    micros.sort_by(f64::total_cmp);
    Ok((total, percentile(&micros, 0.5), percentile(&micros, 0.95)))
}

/// Removes `--name VALUE` from `args` and returns the value, parsed.
fn take_flag(args: &mut Vec<String>, name: &str) -> Option<usize> {
    let i = args.iter().position(|a| a == name)?;
    let value = args.get(i + 1).and_then(|n| n.parse().ok());
    args.drain(i..(i + 2).min(args.len()));
    value
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let repeat = take_flag(&mut args, "--repeat").unwrap_or(200);
    let threads = take_flag(&mut args, "--search-threads");
    let [index, queries] = &args[..] else {
        eprintln!("usage: query_latency INDEX QUERIES.tsv [--repeat N] [--search-threads N]");
        std::process::exit(2);
    };
    let mut index = NewsIndex::open(index)?;
    if let Some(threads) = threads {
        index.set_search_threads(threads);
    }
    for line in std::fs::read_to_string(queries)?.lines() {
        let mut cols = line.split('\t');
        let (Some(name), Some(query)) = (cols.next(), cols.next()) else {
            continue;
        };
        let mut req = SearchRequest::new(query);
        for filter in cols {
            match filter.split_once('=') {
                Some(("since", d)) => req = req.since_date(d)?,
                Some(("until", d)) => req = req.until_date(d)?,
                Some(("speaker", s)) => req = req.speaker(s),
                _ => return Err(format!("unknown filter {filter:?} in {line:?}").into()),
            }
        }
        let mut bare = req.clone();
        bare.fragments = 0;
        let (hits, p50, p95) = time(&index, &bare, repeat)?;
        let (_, s50, s95) = time(&index, &req, repeat)?;
        println!("{name}\t{hits}\t{p50:.1}\t{p95:.1}\t{s50:.1}\t{s95:.1}");
    }
    Ok(())
}
