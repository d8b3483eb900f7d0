//! Fields only articles have, asked in a quote search: `newsdex quotes 'geneva
//! source:reuters'` finds the quotes that hold `geneva` in articles from Reuters.
//!
//! A quote document holds its words, its speaker and its article's date, not the article's
//! source, bylines, topics, places or dateline (copying them onto each of the 39,465 quotes of
//! the real corpora would cost every load for a filter few searches use). What ties a quote to
//! its article is its place: an article's quotes are the documents right after it, up to the
//! next article (see `record` in the schema). So [`QuotesOf`] runs its query over the articles
//! and answers with the documents between each article found and the next article.

use tantivy::query::{BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// The quote documents of the articles `articles` finds, each scored alike (a filter: the
/// ranking comes from the quote's own words).
#[derive(Debug)]
pub(crate) struct QuotesOf {
    articles: Box<dyn Query>,
    /// The `kind` field, whose `article` term marks where each article's quotes end.
    kind: Field,
}

impl Clone for QuotesOf {
    fn clone(&self) -> Self {
        QuotesOf {
            articles: self.articles.box_clone(),
            kind: self.kind,
        }
    }
}

impl QuotesOf {
    /// The quotes of the articles `articles` finds; `kind` is the schema's `kind` field.
    pub(crate) fn new(articles: Box<dyn Query>, kind: Field) -> QuotesOf {
        QuotesOf { articles, kind }
    }
}

impl Query for QuotesOf {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // The articles' own scores are not wanted: only which articles they are.
        let unscored = match scoring.searcher() {
            Some(searcher) => EnableScoring::disabled_from_searcher(searcher),
            None => EnableScoring::disabled_from_schema(scoring.schema()),
        };
        Ok(Box::new(QuotesOfWeight {
            articles: self.articles.weight(unscored)?,
            kind: self.kind,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.articles.query_terms(visitor);
    }
}

struct QuotesOfWeight {
    articles: Box<dyn Weight>,
    kind: Field,
}

impl QuotesOfWeight {
    /// The quote documents of the segment whose article the query finds (deleted ones
    /// included: the collector leaves those out, as for any query).
    fn quotes(&self, reader: &SegmentReader) -> tantivy::Result<BitSet> {
        let max_doc = reader.max_doc();
        let mut quotes = BitSet::with_max_value(max_doc);
        let term = Term::from_field_text(self.kind, crate::index::KIND_ARTICLE);
        let Some(mut starts) = reader
            .inverted_index(self.kind)?
            .read_postings(&term, IndexRecordOption::Basic)?
        else {
            return Ok(quotes);
        };
        let mut found = self.articles.scorer(reader, 1.0)?;
        let mut article = found.doc();
        while article != TERMINATED {
            // The next article begins where this one's quotes end.
            if starts.doc() <= article {
                starts.seek(article + 1);
            }
            let end = if starts.doc() == TERMINATED {
                max_doc
            } else {
                starts.doc()
            };
            for quote in article + 1..end {
                quotes.insert(quote);
            }
            article = found.advance();
        }
        Ok(quotes)
    }
}

impl Weight for QuotesOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ConstScorer::new(
            BitSetDocSet::from(self.quotes(reader)?),
            boost,
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.quotes(reader)?.contains(doc) {
            Ok(Explanation::new("a quote of an article the query finds", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(format!(
                "document {doc} is no quote of an article the query finds"
            )))
        }
    }
}
