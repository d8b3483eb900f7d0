//! CSV output: a header row, then one row per hit. Columns: `id, date, title, speakers,
//! authors, source, url, path, score, snippet`. Lists are joined with `; `; `snippet` holds
//! the fragments joined with ` | `, matches between `**` markers.

use std::io::Write;

use newsdex::SearchResults;

use super::{MARK, mark};

pub fn write(out: &mut dyn Write, r: &SearchResults) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "id", "date", "title", "speakers", "authors", "source", "url", "path", "score", "snippet",
    ])?;
    for h in &r.hits {
        let snippet: Vec<String> = h
            .snippets
            .iter()
            .filter(|s| s.field != "title")
            .map(|s| mark(&s.text, &s.highlights, MARK, MARK))
            .collect();
        w.write_record([
            h.id.as_str(),
            &h.date
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default(),
            &h.title,
            &h.speakers.join("; "),
            &h.authors.join("; "),
            h.source.as_deref().unwrap_or(""),
            h.url.as_deref().unwrap_or(""),
            &h.path,
            &h.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
            &snippet.join(" | "),
        ])?;
    }
    w.flush()
}

/// Quotes as CSV: `speaker, date, quote, title, path, article_id, how, source_kind`; matches
/// between `**`.
pub fn write_quotes(out: &mut dyn Write, r: &newsdex::QuoteResults) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "speaker",
        "date",
        "quote",
        "title",
        "path",
        "article_id",
        "how",
        "source_kind",
    ])?;
    // As JSON names them (`after`, `organisation`, …).
    let name = |v: serde_json::Result<serde_json::Value>| {
        v.ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    for q in &r.hits {
        let how = name(serde_json::to_value(q.how));
        let kind = name(serde_json::to_value(q.source_kind));
        w.write_record([
            q.speaker.as_deref().unwrap_or(""),
            &q.date
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default(),
            &mark(&q.text, &q.highlights, MARK, MARK),
            &q.title,
            &q.path,
            &q.article_id,
            &how,
            &kind,
        ])?;
    }
    w.flush()
}
