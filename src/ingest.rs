//! The indexing pipeline: walk → read → extract → index, counting everything it skips.
//!
//! Files are read and parsed on worker threads while the calling thread feeds Tantivy's
//! writer, so parsing overlaps with indexing. A big file's records are shared out over the
//! same number of threads (a rayon pool), so one large dump keeps every core busy as a
//! directory of small files does. Nothing is lost silently: every file or record that is not
//! indexed is in [`IngestSummary::skipped`] with its reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use serde::Serialize;

use crate::error::Result;
use crate::index::NewsIndex;
use crate::manifest::{FileEntry, Manifest};
use crate::read::{self, FileRead, Problem};

/// How to index.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Tantivy's indexing memory budget in MiB (at least 15 and at most 4,095 per thread;
    /// default 512, so that a bulk load of half a million articles writes one segment per
    /// thread).
    pub memory_mb: usize,
    /// Threads for reading and for Tantivy's indexing; `None` uses every core (at most
    /// 1,024 either way).
    pub threads: Option<usize>,
    /// Commit after this many articles, so a long run's work is durable as it goes (default
    /// a million, about 45 s of work on 2 cores: each commit writes the segments being built,
    /// smaller than the budget allows, and those are merged later).
    pub commit_every: u64,
    /// Read every file in this format instead of telling it from name and content.
    pub format: Option<crate::read::Format>,
}

/// The most threads a run starts for reading, and for indexing ([`IngestOptions::threads`] is
/// held to it; `newsdex index --threads` refuses more): each indexing thread builds a segment
/// of its own, so more would write thousands of small segments (and the system refuses that
/// many threads long before the memory budget arithmetic overflows).
pub const MAX_THREADS: usize = 1024;

/// The least memory budget a Tantivy indexing thread takes, in MiB.
const MIN_MB_PER_THREAD: usize = 15;

/// The most a Tantivy indexing thread takes, in MiB: its arena is addressed with 32 bits, and
/// Tantivy refuses a budget of 4 GiB less one MB or more per thread. A larger
/// [`IngestOptions::memory_mb`] is held to it rather than refused: each thread then writes a
/// segment whenever its 4 GiB are full, the most Tantivy can do with any budget.
const MAX_MB_PER_THREAD: usize = 4095;

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            memory_mb: 512,
            threads: None,
            commit_every: 1_000_000,
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
    /// Files read for the first time.
    pub added: u64,
    /// Files read again because they changed.
    pub updated: u64,
    /// Files left alone: unchanged since the last run.
    pub unchanged: u64,
    /// Files gone from under the given roots, their articles deleted.
    pub removed: u64,
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
    let (files, problems) = walk_with_keys(roots);
    (files.into_iter().map(|(path, _)| path).collect(), problems)
}

/// [`walk`], with each file's key ([`crate::manifest::file_key`], its canonical path) where
/// the walk knows it: a file reached from its root through no symbolic link has the root's
/// canonical path followed by its path below the root. Resolving each file's path instead
/// cost a `readlink` per component of the path (35,000 calls for the real corpora).
fn walk_with_keys(roots: &[PathBuf]) -> (Vec<(PathBuf, Option<String>)>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for root in roots {
        let canonical_root = std::fs::canonicalize(root).ok();
        // Whether the folder at each depth of the current path, and those above it, were
        // reached without a link (the root itself may be one: it is resolved above).
        let mut unlinked: Vec<bool> = Vec::new();
        let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
        for entry in walker.into_iter().filter_entry(|e| !is_hidden(e)) {
            match entry {
                Ok(e) if e.file_type().is_file() || e.file_type().is_dir() => {
                    let depth = e.depth();
                    unlinked.truncate(depth);
                    let above = depth == 0 || unlinked.get(depth - 1) == Some(&true);
                    let clean = above && (depth == 0 || !e.path_is_symlink());
                    if e.file_type().is_dir() {
                        unlinked.push(clean);
                        continue;
                    }
                    let key = match (&canonical_root, clean) {
                        // A root that is a file is its own key: `join("")` would add a `/`,
                        // and the file would be another file than when reached through its
                        // folder (read again, and not found by `ArticleWriter::add`).
                        (Some(c), true) => e.path().strip_prefix(root).ok().map(|below| {
                            crate::manifest::path_key(&if below.as_os_str().is_empty() {
                                c.clone()
                            } else {
                                c.join(below)
                            })
                        }),
                        _ => None,
                    };
                    files.push((e.into_path(), key));
                }
                // FIFOs, sockets, devices: reading one could block forever.
                Ok(e) => problems.push(Problem {
                    path: e.path().display().to_string(),
                    record: None,
                    reason: "not a regular file".into(),
                }),
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

/// A reading thread hands its files to the indexing thread in groups, once they hold this
/// many articles or are this many files (unchanged or unreadable files hold none). One
/// message per file woke the indexing thread for each: a load of the real corpora (5,000
/// files, most of one article) made 16,000 context switches; in groups, 8,700, and 8 % less
/// wall time.
const GROUP: usize = 64;

/// What a worker found out about one file.
enum Scanned {
    /// Same size and modification time, or same content, as when last indexed.
    Unchanged { key: String, entry: FileEntry },
    /// New or changed: its articles, to replace whatever the index had from it.
    Read {
        key: String,
        entry: FileEntry,
        existed: bool,
        read: FileRead,
    },
}

/// Decides whether a file changed since the manifest recorded it, and reads it if so.
/// A file of [`read::PARALLEL_BYTES`] or more is read inside `pool`, whose idle threads then
/// take over some of its records.
fn scan(
    path: &Path,
    key: Option<&str>,
    manifest: &Manifest,
    format: Option<read::Format>,
    pool: &rayon::ThreadPool,
) -> Scanned {
    let key = key.map_or_else(|| crate::manifest::file_key(path), str::to_owned);
    let previous = manifest.get(&key);
    let meta = std::fs::metadata(path).ok();
    let (size, mtime_ns) = meta
        .as_ref()
        .map_or((0, 0), |m| (m.len(), crate::manifest::mtime_ns(m)));
    if let Some(p) = previous
        && meta.is_some()
        && p.size == size
        && p.mtime_ns == mtime_ns
    {
        return Scanned::Unchanged {
            key,
            entry: p.clone(),
        };
    }
    let bytes = match read::load(path) {
        Ok(b) => b,
        Err(reason) => {
            let read = read::skipped_file(path, reason);
            let entry = FileEntry {
                size,
                mtime_ns,
                hash: String::new(),
                articles: 0,
            };
            return Scanned::Read {
                key,
                entry,
                existed: previous.is_some(),
                read,
            };
        }
    };
    let hash = blake3::hash(&bytes).to_hex().to_string();
    if let Some(p) = previous
        && p.hash == hash
    {
        // Touched but not changed: only the recorded time moves.
        return Scanned::Unchanged {
            key,
            entry: FileEntry {
                size,
                mtime_ns,
                ..p.clone()
            },
        };
    }
    let read = if bytes.len() >= read::PARALLEL_BYTES {
        pool.install(|| read_one(path, &key, bytes, format))
    } else {
        read_one(path, &key, bytes, format)
    };
    let entry = FileEntry {
        size,
        mtime_ns,
        hash,
        articles: read.articles.len() as u64,
    };
    Scanned::Read {
        key,
        entry,
        existed: previous.is_some(),
        read,
    }
}

/// Indexes every article under `roots` into `index`, calling `progress` as files complete.
///
/// Incremental: a file whose size and modification time (or, failing those, content hash)
/// match the index's manifest is not read again; a changed file's articles are replaced; the
/// articles of files that were under a root before and are gone now are deleted. The index
/// and the manifest are committed together every [`IngestOptions::commit_every`] articles and
/// at the end, so a run killed at any point loses at most the work since the last commit.
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
    let threads = options
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, usize::from))
        .clamp(1, MAX_THREADS);
    let memory = options
        .memory_mb
        .clamp(MIN_MB_PER_THREAD * threads, MAX_MB_PER_THREAD * threads)
        * 1024
        * 1024;
    // Take the lock before looking at the manifest: it is ours until the end.
    let mut writer = index.writer(memory, threads)?;
    // What the index held before this run (the workers compare against it), and what it
    // holds as of the last commit of this run (saved with each commit).
    let manifest = Manifest::load(index.path());
    // An index that holds nothing yet has nothing to delete: a bulk load then queues no
    // deletes (each costs a term lookup per segment at commit).
    let was_empty = index.reader().searcher().num_docs() == 0;
    let mut current = manifest.clone();
    let (files, walk_problems) = walk_with_keys(roots);
    let mut summary = IngestSummary {
        files: files.len() as u64,
        skipped: walk_problems,
        ..Default::default()
    };

    let next = AtomicUsize::new(0);
    // The files are read on `threads` threads, and so are the records of a big file
    // (`read::read_bytes` shares them out): a reading thread hands a big file to this pool,
    // whose idle threads take over some of its records. Small files stay on their thread.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("newsdex-read-{i}"))
        .build()
        .map_err(|e| crate::Error::Io {
            path: index.path().to_path_buf(),
            source: std::io::Error::other(format!("cannot start reading threads: {e}")),
        })?;
    let (tx, rx) = mpsc::sync_channel::<Vec<Scanned>>(threads * 4);
    let mut since_commit = 0u64;
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    // Manifest changes waiting for the commit that makes them true.
    let mut pending: Vec<(String, FileEntry)> = Vec::new();
    let save_err = |e: std::io::Error| crate::Error::Io {
        path: index.path().join(crate::manifest::MANIFEST_FILE),
        source: e,
    };
    let outcome: Result<()> = std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, files, manifest, pool) = (&next, &files, &manifest, &pool);
            scope.spawn(move || {
                let mut group = Vec::new();
                let mut articles = 0;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, key)) = files.get(i) else { break };
                    let scanned = scan(path, key.as_deref(), manifest, options.format, pool);
                    if let Scanned::Read { read, .. } = &scanned {
                        articles += read.articles.len();
                    }
                    group.push(scanned);
                    if articles >= GROUP || group.len() >= GROUP {
                        if tx.send(std::mem::take(&mut group)).is_err() {
                            return;
                        }
                        articles = 0;
                    }
                }
                if !group.is_empty() {
                    let _ = tx.send(group);
                }
            });
        }
        drop(tx);
        for (done, scanned) in (1u64..).zip(rx.into_iter().flatten()) {
            match scanned {
                Scanned::Unchanged { key, entry } => {
                    summary.unchanged += 1;
                    seen.insert(key.clone());
                    pending.push((key, entry));
                }
                Scanned::Read {
                    key,
                    entry,
                    existed,
                    read,
                } => {
                    if existed {
                        summary.updated += 1;
                    } else {
                        summary.added += 1;
                    }
                    // Whatever the index held from this file goes, even after a crash that
                    // left the manifest behind (a file seen twice in one run, through a
                    // link, replaces its first reading).
                    if !was_empty || seen.contains(&key) {
                        writer.delete_file(&key)?;
                    }
                    for a in read.articles {
                        *summary.formats.entry(a.format.clone()).or_default() += 1;
                        writer.add_new(a, &key)?;
                        summary.articles += 1;
                        since_commit += 1;
                    }
                    summary.skipped.extend(read.skipped);
                    summary.warnings.extend(read.warnings);
                    seen.insert(key.clone());
                    pending.push((key, entry));
                }
            }
            if since_commit >= options.commit_every {
                writer.commit()?;
                for (k, e) in pending.drain(..) {
                    current.insert(k, e);
                }
                current.save().map_err(save_err)?;
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
    outcome?;
    // Files recorded under these roots that the walk no longer finds.
    let mut gone = Vec::new();
    for root in roots {
        let root_key = crate::manifest::file_key(root);
        for k in manifest.under(&root_key) {
            if !seen.contains(k) {
                gone.push(k.clone());
            }
        }
    }
    gone.sort();
    gone.dedup();
    for k in &gone {
        writer.delete_file(k)?;
    }
    summary.removed = gone.len() as u64;
    writer.finish()?;
    for (k, e) in pending {
        current.insert(k, e);
    }
    for k in &gone {
        current.remove(k);
    }
    current.save().map_err(save_err)?;
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

/// Reads one loaded file, turning a panic in a reader into a skip rather than a crash.
fn read_one(path: &Path, key: &str, bytes: Vec<u8>, format: Option<read::Format>) -> FileRead {
    match std::panic::catch_unwind(|| read::read_loaded_from(path, Some(key), bytes, format)) {
        Ok(r) => r,
        Err(_) => read::skipped_file(
            path,
            "internal error while reading this file (please report it)".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_knows_the_key_of_every_file_reached_without_a_link() {
        let d = tempfile::tempdir().unwrap();
        let top = d.path().join("top");
        std::fs::create_dir_all(top.join("a/b")).unwrap();
        std::fs::create_dir_all(d.path().join("elsewhere")).unwrap();
        for f in [
            "top/one.txt",
            "top/a/two.txt",
            "top/a/b/three.txt",
            "elsewhere/four.txt",
        ] {
            std::fs::write(d.path().join(f), "Title\n\nBody.\n").unwrap();
        }
        // A folder and a file reached through links, and the root itself through a link.
        std::os::unix::fs::symlink(d.path().join("elsewhere"), top.join("a/linked")).unwrap();
        std::os::unix::fs::symlink(top.join("one.txt"), top.join("a/alias.txt")).unwrap();
        std::os::unix::fs::symlink(&top, d.path().join("root-link")).unwrap();
        for root in [top.clone(), d.path().join("root-link"), top.join("a/../a")] {
            let (files, problems) = walk_with_keys(std::slice::from_ref(&root));
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(files.len(), 5 - usize::from(root.ends_with("a")), "{files:?}");
            for (path, key) in &files {
                let linked = path
                    .components()
                    .any(|c| c.as_os_str() == "linked" || c.as_os_str() == "alias.txt");
                // Known exactly when no link lies below the root, and then right.
                assert_eq!(key.is_some(), !linked, "{}", path.display());
                if let Some(k) = key {
                    assert_eq!(k, &crate::manifest::file_key(path));
                }
            }
        }
    }
}
