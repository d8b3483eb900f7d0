//! # newsdex
//!
//! Full-text search for news corpora: point it at a directory of articles (plain text, JSON,
//! JSON Lines), and search them by phrase, date and the people quoted, with snippets that
//! highlight the real match.
//!
//! ## Quick start
//!
//! ```
//! use newsdex::{IngestOptions, NewsIndex, SearchRequest};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // A corpus of one article, and an index beside it.
//! let dir = tempfile::tempdir()?;
//! std::fs::create_dir(dir.path().join("corpus"))?;
//! std::fs::write(
//!     dir.path().join("corpus/geneva.txt"),
//!     "Leaders agree to Geneva talks\n\nPublished: June 17, 2013\n\n\
//!      Russian President Vladimir Putin met the press.\n\n\
//!      “The Geneva talks must go ahead,” Putin said.\n",
//! )?;
//!
//! // Index it.
//! let index = NewsIndex::create_or_open(dir.path().join("index"))?;
//! let summary = newsdex::index_paths(&index, &[dir.path().join("corpus")], &IngestOptions::default(), &mut |_| {})?;
//! assert_eq!(summary.articles, 1);
//!
//! // Search: a phrase, said by Putin, in June 2013.
//! let request = SearchRequest::new("\"Geneva talks\"").speaker("putin").since_date("2013-06")?.until_date("2013-06-30")?;
//! let results = index.search(&request)?;
//! assert_eq!(results.total, 1);
//! let hit = &results.hits[0];
//! assert_eq!(hit.speakers, ["Vladimir Putin"]);
//! // Snippets carry byte ranges of the matches; no markup.
//! let body = hit.snippets.iter().find(|s| s.field == "body").unwrap();
//! assert_eq!(&body.text[body.highlights[0].clone()], "Geneva talks");
//! # Ok(())
//! # }
//! ```
//!
//! ## Layout
//! - [`read`]: files → articles, one module per format; [`extract`]: text → dates, bylines,
//!   quotes and speakers. Neither knows about Tantivy.
//! - [`schema`] (from `index-schema/schema.json`), [`index`], [`query`] (with [`prefix`]),
//!   [`snippet`], [`search`], [`timeline`], [`speakers`]: the index and everything that
//!   touches it.
//! - [`ingest`]: the pipeline from directories to index.
//! - [`words`] and [`stem`]: how text becomes the index's words, for indexing, queries and
//!   highlighting alike.

#![warn(missing_docs)]

#[cfg(feature = "ablation")]
mod ablation;
pub mod article;
mod backlog;
mod document;
pub mod error;
pub mod eval;
pub mod extract;
pub mod index;
pub mod ingest;
mod join;
pub mod manifest;
mod phrase;
pub mod prefix;
pub mod query;
pub mod read;
pub mod schema;
pub mod search;
pub mod snippet;
mod span;
pub mod speakers;
pub mod stem;
#[cfg(test)]
mod testing;
pub mod timeline;
pub mod words;

pub use article::{Article, Attribution, Quote, SourceKind};
pub use error::{Error, Result};
pub use index::NewsIndex;
pub use ingest::{IngestOptions, IngestSummary, Progress, index_paths};
pub use query::QueryError;
pub use read::{Format, Problem, read_file};
pub use search::{Hit, KwicLine, KwicSort, QuoteHit, QuoteResults, SearchRequest, SearchResults, Sort};
pub use snippet::Snippet;
