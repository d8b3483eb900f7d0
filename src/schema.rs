//! The index's fields, built from `index-schema/schema.json`, the one place they are declared.
//!
//! The JSON file is compiled into the binary, so the code and the published schema cannot
//! drift apart. This module also registers the analyzers the file names. It knows nothing of
//! files, readers or searching.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::{RawTokenizer, TextAnalyzer};

use crate::words::Words;

/// The schema file, verbatim, as `newsdex schema` prints it.
pub const SCHEMA_JSON: &str = include_str!("../index-schema/schema.json");

/// Analyzer that keeps the whole value as one token.
pub const RAW: &str = "raw";
/// Analyzer for prose: lower-cased, ASCII-folded, English-stemmed words.
pub const STEMMED: &str = "stemmed";
/// Analyzer for names: lower-cased, ASCII-folded words, no stemming.
pub const NAME: &str = "name";
/// Analyzer for `exact:` matching of prose: as [`NAME`].
pub const EXACT: &str = "exact";

/// The parsed schema file.
#[derive(Debug, Deserialize)]
pub struct SchemaSpec {
    /// Always `newsdex`.
    pub name: String,
    /// Bumped whenever a field changes; recorded in every index.
    pub version: u32,
    /// What the file is.
    pub about: String,
    /// Analyzer name → what it does.
    pub analyzers: BTreeMap<String, String>,
    /// The fields, in order.
    pub fields: Vec<FieldSpec>,
}

/// One field of the schema file.
#[derive(Debug, Deserialize)]
pub struct FieldSpec {
    /// Field name in the index and in queries.
    pub name: String,
    /// Value type.
    #[serde(rename = "type")]
    pub kind: FieldKind,
    /// Kept in the document store, so search results can show it.
    pub stored: bool,
    /// Searchable.
    pub indexed: bool,
    /// Analyzer for text fields.
    pub analyzer: Option<String>,
    /// Word positions recorded, so phrase queries work.
    pub positions: bool,
    /// Column-oriented copy for sorting and range filters.
    pub fast: bool,
    /// May hold several values.
    pub multi: bool,
    /// What the field holds.
    pub doc: String,
}

/// Value types a field may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// UTF-8 text.
    Text,
    /// Unsigned integer.
    U64,
    /// Instant in UTC, second precision.
    Date,
    /// Text holding a JSON document, stored only.
    JsonText,
}

/// The parsed schema file. Panics only if the compiled-in file is malformed, which the test
/// suite rules out.
pub fn spec() -> &'static SchemaSpec {
    static SPEC: OnceLock<SchemaSpec> = OnceLock::new();
    SPEC.get_or_init(|| {
        serde_json::from_str(SCHEMA_JSON).expect("index-schema/schema.json is valid (tested)")
    })
}

/// The schema version this build writes and accepts.
pub fn version() -> u32 {
    spec().version
}

/// Builds the Tantivy schema from the schema file.
pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    for f in &spec().fields {
        match f.kind {
            FieldKind::Text | FieldKind::JsonText => {
                let mut opts = TextOptions::default();
                if f.stored {
                    opts = opts.set_stored();
                }
                if f.indexed {
                    let record = if f.positions {
                        IndexRecordOption::WithFreqsAndPositions
                    } else {
                        IndexRecordOption::Basic
                    };
                    let analyzer = f.analyzer.as_deref().unwrap_or(RAW);
                    opts = opts.set_indexing_options(
                        TextFieldIndexing::default()
                            .set_tokenizer(analyzer)
                            .set_index_option(record),
                    );
                }
                builder.add_text_field(&f.name, opts);
            }
            FieldKind::U64 => {
                let mut opts = NumericOptions::default();
                if f.stored {
                    opts = opts.set_stored();
                }
                if f.indexed {
                    opts = opts.set_indexed();
                }
                if f.fast {
                    opts = opts.set_fast();
                }
                builder.add_u64_field(&f.name, opts);
            }
            FieldKind::Date => {
                let mut opts = DateOptions::default().set_precision(DateTimePrecision::Seconds);
                if f.stored {
                    opts = opts.set_stored();
                }
                if f.indexed {
                    opts = opts.set_indexed();
                }
                if f.fast {
                    opts = opts.set_fast();
                }
                builder.add_date_field(&f.name, opts);
            }
        }
    }
    builder.build()
}

/// Builds the analyzer of the given name, or `None` for a name the schema does not define.
pub fn analyzer(name: &str) -> Option<TextAnalyzer> {
    Some(match name {
        RAW => TextAnalyzer::builder(RawTokenizer::default()).build(),
        // Tantivy's SimpleTokenizer, RemoveLongFilter(64), LowerCaser, AsciiFoldingFilter
        // (and the English stemmer), in one pass: see `crate::words`.
        STEMMED => TextAnalyzer::from(Words::new(true)),
        NAME | EXACT => TextAnalyzer::from(Words::new(false)),
        _ => return None,
    })
}

/// Registers every analyzer the schema names with an index.
pub fn register_analyzers(index: &tantivy::Index) {
    for name in [RAW, STEMMED, NAME, EXACT] {
        if let Some(a) = analyzer(name) {
            index.tokenizers().register(name, a);
        }
    }
}

/// Handles to every field, resolved once from a schema.
///
/// [`Fields::for_quotes`] gives the same handles for a quote search, so one query builder
/// serves article and quote searches.
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)] // each field is documented in index-schema/schema.json
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub article: Field,
    pub owner: Field,
    pub path: Field,
    pub file: Field,
    pub record: Field,
    pub format: Field,
    pub title: Field,
    pub subtitle: Field,
    pub body: Field,
    pub text: Field,
    pub date: Field,
    pub edited: Field,
    pub authors: Field,
    pub source: Field,
    pub url: Field,
    pub speakers: Field,
    pub dateline: Field,
    pub topics: Field,
    pub places: Field,
    pub quotes: Field,
    pub span: Field,
    pub flags: Field,
    /// Set by [`Fields::for_quotes`]: words of the title, subtitle or body are looked for in
    /// `text` within each quote's `span`, and the documents found are the quotes.
    pub in_quotes: bool,
}

impl Fields {
    /// The handles a quote search uses: words meant for the title, subtitle or body look in
    /// the quote's own words, which are the article's words (`text`) within the quote's
    /// `span`.
    pub fn for_quotes(&self) -> Fields {
        Fields {
            title: self.text,
            subtitle: self.text,
            body: self.text,
            in_quotes: true,
            ..*self
        }
    }

    /// Resolves the field handles; fails if the schema lacks one (an index from another
    /// schema version).
    pub fn new(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            kind: f("kind")?,
            article: f("article")?,
            owner: f("owner")?,
            path: f("path")?,
            file: f("file")?,
            record: f("record")?,
            format: f("format")?,
            title: f("title")?,
            subtitle: f("subtitle")?,
            body: f("body")?,
            text: f("text")?,
            date: f("date")?,
            edited: f("edited")?,
            authors: f("authors")?,
            source: f("source")?,
            url: f("url")?,
            speakers: f("speakers")?,
            dateline: f("dateline")?,
            topics: f("topics")?,
            places: f("places")?,
            quotes: f("quotes")?,
            span: f("span")?,
            flags: f("flags")?,
            in_quotes: false,
        })
    }
}
