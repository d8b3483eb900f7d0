//! `newsdex kwic`: a keyword-in-context concordance, flags → request → a renderer.

use std::io::Write;
use std::path::Path;

use newsdex::KwicSort;

use crate::Outcome;
use crate::args::{KwicArgs, KwicFormat, KwicSortArg};
use crate::cmd_search::{request, use_color};
use crate::render;

pub fn run(index_path: &Path, a: &KwicArgs) -> anyhow::Result<Outcome> {
    let mut req = request(Some(&a.query), &a.filters)?;
    req.limit = a.limit;
    let sort = match a.sort {
        KwicSortArg::Relevance => KwicSort::Articles,
        KwicSortArg::Date => KwicSort::Date,
        KwicSortArg::Left => KwicSort::Left,
        KwicSortArg::Right => KwicSort::Right,
    };
    let index = crate::cmd_search::open_once(index_path)?;
    let lines = index.concordance(&req, a.width.clamp(5, 500), sort)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format {
        KwicFormat::Human => {
            render::kwic::human(&mut out, &lines, a.width.clamp(5, 500), use_color(a.color))?
        }
        KwicFormat::Csv => render::kwic::table(&mut out, &lines, b',')?,
        KwicFormat::Tsv => render::kwic::table(&mut out, &lines, b'\t')?,
        KwicFormat::Json => render::kwic::json(&mut out, &lines)?,
    }
    out.flush()?;
    Ok(Outcome::exiting(!lines.is_empty(), (lines, index)))
}
