//! `newsdex speakers`: who is quoted saying what a query finds, flags → request → a renderer.

use std::io::Write;
use std::path::Path;

use crate::Outcome;
use crate::args::{SpeakersArgs, SpeakersFormat};
use crate::cmd_search::request;
use crate::render;

pub fn run(index_path: &Path, a: &SpeakersArgs) -> anyhow::Result<Outcome> {
    let req = request(a.query.as_deref(), &a.filters)?.limit(a.limit);
    let index = crate::cmd_search::open_once(index_path)?;
    let who = index.speakers(&req)?;
    crate::cmd_search::note_unknown_speakers(&index, &req, who.quotes as usize)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format {
        SpeakersFormat::Human => {
            render::speakers::human(&mut out, &who)?;
            out.flush()?;
            match who.unattributed {
                0 => eprintln!("{} matching quotes", who.quotes),
                n => eprintln!("{} matching quotes, {n} of them said by no one named", who.quotes),
            }
        }
        SpeakersFormat::Csv => render::speakers::csv(&mut out, &who)?,
        SpeakersFormat::Json => {
            serde_json::to_writer(&mut out, &who)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Outcome::exiting(!who.speakers.is_empty(), (who, index)))
}
