//! The files an index was built from, so re-indexing does only the work that changed.
//!
//! `newsdex-files.json` in the index directory maps each file's canonical path to its size,
//! modification time, BLAKE3 content hash and article count. It is rewritten atomically
//! (temporary file, fsync, rename) after each Tantivy commit, and lists only files whose
//! articles that commit holds: a run killed at any point leaves an index and a manifest that
//! agree, or a manifest that is behind, which the next run corrects by reading those files
//! again (articles are replaced by file, so nothing is duplicated).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// File name of the manifest inside the index directory.
pub const MANIFEST_FILE: &str = "newsdex-files.json";

/// What the index knows of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i128,
    /// BLAKE3 of the content, hex.
    pub hash: String,
    /// Articles indexed from it.
    pub articles: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    version: u32,
    files: BTreeMap<String, FileEntry>,
}

/// The manifest of one index.
#[derive(Debug, Clone)]
pub struct Manifest {
    path: PathBuf,
    files: BTreeMap<String, FileEntry>,
}

impl Manifest {
    /// Loads the manifest of the index at `dir`; a missing or unreadable one is empty (every
    /// file is then read again, which is always safe).
    pub fn load(dir: &Path) -> Manifest {
        let path = dir.join(MANIFEST_FILE);
        let files = std::fs::read_to_string(&path)
            .ok()
            .and_then(|s| serde_json::from_str::<Stored>(&s).ok())
            .map(|s| s.files)
            .unwrap_or_default();
        Manifest { path, files }
    }

    /// The entry of a file, by canonical path.
    pub fn get(&self, key: &str) -> Option<&FileEntry> {
        self.files.get(key)
    }

    /// Files recorded under `root` (a canonical directory path, or a file).
    pub fn under<'a>(&'a self, root: &'a str) -> impl Iterator<Item = &'a String> + 'a {
        self.files.keys().filter(move |k| {
            k.as_str() == root
                || k.strip_prefix(root)
                    .is_some_and(|rest| rest.starts_with(std::path::MAIN_SEPARATOR))
        })
    }

    /// Records a file.
    pub fn insert(&mut self, key: String, entry: FileEntry) {
        self.files.insert(key, entry);
    }

    /// Forgets a file.
    pub fn remove(&mut self, key: &str) {
        self.files.remove(key);
    }

    /// Number of files recorded.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Articles of all the files recorded.
    pub fn total_articles(&self) -> u64 {
        self.files.values().map(|e| e.articles).sum()
    }

    /// True when no file is recorded.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Writes the manifest atomically: a reader never sees half of it.
    pub fn save(&self) -> std::io::Result<()> {
        let tmp = self.path.with_extension("json.tmp");
        let stored = Stored {
            version: 1,
            files: self.files.clone(),
        };
        let json = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&json)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, &self.path)?;
        if let Some(dir) = self.path.parent()
            && let Ok(d) = std::fs::File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// Modification time in nanoseconds since the epoch (0 when the system cannot tell).
pub fn mtime_ns(meta: &std::fs::Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

/// The key a file is known by: its canonical path ([`path_key`]).
pub fn file_key(path: &Path) -> String {
    path_key(&std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// `path` as text, one key per path: a UTF-8 path is itself; in a name that is not UTF-8
/// (a Latin-1 `café` on Linux, say) each byte that is not is written `\u{FFFD}` and its two
/// hex digits. Written lossily, as `�` alone, two files whose names differ only in such bytes
/// had one key, and the second replaced the first in the index. A folder's key stays the
/// start of its files' keys.
pub fn path_key(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if let Ok(s) = std::str::from_utf8(bytes) {
            return s.to_string();
        }
        let mut key = String::with_capacity(bytes.len() + 8);
        for chunk in bytes.utf8_chunks() {
            key.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(key, "\u{FFFD}{b:02x}");
            }
        }
        key
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn every_path_has_a_key_of_its_own_and_a_folder_starts_its_files_keys() {
        let p = |b: &[u8]| Path::new(std::ffi::OsStr::from_bytes(b)).to_path_buf();
        assert_eq!(path_key(&p(b"/news/caf\xc3\xa9.txt")), "/news/café.txt");
        let (e9, e8) = (
            path_key(&p(b"/news/caf\xe9.txt")),
            path_key(&p(b"/news/caf\xe8.txt")),
        );
        assert_eq!(e9, "/news/caf\u{FFFD}e9.txt");
        assert_ne!(e9, e8);
        let folder = path_key(&p(b"/news/\xff"));
        let file = path_key(&p(b"/news/\xff/a.txt"));
        assert!(file.starts_with(&format!("{folder}/")), "{folder} {file}");
    }
}
