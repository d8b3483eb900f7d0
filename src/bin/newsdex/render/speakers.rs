//! Output of `newsdex speakers`: one line per person, or CSV.

use std::io::Write;

use chrono::{DateTime, Utc};
use newsdex::speakers::Speakers;

/// A date as a day, or `-` for none.
fn day(d: Option<DateTime<Utc>>) -> String {
    d.map_or_else(|| "-".to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// One line per person: quotes, articles, the first and last article's date, the name.
pub fn human(out: &mut dyn Write, s: &Speakers) -> std::io::Result<()> {
    let width = s.speakers.first().map_or(1, |p| p.quotes.to_string().len());
    for p in &s.speakers {
        let articles = if p.articles == 1 { "article" } else { "articles" };
        let dates = if day(p.first) == day(p.last) {
            day(p.first)
        } else {
            format!("{} to {}", day(p.first), day(p.last))
        };
        writeln!(
            out,
            "{:>width$} quotes in {:>3} {articles:<8}  {dates:<24}  {}",
            p.quotes, p.articles, p.name
        )?;
    }
    Ok(())
}

/// `speaker,quotes,articles,first,last` with a header row (dates as days, empty for none).
pub fn csv(out: &mut dyn Write, s: &Speakers) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["speaker", "quotes", "articles", "first", "last"])?;
    let date = |d: Option<DateTime<Utc>>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    for p in &s.speakers {
        w.write_record([
            p.name.as_str(),
            &p.quotes.to_string(),
            &p.articles.to_string(),
            &date(p.first),
            &date(p.last),
        ])?;
    }
    w.flush()
}
