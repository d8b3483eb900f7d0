//! `newsdex index`: walk, read, index, and report what was skipped.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use newsdex::{IngestOptions, IngestSummary, NewsIndex, Problem};

use crate::Outcome;
use crate::args::IndexArgs;

/// How many skipped files the human summary lists before pointing at `--report`.
const SHOWN: usize = 20;

pub fn run(index_path: &Path, a: &IndexArgs) -> anyhow::Result<Outcome> {
    let options = IngestOptions {
        memory_mb: a.memory_mb,
        threads: a.threads.map(usize::from),
        format: a.format.map(Into::into),
        commit_every: a.commit_every.max(1),
    };
    // Opened first: a report that cannot be written fails the run before any work, not after
    // a long one, with its summary lost.
    let report = match &a.report {
        Some(path) => Some((
            path,
            std::fs::File::create(path).with_context(|| format!("writing report {}", path.display()))?,
        )),
        None => None,
    };
    let index = NewsIndex::create_or_open(index_path)?;
    let bar = (!a.quiet && !a.json && std::io::stderr().is_terminal()).then(|| {
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template("{spinner} {pos}/{len} files, {msg} [{elapsed_precise}] {wide_bar}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    });
    let summary = newsdex::index_paths(&index, &a.paths, &options, &mut |p| {
        if let Some(b) = &bar {
            b.set_length(p.files_total);
            b.set_position(p.files_done);
            b.set_message(format!("{} articles", p.articles));
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if let Some((path, file)) = report {
        write_report(file, &summary).with_context(|| format!("writing report {}", path.display()))?;
    }
    if a.json {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer(&mut out, &summary_json(&summary, index_path))?;
        writeln!(out)?;
    } else if !a.quiet {
        print_summary(&summary, index_path);
    }
    // Like grep: 1 when the index holds nothing (no article was found anywhere).
    Ok(if summary.total_in_index > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// The `--json` summary. Fields: `files`, `articles`, `added`, `updated`, `unchanged` and
/// `removed` (files, by what this run did with them), `formats` (articles per format),
/// `skipped` and `warnings` (`[{"path", "record", "reason"}]`, `record` null for a whole file),
/// `seconds`, `articles_per_second`, `index`, `total_in_index`.
fn summary_json(s: &IngestSummary, index: &Path) -> serde_json::Value {
    serde_json::json!({
        "files": s.files,
        "articles": s.articles,
        "added": s.added,
        "updated": s.updated,
        "unchanged": s.unchanged,
        "removed": s.removed,
        "formats": s.formats,
        "skipped": s.skipped,
        "warnings": s.warnings,
        "seconds": s.seconds,
        "articles_per_second": s.articles_per_second(),
        "index": index.display().to_string(),
        "total_in_index": s.total_in_index,
    })
}

fn write_report(file: std::fs::File, s: &IngestSummary) -> anyhow::Result<()> {
    let mut f = std::io::BufWriter::new(file);
    for p in &s.skipped {
        serde_json::to_writer(&mut f, p)?;
        writeln!(f)?;
    }
    f.flush()?;
    Ok(())
}

fn problem_line(p: &Problem) -> String {
    match p.record {
        Some(r) => format!("  {} (record {}): {}", p.path, r, p.reason),
        None => format!("  {}: {}", p.path, p.reason),
    }
}

fn print_summary(s: &IngestSummary, index: &Path) {
    let formats: Vec<String> = s.formats.iter().map(|(f, n)| format!("{f} {n}")).collect();
    eprintln!(
        "indexed {} articles from {} files in {:.2} s ({:.0} articles/s) into {}; {} articles in the index",
        s.articles,
        s.files,
        s.seconds,
        s.articles_per_second(),
        index.display(),
        s.total_in_index
    );
    if !formats.is_empty() {
        eprintln!("  by format: {}", formats.join(", "));
    }
    eprintln!(
        "  files: {} added, {} updated, {} unchanged, {} removed",
        s.added, s.updated, s.unchanged, s.removed
    );
    for (label, list) in [("skipped", &s.skipped), ("warnings", &s.warnings)] {
        if list.is_empty() {
            continue;
        }
        eprintln!("{label}: {}", list.len());
        for p in list.iter().take(SHOWN) {
            eprintln!("{}", problem_line(p));
        }
        if list.len() > SHOWN {
            eprintln!(
                "  ... and {} more (see --json, or --report FILE)",
                list.len() - SHOWN
            );
        }
    }
}
