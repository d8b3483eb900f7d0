//! Snippets: the fragments of an article that show where a query matched, with highlight
//! ranges and no markup (renderers decide on colour, markers or HTML).
//!
//! Highlighting follows the query, not just its words: a phrase is highlighted only where the
//! whole phrase occurs, as one span; a word in each of its occurrences, stemmed forms
//! included; words under `-exclusion` and filters (speaker, date) are not highlighted.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::query::{Ast, Proximity, QField};
use crate::schema;

/// A piece of an article's text with the matches marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// `title` or `body`.
    pub field: String,
    /// The fragment; `…` marks text cut at either end, newlines are spaces.
    pub text: String,
    /// Matches, as byte ranges into `text`, sorted and not overlapping.
    pub highlights: Vec<Range<usize>>,
}

/// One text's tokens under one analyzer, indexed for matching. Every analyzer uses the same
/// tokenizer, so token `i` is the same word under each: spans found under different
/// analyzers combine.
struct Toks {
    toks: Vec<Tok>,
    by_term: HashMap<String, Vec<usize>>,
}

struct Tok {
    text: String,
    position: usize,
    from: usize,
    to: usize,
}

impl Toks {
    /// Tokens of `text` under `analyzer`. With `wanted`, only tokens that can equal one of
    /// the query's terms are stemmed and indexed; the others keep their place with no text
    /// (stemming every word of every hit was most of a search's snippet time).
    fn new(analyzer: &str, text: &str, wanted: Option<&Prefixes>) -> Toks {
        let mut toks = Vec::new();
        let base = if analyzer == schema::STEMMED && wanted.is_some() {
            schema::EXACT
        } else {
            analyzer
        };
        let mut stemmer = (base != analyzer).then(|| schema::analyzer(analyzer)).flatten();
        if let Some(mut a) = schema::analyzer(base) {
            let mut stream = a.token_stream(text);
            while stream.advance() {
                let t = stream.token();
                let text = match wanted {
                    Some(w) if !w.admits(&t.text) => String::new(),
                    _ => match stemmer.as_mut() {
                        Some(st) => {
                            let mut one = st.token_stream(&t.text);
                            if one.advance() {
                                one.token().text.clone()
                            } else {
                                String::new()
                            }
                        }
                        None => t.text.clone(),
                    },
                };
                toks.push(Tok {
                    text,
                    position: t.position,
                    from: t.offset_from,
                    to: t.offset_to,
                });
            }
        }
        let mut by_term: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in toks.iter().enumerate().filter(|(_, t)| !t.text.is_empty()) {
            by_term.entry(t.text.clone()).or_default().push(i);
        }
        Toks { toks, by_term }
    }
}

/// The first two letters of every term a query looks for, `y` read as `i`. A word can only
/// stem to a query term when it begins the same way: English Snowball stems keep a word's
/// first two letters, but for `dying`, `lying`, `tying` (→ `die`, `lie`, `tie`).
#[derive(Debug, Clone, Default)]
struct Prefixes(Vec<[u8; 2]>);

impl Prefixes {
    fn key(word: &str) -> [u8; 2] {
        let b = word.as_bytes();
        let norm = |c: Option<&u8>| match c {
            Some(b'y') => b'i',
            Some(&c) => c,
            None => 0,
        };
        [norm(b.first()), norm(b.get(1))]
    }

    /// Every term of every word, phrase and operand of `ast`, under both text analyzers.
    fn of(ast: &Ast) -> Prefixes {
        fn walk(ast: &Ast, out: &mut Vec<[u8; 2]>) {
            match ast {
                Ast::Prefix { text, .. } => {
                    out.extend(
                        crate::query::analyze(schema::EXACT, text)
                            .iter()
                            .map(|(_, t)| Prefixes::key(t)),
                    );
                }
                Ast::Term { text, .. } | Ast::Phrase { text, .. } => {
                    for analyzer in [schema::STEMMED, schema::EXACT] {
                        out.extend(
                            crate::query::analyze(analyzer, text)
                                .iter()
                                .map(|(_, t)| Prefixes::key(t)),
                        );
                    }
                }
                Ast::And(p) | Ast::Or(p) => p.iter().for_each(|x| walk(x, out)),
                Ast::Not(x) => walk(x, out),
                Ast::Near { left, right, .. } => {
                    walk(left, out);
                    walk(right, out);
                }
                Ast::All | Ast::DateRange { .. } => {}
            }
        }
        let mut out = Vec::new();
        walk(ast, &mut out);
        out.sort_unstable();
        out.dedup();
        Prefixes(out)
    }

    /// True when `word` (lower-cased, unstemmed) may stem to one of the terms. A one-letter
    /// word or term is compared on its letter alone.
    fn admits(&self, word: &str) -> bool {
        let k = Prefixes::key(word);
        self.0
            .iter()
            .any(|p| p[0] == k[0] && (p[1] == k[1] || p[1] == 0 || k[1] == 0))
    }
}

/// A text being matched: its tokens under each analyzer and its sentences and paragraphs,
/// each computed on first need.
struct Matched<'t> {
    text: &'t str,
    wanted: &'t Prefixes,
    stemmed: OnceCell<Toks>,
    exact: OnceCell<Toks>,
    sentences: OnceCell<Vec<usize>>,
    paragraphs: OnceCell<Vec<usize>>,
}

impl<'t> Matched<'t> {
    fn new(text: &'t str, wanted: &'t Prefixes) -> Matched<'t> {
        Matched {
            text,
            wanted,
            stemmed: OnceCell::new(),
            exact: OnceCell::new(),
            sentences: OnceCell::new(),
            paragraphs: OnceCell::new(),
        }
    }

    fn toks(&self, analyzer: &str) -> &Toks {
        if analyzer == schema::STEMMED {
            self.stemmed
                .get_or_init(|| Toks::new(schema::STEMMED, self.text, Some(self.wanted)))
        } else {
            self.exact
                .get_or_init(|| Toks::new(schema::EXACT, self.text, Some(self.wanted)))
        }
    }

    fn sentence_of(&self, byte: usize) -> usize {
        let s = self
            .sentences
            .get_or_init(|| crate::extract::quotes::sentence_starts(self.text));
        s.partition_point(|&x| x <= byte)
    }

    fn paragraph_of(&self, byte: usize) -> usize {
        let p = self
            .paragraphs
            .get_or_init(|| self.text.match_indices("\n\n").map(|(i, _)| i).collect());
        p.partition_point(|&x| x < byte)
    }
}

/// A matched stretch: first and last token index.
type Span = (usize, usize);

/// Analyzed terms with their relative positions, and the slop allowed.
struct Pattern {
    terms: Vec<(usize, String)>,
    slop: u32,
}

fn pattern(analyzer: &str, text: &str, slop: u32) -> Option<Pattern> {
    let terms = crate::query::analyze(analyzer, text);
    let base = terms.first()?.0;
    Some(Pattern {
        terms: terms.into_iter().map(|(p, t)| (p - base, t)).collect(),
        slop,
    })
}

/// Whether pattern `p` matches starting at token `i`; returns the index of its last token.
/// Later words must follow in order, the positions spread by at most `slop` beyond the
/// phrase's own length.
fn match_from(t: &Toks, i: usize, p: &Pattern) -> Option<usize> {
    let start = t.toks[i].position;
    let mut prev = i;
    for (offset, term) in &p.terms[1..] {
        let expected = start + offset;
        let cands = t.by_term.get(term.as_str())?;
        let next = cands
            .iter()
            .copied()
            .find(|&j| j > prev && t.toks[j].position >= expected)?;
        if t.toks[next].position - expected > p.slop as usize {
            return None;
        }
        prev = next;
    }
    Some(prev)
}

fn pattern_spans(t: &Toks, p: &Pattern) -> Vec<Span> {
    let Some(firsts) = t.by_term.get(p.terms[0].1.as_str()) else {
        return Vec::new();
    };
    firsts
        .iter()
        .filter_map(|&i| match_from(t, i, p).map(|last| (i, last)))
        .collect()
}

/// The words of `t` that begin with `prefix` (folded), each a span of its own.
fn prefix_spans(t: &Toks, prefix: &str) -> Vec<Span> {
    t.toks
        .iter()
        .enumerate()
        .filter(|(_, tok)| !tok.text.is_empty() && tok.text.starts_with(prefix))
        .map(|(i, _)| (i, i))
        .collect()
}

fn is_text_field(f: QField) -> bool {
    matches!(f, QField::Title | QField::Subtitle | QField::Body)
}

/// The spans of `text` (a value of `field`) that a query node matches: words, phrases,
/// alternatives and proximity operators.
fn spans(node: &Ast, field: QField, m: &Matched) -> Vec<Span> {
    match node {
        Ast::Term { field: f, text } | Ast::Phrase { field: f, text, .. } => {
            let slop = if let Ast::Phrase { slop, .. } = node {
                *slop
            } else {
                0
            };
            let analyzer = match f {
                None if is_text_field(field) => schema::STEMMED,
                Some(QField::Exact) if is_text_field(field) => schema::EXACT,
                Some(f) if *f == field && is_text_field(field) => schema::STEMMED,
                Some(f) if *f == field => schema::NAME,
                _ => return Vec::new(),
            };
            match pattern(analyzer, text, slop) {
                Some(p) => pattern_spans(m.toks(analyzer), &p),
                None => Vec::new(),
            }
        }
        Ast::Prefix { field: f, text, .. } => {
            let analyzer = match f {
                None | Some(QField::Exact) if is_text_field(field) => schema::EXACT,
                Some(f) if *f == field && is_text_field(field) => schema::EXACT,
                Some(f) if *f == field => schema::NAME,
                _ => return Vec::new(),
            };
            prefix_spans(m.toks(analyzer), &crate::query::fold(text))
        }
        Ast::Or(parts) => {
            let mut all: Vec<Span> = parts.iter().flat_map(|p| spans(p, field, m)).collect();
            all.sort_unstable();
            all.dedup();
            all
        }
        Ast::Near { left, right, within } => {
            let (l, r) = (spans(left, field, m), spans(right, field, m));
            if l.is_empty() || r.is_empty() {
                return Vec::new();
            }
            near_spans(&l, &r, *within, m)
        }
        _ => Vec::new(),
    }
}

/// The spans from the first word to the last of each span of `l` close enough to one of
/// `r` (both sorted), as `within` says, sorted and without repeats.
///
/// Each span of `l` looks only at the spans of `r` that can be close to it, found by binary
/// search, not at every one: a long article that uses both words thousands of times took
/// seconds to check against `plan NEAR/3 fine`.
fn near_spans(l: &[Span], r: &[Span], within: Proximity, m: &Matched) -> Vec<Span> {
    let t = &m.toks(schema::STEMMED).toks;
    let mut out = Vec::new();
    // False once the spans are as many as kept.
    let mut pair = |a: Span, b: Span| {
        out.push((a.0.min(b.0), a.1.max(b.1)));
        out.len() < MAX_NEAR_SPANS
    };
    match within {
        Proximity::Words { n, ordered } => {
            let n = n as usize;
            // Spans of `r` by their last word, for those that end before a span of `l` (which
            // only an unordered operator takes).
            let mut by_end = if ordered { Vec::new() } else { r.to_vec() };
            by_end.sort_unstable_by_key(|&(start, end)| (end, start));
            'all: for &a in l {
                let after = r.partition_point(|b| b.0 <= a.1);
                for &b in r[after..]
                    .iter()
                    .take_while(|b| t[b.0].position - t[a.1].position <= n)
                {
                    if !pair(a, b) {
                        break 'all;
                    }
                }
                if !ordered {
                    let before = by_end.partition_point(|b| b.1 < a.0);
                    let close = |b: &&Span| t[a.0].position - t[b.1].position <= n;
                    for &b in by_end[..before].iter().rev().take_while(close) {
                        if !pair(a, b) {
                            break 'all;
                        }
                    }
                }
            }
        }
        Proximity::Sentence | Proximity::Paragraph => {
            let unit = |b: usize| match within {
                Proximity::Sentence => m.sentence_of(t[b].from),
                _ => m.paragraph_of(t[b].from),
            };
            'all: for &a in l {
                let u = unit(a.0);
                if unit(a.1) != u {
                    continue;
                }
                // The spans of `r` that start in the same sentence or paragraph.
                let first = r.partition_point(|b| unit(b.0) < u);
                for &b in r[first..].iter().take_while(|b| unit(b.0) == u) {
                    if a != b && unit(b.1) == u && !pair(a, b) {
                        break 'all;
                    }
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Most spans one proximity operator finds in a text (a million). Each pair of its operands'
/// matches close enough makes one, so a paragraph of thousands of each would make millions
/// (`plan /p fine` over a 2 MB text of one paragraph ran out of memory); the first are kept,
/// which is all a snippet shows and enough to tell that an article matches.
pub const MAX_NEAR_SPANS: usize = 1_000_000;

/// Bytes of a field looked at for highlighting (1 MiB).
pub const MAX_HIGHLIGHT_BYTES: usize = 1 << 20;

/// Bytes of a field looked at when checking a proximity query against an article (16 MiB).
pub const MAX_CHECK_BYTES: usize = 16 << 20;

/// Finds the spans of a text that satisfy a query.
#[derive(Debug, Clone)]
pub struct Highlighter {
    ast: Ast,
    wanted: Prefixes,
}

impl Highlighter {
    /// Keeps the query to match texts against it.
    pub fn new(ast: &Ast) -> Highlighter {
        Highlighter {
            ast: ast.clone(),
            wanted: Prefixes::of(ast),
        }
    }

    /// True when the query has anything to highlight.
    pub fn is_empty(&self) -> bool {
        fn any(a: &Ast) -> bool {
            match a {
                Ast::And(p) | Ast::Or(p) => p.iter().any(any),
                Ast::Term { .. } | Ast::Prefix { .. } | Ast::Phrase { .. } | Ast::Near { .. } => true,
                _ => false,
            }
        }
        !any(&self.ast)
    }

    /// Byte ranges of `text` (a value of `field`) that the query matches, sorted and merged.
    /// Words under `-exclusion`, dates and filters are not highlighted; a proximity match is
    /// one span from its first word to its last.
    ///
    /// Only the first [`MAX_HIGHLIGHT_BYTES`] of a text are looked at: snippets of a huge
    /// article show its early matches, and a search never stalls on one.
    pub fn matches(&self, field: QField, text: &str) -> Vec<Range<usize>> {
        let m = Matched::new(&text[..floor_boundary(text, MAX_HIGHLIGHT_BYTES)], &self.wanted);
        let mut out = Vec::new();
        collect_spans(&self.ast, field, &m, &mut out);
        if out.is_empty() {
            // Nothing of the query is in this field (`title:` words, in the body): its words
            // need not be read.
            return Vec::new();
        }
        let t = &m.toks(schema::STEMMED).toks;
        let ranges = out
            .into_iter()
            .filter_map(|(a, b)| {
                // Spans found under the name analyzer index its own tokens.
                Some(t.get(a)?.from..t.get(b)?.to)
            })
            .collect();
        merge(ranges)
    }
}

fn collect_spans(ast: &Ast, field: QField, m: &Matched, out: &mut Vec<Span>) {
    match ast {
        Ast::And(parts) => parts.iter().for_each(|p| collect_spans(p, field, m, out)),
        Ast::Or(parts) if parts.iter().any(|p| matches!(p, Ast::And(_) | Ast::Not(_))) => {
            parts.iter().for_each(|p| collect_spans(p, field, m, out))
        }
        Ast::Term { .. } | Ast::Prefix { .. } | Ast::Phrase { .. } | Ast::Or(_) | Ast::Near { .. } => {
            out.extend(spans(ast, field, m))
        }
        Ast::Not(_) | Ast::All | Ast::DateRange { .. } => {}
    }
}

/// The text fields of an article and their values, for checking a query against it.
pub(crate) fn satisfies(ast: &Ast, a: &crate::Article) -> bool {
    let cap = |t: &'_ str| -> usize { floor_boundary(t, MAX_CHECK_BYTES) };
    let subtitle_text = a.subtitle.as_deref().unwrap_or("");
    let wanted = Prefixes::of(ast);
    let title = Matched::new(&a.title[..cap(&a.title)], &wanted);
    let subtitle = Matched::new(&subtitle_text[..cap(subtitle_text)], &wanted);
    let body = Matched::new(&a.body[..cap(&a.body)], &wanted);
    check(
        ast,
        a,
        &[
            (QField::Title, &title),
            (QField::Subtitle, &subtitle),
            (QField::Body, &body),
        ],
    )
}

fn check(ast: &Ast, a: &crate::Article, texts: &[(QField, &Matched)]) -> bool {
    let values = |f: QField| -> Vec<&str> {
        match f {
            QField::Speaker => a.speakers.iter().map(String::as_str).collect(),
            QField::Author => a.authors.iter().map(String::as_str).collect(),
            QField::Source => a.source.iter().map(String::as_str).collect(),
            QField::Topic => a.topics.iter().map(String::as_str).collect(),
            QField::Place => a.places.iter().map(String::as_str).collect(),
            QField::Dateline => a.dateline.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    };
    match ast {
        Ast::All => true,
        Ast::And(p) => p.iter().all(|x| check(x, a, texts)),
        Ast::Or(p) => p.iter().any(|x| check(x, a, texts)),
        Ast::Not(x) => !check(x, a, texts),
        Ast::DateRange { from, to } => a
            .date
            .is_some_and(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t)),
        Ast::Term { field: Some(f), text }
        | Ast::Phrase {
            field: Some(f), text, ..
        } if !is_text_field(*f) && *f != QField::Exact => {
            let slop = if let Ast::Phrase { slop, .. } = ast {
                *slop
            } else {
                0
            };
            let Some(p) = pattern(schema::NAME, text, slop) else {
                return false;
            };
            values(*f)
                .iter()
                .any(|v| !pattern_spans(&Toks::new(schema::NAME, v, None), &p).is_empty())
        }
        Ast::Prefix {
            field: Some(f), text, ..
        } if !is_text_field(*f) && *f != QField::Exact => {
            let prefix = crate::query::fold(text);
            values(*f)
                .iter()
                .any(|v| !prefix_spans(&Toks::new(schema::NAME, v, None), &prefix).is_empty())
        }
        _ => texts.iter().any(|(f, m)| !spans(ast, *f, m).is_empty()),
    }
}

fn merge(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// The largest char boundary of `text` at or before byte `i`.
pub fn floor_char(text: &str, i: usize) -> usize {
    floor_boundary(text, i)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte position `n` characters before `pos`.
fn back_chars(text: &str, pos: usize, n: usize) -> usize {
    if n == 0 {
        return pos;
    }
    text[..pos].char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)
}

/// The byte position `n` characters after `pos` (or the end of the text).
fn forward_chars(text: &str, pos: usize, n: usize) -> usize {
    text[pos..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| pos + i)
}

/// Picks up to `count` fragments of about `size` characters where the matches are densest, cut
/// at word boundaries, in text order.
pub fn fragments(
    field: &str,
    text: &str,
    matches: &[Range<usize>],
    count: usize,
    size: usize,
) -> Vec<Snippet> {
    // The densest windows among the first matches are enough for a few fragments.
    let mut remaining: Vec<Range<usize>> = matches.iter().take(2000).cloned().collect();
    let mut windows: Vec<Range<usize>> = Vec::new();
    while windows.len() < count && !remaining.is_empty() {
        let mut best: Option<(usize, Range<usize>)> = None;
        for m in &remaining {
            let match_chars = text[m.clone()].chars().count();
            let start = back_chars(text, m.start, size.saturating_sub(match_chars) / 3);
            let end = forward_chars(text, start, size).max(m.end);
            let n = remaining
                .iter()
                .filter(|r| r.start >= start && r.end <= end)
                .count();
            if best.as_ref().is_none_or(|(c, _)| n > *c) {
                best = Some((n, start..end));
            }
        }
        let Some((_, w)) = best else { break };
        let w = snap(text, w, &remaining);
        remaining.retain(|r| !(r.start < w.end && r.end > w.start));
        windows.push(w);
    }
    // Windows grown to word boundaries may overlap: join them rather than repeat text.
    windows.sort_by_key(|w| w.start);
    let mut joined: Vec<Range<usize>> = Vec::new();
    for w in windows {
        match joined.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => joined.push(w),
        }
    }
    joined
        .into_iter()
        .map(|w| render(field, text, w, matches))
        .collect()
}

/// Moves a window's ends to word boundaries without cutting a match.
fn snap(text: &str, w: Range<usize>, matches: &[Range<usize>]) -> Range<usize> {
    let first = matches
        .iter()
        .filter(|m| m.start >= w.start)
        .map(|m| m.start)
        .min()
        .unwrap_or(w.start);
    let last = matches
        .iter()
        .filter(|m| m.end <= w.end)
        .map(|m| m.end)
        .max()
        .unwrap_or(w.end);
    let mut start = floor_boundary(text, w.start);
    if start > 0 {
        // Start at a sentence if one begins shortly before, else after a space.
        let back = floor_boundary(text, start.saturating_sub(40));
        if let Some(p) = text[back..first].rfind(". ") {
            start = back + p + 2;
        } else if let Some(p) = text[start..first].find(char::is_whitespace) {
            start += p + 1;
        }
    }
    let mut end = floor_boundary(text, w.end);
    if end < text.len()
        && let Some(p) = text[last..end].rfind(char::is_whitespace)
    {
        end = last + p;
    }
    start.min(first)..end.max(last)
}

fn render(field: &str, text: &str, w: Range<usize>, matches: &[Range<usize>]) -> Snippet {
    let mut out = String::new();
    if w.start > 0 {
        out.push('…');
    }
    let shift = out.len() as isize - w.start as isize;
    out.push_str(&text[w.clone()].replace(['\n', '\r', '\t'], " "));
    let highlights = matches
        .iter()
        .filter(|m| m.start >= w.start && m.end <= w.end)
        .map(|m| (m.start as isize + shift) as usize..(m.end as isize + shift) as usize)
        .collect();
    if w.end < text.len() {
        out.push('…');
    }
    Snippet {
        field: field.to_string(),
        text: out,
        highlights,
    }
}

/// The opening of a text, about `size` characters cut at a word, for hits whose match is not in
/// the body (a speaker or date filter alone).
pub fn lead(field: &str, text: &str, size: usize) -> Option<Snippet> {
    let para = text.split("\n\n").find(|p| !p.trim().is_empty())?.trim();
    let start = para.as_ptr() as usize - text.as_ptr() as usize;
    let mut end = forward_chars(para, 0, size);
    if end < para.len() {
        end = para[..end].rfind(char::is_whitespace).unwrap_or(end);
    }
    let mut s = render(field, text, start..start + end, &[]);
    if start > 0 && s.text.starts_with('…') {
        s.text = s.text.trim_start_matches('…').to_string();
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    #[test]
    fn proximity_in_a_huge_paragraph_keeps_a_bounded_number_of_spans() {
        // 1,200 of each word in one paragraph: 1.44 million pairs, each a span of its own.
        let text = "plan fine ".repeat(1200);
        let ast = parse("plan /p fine").unwrap();
        let wanted = Prefixes::of(&ast);
        let m = Matched::new(&text, &wanted);
        let found = spans(&ast, QField::Body, &m);
        assert_eq!(found.len(), MAX_NEAR_SPANS);
        assert_eq!(found[..2], [(0, 1), (0, 3)]);
        let article = crate::Article {
            body: text.clone(),
            ..Default::default()
        };
        assert!(satisfies(&ast, &article), "the article still matches");
    }

    #[test]
    fn proximity_spans_are_those_of_every_pair_within_reach() {
        // What proximity spans were before each span looked only at those within its reach:
        // every pair of spans tried.
        fn every_pair(node: &Ast, m: &Matched) -> Vec<Span> {
            let (left, right, within) = match node {
                Ast::Near { left, right, within } => (left, right, within),
                Ast::Or(parts) => {
                    let mut all: Vec<Span> = parts.iter().flat_map(|p| every_pair(p, m)).collect();
                    all.sort_unstable();
                    all.dedup();
                    return all;
                }
                _ => return spans(node, QField::Body, m),
            };
            let (l, r) = (every_pair(left, m), every_pair(right, m));
            let t = &m.toks(schema::STEMMED).toks;
            let mut out = Vec::new();
            for &a in &l {
                for &b in &r {
                    let (first, last) = (t[a.0.min(b.0)].from, t[a.1.max(b.1)].from);
                    let close = match within {
                        Proximity::Words { n, .. } if a.1 < b.0 => {
                            t[b.0].position - t[a.1].position <= *n as usize
                        }
                        Proximity::Words { n, ordered } if b.1 < a.0 => {
                            !ordered && t[a.0].position - t[b.1].position <= *n as usize
                        }
                        Proximity::Words { .. } => false,
                        Proximity::Sentence => a != b && m.sentence_of(first) == m.sentence_of(last),
                        Proximity::Paragraph => a != b && m.paragraph_of(first) == m.paragraph_of(last),
                    };
                    if close {
                        out.push((a.0.min(b.0), a.1.max(b.1)));
                    }
                }
            }
            out.sort_unstable();
            out.dedup();
            out
        }
        let text = "Plan fine. The plan is fine, plans said fine plan. Fine words plan the \
                    plan.\n\nA fine plan? Planning fine, fine, plan and \"fine plan\" plan fine.\n\n\
                    Plan. Fine.";
        let queries = [
            "plan NEAR/1 fine",
            "plan NEAR/3 fine",
            "plan PRE/2 fine",
            "fine PRE/4 plan",
            "plan /s fine",
            "plan /p fine",
            "plan /s plan",
            "\"fine plan\" NEAR/2 plan",
            "(plan NEAR/1 fine) NEAR/3 words",
            "(plan OR words) PRE/2 (fine NEAR/1 plan)",
            "(plan /s fine) /p said",
        ];
        for q in queries {
            let ast = parse(q).unwrap();
            let wanted = Prefixes::of(&ast);
            let m = Matched::new(text, &wanted);
            let found = spans(&ast, QField::Body, &m);
            assert!(!found.is_empty(), "{q}");
            assert_eq!(found, every_pair(&ast, &m), "{q}");
        }
    }

    fn marked(q: &str, text: &str) -> Vec<String> {
        let h = Highlighter::new(&parse(q).unwrap());
        h.matches(QField::Body, text)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn phrase_only_where_whole() {
        let text = "the Geneva conference opened; a conference at Geneva closed";
        assert_eq!(marked("\"Geneva conference\"", text), ["Geneva conference"]);
    }

    #[test]
    fn stemmed_words_and_exclusions() {
        assert_eq!(
            marked("talk", "They talked and the talks went on."),
            ["talked", "talks"]
        );
        assert!(marked("-talks", "the talks").is_empty());
    }

    #[test]
    fn slop_phrase() {
        assert_eq!(
            marked("\"Geneva talks\"~2", "Geneva peace talks began"),
            ["Geneva peace talks"]
        );
        assert!(marked("\"Geneva talks\"~0", "Geneva peace talks began").is_empty());
    }

    #[test]
    fn fragment_highlights_line_up() {
        let text = "word ".repeat(100) + "Geneva talks " + &"more ".repeat(100);
        let h = Highlighter::new(&parse("geneva").unwrap());
        let m = h.matches(QField::Body, &text);
        let f = fragments("body", &text, &m, 2, 80);
        assert_eq!(f.len(), 1);
        let r = f[0].highlights[0].clone();
        assert_eq!(&f[0].text[r], "Geneva");
        assert!(f[0].text.starts_with('…') && f[0].text.ends_with('…'));
    }
}
