//! A quote's words as a span of its article's words.
//!
//! A quote is part of its article's body, and the body is indexed in `text`. So a quote's
//! words are not indexed a second time: each quote document holds its `span`, the positions
//! in `text` where its words begin and end ([`quote_spans`]), and a quote search
//! ([`QuoteWords`]) reads the positions of its words in the articles that hold them and keeps
//! the quotes whose spans hold a match. Indexed as a field of their own, the quotes' words
//! were 11 % of all the words of a load; without them a load of the 20-fold copy takes 5 %
//! less time (README, "Speakers and quotes").
//!
//! An article's quotes are the documents right after it, up to the next article (see
//! `record` in the schema), and an article's `span` is [`ARTICLE`]: the quotes of an article
//! are read from the column, without a term lookup.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use tantivy::columnar::Column;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

use crate::article::Article;
use crate::words::{LONGEST, inside_word, next_word, words_before};

/// The fast field that holds each quote document's span.
pub(crate) const SPAN_COLUMN: &str = "span";

/// The `span` of an article document. Every document has a `span`: in a column with a value
/// for every document, reading one is a lookup, where a column of the quotes alone first
/// asked for each document whether it had a value (a third of a quote search's time).
pub(crate) const ARTICLE: u64 = 0;

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
    let count = |at: usize| before[cuts.partition_point(|&c| c < at)];
    let base = body_start(a);
    a.quotes
        .iter()
        .map(|q| {
            // The words that begin at or after the start; of those that begin before the
            // end, all but one the end cuts.
            let first = count(q.start);
            let end = count(q.end) - u32::from(inside_word(&a.body, q.end));
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

    // Every word has its positions read, in the articles of `text`: a search splits the
    // quotes of a frequent word across threads by these words' document frequencies.
    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        match &self.words {
            Words::Any(terms) => terms.iter().for_each(|t| visitor(t, true)),
            Words::Phrase { terms, .. } => terms.iter().for_each(|(_, t)| visitor(t, true)),
        }
    }
}

struct QuoteWordsWeight {
    words: Words,
    /// For [`Words::Any`], one per term; for a phrase, one. `None` when not scoring.
    weights: Vec<Option<Bm25>>,
}

/// The quotes after article `article` in a segment of `max_doc` documents, each with its
/// span: the documents up to the next article. ([`crate::join::QuotesOf`] finds the same
/// documents through `kind`'s postings, which is faster when no span is wanted: through this
/// column `quotes source:reuters` took 8.7 ms instead of 6.0 on the 20-fold copy.)
fn quotes_of(
    spans: &Column<u64>,
    article: DocId,
    max_doc: DocId,
) -> impl Iterator<Item = (DocId, (u32, u32))> + '_ {
    (article + 1..max_doc).map_while(move |q| quote_span(spans, q).map(|s| (q, s)))
}

/// The span of document `doc` when it is a quote; `None` for an article, whose `span` is 0
/// (a quote's never is: the body starts after the headline's free position).
fn quote_span(spans: &Column<u64>, doc: DocId) -> Option<(u32, u32)> {
    spans.first(doc).filter(|&s| s != ARTICLE).map(decode)
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

impl Weight for QuoteWordsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let index = reader.inverted_index(match &self.words {
            Words::Any(terms) => match terms.first() {
                Some(t) => t.field(),
                None => return Ok(Box::new(EmptyScorer)),
            },
            Words::Phrase { terms, .. } => terms[0].1.field(),
        })?;
        let read = |t: &Term| index.read_postings(t, IndexRecordOption::WithFreqsAndPositions);
        let source = match &self.words {
            Words::Any(terms) => {
                let mut words = Vec::with_capacity(terms.len());
                for (t, w) in terms.iter().zip(&self.weights) {
                    if let Some(p) = read(t)? {
                        words.push((p, *w));
                    }
                }
                Source::any(words)
            }
            Words::Phrase { terms, slop } => {
                let mut postings = Vec::with_capacity(terms.len());
                for (_, t) in terms {
                    match read(t)? {
                        Some(p) => postings.push(p),
                        // A word no article holds: no quote holds the phrase.
                        None => return Ok(Box::new(EmptyScorer)),
                    }
                }
                Source::Phrase {
                    each: vec![Vec::new(); postings.len()],
                    postings,
                    offsets: terms.iter().map(|(p, _)| *p).collect(),
                    slop: *slop,
                    weight: self.weights.first().copied().flatten(),
                    matches: Vec::new(),
                }
            }
        };
        Ok(Box::new(QuoteScorer::new(
            source,
            reader.fast_fields().u64(SPAN_COLUMN)?,
            reader.max_doc(),
            boost,
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) == doc {
            Ok(Explanation::new(
                "the quote's words hold the query's",
                scorer.score(),
            ))
        } else {
            Err(TantivyError::InvalidArgument(format!(
                "document {doc} is no quote that holds the query's words"
            )))
        }
    }
}

/// Where the words come from: the postings of `text`, one article at a time.
enum Source {
    /// Any of the words: each word's postings with its weight, and the words by the article
    /// each is at, nearest first.
    Any {
        words: Vec<(SegmentPostings, Option<Bm25>)>,
        next: BinaryHeap<Reverse<(DocId, usize)>>,
        /// Room for a word's positions in an article, and for its quotes' scores.
        positions: Vec<u32>,
        scores: Vec<Option<Score>>,
    },
    /// A phrase: its words' postings and offsets, and room for their positions and matches.
    Phrase {
        postings: Vec<SegmentPostings>,
        offsets: Vec<usize>,
        slop: u32,
        weight: Option<Bm25>,
        each: Vec<Vec<u32>>,
        matches: Vec<(u32, u32)>,
    },
}

impl Source {
    fn any(words: Vec<(SegmentPostings, Option<Bm25>)>) -> Source {
        let next = words
            .iter()
            .enumerate()
            .map(|(i, (p, _))| Reverse((p.doc(), i)))
            .filter(|Reverse((d, _))| *d != TERMINATED)
            .collect();
        Source::Any {
            words,
            next,
            positions: Vec::new(),
            scores: Vec::new(),
        }
    }

    /// The first article at or after `target` that holds the words (`TERMINATED` when none).
    fn article(&mut self, target: DocId) -> DocId {
        match self {
            Source::Any { words, next, .. } => {
                while let Some(&Reverse((doc, i))) = next.peek() {
                    if doc >= target {
                        return doc;
                    }
                    next.pop();
                    let doc = words[i].0.seek(target);
                    if doc != TERMINATED {
                        next.push(Reverse((doc, i)));
                    }
                }
                TERMINATED
            }
            Source::Phrase { postings, .. } => {
                let mut target = target;
                'articles: while target != TERMINATED {
                    for p in postings.iter_mut() {
                        let doc = if p.doc() < target { p.seek(target) } else { p.doc() };
                        if doc > target {
                            target = doc;
                            continue 'articles;
                        }
                    }
                    return target;
                }
                TERMINATED
            }
        }
    }

    /// The quotes of `article` (where [`Source::article`] stands) that hold a match, with their
    /// scores, into `out`; `quotes` are the article's quotes and their spans.
    fn matches(
        &mut self,
        article: DocId,
        quotes: &[(DocId, (u32, u32))],
        boost: Score,
        out: &mut Vec<(DocId, Score)>,
    ) {
        let score = |w: Option<Bm25>, (from, to): (u32, u32), tf: u32| {
            w.map_or(1.0, |w| w.score(to.saturating_sub(from), tf) * boost)
        };
        match self {
            Source::Any {
                words,
                next,
                positions,
                scores,
            } => {
                scores.clear();
                scores.resize(quotes.len(), None);
                while let Some(&Reverse((doc, i))) = next.peek() {
                    if doc != article {
                        break;
                    }
                    let (postings, w) = &mut words[i];
                    postings.positions(positions);
                    for (k, &(_, span)) in quotes.iter().enumerate() {
                        let tf = count_within(positions, span);
                        if tf > 0 {
                            *scores[k].get_or_insert(0.0) += score(*w, span, tf);
                        }
                    }
                    // The word's next article, in place of this one.
                    let doc = postings.advance();
                    if doc == TERMINATED {
                        next.pop();
                    } else if let Some(mut top) = next.peek_mut() {
                        *top = Reverse((doc, i));
                    }
                }
                out.extend(
                    quotes
                        .iter()
                        .zip(scores.iter())
                        .filter_map(|(&(q, _), s)| s.map(|s| (q, s))),
                );
            }
            Source::Phrase {
                postings,
                offsets,
                slop,
                weight,
                each,
                matches,
            } => {
                for (p, out) in postings.iter_mut().zip(each.iter_mut()) {
                    p.positions(out);
                }
                phrase_matches(each, offsets, *slop, matches);
                for &(q, (from, to)) in quotes {
                    let tf = matches.iter().filter(|&&(a, b)| a >= from && b < to).count() as u32;
                    if tf > 0 {
                        out.push((q, score(*weight, (from, to), tf)));
                    }
                }
                postings[0].advance();
            }
        }
    }
}

/// The quotes that hold the words, found an article at a time as the search asks for them:
/// a search cut into slices of a segment reads only the articles of its slice.
struct QuoteScorer {
    source: Source,
    spans: Column<u64>,
    max_doc: DocId,
    boost: Score,
    /// The next article to look at: every one before it has been.
    from: DocId,
    /// The quotes found in the last article read, and the one the scorer is at.
    found: Vec<(DocId, Score)>,
    at: usize,
    quotes: Vec<(DocId, (u32, u32))>,
}

impl QuoteScorer {
    fn new(source: Source, spans: Column<u64>, max_doc: DocId, boost: Score) -> QuoteScorer {
        let mut scorer = QuoteScorer {
            source,
            spans,
            max_doc,
            boost,
            from: 0,
            found: Vec::new(),
            at: 0,
            quotes: Vec::new(),
        };
        scorer.read_on();
        scorer
    }

    /// Reads articles from `self.from` on until one has a quote that holds the words.
    fn read_on(&mut self) -> DocId {
        self.found.clear();
        self.at = 0;
        while self.found.is_empty() {
            let article = self.source.article(self.from);
            if article == TERMINATED {
                self.from = TERMINATED;
                return TERMINATED;
            }
            self.from = article + 1;
            self.quotes.clear();
            self.quotes.extend(quotes_of(&self.spans, article, self.max_doc));
            if self.quotes.is_empty() {
                // Nothing to look for: on to the next article that holds the words.
                continue;
            }
            self.source
                .matches(article, &self.quotes, self.boost, &mut self.found);
        }
        self.found[0].0
    }

    /// The article whose quote document `doc` is (`doc` itself for an article): the nearest
    /// document at or before it without a span.
    fn article_of(&self, mut doc: DocId) -> DocId {
        while doc > 0 && quote_span(&self.spans, doc).is_some() {
            doc -= 1;
        }
        doc
    }
}

impl DocSet for QuoteScorer {
    fn advance(&mut self) -> DocId {
        self.at += 1;
        if self.at < self.found.len() {
            return self.found[self.at].0;
        }
        if self.from == TERMINATED {
            self.found.clear();
            return TERMINATED;
        }
        self.read_on()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let mut doc = self.doc();
        if doc >= target {
            return doc;
        }
        if target >= self.max_doc {
            // Past the segment (an intersection seeks to TERMINATED when another ends).
            self.found.clear();
            self.at = 0;
            self.from = TERMINATED;
            return TERMINATED;
        }
        let rest = &self.found[self.at..];
        let skip = rest.partition_point(|&(d, _)| d < target);
        if skip < rest.len() {
            self.at += skip;
            return self.found[self.at].0;
        }
        // Beyond the quotes read: on from the article of the target (its quotes may follow
        // it), skipping the articles in between without reading them.
        if self.from != TERMINATED {
            self.from = self.from.max(self.article_of(target));
            doc = self.read_on();
        } else {
            self.found.clear();
            doc = TERMINATED;
        }
        while doc < target {
            doc = self.advance();
        }
        doc
    }

    fn doc(&self) -> DocId {
        self.found.get(self.at).map_or(TERMINATED, |&(d, _)| d)
    }

    fn size_hint(&self) -> u32 {
        match &self.source {
            Source::Any { words, .. } => words.iter().map(|(p, _)| p.size_hint()).sum(),
            Source::Phrase { postings, .. } => postings.iter().map(|p| p.size_hint()).min().unwrap_or(0),
        }
    }
}

impl Scorer for QuoteScorer {
    fn score(&mut self) -> Score {
        self.found.get(self.at).map_or(0.0, |&(_, s)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, NewsIndex, Quote};

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

    /// The fixture's articles indexed in one segment, and the directory the index lives in.
    fn indexed() -> (tempfile::TempDir, Vec<Article>, NewsIndex) {
        let dir = tempfile::tempdir().expect("tempdir");
        let articles = articles();
        let index = crate::testing::index_of(dir.path(), &articles);
        (dir, articles, index)
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
        let (_dir, articles, index) = indexed();
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

    /// The quote scorer keeps Tantivy's contract for a document set: `seek` from anywhere,
    /// to any target (past the last document too, as an intersection does when another set
    /// ends), lands on the first quote at or after it that `advance` would reach.
    #[test]
    fn seeking_lands_where_advancing_would() {
        let (_dir, _, index) = indexed();
        let searcher = index.reader().searcher();
        let f = *index.fields();
        let reader = searcher.segment_reader(0);
        let words = crate::query::analyze(crate::schema::STEMMED, "four two quoted naive ghij");
        let terms = words
            .iter()
            .map(|(_, w)| Term::from_field_text(f.text, w))
            .collect();
        let queries = [
            QuoteWords::any(terms),
            QuoteWords::new(
                f.text,
                &crate::query::analyze(crate::schema::STEMMED, "one two"),
                0,
            ),
        ];
        for q in queries {
            let weight = q
                .weight(EnableScoring::disabled_from_searcher(&searcher))
                .expect("weight");
            let mut all = Vec::new();
            let mut scorer = weight.scorer(reader, 1.0).expect("scorer");
            while scorer.doc() != TERMINATED {
                all.push(scorer.doc());
                scorer.advance();
            }
            assert!(!all.is_empty(), "{q:?}");
            let max = reader.max_doc();
            let first_from = |t: DocId| all.iter().copied().find(|&d| d >= t).unwrap_or(TERMINATED);
            for target in (0..=max + 1).chain([TERMINATED]) {
                let mut fresh = weight.scorer(reader, 1.0).expect("scorer");
                assert_eq!(fresh.seek(target), first_from(target), "{q:?}: seek({target})");
            }
            // Seeks one after another, each from where the last one landed.
            let mut chained = weight.scorer(reader, 1.0).expect("scorer");
            for target in (0..=max).step_by(2).chain([TERMINATED]) {
                assert_eq!(
                    chained.seek(target),
                    first_from(target),
                    "{q:?}: chained seek({target})"
                );
            }
        }
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
