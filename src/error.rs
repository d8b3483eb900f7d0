//! The library's error type: one variant per way an operation can fail, each carrying the
//! path, record or query position a user needs to act on it.
//!
//! Per-record problems met while indexing are *not* errors: they are [`crate::Problem`] entries
//! in the summary, so one broken file never stops the rest of the work.

use std::path::PathBuf;

use crate::query::QueryError;

/// Everything that can go wrong in a newsdex operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The operating system's error (shown in the message, so not chained again).
        source: std::io::Error,
    },
    /// There is no index at the given path.
    #[error("no newsdex index at {path} (build one with `newsdex index DIR --index {path}`)")]
    NoIndex {
        /// Where the index was looked for.
        path: PathBuf,
    },
    /// The index was built by a newsdex with another schema version.
    #[error(
        "the index at {path} uses schema version {found}, this newsdex uses version {expected}: \
         re-index it (delete {path} and run `newsdex index`)"
    )]
    SchemaVersion {
        /// The index directory.
        path: PathBuf,
        /// The version recorded in the index.
        found: u32,
        /// The version this build of newsdex writes.
        expected: u32,
    },
    /// Another process is writing to the index.
    #[error("the index at {path} is being written by {holder}; wait for it to finish")]
    Locked {
        /// The index directory.
        path: PathBuf,
        /// Who holds the lock, as it recorded itself (`process 1234: newsdex index …`).
        holder: String,
    },
    /// The query could not be parsed.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// A date given as a search bound could not be understood.
    #[error("bad date {input:?}: expected YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 time")]
    Date {
        /// What the user wrote.
        input: String,
    },
    /// Writing to the index failed part-way (no space, a read-only directory, a file-size
    /// limit); the last committed state is intact.
    #[error(
        "could not write the index at {path} (is the disk full, or the directory read-only?); \
         its last committed state is intact: {detail}"
    )]
    Write {
        /// The index directory.
        path: PathBuf,
        /// What Tantivy or the system said.
        detail: String,
    },
    /// Tantivy reported a failure while using the index.
    #[error("index {path}: {source}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// Tantivy's error (shown in the message, so not chained again).
        source: tantivy::TantivyError,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
