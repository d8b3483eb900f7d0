//! `newsdex search`: flags → [`newsdex::SearchRequest`] → a renderer.

use std::io::{IsTerminal, Write};
use std::path::Path;

use newsdex::{NewsIndex, SearchRequest, Sort};

use crate::Outcome;
use crate::args::{ColorChoice, Filters, OutputFormat, SearchArgs, SortArg};
use crate::render;

/// Resolves a query and the shared filters into a library request; bad dates and bad
/// queries fail here, before any work.
pub fn request(query: Option<&str>, f: &Filters) -> anyhow::Result<SearchRequest> {
    let mut r = SearchRequest::new(query.unwrap_or_default());
    if let Some(s) = &f.since {
        r = r.since_date(s)?;
    }
    if let Some(u) = &f.until {
        r = r.until_date(u)?;
    }
    if let (Some(since), Some(until)) = (&f.since, &f.until)
        && r.since > r.until
    {
        anyhow::bail!(
            "--since {since} is after --until {until}, so nothing can match (give the earlier date to --since)"
        );
    }
    r.speakers = f.speaker.clone();
    let ast = newsdex::query::parse(&r.query)?;
    for note in newsdex::query::notes(&ast) {
        eprintln!("newsdex: note: {note}");
    }
    Ok(r)
}

/// The search request of `newsdex search`.
fn search_request(a: &SearchArgs) -> anyhow::Result<SearchRequest> {
    let mut r = request(a.query.as_deref(), &a.filters)?;
    r.limit = a.page.limit;
    r.offset = a.page.offset;
    r.sort = sort(a.page.sort);
    r.fragments = a.fragments;
    r.fragment_size = a.fragment_size.max(20);
    Ok(r)
}

pub fn sort(s: SortArg) -> Sort {
    match s {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Newest => Sort::Newest,
        SortArg::Oldest => Sort::Oldest,
    }
}

pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
    }
}

/// For a search with a speaker filter that found nothing: a note for each speaker whose name
/// no one quoted in the index has, with the closest names that are.
pub fn note_unknown_speakers(index: &NewsIndex, req: &SearchRequest, found: usize) -> anyhow::Result<()> {
    if found > 0 {
        return Ok(());
    }
    for name in &req.speakers {
        match index.speaker_suggestions(name)? {
            Some(close) if close.is_empty() => {
                eprintln!("newsdex: note: no one quoted in the index is named '{name}'")
            }
            Some(close) => eprintln!(
                "newsdex: note: no one quoted in the index is named '{name}'; close: {}",
                close.join(", ")
            ),
            None => {}
        }
    }
    Ok(())
}

/// Opens the index for a command that runs one query and exits: each stored article it
/// shows is read once, so no decompressed block is kept for later
/// ([`NewsIndex::open_with_document_cache`]).
pub fn open_once(index_path: &Path) -> newsdex::Result<NewsIndex> {
    NewsIndex::open_with_document_cache(index_path, 0)
}

pub fn run(index_path: &Path, a: &SearchArgs) -> anyhow::Result<Outcome> {
    // Parsed before opening the index, so a bad query is reported as such even without one.
    let req = search_request(a)?;
    let mut index = open_once(index_path)?;
    if let Some(threads) = a.threads {
        index.set_search_threads(usize::from(threads));
    }
    let results = index.search(&req)?;
    note_unknown_speakers(&index, &req, results.total)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.page.format {
        OutputFormat::Human => {
            render::human::write(&mut out, &results, req.offset, use_color(a.page.color))?;
            out.flush()?;
            let shown = results.hits.len();
            // Formatted first: stderr is unbuffered, and each piece would be a write of its own.
            let line = if shown > 0 {
                format!(
                    "{}-{} of {} matching articles\n",
                    req.offset + 1,
                    req.offset + shown,
                    results.total
                )
            } else {
                format!("{} matching articles\n", results.total)
            };
            // A closed stderr does not make the search fail.
            let _ = std::io::stderr().write_all(line.as_bytes());
        }
        OutputFormat::Json => render::json::write(&mut out, &results)?,
        OutputFormat::Jsonl => render::json::write_lines(&mut out, &results)?,
        OutputFormat::Csv => render::csv::write(&mut out, &results)?,
    }
    out.flush()?;
    Ok(Outcome::exiting(results.total > 0, (results, index)))
}
