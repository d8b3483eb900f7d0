//! Readable results: a numbered block per hit, matches in bold red on a terminal or between
//! `**` markers elsewhere.

use std::io::Write;

use newsdex::SearchResults;

use super::{MARK, mark};

const BOLD: &str = "\x1b[1m";
const MATCH: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

pub fn write(out: &mut dyn Write, r: &SearchResults, offset: usize, color: bool) -> std::io::Result<()> {
    let (open, close) = if color { (MATCH, RESET) } else { (MARK, MARK) };
    for (i, hit) in r.hits.iter().enumerate() {
        let title = match hit.snippets.iter().find(|s| s.field == "title") {
            Some(s) => mark(
                &s.text,
                &s.highlights,
                open,
                if color { "\x1b[0m\x1b[1m" } else { close },
            ),
            None if hit.title.is_empty() => "(untitled)".to_string(),
            None => hit.title.clone(),
        };
        if color {
            writeln!(out, "{BOLD}{}. {title}{RESET}", offset + i + 1)?;
        } else {
            writeln!(out, "{}. {title}", offset + i + 1)?;
        }
        let mut meta = vec![
            hit.date
                .map_or("undated".to_string(), |d| d.format("%Y-%m-%d").to_string()),
        ];
        if let Some(s) = &hit.source {
            meta.push(s.clone());
        }
        if !hit.authors.is_empty() {
            meta.push(format!("by {}", hit.authors.join(", ")));
        }
        if let Some(s) = hit.score {
            meta.push(format!("score {s:.2}"));
        }
        let meta = meta.join(" · ");
        let path = &hit.path;
        if color {
            writeln!(out, "   {DIM}{meta}\n   {path}{RESET}")?;
        } else {
            writeln!(out, "   {meta}\n   {path}")?;
        }
        if !hit.speakers.is_empty() {
            writeln!(out, "   speakers: {}", hit.speakers.join(", "))?;
        }
        for s in hit.snippets.iter().filter(|s| s.field != "title") {
            writeln!(out, "   {}", mark(&s.text, &s.highlights, open, close))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Who said a quote, as a reader is told: the person, the organisation marked as one, or
/// which kind of source it has none of a name for.
fn who_said(speaker: Option<&str>, kind: newsdex::SourceKind) -> String {
    match (speaker, kind) {
        (Some(name), newsdex::SourceKind::Organisation) => format!("{name} (organisation)"),
        (Some(name), _) => name.to_string(),
        (None, newsdex::SourceKind::Organisation) => "(an organisation)".to_string(),
        (None, newsdex::SourceKind::Unnamed) => "(unnamed source)".to_string(),
        (None, _) => "(unattributed)".to_string(),
    }
}

/// Quotes: the speaker and date, the quote with its matches marked, then the article.
pub fn write_quotes(
    out: &mut dyn Write,
    r: &newsdex::QuoteResults,
    offset: usize,
    color: bool,
) -> std::io::Result<()> {
    let (open, close) = if color { (MATCH, RESET) } else { (MARK, MARK) };
    for (i, q) in r.hits.iter().enumerate() {
        let who = who_said(q.speaker.as_deref(), q.source_kind);
        let date = q
            .date
            .map_or("undated".to_string(), |d| d.format("%Y-%m-%d").to_string());
        if color {
            writeln!(out, "{BOLD}{}. {who}{RESET} · {date}", offset + i + 1)?;
        } else {
            writeln!(out, "{}. {who} · {date}", offset + i + 1)?;
        }
        writeln!(out, "   “{}”", mark(&q.text, &q.highlights, open, close))?;
        if color {
            writeln!(out, "   {DIM}{}\n   {}{RESET}", q.title, q.path)?;
        } else {
            writeln!(out, "   {}\n   {}", q.title, q.path)?;
        }
        writeln!(out)?;
    }
    Ok(())
}
