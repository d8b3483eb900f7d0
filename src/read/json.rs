//! JSON and JSON Lines article dumps.
//!
//! A `.json` file holds one article object, an array of them, or an object wrapping the array
//! under `articles`, `items`, `data`, `results` or `docs`. A `.jsonl` / `.ndjson` file holds
//! one object per line; a malformed line is reported by its number and the rest are read.
//! Field names are matched ignoring case, `_` and `-`, against the aliases news dumps use
//! (see [`FIELDS`]). CSV and TSV rows are read through the same mapping.

use serde_json::{Map, Value};

use crate::article::Article;
use crate::extract::date;

/// Which JSON keys fill which article field, after lower-casing and removing `_` and `-`.
pub const FIELDS: &[(&str, &[&str])] = &[
    ("title", &["title", "headline", "name"]),
    (
        "subtitle",
        &[
            "subtitle",
            "standfirst",
            "dek",
            "subheadline",
            "description",
            "summary",
        ],
    ),
    (
        "date",
        &[
            "date",
            "published",
            "publishdate",
            "datepublish",
            "publishedat",
            "pubdate",
            "datepublished",
            "publicationdate",
            "publishedtime",
            "created",
            "createdat",
            "timestamp",
            "time",
        ],
    ),
    (
        "edited",
        &[
            "edited",
            "modified",
            "datemodified",
            "updated",
            "updatedat",
            "lastmodified",
            "datemodify",
        ],
    ),
    (
        "body",
        &[
            "body",
            "text",
            "content",
            "maintext",
            "article",
            "articlebody",
            "bodyparagraphs",
            "fulltext",
        ],
    ),
    (
        "authors",
        &["authors", "author", "byline", "bylines", "creator", "writer"],
    ),
    ("url", &["url", "link", "href", "permalink"]),
    (
        "source",
        &[
            "source",
            "publication",
            "outlet",
            "sourcedomain",
            "publisher",
            "site",
            "sitename",
        ],
    ),
    (
        "topics",
        &["topics", "keywords", "tags", "categories", "category", "section"],
    ),
];

fn norm(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The non-null fields of a record, each key normalised once ([`norm`]): a record is asked
/// for ten fields under several aliases each, and normalising every key for every alias
/// asked (an allocation each time) was 4 % of the instructions of a load of the real corpora.
struct Keys<'a>(Vec<(String, &'a str, &'a Value)>);

impl<'a> Keys<'a> {
    fn of(obj: &'a Map<String, Value>) -> Keys<'a> {
        Keys(
            obj.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (norm(k), k.as_str(), v))
                .collect(),
        )
    }

    /// The first key (in the record's order) that is an alias of `field`, trying the
    /// aliases in their order.
    fn lookup(&self, field: &str) -> Option<(&'a str, &'a Value)> {
        let aliases = FIELDS.iter().find(|(f, _)| *f == field)?.1;
        aliases.iter().find_map(|alias| {
            self.0
                .iter()
                .find(|(n, _, _)| n == alias)
                .map(|&(_, k, v)| (k, v))
        })
    }
}

/// Flattens a value to text: strings as is, arrays of strings (or of arrays: paragraphs of
/// sentences) joined, objects by their `name` or `text`.
fn text_of(v: &Value, sep: &str) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|i| text_of(i, " "))
                .filter(|s| !s.is_empty())
                .collect();
            Some(parts.join(sep))
        }
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("text"))
            .and_then(|x| text_of(x, sep)),
        _ => None,
    }
}

fn list_of(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items
            .iter()
            .filter_map(|i| text_of(i, " "))
            .filter(|s| !s.is_empty())
            .collect(),
        other => match text_of(other, " ") {
            Some(s) => crate::extract::chrome::byline(&format!("By {}", s.trim_start_matches("By ")))
                .unwrap_or_else(|| if s.is_empty() { vec![] } else { vec![s] }),
            None => vec![],
        },
    }
}

fn date_of(v: &Value) -> Option<chrono::DateTime<chrono::Utc>> {
    match v {
        Value::Number(n) => date::from_epoch(n.as_i64()?),
        Value::String(s) => date::parse_date(s),
        Value::Object(o) => o.get("$date").and_then(date_of),
        _ => None,
    }
}

/// Turns one JSON value into an article, with warnings about fields that could not be used,
/// or the reason it is not an article.
pub fn record(v: &Value) -> Result<(Article, Vec<String>), String> {
    let Value::Object(obj) = v else {
        return Err(format!("expected a JSON object, found {}", kind(v)));
    };
    let mut warnings = Vec::new();
    let mut a = Article::default();
    let keys = Keys::of(obj);
    let lookup = |field: &str| keys.lookup(field);
    if let Some((_, v)) = lookup("title") {
        a.title = text_of(v, " ").unwrap_or_default();
    }
    if let Some((_, v)) = lookup("body") {
        a.body = text_of(v, "\n\n").unwrap_or_default();
    }
    if a.title.is_empty() && a.body.is_empty() {
        let keys: Vec<&str> = obj.keys().map(String::as_str).take(12).collect();
        return Err(format!("no title or body field (fields: {})", keys.join(", ")));
    }
    a.subtitle = lookup("subtitle")
        .and_then(|(_, v)| text_of(v, " "))
        .filter(|s| !s.is_empty());
    for (field, slot) in [("date", &mut a.date), ("edited", &mut a.edited)] {
        if let Some((key, v)) = lookup(field) {
            *slot = date_of(v);
            if slot.is_none() {
                warnings.push(format!(
                    "field {key:?}: date {v} not understood; indexed without it"
                ));
            }
        }
    }
    a.authors = lookup("authors").map(|(_, v)| list_of(v)).unwrap_or_default();
    a.url = lookup("url")
        .and_then(|(_, v)| text_of(v, " "))
        .filter(|s| !s.is_empty());
    a.source = lookup("source")
        .and_then(|(_, v)| text_of(v, " "))
        .filter(|s| !s.is_empty());
    if let Some((_, v)) = lookup("topics") {
        a.topics = list_of_plain(v);
    }
    Ok((a, warnings))
}

fn list_of_plain(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items
            .iter()
            .filter_map(|i| text_of(i, " "))
            .filter(|s| !s.is_empty())
            .collect(),
        other => text_of(other, " ")
            .map(|s| {
                s.split([',', ';'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The records of a whole `.json` document, or `Err` with the parse error.
pub fn document(text: &str) -> Result<Vec<Value>, serde_json::Error> {
    let v: Value = serde_json::from_str(text)?;
    Ok(match v {
        Value::Array(items) => items,
        Value::Object(mut o) => {
            let wrapped = ["articles", "items", "data", "results", "docs"]
                .into_iter()
                .find(|k| o.get(*k).is_some_and(Value::is_array));
            match wrapped.and_then(|k| o.remove(k)) {
                Some(Value::Array(items)) if !o.contains_key("title") => items,
                Some(other) => {
                    o.insert(wrapped.unwrap_or_default().to_string(), other);
                    vec![Value::Object(o)]
                }
                None => vec![Value::Object(o)],
            }
        }
        other => vec![other],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_by_alias_in_alias_order_whatever_the_key_spelling() {
        let v: Value = serde_json::from_str(
            r#"{"Name": "a name", "HEAD_LINE": "the headline", "title": null,
                "Article-Body": "words", "Pub_Date": "2016-03-11", "Author": ["Ana Ruiz"]}"#,
        )
        .unwrap();
        let (a, warnings) = record(&v).unwrap();
        // `title` is null, so `headline` (the next alias) wins over `name`, however written.
        assert_eq!(a.title, "the headline");
        assert_eq!(a.body, "words");
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2016-03-11T00:00:00+00:00")
        );
        assert_eq!(a.authors, ["Ana Ruiz"]);
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
