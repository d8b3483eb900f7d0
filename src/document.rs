//! The documents an article becomes in the index, read by Tantivy straight from the article.
//!
//! An article is one document, and each of its direct quotes one more (see `kind` in
//! `index-schema/schema.json`). A [`tantivy::schema::TantivyDocument`] holds a copy of every value, and an
//! article's body went into it twice (stored as `body`, searched as `text`); an
//! [`ArticleDoc`] instead lists which part of the article each value is, and Tantivy reads
//! the values from the article, shared by all its documents, while it indexes and stores
//! them. Nothing is copied, and a queue of documents waiting to be indexed holds each article
//! once.

use std::sync::Arc;

use tantivy::schema::Field;
use tantivy::schema::document::{Document, ReferenceValue, ReferenceValueLeaf, Value};

use crate::article::Article;
use crate::schema::Fields;

/// What an article's documents share: the article, its file's key and the numbers and text
/// computed once for all of them.
#[derive(Debug)]
struct Shared {
    article: Article,
    /// The canonical path of the article's file (`file`).
    file: String,
    /// The article's `owner` ([`crate::index::owner`]).
    owner: u64,
    /// The quotes' places, speakers and attributions as stored in `quotes`; `None` when the
    /// article quotes nobody.
    quotes_json: Option<String>,
    /// Where each quote's words lie in `text` ([`crate::span::quote_spans`]).
    spans: Vec<u64>,
}

/// One value of a document: which part of the shared article it is.
#[derive(Debug, Clone, Copy)]
enum Part {
    Id,
    File,
    Path,
    Format,
    Title,
    Subtitle,
    Body,
    Source,
    Url,
    Dateline,
    QuotesJson,
    Author(usize),
    Speaker(usize),
    Topic(usize),
    Place(usize),
    /// The speaker of quote `n`.
    QuoteSpeaker(usize),
    Kind(&'static str),
    Owner,
    Date,
    Edited,
    U64(u64),
}

/// A document of an article (the article itself, or one of its quotes) for Tantivy to index
/// and store: its values in the order they are stored, each read from the article.
#[derive(Debug, Clone)]
pub(crate) struct ArticleDoc {
    shared: Arc<Shared>,
    values: Vec<(Field, Part)>,
}

/// A value as Tantivy reads it: text, a number or a date, borrowed from the article.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Leaf<'a> {
    Str(&'a str),
    U64(u64),
    Date(tantivy::DateTime),
}

impl<'a> Value<'a> for Leaf<'a> {
    type ArrayIter = std::iter::Empty<Self>;
    type ObjectIter = std::iter::Empty<(&'a str, Self)>;

    fn as_value(&self) -> ReferenceValue<'a, Self> {
        ReferenceValue::Leaf(match *self {
            Leaf::Str(s) => ReferenceValueLeaf::Str(s),
            Leaf::U64(n) => ReferenceValueLeaf::U64(n),
            Leaf::Date(d) => ReferenceValueLeaf::Date(d),
        })
    }
}

/// The values of an [`ArticleDoc`], in order.
pub(crate) struct Values<'a> {
    shared: &'a Shared,
    parts: std::slice::Iter<'a, (Field, Part)>,
}

impl<'a> Iterator for Values<'a> {
    type Item = (Field, Leaf<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let &(field, part) = self.parts.next()?;
        let s = self.shared;
        let a = &s.article;
        let text = |t: &'a str| Some(Leaf::Str(t));
        // A part out of range (which the builders below never make) reads as empty text.
        let nth = |v: &'a [String], i: usize| Leaf::Str(v.get(i).map_or("", String::as_str));
        let value = match part {
            Part::Id => text(&a.id),
            Part::File => text(&s.file),
            Part::Path => text(&a.path),
            Part::Format => text(&a.format),
            Part::Title => text(&a.title),
            Part::Subtitle => a.subtitle.as_deref().map(Leaf::Str),
            Part::Body => text(&a.body),
            Part::Source => a.source.as_deref().map(Leaf::Str),
            Part::Url => a.url.as_deref().map(Leaf::Str),
            Part::Dateline => a.dateline.as_deref().map(Leaf::Str),
            Part::QuotesJson => s.quotes_json.as_deref().map(Leaf::Str),
            Part::Author(i) => Some(nth(&a.authors, i)),
            Part::Speaker(i) => Some(nth(&a.speakers, i)),
            Part::Topic(i) => Some(nth(&a.topics, i)),
            Part::Place(i) => Some(nth(&a.places, i)),
            Part::QuoteSpeaker(n) => a.quotes.get(n).and_then(|q| q.speaker.as_deref()).map(Leaf::Str),
            Part::Kind(k) => text(k),
            Part::Owner => Some(Leaf::U64(s.owner)),
            Part::Date => a.date.map(|d| Leaf::Date(crate::index::tantivy_date(d))),
            Part::Edited => a.edited.map(|d| Leaf::Date(crate::index::tantivy_date(d))),
            Part::U64(n) => Some(Leaf::U64(n)),
        };
        Some((field, value.unwrap_or(Leaf::Str(""))))
    }
}

impl Document for ArticleDoc {
    type Value<'a> = Leaf<'a>;
    type FieldsValuesIter<'a> = Values<'a>;

    fn iter_fields_and_values(&self) -> Values<'_> {
        Values {
            shared: &self.shared,
            parts: self.values.iter(),
        }
    }
}

/// The documents of `article` from the file known as `file`: the article's own, then one for
/// each of its quotes, in the order they must be added (a quote is found by its place after
/// its article: see `record` in the schema).
pub(crate) fn documents(f: &Fields, article: Article, file: &str) -> Vec<ArticleDoc> {
    let quotes_json = (!article.quotes.is_empty())
        .then(|| serde_json::to_string(&crate::index::stored_quotes(&article)).ok())
        .flatten();
    let shared = Arc::new(Shared {
        file: file.to_string(),
        owner: crate::index::owner(&article.id),
        quotes_json,
        spans: crate::span::quote_spans(&article),
        article,
    });
    let quote_docs = shared.article.quotes.len();
    #[cfg(feature = "ablation")]
    let quote_docs = if crate::ablation::off().quote_documents {
        0
    } else {
        quote_docs
    };
    let mut docs = Vec::with_capacity(1 + quote_docs);
    docs.push(ArticleDoc {
        values: article_values(f, &shared),
        shared: Arc::clone(&shared),
    });
    for n in 0..quote_docs {
        docs.push(ArticleDoc {
            values: quote_values(f, &shared, n),
            shared: Arc::clone(&shared),
        });
    }
    docs
}

/// The values of an article's own document. Their order is the order of the stored values,
/// and it matters: the fields a search hit shows come first, then `record` (the one stored
/// `u64`, always present), so a hit shown without snippets stops reading there
/// ([`crate::index::StoredHead`]) and never copies the rest, the long texts last of all.
fn article_values(f: &Fields, s: &Shared) -> Vec<(Field, Part)> {
    let a = &s.article;
    let mut v = Vec::with_capacity(20 + a.authors.len() + a.speakers.len() + a.topics.len() + a.places.len());
    v.push((f.file, Part::File));
    // What a hit shows.
    v.push((f.id, Part::Id));
    v.push((f.path, Part::Path));
    v.push((f.title, Part::Title));
    if a.date.is_some() {
        v.push((f.date, Part::Date));
    }
    v.extend((0..a.authors.len()).map(|i| (f.authors, Part::Author(i))));
    if a.source.is_some() {
        v.push((f.source, Part::Source));
    }
    if a.url.is_some() {
        v.push((f.url, Part::Url));
    }
    v.extend((0..a.speakers.len()).map(|i| (f.speakers, Part::Speaker(i))));
    // The end of the head: see above.
    v.push((f.record, Part::U64(a.record)));
    v.push((f.owner, Part::Owner));
    v.push((f.span, Part::U64(crate::span::ARTICLE)));
    v.push((f.kind, Part::Kind(crate::index::KIND_ARTICLE)));
    // No `article`: the id is in `id` and, as a number, in `owner`.
    v.push((f.format, Part::Format));
    if a.edited.is_some() {
        v.push((f.edited, Part::Edited));
    }
    if a.dateline.is_some() {
        v.push((f.dateline, Part::Dateline));
    }
    v.extend((0..a.topics.len()).map(|i| (f.topics, Part::Topic(i))));
    v.extend((0..a.places.len()).map(|i| (f.places, Part::Place(i))));
    if a.subtitle.is_some() {
        v.push((f.subtitle, Part::Subtitle));
    }
    v.push((f.body, Part::Body));
    // The words searched: not stored, so their place among the stored values does not matter.
    v.push((f.text, Part::Title));
    if crate::words::has_dropped_word(&a.title) {
        v.push((f.flags, Part::U64(crate::index::FLAG_TITLE_GAP)));
    }
    if a.subtitle.is_some() {
        v.push((f.text, Part::Subtitle));
    }
    v.push((f.text, Part::Body));
    if s.quotes_json.is_some() {
        v.push((f.quotes, Part::QuotesJson));
    }
    v
}

/// The values of the document of quote `n` (0-based): where its words lie in the article's
/// `text` (`span`), its speaker and the article's date, so quotes can be searched and
/// filtered like articles, and the article's id with the quote's number in it (`record`).
/// The quote itself, its path and title are read from the article's stored document, so
/// they are stored once; its words are indexed once, in the article's `text`.
/// Quote documents are most of an index's documents (39,465 quotes to 26,612 articles in the
/// real corpora); storing each quote a second time, with its path and an id of its own, cost
/// 6 % of a bulk load's CPU and 6 % of the index.
fn quote_values(f: &Fields, s: &Shared, n: usize) -> Vec<(Field, Part)> {
    let mut v = Vec::with_capacity(8);
    v.push((f.file, Part::File));
    v.push((f.kind, Part::Kind(crate::index::KIND_QUOTE)));
    v.push((f.article, Part::Id));
    v.push((f.owner, Part::Owner));
    v.push((f.record, Part::U64(n as u64 + 1)));
    if let Some(&span) = s.spans.get(n) {
        v.push((f.span, Part::U64(span)));
    }
    if s.article.date.is_some() {
        v.push((f.date, Part::Date));
    }
    if let Some(q) = s.article.quotes.get(n)
        && q.source_kind == crate::SourceKind::Person
        && q.speaker.is_some()
    {
        v.push((f.speakers, Part::QuoteSpeaker(n)));
    }
    v
}

/// The same document as Tantivy's own type, every value copied (for tests that write an
/// index with a plain Tantivy writer).
#[cfg(test)]
pub(crate) fn copied(doc: &ArticleDoc) -> tantivy::schema::TantivyDocument {
    doc.clone().into_tantivy_document()
}

/// The one quote of the test articles, whose body starts `"Berth four opens," said Mara
/// Ellison.`
#[cfg(test)]
pub(crate) fn berth_quote() -> crate::Quote {
    crate::Quote {
        text: "Berth four opens,".into(),
        speaker: Some("Mara Ellison".into()),
        source_kind: crate::SourceKind::Person,
        how: crate::Attribution::After,
        start: 1,
        end: 18,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article's documents hold the values a document built by copying held: the same
    /// fields, in the same order, with the same values.
    #[test]
    fn documents_list_the_article_in_stored_order() {
        let f = Fields::new(&crate::schema::build_schema()).expect("fields");
        let body = "\"Berth four opens,\" said Mara Ellison. The harbour board met.".to_string();
        let article = Article {
            id: "00000000000000aa".into(),
            path: "/nowhere/a.txt".into(),
            record: 3,
            format: "text".into(),
            title: "Dock report".into(),
            subtitle: Some("A standfirst".into()),
            authors: vec!["Ana Ruiz".into(), "Tomas Brandt".into()],
            speakers: vec!["Mara Ellison".into()],
            source: Some("Harbour Times".into()),
            quotes: vec![berth_quote()],
            body,
            ..Default::default()
        };
        let docs = documents(&f, article, "/nowhere/a.txt");
        assert_eq!(docs.len(), 2);
        let texts = |d: &ArticleDoc| -> Vec<(Field, String)> {
            d.iter_fields_and_values()
                .map(|(field, v)| {
                    let shown = match v {
                        Leaf::Str(s) => s.to_string(),
                        Leaf::U64(n) => n.to_string(),
                        Leaf::Date(d) => format!("{d:?}"),
                    };
                    (field, shown)
                })
                .collect()
        };
        let a = texts(&docs[0]);
        let fields: Vec<Field> = a.iter().map(|(field, _)| *field).collect();
        assert_eq!(
            fields,
            [
                f.file, f.id, f.path, f.title, f.authors, f.authors, f.source, f.speakers, f.record, f.owner,
                f.span, f.kind, f.format, f.subtitle, f.body, f.text, f.text, f.text, f.quotes
            ]
        );
        assert_eq!(a[5].1, "Tomas Brandt");
        assert_eq!(a[8].1, "3");
        assert_eq!(a[9].1, "170");
        assert_eq!(a[10].1, "0");
        assert_eq!(a[11].1, "article");
        assert_eq!(a[16].1, "A standfirst");
        assert!(a[17].1.ends_with("The harbour board met."));
        assert_eq!(a[18].1, r#"[[1,18,"Mara Ellison","person","after"]]"#);
        let q = texts(&docs[1]);
        assert_eq!(
            q,
            [
                (f.file, "/nowhere/a.txt".to_string()),
                (f.kind, "quote".to_string()),
                (f.article, "00000000000000aa".to_string()),
                (f.owner, "170".to_string()),
                (f.record, "1".to_string()),
                // The headline's 2 words and the free position after them, the
                // standfirst's 2 and another, then the quote's words: the body's first 3.
                (f.span, ((6u64 << 32) | 9).to_string()),
                (f.speakers, "Mara Ellison".to_string()),
            ]
        );
    }
}
