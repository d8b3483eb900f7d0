//! Running a search: a [`SearchRequest`] in, ranked (or dated) hits with snippets out.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::TantivyError;
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::EnableScoring;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Order};

use crate::error::Result;
use crate::index::{self, NewsIndex, StoredDoc, StoredHead};
use crate::query::{self, Ast, QField};
use crate::snippet::{self, Highlighter, Snippet};

/// Order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (BM25 over the article's text, plus the headline's own when it
    /// matches). A query with nothing to rank by (empty, or dates and exclusions alone, with
    /// any filters) is sorted newest first, and its hits carry no score.
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
    /// Body fragments per hit; 0 returns hits without snippets (no highlighting work).
    pub fragments: usize,
    /// Target length of a fragment, in characters.
    pub fragment_size: usize,
}

impl SearchRequest {
    /// A request for `query` with the defaults: 10 hits by relevance, 2 fragments of about
    /// 200 characters.
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
        let (total, page) = self.collect(&ast, req, crate::index::KIND_ARTICLE)?;
        let searcher = self.reader().searcher();
        let err = self.index_err();
        let highlighter = Highlighter::new(&ast);
        let mut hits = Vec::with_capacity(page.len());
        // No fragments asked for: neither the body nor any highlighting work.
        let bare = req.fragments == 0;
        for (score, addr) in page {
            let mut doc: StoredDoc = if bare {
                searcher.doc::<StoredHead>(addr).map_err(&err)?.0
            } else {
                searcher.doc(addr).map_err(&err)?
            };
            let a = index::from_document_without_quotes(&fields, &mut doc);
            let snippets = if bare {
                Vec::new()
            } else {
                article_snippets(&highlighter, &a, req)
            };
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

/// The title and the standfirst (each when it matches, whole) and the body fragments around
/// the matches, or the lead paragraph when the body has none (the standfirst's, when the
/// body is empty and nothing else was shown).
fn article_snippets(highlighter: &Highlighter, a: &crate::Article, req: &SearchRequest) -> Vec<Snippet> {
    let mut snippets = Vec::new();
    let subtitle = a.subtitle.as_deref().unwrap_or_default();
    for (field, text, q) in [
        ("title", a.title.as_str(), QField::Title),
        ("subtitle", subtitle, QField::Subtitle),
    ] {
        let marks = highlighter.matches(q, text);
        if !marks.is_empty() {
            snippets.push(Snippet {
                field: field.into(),
                text: text.to_string(),
                highlights: marks,
            });
        }
    }
    let body_marks = highlighter.matches(QField::Body, &a.body);
    let body = snippet::fragments("body", &a.body, &body_marks, req.fragments, req.fragment_size);
    if !body.is_empty() {
        snippets.extend(body);
    } else if !a.body.trim().is_empty() {
        snippets.extend(snippet::lead("body", &a.body, req.fragment_size));
    } else if !snippets.iter().any(|s| s.field == "subtitle") {
        snippets.extend(snippet::lead("subtitle", subtitle, req.fragment_size));
    }
    snippets
}

/// Documents holding a word, summed over the fields searched, above which ranking it apart
/// from counting it pays (measured: at 2,660 matches one pass was still faster, at 64,780 two
/// passes took a third of the time).
const FREQUENT_WORD: u64 = 5_000;

/// True when `query`, built from `ast`, is a single word that more than [`FREQUENT_WORD`]
/// documents hold.
fn frequent_word(searcher: &tantivy::Searcher, ast: &Ast, query: &dyn Query) -> bool {
    query::single_word_terms(ast, query).is_some_and(|terms| {
        terms
            .iter()
            .map(|t| searcher.doc_freq(t).unwrap_or(0))
            .sum::<u64>()
            > FREQUENT_WORD
    })
}

/// A page of matches: score (when ranked) and address.
type Page = Vec<(Option<f32>, DocAddress)>;

/// A match checked against its text: score, its article's date, address.
pub(crate) type Checked = (f32, Option<DateTime<Utc>>, DocAddress);

/// Documents holding the rarest position-checked word of a query before it is searched on
/// several threads. Starting a thread costs 60-90 us here, more than a phrase over a few
/// thousand documents gains (real corpora, phrases over 800-3,000 documents: 50-90 us slower
/// on 2 threads; a warm rayon pool did no better); one over tens of thousands takes
/// milliseconds and gains (20-fold copy, `"interest rates"`, 57,000 documents: 2.94 -> 1.73
/// ms; million generated articles, `"harbour talks"`, 646,000: 31.8 -> 15.4 ms). Single
/// words, pruned by block-max WAND, and AND/OR queries, which gained nothing on the 20-fold
/// copy, stay in the calling thread.
const PARALLEL_DOCS: u64 = 20_000;

/// Whether `query` checks positions in at least `min_docs` documents of some field: per
/// field, the smallest document frequency among its position-checked words, which bounds a
/// phrase's candidates. (A headline clause beside a body phrase is cheap; the body phrase
/// decides.)
fn worth_splitting(searcher: &tantivy::Searcher, query: &dyn Query, min_docs: u64) -> bool {
    let mut rarest: Vec<(tantivy::schema::Field, u64)> = Vec::new();
    query.query_terms(&mut |term, positions| {
        if !positions {
            return;
        }
        let docs = searcher.doc_freq(term).unwrap_or(0);
        match rarest.iter_mut().find(|(f, _)| *f == term.field()) {
            Some((_, r)) => *r = (*r).min(docs),
            None => rarest.push((term.field(), docs)),
        }
    });
    rarest.iter().any(|&(_, docs)| docs >= min_docs)
}

/// Runs `query` over `searcher`, in parallel when it is worth it.
pub(crate) fn run<C: Collector>(
    index: &NewsIndex,
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    if !index.may_split() || !worth_splitting(searcher, query, PARALLEL_DOCS) {
        return searcher.search(query, collector);
    }
    match index.search_threads() {
        threads @ 2.. => search_split(searcher, query, collector, threads),
        _ => searcher.search(query, collector),
    }
}

/// Runs `query` over `searcher` on `threads` threads, which take turns at slices of about
/// equal numbers of documents (a slice is part of one segment); the same fruit as
/// [`tantivy::Searcher::search`].
pub(crate) fn search_split<C: Collector>(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    collector: &C,
    threads: usize,
) -> tantivy::Result<C::Fruit> {
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    collector.check_schema(searcher.schema())?;
    let readers = searcher.segment_readers();
    let sizes: Vec<u32> = readers.iter().map(|r| r.max_doc()).collect();
    // More slices than threads, taken in turn by whichever thread is free: a thread that
    // starts late (a new thread can wait a scheduler tick for a core) leaves the others its
    // slices instead of a share they would wait for.
    let slices: Vec<Slice> = split(&sizes, threads * SLICES_PER_THREAD)
        .into_iter()
        .flatten()
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || -> tantivy::Result<Vec<(usize, ChildFruit<C>)>> {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(slice) = slices.get(i) else {
                return Ok(done);
            };
            done.push((
                i,
                collect_range(collector, weight.as_ref(), slice, &readers[slice.segment])?,
            ));
        }
    };
    // The calling thread works too, beside scoped threads: no pool to build in a one-shot
    // process, nothing left running after the query. Should the system refuse a thread, the
    // others take its slices.
    let mut fruits = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut fruits = work()?;
        for other in others {
            let theirs = other
                .join()
                .map_err(|_| TantivyError::InternalError("a search thread panicked".to_string()))??;
            fruits.extend(theirs);
        }
        Ok::<_, TantivyError>(fruits)
    })?;
    // Merged in document order, as one thread merges them.
    fruits.sort_by_key(|(i, _)| *i);
    collector.merge_fruits(fruits.into_iter().map(|(_, fruit)| fruit).collect())
}

/// Slices of the documents per search thread (see [`search_split`]).
const SLICES_PER_THREAD: usize = 4;

type ChildFruit<C> = <<C as Collector>::Child as tantivy::collector::SegmentCollector>::Fruit;

/// Documents `docs` of segment `segment` (its ordinal).
#[derive(Debug, Clone)]
struct Slice {
    segment: usize,
    docs: std::ops::Range<tantivy::DocId>,
}

/// What [`Collector::collect_segment`] does, over `slice` of a segment only: its own
/// scorer, skipped ahead to the slice's first document, stops at its end.
fn collect_range<C: Collector>(
    collector: &C,
    weight: &dyn tantivy::query::Weight,
    slice: &Slice,
    reader: &tantivy::SegmentReader,
) -> tantivy::Result<ChildFruit<C>> {
    use tantivy::DocSet;
    use tantivy::collector::SegmentCollector;
    let mut child = collector.for_segment(slice.segment as u32, reader)?;
    let mut scorer = weight.scorer(reader, 1.0)?;
    let scoring = collector.requires_scoring();
    let alive = reader.alive_bitset();
    let mut doc = scorer.doc();
    if doc < slice.docs.start {
        doc = scorer.seek(slice.docs.start);
    }
    // TERMINATED, the end of the postings, is above every range's end.
    while doc < slice.docs.end {
        if alive.is_none_or(|a| a.is_alive(doc)) {
            child.collect(doc, if scoring { scorer.score() } else { 0.0 });
        }
        doc = scorer.advance();
    }
    Ok(child.harvest())
}

/// Cuts the documents of segments of `sizes` documents into `parts` shares of consecutive
/// slices, equal but for rounding.
fn split(sizes: &[u32], parts: usize) -> Vec<Vec<Slice>> {
    let parts = parts.max(1);
    let total: u64 = sizes.iter().map(|&n| u64::from(n)).sum();
    let mut shares: Vec<Vec<Slice>> = vec![Vec::new(); parts];
    // `dealt` documents are in shares so far; share `i` ends at total * (i + 1) / parts, the
    // last one at the total. Each turn fills part of a share or moves to the next.
    let mut dealt = 0u64;
    let mut share = 0;
    for (segment, &size) in sizes.iter().enumerate() {
        let mut start = 0u32;
        while start < size {
            let share_end = if share + 1 == parts {
                total
            } else {
                total * (share as u64 + 1) / parts as u64
            };
            if dealt >= share_end {
                share += 1;
                continue;
            }
            let take = u64::from(size - start).min(share_end - dealt) as u32;
            shares[share].push(Slice {
                segment,
                docs: start..start + take,
            });
            start += take;
            dealt += u64::from(take);
        }
    }
    shares
}

/// An error naming the prefix, with its column, when a prefix of `ast` stands for more words
/// than a query may have ([`crate::prefix::MAX_WORDS`]).
fn check_prefixes(
    searcher: &tantivy::Searcher,
    ast: &Ast,
    fields: &crate::schema::Fields,
    err: &dyn Fn(TantivyError) -> crate::Error,
) -> Result<()> {
    for (field, prefix, column, stemmed) in query::prefixes(ast, fields) {
        if crate::prefix::expand(searcher, field, &prefix, stemmed)
            .map_err(err)?
            .is_err()
        {
            return Err(query::QueryError {
                column,
                message: crate::prefix::too_many(&prefix),
                hint: "write more of the word, or the words themselves joined by OR".to_string(),
            }
            .into());
        }
    }
    Ok(())
}

/// A query ready to run: [`NewsIndex::prepare`].
pub(crate) struct Prepared {
    /// The text query with the request's filters.
    pub(crate) q: Box<dyn Query>,
    /// The searcher it runs on.
    pub(crate) searcher: tantivy::Searcher,
    /// True when the request adds no filter to the text query.
    pub(crate) unfiltered: bool,
}

/// A required clause that does not change scores (filters must not rank).
fn filter(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(tantivy::query::ConstScoreQuery::new(q, 0.0))
}

impl NewsIndex {
    /// Runs `ast` with the request's filters over documents of one `kind`; returns the number
    /// of matches and the requested page.
    fn collect(&self, ast: &Ast, req: &SearchRequest, kind: &str) -> Result<(usize, Page)> {
        // Filters alone score every match alike (0): newest first, not in the index's order.
        let newest;
        let req = if req.sort == Sort::Relevance && !query::ranks(ast) {
            newest = SearchRequest {
                sort: Sort::Newest,
                ..req.clone()
            };
            &newest
        } else {
            req
        };
        let Prepared {
            q,
            searcher,
            unfiltered,
        } = self.prepare(ast, req, kind)?;
        let err = self.index_err();
        if query::needs_verification(ast) {
            return self.verified(&searcher, q.as_ref(), ast, req, kind);
        }
        // No page holds more than the index's documents: Tantivy sizes its heap of candidates
        // by the limit and offset, and `--limit 18446744073709551615` overflowed it.
        let room = (searcher.num_docs() as usize).saturating_sub(req.offset);
        if req.limit == 0 || room == 0 {
            return Ok((
                run(self, &searcher, q.as_ref(), &Count).map_err(&err)?,
                Vec::new(),
            ));
        }
        let top = TopDocs::with_limit(req.limit.min(room)).and_offset(req.offset);
        Ok(match req.sort {
            // One frequent word, unfiltered: counted apart from the ranking. Alone, the
            // ranking skips the blocks of postings that cannot reach the page (block-max
            // WAND) and the count needs no scores (a word in one field is its document
            // frequency); as one pass, every match was scored (20-fold copy, `government`,
            // 64,780 matches: 0.69 -> 0.23 ms). A rare word, or any other query, is cheaper
            // in one pass than in two.
            Sort::Relevance if unfiltered && frequent_word(&searcher, ast, q.as_ref()) => {
                let n = run(self, &searcher, q.as_ref(), &Count).map_err(&err)?;
                let docs = run(self, &searcher, q.as_ref(), &top.order_by_score()).map_err(&err)?;
                (n, docs.into_iter().map(|(s, a)| (Some(s), a)).collect())
            }
            Sort::Relevance => {
                let (n, docs) =
                    run(self, &searcher, q.as_ref(), &(Count, top.order_by_score())).map_err(&err)?;
                (n, docs.into_iter().map(|(s, a)| (Some(s), a)).collect())
            }
            Sort::Newest | Sort::Oldest => {
                let order = if req.sort == Sort::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let by_date = top.order_by_fast_field::<tantivy::DateTime>("date", order);
                let (n, docs) = run(self, &searcher, q.as_ref(), &(Count, by_date)).map_err(&err)?;
                (n, docs.into_iter().map(|(_, a)| (None, a)).collect())
            }
        })
    }

    /// The query `ast` stands for with the request's filters, over documents of one `kind`,
    /// and the searcher to run it on; an error for a prefix that stands for too many words.
    pub(crate) fn prepare(&self, ast: &Ast, req: &SearchRequest, kind: &str) -> Result<Prepared> {
        let fields = *self.fields();
        // Quote documents keep their words in `quote`, articles in `text` (and `title`).
        let text_fields = if kind == crate::index::KIND_QUOTE {
            fields.for_quotes()
        } else {
            fields
        };
        let dates = (req.since.is_some() || req.until.is_some()).then_some((req.since, req.until));
        let (text, dated) = query::to_query_published(ast, &text_fields, dates);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // A query that needs words only one kind of document has selects that kind by itself;
        // others (`speaker:…` alone, an empty query, exclusions) need the kind spelled out.
        // Skipping the filter spares intersecting every match with all articles.
        if !query::requires_text(ast) {
            clauses.push((
                Occur::Must,
                filter(Box::new(crate::index::kind_query(&fields, kind))),
            ));
        }
        if dates.is_some() && !dated {
            clauses.push((Occur::Must, filter(query::date_filter(req.since, req.until))));
        }
        let speakers = req
            .speakers
            .iter()
            .map(|s| query::speaker_filter(s))
            .collect::<std::result::Result<Vec<Ast>, _>>()?;
        if !speakers.is_empty() {
            let any: Vec<(Occur, Box<dyn Query>)> = speakers
                .iter()
                .map(|s| (Occur::Should, query::to_query(s, &fields)))
                .collect();
            clauses.push((Occur::Must, filter(Box::new(BooleanQuery::new(any)))));
        }
        // Without filters the text query runs as it is, not as the one clause of a boolean
        // query: Tantivy prunes only a query it can see is a union of words.
        let unfiltered = clauses.is_empty();
        let q: Box<dyn Query> = if unfiltered {
            text
        } else {
            clauses.insert(0, (Occur::Must, text));
            Box::new(BooleanQuery::new(clauses))
        };
        self.refresh()?;
        let searcher = self.reader().searcher();
        check_prefixes(&searcher, ast, &text_fields, &self.index_err())?;
        for s in &speakers {
            check_prefixes(&searcher, s, &fields, &self.index_err())?;
        }
        Ok(Prepared {
            q,
            searcher,
            unfiltered,
        })
    }

    /// Proximity queries: the index finds the articles (or quotes) holding both operands,
    /// and each is checked against its text; counts, order and paging are over the checked
    /// ones. A quote is checked against its own words, which its article holds.
    fn verified(
        &self,
        searcher: &tantivy::Searcher,
        q: &dyn Query,
        ast: &Ast,
        req: &SearchRequest,
        kind: &str,
    ) -> Result<(usize, Page)> {
        let mut kept = self.checked(searcher, q, ast, kind)?;
        match req.sort {
            Sort::Relevance => {}
            // Undated last either way, as the index's own sort does.
            Sort::Newest => kept.sort_by(|a, b| b.1.is_some().cmp(&a.1.is_some()).then(b.1.cmp(&a.1))),
            Sort::Oldest => kept.sort_by(|a, b| b.1.is_some().cmp(&a.1.is_some()).then(a.1.cmp(&b.1))),
        }
        let total = kept.len();
        let page = kept
            .into_iter()
            .skip(req.offset)
            .take(req.limit)
            .map(|(s, _, addr)| ((req.sort == Sort::Relevance).then_some(s), addr))
            .collect();
        Ok((total, page))
    }

    /// Every document `q` finds whose text satisfies `ast` (see [`query::needs_verification`]),
    /// best first, with its score and its article's date.
    pub(crate) fn checked(
        &self,
        searcher: &tantivy::Searcher,
        q: &dyn Query,
        ast: &Ast,
        kind: &str,
    ) -> Result<Vec<Checked>> {
        let err = self.index_err();
        let fields = *self.fields();
        let candidates = searcher.search(q, &Count).map_err(&err)?;
        if candidates == 0 {
            return Ok(Vec::new());
        }
        let all = searcher
            .search(q, &TopDocs::with_limit(candidates).order_by_score())
            .map_err(&err)?;
        let mut kept = Vec::new();
        let mut quotes = QuoteReader::new(self, searcher);
        for (score, addr) in all {
            let a = if kind == crate::index::KIND_QUOTE {
                match quotes.read(addr)? {
                    (Some(article), Some(quote)) => quote_as_article(article, quote),
                    _ => continue,
                }
            } else {
                let mut doc: StoredDoc = searcher.doc(addr).map_err(&err)?;
                index::from_document_without_quotes(&fields, &mut doc)
            };
            if snippet::satisfies(ast, &a) {
                kept.push((score, a.date, addr));
            }
        }
        Ok(kept)
    }

    /// Searches the quotes themselves: `req.query` is matched against the quoted words,
    /// `req.speakers` against the quote's own speaker (not the article's other speakers), the
    /// dates, and `source:`, `author:`, `topic:`, `place:` and `dateline:`, against the
    /// article's. Fragment settings are ignored: the whole quote is returned
    /// with its matches marked.
    pub fn search_quotes(&self, req: &SearchRequest) -> Result<QuoteResults> {
        let ast = query::parse(&req.query)?;
        let (total, page) = self.collect(&ast, req, crate::index::KIND_QUOTE)?;
        let searcher = self.reader().searcher();
        let highlighter = Highlighter::new(&ast);
        let mut hits = Vec::with_capacity(page.len());
        let mut quotes = QuoteReader::new(self, &searcher);
        for (score, addr) in page {
            let (article, quote) = quotes.read(addr)?;
            let text = quote.as_ref().map_or_else(String::new, |x| x.text.clone());
            hits.push(QuoteHit {
                article_id: article.map_or_else(String::new, |a| a.id.clone()),
                path: article.map_or_else(String::new, |a| a.path.clone()),
                title: article.map_or_else(String::new, |a| a.title.clone()),
                date: article.and_then(|a| a.date),
                speaker: quote.as_ref().and_then(|x| x.speaker.clone()),
                source_kind: quote
                    .as_ref()
                    .map_or(crate::SourceKind::Unknown, |x| x.source_kind),
                how: quote.as_ref().map_or(crate::Attribution::None, |x| x.how),
                highlights: highlighter.matches(QField::Body, &text),
                text,
                score,
            });
        }
        Ok(QuoteResults {
            query: req.query.clone(),
            total,
            hits,
        })
    }

    /// The article stored at `at`, a quote's place less its number ([`index::article_place`],
    /// so a document of the quote's own segment): its stored document (for its quotes) and the
    /// article rebuilt from it, its quotes left out (a quote's words are read from its body).
    /// `None` unless it is the article of the given id, which only a damaged index would make
    /// it (`newsdex check` says so).
    fn article_at(
        &self,
        searcher: &tantivy::Searcher,
        at: DocAddress,
        id: &str,
    ) -> Result<Option<(StoredDoc, crate::Article)>> {
        let fields = *self.fields();
        if id.is_empty() {
            return Ok(None);
        }
        let mut doc: StoredDoc = searcher.doc(at).map_err(self.index_err())?;
        let article = index::from_document_without_quotes(&fields, &mut doc);
        Ok((article.id == id).then_some((doc, article)))
    }
}

/// Reads the quotes that quote documents stand for from their articles: each article is
/// fetched once, and its quotes parsed once from its second quote on (a page of thousands of
/// quotes of one article read them all again for each).
struct QuoteReader<'a> {
    index: &'a NewsIndex,
    searcher: &'a tantivy::Searcher,
    articles: HashMap<DocAddress, Option<(StoredDoc, crate::Article)>>,
    seen: HashMap<DocAddress, usize>,
    parsed: HashMap<DocAddress, Option<Vec<index::StoredQuote<String>>>>,
}

impl<'a> QuoteReader<'a> {
    fn new(index: &'a NewsIndex, searcher: &'a tantivy::Searcher) -> QuoteReader<'a> {
        QuoteReader {
            index,
            searcher,
            articles: HashMap::new(),
            seen: HashMap::new(),
            parsed: HashMap::new(),
        }
    }

    /// The article and the quote of the quote document at `addr`; either is `None` only in a
    /// damaged index (`newsdex check` says so).
    fn read(&mut self, addr: DocAddress) -> Result<(Option<&crate::Article>, Option<crate::Quote>)> {
        let fields = *self.index.fields();
        let doc: StoredDoc = self.searcher.doc(addr).map_err(self.index.index_err())?;
        let Some(n) = index::quote_number(&fields, &doc) else {
            return Ok((None, None));
        };
        let Some(at) =
            index::article_place(addr.doc_id, n as u64).map(|doc_id| DocAddress { doc_id, ..addr })
        else {
            return Ok((None, None));
        };
        if let Entry::Vacant(e) = self.articles.entry(at) {
            let id = doc.text(fields.article).unwrap_or_default();
            e.insert(self.index.article_at(self.searcher, at, id)?);
        }
        let Some((stored, article)) = self.articles.get(&at).and_then(Option::as_ref) else {
            return Ok((None, None));
        };
        // The quote is stored once, in its article, under the number the document holds.
        let seen = self.seen.entry(at).or_default();
        *seen += 1;
        let quote = if *seen == 1 {
            index::stored_quote(&fields, stored, &article.body, n)
        } else {
            self.parsed
                .entry(at)
                .or_insert_with(|| index::all_stored_quotes(&fields, stored))
                .as_deref()
                .and_then(|all| index::nth_stored_quote(all, &article.body, n))
        };
        Ok((Some(article), quote))
    }
}

/// A quote as the article a query is checked against: its words are the headline, standfirst
/// and body (a quote search asks every text field of the quote, as the index does), its
/// speaker the only speaker; its date, source, bylines, topics, places and dateline are the
/// article's (see [`crate::join`]).
fn quote_as_article(article: &crate::Article, quote: crate::Quote) -> crate::Article {
    crate::Article {
        title: quote.text.clone(),
        subtitle: Some(quote.text.clone()),
        body: quote.text,
        speakers: quote.speaker.into_iter().collect(),
        date: article.date,
        source: article.source.clone(),
        authors: article.authors.clone(),
        topics: article.topics.clone(),
        places: article.places.clone(),
        dateline: article.dateline.clone(),
        ..crate::Article::default()
    }
}

impl NewsIndex {
    /// For a speaker filter that matched nothing: when a word of `name` is in no quoted
    /// person's name in the index, the words of such names that are close to it (`putn` →
    /// `putin`, at most two edits), closest and most quoted first, at most five (perhaps none).
    /// `None` when every word of `name` is in the index: the person is there, and the other
    /// filters left nothing.
    pub fn speaker_suggestions(&self, name: &str) -> Result<Option<Vec<String>>> {
        let field = self.fields().speakers;
        let Some(mut analyzer) = crate::schema::analyzer(crate::schema::NAME) else {
            return Ok(None);
        };
        let mut words = Vec::new();
        let mut stream = analyzer.token_stream(name);
        while stream.advance() {
            words.push(stream.token().text.clone());
        }
        let err = self.index_err();
        let searcher = self.reader().searcher();
        let mut missing = Vec::new();
        for w in words {
            let mut held = false;
            for segment in searcher.segment_readers() {
                let index = segment.inverted_index(field).map_err(&err)?;
                held |= index.terms().get(&w).map_err(|e| err(e.into()))?.is_some();
            }
            if !held {
                missing.push(w);
            }
        }
        if missing.is_empty() {
            return Ok(None);
        }
        // Word → (fewest edits from a missing word, articles and quotes naming it).
        let mut close: HashMap<String, (usize, u64)> = HashMap::new();
        for segment in searcher.segment_readers() {
            let index = segment.inverted_index(field).map_err(&err)?;
            let mut terms = index.terms().stream().map_err(|e| err(e.into()))?;
            while terms.advance() {
                let Ok(term) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                let Some(edits) = missing
                    .iter()
                    .map(|w| strsim::levenshtein(w, term))
                    .filter(|&d| d <= 2)
                    .min()
                else {
                    continue;
                };
                let entry = close.entry(term.to_string()).or_insert((edits, 0));
                entry.1 += u64::from(terms.value().doc_freq);
            }
        }
        let mut found: Vec<(String, (usize, u64))> = close.into_iter().collect();
        found.sort_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)).then(a.0.cmp(&b.0)));
        Ok(Some(found.into_iter().take(5).map(|(w, _)| w).collect()))
    }
}

/// One matching quote.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteHit {
    /// Id of the article it comes from.
    pub article_id: String,
    /// The article's file.
    pub path: String,
    /// The article's headline.
    pub title: String,
    /// The article's publication time, UTC.
    pub date: Option<DateTime<Utc>>,
    /// Who said it, when attributed.
    pub speaker: Option<String>,
    /// What kind of source said it.
    pub source_kind: crate::SourceKind,
    /// How the speaker was found.
    pub how: crate::Attribution,
    /// The quoted words.
    pub text: String,
    /// Matches, as byte ranges into `text`.
    pub highlights: Vec<std::ops::Range<usize>>,
    /// Relevance score; `None` when sorted by date.
    pub score: Option<f32>,
}

/// The answer to a quote search.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteResults {
    /// The query as given.
    pub query: String,
    /// Number of matching quotes.
    pub total: usize,
    /// The requested page.
    pub hits: Vec<QuoteHit>,
}

/// One line of a keyword-in-context concordance.
#[derive(Debug, Clone, Serialize)]
pub struct KwicLine {
    /// Article id.
    pub id: String,
    /// The article's file.
    pub path: String,
    /// Publication time, UTC.
    pub date: Option<DateTime<Utc>>,
    /// The outlet.
    pub source: Option<String>,
    /// `title` or `body`.
    pub field: String,
    /// Up to `width` characters before the match, white space collapsed.
    pub left: String,
    /// The matched words as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// Up to `width` characters after the match, white space collapsed.
    pub right: String,
}

/// Orders of concordance lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KwicSort {
    /// Articles in the request's order (relevance, or date with `Sort::Newest`/`Oldest`).
    Articles,
    /// Oldest first.
    Date,
    /// By the words just left of the match, nearest first.
    Left,
    /// By the words right of the match.
    Right,
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to `width` characters of context on each side of match `m` of `text`, white space
/// collapsed, keeping the space that separated the match from its neighbours. Reads only as
/// far as the context reaches: a page of thousands of matches once collapsed all the text
/// before and after each one.
fn kwic_sides(text: &str, m: &std::ops::Range<usize>, width: usize) -> (String, String) {
    let mut left = collapsed(text[..m.start].chars().rev(), width);
    left.reverse();
    let right = collapsed(text[m.end..].chars(), width);
    (left.into_iter().collect(), right.into_iter().collect())
}

/// The first `width` characters of `chars` with each run of white space written as one
/// space and a run at the far end dropped: the start of `collapse_ws` of them, with the space
/// before the first word kept when there is one.
fn collapsed(chars: impl Iterator<Item = char>, width: usize) -> Vec<char> {
    let mut out = Vec::with_capacity(width.min(1024));
    let mut space = false;
    for c in chars {
        if out.len() >= width {
            break;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) {
            out.push(' ');
            if out.len() >= width {
                break;
            }
        }
        out.push(c);
    }
    out
}

impl NewsIndex {
    /// A keyword-in-context concordance: one line per match of the query in the titles and
    /// bodies of the matching articles, at most `req.limit` lines, with `width` characters
    /// of context on each side.
    pub fn concordance(&self, req: &SearchRequest, width: usize, sort: KwicSort) -> Result<Vec<KwicLine>> {
        let ast = query::parse(&req.query)?;
        let fields = *self.fields();
        let highlighter = Highlighter::new(&ast);
        let mut lines = Vec::new();
        let mut page_req = req.clone();
        page_req.limit = req.limit.clamp(1, 500);
        page_req.offset = req.offset;
        loop {
            let (total, page) = self.collect(&ast, &page_req, crate::index::KIND_ARTICLE)?;
            let searcher = self.reader().searcher();
            for (_, addr) in &page {
                let mut doc: StoredDoc = searcher.doc(*addr).map_err(self.index_err())?;
                let a = index::from_document_without_quotes(&fields, &mut doc);
                for (field, text) in [("title", &a.title), ("body", &a.body)] {
                    for m in highlighter.matches(
                        if field == "title" {
                            QField::Title
                        } else {
                            QField::Body
                        },
                        text,
                    ) {
                        // Lines past the limit are cut anyway, before they are sorted.
                        if lines.len() >= req.limit {
                            break;
                        }
                        let (left, right) = kwic_sides(text, &m, width);
                        lines.push(KwicLine {
                            id: a.id.clone(),
                            path: a.path.clone(),
                            date: a.date,
                            source: a.source.clone(),
                            field: field.to_string(),
                            left,
                            matched: collapse_ws(&text[m]),
                            right,
                        });
                    }
                }
            }
            page_req.offset += page.len();
            if lines.len() >= req.limit || page.is_empty() || page_req.offset >= total {
                break;
            }
        }
        lines.truncate(req.limit);
        match sort {
            KwicSort::Articles => {}
            KwicSort::Date => {
                lines.sort_by(|a, b| b.date.is_some().cmp(&a.date.is_some()).then(a.date.cmp(&b.date)))
            }
            KwicSort::Left => lines.sort_by_cached_key(|l| {
                l.left
                    .split_whitespace()
                    .rev()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            }),
            KwicSort::Right => lines.sort_by_cached_key(|l| l.right.to_lowercase()),
        }
        Ok(lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concordance_context_is_the_collapsed_text_next_to_the_match() {
        // What the context was before it read only as far as it reaches: the whole text on
        // each side collapsed, the separating space kept, cut to the width.
        fn whole(text: &str, m: &std::ops::Range<usize>, width: usize) -> (String, String) {
            let mut left_all = collapse_ws(&text[..m.start]);
            if text[..m.start].ends_with(char::is_whitespace) && !left_all.is_empty() {
                left_all.push(' ');
            }
            let mut right_all = collapse_ws(&text[m.end..]);
            if text[m.end..].starts_with(char::is_whitespace) && !right_all.is_empty() {
                right_all.insert(0, ' ');
            }
            let n = left_all.chars().count();
            let left = left_all.chars().skip(n.saturating_sub(width)).collect();
            (left, right_all.chars().take(width).collect())
        }
        let text = "  Ünïcode \t words\n\n  spread   out, then   the  match\u{a0} here  and  more \n";
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for (i, &start) in bounds.iter().enumerate() {
            for &end in &bounds[i..] {
                for width in [0, 1, 2, 5, 12, 200] {
                    let m = start..end;
                    assert_eq!(
                        kwic_sides(text, &m, width),
                        whole(text, &m, width),
                        "{m:?} {width}"
                    );
                }
            }
        }
    }
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    fn slices(share: &[Slice]) -> Vec<(usize, u32, u32)> {
        share
            .iter()
            .map(|s| (s.segment, s.docs.start, s.docs.end))
            .collect()
    }

    #[test]
    fn documents_are_cut_into_equal_shares_across_segments() {
        let cut = |sizes: &[u32], parts| -> Vec<Vec<(usize, u32, u32)>> {
            split(sizes, parts).iter().map(|s| slices(s)).collect()
        };
        assert_eq!(
            cut(&[10, 1, 1, 8], 2),
            vec![vec![(0, 0, 10)], vec![(1, 0, 1), (2, 0, 1), (3, 0, 8)]]
        );
        assert_eq!(cut(&[9], 2), vec![vec![(0, 0, 4)], vec![(0, 4, 9)]]);
        assert_eq!(
            cut(&[7, 2], 3),
            vec![vec![(0, 0, 3)], vec![(0, 3, 6)], vec![(0, 6, 7), (1, 0, 2)]]
        );
        assert_eq!(cut(&[0, 3], 1), vec![vec![(1, 0, 3)]]);
        assert_eq!(cut(&[1], 2), vec![vec![], vec![(0, 0, 1)]]);
    }

    /// An index of one text field in segments of `sizes` documents; document `i` of a
    /// segment says "red harbour" when `i` is a multiple of 3, "harbour red" otherwise, then
    /// "red" `i % 5` more times, so scores differ. Documents whose `i` is in `deleted` are
    /// deleted in every segment.
    fn segmented(sizes: &[usize], deleted: &[usize]) -> (Index, tantivy::schema::Field) {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT);
        let id = builder.add_text_field("id", tantivy::schema::STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for &n in sizes {
            for i in 0..n {
                let words = if i % 3 == 0 { "red harbour" } else { "harbour red" };
                let text = format!("{words}{}", " red".repeat(i % 5));
                let mut doc = TantivyDocument::new();
                doc.add_text(body, &text);
                doc.add_text(id, i.to_string());
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        for i in deleted {
            writer.delete_term(Term::from_field_text(id, &i.to_string()));
        }
        writer.commit().unwrap();
        (index, body)
    }

    #[test]
    fn a_query_split_across_threads_finds_what_one_thread_finds() {
        // 0 and 6 match the phrase, 4 does not: 2 fewer matches in the 40, 7 and 25, 1 in
        // the 3.
        let (index, body) = segmented(&[40, 7, 25, 3], &[0, 4, 6]);
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 4);
        let phrase = tantivy::query::PhraseQuery::new(vec![
            Term::from_field_text(body, "red"),
            Term::from_field_text(body, "harbour"),
        ]);
        let top = (Count, TopDocs::with_limit(10).order_by_score());
        let one = searcher.search(&phrase, &top).unwrap();
        assert_eq!(one.0, 14 + 3 + 9 + 1 - (2 + 2 + 2 + 1));
        for threads in 2..=5 {
            let split = search_split(&searcher, &phrase, &top, threads).unwrap();
            assert_eq!(split.0, one.0, "{threads} threads");
            assert_eq!(split.1, one.1, "{threads} threads");
        }
    }

    #[test]
    fn only_a_phrase_over_many_documents_is_worth_splitting() {
        let (index, body) = segmented(&[30, 30], &[]);
        let searcher = index.reader().unwrap().searcher();
        let term = |w: &str| Term::from_field_text(body, w);
        let phrase = tantivy::query::PhraseQuery::new(vec![term("red"), term("harbour")]);
        assert!(worth_splitting(&searcher, &phrase, 60));
        assert!(!worth_splitting(&searcher, &phrase, 61));
        // A single word checks no positions, however common.
        let word =
            tantivy::query::TermQuery::new(term("harbour"), tantivy::schema::IndexRecordOption::WithFreqs);
        assert!(!worth_splitting(&searcher, &word, 1));
    }
}
