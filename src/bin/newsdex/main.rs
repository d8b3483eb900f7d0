//! The `newsdex` command: a thin layer over the library. Flags are parsed in `args`, turned
//! into library requests here and in the subcommand modules, and results are printed by the
//! renderers. Data goes to stdout, progress and diagnostics to stderr.
//!
//! Exit status follows grep: 0 found, 1 nothing found, 2 error.

mod alloc;
mod args;
mod cmd_eval;
mod cmd_extract;
mod cmd_index;
mod cmd_kwic;
mod cmd_quotes;
mod cmd_search;
mod cmd_speakers;
mod cmd_timeline;
mod render;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// What a subcommand found: decides the exit status.
pub enum Outcome {
    /// Something was found or done.
    Found,
    /// Nothing matched.
    NothingFound,
}

impl Outcome {
    /// The outcome of a query command that has printed its answer, leaving `state` (the open
    /// index, the hits) to the process exit: unmapping the index's files and freeing the hits
    /// one by one is work the exit does anyway, and it was 0.3 ms of a 2.5 ms `newsdex search`.
    pub fn exiting<T>(found: bool, state: T) -> Outcome {
        std::mem::forget(state);
        if found {
            Outcome::Found
        } else {
            Outcome::NothingFound
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Index(a) => cmd_index::run(&cli.index, &a),
        Command::Search(a) => cmd_search::run(&cli.index, &a),
        Command::Quotes(a) => cmd_quotes::run(&cli.index, &a),
        Command::Kwic(a) => cmd_kwic::run(&cli.index, &a),
        Command::Timeline(a) => cmd_timeline::run(&cli.index, &a),
        Command::Speakers(a) => cmd_speakers::run(&cli.index, &a),
        Command::Extract(a) => cmd_extract::run(&a),
        Command::Eval(a) => cmd_eval::run(&a),
        Command::Check(a) => {
            let report = newsdex::index::check(&cli.index);
            let mut out = std::io::stdout().lock();
            if a.json {
                serde_json::to_writer(&mut out, &report)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{}: {} articles, {} quotes in {} segments",
                    cli.index.display(),
                    report.articles,
                    report.quotes,
                    report.segments
                )?;
                if let Some(w) = &report.writer {
                    writeln!(out, "being written by {w}")?;
                }
                for p in &report.problems {
                    writeln!(out, "problem: {p}")?;
                }
                writeln!(out, "{}", if report.ok { "ok" } else { "NOT OK" })?;
            }
            out.flush()?;
            if report.ok {
                Ok(Outcome::Found)
            } else {
                Err(anyhow::anyhow!(
                    "the index at {} has problems",
                    cli.index.display()
                ))
            }
        }
        Command::Schema => {
            let mut out = std::io::stdout().lock();
            out.write_all(newsdex::schema::SCHEMA_JSON.as_bytes())?;
            out.flush()?;
            Ok(Outcome::Found)
        }
    }
}

/// The error and its causes, each cause once: newsdex's own errors already name their cause
/// in their message, and the chain would repeat it.
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let m = cause.to_string();
        if !out.contains(&m) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&m);
        }
    }
    out
}

/// True when the error is a closed pipe (`newsdex search x | head`), which is not a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let kind = c
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                c.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            .or_else(|| match c.downcast_ref::<csv::Error>().map(csv::Error::kind) {
                Some(csv::ErrorKind::Io(io)) => Some(io.kind()),
                _ => None,
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    // A write over the file-size limit (`ulimit -f`) must fail with an error we can report,
    // not kill the process with SIGXFSZ.
    // SAFETY: setting a signal's disposition to "ignore" at start-up, before any thread.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsdex: error: {}", message(&e));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_error_names_each_cause_once() {
        let io = std::io::Error::other("disk on fire");
        let e = anyhow::Error::new(newsdex::Error::Io {
            path: "idx/meta.json".into(),
            source: io,
        })
        .context("cannot open the index");
        assert_eq!(
            super::message(&e),
            "cannot open the index: idx/meta.json: disk on fire"
        );
    }

    /// `.cargo/config.toml` declares SSE3 on x86_64, so that decoding posting lists never
    /// starts Rust's CPU feature detection (a dozen trapped `cpuid`s, 0.15 ms of a search).
    #[test]
    #[cfg(target_arch = "x86_64")]
    #[allow(
        clippy::assertions_on_constants,
        reason = "the constant is the build setting under test"
    )]
    fn sse3_is_known_at_compile_time() {
        assert!(cfg!(target_feature = "sse3"));
    }
}
