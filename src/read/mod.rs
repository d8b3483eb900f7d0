//! Readers: one file in, its articles (or the reasons it has none) out.
//!
//! One module per input format; this one picks the format from the file's extension (or its
//! first bytes when it has none), decodes the bytes, and gives every article its stable id.
//! Readers know nothing of Tantivy.

pub mod decode;
pub mod json;
pub mod text;

use std::path::Path;

use serde::Serialize;

use crate::article::Article;
use crate::extract;

/// Input formats newsdex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A plain-text article (`.txt`, `.text`, or no extension).
    Text,
    /// A JSON document: one article or an array of them (`.json`).
    Json,
    /// One JSON article per line (`.jsonl`, `.ndjson`).
    Jsonl,
}

impl Format {
    /// The name used in summaries and the index's `format` field.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }

    /// The format for a file name's extension, if newsdex reads it.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// Something that was not read, or not read whole: which file, which record, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, as walked.
    pub path: String,
    /// 1-based record number (for JSONL, the line number), when the problem is one record's.
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

/// Names of files that document a corpus rather than belong to it.
fn is_documentation(path: &Path) -> bool {
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "readme" | "license" | "licence" | "copying" | "changelog" | "notice"
    )
}

/// The stable id of the `record`th article of the file at `path`: 16 hex digits of BLAKE3 over
/// the canonical path and the record number.
pub fn article_id(path: &Path, record: u64) -> String {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut h = blake3::Hasher::new();
    h.update(canonical.to_string_lossy().as_bytes());
    h.update(&[0]);
    h.update(&record.to_le_bytes());
    h.finalize().to_hex()[..16].to_string()
}

/// Reads every article of one file. Never fails: what cannot be read is in
/// [`FileRead::skipped`].
pub fn read_file(path: &Path) -> FileRead {
    let shown = path.display().to_string();
    let skip = |reason: String| FileRead {
        skipped: vec![Problem {
            path: shown.clone(),
            record: None,
            reason,
        }],
        ..FileRead::default()
    };
    if is_documentation(path) {
        return skip("documentation file (README, LICENSE ...), not an article".into());
    }
    let format = match Format::from_path(path) {
        Some(f) => Some(f),
        None if path.extension().is_none() => None,
        None => {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default();
            return skip(format!(
                "unsupported format .{ext} (read: .txt .text .json .jsonl .ndjson)"
            ));
        }
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return skip(format!("cannot read: {e}")),
    };
    read_bytes(path, &bytes, format)
}

/// Reads articles from bytes already in memory; `format` `None` means: tell from the content.
pub fn read_bytes(path: &Path, bytes: &[u8], format: Option<Format>) -> FileRead {
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
    let format = format.unwrap_or_else(|| match text.trim_start().as_bytes().first() {
        Some(b'{') | Some(b'[') => Format::Json,
        _ => Format::Text,
    });
    out.format = Some(format);
    let mut push = |out: &mut FileRead, record: u64, mut a: Article| {
        a.id = article_id(path, record);
        a.path = shown.clone();
        a.record = record;
        a.format = out.format.unwrap_or(format).name().to_string();
        extract::enrich(&mut a);
        out.articles.push(a);
    };
    match format {
        Format::Text => match text::parse(&text) {
            Some(a) => push(&mut out, 1, a),
            None => out.skipped.push(problem(None, "no text".into())),
        },
        Format::Json => match json::document(&text) {
            Ok(values) => {
                for (i, v) in values.iter().enumerate() {
                    let record = i as u64 + 1;
                    match json::record(v) {
                        json::Record::Article(a, warns) => {
                            out.warnings
                                .extend(warns.into_iter().map(|w| problem(Some(record), w)));
                            push(&mut out, record, *a);
                        }
                        json::Record::Skip(reason) => out.skipped.push(problem(Some(record), reason)),
                    }
                }
            }
            // A `.json` file that is really JSON Lines.
            Err(_)
                if text.lines().filter(|l| !l.trim().is_empty()).count() > 1
                    && serde_json::from_str::<serde_json::Value>(text.lines().next().unwrap_or(""))
                        .is_ok() =>
            {
                out.format = Some(Format::Jsonl);
                read_lines(&text, &mut out, &problem, &mut push);
            }
            Err(e) => out.skipped.push(problem(None, format!("malformed JSON: {e}"))),
        },
        Format::Jsonl => read_lines(&text, &mut out, &problem, &mut push),
    }
    out
}

fn read_lines(
    text: &str,
    out: &mut FileRead,
    problem: &dyn Fn(Option<u64>, String) -> Problem,
    push: &mut dyn FnMut(&mut FileRead, u64, Article),
) {
    for (i, line) in text.lines().enumerate() {
        let record = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => match json::record(&v) {
                json::Record::Article(a, warns) => {
                    out.warnings
                        .extend(warns.into_iter().map(|w| problem(Some(record), w)));
                    push(out, record, *a);
                }
                json::Record::Skip(reason) => out.skipped.push(problem(Some(record), reason)),
            },
            Err(e) => out
                .skipped
                .push(problem(Some(record), format!("malformed JSON line: {e}"))),
        }
    }
}
