//! Timelines: how many articles (or quotes) match a query in each year, month or day, for
//! "how often did this come up, and when".
//!
//! The count runs over the index's date column, not over stored documents: a timeline of
//! every article of the 20-fold copy is one pass over the matches. Queries the index can only
//! approximate (proximity, `exact:`) are checked against each candidate's text first, as a
//! search checks them, so a timeline always sums to the search's total.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::Result;
use crate::index::NewsIndex;
use crate::query;
use crate::search::{Prepared, SearchRequest};

/// The length of a timeline's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar years (UTC): `2013`.
    Year,
    /// Calendar months (UTC): `2013-06`.
    #[default]
    Month,
    /// Days (UTC): `2013-06-17`.
    Day,
}

/// The matches of one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCount {
    /// The period as a date is written: `2013`, `2013-06` or `2013-06-17`.
    pub period: String,
    /// Matching articles (or quotes) published in it.
    pub count: u64,
}

/// How many articles (or quotes) match a query in each period.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// The query as given.
    pub query: String,
    /// The length of the periods.
    pub by: Interval,
    /// Every match, dated or not: the total a search reports.
    pub total: u64,
    /// Matches with no publication date, in no period.
    pub undated: u64,
    /// Every period from the first with a match to the last, in order, with 0 for those that
    /// have none (a chart of them shows the gaps).
    pub periods: Vec<PeriodCount>,
}

impl Interval {
    /// The period of a day, as a number that grows by one from one period to the next.
    fn key(self, day: NaiveDate) -> i64 {
        match self {
            Interval::Year => i64::from(day.year()),
            Interval::Month => i64::from(day.year()) * 12 + i64::from(day.month0()),
            Interval::Day => i64::from(day.num_days_from_ce()),
        }
    }

    /// The period of `key`, written as a date is.
    fn name(self, key: i64) -> String {
        match self {
            Interval::Year => format!("{key:04}"),
            Interval::Month => format!("{:04}-{:02}", key.div_euclid(12), key.rem_euclid(12) + 1),
            Interval::Day => i32::try_from(key)
                .ok()
                .and_then(NaiveDate::from_num_days_from_ce_opt)
                .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string()),
        }
    }
}

/// Counts per period key, and the undated.
#[derive(Debug, Default)]
struct Counts {
    by_key: BTreeMap<i64, u64>,
    undated: u64,
}

impl Counts {
    fn add(&mut self, by: Interval, date: Option<DateTime<Utc>>) {
        match date {
            Some(d) => *self.by_key.entry(by.key(d.date_naive())).or_default() += 1,
            None => self.undated += 1,
        }
    }

    fn merge(&mut self, other: Counts) {
        for (k, n) in other.by_key {
            *self.by_key.entry(k).or_default() += n;
        }
        self.undated += other.undated;
    }
}

/// Counts the matches of each period from the date column.
struct ByPeriod(Interval);

/// [`ByPeriod`] over one segment.
struct SegmentByPeriod {
    by: Interval,
    dates: Column<tantivy::DateTime>,
    counts: Counts,
}

impl Collector for ByPeriod {
    type Fruit = Counts;
    type Child = SegmentByPeriod;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentByPeriod> {
        Ok(SegmentByPeriod {
            by: self.0,
            dates: segment.fast_fields().date(query::DATE_COLUMN)?,
            counts: Counts::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        for f in fruits {
            all.merge(f);
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentByPeriod {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let date = self
            .dates
            .first(doc)
            .and_then(|d| DateTime::from_timestamp(d.into_timestamp_secs(), 0));
        self.counts.add(self.by, date);
    }

    fn harvest(self) -> Counts {
        self.counts
    }
}

impl NewsIndex {
    /// How many articles match `req` (its query, dates and speakers; paging and order are
    /// ignored) in each period of length `by`. With `quotes`, the quotes that match, as
    /// [`NewsIndex::search_quotes`] finds them, counted by their article's date.
    ///
    /// ```no_run
    /// use newsdex::{NewsIndex, SearchRequest};
    /// use newsdex::timeline::Interval;
    /// let index = NewsIndex::open("newsdex-index")?;
    /// let t = index.timeline(&SearchRequest::new("\"chemical weapons\""), Interval::Month, false)?;
    /// for p in t.periods {
    ///     println!("{} {}", p.period, p.count);
    /// }
    /// # Ok::<(), newsdex::Error>(())
    /// ```
    pub fn timeline(&self, req: &SearchRequest, by: Interval, quotes: bool) -> Result<Timeline> {
        let ast = query::parse(&req.query)?;
        let kind = if quotes {
            crate::index::KIND_QUOTE
        } else {
            crate::index::KIND_ARTICLE
        };
        let Prepared { q, searcher, .. } = self.prepare(&ast, req, kind)?;
        let counts = if query::needs_verification(&ast) {
            let mut counts = Counts::default();
            for (_, date, _) in self.checked(&searcher, q.as_ref(), &ast, kind)? {
                counts.add(by, date);
            }
            counts
        } else {
            crate::search::run(self, &searcher, q.as_ref(), &ByPeriod(by)).map_err(self.index_err())?
        };
        let dated: u64 = counts.by_key.values().sum();
        let periods = match (counts.by_key.keys().next(), counts.by_key.keys().next_back()) {
            (Some(&first), Some(&last)) => (first..=last)
                .map(|k| PeriodCount {
                    period: by.name(k),
                    count: counts.by_key.get(&k).copied().unwrap_or(0),
                })
                .collect(),
            _ => Vec::new(),
        };
        Ok(Timeline {
            query: req.query.clone(),
            by,
            total: dated + counts.undated,
            undated: counts.undated,
            periods,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_follow_each_other_and_are_named_as_dates() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        for by in [Interval::Year, Interval::Month, Interval::Day] {
            // The last period of a year and the first of the next are one apart.
            let (a, b) = (by.key(day("2013-12-31")), by.key(day("2014-01-01")));
            assert_eq!(b - a, 1, "{by:?}");
            assert_eq!(by.name(b), ["2014", "2014-01", "2014-01-01"][by as usize]);
        }
        assert_eq!(
            Interval::Month.name(Interval::Month.key(day("1987-02-26"))),
            "1987-02"
        );
        assert_eq!(
            Interval::Day.name(Interval::Day.key(day("1677-09-21"))),
            "1677-09-21"
        );
        assert_eq!(
            Interval::Day.key(day("2016-03-01")) - Interval::Day.key(day("2016-02-28")),
            2
        );
    }
}
