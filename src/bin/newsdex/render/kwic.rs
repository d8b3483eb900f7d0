//! Concordance output: aligned columns for people, CSV/TSV for coding sheets, JSON lines.
//!
//! `--format json` writes one object per match, one per line: `{"id", "path", "date",
//! "source", "field", "left", "match", "right"}`; `left` and `right` are the context (white
//! space collapsed), `date` is RFC 3339 UTC or null.

use std::io::Write;

use newsdex::KwicLine;

const MATCH: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn date(l: &KwicLine) -> String {
    l.date
        .map_or_else(|| "undated".to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// Left context right-aligned to `width` characters, the match, right context, then the
/// date, id and source.
pub fn human(out: &mut dyn Write, lines: &[KwicLine], width: usize, color: bool) -> std::io::Result<()> {
    for l in lines {
        let pad = width.saturating_sub(l.left.chars().count());
        let right: String = l
            .right
            .chars()
            .chain(std::iter::repeat(' '))
            .take(width)
            .collect();
        let source = l.source.as_deref().unwrap_or("");
        if color {
            writeln!(
                out,
                "{:pad$}{}{MATCH}{}{RESET}{}  {DIM}{} {} {}{RESET}",
                "",
                l.left,
                l.matched,
                right,
                date(l),
                &l.id[..l.id.len().min(8)],
                source
            )?;
        } else {
            writeln!(
                out,
                "{:pad$}{}[{}]{}  {} {} {}",
                "",
                l.left,
                l.matched,
                right,
                date(l),
                &l.id[..l.id.len().min(8)],
                source
            )?;
        }
    }
    Ok(())
}

pub fn table(out: &mut dyn Write, lines: &[KwicLine], delimiter: u8) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
    w.write_record(["id", "path", "date", "source", "field", "left", "match", "right"])?;
    for l in lines {
        let d = l
            .date
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default();
        w.write_record([
            &l.id,
            &l.path,
            &d,
            l.source.as_deref().unwrap_or(""),
            &l.field,
            &l.left,
            &l.matched,
            &l.right,
        ])?;
    }
    w.flush()
}

pub fn json(out: &mut dyn Write, lines: &[KwicLine]) -> std::io::Result<()> {
    for l in lines {
        let v = serde_json::json!({
            "id": l.id,
            "path": l.path,
            "date": l.date.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            "source": l.source,
            "field": l.field,
            "left": l.left,
            "match": l.matched,
            "right": l.right,
        });
        serde_json::to_writer(&mut *out, &v)?;
        writeln!(out)?;
    }
    Ok(())
}
