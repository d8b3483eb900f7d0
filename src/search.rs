//! Running a search: a [`SearchRequest`] in, ranked (or dated) hits with snippets out.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::TantivyDocument;
use tantivy::{DocAddress, Order};

use crate::error::Result;
use crate::index::{self, NewsIndex};
use crate::query::{self, Ast, QField};
use crate::snippet::{self, Highlighter, Snippet};

/// Order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (BM25; title matches count double).
    #[default]
    Relevance,
    /// Latest publication date first; undated articles last.
    Newest,
    /// Earliest publication date first; undated articles last.
    Oldest,
}

/// What to search for, and how to present it.
///
/// ```no_run
/// use newsdex::{NewsIndex, SearchRequest};
/// let index = NewsIndex::open("newsdex-index")?;
/// let request = SearchRequest::new("\"Geneva talks\"")
///     .speaker("putin")
///     .since_date("2013-06")?
///     .limit(5);
/// for hit in index.search(&request)?.hits {
///     println!("{} {}", hit.title, hit.path);
/// }
/// # Ok::<(), newsdex::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query, in the syntax of [`crate::query`]. Empty matches every article.
    pub query: String,
    /// Only articles published at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Only articles published at or before this instant.
    pub until: Option<DateTime<Utc>>,
    /// Only articles quoting any of these people (surname or full name; case and accents
    /// ignored).
    pub speakers: Vec<String>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip first, for paging.
    pub offset: usize,
    /// Order of hits.
    pub sort: Sort,
    /// Body fragments per hit.
    pub fragments: usize,
    /// Target length of a fragment, in bytes.
    pub fragment_size: usize,
}

impl SearchRequest {
    /// A request for `query` with the defaults: 10 hits by relevance, 2 fragments of about
    /// 200 bytes.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            since: None,
            until: None,
            speakers: Vec::new(),
            limit: 10,
            offset: 0,
            sort: Sort::Relevance,
            fragments: 2,
            fragment_size: 200,
        }
    }

    /// Adds a speaker; an article matches when it quotes any of them.
    pub fn speaker(mut self, name: impl Into<String>) -> Self {
        self.speakers.push(name.into());
        self
    }

    /// Sets the number of hits.
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = n;
        self
    }

    /// Sets the order of hits.
    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort = sort;
        self
    }

    /// Only articles from the start of this period on (`2013`, `2013-06`, `2013-06-17`, RFC 3339).
    pub fn since_date(mut self, date: &str) -> Result<Self> {
        let (from, _) = query::date_period(date).ok_or_else(|| crate::Error::Date { input: date.into() })?;
        self.since = Some(from);
        Ok(self)
    }

    /// Only articles up to the end of this period (`2013-06` includes all of June).
    pub fn until_date(mut self, date: &str) -> Result<Self> {
        let (_, to) = query::date_period(date).ok_or_else(|| crate::Error::Date { input: date.into() })?;
        self.until = Some(to);
        Ok(self)
    }
}

/// One matching article.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Stable article id.
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// The headline.
    pub title: String,
    /// Publication time, UTC.
    pub date: Option<DateTime<Utc>>,
    /// Bylines.
    pub authors: Vec<String>,
    /// People quoted.
    pub speakers: Vec<String>,
    /// The outlet.
    pub source: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// Relevance score (BM25); `None` when sorted by date.
    pub score: Option<f32>,
    /// Where the query matched: the title when it matched, then body fragments.
    pub snippets: Vec<Snippet>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Number of matching articles (all of them, not only those returned).
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
}

impl NewsIndex {
    /// Runs a search on the last committed state of the index.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let ast = query::parse(&req.query)?;
        let fields = *self.fields();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query::to_query(&ast, &fields))];
        if req.since.is_some() || req.until.is_some() {
            clauses.push((
                Occur::Must,
                query::date_range_query(&fields, req.since, req.until),
            ));
        }
        if !req.speakers.is_empty() {
            let any: Vec<(Occur, Box<dyn Query>)> = req
                .speakers
                .iter()
                .map(|s| {
                    (
                        Occur::Should,
                        query::to_query(
                            &Ast::Phrase {
                                field: Some(QField::Speaker),
                                text: s.clone(),
                                slop: 0,
                            },
                            &fields,
                        ),
                    )
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let q = BooleanQuery::new(clauses);

        self.reader().reload().map_err(self.index_err())?;
        let searcher = self.reader().searcher();
        let err = self.index_err();
        let (total, page): (usize, Vec<(Option<f32>, DocAddress)>) = if req.limit == 0 {
            (searcher.search(&q, &Count).map_err(&err)?, Vec::new())
        } else {
            let top = TopDocs::with_limit(req.limit).and_offset(req.offset);
            match req.sort {
                Sort::Relevance => {
                    let (n, docs) = searcher
                        .search(&q, &(Count, top.order_by_score()))
                        .map_err(&err)?;
                    (n, docs.into_iter().map(|(s, a)| (Some(s), a)).collect())
                }
                Sort::Newest | Sort::Oldest => {
                    let order = if req.sort == Sort::Newest {
                        Order::Desc
                    } else {
                        Order::Asc
                    };
                    let by_date = top.order_by_fast_field::<tantivy::DateTime>("date", order);
                    let (n, docs) = searcher.search(&q, &(Count, by_date)).map_err(&err)?;
                    (n, docs.into_iter().map(|(_, a)| (None, a)).collect())
                }
            }
        };

        let highlighter = Highlighter::new(&ast);
        let mut hits = Vec::with_capacity(page.len());
        for (score, addr) in page {
            let doc: TantivyDocument = searcher.doc(addr).map_err(&err)?;
            let a = index::from_document(&fields, &doc);
            let mut snippets = Vec::new();
            let title_marks = highlighter.matches(QField::Title, &a.title);
            if !title_marks.is_empty() {
                snippets.push(Snippet {
                    field: "title".into(),
                    text: a.title.clone(),
                    highlights: title_marks,
                });
            }
            let body_marks = highlighter.matches(QField::Body, &a.body);
            let body = snippet::fragments("body", &a.body, &body_marks, req.fragments, req.fragment_size);
            if body.is_empty() {
                snippets.extend(snippet::lead("body", &a.body, req.fragment_size));
            } else {
                snippets.extend(body);
            }
            hits.push(Hit {
                id: a.id,
                path: a.path,
                title: a.title,
                date: a.date,
                authors: a.authors,
                speakers: a.speakers,
                source: a.source,
                url: a.url,
                score,
                snippets,
            });
        }
        Ok(SearchResults {
            query: req.query.clone(),
            total,
            hits,
        })
    }
}
