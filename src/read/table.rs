//! CSV and TSV exports with a header row.
//!
//! Column names are matched like JSON keys (see [`super::json::FIELDS`]): the widely used
//! `id,title,publication,author,date,year,month,url,content` layout reads as it is. Quoted
//! fields may span lines. A row is reported by its record number (the header is not counted)
//! and the line it starts on.
//!
//! A quote that opens a field and is never closed would make the rest of the file one field of
//! one row. When the lines after the row it opens in read as rows of the header's width, it is
//! taken for a stray quote: its field ends with its line, and reading goes on with the next.
//! Otherwise the file was most likely cut short inside the field, which then runs to the end.
//! Either way the row is indexed with a warning that says where the quote opened.

use serde_json::{Map, Value};

use super::Parsed;

/// Reads every row of a table as an article.
pub fn records(text: &str, delimiter: u8) -> Vec<(Option<u64>, Parsed)> {
    // A byte-order mark is not part of the first column's name (the reader's decoder drops
    // it already; this function is public).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let quoting = delimiter == b',';
    let mut rdr = reader(delimiter, true).from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => return vec![(None, Err(format!("cannot read the header row: {e}")))],
    };
    let body = row_start(text, rdr.position().byte() as usize);
    let mut out = Vec::new();
    let Some(q) = quoting
        .then(|| unclosed_quote(text.as_bytes(), delimiter))
        .flatten()
    else {
        rows(text, body, text.len(), delimiter, &headers, &mut out);
        return out;
    };
    let (line, column) = line_and_column(text, q);
    if q < body {
        let why = format!("the quote at line {line}, column {column} is never closed");
        return vec![(None, Err(format!("cannot read the header row: {why}")))];
    }
    // Only doubled quotes follow an unclosed one, so the lines after it hold no other.
    let end = text[q..].find('\n').map_or(text.len(), |i| q + i + 1);
    let stray = reads_as_rows(&text[end..], delimiter, headers.len());
    let (stop, how) = if stray {
        (end, "read as ending with its line")
    } else {
        (text.len(), "read to the end of the file, which may be cut short")
    };
    rows(text, body, stop, delimiter, &headers, &mut out);
    let why = format!("the quote at line {line}, column {column} is never closed; its field was {how}");
    match out.last_mut() {
        Some((_, Ok((_, warnings)))) => warnings.push(why),
        Some((_, Err(reason))) => *reason = format!("{reason} ({why})"),
        None => {}
    }
    rows(text, stop, text.len(), delimiter, &headers, &mut out);
    out
}

/// A CSV reader as newsdex reads tables: rows may differ in width (reported one by one), and
/// only commas quote.
fn reader(delimiter: u8, has_headers: bool) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.delimiter(delimiter)
        .flexible(true)
        .has_headers(has_headers)
        .quoting(delimiter == b',');
    b
}

/// Appends the rows of `text[from..to]`, which starts a row, numbering them after those in
/// `out` and giving the lines they start on within the whole `text`.
///
/// A row of the wrong width that runs on over lines because a quote on its first line is not
/// closed there, when that line alone is a row of the header's width, is taken for a row with
/// a stray quote: it ends with its line, with a warning, and reading goes on with the next.
fn rows(
    text: &str,
    mut from: usize,
    to: usize,
    delimiter: u8,
    headers: &[String],
    out: &mut Vec<(Option<u64>, Parsed)>,
) {
    let mut lines = Lines::default();
    'restart: while from < to {
        let mut rdr = reader(delimiter, false).from_reader(&text.as_bytes()[from..to]);
        let mut row = csv::StringRecord::new();
        loop {
            let n = out.len() as u64 + 1;
            match rdr.read_record(&mut row) {
                Ok(false) => break 'restart,
                Ok(true) => {}
                Err(e) => {
                    out.push((Some(n), Err(format!("malformed row: {e}"))));
                    continue;
                }
            }
            let start = row_start(text, from + row.position().map_or(0, |p| p.byte() as usize));
            let line = lines.of(text, start);
            if row.len() != headers.len() {
                if let Some((alone, why)) =
                    stray_quote_row(text, start, to, delimiter, headers.len(), line, row.len())
                {
                    out.push((
                        Some(n),
                        article(headers, &alone).map(|(a, mut w)| {
                            w.push(why);
                            (a, w)
                        }),
                    ));
                    from = text[start..to].find('\n').map_or(to, |i| start + i + 1);
                    continue 'restart;
                }
                out.push((
                    Some(n),
                    Err(format!(
                        "row at line {line} has {} fields, the header has {}",
                        row.len(),
                        headers.len()
                    )),
                ));
                continue;
            }
            out.push((Some(n), article(headers, &row)));
        }
    }
}

/// Where the row the `csv` crate places at byte `at` of `text` starts: the crate's places
/// can fall before the line end that ends the row before (the `\n` of a `\r\n`).
fn row_start(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    at + text.as_bytes()[at..]
        .iter()
        .take_while(|&&b| b == b'\r' || b == b'\n')
        .count()
}

/// The 1-based line of a byte of a text, counted on from the byte asked about before, so that
/// asking about every row in order reads the text once.
#[derive(Default)]
struct Lines {
    /// The last byte asked about, and its line less one.
    at: usize,
    before: u64,
}

impl Lines {
    fn of(&mut self, text: &str, at: usize) -> u64 {
        if at < self.at {
            *self = Lines::default();
        }
        self.before += text.as_bytes()[self.at..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.at = at;
        self.before + 1
    }
}

/// The row at `text[start..]` read as ending with its first line, and why, when that line
/// opens a quote it does not close and alone has the header's `width` (see [`rows`]).
fn stray_quote_row(
    text: &str,
    start: usize,
    to: usize,
    delimiter: u8,
    width: usize,
    line: u64,
    fields: usize,
) -> Option<(csv::StringRecord, String)> {
    let end = text[start..to].find('\n').map_or(to, |i| start + i + 1);
    let q = start + unclosed_quote(&text.as_bytes()[start..end], delimiter)?;
    let mut rdr = reader(delimiter, false).from_reader(&text.as_bytes()[start..end]);
    let alone = rdr.records().next()?.ok()?;
    (alone.len() == width).then(|| {
        let column = column(text, q);
        let why = format!(
            "the quote at line {line}, column {column} is not closed on its line; read on, the \
             row would have {fields} fields, so its field was read as ending with its line"
        );
        (alone, why)
    })
}

/// One row as an article, its fields named by the header.
fn article(headers: &[String], row: &csv::StringRecord) -> Parsed {
    let mut obj = Map::new();
    for (h, v) in headers.iter().zip(row.iter()) {
        if !v.trim().is_empty() {
            obj.insert(h.clone(), Value::String(v.to_string()));
        }
    }
    super::json::record(&Value::Object(obj))
}

/// Where a quote opens a field that is never closed, if one does: the byte offset of the
/// quote in `text`, which starts a row. Follows the `csv` crate's reading: a quote opens a
/// field only as its first byte, two quotes inside one stand for a quote, and a closing quote
/// followed by more text goes on unquoted.
fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<usize> {
    enum State {
        FieldStart,
        Unquoted,
        Quoted(usize),
        QuoteInQuoted(usize),
    }
    let ends = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let mut state = State::FieldStart;
    for (i, &b) in text.iter().enumerate() {
        state = match state {
            State::FieldStart if b == b'"' => State::Quoted(i),
            State::FieldStart | State::Unquoted if ends(b) => State::FieldStart,
            State::FieldStart | State::Unquoted => State::Unquoted,
            State::Quoted(o) if b == b'"' => State::QuoteInQuoted(o),
            State::Quoted(o) => State::Quoted(o),
            State::QuoteInQuoted(o) if b == b'"' => State::Quoted(o),
            State::QuoteInQuoted(_) if ends(b) => State::FieldStart,
            State::QuoteInQuoted(_) => State::Unquoted,
        };
    }
    match state {
        State::Quoted(o) => Some(o),
        _ => None,
    }
}

/// Whether `text` reads as rows of the header's width: at least one row, and at least half
/// of them that wide. Decides whether a quote never closed was a stray one.
fn reads_as_rows(text: &str, delimiter: u8, width: usize) -> bool {
    let mut rdr = reader(delimiter, false).from_reader(text.as_bytes());
    let (mut all, mut wide) = (0usize, 0usize);
    for row in rdr.records().flatten() {
        all += 1;
        wide += usize::from(row.len() == width);
    }
    all > 0 && 2 * wide >= all
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let line = text.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    (line, column(text, at))
}

/// The 1-based column (in characters) of byte `at` of `text`: only its line is read, so that
/// asking for every row of a long file reads it once.
fn column(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before[line_start..].chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_unclosed_only_when_it_opens_a_field_and_nothing_closes_it() {
        let at = |s: &str| unclosed_quote(s.as_bytes(), b',');
        assert_eq!(at("a,\"b,c\"\nd,e\n"), None);
        assert_eq!(at("a,\"two\nlines\",c\n"), None);
        assert_eq!(at("a,\"say \"\"hi\"\"\",c\n"), None, "doubled quotes");
        assert_eq!(at("a,b\"c,d\n"), None, "a quote inside a field is a character");
        assert_eq!(at("a,\"b\"c,d\n"), None, "text after a closing quote");
        assert_eq!(at("a,b\nc,\"d\ne,f\n"), Some(6));
        assert_eq!(at("a,\"b\"\"\n"), Some(2), "a doubled quote does not close");
        assert_eq!(unclosed_quote(b"a\t\"b\n", b'\t'), Some(2));
    }

    #[test]
    fn lines_and_columns_count_characters_from_one() {
        assert_eq!(line_and_column("ab\ncé\"x", 6), (2, 3));
        assert_eq!(line_and_column("\"", 0), (1, 1));
    }
}
