//! Snippets: the fragments of an article that show where a query matched, with highlight
//! ranges and no markup (renderers decide on colour, markers or HTML).
//!
//! Highlighting follows the query, not just its words: a phrase is highlighted only where the
//! whole phrase occurs, as one span; a word in each of its occurrences, stemmed forms
//! included; words under `-exclusion` and filters (speaker, date) are not highlighted.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::query::{Ast, QField};
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

#[derive(Debug, Clone)]
struct Pattern {
    field: Option<QField>,
    /// Analyzed terms with their relative positions.
    terms: Vec<(usize, String)>,
    slop: u32,
}

/// Finds the spans of a text that satisfy a query.
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    patterns: Vec<Pattern>,
}

impl Highlighter {
    /// Collects the words and phrases of a query that can be highlighted.
    pub fn new(ast: &Ast) -> Highlighter {
        let mut h = Highlighter::default();
        h.collect(ast);
        h
    }

    fn collect(&mut self, ast: &Ast) {
        match ast {
            Ast::And(parts) | Ast::Or(parts) => parts.iter().for_each(|p| self.collect(p)),
            Ast::Term { field, text } => self.add(*field, text, 0),
            Ast::Phrase { field, text, slop } => self.add(*field, text, *slop),
            Ast::Not(_) | Ast::All | Ast::DateRange { .. } => {}
        }
    }

    fn add(&mut self, field: Option<QField>, text: &str, slop: u32) {
        let analyzer = field.map_or(schema::STEMMED, QField::analyzer);
        let terms = crate::query::analyze(analyzer, text);
        if !terms.is_empty() {
            let base = terms[0].0;
            let terms = terms.into_iter().map(|(p, t)| (p - base, t)).collect();
            self.patterns.push(Pattern { field, terms, slop });
        }
    }

    /// True when the query has anything to highlight.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Byte ranges of `text` (a value of `field`) that the query matches, sorted and merged.
    pub fn matches(&self, field: QField, text: &str) -> Vec<Range<usize>> {
        let patterns: Vec<&Pattern> = self
            .patterns
            .iter()
            .filter(|p| {
                p.field.map_or(
                    matches!(field, QField::Title | QField::Subtitle | QField::Body),
                    |f| f == field,
                )
            })
            .collect();
        if patterns.is_empty() {
            return Vec::new();
        }
        let tokens = tokens(field.analyzer(), text);
        let mut by_term: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, t) in tokens.iter().enumerate() {
            by_term.entry(t.text.as_str()).or_default().push(i);
        }
        let mut spans = Vec::new();
        for p in patterns {
            let Some(firsts) = by_term.get(p.terms[0].1.as_str()) else {
                continue;
            };
            for &i in firsts {
                if let Some(last) = match_from(&tokens, &by_term, i, p) {
                    spans.push(tokens[i].from..tokens[last].to);
                }
            }
        }
        merge(spans)
    }
}

struct Tok {
    text: String,
    position: usize,
    from: usize,
    to: usize,
}

fn tokens(analyzer: &str, text: &str) -> Vec<Tok> {
    let Some(mut a) = schema::analyzer(analyzer) else {
        return Vec::new();
    };
    let mut stream = a.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push(Tok {
            text: t.text.clone(),
            position: t.position,
            from: t.offset_from,
            to: t.offset_to,
        });
    }
    out
}

/// Whether pattern `p` matches starting at token `i`; returns the index of its last token.
/// Later words must follow in order, the positions spread by at most `slop` beyond the
/// phrase's own length.
fn match_from(toks: &[Tok], by_term: &HashMap<&str, Vec<usize>>, i: usize, p: &Pattern) -> Option<usize> {
    let start = toks[i].position;
    let mut prev = i;
    for (offset, term) in &p.terms[1..] {
        let expected = start + offset;
        let cands = by_term.get(term.as_str())?;
        let next = cands
            .iter()
            .copied()
            .find(|&j| j > prev && toks[j].position >= expected)?;
        if toks[next].position - expected > p.slop as usize {
            return None;
        }
        prev = next;
    }
    Some(prev)
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

/// Picks up to `count` fragments of about `size` bytes where the matches are densest, cut
/// at word boundaries, in text order.
pub fn fragments(
    field: &str,
    text: &str,
    matches: &[Range<usize>],
    count: usize,
    size: usize,
) -> Vec<Snippet> {
    let mut remaining: Vec<Range<usize>> = matches.to_vec();
    let mut windows: Vec<Range<usize>> = Vec::new();
    while windows.len() < count && !remaining.is_empty() {
        let mut best: Option<(usize, Range<usize>)> = None;
        for m in &remaining {
            let lead = size.saturating_sub(m.end - m.start) / 3;
            let start = m.start.saturating_sub(lead);
            let end = (start + size).max(m.end).min(text.len());
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

/// The opening of a text, about `size` bytes cut at a word, for hits whose match is not in
/// the body (a speaker or date filter alone).
pub fn lead(field: &str, text: &str, size: usize) -> Option<Snippet> {
    let para = text.split("\n\n").find(|p| !p.trim().is_empty())?.trim();
    let start = para.as_ptr() as usize - text.as_ptr() as usize;
    let mut end = floor_boundary(para, size);
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
