//! A phrase without a field: matched in `text`, with its headline matches scored in the same
//! pass.
//!
//! An article whose headline holds a phrase ranks above one that only mentions it: its score
//! is the phrase's BM25 score in `text` (title, subtitle and body) plus its BM25 score in
//! `title`. Asked as two Tantivy queries (the phrase in `text` required, the phrase in `title`
//! optional), the headline's phrase was looked for again, over the headline's own postings,
//! at every match in `text`: a sixth of a phrase search on the real corpora.
//!
//! The headline is the first value of `text`, with the same words at the same positions as in
//! `title` (one analyzer for both), and Tantivy leaves a position free after each value, so
//! no phrase runs from the headline into what follows. A match of the phrase in `text` whose
//! last word lies before the headline's end *is* a match in `title`. The headline's end is its
//! word count, which `title`'s field norm holds exactly up to 40 words, unless the headline
//! holds a word that is too long to index (64 bytes or more: dropped, its position kept; such
//! articles are marked by a bit in the `flags` column). For those articles and for longer
//! headlines the count is asked of `title`'s postings, as before.
//!
//! It also takes the search's publication dates ([`HeadlinePhrase::published`]) and checks
//! each candidate's date before reading its positions, most of a phrase's cost; as a
//! separate clause the date was asked only after the positions had been read.
//!
//! Scores, matches and ties are those of the two-query form (with the date clause), bit for
//! bit (the scores add in the same order); the tests below compare the two. Phrases with a
//! slop keep the two-query form. Only `query` builds this; nothing outside the crate sees it.

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::InvertedIndexReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError};

/// Headlines up to this many words have an exact field norm (Tantivy's norm table is the
/// identity up to 40, then rounds).
const EXACT_NORMS: u8 = 40;

/// A phrase (slop 0, two words or more) in `text`, with its matches inside the headline also
/// scored as matches in `title`.
#[derive(Clone, Debug)]
pub(crate) struct HeadlinePhrase {
    /// (offset in the phrase, word in `text`), as [`tantivy::query::PhraseQuery`] takes them.
    text: Vec<(usize, Term)>,
    /// The same words in `title`.
    title: Vec<(usize, Term)>,
    /// Publication dates to keep (bounds inclusive), checked on each document that holds
    /// every word before its positions are read; `None`: any date or none.
    dates: Option<Bounds>,
}

/// Publication-date bounds as the date column holds them, inclusive, either open.
type Bounds = (Option<tantivy::DateTime>, Option<tantivy::DateTime>);

impl HeadlinePhrase {
    /// `words` are the analyzed words of the phrase with their offsets (at least two).
    pub(crate) fn new(text: Field, title: Field, words: &[(usize, String)]) -> Self {
        let terms = |field| {
            words
                .iter()
                .map(|(p, w)| (*p, Term::from_field_text(field, w)))
                .collect::<Vec<_>>()
        };
        HeadlinePhrase {
            text: terms(text),
            title: terms(title),
            dates: None,
        }
    }

    /// Keeps only articles published between `from` and `to` (inclusive; either open),
    /// as [`crate::query::date_filter`] does, but before the phrase's positions are read.
    pub(crate) fn published(
        mut self,
        from: Option<tantivy::DateTime>,
        to: Option<tantivy::DateTime>,
    ) -> Self {
        self.dates = Some((from, to));
        self
    }
}

impl Query for HeadlinePhrase {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let words = |terms: &[(usize, Term)]| terms.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>();
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider, ..
            } => Some((
                Bm25Weight::for_terms(statistics_provider, &words(&self.text))?,
                Bm25Weight::for_terms(statistics_provider, &words(&self.title))?,
            )),
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(HeadlineWeight {
            query: self.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, t) in self.text.iter().chain(&self.title) {
            visitor(t, true);
        }
    }
}

struct HeadlineWeight {
    query: HeadlinePhrase,
    /// The phrase's BM25 weights in `text` and in `title`; `None` when not scoring.
    bm25: Option<(Bm25Weight, Bm25Weight)>,
}

impl HeadlineWeight {
    fn headline_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<HeadlineScorer>> {
        let max_offset = self.query.text.iter().map(|(o, _)| *o).max().unwrap_or(0);
        let mut words = Vec::with_capacity(self.query.text.len());
        for ((offset, term), (_, title)) in self.query.text.iter().zip(&self.query.title) {
            let Some(p) = reader
                .inverted_index(term.field())?
                .read_postings(term, IndexRecordOption::WithFreqsAndPositions)?
            else {
                return Ok(None);
            };
            words.push((p, (max_offset - offset) as u32, title));
        }
        // The rarest word leads the intersection. The words' shifted positions are
        // intersected as sets, so their order does not matter there.
        words.sort_by_key(|(p, _, _)| p.size_hint());
        let (mut postings, mut shifts, mut titles) = (Vec::new(), Vec::new(), Vec::new());
        for (p, shift, title) in words {
            postings.push(p);
            shifts.push(shift);
            titles.push(title.clone());
        }
        let scoring = match &self.bm25 {
            None => None,
            Some((text, title)) => {
                let norms = |field: Field| -> tantivy::Result<FieldNormReader> {
                    Ok(reader
                        .fieldnorms_readers()
                        .get_field(field)?
                        .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1)))
                };
                let title_field = self.query.title[0].1.field();
                // A column, not terms: opening a field's terms in a segment where no document
                // has any builds an empty term dictionary, which cost every search process
                // 200 page faults (0.3 ms); a column no document has is simply absent.
                let gaps = reader
                    .fast_fields()
                    .column_opt::<u64>(crate::index::FLAGS_COLUMN)?;
                Some(Scoring {
                    text: text.boost_by(boost),
                    title: title.boost_by(boost),
                    text_norms: norms(self.query.text[0].1.field())?,
                    title_norms: norms(title_field)?,
                    gaps,
                    titles: TitlePostings {
                        index: reader.inverted_index(title_field)?,
                        terms: titles,
                        postings: None,
                    },
                })
            }
        };
        let dates = match self.query.dates {
            Some(bounds) => Some((reader.fast_fields().date(crate::query::DATE_COLUMN)?, bounds)),
            None => None,
        };
        let mut scorer = HeadlineScorer {
            postings,
            shifts,
            dates,
            doc: 0,
            left: Vec::with_capacity(100),
            right: Vec::with_capacity(100),
            count: 0,
            in_title: 0,
            scoring,
        };
        scorer.next_match(0);
        Ok(Some(scorer))
    }
}

impl Weight for HeadlineWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.headline_scorer(reader, boost)? {
            Some(s) => Box::new(s),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let not_matching = || TantivyError::InvalidArgument(format!("document #{doc} does not match"));
        let mut scorer = self.headline_scorer(reader, 1.0)?.ok_or_else(not_matching)?;
        if scorer.seek(doc) != doc {
            return Err(not_matching());
        }
        let mut e = Explanation::new("phrase in text, plus its score in the headline", scorer.score());
        e.add_const("matches in text", scorer.count as Score);
        e.add_const("of them in the headline", scorer.in_title as Score);
        Ok(e)
    }
}

/// What scoring needs beyond matching.
struct Scoring {
    text: Bm25Weight,
    title: Bm25Weight,
    text_norms: FieldNormReader,
    title_norms: FieldNormReader,
    /// The marks of the articles whose headline holds a dropped word (`None`: no article of
    /// the segment has a mark).
    gaps: Option<tantivy::columnar::Column<u64>>,
    titles: TitlePostings,
}

impl Scoring {
    /// The headline's end in `text` (its word count), when the index tells it exactly.
    fn headline_end(&self, doc: DocId) -> Option<u32> {
        if let Some(g) = &self.gaps
            && g.first(doc)
                .is_some_and(|bits| bits & crate::index::FLAG_TITLE_GAP != 0)
        {
            return None;
        }
        let id = self.title_norms.fieldnorm_id(doc);
        (id <= EXACT_NORMS).then_some(u32::from(id))
    }
}

/// The phrase's words in `title`, opened the first time a headline's end is not known.
struct TitlePostings {
    index: Arc<InvertedIndexReader>,
    terms: Vec<Term>,
    /// `Some(None)`: a word of the phrase is in no headline of the segment.
    postings: Option<Option<Vec<SegmentPostings>>>,
}

impl TitlePostings {
    /// The positions of each word in `doc`'s headline, shifted as in `text`, or `None` when
    /// a word is not there.
    fn in_doc(&mut self, doc: DocId, shifts: &[u32], out: &mut [Vec<u32>; 2]) -> tantivy::Result<bool> {
        if self.postings.is_none() {
            let mut all = Vec::with_capacity(self.terms.len());
            for t in &self.terms {
                match self
                    .index
                    .read_postings(t, IndexRecordOption::WithFreqsAndPositions)?
                {
                    Some(p) => all.push(p),
                    None => {
                        self.postings = Some(None);
                        return Ok(false);
                    }
                }
            }
            self.postings = Some(Some(all));
        }
        let Some(Some(postings)) = &mut self.postings else {
            return Ok(false);
        };
        for p in postings.iter_mut() {
            let d = if p.doc() < doc { p.seek(doc) } else { p.doc() };
            if d != doc {
                return Ok(false);
            }
        }
        let [left, right] = out;
        postings[0].positions_with_offset(shifts[0], left);
        for (p, &shift) in postings.iter_mut().zip(shifts).skip(1) {
            p.positions_with_offset(shift, right);
            intersect(left, right);
        }
        Ok(true)
    }
}

/// Keeps in `left` the values also in `right` (both sorted, without repeats).
fn intersect(left: &mut Vec<u32>, right: &[u32]) {
    let (mut i, mut j, mut kept) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                left[kept] = left[i];
                kept += 1;
                i += 1;
                j += 1;
            }
        }
    }
    left.truncate(kept);
}

struct HeadlineScorer {
    /// One per word, rarest first.
    postings: Vec<SegmentPostings>,
    /// Added to each word's positions so that a phrase's words line up on one value: the
    /// position of its last word.
    shifts: Vec<u32>,
    /// The date column and the bounds to keep, when the query has them.
    dates: Option<(tantivy::columnar::Column<tantivy::DateTime>, Bounds)>,
    doc: DocId,
    left: Vec<u32>,
    right: Vec<u32>,
    /// Matches of the phrase in `doc`, and how many of them lie in the headline.
    count: u32,
    in_title: u32,
    scoring: Option<Scoring>,
}

impl HeadlineScorer {
    /// Moves to the first match at or after `target`, and returns it.
    fn next_match(&mut self, mut target: DocId) -> DocId {
        loop {
            self.doc = self.align(target);
            if self.doc == TERMINATED {
                return TERMINATED;
            }
            let dated = match &self.dates {
                Some((column, (from, to))) => {
                    crate::query::published_within(column.first(self.doc), *from, *to)
                }
                None => true,
            };
            if dated && self.phrase_match() {
                return self.doc;
            }
            target = self.doc + 1;
        }
    }

    /// The first document at or after `target` that holds every word.
    fn align(&mut self, mut target: DocId) -> DocId {
        let Some((lead, rest)) = self.postings.split_first_mut() else {
            return TERMINATED;
        };
        'again: loop {
            // The lead may already be past `target`: at the first alignment, its first document.
            target = if lead.doc() < target {
                lead.seek(target)
            } else {
                lead.doc()
            };
            if target == TERMINATED {
                return TERMINATED;
            }
            for p in rest.iter_mut() {
                let d = if p.doc() < target { p.seek(target) } else { p.doc() };
                if d > target {
                    target = d;
                    continue 'again;
                }
            }
            return target;
        }
    }

    /// Whether `self.doc` holds the phrase; when scoring, counts its matches in `text` and in
    /// the headline.
    fn phrase_match(&mut self) -> bool {
        let n = self.postings.len();
        self.postings[0].positions_with_offset(self.shifts[0], &mut self.left);
        for i in 1..n - 1 {
            self.postings[i].positions_with_offset(self.shifts[i], &mut self.right);
            intersect(&mut self.left, &self.right);
            if self.left.is_empty() {
                return false;
            }
        }
        self.postings[n - 1].positions_with_offset(self.shifts[n - 1], &mut self.right);
        let Some(scoring) = &mut self.scoring else {
            return has_common(&self.left, &self.right);
        };
        // Each match is the position of the phrase's last word; it is in the headline when it
        // lies before the headline's end.
        self.count = count_common(&self.left, &self.right, u32::MAX);
        if self.count == 0 {
            return false;
        }
        self.in_title = match scoring.headline_end(self.doc) {
            // The headline's positions come first: this stops at its end.
            Some(end) => count_common(&self.left, &self.right, end),
            None => {
                // A scorer cannot fail: if the headline's postings cannot be read (a damaged
                // index), the article keeps its match and ranks as if its headline lacked it.
                let mut buffers = [std::mem::take(&mut self.left), std::mem::take(&mut self.right)];
                let found = scoring
                    .titles
                    .in_doc(self.doc, &self.shifts, &mut buffers)
                    .unwrap_or(false);
                let n = if found { buffers[0].len() as u32 } else { 0 };
                [self.left, self.right] = buffers;
                n
            }
        };
        true
    }
}

/// How many values below `bound` two sorted lists (without repeats) share. The cursors move
/// without branching on the comparison, which the positions of two words make unpredictable.
fn count_common(left: &[u32], right: &[u32], bound: u32) -> u32 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        let (a, b) = (left[i], right[j]);
        if a >= bound || b >= bound {
            break;
        }
        common += u32::from(a == b);
        i += usize::from(a <= b);
        j += usize::from(b <= a);
    }
    common
}

/// Whether two sorted lists share a value.
fn has_common(left: &[u32], right: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

impl DocSet for HeadlineScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.next_match(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target <= self.doc {
            return self.doc;
        }
        self.next_match(target)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        // As Tantivy's phrase scorer: far fewer phrases than documents holding every word.
        self.postings[0].size_hint() / (10 * self.postings.len() as u32)
    }

    fn cost(&self) -> u64 {
        u64::from(self.postings[0].size_hint()) * 10 * self.postings.len() as u64
    }
}

impl Scorer for HeadlineScorer {
    fn score(&mut self) -> Score {
        let Some(s) = &self.scoring else {
            return 1.0;
        };
        let doc = self.doc;
        // The same sum, in the same order, as Tantivy's required-plus-optional scorer.
        let mut score = 0.0;
        score += s.text.score(s.text_norms.fieldnorm_id(doc), self.count);
        if self.in_title > 0 {
            score += s.title.score(s.title_norms.fieldnorm_id(doc), self.in_title);
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery};
    use tantivy::{DocAddress, Searcher};

    use super::*;
    use crate::{Article, NewsIndex};

    use crate::testing::LONG;

    fn article(n: usize, title: &str, subtitle: Option<&str>, body: &str) -> Article {
        Article {
            // Day n of 2020; every fifth article undated.
            date: (!n.is_multiple_of(5)).then(|| day(n as i64).expect("date")),
            ..crate::testing::article("headline-phrase", n, title, subtitle, body)
        }
    }

    /// Day `n` of 2020, UTC midnight.
    fn day(n: i64) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::from_timestamp(1_577_836_800 + n * 86_400, 0)
    }

    /// The analyzed words of a phrase.
    fn words(phrase: &str) -> Vec<(usize, String)> {
        crate::query::analyze(crate::schema::STEMMED, phrase)
    }

    /// The fixture's index, in a directory that lives as long as it.
    struct Fixture {
        _dir: tempfile::TempDir,
        index: NewsIndex,
        f: crate::schema::Fields,
    }

    impl Fixture {
        fn new() -> Self {
            let dir = tempfile::tempdir().expect("tempdir");
            let index = fixture(dir.path());
            let f = *index.fields();
            Fixture { _dir: dir, index, f }
        }

        fn searcher(&self) -> Searcher {
            self.index.reader().searcher()
        }
    }

    /// Headlines and texts at the edges of what the one-pass form must get right.
    fn fixture(dir: &std::path::Path) -> NewsIndex {
        let long_title = format!("{} interest rates", ["word"; 43].join(" "));
        let long_title_without = ["interest and rates apart"; 12].join(" ");
        let articles = vec![
            // First in the segment, and without the rarer word, which leads: a scorer's first
            // document must hold every word.
            article(20, "Rates only", None, "Rates rose. Rates fell."),
            article(21, "Rates again", None, "More rates."),
            article(
                1,
                "Interest rates rise again",
                None,
                "Banks said interest rates would rise. Interest rates, they said.",
            ),
            article(
                2,
                &format!("Report {LONG} interest rates"),
                None,
                "Interest rates climbed.",
            ),
            article(3, &long_title, None, "The interest rates story."),
            article(4, &long_title_without, None, "Words before interest rates here."),
            article(
                5,
                "Markets today",
                Some("Interest rates in focus"),
                "Nothing on rates.",
            ),
            article(
                6,
                "Rates",
                None,
                "Mortgage interest rates fell; interest was high.",
            ),
            article(
                7,
                "Talk of interest",
                Some("Rates later"),
                "No phrase here at all.",
            ),
            article(8, "Interest rates interest rates", None, "Body without it."),
            article(
                9,
                &format!("Interest rates {LONG}"),
                None,
                "Interest rates and the Bank of England.",
            ),
            article(
                10,
                "Bank of England holds",
                None,
                "The Bank of England said interest rates stay.",
            ),
            article(
                11,
                &format!("Interest {LONG} rates"),
                None,
                "Interest rates again.",
            ),
            article(
                12,
                "Filler",
                None,
                "Interest in rates, rates of interest, nothing joined.",
            ),
        ];
        crate::testing::index_of(dir, &articles)
    }

    /// The two-query form this replaces: the phrase required in `text`, optional in `title`.
    fn two_queries(f: &crate::schema::Fields, words: &[(usize, String)]) -> BooleanQuery {
        let phrase = |field| {
            let terms = words
                .iter()
                .map(|(p, w)| (*p, Term::from_field_text(field, w)))
                .collect();
            Box::new(PhraseQuery::new_with_offset_and_slop(terms, 0)) as Box<dyn Query>
        };
        BooleanQuery::new(vec![
            (Occur::Must, phrase(f.text)),
            (Occur::Should, phrase(f.title)),
        ])
    }

    fn ranked(searcher: &Searcher, q: &dyn Query) -> Vec<(u32, DocAddress)> {
        let top = TopDocs::with_limit(1000).order_by_score();
        let hits = searcher.search(q, &top).expect("search");
        hits.into_iter().map(|(s, d)| (s.to_bits(), d)).collect()
    }

    #[test]
    fn one_pass_scores_equal_the_two_query_form_bit_for_bit() {
        let x = Fixture::new();
        let (f, searcher) = (x.f, x.searcher());
        for q in [
            "interest rates",
            "bank of england",
            "rates interest",
            "interest rates interest",
            &format!("interest {LONG} rates"),
        ] {
            let words = words(q);
            assert!(words.len() >= 2, "{q}");
            let old = ranked(&searcher, &two_queries(&f, &words));
            assert!(!old.is_empty(), "{q}: the fixture should match");
            let new = HeadlinePhrase::new(f.text, f.title, &words);
            assert_eq!(ranked(&searcher, &new), old, "{q}");
            let count = searcher.search(&new, &Count).expect("count");
            assert_eq!(count, old.len(), "{q}");
        }
    }

    #[test]
    fn seeking_finds_what_the_two_query_form_finds() {
        let x = Fixture::new();
        let (f, searcher) = (x.f, x.searcher());
        let reader = searcher.segment_reader(0);
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let words = words("interest rates");
        let new = HeadlinePhrase::new(f.text, f.title, &words)
            .weight(scoring)
            .expect("weight");
        let old = two_queries(&f, &words).weight(scoring).expect("weight");
        // From a fresh scorer, and from one already moved (an intersection's seeks).
        for target in 0..=reader.max_doc() {
            let (mut a, mut b) = (
                new.scorer(reader, 1.0).expect("a"),
                old.scorer(reader, 1.0).expect("b"),
            );
            assert_eq!(a.seek(target), b.seek(target), "seek({target})");
            if a.doc() != TERMINATED {
                assert_eq!(a.score().to_bits(), b.score().to_bits(), "score at {target}");
                let next = a.doc() + 1 + target % 3;
                assert_eq!(a.seek(next), b.seek(next), "seek({target}) then seek({next})");
            }
        }
        // Within an intersection with a word that only some matches hold.
        let also = |q: Box<dyn Query>| {
            let body = Term::from_field_text(f.text, "said");
            BooleanQuery::new(vec![
                (Occur::Must, q),
                (
                    Occur::Must,
                    Box::new(tantivy::query::TermQuery::new(body, IndexRecordOption::WithFreqs)),
                ),
            ])
        };
        let both_new = also(Box::new(HeadlinePhrase::new(f.text, f.title, &words)));
        let both_old = also(Box::new(two_queries(&f, &words)));
        let expected = ranked(&searcher, &both_old);
        assert!(!expected.is_empty());
        assert_eq!(ranked(&searcher, &both_new), expected);
    }

    #[test]
    fn dates_checked_first_keep_what_the_date_filter_keeps() {
        let x = Fixture::new();
        let (f, searcher) = (x.f, x.searcher());
        for q in ["interest rates", "bank of england"] {
            let words = words(q);
            for (from, to) in [
                (day(3), day(9)),
                (None, day(8)),
                (day(9), None),
                (None, None),
                (day(30), day(40)),
            ] {
                let filter = tantivy::query::ConstScoreQuery::new(crate::query::date_filter(from, to), 0.0);
                let old = BooleanQuery::new(vec![
                    (Occur::Must, Box::new(two_queries(&f, &words)) as Box<dyn Query>),
                    (Occur::Must, Box::new(filter)),
                ]);
                let new = HeadlinePhrase::new(f.text, f.title, &words).published(
                    from.map(crate::index::tantivy_date),
                    to.map(crate::index::tantivy_date),
                );
                let expected = ranked(&searcher, &old);
                assert_eq!(ranked(&searcher, &new), expected, "{q} {from:?}..{to:?}");
                assert_eq!(searcher.search(&new, &Count).expect("count"), expected.len());
            }
        }
        // The bounds do select: some of the phrase's articles are in, some out.
        let words = words("interest rates");
        let all = HeadlinePhrase::new(f.text, f.title, &words);
        let some = all.clone().published(
            day(3).map(crate::index::tantivy_date),
            day(9).map(crate::index::tantivy_date),
        );
        let (n_all, n_some) = (
            searcher.search(&all, &Count).expect("count"),
            searcher.search(&some, &Count).expect("count"),
        );
        assert!(0 < n_some && n_some < n_all, "{n_some} of {n_all}");
    }

    #[test]
    fn split_across_threads_the_phrase_finds_what_one_thread_finds() {
        let x = Fixture::new();
        let (f, searcher) = (x.f, x.searcher());
        let words = words("interest rates");
        let plain = HeadlinePhrase::new(f.text, f.title, &words);
        let dated = plain
            .clone()
            .published(day(3).map(crate::index::tantivy_date), None);
        let top = (Count, TopDocs::with_limit(5).order_by_score());
        for q in [plain, dated] {
            let one = searcher.search(&q, &top).expect("one thread");
            assert!(one.0 > 5, "{}", one.0);
            // Slices start inside the one segment: each scorer seeks to its slice.
            for threads in 2..=5 {
                let split = crate::search::search_split(&searcher, &q, &top, threads).expect("split");
                assert_eq!(split.0, one.0, "{threads} threads");
                assert_eq!(split.1, one.1, "{threads} threads");
            }
        }
    }

    #[test]
    fn headline_matches_are_told_from_body_matches() {
        let x = Fixture::new();
        let (f, searcher) = (x.f, x.searcher());
        let words = words("interest rates");
        let weight = HeadlinePhrase::new(f.text, f.title, &words)
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let reader = searcher.segment_reader(0);
        let mut scorer = weight.scorer(reader, 1.0).expect("scorer");
        // Document number (in the one segment) → matches in the headline, by article.
        let mut in_title = Vec::new();
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            let e = weight.explain(reader, doc).expect("explain");
            let json = serde_json::to_value(&e).expect("json");
            let headline = json["details"][1]["value"].as_f64().expect("count");
            in_title.push(headline as u32);
            doc = scorer.advance();
        }
        // Articles 1, 2, 3, 8 and 9 hold the phrase in the headline (8 twice); 5 only in the
        // subtitle; 4, 6, 10 and 11 only in the body; 7 and 12 nowhere.
        let mut sorted = in_title.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 0, 0, 0, 0, 1, 1, 1, 1, 2], "{in_title:?}");
    }
}
