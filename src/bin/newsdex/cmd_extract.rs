//! `newsdex extract`: parse files without indexing and print what the indexer would store.

use std::io::Write;

use crate::Outcome;
use crate::args::ExtractArgs;

pub fn run(a: &ExtractArgs) -> anyhow::Result<Outcome> {
    for p in &a.paths {
        if let Err(e) = std::fs::metadata(p) {
            anyhow::bail!("{}: {e}", p.display());
        }
    }
    let (files, walk_problems) = newsdex::ingest::walk(&a.paths);
    for p in walk_problems {
        eprintln!("newsdex: skipped {}: {}", p.path, p.reason);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut any = false;
    for f in files {
        let read = newsdex::read::read_file_as(&f, a.format.map(Into::into));
        for p in read.skipped.iter().chain(&read.warnings) {
            match p.record {
                Some(r) => eprintln!("newsdex: {} (record {r}): {}", p.path, p.reason),
                None => eprintln!("newsdex: {}: {}", p.path, p.reason),
            }
        }
        for article in &read.articles {
            serde_json::to_writer(&mut out, article)?;
            writeln!(out)?;
            any = true;
        }
    }
    out.flush()?;
    Ok(if any {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
