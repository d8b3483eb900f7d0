//! The indexing pipeline: walk → read → extract → index, counting everything it skips.
//!
//! Files are read and parsed on worker threads while the calling thread feeds Tantivy's
//! writer, so parsing overlaps with indexing. Nothing is lost silently: every file or record
//! that is not indexed is in [`IngestSummary::skipped`] with its reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use serde::Serialize;

use crate::error::Result;
use crate::index::NewsIndex;
use crate::read::{self, FileRead, Problem};

/// How to index.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Tantivy's indexing memory budget in MiB (at least 15 per thread).
    pub memory_mb: usize,
    /// Threads for reading and for Tantivy's indexing; `None` uses every core.
    pub threads: Option<usize>,
    /// Commit after this many articles, so a long run's work is durable as it goes.
    pub commit_every: u64,
    /// Read every file in this format instead of telling it from name and content.
    pub format: Option<crate::read::Format>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            memory_mb: 256,
            threads: None,
            commit_every: 200_000,
            format: None,
        }
    }
}

/// Where the indexer is, for progress displays.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Files handled so far.
    pub files_done: u64,
    /// Files found by the walk.
    pub files_total: u64,
    /// Articles indexed so far.
    pub articles: u64,
}

/// What an indexing run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    /// Files found under the given paths.
    pub files: u64,
    /// Articles indexed.
    pub articles: u64,
    /// Articles per input format (`text`, `json`, `jsonl`, `csv`, `reuters-sgml`, `rss` ...).
    pub formats: BTreeMap<String, u64>,
    /// Files and records that were not indexed, and why.
    pub skipped: Vec<Problem>,
    /// Articles indexed with something left out (an unreadable date, an odd encoding).
    pub warnings: Vec<Problem>,
    /// Wall-clock time of the run, in seconds.
    pub seconds: f64,
    /// Articles in the index after the run.
    pub total_in_index: u64,
}

impl IngestSummary {
    /// Articles indexed per second of wall-clock time.
    pub fn articles_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.articles as f64 / self.seconds
        } else {
            0.0
        }
    }
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_str().is_some_and(|s| s.starts_with('.'))
}

/// Lists the files under `roots` (a root may be a file), skipping hidden files and folders.
/// Walk errors (unreadable folders, symlink loops) come back as problems.
pub fn walk(roots: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for root in roots {
        let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
        for entry in walker.into_iter().filter_entry(|e| !is_hidden(e)) {
            match entry {
                Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().unwrap_or(root).display().to_string();
                    let reason = match e.io_error() {
                        Some(io) => format!("cannot read: {io}"),
                        None => e.to_string(),
                    };
                    problems.push(Problem {
                        path,
                        record: None,
                        reason,
                    });
                }
            }
        }
    }
    (files, problems)
}

/// Indexes every article under `roots` into `index`, calling `progress` as files complete.
///
/// Fails only when the index itself cannot be written; unreadable input is reported in the
/// summary and the rest is indexed.
pub fn index_paths(
    index: &NewsIndex,
    roots: &[PathBuf],
    options: &IngestOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<IngestSummary> {
    let started = Instant::now();
    for root in roots {
        if let Err(source) = std::fs::metadata(root) {
            return Err(crate::Error::Io {
                path: root.clone(),
                source,
            });
        }
    }
    let (files, walk_problems) = walk(roots);
    let threads = options
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, usize::from))
        .max(1);
    let memory = options.memory_mb.max(15 * threads) * 1024 * 1024;
    let mut writer = index.writer(memory, threads)?;
    let mut summary = IngestSummary {
        files: files.len() as u64,
        skipped: walk_problems,
        ..Default::default()
    };

    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<FileRead>(threads * 4);
    let mut since_commit = 0u64;
    let outcome: Result<()> = std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, files) = (&next, &files);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    if tx.send(read_one(path, options.format)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (done, read) in (1u64..).zip(rx) {
            for a in &read.articles {
                writer.add(a)?;
                summary.articles += 1;
                since_commit += 1;
                *summary.formats.entry(a.format.clone()).or_default() += 1;
            }
            summary.skipped.extend(read.skipped);
            summary.warnings.extend(read.warnings);
            if since_commit >= options.commit_every {
                writer.commit()?;
                since_commit = 0;
            }
            progress(Progress {
                files_done: done,
                files_total: summary.files,
                articles: summary.articles,
            });
        }
        Ok(())
    });
    // Stop the workers' channel before reporting an error; the scope has joined them.
    outcome?;
    writer.finish()?;
    summary
        .skipped
        .sort_by(|a, b| (&a.path, a.record).cmp(&(&b.path, b.record)));
    summary
        .warnings
        .sort_by(|a, b| (&a.path, a.record).cmp(&(&b.path, b.record)));
    summary.total_in_index = index.num_articles()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Reads one file, turning a panic in a reader into a skip rather than a crash.
fn read_one(path: &Path, format: Option<read::Format>) -> FileRead {
    match std::panic::catch_unwind(|| read::read_file_as(path, format)) {
        Ok(r) => r,
        Err(_) => FileRead {
            skipped: vec![Problem {
                path: path.display().to_string(),
                record: None,
                reason: "internal error while reading this file (please report it)".into(),
            }],
            ..FileRead::default()
        },
    }
}
