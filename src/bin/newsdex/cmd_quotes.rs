//! `newsdex quotes`: what people were quoted saying, flags → request → a renderer.

use std::io::Write;
use std::path::Path;

use crate::Outcome;
use crate::args::{OutputFormat, QuotesArgs};
use crate::cmd_search::{request, sort, use_color};
use crate::render;

pub fn run(index_path: &Path, a: &QuotesArgs) -> anyhow::Result<Outcome> {
    let mut req = request(a.query.as_deref(), &a.filters)?;
    req.limit = a.page.limit;
    req.offset = a.page.offset;
    req.sort = sort(a.page.sort);
    let index = crate::cmd_search::open_once(index_path)?;
    let results = index.search_quotes(&req)?;
    crate::cmd_search::note_unknown_speakers(&index, &req, results.total)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.page.format {
        OutputFormat::Human => {
            render::human::write_quotes(&mut out, &results, req.offset, use_color(a.page.color))?;
            out.flush()?;
            eprintln!("{} matching quotes", results.total);
        }
        OutputFormat::Json => render::json::write_quotes(&mut out, &results, false)?,
        OutputFormat::Jsonl => render::json::write_quotes(&mut out, &results, true)?,
        OutputFormat::Csv => render::csv::write_quotes(&mut out, &results)?,
    }
    out.flush()?;
    Ok(Outcome::exiting(results.total > 0, (results, index)))
}
