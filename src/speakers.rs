//! Who is quoted: the people whose quotes match a query, most quoted first, with how many
//! quotes and articles each has and over which dates ("who talked about chemical weapons in
//! 2013?").
//!
//! The quotes are those [`NewsIndex::search_quotes`] finds for the same request. Each quote
//! document stores its speaker, so the count reads the matching quote documents from the
//! document store in index order, a few decompressed blocks kept at a time.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::store::StoreReader;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::Result;
use crate::index::{NewsIndex, StoredDoc};
use crate::query;
use crate::schema::Fields;
use crate::search::{Prepared, SearchRequest};

/// One person's matching quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerCount {
    /// The name, as the articles' fullest form of it (see [`Speakers`] on surnames).
    pub name: String,
    /// Matching quotes said by this person.
    pub quotes: u64,
    /// Articles those quotes are in.
    pub articles: u64,
    /// Publication date of the earliest and latest of those articles (`None` when undated).
    pub first: Option<DateTime<Utc>>,
    /// See `first`.
    pub last: Option<DateTime<Utc>>,
}

/// The people whose quotes match a query.
#[derive(Debug, Clone, Serialize)]
pub struct Speakers {
    /// The query as given.
    pub query: String,
    /// Every matching quote: the total `newsdex quotes` reports.
    pub quotes: u64,
    /// Matching quotes said by no named person (unattributed, or an organisation's).
    pub unattributed: u64,
    /// Everyone quoted, most quotes first (then by name). A name of one word (`Putin`) is
    /// counted with a longer name ending in it (`Vladimir Putin`) that has more of the quotes
    /// than all other such names together (`Trump` goes with `Donald Trump`, not with `Ivanka
    /// Trump`): an article names a person by the fullest form it uses, and one that uses the
    /// surname alone stands apart otherwise.
    pub speakers: Vec<SpeakerCount>,
}

/// Quotes, articles and dates of one name.
#[derive(Debug, Default)]
struct Tally {
    quotes: u64,
    articles: HashSet<(SegmentOrdinal, DocId)>,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.quotes += other.quotes;
        self.articles.extend(other.articles);
        self.first = [self.first, other.first].into_iter().flatten().min();
        self.last = [self.last, other.last].into_iter().flatten().max();
    }
}

/// Tallies by name, and the quotes said by no one named.
#[derive(Debug, Default)]
struct Counts {
    by_name: HashMap<String, Tally>,
    quotes: u64,
    unattributed: u64,
}

impl Counts {
    /// Counts the quote document `doc` of segment `segment`, as stored.
    fn add(&mut self, fields: &Fields, segment: SegmentOrdinal, doc: DocId, stored: &StoredDoc) {
        self.quotes += 1;
        let Some(name) = stored.text(fields.speakers) else {
            self.unattributed += 1;
            return;
        };
        let article = crate::index::quote_number(fields, stored)
            .and_then(|n| crate::index::article_place(doc, n as u64))
            .unwrap_or(doc);
        let date = stored.date(fields.date);
        let t = self.by_name.entry(name.to_string()).or_default();
        t.quotes += 1;
        t.articles.insert((segment, article));
        t.first = [t.first, date].into_iter().flatten().min();
        t.last = [t.last, date].into_iter().flatten().max();
    }

    fn merge(&mut self, other: Counts) {
        for (name, t) in other.by_name {
            self.by_name.entry(name).or_default().merge(t);
        }
        self.quotes += other.quotes;
        self.unattributed += other.unattributed;
    }

    /// Each one-word name counted with the longer name ending in it that has more quotes
    /// than all other such names together, if one does (see [`Speakers::speakers`]).
    fn join_surnames(&mut self) {
        // The longer names by their last word, lower-cased, found once for all surnames.
        let mut by_last: HashMap<String, Vec<String>> = HashMap::new();
        let mut single: Vec<String> = Vec::new();
        for name in self.by_name.keys() {
            match name.rsplit_once(' ') {
                Some((_, last)) => by_last.entry(last.to_lowercase()).or_default().push(name.clone()),
                None => single.push(name.clone()),
            }
        }
        // In one order whatever the map's, so the same index always gives the same counts.
        single.sort();
        for word in single {
            let Some(longer) = by_last.get(&word.to_lowercase()) else {
                continue;
            };
            let quotes = |n: &String| self.by_name.get(n).map_or(0, |t| t.quotes);
            let all: u64 = longer.iter().map(quotes).sum();
            let best = longer
                .iter()
                .max_by(|a, b| quotes(a).cmp(&quotes(b)).then_with(|| b.cmp(a)))
                .filter(|n| 2 * quotes(n) > all)
                .cloned();
            if let Some(full) = best
                && let Some(t) = self.by_name.remove(&word)
            {
                self.by_name.entry(full).or_default().merge(t);
            }
        }
    }
}

/// Blocks of a segment's document store kept decompressed while its quotes are read: they
/// are read in index order, so each block is decompressed once.
const STORE_BLOCKS: usize = 8;

/// Reads the speaker of each matching quote document.
struct BySpeaker(Fields);

struct SegmentBySpeaker {
    fields: Fields,
    segment: SegmentOrdinal,
    store: StoreReader,
    counts: Counts,
    /// The first error reading the store, reported after the collection.
    error: Option<tantivy::TantivyError>,
}

impl Collector for BySpeaker {
    type Fruit = Counts;
    type Child = SegmentBySpeaker;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentBySpeaker> {
        Ok(SegmentBySpeaker {
            fields: self.0,
            segment,
            store: reader.get_store_reader(STORE_BLOCKS)?,
            counts: Counts::default(),
            error: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<tantivy::Result<Counts>>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        for f in fruits {
            all.merge(f?);
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentBySpeaker {
    type Fruit = tantivy::Result<Counts>;

    fn collect(&mut self, doc: DocId, _: Score) {
        match self.store.get::<StoredDoc>(doc) {
            Ok(stored) => self.counts.add(&self.fields, self.segment, doc, &stored),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
    }

    fn harvest(self) -> tantivy::Result<Counts> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.counts),
        }
    }
}

impl NewsIndex {
    /// The people whose quotes match `req` (its query, dates and speakers, as
    /// [`NewsIndex::search_quotes`] takes them), most quoted first; `req.limit` caps how many
    /// are listed (the totals count every quote).
    ///
    /// ```no_run
    /// use newsdex::{NewsIndex, SearchRequest};
    /// let index = NewsIndex::open("newsdex-index")?;
    /// let who = index.speakers(&SearchRequest::new("\"chemical weapons\"").limit(10))?;
    /// for s in who.speakers {
    ///     println!("{} {} quotes in {} articles", s.name, s.quotes, s.articles);
    /// }
    /// # Ok::<(), newsdex::Error>(())
    /// ```
    pub fn speakers(&self, req: &SearchRequest) -> Result<Speakers> {
        let ast = query::parse(&req.query)?;
        let kind = crate::index::KIND_QUOTE;
        let Prepared { q, searcher, .. } = self.prepare(&ast, req, kind)?;
        let fields = *self.fields();
        let mut counts = if query::needs_verification(&ast) {
            // Checked against their words first; then read in index order.
            let mut addrs: Vec<DocAddress> = self
                .checked(&searcher, q.as_ref(), &ast, kind)?
                .into_iter()
                .map(|(_, _, addr)| addr)
                .collect();
            addrs.sort();
            // Each segment's checked quotes through the collector a search would run.
            let collector = BySpeaker(fields);
            let mut fruits = Vec::new();
            for chunk in addrs.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
                let ord = chunk[0].segment_ord;
                let mut segment = collector
                    .for_segment(ord, searcher.segment_reader(ord))
                    .map_err(self.index_err())?;
                for addr in chunk {
                    segment.collect(addr.doc_id, 0.0);
                }
                fruits.push(segment.harvest());
            }
            collector.merge_fruits(fruits).map_err(self.index_err())?
        } else {
            crate::search::run(self, &searcher, q.as_ref(), &BySpeaker(fields)).map_err(self.index_err())?
        };
        counts.join_surnames();
        let mut speakers: Vec<SpeakerCount> = counts
            .by_name
            .into_iter()
            .map(|(name, t)| SpeakerCount {
                name,
                quotes: t.quotes,
                articles: t.articles.len() as u64,
                first: t.first,
                last: t.last,
            })
            .collect();
        speakers.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
        speakers.truncate(req.limit);
        Ok(Speakers {
            query: req.query.clone(),
            quotes: counts.quotes,
            unattributed: counts.unattributed,
            speakers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(quotes: u64, articles: &[u32]) -> Tally {
        Tally {
            quotes,
            articles: articles.iter().map(|&a| (0, a)).collect(),
            first: None,
            last: None,
        }
    }

    #[test]
    fn a_surname_joins_the_full_name_with_most_of_its_quotes() {
        let mut c = Counts::default();
        c.by_name.insert("Vladimir Putin".into(), tally(3, &[1, 2]));
        c.by_name.insert("Putin".into(), tally(2, &[2, 7]));
        // Two full names end in `Smith`, neither with most of their quotes: the surname
        // alone stays apart.
        c.by_name.insert("Smith".into(), tally(1, &[3]));
        c.by_name.insert("Anna Smith".into(), tally(2, &[4]));
        c.by_name.insert("John Smith".into(), tally(2, &[5]));
        // Of three that end in `Trump`, one has most of the quotes.
        c.by_name.insert("Trump".into(), tally(4, &[8]));
        c.by_name.insert("Donald Trump".into(), tally(9, &[9]));
        c.by_name.insert("Ivanka Trump".into(), tally(3, &[10]));
        c.by_name.insert("Eric Trump".into(), tally(2, &[11]));
        c.join_surnames();
        let putin = &c.by_name["Vladimir Putin"];
        assert_eq!((putin.quotes, putin.articles.len()), (5, 3));
        assert_eq!(c.by_name["Donald Trump"].quotes, 13);
        assert_eq!(c.by_name["Ivanka Trump"].quotes, 3);
        for gone in ["Putin", "Trump"] {
            assert!(!c.by_name.contains_key(gone), "{gone}");
        }
        assert_eq!(c.by_name["Smith"].quotes, 1);
        assert_eq!(c.by_name.len(), 7);
    }
}
