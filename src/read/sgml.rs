//! Reuters-21578 SGML: many `<REUTERS>` records per file, no root element, and text that is
//! not well-formed XML (bare `>`, numeric references to control characters). Read with a
//! small tolerant scanner rather than an XML parser.
//!
//! Per record: TITLE, AUTHOR (a byline), DATELINE, BODY, DATE (`26-FEB-1987 15:01:01.79`,
//! with the malformed variants of the corpus: leading spaces, trailing control-code garbage,
//! impossible times), TOPICS and PLACES (`<D>` lists). `TYPE="BRIEF"` records have a title
//! only; `TYPE="UNPROC"` records have only raw text, which becomes the body.

use std::sync::OnceLock;

use memchr::memmem;

use crate::article::Article;
use crate::extract::{chrome, date};

use super::Parsed;

/// The bytes [`decode_entities`] stops at: `&`, and the first byte of every control character
/// (C0 but newline and tab, DEL, and the C1 range, whose characters start with 0xC2).
const LOOK: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != 0x0a && b != 0x09;
        b += 1;
    }
    t[b'&' as usize] = true;
    t[0x7f] = true;
    t[0xc2] = true;
    t
};

/// The first byte of `b` in [`LOOK`]. Eight bytes at a time: a word with no byte below 0x20,
/// no `&`, DEL or 0xC2 is passed over whole; only a word that has one (most often a newline,
/// which is below 0x20 but needs no look) is read byte by byte. Byte by byte throughout, the
/// search was 4 % of the instructions of reading the real corpora.
fn first_look(b: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Bytes of `x` equal to zero, or (for `below`) under `n`, flag their high bit; a flag
    // can be false (a borrow), never missing, and flagged words are read byte by byte.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS;
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_ne_bytes(word);
        let flagged = below(x, 0x20)
            | zero(x ^ (ONES * u64::from(b'&')))
            | zero(x ^ (ONES * 0x7f))
            | zero(x ^ (ONES * 0xc2));
        if flagged != 0
            && let Some(i) = chunk.iter().position(|&c| LOOK[usize::from(c)])
        {
            return Some(at + i);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| LOOK[usize::from(c)])
        .map(|i| at + i)
}

/// Decodes SGML entities (`&lt;`, `&amp;`, `&#5;` …) and drops control characters other than
/// newlines and tabs, whether written as such or as entities.
pub fn decode_entities(s: &str) -> String {
    let keep = |c: char| !c.is_control() || c == '\n' || c == '\t';
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // The text between the bytes that need a look ([`LOOK`]) is copied as it is.
    while let Some(i) = first_look(rest.as_bytes()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if !rest.starts_with('&') {
            // A character starting with one of those bytes; `i` is on its first byte.
            let c = rest.chars().next().unwrap_or('\u{0}');
            if keep(c) {
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                if keep(c) {
                    out.push(c);
                }
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The raw content of the first `<tag ...>…</tag>` in `s`, with the opening tag's attributes.
/// (Searched with `memchr`'s vectorised `memmem`: a record is searched once per field, and the
/// standard library's substring search was a fifth of the time of reading Reuters.)
fn element(s: &str, tag: Tag) -> Option<(&str, &str)> {
    let (open, close) = &finders()[tag as usize];
    let mut from = 0;
    loop {
        let start = from + open.find(&s.as_bytes()[from..])?;
        // `<TAG` is ASCII: the byte after it begins a character.
        let after = &s[start + open.needle().len()..];
        // `<TITLE` must not match `<TITLES`.
        if after.starts_with(['>', ' ', '\t', '\n']) {
            let gt = memchr::memchr(b'>', after.as_bytes())?;
            let attrs = &after[..gt];
            let body = &after[gt + 1..];
            let end = close.find(body.as_bytes()).unwrap_or(body.len());
            return Some((attrs, &body[..end]));
        }
        from = start + open.needle().len();
    }
}

/// The elements of a record that are read.
#[derive(Clone, Copy)]
enum Tag {
    Date,
    Topics,
    Places,
    Text,
    Title,
    Author,
    Dateline,
    Body,
}

/// A searcher for `<TAG` and one for `</TAG>`, per [`Tag`], built once.
fn finders() -> &'static [(memmem::Finder<'static>, memmem::Finder<'static>)] {
    static F: OnceLock<Vec<(memmem::Finder<'static>, memmem::Finder<'static>)>> = OnceLock::new();
    F.get_or_init(|| {
        [
            "DATE", "TOPICS", "PLACES", "TEXT", "TITLE", "AUTHOR", "DATELINE", "BODY",
        ]
        .iter()
        .map(|t| {
            (
                memmem::Finder::new(&format!("<{t}")).into_owned(),
                memmem::Finder::new(&format!("</{t}>")).into_owned(),
            )
        })
        .collect()
    })
}

fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let i = attrs.find(&key)? + key.len();
    let len = attrs[i..].find('"')?;
    Some(&attrs[i..i + len])
}

fn d_list(s: &str, tag: Tag) -> Vec<String> {
    let Some((_, inner)) = element(s, tag) else {
        return Vec::new();
    };
    inner
        .split("<D>")
        .filter_map(|d| d.split("</D>").next())
        .map(|d| decode_entities(d).trim().to_string())
        .filter(|d| !d.is_empty())
        .collect()
}

fn clean(s: &str) -> String {
    decode_entities(s).trim().to_string()
}

/// Re-flows hard-wrapped wire text: paragraphs (indented lines or blank lines) separated by
/// a blank line, lines within a paragraph joined by spaces, the closing `Reuter` sign-off
/// dropped.
fn reflow(body: &str) -> String {
    // Written straight into one string (a paragraph per `String`, then joined, cost twice
    // the allocations and copies).
    let mut out = String::with_capacity(body.len());
    // Where the last paragraph begins in `out`, and whether a line continues it.
    let (mut para_start, mut in_para) = (0, false);
    for line in body.lines() {
        let t = line.trim();
        if line.starts_with("    ") || t.is_empty() {
            in_para = false;
        }
        if t.is_empty() {
            continue;
        }
        if in_para {
            out.push(' ');
        } else {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            para_start = out.len();
            in_para = true;
        }
        out.push_str(t);
    }
    let last = &out[para_start..];
    if let Some(stripped) = [" Reuter", " REUTER", "Reuter", "REUTER"]
        .iter()
        .find_map(|sign_off| last.strip_suffix(sign_off))
    {
        let kept = stripped.trim_end().len();
        if kept > 0 {
            out.truncate(para_start + kept);
        } else {
            // The sign-off was the whole paragraph: it goes with its separator.
            out.truncate(para_start.saturating_sub(2));
        }
    }
    out
}

fn record(raw: &str) -> Parsed {
    let mut a = Article {
        source: Some("Reuters".into()),
        format: "reuters-sgml".into(),
        ..Article::default()
    };
    let mut warnings = Vec::new();
    if let Some((_, d)) = element(raw, Tag::Date) {
        let text = decode_entities(d);
        a.date = date::find_date(&text).map(|(d, _)| d);
        if a.date.is_none() {
            warnings.push(format!(
                "DATE {:?} not understood; indexed without it",
                text.trim()
            ));
        }
    }
    a.topics = d_list(raw, Tag::Topics);
    a.places = d_list(raw, Tag::Places);
    let (attrs, text) = element(raw, Tag::Text).ok_or("record has no <TEXT> element")?;
    let kind = attribute(attrs, "TYPE").unwrap_or("NORM");
    if let Some((_, t)) = element(text, Tag::Title) {
        a.title = clean(t);
    }
    if let Some((_, au)) = element(text, Tag::Author) {
        let au = clean(au);
        a.authors = chrome::byline(&au).unwrap_or_else(|| vec![au.trim_start_matches("By ").to_string()]);
    }
    if let Some((_, dl)) = element(text, Tag::Dateline) {
        let dl = clean(dl);
        a.dateline = (!dl.is_empty()).then_some(dl);
    }
    if let Some((_, b)) = element(text, Tag::Body) {
        a.body = reflow(&decode_entities(b));
    } else if kind == "UNPROC" {
        a.body = reflow(&decode_entities(text));
    }
    if a.title.is_empty() && a.body.is_empty() {
        // Still a record of the collection, with its date and codes: kept, and flagged.
        warnings.push(format!(
            "TYPE=\"{kind}\" record with neither TITLE nor text; indexed with its date and codes only"
        ));
    }
    Ok((a, warnings))
}

/// Reads every `<REUTERS>` record of a file; record numbers count from 1 in file order.
pub fn records(text: &str) -> Vec<(Option<u64>, Parsed)> {
    // A Reuters file holds a thousand records: room for all of them at once, not a vector
    // of large structs copied each time it doubles.
    let mut out = Vec::with_capacity(memchr::memmem::find_iter(text.as_bytes(), b"<REUTERS").count());
    let mut rest = text;
    let mut n = 0;
    while let Some(start) = memmem::find(rest.as_bytes(), b"<REUTERS") {
        n += 1;
        let after = &rest[start..];
        let (raw, next) = match memmem::find(after.as_bytes(), b"</REUTERS>") {
            Some(end) => (&after[..end], &after[end + "</REUTERS>".len()..]),
            None => {
                // An unterminated last record: read what there is, and say so.
                let parsed = record(after).map(|(a, mut w)| {
                    w.push("record is not closed by </REUTERS> (file truncated?)".into());
                    (a, w)
                });
                out.push((Some(n), parsed));
                break;
            }
        };
        out.push((Some(n), record(raw)));
        rest = next;
    }
    if out.is_empty() {
        out.push((None, Err("no <REUTERS> records in this SGML file".into())));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tag_finds_its_own_element() {
        let tags = [
            (Tag::Date, "DATE"),
            (Tag::Topics, "TOPICS"),
            (Tag::Places, "PLACES"),
            (Tag::Text, "TEXT"),
            (Tag::Title, "TITLE"),
            (Tag::Author, "AUTHOR"),
            (Tag::Dateline, "DATELINE"),
            (Tag::Body, "BODY"),
        ];
        let record: String = tags
            .iter()
            .map(|(_, name)| format!("<{name}S>no</{name}S><{name} A=\"1\">{name} value</{name}>"))
            .collect();
        for (tag, name) in tags {
            let found = element(&record, tag);
            assert_eq!(
                found,
                Some((" A=\"1\"", format!("{name} value").as_str())),
                "{name}"
            );
        }
        assert_eq!(
            element("<TITLE>open to the end", Tag::Title),
            Some(("", "open to the end"))
        );
        assert_eq!(element("<TITLES>x</TITLES>", Tag::Title), None);
    }

    #[test]
    fn entities_and_control_characters() {
        assert_eq!(
            decode_entities("a &lt;BAC> &amp; b&#5;&#5;\n&#3;"),
            "a <BAC> & b\n"
        );
        assert_eq!(decode_entities("AT&T & co"), "AT&T & co");
        // C1 controls go, written or as entities; other characters of that range stay.
        assert_eq!(
            decode_entities("a\u{85}b\u{9f}\u{a0}£«»&#133;&#x7f;\u{7f}\t&#10;c"),
            "ab\u{a0}£«»\t\nc"
        );
        assert_eq!(decode_entities("&#3;"), "");
        assert_eq!(decode_entities("&#12345678901;x"), "&#12345678901;x");
    }

    proptest::proptest! {
        #[test]
        fn the_first_byte_to_look_at_is_found(bytes in proptest::collection::vec(
            proptest::prop_oneof![
                8 => proptest::strategy::Strategy::prop_map(proptest::num::u8::ANY, |b| b | 0x20),
                1 => proptest::num::u8::ANY,
                1 => proptest::sample::select(vec![b'&', b'\n', b'\t', 0x7f, 0xc2, 0x00, 0x1f, 0xa2]),
            ],
            0..80,
        )) {
            let want = bytes.iter().position(|&c| LOOK[usize::from(c)]);
            proptest::prop_assert_eq!(first_look(&bytes), want);
        }
    }

    /// `reflow` as it was first written, a paragraph per string: the reference the faster
    /// one is checked against.
    fn reflow_reference(body: &str) -> String {
        let mut paras: Vec<String> = Vec::new();
        let mut current = String::new();
        for line in body.lines() {
            let starts_para = line.starts_with("    ") || line.trim().is_empty();
            let t = line.trim();
            if starts_para && !current.is_empty() {
                paras.push(std::mem::take(&mut current));
            }
            if t.is_empty() {
                continue;
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(t);
        }
        if !current.is_empty() {
            paras.push(current);
        }
        if let Some(last) = paras.last_mut() {
            for sign_off in [" Reuter", " REUTER", "Reuter", "REUTER"] {
                if let Some(stripped) = last.strip_suffix(sign_off) {
                    *last = stripped.trim_end().to_string();
                    break;
                }
            }
            if last.is_empty() {
                paras.pop();
            }
        }
        paras.join("\n\n")
    }

    proptest::proptest! {
        #[test]
        fn reflow_agrees_with_the_reference(lines in proptest::collection::vec(
            "( {0,5})(word|Reuter|REUTER|x Reuter|\u{a0}|\t)?( (more|Reuter))?( {0,2})(\r)?", 0..12)) {
            let body = lines.join("\n");
            proptest::prop_assert_eq!(reflow(&body), reflow_reference(&body));
        }
    }

    #[test]
    fn reflows_wire_text() {
        assert_eq!(
            reflow("    First line\nwrapped here.\n    Second para.\n Reuter\n"),
            "First line wrapped here.\n\nSecond para."
        );
    }
}
