//! The index on disk: creating or opening it (checking its schema version), writing articles
//! into it, and reading them back. The only module besides `schema`, `query` and `search`
//! that names Tantivy types.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, OwnedValue, TantivyDocument, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::article::{Article, Quote};
use crate::backlog::{Backlog, Queued};
use crate::document::{ArticleDoc, documents};
use crate::error::{Error, Result};
use crate::schema::{self, Fields};

/// File, inside the index directory, recording which newsdex schema built it.
pub const META_FILE: &str = "newsdex.json";
/// File, inside the index directory, locked by the one process writing to the index.
pub const LOCK_FILE: &str = "newsdex.lock";
/// Decompressed blocks of stored articles [`NewsIndex::open`] keeps per segment (Tantivy's
/// default).
pub const DOCUMENT_CACHE_BLOCKS: usize = 100;

#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    schema: String,
    schema_version: u32,
    created_by: String,
}

/// An open newsdex index.
pub struct NewsIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    path: PathBuf,
    /// What the reader last loaded, and when that was last checked.
    fresh: std::sync::Mutex<Freshness>,
    /// Most threads one query may use; `None`: one per core, looked up when a query first
    /// could use more than one (the lookup reads three files, a cost every `newsdex search`
    /// process would pay otherwise).
    search_threads: Option<usize>,
    /// The cores, once looked up.
    cores: std::sync::OnceLock<usize>,
}

/// How long a search trusts the last look at `meta.json` (see [`NewsIndex::refresh`]).
const FRESH_FOR: std::time::Duration = std::time::Duration::from_millis(1);

/// The commit the reader has loaded, and when `meta.json` was last compared with it (`None`:
/// compare before the next search).
struct Freshness {
    /// Identity of `meta.json` when the reader last loaded it.
    loaded: Option<MetaStamp>,
    checked: Option<std::time::Instant>,
}

/// What tells one `meta.json` from the next: Tantivy replaces the file on every commit.
type MetaStamp = (u64, Option<std::time::SystemTime>, u64);

fn meta_stamp(dir: &Path) -> Option<MetaStamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(dir.join("meta.json")).ok()?;
    Some((m.ino(), m.modified().ok(), m.len()))
}

impl std::fmt::Debug for NewsIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewsIndex").field("path", &self.path).finish()
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl NewsIndex {
    /// Opens the index at `path`, creating it (and the directory) if there is none.
    ///
    /// A new index is built in a hidden sibling directory and renamed into place, so a
    /// process killed while creating it leaves either no index or a whole one.
    pub fn create_or_open(path: impl AsRef<Path>) -> Result<NewsIndex> {
        let path = path.as_ref();
        if path.join(META_FILE).exists() {
            return NewsIndex::open(path);
        }
        if path.exists() {
            let is_empty = std::fs::read_dir(path).map_err(io_err(path))?.next().is_none();
            if !is_empty {
                return Err(Error::Io {
                    path: path.to_path_buf(),
                    source: std::io::Error::other(
                        "directory exists and is not a newsdex index; choose another --index path",
                    ),
                });
            }
        }
        let name = path
            .file_name()
            .map_or_else(|| "newsdex-index".into(), |n| n.to_string_lossy().into_owned());
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let tmp = parent.join(format!(".{name}.creating"));
        if tmp.exists() {
            // Left by a run killed while creating the index: nothing in it was ever used.
            std::fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
        }
        std::fs::create_dir(&tmp).map_err(io_err(&tmp))?;
        let index = Index::create_in_dir(&tmp, schema::build_schema()).map_err(|source| Error::Index {
            path: tmp.clone(),
            source,
        })?;
        drop(index);
        let meta = Meta {
            schema: schema::spec().name.clone(),
            schema_version: schema::version(),
            created_by: format!("newsdex {}", env!("CARGO_PKG_VERSION")),
        };
        let json = serde_json::to_string_pretty(&meta).map_err(|e| Error::Io {
            path: tmp.join(META_FILE),
            source: std::io::Error::other(e),
        })?;
        std::fs::write(tmp.join(META_FILE), json).map_err(io_err(&tmp))?;
        if path.exists() {
            std::fs::remove_dir(path).map_err(io_err(path))?;
        }
        std::fs::rename(&tmp, path).map_err(io_err(path))?;
        NewsIndex::open(path)
    }

    /// Opens an existing index; fails with [`Error::NoIndex`] if there is none and
    /// [`Error::SchemaVersion`] if another schema version built it.
    ///
    /// The stored articles that hits show are read from compressed blocks, and the last
    /// [`DOCUMENT_CACHE_BLOCKS`] blocks read from each segment are kept decompressed, so a
    /// program that searches again and again reads the articles it shows often from memory.
    pub fn open(path: impl AsRef<Path>) -> Result<NewsIndex> {
        NewsIndex::open_with_document_cache(path, DOCUMENT_CACHE_BLOCKS)
    }

    /// [`NewsIndex::open`], keeping `blocks` decompressed blocks of stored articles per
    /// segment instead of [`DOCUMENT_CACHE_BLOCKS`].
    ///
    /// A process that runs one search and exits, as `newsdex search` does, reads each block
    /// once and gains nothing from keeping it; with `0` each block is dropped once its
    /// article is read, and the next is decompressed into the same memory instead of memory
    /// the kernel must first hand over and zero. Measured on the real corpora (300
    /// interleaved runs of each): a whole `newsdex search` process for a phrase 1.97 → 1.90
    /// ms, 39 fewer page faults; `newsdex quotes` 2.50 → 2.42 ms.
    pub fn open_with_document_cache(path: impl AsRef<Path>, blocks: usize) -> Result<NewsIndex> {
        let path = path.as_ref();
        let meta_path = path.join(META_FILE);
        let raw = match std::fs::read_to_string(&meta_path) {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NoIndex {
                    path: path.to_path_buf(),
                });
            }
            Err(e) => {
                return Err(Error::Io {
                    path: meta_path,
                    source: e,
                });
            }
        };
        let found = serde_json::from_str::<Meta>(&raw)
            .map(|m| m.schema_version)
            .unwrap_or(0);
        if found != schema::version() {
            return Err(Error::SchemaVersion {
                path: path.to_path_buf(),
                found,
                expected: schema::version(),
            });
        }
        let index = Index::open_in_dir(path).map_err(|source| Error::Index {
            path: path.to_path_buf(),
            source,
        })?;
        NewsIndex::from_index(index, path, blocks)
    }

    fn from_index(index: Index, path: &Path, document_cache_blocks: usize) -> Result<NewsIndex> {
        let err = |source| Error::Index {
            path: path.to_path_buf(),
            source,
        };
        schema::register_analyzers(&index);
        let fields = Fields::new(&index.schema()).map_err(err)?;
        let loaded = meta_stamp(path);
        let reader = opening_segments(|| {
            index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .doc_store_cache_num_blocks(document_cache_blocks)
                .try_into()
        })
        .map_err(err)?;
        Ok(NewsIndex {
            index,
            reader,
            fields,
            path: path.to_path_buf(),
            // The reader has just loaded the last commit: nothing to check yet.
            fresh: std::sync::Mutex::new(Freshness {
                loaded,
                checked: Some(std::time::Instant::now()),
            }),
            search_threads: None,
            cores: std::sync::OnceLock::new(),
        })
    }

    /// The index directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying Tantivy index, for programs that need more than newsdex offers.
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Sets how many threads one query may use (at least 1; the default is one per core).
    ///
    /// A phrase whose words are each in many documents (20,000 or more) is searched on that
    /// many threads, each taking slices of the index in turn; other queries, which gain less
    /// than starting a thread costs, run in the calling thread. Results are the same either
    /// way. A program answering many queries at once gets more throughput from one thread
    /// per query.
    pub fn set_search_threads(&mut self, threads: usize) {
        self.search_threads = Some(threads.max(1));
    }

    /// Whether a query may use more than the calling thread (before looking up the cores).
    pub(crate) fn may_split(&self) -> bool {
        self.search_threads != Some(1)
    }

    /// Most threads one query may use.
    pub(crate) fn search_threads(&self) -> usize {
        self.search_threads.unwrap_or_else(|| {
            *self
                .cores
                .get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        })
    }

    pub(crate) fn reader(&self) -> &IndexReader {
        &self.reader
    }

    /// Makes the reader see the last commit, by this process or another. Reloading opens
    /// every segment again, so it happens only when `meta.json` changed since the last load.
    ///
    /// Looking costs a `stat` of `meta.json`, 1.5-2 µs here: a seventh of a search for a
    /// title word on the real corpora (13.1 against 11.3 µs in process). So a search trusts
    /// a look less than [`FRESH_FOR`] (a millisecond) old, and the look at opening counts:
    /// another process's commit is seen by the searches that start a millisecond after it,
    /// a commit through this index's own [`ArticleWriter`] by the very next one.
    pub(crate) fn refresh(&self) -> Result<()> {
        self.refresh_trusting(FRESH_FOR)
    }

    /// [`NewsIndex::refresh`], trusting a look at `meta.json` younger than `trust`.
    fn refresh_trusting(&self, trust: std::time::Duration) -> Result<()> {
        let mut fresh = self
            .fresh
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if fresh.checked.is_some_and(|t| t.elapsed() < trust) {
            return Ok(());
        }
        let now = meta_stamp(&self.path);
        if now.is_none() || fresh.loaded != now {
            opening_segments(|| self.reader.reload()).map_err(self.index_err())?;
            fresh.loaded = now;
        }
        fresh.checked = Some(std::time::Instant::now());
        Ok(())
    }

    /// Makes the next search look at `meta.json` again: this process has just committed.
    fn committed(&self) {
        self.fresh
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .checked = None;
    }

    pub(crate) fn write_err(&self, e: tantivy::TantivyError) -> Error {
        Error::Write {
            path: self.path.clone(),
            detail: e.to_string(),
        }
    }

    pub(crate) fn index_err(&self) -> impl Fn(tantivy::TantivyError) -> Error + '_ {
        |source| Error::Index {
            path: self.path.clone(),
            source,
        }
    }

    /// Number of articles in the last committed state.
    pub fn num_articles(&self) -> Result<u64> {
        self.refresh()?;
        let articles = kind_query(&self.fields, KIND_ARTICLE);
        let n = self
            .reader
            .searcher()
            .search(&articles, &tantivy::collector::Count)
            .map_err(self.index_err())?;
        Ok(n as u64)
    }

    /// Takes the index's single writer lock. `memory_bytes` is Tantivy's indexing budget,
    /// shared by `threads` indexing threads.
    ///
    /// The lock is an OS file lock on `newsdex.lock`, which records the holder's process id
    /// and command line: a second writer is told who holds it, and a lock left by a killed
    /// process is released by the operating system with the process.
    pub fn writer(&self, memory_bytes: usize, threads: usize) -> Result<ArticleWriter<'_>> {
        let lock_path = self.path.join(LOCK_FILE);
        let mut lock = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(io_err(&self.path))?;
        let me = format!(
            "process {}: {}",
            std::process::id(),
            std::env::args().collect::<Vec<_>>().join(" ")
        );
        let asked = std::time::Instant::now();
        loop {
            match lock.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {
                    let holder = std::fs::read_to_string(&lock_path).unwrap_or_default();
                    if names_this_process(&holder) && waited_a_moment(asked) {
                        continue;
                    }
                    let holder = if holder.trim().is_empty() {
                        "another process".to_string()
                    } else {
                        holder.trim().to_string()
                    };
                    return Err(Error::Locked {
                        path: self.path.clone(),
                        holder,
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(Error::Io {
                        path: lock_path,
                        source: e,
                    });
                }
            }
        }
        {
            use std::io::{Seek, Write};
            let _ = lock.set_len(0);
            let _ = lock.seek(std::io::SeekFrom::Start(0));
            let _ = lock.write_all(me.as_bytes());
            let _ = lock.flush();
        }
        // Tantivy's own lock, taken the same way: with ours held, a failure to take it that
        // lasts is a Tantivy writer that is not newsdex's.
        let writer = loop {
            match self.index.writer_with_num_threads(threads.max(1), memory_bytes) {
                Ok(writer) => break writer,
                Err(tantivy::TantivyError::LockFailure(..)) if waited_a_moment(asked) => {}
                Err(tantivy::TantivyError::LockFailure(..)) => {
                    return Err(Error::Locked {
                        path: self.path.clone(),
                        holder: "another Tantivy writer".into(),
                    });
                }
                Err(source) => {
                    return Err(Error::Index {
                        path: self.path.clone(),
                        source,
                    });
                }
            }
        };
        writer.set_merge_policy(Box::new(merge_policy()));
        Ok(ArticleWriter {
            writer,
            index: self,
            batch: Vec::with_capacity(BATCH_DOCS),
            backlog: Backlog::new(BACKLOG_DOCS),
            _lock: lock,
        })
    }
}

/// How segments are merged, chosen for search speed after bulk loads: a query visits every
/// segment, so segments of similar size are merged as soon as four of them exist (Tantivy's
/// default waits for eight), and a segment of more than [`MERGED_ENOUGH`] documents is not
/// merged with others again. Any segment where more than a fifth of the documents were
/// replaced is merged (a large one on its own), so re-indexing changed files does not leave
/// dead documents behind for long.
fn merge_policy() -> NewsMergePolicy {
    let mut p = tantivy::indexer::LogMergePolicy::default();
    p.set_min_num_segments(4);
    p.set_max_docs_before_merge(MERGED_ENOUGH);
    // Segments under 200,000 documents count as one size: the remainders that each commit
    // of a bulk load leaves (tens of thousands of documents each, every size between) were
    // otherwise each alone at its size and never merged.
    p.set_min_layer_size(200_000);
    p.set_del_docs_ratio_before_merge(REPLACED_ENOUGH);
    NewsMergePolicy(p)
}

/// The share of a segment's documents, deleted or replaced, from which it is merged whatever
/// its size.
const REPLACED_ENOUGH: f32 = 0.2;

/// Tantivy's log merge policy, which never looks at a segment of more than [`MERGED_ENOUGH`]
/// live documents (not even for its deleted ones), and a rewrite of each such segment where
/// more than [`REPLACED_ENOUGH`] of the documents were deleted.
#[derive(Debug)]
struct NewsMergePolicy(tantivy::indexer::LogMergePolicy);

impl tantivy::indexer::MergePolicy for NewsMergePolicy {
    fn compute_merge_candidates(
        &self,
        segments: &[tantivy::SegmentMeta],
    ) -> Vec<tantivy::indexer::MergeCandidate> {
        let mut candidates = self.0.compute_merge_candidates(segments);
        candidates.extend(
            segments
                .iter()
                .filter(|s| {
                    s.num_docs() as usize > MERGED_ENOUGH
                        && s.num_deleted_docs() as f32 > REPLACED_ENOUGH * s.max_doc() as f32
                })
                .map(|s| tantivy::indexer::MergeCandidate(vec![s.id()])),
        );
        candidates
    }
}

/// Documents from which a segment is left as it is. A bulk load with the default memory
/// budget writes segments of 600,000 documents and more (one per thread and commit): merging
/// those made the 20-fold copy of the real corpora load in 19.1 s instead of 16.1 and the
/// million generated articles in 65.5 s instead of 44.2, and peak at 1.47 GB instead of 1.17,
/// for a few segments fewer (seven against six for the million: a query visits each). Smaller
/// segments, left by commits and incremental runs, are merged until they reach this size.
const MERGED_ENOUGH: usize = 400_000;

/// Documents handed to Tantivy's indexing threads at once. One message per document woke an
/// indexing thread per document; a batch goes whole into one segment, so it is kept small
/// enough that both threads still share a big file's records.
const BATCH_DOCS: usize = 64;

/// Documents handed to Tantivy and not yet indexed, at most: as many as its queue held when
/// each message was one document, so batching costs no memory (see [`crate::backlog`]).
const BACKLOG_DOCS: usize = 10_000;

/// Adds articles to an index; nothing is visible to searches until [`ArticleWriter::commit`].
pub struct ArticleWriter<'a> {
    writer: IndexWriter<Queued<ArticleDoc>>,
    index: &'a NewsIndex,
    /// Documents not yet handed to Tantivy (at most [`BATCH_DOCS`]). Handed over before any
    /// delete is queued, since Tantivy orders deletes and adds by when it receives them.
    batch: Vec<ArticleDoc>,
    backlog: Arc<Backlog>,
    /// Held while writing; the OS releases it when the file closes or the process dies.
    _lock: std::fs::File,
}

impl ArticleWriter<'_> {
    /// Adds an article, replacing any earlier article with the same id (and so from the same
    /// file: see [`ArticleWriter::add_from_file`]).
    pub fn add(&mut self, a: &Article) -> Result<()> {
        let file = crate::manifest::file_key(std::path::Path::new(&a.path));
        self.add_from_file(a, &file)
    }

    /// Adds an article read from the file known as `file` (its canonical path), replacing any
    /// earlier article with the same id.
    ///
    /// An id is derived from its file's canonical path and the record's number in it
    /// ([`crate::read::article_id`]), so the earlier article is looked for among the documents
    /// of the same `file`: the article and its quotes are the ones whose `owner` column holds
    /// the id ([`owner`]).
    pub fn add_from_file(&mut self, a: &Article, file: &str) -> Result<()> {
        let f = self.index.fields;
        self.flush()?;
        self.writer
            .delete_query(Box::new(owned_by(&f, file, &a.id)))
            .map_err(|e| self.index.write_err(e))?;
        self.add_new(a.clone(), file)
    }

    /// Adds an article known not to be in the index (its file was deleted with
    /// [`ArticleWriter::delete_file`], or the index was empty): no delete is queued, which
    /// spares the commit a lookup per article.
    ///
    /// The article is moved into its documents, which Tantivy reads without copying it.
    pub fn add_new(&mut self, a: Article, file: &str) -> Result<()> {
        // An article and its quotes go into one batch: see `record` in the schema.
        self.batch.extend(documents(&self.index.fields, a, file));
        if self.batch.len() >= BATCH_DOCS {
            self.flush()?;
        }
        Ok(())
    }

    /// Hands the documents waiting in the batch to Tantivy's indexing threads.
    fn flush(&mut self) -> Result<()> {
        if !self.batch.is_empty() {
            self.backlog.wait_for_room(self.batch.len());
            let backlog = &self.backlog;
            let ops = self
                .batch
                .drain(..)
                .map(|doc| tantivy::indexer::UserOperation::Add(backlog.queue(doc)));
            self.writer.run(ops).map_err(|e| self.index.write_err(e))?;
        }
        Ok(())
    }

    /// Deletes every article (and quote) of the file known as `file`, at the next commit.
    /// Fails when documents added before it cannot be handed to Tantivy.
    pub fn delete_file(&mut self, file: &str) -> Result<()> {
        self.flush()?;
        self.writer
            .delete_term(Term::from_field_text(self.index.fields.file, file));
        Ok(())
    }

    /// Makes everything added so far durable and visible to new searches.
    pub fn commit(&mut self) -> Result<()> {
        self.flush()?;
        self.writer.commit().map_err(|e| self.index.write_err(e))?;
        self.index.committed();
        Ok(())
    }

    /// Commits, then waits for Tantivy's background merges to finish.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| self.index.write_err(e))
    }
}

thread_local! {
    /// Set while this thread opens segment files ([`opening_segments`]): its panics are
    /// answered with an error, not reported.
    static OPENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Puts, once per process, a panic hook in front of the one in place that stays quiet for a
/// thread that is opening segment files and passes every other panic on.
///
/// Swapping the process-wide hook for a silent one around each opening, as before, lost the
/// report of any panic on another thread meanwhile. Worse, two threads opening at once could
/// each restore the other's silent hook and leave it in place for good: a test that failed
/// while other tests searched printed no reason at all (issue 7, session 16).
fn quiet_while_opening() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !OPENING.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// How long a writer waits for a lock that this process itself held.
const OWN_LOCK_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// True when the lock file's text names this process as the last writer.
///
/// A file lock belongs to the open file, and a child process started by any thread holds a
/// copy of every open file of the process from its start until it runs its program. So a
/// writer that has just closed its lock can find it still held, by itself, for those moments:
/// a test indexing twice in a row failed this way while other tests started programs (issue
/// 7, session 16). Such a lock is waited for ([`waited_a_moment`]); a writer of this process
/// that is really still open makes the wait end with the same error, later.
fn names_this_process(holder: &str) -> bool {
    holder
        .trim()
        .strip_prefix(&format!("process {}:", std::process::id()))
        .is_some()
}

/// Pauses briefly and returns true while a wait that started at `asked` is within
/// [`OWN_LOCK_GRACE`]; false, at once, after it.
fn waited_a_moment(asked: std::time::Instant) -> bool {
    if asked.elapsed() >= OWN_LOCK_GRACE {
        return false;
    }
    std::thread::sleep(std::time::Duration::from_millis(2));
    true
}

/// Runs `open`, which opens segment files through Tantivy, turning a panic into an error.
/// Tantivy panics on some damaged files instead of failing (a document store whose footer
/// names an unknown compressor), and a damaged index must give a clear error, never a crash.
fn opening_segments<T, E: From<std::io::Error>>(
    open: impl FnOnce() -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    // Quiet while opening: the panic is answered with an error, not a crash report.
    quiet_while_opening();
    let was = OPENING.with(|o| o.replace(true));
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(open));
    OPENING.with(|o| o.set(was));
    opened.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("unreadable segment files");
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("damaged index files ({what}); run `newsdex check` for details"),
        )
        .into())
    })
}

/// A date as the index holds it: UTC, to the second. Tantivy counts nanoseconds in an `i64`,
/// so it holds 1677-09-21 to 2262-04-11; a date outside is held to the nearer end (a search
/// bound `--since 9999` finds nothing, as it should; articles with such dates are stored
/// without them: see [`holds_date`]). Multiplied without that check, `9999-12-31` wrapped
/// around to 1816-03-30.
pub(crate) fn tantivy_date(d: DateTime<Utc>) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_nanos(d.timestamp().saturating_mul(1_000_000_000))
}

/// Whether the index can hold `d` as a date: 1677-09-21 to 2262-04-11 (Tantivy counts
/// nanoseconds since 1970 in 64 bits).
pub fn holds_date(d: DateTime<Utc>) -> bool {
    d.timestamp().checked_mul(1_000_000_000).is_some()
}

/// `kind` of article documents.
pub const KIND_ARTICLE: &str = "article";
/// `kind` of quote documents.
pub const KIND_QUOTE: &str = "quote";

/// A bit of `flags`: the headline holds a word too long to index, so its end in `text` is not
/// its word count (see `crate::phrase`).
pub const FLAG_TITLE_GAP: u64 = 1;

/// The column that holds [`FLAG_TITLE_GAP`] and any later marks.
pub(crate) const FLAGS_COLUMN: &str = "flags";

/// The `owner` of an article's documents: its id as a number. An id of 16 lower-case hex
/// digits (as [`crate::read::article_id`] makes them) is its own number; any other id is
/// hashed, so two ids that differ only in case have different owners.
pub fn owner(id: &str) -> u64 {
    if id.len() == 16
        && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && let Ok(n) = u64::from_str_radix(id, 16)
    {
        return n;
    }
    let hash = blake3::hash(id.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// The documents of the article `id` from the file known as `file`: the article and its
/// quotes. The file's documents come from its term; the `owner` column is read for each.
fn owned_by(f: &Fields, file: &str, id: &str) -> tantivy::query::BooleanQuery {
    use std::ops::Bound::Included;
    let owner = Term::from_field_u64(f.owner, owner(id));
    tantivy::query::BooleanQuery::intersection(vec![
        Box::new(tantivy::query::TermQuery::new(
            Term::from_field_text(f.file, file),
            tantivy::schema::IndexRecordOption::Basic,
        )),
        Box::new(tantivy::query::RangeQuery::new(
            Included(owner.clone()),
            Included(owner),
        )),
    ])
}

/// Matches the documents of one kind.
pub(crate) fn kind_query(f: &Fields, kind: &str) -> tantivy::query::TermQuery {
    tantivy::query::TermQuery::new(
        Term::from_field_text(f.kind, kind),
        tantivy::schema::IndexRecordOption::Basic,
    )
}

/// How an article's quote is stored in its document: where its words are in the body, its
/// speaker, and how it was attributed, as a JSON array `[start, end, speaker, source_kind,
/// how]`. The words themselves are the body's ([`Quote::words_in`]), so they are not stored
/// a second time: the quotes of the million generated
/// articles took 77 % as many bytes as their bodies when each stored its text and named its
/// keys.
pub(crate) type StoredQuote<S> = (usize, usize, Option<S>, crate::SourceKind, crate::Attribution);

pub(crate) fn stored_quotes(a: &Article) -> Vec<StoredQuote<&str>> {
    a.quotes
        .iter()
        .map(|q| (q.start, q.end, q.speaker.as_deref(), q.source_kind, q.how))
        .collect()
}

/// A stored quote with its words taken from `body`; `None` when its place is not in `body`
/// (a damaged document).
fn quote_from_stored(
    (start, end, speaker, source_kind, how): StoredQuote<String>,
    body: &str,
) -> Option<Quote> {
    Some(Quote {
        text: Quote::words_in(body, start, end)?.to_string(),
        speaker,
        source_kind,
        how,
        start,
        end,
    })
}

fn first_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
}

/// A stored document as its fields' values, read straight from the document store.
///
/// Fetching into a [`TantivyDocument`] copied every stored string into Tantivy's compact
/// document, then again into the [`Article`]; this keeps Tantivy's own strings and moves them
/// into the article, so a long body is copied once. Fetching the ten hits of a search was
/// most of a cheap query's time.
pub(crate) struct StoredDoc(Vec<(Field, OwnedValue)>);

impl DocumentDeserialize for StoredDoc {
    fn deserialize<'de, D>(mut de: D) -> std::result::Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(de.size_hint());
        while let Some(value) = de.next_field::<OwnedValue>()? {
            values.push(value);
        }
        Ok(StoredDoc(values))
    }
}

/// The stored values of an article up to its `record`: what a search hit shows, without the
/// body, quotes and other fields that [`crate::document`] stores after it. Fetching the ten hits
/// of a search without snippets was mostly copying and checking values that were not shown.
pub(crate) struct StoredHead(pub(crate) StoredDoc);

impl DocumentDeserialize for StoredHead {
    fn deserialize<'de, D>(mut de: D) -> std::result::Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(de.size_hint());
        while let Some((field, value)) = de.next_field::<OwnedValue>()? {
            let end = matches!(value, OwnedValue::U64(_));
            values.push((field, value));
            if end {
                break;
            }
        }
        Ok(StoredHead(StoredDoc(values)))
    }
}

impl StoredDoc {
    /// The values of `field`, in stored order.
    fn values(&self, field: Field) -> impl Iterator<Item = &OwnedValue> {
        self.0.iter().filter(move |(f, _)| *f == field).map(|(_, v)| v)
    }

    /// The text values of `field`, to be moved out.
    fn texts_mut(&mut self, field: Field) -> impl Iterator<Item = &mut String> {
        self.0.iter_mut().filter_map(move |(f, v)| match v {
            OwnedValue::Str(s) if *f == field => Some(s),
            _ => None,
        })
    }

    /// The first text value of `field`.
    pub(crate) fn text(&self, field: Field) -> Option<&str> {
        self.values(field).find_map(|v| match v {
            OwnedValue::Str(s) => Some(s.as_str()),
            _ => None,
        })
    }

    /// Moves the first text value of `field` out (leaving it empty).
    fn take_text(&mut self, field: Field) -> Option<String> {
        self.texts_mut(field).next().map(std::mem::take)
    }

    /// Moves every text value of `field` out.
    fn take_all(&mut self, field: Field) -> Vec<String> {
        self.texts_mut(field).map(std::mem::take).collect()
    }

    /// The first date value of `field`.
    pub(crate) fn date(&self, field: Field) -> Option<DateTime<Utc>> {
        self.values(field).find_map(|v| match v {
            OwnedValue::Date(d) => DateTime::from_timestamp(d.into_timestamp_secs(), 0),
            _ => None,
        })
    }

    fn u64(&self, field: Field) -> Option<u64> {
        self.values(field).find_map(|v| match v {
            OwnedValue::U64(n) => Some(*n),
            _ => None,
        })
    }
}

/// Rebuilds an article from its stored document, leaving its quotes out (a search hit shows
/// none, and parsing them was a good part of fetching a long article; a quote hit reads its
/// one quote with [`stored_quote`]).
///
/// The values are moved out of `doc`; its other fields (`kind`, `article`, `quotes`) stay
/// readable.
pub(crate) fn from_document_without_quotes(f: &Fields, doc: &mut StoredDoc) -> Article {
    Article {
        id: doc.take_text(f.id).unwrap_or_default(),
        path: doc.take_text(f.path).unwrap_or_default(),
        record: doc.u64(f.record).unwrap_or(0),
        format: doc.take_text(f.format).unwrap_or_default(),
        title: doc.take_text(f.title).unwrap_or_default(),
        subtitle: doc.take_text(f.subtitle),
        date: doc.date(f.date),
        edited: doc.date(f.edited),
        authors: doc.take_all(f.authors),
        source: doc.take_text(f.source),
        url: doc.take_text(f.url),
        body: doc.take_text(f.body).unwrap_or_default(),
        speakers: doc.take_all(f.speakers),
        dateline: doc.take_text(f.dateline),
        topics: doc.take_all(f.topics),
        places: doc.take_all(f.places),
        quotes: Vec::new(),
    }
}

/// Where the article of quote number `n` (1-based) at document `quote` is in the same
/// segment: `n` documents before it (see `record` in the schema); `None` for a number that
/// points before the segment's first document, which only a damaged index holds.
pub(crate) fn article_place(quote: tantivy::DocId, n: u64) -> Option<tantivy::DocId> {
    quote.checked_sub(u32::try_from(n).ok()?)
}

/// The 1-based number, in its article's quotes, of the quote a quote document stands for.
pub(crate) fn quote_number(f: &Fields, doc: &StoredDoc) -> Option<usize> {
    doc.u64(f.record).and_then(|n| usize::try_from(n).ok())
}

/// The `n`th (1-based) of an article's stored quotes, read without building the others: an
/// article can hold thousands of quotes (a data table full of quotation marks), and a page of
/// quote hits from it parsed them all for every hit. `body` is the article's body, which
/// holds the quote's words.
pub(crate) fn stored_quote(f: &Fields, article: &StoredDoc, body: &str, n: usize) -> Option<Quote> {
    use serde::de::{DeserializeSeed, IgnoredAny, SeqAccess, Visitor};
    struct Nth(usize);
    impl<'de> Visitor<'de> for Nth {
        type Value = Option<StoredQuote<String>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of quotes")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Self::Value, A::Error> {
            for _ in 1..self.0 {
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    return Ok(None);
                }
            }
            let quote = seq.next_element::<StoredQuote<String>>()?;
            // The rest is skipped, as a well-formed array must be read to its end.
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(quote)
        }
    }
    impl<'de> DeserializeSeed<'de> for Nth {
        type Value = Option<StoredQuote<String>>;
        fn deserialize<D: serde::Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Self::Value, D::Error> {
            d.deserialize_seq(self)
        }
    }
    let json = article.text(f.quotes)?;
    let mut de = serde_json::Deserializer::from_str(json);
    let stored = Nth(n.max(1)).deserialize(&mut de).ok().flatten()?;
    quote_from_stored(stored, body)
}

/// All of an article's stored quotes, parsed once: for a page of many quote hits from one
/// article, which [`stored_quote`] would read again up to each one.
pub(crate) fn all_stored_quotes(f: &Fields, article: &StoredDoc) -> Option<Vec<StoredQuote<String>>> {
    serde_json::from_str(article.text(f.quotes)?).ok()
}

/// The `n`th (1-based) of `all`, an article's stored quotes ([`all_stored_quotes`]), with its
/// words from `body`: the quote [`stored_quote`] reads.
pub(crate) fn nth_stored_quote(all: &[StoredQuote<String>], body: &str, n: usize) -> Option<Quote> {
    quote_from_stored(all.get(n.max(1) - 1)?.clone(), body)
}

/// What `newsdex check` found.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// No problem found.
    pub ok: bool,
    /// Articles in the index.
    pub articles: u64,
    /// Quote documents in the index.
    pub quotes: u64,
    /// Segments read.
    pub segments: usize,
    /// Each problem, with what to do about it.
    pub problems: Vec<String>,
    /// Who is writing to the index right now, if anyone (not a problem).
    pub writer: Option<String>,
}

/// Verifies an index: its schema version, every segment's checksums and stored documents,
/// article ids unique and counted as the index counts them, each quote right after its
/// article, and agreement with the manifest.
/// Never modifies the index.
pub fn check(path: &Path) -> CheckReport {
    let mut report = CheckReport {
        ok: false,
        articles: 0,
        quotes: 0,
        segments: 0,
        problems: Vec::new(),
        writer: None,
    };
    // Checksums first: they need no reader, and Tantivy cannot always open a reader on
    // damaged files. (Where there is no index to open, opening it below says so.)
    if let Ok(raw) = Index::open_in_dir(path) {
        match raw.validate_checksum() {
            Ok(damaged) if damaged.is_empty() => {}
            Ok(damaged) => {
                let mut files: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
                files.sort();
                report.problems.push(format!(
                    "damaged segment files (checksum mismatch): {}; delete the index directory and run `newsdex index` again",
                    files.join(", ")
                ));
            }
            Err(e) => report
                .problems
                .push(format!("cannot verify segment checksums: {e}")),
        }
    }
    let index = match NewsIndex::open(path) {
        Ok(i) => i,
        Err(e) => {
            report.problems.push(format!("{e}"));
            return report;
        }
    };
    if let Ok(lock) = std::fs::File::open(path.join(LOCK_FILE))
        && let Err(std::fs::TryLockError::WouldBlock) = lock.try_lock_shared()
    {
        report.writer = Some(
            std::fs::read_to_string(path.join(LOCK_FILE))
                .unwrap_or_default()
                .trim()
                .to_string(),
        );
    }
    let f = index.fields;
    let searcher = match opening_segments(|| index.reader.reload()).map(|_| index.reader.searcher()) {
        Ok(s) => s,
        Err(e) => {
            report.problems.push(format!("cannot open the segments: {e}"));
            return report;
        }
    };
    let mut ids = std::collections::HashSet::new();
    let mut duplicates = 0u64;
    // Quotes not n documents after their own article (see `record` in the schema).
    let mut strays = 0u64;
    for segment in searcher.segment_readers() {
        // The last article read in this segment: its place and id.
        let mut last: Option<(u32, String)> = None;
        report.segments += 1;
        let store = match opening_segments(|| segment.get_store_reader(1)) {
            Ok(s) => s,
            Err(e) => {
                report.problems.push(format!(
                    "segment {}: document store unreadable: {e}",
                    segment.segment_id().short_uuid_string()
                ));
                continue;
            }
        };
        for doc_id in segment.doc_ids_alive() {
            let doc: TantivyDocument = match store.get(doc_id) {
                Ok(d) => d,
                Err(e) => {
                    report.problems.push(format!(
                        "segment {}: document {doc_id} unreadable: {e}",
                        segment.segment_id().short_uuid_string()
                    ));
                    break;
                }
            };
            match doc.get_first(f.kind).and_then(|v| v.as_str()) {
                Some(KIND_QUOTE) => {
                    report.quotes += 1;
                    let n = doc.get_first(f.record).and_then(|v| v.as_u64());
                    let article = first_text(&doc, f.article).unwrap_or_default();
                    let placed = matches!((&last, n), (Some((at, id)), Some(n))
                        if article_place(doc_id, n) == Some(*at) && *id == article);
                    if !placed {
                        strays += 1;
                    }
                }
                _ => {
                    report.articles += 1;
                    let id = first_text(&doc, f.id).unwrap_or_default();
                    last = Some((doc_id, id.clone()));
                    if !ids.insert(id) {
                        duplicates += 1;
                    }
                }
            }
        }
    }
    if strays > 0 {
        report.problems.push(format!(
            "{strays} quotes are not right after their article, so searches cannot show them with it; delete the index directory and run `newsdex index` again"
        ));
    }
    if duplicates > 0 {
        report.problems.push(format!(
            "{duplicates} articles share an id with another; run `newsdex index` on the same directories to replace them"
        ));
    }
    match index.num_articles() {
        Ok(n) if n == report.articles => {}
        Ok(n) => report.problems.push(format!(
            "the index counts {n} articles but holds {} stored ones; delete the index directory and run `newsdex index` again",
            report.articles
        )),
        Err(e) => report.problems.push(format!("cannot count articles: {e}")),
    }
    let manifest = crate::manifest::Manifest::load(path);
    if !manifest.is_empty() {
        let listed = manifest.total_articles();
        if listed != report.articles {
            report.problems.push(format!(
                "the file manifest lists {listed} articles but the index holds {}; run `newsdex index` on the same directories to reconcile",
                report.articles
            ));
        }
    }
    report.ok = report.problems.is_empty();
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 7, session 16): opening segments swapped the process-wide panic
    /// hook for a silent one, so panics on other threads meanwhile went unreported, and two
    /// threads opening at once could leave the silent hook in place for good.
    #[test]
    fn opening_segments_keeps_other_threads_panics_reported() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        // The hook is process-wide and tests share a process: the check runs alone, in a
        // child process of this test binary.
        const CHILD: &str = "NEWSDEX_TEST_PANIC_HOOK_CHILD";
        if std::env::var_os(CHILD).is_none() {
            let name = "index::tests::opening_segments_keeps_other_threads_panics_reported";
            let out = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", name, "--test-threads=1", "--nocapture"])
                .env(CHILD, "1")
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success() && said.contains("1 passed"), "{said}");
            return;
        }
        static REPORTED: AtomicUsize = AtomicUsize::new(0);
        std::panic::set_hook(Box::new(|_| {
            REPORTED.fetch_add(1, SeqCst);
        }));
        // Threads opening at once, every opening panicking: no report, an error each.
        let openers: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(|| {
                    for _ in 0..200 {
                        let opened: std::io::Result<()> = opening_segments(|| panic!("damaged"));
                        assert!(opened.is_err());
                    }
                })
            })
            .collect();
        for t in openers {
            t.join().unwrap();
        }
        assert_eq!(REPORTED.load(SeqCst), 0);
        // A thread that panics while another opens is reported ...
        let opened: std::io::Result<()> = opening_segments(|| {
            let _ = std::thread::spawn(|| panic!("meanwhile, elsewhere")).join();
            Ok(())
        });
        assert!(opened.is_ok());
        assert_eq!(REPORTED.load(SeqCst), 1);
        // ... and so is one after all the openings.
        let _ = std::thread::spawn(|| panic!("afterwards")).join();
        assert_eq!(REPORTED.load(SeqCst), 2);
    }

    /// A search sees a commit through its own index's writer at once, however recently it
    /// last looked at `meta.json`, and another writer's once its last look is old enough.
    #[test]
    fn commits_are_seen_by_the_next_search_that_looks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("idx");
        let article = |n: u64| Article {
            id: format!("{n:016x}"),
            path: format!("/nowhere/fresh/{n}.txt"),
            record: 1,
            format: "text".into(),
            title: format!("Article {n}"),
            body: "No quotes here.".into(),
            ..Default::default()
        };
        let add = |index: &NewsIndex, n: u64| {
            let mut w = index.writer(50_000_000, 1).expect("writer");
            w.add(&article(n)).expect("add");
            w.commit().expect("commit");
        };
        // Documents seen after a refresh that trusts any look of the last hour.
        let hour = std::time::Duration::from_secs(3600);
        let seen = |index: &NewsIndex| {
            index.refresh_trusting(hour).expect("refresh");
            index.reader().searcher().num_docs()
        };
        let ours = NewsIndex::create_or_open(&path).expect("index");
        let other = NewsIndex::open(&path).expect("second handle");
        assert_eq!(seen(&ours), 0);
        add(&ours, 1);
        assert_eq!(seen(&ours), 1, "its own commit, at once");
        add(&ours, 2);
        assert_eq!(seen(&ours), 2);
        // The other handle looked at opening and trusts that look ...
        assert_eq!(seen(&other), 0);
        // ... until it is older than it trusts.
        other
            .refresh_trusting(std::time::Duration::ZERO)
            .expect("refresh");
        assert_eq!(other.reader().searcher().num_docs(), 2);
        assert_eq!(other.num_articles().expect("count"), 2);
    }

    #[test]
    fn an_id_of_16_hex_digits_is_its_own_owner_and_any_other_is_hashed() {
        assert_eq!(owner("00000000000000ff"), 255);
        assert_eq!(owner("9f86d081884c7d65"), 0x9f86_d081_884c_7d65);
        // Not hex, or not 16 digits: hashed, the same way every time, and apart.
        assert_eq!(owner("story-1"), owner("story-1"));
        assert_ne!(owner("story-1"), owner("story-2"));
        assert_ne!(owner("ff"), 255);
        assert_ne!(owner("00000000000000FF"), owner("00000000000000ff"));
    }

    /// A quote document that is not its number of places after its article is reported:
    /// searches would not find its article.
    #[test]
    fn check_reports_a_quote_away_from_its_article() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("idx");
        let index = NewsIndex::create_or_open(&path).expect("index");
        let a = Article {
            id: "00000000000000aa".into(),
            path: "/nowhere/a.txt".into(),
            record: 1,
            title: "Dock report".into(),
            body: "\"Berth four opens,\" said Mara Ellison.".into(),
            quotes: vec![crate::document::berth_quote()],
            ..Default::default()
        };
        let f = index.fields;
        let mut raw: IndexWriter = index
            .index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        // The article, then its quote with a stranger between them.
        let stranger = Article {
            id: "00000000000000bb".into(),
            ..a.clone()
        };
        let ours = documents(&f, a.clone(), "a");
        let theirs = documents(&f, stranger, "b");
        for doc in [&ours[0], &theirs[0], &ours[1]] {
            raw.add_document(crate::document::copied(doc)).expect("add");
        }
        // And a quote whose number points before the first document (a damaged record).
        let mut far = TantivyDocument::default();
        far.add_text(f.kind, KIND_QUOTE);
        far.add_text(f.article, &a.id);
        far.add_u64(f.record, u64::MAX);
        raw.add_document(far).expect("add");
        raw.commit().expect("commit");
        drop(raw);
        let report = check(&path);
        assert!(!report.ok);
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.starts_with("2 quotes are not right after their article")),
            "{:?}",
            report.problems
        );
    }

    /// The sizes of the merges [`merge_policy`] asks for, given segments of `(documents, of
    /// which deleted)`.
    fn merges_of(segments: &[(u32, u32)]) -> Vec<usize> {
        use tantivy::indexer::MergePolicy;
        let index = tantivy::Index::create_in_ram(crate::schema::build_schema());
        let metas: Vec<tantivy::SegmentMeta> = segments
            .iter()
            .map(|&(n, deleted)| {
                let meta = index.new_segment_meta(tantivy::index::SegmentId::generate_random(), n);
                if deleted > 0 {
                    meta.with_delete_meta(deleted, 1)
                } else {
                    meta
                }
            })
            .collect();
        merge_policy()
            .compute_merge_candidates(&metas)
            .iter()
            .map(|c| c.0.len())
            .collect()
    }

    #[test]
    fn small_segments_of_a_bulk_load_are_merged_whatever_their_sizes() {
        let merged = |sizes: &[u32]| merges_of(&sizes.iter().map(|&n| (n, 0)).collect::<Vec<_>>());
        // What the commits of a million-article load left behind: six remainders of every
        // size from 25,000 to 140,000 documents are merged into one.
        assert_eq!(
            merged(&[25_151, 51_110, 73_093, 93_364, 119_826, 140_427, 2_048_012]),
            [6]
        );
        // Fewer than four small ones wait; the segments a bulk load writes are left alone.
        assert!(merged(&[25_000, 140_000, 90_000]).is_empty());
        assert!(merged(&[1_100_000, 1_200_000, 1_300_000, 1_400_000]).is_empty());
        assert!(merged(&[450_000, 500_000, 600_000, 650_000, 700_000]).is_empty());
        // Up to that size, four of one size are merged.
        assert_eq!(merged(&[300_000, 310_000, 320_000, 330_000]), [4]);
    }

    #[test]
    fn a_large_segment_with_a_fifth_of_it_replaced_is_rewritten() {
        let merged = merges_of;
        // 550,000 live documents: too many for the log policy to look at, but 21 % replaced.
        assert_eq!(merged(&[(700_000, 150_000), (650_000, 0)]), [1]);
        // 14 % replaced: left alone.
        assert!(merged(&[(700_000, 100_000), (650_000, 0)]).is_empty());
        // A small segment with a fifth replaced is merged by the log policy, once.
        assert_eq!(merged(&[(100_000, 30_000), (650_000, 0)]), [1]);
    }

    #[test]
    fn a_stored_quote_is_read_by_its_number_alone_its_words_from_the_body() {
        let f = Fields::new(&schema::build_schema()).unwrap();
        let body = "“First, with \\ and ünïcode,” said Ana Ruiz. “ Second ” and “third”.";
        // Each quote's words as extraction takes them: between the marks, trimmed.
        let quote = |words: &str, speaker: Option<&str>| {
            let at = body.find(words).unwrap();
            let (start, end) = (body[..at].rfind('“').unwrap() + '“'.len_utf8(), at + words.len());
            Quote {
                text: words.trim().into(),
                speaker: speaker.map(str::to_string),
                source_kind: crate::SourceKind::Person,
                how: crate::Attribution::After,
                start,
                end: end + body[end..].find('”').unwrap(),
            }
        };
        let a = Article {
            body: body.into(),
            quotes: vec![
                quote("First, with \\ and ünïcode,", Some("Ana Ruiz")),
                quote(" Second ", None),
                quote("third", Some("Tom Berg")),
            ],
            ..Article::default()
        };
        let json = serde_json::to_string(&stored_quotes(&a)).unwrap();
        // The words are stored once, in the body.
        assert!(!json.contains("First") && !json.contains("Second"), "{json}");
        let doc = StoredDoc(vec![(f.quotes, OwnedValue::Str(json))]);
        for (n, q) in a.quotes.iter().enumerate() {
            assert_eq!(stored_quote(&f, &doc, body, n + 1).as_ref(), Some(q));
        }
        assert_eq!(stored_quote(&f, &doc, body, 2).unwrap().text, "Second");
        assert_eq!(stored_quote(&f, &doc, body, 4), None);
        assert_eq!(stored_quote(&f, &StoredDoc(Vec::new()), body, 1), None);
        // Damaged documents give no quote rather than a panic: the old form with its words, a
        // place past the body's end, a place inside a character.
        for broken in [
            r#"[{"text": "third", "start": 0, "end": 5}]"#,
            r#"[[60, 900, null, "unknown", "none"]]"#,
            r#"[[1, 4, null, "unknown", "none"]]"#,
        ] {
            let doc = StoredDoc(vec![(f.quotes, OwnedValue::Str(broken.into()))]);
            assert_eq!(stored_quote(&f, &doc, body, 1), None, "{broken}");
        }
    }
}
