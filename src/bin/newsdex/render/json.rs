//! JSON output.
//!
//! `--format json` writes one object:
//!
//! ```text
//! {"query": "...", "total": 12,           total: matching articles, not only those shown
//!  "hits": [ HIT, ... ]}
//! ```
//!
//! and `--format jsonl` one HIT per line. A HIT is
//!
//! ```text
//! {"id": "9f2c…",                  stable article id (16 hex digits)
//!  "path": "sample-corpus/…",      the file it came from
//!  "title": "...",
//!  "date": "2013-06-17T19:45:00Z", publication time in UTC, or null
//!  "authors": ["..."], "speakers": ["Vladimir Putin"],
//!  "source": "..." | null, "url": "..." | null,
//!  "score": 3.1 | null,            BM25 relevance; null when sorted by date
//!  "snippets": [{"field": "title" | "subtitle" | "body",
//!                "text": "…the Geneva talks…",
//!                "highlights": [[5, 17]]}]}
//! ```
//!
//! `highlights` are `[start, end)` pairs counted in Unicode code points (characters) of
//! `text`, as Python indexes strings. (JavaScript counts UTF-16 units, which differ only for
//! characters outside the Basic Multilingual Plane.)

use std::io::Write;

use newsdex::{Hit, SearchResults, Snippet};
use serde_json::{Value, json};

fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn snippet(s: &Snippet) -> Value {
    let highlights: Vec<[usize; 2]> = s
        .highlights
        .iter()
        .map(|h| [char_offset(&s.text, h.start), char_offset(&s.text, h.end)])
        .collect();
    json!({"field": s.field, "text": s.text, "highlights": highlights})
}

fn hit(h: &Hit) -> Value {
    json!({
        "id": h.id,
        "path": h.path,
        "title": h.title,
        "date": h.date.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        "authors": h.authors,
        "speakers": h.speakers,
        "source": h.source,
        "url": h.url,
        "score": h.score,
        "snippets": h.snippets.iter().map(snippet).collect::<Vec<_>>(),
    })
}

pub fn write(out: &mut dyn Write, r: &SearchResults) -> std::io::Result<()> {
    let v = json!({
        "query": r.query,
        "total": r.total,
        "hits": r.hits.iter().map(hit).collect::<Vec<_>>(),
    });
    serde_json::to_writer(&mut *out, &v)?;
    writeln!(out)
}

pub fn write_lines(out: &mut dyn Write, r: &SearchResults) -> std::io::Result<()> {
    for h in &r.hits {
        serde_json::to_writer(&mut *out, &hit(h))?;
        writeln!(out)?;
    }
    Ok(())
}

/// `newsdex quotes --format json` writes `{"query", "total", "quotes": [QUOTE, ...]}` and
/// `--format jsonl` one QUOTE per line. A QUOTE is `{"article_id", "path", "title", "date",
/// "speaker" (null when unattributed), "source_kind" (person, organisation, unnamed, unknown),
/// "how" (after, before, according_to, pronoun, continuation, same_sentence, subject,
/// characterised, none), "text", "highlights": [[start, end], ...] (code points of text),
/// "score"}`.
pub fn write_quotes(out: &mut dyn Write, r: &newsdex::QuoteResults, lines: bool) -> std::io::Result<()> {
    let quote = |q: &newsdex::QuoteHit| {
        let highlights: Vec<[usize; 2]> = q
            .highlights
            .iter()
            .map(|h| [char_offset(&q.text, h.start), char_offset(&q.text, h.end)])
            .collect();
        json!({
            "article_id": q.article_id,
            "path": q.path,
            "title": q.title,
            "date": q.date.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            "speaker": q.speaker,
            "source_kind": q.source_kind,
            "how": q.how,
            "text": q.text,
            "highlights": highlights,
            "score": q.score,
        })
    };
    if lines {
        for q in &r.hits {
            serde_json::to_writer(&mut *out, &quote(q))?;
            writeln!(out)?;
        }
        return Ok(());
    }
    let v =
        json!({"query": r.query, "total": r.total, "quotes": r.hits.iter().map(quote).collect::<Vec<_>>()});
    serde_json::to_writer(&mut *out, &v)?;
    writeln!(out)
}
