//! # Shaping a corpus for the anchor systems
//!
//! `benches/compare.sh` measures newsdex against tantivy-cli, SQLite FTS5 and Xapian. newsdex
//! reads the raw files; the anchors are given the same articles pre-shaped as JSON Lines, one
//! object per article with the fields they index:
//!
//! ```text
//! {"id":"…","title":"…","body":"…","date":"2016-09-08T00:00:00Z"}
//! ```
//!
//! This helper writes that file with newsdex's own readers, so every system sees the same
//! articles. `--copies N` repeats the corpus N times (ids made unique) for scale runs.
//!
//! ```text
//! cargo run --release --example to_jsonl -- OUT.jsonl DIR [DIR ...] [--copies 20]
//! ```

use std::io::Write;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut copies = 1usize;
    if let Some(i) = args.iter().position(|a| a == "--copies") {
        copies = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(1);
        args.drain(i..(i + 2).min(args.len()));
    }
    if args.len() < 2 {
        eprintln!("usage: to_jsonl OUT.jsonl DIR [DIR ...] [--copies N]");
        std::process::exit(2);
    }
    let out = PathBuf::from(&args[0]);
    let roots: Vec<PathBuf> = args[1..].iter().map(PathBuf::from).collect();
    let (files, problems) = newsdex::ingest::walk(&roots);
    for p in &problems {
        eprintln!("skipped {}: {}", p.path, p.reason);
    }
    // Read once, write `copies` times: the articles are kept as JSON lines in memory.
    let mut lines: Vec<(String, String)> = Vec::new();
    for f in &files {
        let read = newsdex::read_file(f);
        for a in read.articles {
            let mut rest = serde_json::json!({ "title": a.title, "body": a.body });
            // Undated articles have no date field at all (tantivy-cli rejects a null).
            if let Some(d) = a.date {
                rest["date"] = d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true).into();
            }
            lines.push((a.id, rest.to_string()));
        }
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out)?);
    let mut bytes = 0usize;
    for copy in 0..copies {
        for (id, rest) in &lines {
            // `{"title":…}` → `{"id":"…-copy","title":…}`
            let line = format!("{{\"id\":\"{id}-{copy}\",{}\n", &rest[1..]);
            bytes += line.len();
            w.write_all(line.as_bytes())?;
        }
    }
    w.flush()?;
    eprintln!(
        "{} articles ({} x {copies}), {:.1} MB -> {}",
        lines.len() * copies,
        lines.len(),
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}
