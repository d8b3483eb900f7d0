//! Articles and quotes: the plain data that readers produce, extractors enrich and the index
//! stores. Nothing here knows about files, formats or Tantivy.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One news article, as read from a file and enriched by extraction.
///
/// Every text field is UTF-8. Times are UTC; a source time without a zone is taken as UTC.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: 16 hex digits of BLAKE3 over the file's canonical path and `record`, so the same
    /// file indexed again yields the same id.
    pub id: String,
    /// The file the article came from, as walked.
    pub path: String,
    /// 1-based number of the article inside its file.
    pub record: u64,
    /// Which reader produced it (`text`, `json`, `jsonl`, `csv`, `tsv`, `reuters-sgml`,
    /// `semeval-xml`, `nitf`, `rss`, `atom`, `html`).
    pub format: String,
    /// The headline.
    pub title: String,
    /// A standfirst restating the headline, kept out of the body.
    pub subtitle: Option<String>,
    /// Publication time, UTC. `None` when the source has none: never invented.
    pub date: Option<DateTime<Utc>>,
    /// Last edit time, UTC, when the source gives one.
    pub edited: Option<DateTime<Utc>>,
    /// Bylines, one per author.
    pub authors: Vec<String>,
    /// The publication or outlet.
    pub source: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// Wire-service dateline (`SALVADOR, Feb 26 -`).
    pub dateline: Option<String>,
    /// Subject codes or keywords the source assigns.
    pub topics: Vec<String>,
    /// Place codes the source assigns.
    pub places: Vec<String>,
    /// Body text: paragraphs separated by one blank line (`"\n\n"`), site chrome removed.
    pub body: String,
    /// People quoted in the article: one canonical (fullest) name per person, in order of
    /// first quote.
    pub speakers: Vec<String>,
    /// Direct quotes found in the body, in order.
    pub quotes: Vec<Quote>,
}

/// A direct quote and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quote marks.
    pub text: String,
    /// Canonical name of the speaker, when attributed to a person.
    pub speaker: Option<String>,
    /// What kind of source the quote is attributed to.
    pub source_kind: SourceKind,
    /// How the attribution was made.
    pub how: Attribution,
    /// Byte offset of the quote's first character in [`Article::body`].
    pub start: usize,
    /// Byte offset just past the quote's last character in [`Article::body`].
    pub end: usize,
}

impl Quote {
    /// The words of a quote that spans `start..end` of `body` (between its marks): that
    /// stretch of the body without its outer whitespace, or `None` when it is not a stretch
    /// of `body`. Extraction takes a quote's [`Quote::text`] this way, and the index rebuilds
    /// it this way from the body and the offsets, which is all it stores of a quote's words.
    pub(crate) fn words_in(body: &str, start: usize, end: usize) -> Option<&str> {
        body.get(start..end).map(str::trim)
    }
}

/// The kind of source a quote is attributed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A named person: [`Quote::speaker`] holds the name.
    Person,
    /// An organisation (`the White House said`): [`Quote::speaker`] holds its name.
    Organisation,
    /// An unnamed source (`a spokesman said`).
    Unnamed,
    /// No attribution was found.
    Unknown,
}

/// How a quote's speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// A name and reporting verb after the quote (`“…,” Putin said`, `“…,” said Mr Blair`).
    After,
    /// A name and reporting verb before the quote (`Obama said: “…”`).
    Before,
    /// `according to NAME` after the quote.
    AccordingTo,
    /// A pronoun (`he said`) resolved to the last person quoted or named.
    Pronoun,
    /// A quote-only paragraph continuing the previous paragraph's speaker.
    Continuation,
    /// Another quote in the same sentence or paragraph carries the attribution.
    SameSentence,
    /// A partial quote inside a sentence, given to the person the sentence names before a
    /// verb of saying (`Trump said the system was “rigged”`).
    Subject,
    /// A partial quote the sentence's subject used to characterise something (`Clinton
    /// called the plan “reckless”`).
    Characterised,
    /// A quote opening its sentence, given to the person the sentence before reports
    /// (`Schiff said. “The other factor …”`).
    PreviousSentence,
    /// Not attributed.
    None,
}
