//! CSV and TSV exports with a header row.
//!
//! Column names are matched like JSON keys (see [`super::json::FIELDS`]): the widely used
//! `id,title,publication,author,date,year,month,url,content` layout reads as it is. Quoted
//! fields may span lines. A row is reported by its record number (the header is not counted)
//! and the line it starts on.

use serde_json::{Map, Value};

use super::Parsed;

/// Reads every row of a table as an article.
pub fn records(text: &str, delimiter: u8) -> Vec<(Option<u64>, Parsed)> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .quoting(delimiter == b',')
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_string())
            .collect(),
        Err(e) => return vec![(None, Err(format!("cannot read the header row: {e}")))],
    };
    let mut out = Vec::new();
    for (i, row) in rdr.records().enumerate() {
        let n = i as u64 + 1;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                out.push((Some(n), Err(format!("malformed row: {e}"))));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line());
        if row.len() != headers.len() {
            out.push((
                Some(n),
                Err(format!(
                    "row at line {line} has {} fields, the header has {}",
                    row.len(),
                    headers.len()
                )),
            ));
            continue;
        }
        let mut obj = Map::new();
        for (h, v) in headers.iter().zip(row.iter()) {
            if !v.trim().is_empty() {
                obj.insert(h.clone(), Value::String(v.to_string()));
            }
        }
        out.push((Some(n), super::json::record(&Value::Object(obj))));
    }
    out
}
