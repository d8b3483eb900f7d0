//! `newsdex timeline`: how many articles (or quotes) match per period, flags → request → a
//! renderer.

use std::io::Write;
use std::path::Path;

use newsdex::timeline::Interval;

use crate::Outcome;
use crate::args::{IntervalArg, TimelineArgs, TimelineFormat};
use crate::cmd_search::request;
use crate::render;

pub fn run(index_path: &Path, a: &TimelineArgs) -> anyhow::Result<Outcome> {
    let req = request(a.query.as_deref(), &a.filters)?;
    let by = match a.by {
        IntervalArg::Year => Interval::Year,
        IntervalArg::Month => Interval::Month,
        IntervalArg::Day => Interval::Day,
    };
    let index = crate::cmd_search::open_once(index_path)?;
    let t = index.timeline(&req, by, a.quotes)?;
    crate::cmd_search::note_unknown_speakers(&index, &req, t.total as usize)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format {
        TimelineFormat::Human => {
            render::timeline::human(&mut out, &t)?;
            out.flush()?;
            let what = if a.quotes { "quotes" } else { "articles" };
            match t.undated {
                0 => eprintln!("{} matching {what}", t.total),
                n => eprintln!("{} matching {what}, {n} of them undated", t.total),
            }
        }
        TimelineFormat::Csv => render::timeline::csv(&mut out, &t)?,
        TimelineFormat::Json => {
            serde_json::to_writer(&mut out, &t)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Outcome::exiting(t.total > 0, (t, index)))
}
