//! `newsdex eval`: quote and speaker extraction measured against gold annotations.

use std::io::Write;

use anyhow::Context;
use newsdex::eval::{self, Scores};

use crate::Outcome;
use crate::args::EvalArgs;

fn print(out: &mut dyn Write, name: &str, s: &Scores, json: bool) -> anyhow::Result<()> {
    if json {
        let v = serde_json::json!({
            "data_set": name,
            "articles": s.articles,
            "speaker_precision": s.speaker_precision(),
            "speaker_recall": s.speaker_recall(),
            "quote_precision": s.quote_precision(),
            "quote_recall": s.quote_recall(),
            "attribution_accuracy": s.attribution_accuracy(),
            "counts": s,
        });
        writeln!(out, "{v}")?;
    } else {
        writeln!(out, "{name}: {}", s.summary())?;
    }
    Ok(())
}

pub fn run(a: &EvalArgs) -> anyhow::Result<Outcome> {
    if a.polnear.is_empty() && a.labels.is_empty() {
        anyhow::bail!("nothing to evaluate: give --polnear DIR and/or --labels FILE");
    }
    let mut out = std::io::stdout().lock();
    for dir in &a.polnear {
        let mut report = |line: &str| {
            if a.verbose {
                eprintln!("{line}");
            }
        };
        let s = eval::evaluate_polnear_verbose(dir, &mut report)
            .with_context(|| format!("reading PolNeAR split {}", dir.display()))?;
        print(&mut out, &dir.display().to_string(), &s, a.json)?;
    }
    for file in &a.labels {
        let raw = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let labels: Vec<eval::Label> = serde_json::from_str(&raw)
            .with_context(|| format!("{} is not a list of labels", file.display()))?;
        let root = file.parent().unwrap_or(std::path::Path::new("."));
        let s = eval::evaluate_labels(root, &labels).map_err(anyhow::Error::msg)?;
        print(&mut out, &file.display().to_string(), &s, a.json)?;
    }
    Ok(Outcome::Found)
}
