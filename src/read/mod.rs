//! Readers: one file in, its articles (or the reasons it has none) out.
//!
//! One module per input format; this one picks the format from the file's extension (looking
//! through `.gz` and `.zst`), or from its first bytes when the extension does not tell,
//! decodes the bytes, and gives every article its stable id. Readers know nothing of Tantivy.

pub mod decode;
pub mod html;
pub mod json;
pub mod sgml;
pub mod table;
pub mod text;
pub mod xml;

use std::io::Read;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::article::Article;
use crate::extract;

/// Input formats newsdex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A plain-text article (`.txt`, `.text`).
    Text,
    /// A JSON document: one article, an array of them, or a wrapper object (`.json`).
    Json,
    /// One JSON article per line (`.jsonl`, `.ndjson`).
    Jsonl,
    /// Comma-separated values with a header row (`.csv`).
    Csv,
    /// Tab-separated values with a header row (`.tsv`, `.tab`).
    Tsv,
    /// Reuters-21578 style SGML, many `<REUTERS>` records per file (`.sgm`, `.sgml`).
    Sgml,
    /// XML article collections: SemEval `<articles>`, NITF, RSS 2.0 and Atom (`.xml`, `.rss`,
    /// `.atom`, `.nitf`).
    Xml,
    /// A saved web page (`.html`, `.htm`, `.xhtml`).
    Html,
}

impl Format {
    /// The name used in summaries.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Sgml => "reuters-sgml",
            Format::Xml => "xml",
            Format::Html => "html",
        }
    }

    /// The format for a file extension, if newsdex reads it.
    pub fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Text,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "sgm" | "sgml" => Format::Sgml,
            "xml" | "rss" | "atom" | "nitf" => Format::Xml,
            "html" | "htm" | "xhtml" => Format::Html,
            _ => return None,
        })
    }

    /// The format for a file name's extension, if newsdex reads it.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::from_extension(path.extension()?.to_str()?)
    }

    /// Guesses the format from the start of a text.
    pub fn sniff(text: &str) -> Option<Format> {
        let head: String = text
            .trim_start()
            .chars()
            .take(512)
            .collect::<String>()
            .to_ascii_lowercase();
        if head.starts_with('{') || head.starts_with('[') {
            return Some(Format::Json);
        }
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            return Some(Format::Html);
        }
        if head.starts_with("<!doctype lewis") || head.starts_with("<reuters") {
            return Some(Format::Sgml);
        }
        if head.starts_with('<') {
            return Some(if head.contains("<html") {
                Format::Html
            } else {
                Format::Xml
            });
        }
        None
    }
}

/// Something that was not read, or not read whole: which file, which record, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, as walked.
    pub path: String,
    /// 1-based record number (for line-based formats, the line number), when the problem is
    /// one record's.
    pub record: Option<u64>,
    /// What went wrong, in words a user can act on.
    pub reason: String,
}

/// What reading one file produced.
#[derive(Debug, Default)]
pub struct FileRead {
    /// The format the file was read as, if it was read at all.
    pub format: Option<Format>,
    /// The articles, with ids, quotes and speakers filled in.
    pub articles: Vec<Article>,
    /// Files or records that were skipped.
    pub skipped: Vec<Problem>,
    /// Articles that were indexed, but with something left out (an unreadable date, say).
    pub warnings: Vec<Problem>,
}

/// One record as a format reader returns it: an article with warnings, or why there is none.
pub type Parsed = Result<(Article, Vec<String>), String>;

/// Largest decompressed size read from a `.gz` or `.zst` file.
pub const MAX_DECOMPRESSED: u64 = 1 << 30;

/// Names of files that document a corpus rather than belong to it.
fn is_documentation(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let stem = name.split('.').next().unwrap_or("");
    matches!(
        stem,
        "readme" | "license" | "licence" | "copying" | "changelog" | "notice"
    )
}

/// The stable id of the `record`th article of the file at `path`: 16 hex digits of BLAKE3 over
/// the canonical path and the record number.
pub fn article_id(path: &Path, record: u64) -> String {
    ArticleIds::of(path).id(record)
}

/// The ids of one file's articles: the file's canonical path is looked up once, and hashed
/// once, for all its records. (Resolving the path for each record of a thousand-record file
/// was 2 % of a bulk load's CPU, in `readlink` calls.)
struct ArticleIds(blake3::Hasher);

impl ArticleIds {
    fn of(path: &Path) -> ArticleIds {
        // The same key the indexer's manifest knows the file by.
        ArticleIds::of_canonical(&crate::manifest::file_key(path))
    }

    /// The ids of the file whose key ([`crate::manifest::path_key`] of its canonical path) is
    /// `canonical`.
    fn of_canonical(canonical: &str) -> ArticleIds {
        let mut h = blake3::Hasher::new();
        h.update(canonical.as_bytes());
        h.update(&[0]);
        ArticleIds(h)
    }

    fn id(&self, record: u64) -> String {
        let mut h = self.0.clone();
        h.update(&record.to_le_bytes());
        h.finalize().to_hex()[..16].to_string()
    }
}

#[derive(Clone, Copy)]
enum Compression {
    Gzip,
    Zstd,
}

fn decompress(bytes: &[u8], c: Compression) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let limit = MAX_DECOMPRESSED + 1;
    let read = match c {
        Compression::Gzip => flate2::read::MultiGzDecoder::new(bytes)
            .take(limit)
            .read_to_end(&mut out),
        Compression::Zstd => match ruzstd::decoding::StreamingDecoder::new(bytes) {
            Ok(d) => d.take(limit).read_to_end(&mut out),
            Err(e) => return Err(format!("not a valid zstd file: {e}")),
        },
    };
    match read {
        Ok(n) if n as u64 > MAX_DECOMPRESSED => Err(format!(
            "decompresses to more than {} MiB; split it",
            MAX_DECOMPRESSED >> 20
        )),
        Ok(_) => Ok(out),
        Err(e) => Err(format!("cannot decompress: {e}")),
    }
}

/// Reads every article of one file, in the given format or the one its name and content tell.
/// Never fails: what cannot be read is in [`FileRead::skipped`].
pub fn read_file_as(path: &Path, forced: Option<Format>) -> FileRead {
    let skip = |reason: String| skipped_file(path, reason);
    let bytes = match load(path) {
        Ok(b) => b,
        Err(reason) => return skip(reason),
    };
    read_loaded(path, bytes, forced)
}

/// A file that was not read at all, and why.
pub fn skipped_file(path: &Path, reason: String) -> FileRead {
    FileRead {
        skipped: vec![Problem {
            path: path.display().to_string(),
            record: None,
            reason,
        }],
        ..FileRead::default()
    }
}

/// Largest file newsdex reads; a larger one is skipped with this reason.
pub const MAX_FILE_SIZE: u64 = 1 << 30;

/// Reads a file's bytes, refusing files over [`MAX_FILE_SIZE`] and anything that is not a
/// regular file (a FIFO would block forever).
pub fn load(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(format!(
            "file of {} MiB is larger than the {} MiB newsdex reads; split it",
            meta.len() >> 20,
            MAX_FILE_SIZE >> 20
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

/// Reads the articles of a file whose bytes are already loaded (see [`load`]), in the given
/// format or the one its name and content tell.
pub fn read_loaded(path: &Path, bytes: Vec<u8>, forced: Option<Format>) -> FileRead {
    read_loaded_from(path, None, bytes, forced)
}

/// [`read_loaded`] for a caller that has already resolved the file's canonical path (the
/// indexer has, for its manifest): the articles' ids are made from `canonical` instead of
/// resolving the path a second time (half of a bulk load's `readlink` calls).
pub fn read_loaded_from(
    path: &Path,
    canonical: Option<&str>,
    bytes: Vec<u8>,
    forced: Option<Format>,
) -> FileRead {
    let skip = |reason: String| skipped_file(path, reason);
    if is_documentation(path) && forced.is_none() {
        return skip("documentation file (README, LICENSE ...), not an article".into());
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let (compression, inner_ext) = match ext.as_deref() {
        Some("gz") | Some("gzip") => (Some(Compression::Gzip), inner_extension(path)),
        Some("zst") | Some("zstd") => (Some(Compression::Zstd), inner_extension(path)),
        other => (None, other.map(str::to_string)),
    };
    let by_name = inner_ext.as_deref().and_then(Format::from_extension);
    let format = forced.or(by_name);
    let bytes = match compression {
        Some(c) => match decompress(&bytes, c) {
            Ok(b) => b,
            Err(e) => return skip(e),
        },
        None => bytes,
    };
    if format.is_none() && inner_ext.is_some() {
        // An extension newsdex does not know: read it only if the content says what it is.
        let sniffed = decode::to_text(&bytes).ok().and_then(|(t, _)| Format::sniff(&t));
        let unsupported = format!(
            "unsupported format .{} (read: .txt .json .jsonl .ndjson .csv .tsv .sgm .xml .rss .atom .html, \
             also gzip or zstd compressed; --format overrides)",
            inner_ext.unwrap_or_default()
        );
        return match sniffed.map(|f| articles_of(path, canonical, &bytes, Some(f))) {
            Some(read) if !read.articles.is_empty() => read,
            _ => skip(unsupported),
        };
    }
    articles_of(path, canonical, &bytes, format)
}

/// `a.jsonl.gz` → `jsonl`.
fn inner_extension(path: &Path) -> Option<String> {
    let stem = path.file_stem()?;
    Path::new(stem).extension()?.to_str().map(str::to_ascii_lowercase)
}

/// Reads every article of one file, in the format its name and content tell.
pub fn read_file(path: &Path) -> FileRead {
    read_file_as(path, None)
}

/// Reads articles from bytes already in memory; `format` `None` means: tell from the content
/// (markup or JSON by its first characters, plain text otherwise).
pub fn read_bytes(path: &Path, bytes: &[u8], format: Option<Format>) -> FileRead {
    articles_of(path, None, bytes, format)
}

/// [`read_bytes`], with the file's canonical path when the caller knows it.
fn articles_of(path: &Path, canonical: Option<&str>, bytes: &[u8], format: Option<Format>) -> FileRead {
    let shown = path.display().to_string();
    let problem = |record: Option<u64>, reason: String| Problem {
        path: shown.clone(),
        record,
        reason,
    };
    let mut out = FileRead::default();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        out.skipped.push(problem(None, "empty file".into()));
        return out;
    }
    let text = match decode::to_text(bytes) {
        Ok((text, encoding)) => {
            if let Some(enc) = encoding {
                out.warnings
                    .push(problem(None, format!("not UTF-8; decoded as {enc}")));
            }
            text
        }
        Err(decode::NotText::Binary) => {
            out.skipped.push(problem(None, "binary file, not text".into()));
            return out;
        }
    };
    let format = format.or_else(|| Format::sniff(&text)).unwrap_or(Format::Text);
    out.format = Some(format);
    let records: Vec<(Option<u64>, Parsed)> = match format {
        Format::Text => vec![(
            None,
            text::parse(&text)
                .map(|a| (a, Vec::new()))
                .ok_or_else(|| "no text".to_string()),
        )],
        Format::Json => match json::document(&text) {
            Ok(values) if worth_sharing(values.len(), text.len()) => values
                .par_iter()
                .enumerate()
                .with_min_len(16)
                .map(|(i, v)| (Some(i as u64 + 1), json::record(v)))
                .collect(),
            Ok(values) => values
                .iter()
                .enumerate()
                .map(|(i, v)| (Some(i as u64 + 1), json::record(v)))
                .collect(),
            // A `.json` file that is really JSON Lines.
            Err(_) if looks_like_lines(&text) => {
                out.format = Some(Format::Jsonl);
                json_lines(&text)
            }
            Err(e) => {
                out.skipped.push(problem(None, format!("malformed JSON: {e}")));
                Vec::new()
            }
        },
        Format::Jsonl => json_lines(&text),
        Format::Csv => table::records(&text, b','),
        Format::Tsv => table::records(&text, b'\t'),
        Format::Sgml => sgml::records(&text),
        Format::Xml => {
            let (records, fatal) = xml::records(&text);
            if let Some(f) = fatal {
                out.skipped.push(problem(None, f));
            }
            records
        }
        Format::Html => vec![(None, html::parse(&text))],
    };
    let one_per_file = records.len() == 1 && records[0].0.is_none();
    out.articles.reserve_exact(records.len());
    let ids = match canonical {
        Some(c) => ArticleIds::of_canonical(c),
        None => ArticleIds::of(path),
    };
    for (i, (record, parsed)) in records.into_iter().enumerate() {
        match parsed {
            Ok((mut a, warns)) => {
                let number = record.unwrap_or(i as u64 + 1);
                out.warnings.extend(warns.into_iter().map(|w| problem(record, w)));
                // A date the index cannot hold (a placeholder such as 0001-01-01, a typo such
                // as 2915) is left out, and said so: stored, it would wrap around to another
                // date.
                for (field, date) in [("date", &mut a.date), ("edited", &mut a.edited)] {
                    if let Some(d) = date.take_if(|d| !crate::index::holds_date(*d)) {
                        out.warnings.push(problem(
                            record,
                            format!(
                                "{field} {} is outside the dates the index holds (1677-09-21 to \
                                 2262-04-11); indexed without it",
                                d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                            ),
                        ));
                    }
                }
                a.id = ids.id(number);
                a.path = shown.clone();
                a.record = number;
                if a.format.is_empty() {
                    a.format = out.format.unwrap_or(format).name().to_string();
                }
                out.articles.push(a);
            }
            Err(reason) => out
                .skipped
                .push(problem(if one_per_file { None } else { record }, reason)),
        }
    }
    enrich_all(&mut out.articles);
    out
}

/// Text of at least this many bytes, in at least eight records, is parsed and
/// searched for quotes on all of rayon's threads (those of the current pool).
pub const PARALLEL_BYTES: usize = 128 * 1024;
const PARALLEL_RECORDS: usize = 8;

/// Whether `records` records in `bytes` bytes of text are worth sharing out over rayon's
/// threads; fewer are not worth the hand-over.
fn worth_sharing(records: usize, bytes: usize) -> bool {
    records >= PARALLEL_RECORDS && bytes >= PARALLEL_BYTES
}

/// Finds the quotes and speakers of each article. A big file of many records (a JSON Lines
/// dump, a wire-service file) is shared out over rayon's threads, so one big file keeps every
/// core busy as a directory of small files does; a small one is not worth the hand-over.
fn enrich_all(articles: &mut [Article]) {
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    if worth_sharing(articles.len(), bytes) {
        articles.par_iter_mut().with_min_len(4).for_each(extract::enrich);
    } else {
        articles.iter_mut().for_each(extract::enrich);
    }
}

fn looks_like_lines(text: &str) -> bool {
    text.lines().filter(|l| !l.trim().is_empty()).count() > 1
        && serde_json::from_str::<serde_json::Value>(text.lines().next().unwrap_or("")).is_ok()
}

/// The records of a JSON Lines file, numbered by line, parsed on rayon's threads (a dump of
/// millions of lines is often one file).
fn json_lines(text: &str) -> Vec<(Option<u64>, Parsed)> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    let parse = |&(i, line): &(usize, &str)| {
        let parsed = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => json::record(&v),
            Err(e) => Err(format!("malformed JSON line: {e}")),
        };
        (Some(i as u64 + 1), parsed)
    };
    if worth_sharing(lines.len(), text.len()) {
        lines.par_iter().with_min_len(16).map(parse).collect()
    } else {
        lines.iter().map(parse).collect()
    }
}
