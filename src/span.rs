//! A quote's words as a span of its article's words.
//!
//! A quote is part of its article's body, and the body is indexed in `text`. So a quote's
//! words are not indexed a second time: each quote document holds its `span`, the positions
//! in `text` where its words begin and end ([`quote_spans`]), and a quote search
//! ([`QuoteWords`]) reads the positions of its words in the articles that hold them and keeps
//! the quotes whose spans hold a match. Indexed as a field of their own, the quotes' words
//! were 11 % of all the words of a load and 9-10 % of its CPU.
//!
//! An article's quotes are the documents right after it, up to the next article (see
//! `record` in the schema), and only quote documents have a `span`: the quotes of an article
//! are read from the column, without a term lookup.

use tantivy::columnar::Column;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

use crate::article::Article;
use crate::words::{LONGEST, inside_word, next_word, words_before};

/// The fast field that holds each quote document's span.
pub(crate) const SPAN_COLUMN: &str = "span";

/// Where the positions of a value's words end in a field of several values, as Tantivy
/// counts them: one past the position of the last word it indexes (0 when it indexes none).
/// Every run of letters and digits takes a position; one of [`LONGEST`] bytes or more keeps
/// its position but is not indexed. Tantivy leaves one position free after each value.
fn value_end(text: &str) -> u32 {
    let (mut words, mut end, mut at) = (0u32, 0u32, 0);
    while let Some((from, to, _)) = next_word(text, at) {
        words += 1;
        if to - from < LONGEST {
            end = words;
        }
        at = to;
    }
    end
}

/// Where the body begins in `text`: after the headline and the standfirst, each followed by
/// the position Tantivy leaves free (see [`crate::document`] for the order of the values).
fn body_start(a: &Article) -> u32 {
    let mut start = value_end(&a.title) + 1;
    if let Some(sub) = &a.subtitle {
        start += value_end(sub) + 1;
    }
    start
}

/// A span as the `span` column holds it.
fn encode(from: u32, to: u32) -> u64 {
    (u64::from(from) << 32) | u64::from(to)
}

/// A span from the `span` column: the position of the quote's first word and the position
/// after its last.
fn decode(span: u64) -> (u32, u32) {
    ((span >> 32) as u32, span as u32)
}

/// The span of each of the article's quotes, in order: the positions in `text` of the words
/// that lie wholly between the quote's `start` and `end` in the body. A quote with no words
/// has an empty span, which holds no match.
pub(crate) fn quote_spans(a: &Article) -> Vec<u64> {
    if a.quotes.is_empty() {
        return Vec::new();
    }
    // Each quote's start and end, in order along the body.
    let mut cuts: Vec<usize> = a.quotes.iter().flat_map(|q| [q.start, q.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let before = words_before(&a.body, &cuts);
    let words_before = |at: usize| before[cuts.partition_point(|&c| c < at)];
    let base = body_start(a);
    a.quotes
        .iter()
        .map(|q| {
            // The words that begin at or after the start; of those that begin before the
            // end, all but one the end cuts.
            let first = words_before(q.start);
            let end = words_before(q.end) - u32::from(inside_word(&a.body, q.end));
            encode(base + first, base + end.max(first))
        })
        .collect()
}

/// What a quote search asks of a quote's words.
#[derive(Debug, Clone)]
enum Words {
    /// Any of these words of `text` (a word, or the words a prefix stands for), each scored as
    /// itself.
    Any(Vec<Term>),
    /// The words in order, each at its offset in the phrase, spread by at most `slop` words
    /// beyond the phrase's own length (as highlighting matches a phrase: see
    /// [`crate::snippet`]).
    Phrase { terms: Vec<(usize, Term)>, slop: u32 },
}

/// The quote documents whose words hold a word or a phrase: matched in the `text` of each
/// quote's article, within the quote's span. Scored by BM25 over the matches in the span,
/// with the quote's length in words and the words' document frequencies among articles.
#[derive(Debug, Clone)]
pub(crate) struct QuoteWords {
    words: Words,
}

impl QuoteWords {
    /// The quotes holding the analyzed `words` (with their positions, as
    /// [`crate::query::analyze`] gives them) of field `text`: a word, or a phrase with `slop`.
    pub(crate) fn new(text: Field, words: &[(usize, String)], slop: u32) -> QuoteWords {
        let term = |w: &str| Term::from_field_text(text, w);
        QuoteWords {
            words: match words {
                [] => Words::Any(Vec::new()),
                [(_, w)] => Words::Any(vec![term(w)]),
                _ => Words::Phrase {
                    terms: words.iter().map(|(p, w)| (*p, term(w))).collect(),
                    slop,
                },
            },
        }
    }

    /// The quotes holding any of `terms` (of `text`).
    pub(crate) fn any(terms: Vec<Term>) -> QuoteWords {
        QuoteWords {
            words: Words::Any(terms),
        }
    }
}

/// Words the average quote holds: 14.8 in the real corpora (576,325 words in 38,814 quotes),
/// the length BM25 takes as usual for a quote. (The index holds no count of the quotes'
/// words, and its counts for `text` are the articles'.)
const AVERAGE_QUOTE_WORDS: Score = 15.0;

/// BM25 of a word or phrase in a quote, with Tantivy's constants.
#[derive(Debug, Clone, Copy)]
struct Bm25 {
    /// The words' inverse document frequency (summed over a phrase's words) times `K1 + 1`.
    weight: Score,
}

impl Bm25 {
    const K1: Score = 1.2;
    const B: Score = 0.75;

    /// The weight of `terms` (one word, or a phrase's words), their document frequencies in
    /// the articles' `text`.
    fn of(stats: &dyn tantivy::query::Bm25StatisticsProvider, terms: &[Term]) -> tantivy::Result<Bm25> {
        let docs = stats.total_num_docs()? as Score;
        let mut idf = 0.0;
        for t in terms {
            let n = stats.doc_freq(t)? as Score;
            idf += (1.0 + (docs - n + 0.5) / (n + 0.5)).ln();
        }
        Ok(Bm25 {
            weight: idf * (1.0 + Self::K1),
        })
    }

    /// The score of `tf` matches in a quote of `words` words.
    fn score(self, words: u32, tf: u32) -> Score {
        let tf = tf as Score;
        let norm = Self::K1 * (1.0 - Self::B + Self::B * words as Score / AVERAGE_QUOTE_WORDS);
        self.weight * tf / (tf + norm)
    }
}

impl Query for QuoteWords {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = |terms: &[Term]| -> tantivy::Result<Option<Bm25>> {
            match scoring {
                EnableScoring::Enabled {
                    statistics_provider, ..
                } if !terms.is_empty() => Bm25::of(statistics_provider, terms).map(Some),
                _ => Ok(None),
            }
        };
        let weights = match &self.words {
            Words::Any(terms) => terms
                .iter()
                .map(|t| bm25(std::slice::from_ref(t)))
                .collect::<tantivy::Result<Vec<_>>>()?,
            Words::Phrase { terms, .. } => {
                let terms: Vec<Term> = terms.iter().map(|(_, t)| t.clone()).collect();
                vec![bm25(&terms)?]
            }
        };
        Ok(Box::new(QuoteWordsWeight {
            words: self.words.clone(),
            weights,
        }))
    }

    // No terms are told: the words are checked against each quote's span, not matched as
    // Tantivy's own queries would match them, and the search's planning by document
    // frequency (block-max WAND for a word alone, splitting a phrase across threads) does
    // not apply.
    fn query_terms<'a>(&'a self, _visitor: &mut dyn FnMut(&'a Term, bool)) {}
}

struct QuoteWordsWeight {
    words: Words,
    /// For [`Words::Any`], one per term; for a phrase, one. `None` when not scoring.
    weights: Vec<Option<Bm25>>,
}

/// The quotes after article `article` in a segment of `max_doc` documents, each with its
/// span.
fn quotes_of(
    spans: &Column<u64>,
    article: DocId,
    max_doc: DocId,
) -> impl Iterator<Item = (DocId, (u32, u32))> + '_ {
    (article + 1..max_doc).map_while(move |q| spans.first(q).map(|s| (q, decode(s))))
}

/// Positions of `positions` that lie in `from..to`. A word's positions in one article are
/// few: counted in one branch-free pass (two binary searches per quote were a third of a
/// quote search for `said`).
fn count_within(positions: &[u32], (from, to): (u32, u32)) -> u32 {
    positions.iter().map(|&p| u32::from(p >= from && p < to)).sum()
}

/// The matches of a phrase in one article: first and last position of each, in order of
/// their first. `positions[i]` are the positions of word `i`, at `offsets[i]` in the phrase.
fn phrase_matches(positions: &[Vec<u32>], offsets: &[usize], slop: u32, out: &mut Vec<(u32, u32)>) {
    out.clear();
    let base = offsets[0];
    'starts: for &start in &positions[0] {
        let mut prev = start;
        for (i, pos) in positions.iter().enumerate().skip(1) {
            let expected = start as u64 + (offsets[i] - base) as u64;
            let at = pos.partition_point(|&p| p <= prev || (p as u64) < expected);
            let Some(&next) = pos.get(at) else {
                // No later start can do better for this word.
                break 'starts;
            };
            if next as u64 - expected > u64::from(slop) {
                continue 'starts;
            }
            prev = next;
        }
        out.push((start, prev));
    }
}

impl QuoteWordsWeight {
    /// The segment's quotes whose spans hold a match, in document order, with their scores
    /// (deleted ones included: the collector leaves those out, as for any query).
    fn matches(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Vec<(DocId, Score)>> {
        let spans = reader.fast_fields().u64(SPAN_COLUMN)?;
        let max_doc = reader.max_doc();
        let score = |w: &Option<Bm25>, (from, to): (u32, u32), tf: u32| {
            w.map_or(1.0, |w| w.score(to.saturating_sub(from), tf) * boost)
        };
        let mut found: Vec<(DocId, Score)> = Vec::new();
        let mut positions: Vec<u32> = Vec::new();
        match &self.words {
            Words::Any(terms) => {
                let Some(field) = terms.first().map(Term::field) else {
                    return Ok(found);
                };
                let index = reader.inverted_index(field)?;
                for (term, w) in terms.iter().zip(&self.weights) {
                    let Some(mut postings) =
                        index.read_postings(term, IndexRecordOption::WithFreqsAndPositions)?
                    else {
                        continue;
                    };
                    let mut article = postings.doc();
                    while article != TERMINATED {
                        let mut read = false;
                        for (quote, span) in quotes_of(&spans, article, max_doc) {
                            if !read {
                                postings.positions(&mut positions);
                                read = true;
                            }
                            let tf = count_within(&positions, span);
                            if tf > 0 {
                                found.push((quote, score(w, span, tf)));
                            }
                        }
                        article = postings.advance();
                    }
                }
                if terms.len() > 1 {
                    // Each word's quotes in order: merged, the scores of one quote summed.
                    found.sort_by_key(|&(doc, _)| doc);
                    found.dedup_by(|later, first| {
                        let same = later.0 == first.0;
                        if same {
                            first.1 += later.1;
                        }
                        same
                    });
                }
            }
            Words::Phrase { terms, slop } => {
                let Some(field) = terms.first().map(|(_, t)| t.field()) else {
                    return Ok(found);
                };
                let index = reader.inverted_index(field)?;
                let mut postings: Vec<SegmentPostings> = Vec::with_capacity(terms.len());
                for (_, term) in terms {
                    match index.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
                        Some(p) => postings.push(p),
                        None => return Ok(found),
                    }
                }
                let offsets: Vec<usize> = terms.iter().map(|(p, _)| *p).collect();
                let mut each: Vec<Vec<u32>> = vec![Vec::new(); terms.len()];
                let mut phrases: Vec<(u32, u32)> = Vec::new();
                let w = self.weights.first().copied().flatten();
                let mut target = postings[0].doc();
                'articles: while target != TERMINATED {
                    for p in postings.iter_mut() {
                        let doc = if p.doc() < target { p.seek(target) } else { p.doc() };
                        if doc > target {
                            target = doc;
                            continue 'articles;
                        }
                    }
                    let mut read = false;
                    for (quote, (from, to)) in quotes_of(&spans, target, max_doc) {
                        if !read {
                            for (p, out) in postings.iter_mut().zip(each.iter_mut()) {
                                p.positions(out);
                            }
                            phrase_matches(&each, &offsets, *slop, &mut phrases);
                            read = true;
                        }
                        let tf = phrases.iter().filter(|&&(a, b)| a >= from && b < to).count() as u32;
                        if tf > 0 {
                            found.push((quote, score(&w, (from, to), tf)));
                        }
                    }
                    target = postings[0].advance();
                }
            }
        }
        Ok(found)
    }
}

impl Weight for QuoteWordsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(Found::new(self.matches(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self.matches(reader, 1.0)?.iter().find(|(d, _)| *d == doc) {
            Some(&(_, score)) => Ok(Explanation::new("the quote's words hold the query's", score)),
            None => Err(TantivyError::InvalidArgument(format!(
                "document {doc} is no quote that holds the query's words"
            ))),
        }
    }
}

/// Documents found, in order, with their scores.
struct Found {
    docs: Vec<(DocId, Score)>,
    at: usize,
}

impl Found {
    fn new(docs: Vec<(DocId, Score)>) -> Found {
        Found { docs, at: 0 }
    }
}

impl DocSet for Found {
    fn advance(&mut self) -> DocId {
        self.at += 1;
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let rest = &self.docs[self.at.min(self.docs.len())..];
        self.at += rest.partition_point(|&(d, _)| d < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).map_or(TERMINATED, |&(d, _)| d)
    }

    fn size_hint(&self) -> u32 {
        (self.docs.len() - self.at.min(self.docs.len())) as u32
    }
}

impl Scorer for Found {
    fn score(&mut self) -> Score {
        self.docs.get(self.at).map_or(0.0, |&(_, s)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Quote};

    use crate::testing::LONG;

    /// The quote of `body` from byte `start` to byte `end`.
    fn quote(body: &str, start: usize, end: usize) -> Quote {
        Quote {
            text: body[start..end].trim().to_string(),
            speaker: None,
            source_kind: crate::SourceKind::Unknown,
            how: crate::Attribution::None,
            start,
            end,
        }
    }

    /// The quote of `body` that is the first occurrence of `words`.
    fn quoting(body: &str, words: &str) -> Quote {
        let start = body.find(words).expect("quoted words in the body");
        quote(body, start, start + words.len())
    }

    fn article(n: usize, title: &str, subtitle: Option<&str>, body: &str, quotes: Vec<Quote>) -> Article {
        Article {
            quotes,
            ..crate::testing::article("span", n, title, subtitle, body)
        }
    }

    /// Headlines, standfirsts and quotes at the edges of counting positions as Tantivy does.
    fn articles() -> Vec<Article> {
        let b1 = format!(
            "He said: \"Berth four opens {LONG} at dawn.\" Then \"…\" and \"Zoë's café, naïve\" too."
        );
        let b2 = "Abcdef ghij said \"one two\" and then three.".to_string();
        let b3 = format!("{LONG} first. \"Quoted after it,\" she said.");
        let mut mid_word = quote(&b2, 2, 14);
        mid_word.text = b2[2..14].to_string();
        vec![
            // A headline ending in a word too long to index, a standfirst with one inside.
            article(
                1,
                &format!("Report on the port {LONG}"),
                Some(&format!("Tides {LONG} and winds")),
                &b1,
                vec![
                    quoting(&b1, &format!("Berth four opens {LONG} at dawn.")),
                    quoting(&b1, "…"),
                    quoting(&b1, "Zoë's café, naïve"),
                ],
            ),
            // An empty standfirst still takes a value's place; a quote cut inside words.
            article(2, "—", Some(""), &b2, vec![quoting(&b2, "one two"), mid_word]),
            // No standfirst; the body begins with a word too long to index.
            article(3, "Ça va", None, &b3, vec![quoting(&b3, "Quoted after it,")]),
        ]
    }

    /// Every word of `text` (an article's document) in a segment, by position.
    fn words_at(reader: &SegmentReader, text: Field, doc: DocId) -> Vec<(u32, String)> {
        let index = reader.inverted_index(text).expect("text");
        let mut stream = index.terms().stream().expect("terms");
        let mut out = Vec::new();
        let mut positions = Vec::new();
        while stream.advance() {
            let word = String::from_utf8(stream.key().to_vec()).expect("utf-8");
            let info = stream.value();
            let mut postings = index
                .read_postings_from_terminfo(info, IndexRecordOption::WithFreqsAndPositions)
                .expect("postings");
            if postings.seek(doc) == doc {
                postings.positions(&mut positions);
                out.extend(positions.iter().map(|&p| (p, word.clone())));
            }
        }
        out.sort();
        out
    }

    /// Each quote's span holds, at the same distances, the very words Tantivy indexed for the
    /// quote's stretch of the body: the words that lie wholly inside it, and no others.
    #[test]
    fn spans_hold_the_positions_tantivy_gave_the_quotes_words() {
        let dir = tempfile::tempdir().expect("tempdir");
        let articles = articles();
        let index = crate::testing::index_of(dir.path(), &articles);
        let searcher = index.reader().searcher();
        let f = *index.fields();
        let reader = searcher.segment_reader(0);
        let column = reader.fast_fields().u64(SPAN_COLUMN).expect("span column");
        let mut doc = 0;
        let mut checked = 0;
        for a in &articles {
            let indexed = words_at(reader, f.text, doc);
            // The body's words wholly inside each quote, by the analyzer alone.
            let mut analyzer = crate::schema::analyzer(crate::schema::STEMMED).expect("analyzer");
            let mut body_words = Vec::new();
            let mut stream = analyzer.token_stream(&a.body);
            while stream.advance() {
                let t = stream.token();
                body_words.push((t.position as u32, t.offset_from, t.offset_to, t.text.clone()));
            }
            let quotes: Vec<(DocId, (u32, u32))> = quotes_of(&column, doc, reader.max_doc()).collect();
            assert_eq!(quotes.len(), a.quotes.len(), "article {}", a.id);
            for (q, (_, (from, to))) in a.quotes.iter().zip(&quotes) {
                let inside: Vec<&(u32, usize, usize, String)> = body_words
                    .iter()
                    .filter(|(_, s, e, _)| *s >= q.start && *e <= q.end)
                    .collect();
                let in_span: Vec<(u32, String)> = indexed
                    .iter()
                    .filter(|(p, _)| (*from..*to).contains(p))
                    .map(|(p, w)| (p - from, w.clone()))
                    .collect();
                let base = inside.first().map_or(0, |w| w.0);
                let expected: Vec<(u32, String)> =
                    inside.iter().map(|(p, _, _, w)| (p - base, w.clone())).collect();
                assert_eq!(in_span, expected, "quote {:?} of article {}", q.text, a.id);
                if !expected.is_empty() {
                    // The span starts at the quote's first word.
                    assert_eq!(in_span[0].0, 0, "quote {:?}", q.text);
                    checked += 1;
                } else {
                    assert_eq!(from, to, "a quote without words has an empty span: {:?}", q.text);
                }
            }
            doc += 1 + a.quotes.len() as DocId;
        }
        assert_eq!(checked, 5);
    }

    /// A phrase matches in order, its words spread by at most the slop beyond its length.
    #[test]
    fn phrase_matches_follow_the_highlighter() {
        let mut out = Vec::new();
        // Words at offsets 0 and 1: "a b".
        let offsets = [0, 1];
        phrase_matches(&[vec![3, 10], vec![4, 13]], &offsets, 0, &mut out);
        assert_eq!(out, [(3, 4)]);
        phrase_matches(&[vec![3, 10], vec![4, 13]], &offsets, 2, &mut out);
        assert_eq!(out, [(3, 4), (10, 13)]);
        // Out of order is no match, whatever the slop.
        phrase_matches(&[vec![5], vec![4]], &offsets, 5, &mut out);
        assert!(out.is_empty());
        // A word repeated: "bye bye" needs two positions.
        phrase_matches(&[vec![7], vec![7]], &offsets, 3, &mut out);
        assert!(out.is_empty());
        phrase_matches(&[vec![7, 8], vec![7, 8]], &offsets, 0, &mut out);
        assert_eq!(out, [(7, 8)]);
    }
}
