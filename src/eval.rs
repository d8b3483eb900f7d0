//! Measuring quote and speaker extraction against gold annotations.
//!
//! Two gold sources are read:
//!
//! - **PolNeAR** (`polnear/data/<split>/{text,attributions}`): brat standoff `.ann` files with
//!   Source / Cue / Content spans in Unicode code points. A gold *direct quote* is each quoted
//!   stretch (between quote marks) inside an attribution's Content. Its gold speaker comes from
//!   the attribution's Source span, mapped as follows: a span holding a capitalised name of a
//!   person is that person, expanded to the fullest form the article uses; a personal pronoun
//!   (`he`, `she`, `I` …) is the person named by the nearest earlier Source of the same
//!   article whose gender does not contradict the pronoun's (`she` is never a `Mr` or a
//!   `John`), or failing that the nearest earlier full name of matching gender in the text; a span naming an organisation (`the
//!   White House`, `The New York Post`) or an unnamed source (`sources`, `a spokesman`, `the
//!   campaign`) is not a person. Quotes whose source maps to no person count for quote
//!   detection but not for speaker sets or attribution accuracy. Where an article has several
//!   annotators, the first `.ann` file (by name) is used.
//! - **A labelled list of our own** (JSON: `[{"path", "record", "speakers": [...]}]`), for the
//!   sample corpus.
//!
//! Measures: speaker-set precision and recall (micro-averaged over articles; a predicted
//! surname alone counts when it names exactly one gold person), quote detection precision and
//! recall (a predicted and a gold quote match when they overlap by at least half of the shorter),
//! and attribution accuracy (matched quotes with a person as gold speaker whose predicted
//! speaker is that person).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::extract::names::{self, Named};
use crate::extract::quotes::extract_quotes;

/// Counts behind the measures, summed over a data set.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Scores {
    /// Articles evaluated.
    pub articles: usize,
    /// Predicted speakers that are gold speakers.
    pub speaker_tp: usize,
    /// Predicted speakers.
    pub speaker_predicted: usize,
    /// Gold speakers.
    pub speaker_gold: usize,
    /// Predicted quotes that match a gold quote.
    pub quote_tp: usize,
    /// Predicted quotes.
    pub quote_predicted: usize,
    /// Gold quotes.
    pub quote_gold: usize,
    /// Matched quotes with a person as gold speaker.
    pub attribution_total: usize,
    /// Of those, attributed to that person.
    pub attribution_correct: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

impl Scores {
    /// Speaker-set precision.
    pub fn speaker_precision(&self) -> f64 {
        ratio(self.speaker_tp, self.speaker_predicted)
    }
    /// Speaker-set recall.
    pub fn speaker_recall(&self) -> f64 {
        ratio(self.speaker_tp, self.speaker_gold)
    }
    /// Quote detection precision.
    pub fn quote_precision(&self) -> f64 {
        ratio(self.quote_tp, self.quote_predicted)
    }
    /// Quote detection recall.
    pub fn quote_recall(&self) -> f64 {
        ratio(self.quote_tp, self.quote_gold)
    }
    /// Quote-level attribution accuracy.
    pub fn attribution_accuracy(&self) -> f64 {
        ratio(self.attribution_correct, self.attribution_total)
    }

    /// One line of figures (speaker sets only, when there are no gold quotes).
    pub fn summary(&self) -> String {
        if self.quote_gold == 0 && self.quote_predicted == 0 {
            return format!(
                "articles {}  speakers P {:.3} R {:.3}",
                self.articles,
                self.speaker_precision(),
                self.speaker_recall()
            );
        }
        format!(
            "articles {}  speakers P {:.3} R {:.3}  quotes P {:.3} R {:.3}  attribution {:.3} ({} quotes)",
            self.articles,
            self.speaker_precision(),
            self.speaker_recall(),
            self.quote_precision(),
            self.quote_recall(),
            self.attribution_accuracy(),
            self.attribution_total
        )
    }
}

/// Lower-cased, accents folded to ASCII, spaces normalised: how names are compared.
pub fn fold(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            '’' => '\'',
            c => c,
        };
        out.extend(c.to_lowercase());
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when predicted `p` names gold `g`: the same name, or `p` is a surname matching
/// exactly one gold person.
fn same_person(p: &str, g: &str, gold: &[String]) -> bool {
    let (p, g) = (fold(p), fold(g));
    if p == g {
        return true;
    }
    let last = |s: &str| s.rsplit(' ').next().unwrap_or("").to_string();
    if !p.contains(' ') {
        let matching = gold.iter().filter(|x| last(&fold(x)) == p).count();
        return matching == 1 && last(&g) == p;
    }
    // "Hillary Rodham Clinton" and "Hillary Clinton": same first and last name.
    let first = |s: &str| s.split(' ').next().unwrap_or("").to_string();
    first(&p) == first(&g) && last(&p) == last(&g)
}

/// Adds one article's comparison to `scores`.
pub fn score_speakers(scores: &mut Scores, predicted: &[String], gold: &[String]) {
    scores.articles += 1;
    scores.speaker_predicted += predicted.len();
    scores.speaker_gold += gold.len();
    let mut used = vec![false; gold.len()];
    for p in predicted {
        if let Some(i) = (0..gold.len()).find(|&i| !used[i] && same_person(p, &gold[i], gold)) {
            used[i] = true;
            scores.speaker_tp += 1;
        }
    }
}

/// A gold quote: byte range into the text and the person who said it, if a person.
#[derive(Debug, Clone)]
pub struct GoldQuote {
    /// Byte range of the quoted words.
    pub span: std::ops::Range<usize>,
    /// The speaker, when the source is a named person.
    pub speaker: Option<String>,
}

fn overlap(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    let common = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let shorter = (a.end - a.start).min(b.end - b.start).max(1);
    common * 2 >= shorter
}

/// Scores extraction on one text against its gold quotes.
pub fn score_text(scores: &mut Scores, text: &str, gold: &[GoldQuote]) {
    score_text_verbose(scores, text, gold, &mut |_| {});
}

/// Like [`score_text`], reporting each disagreement as a line of text.
pub fn score_text_verbose(
    scores: &mut Scores,
    text: &str,
    gold: &[GoldQuote],
    report: &mut dyn FnMut(String),
) {
    let found = extract_quotes(text);
    let mut gold_speakers: Vec<String> = Vec::new();
    for g in gold {
        if let Some(s) = &g.speaker
            && !gold_speakers.iter().any(|x| fold(x) == fold(s))
        {
            gold_speakers.push(s.clone());
        }
    }
    score_speakers(scores, &found.speakers, &gold_speakers);
    for p in &found.speakers {
        if !gold_speakers.iter().any(|g| same_person(p, g, &gold_speakers)) {
            report(format!("extra speaker {p:?} (gold: {gold_speakers:?})"));
        }
    }
    for g in &gold_speakers {
        if !found.speakers.iter().any(|p| same_person(p, g, &gold_speakers)) {
            report(format!("missed speaker {g:?} (found: {:?})", found.speakers));
        }
    }
    scores.quote_predicted += found.quotes.len();
    scores.quote_gold += gold.len();
    let mut used = vec![false; gold.len()];
    for q in &found.quotes {
        let span = q.start..q.end;
        let Some(i) = (0..gold.len()).find(|&i| !used[i] && overlap(&span, &gold[i].span)) else {
            continue;
        };
        used[i] = true;
        scores.quote_tp += 1;
        if let Some(g) = &gold[i].speaker {
            scores.attribution_total += 1;
            let ok = q
                .speaker
                .as_deref()
                .is_some_and(|p| same_person(p, g, &gold_speakers));
            report(format!("HOW {:?} {}", q.how, ok));
            if q.speaker
                .as_deref()
                .is_some_and(|p| same_person(p, g, &gold_speakers))
            {
                scores.attribution_correct += 1;
            } else {
                let ctx_start = crate::snippet::floor_char(text, q.start.saturating_sub(120));
                let ctx_end = crate::snippet::floor_char(text, (q.end + 120).min(text.len()));
                report(format!(
                    "quote attributed to {:?} ({:?}), gold {g:?}: …{}…",
                    q.speaker,
                    q.how,
                    text[ctx_start..ctx_end].replace('\n', " ")
                ));
            }
        }
    }
}

/// Code-point offsets → byte offsets of `text`.
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

#[derive(Debug)]
struct Span {
    kind: String,
    ranges: Vec<std::ops::Range<usize>>,
}

/// Parses a brat `.ann` file: text-bound spans (code points) and events' role → span ids.
fn parse_ann(ann: &str) -> (BTreeMap<String, Span>, Vec<BTreeMap<String, String>>) {
    let mut spans = BTreeMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(id), Some(body)) = (parts.next(), parts.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let mut words = body.splitn(2, ' ');
            let kind = words.next().unwrap_or("").to_string();
            let ranges = words
                .next()
                .unwrap_or("")
                .split(';')
                .filter_map(|r| {
                    let mut it = r.split_whitespace().map(|n| n.parse::<usize>().ok());
                    match (it.next().flatten(), it.next().flatten()) {
                        (Some(a), Some(b)) if a <= b => Some(a..b),
                        _ => None,
                    }
                })
                .collect();
            spans.insert(id.to_string(), Span { kind, ranges });
        } else if id.starts_with('E') {
            let roles = body
                .split_whitespace()
                .filter_map(|r| r.split_once(':'))
                .map(|(role, t)| (role.to_string(), t.to_string()))
                .collect();
            events.push(roles);
        }
    }
    (spans, events)
}

const PRONOUNS: &[&str] = &["he", "she", "i", "him", "her", "we", "they", "his", "it", "you"];

/// Maps a Source span's text to a person (fullest name in the article), or `None`: the first
/// capitalised run that is not a modifier of a following noun and that reads as a person's name, with evidence in the article when it is a
/// single word (a longer form, or a title or honorific before it somewhere).
fn source_person(text: &str, src: &str, mentions: &[names::Mention]) -> Option<String> {
    let ws = names::words(src);
    // A name followed by a lower-case noun modifies it ("Clinton campaign manager Robby
    // Mook", "Retired neurosurgeon Ben Carson"): the head is the next name.
    let runs = names::capitalised_runs(src, &ws);
    let modifier = |r: &std::ops::Range<usize>| {
        ws.get(r.end).is_some_and(|next| {
            names::only_spaces(&src[ws[r.end - 1].end..next.start])
                && src[next.start..next.end].starts_with(char::is_lowercase)
                && !matches!(&src[next.start..next.end], "and" | "of" | "who" | "said" | "says")
        })
    };
    let heads: Vec<_> = runs.iter().filter(|r| !modifier(r)).cloned().collect();
    for run in if heads.is_empty() { runs } else { heads } {
        let article =
            run.start > 0 && src[ws[run.start - 1].start..ws[run.start - 1].end].eq_ignore_ascii_case("the");
        if let Some(Named::Person { name, titles, gender }) = names::classify(src, &ws[run.clone()], article)
        {
            let (full, _) = names::fullest(&names::strip_common_lead(text, &name), mentions);
            if full.contains(' ')
                || !titles.is_empty()
                || gender.is_some()
                || names::person_evidence(&full, mentions)
            {
                return Some(full);
            }
        }
    }
    None
}

/// A mention's gender: from its honorific, else its first name.
fn person_gender(m: &names::Mention) -> Option<names::Gender> {
    m.gender.or_else(|| {
        (m.words.len() > 1)
            .then(|| names::gender_of_word(&m.words[0]))
            .flatten()
    })
}

/// Reads PolNeAR gold for one text: every quoted stretch inside an attribution's Content.
pub fn polnear_gold(text: &str, ann: &str) -> Vec<GoldQuote> {
    let bytes = byte_offsets(text);
    let b = |cp: usize| bytes[cp.min(bytes.len() - 1)];
    let (spans, events) = parse_ann(ann);
    let mentions = names::mentions(text);
    // Sources in text order, mapped to persons; pronouns take the nearest earlier person.
    let mut attributions: Vec<(usize, Option<String>, Vec<std::ops::Range<usize>>)> = Vec::new();
    for e in &events {
        let Some(content) = e.get("Content").and_then(|id| spans.get(id)) else {
            continue;
        };
        let content_ranges: Vec<_> = content.ranges.iter().map(|r| b(r.start)..b(r.end)).collect();
        let source = e
            .get("Source")
            .and_then(|id| spans.get(id))
            .filter(|s| s.kind == "Source");
        // Annotators now and then swapped the roles (`Source: said`, `Cue: Hester`): a
        // lower-case one-word Source beside a capitalised Cue is read the other way round.
        let cue = e
            .get("Cue")
            .and_then(|id| spans.get(id))
            .and_then(|c| c.ranges.first());
        let swapped = |r: &Span| {
            let src = r.ranges.first().map_or("", |r| text[b(r.start)..b(r.end)].trim());
            let cue_text = cue.map_or("", |c| text[b(c.start)..b(c.end)].trim());
            !src.contains(' ')
                && src.starts_with(char::is_lowercase)
                && !PRONOUNS.contains(&src)
                && names::is_capitalised(cue_text)
        };
        let source_range = match source {
            Some(s) if swapped(s) => cue,
            Some(s) => s.ranges.first(),
            None => None,
        };
        let (at, person) = match source_range {
            Some(r) => {
                let src = &text[b(r.start)..b(r.end)];
                let lower = src.trim().to_lowercase();
                if PRONOUNS.contains(&lower.as_str()) {
                    // Resolved below; the pronoun is kept to match its gender.
                    (b(r.start), Some(format!("\0{lower}")))
                } else {
                    (b(r.start), source_person(text, src, &mentions))
                }
            }
            None => (content_ranges.first().map_or(0, |r| r.start), None),
        };
        attributions.push((at, person, content_ranges));
    }
    attributions.sort_by_key(|a| a.0);
    let mut earlier: Vec<(String, Option<names::Gender>)> = Vec::new();
    let mut out = Vec::new();
    for (at, person, ranges) in attributions {
        let person = match person {
            Some(p) if p.starts_with('\0') => {
                let want = names::gender_of_word(&p[1..]);
                let fits = |g: Option<names::Gender>| want.is_none() || g.is_none() || g == want;
                earlier
                    .iter()
                    .rev()
                    .find(|(_, g)| fits(*g))
                    .map(|(n, _)| n.clone())
                    .or_else(|| {
                        let m = mentions
                            .iter()
                            .rev()
                            .find(|m| m.at < at && m.words.len() > 1 && fits(person_gender(m)))?;
                        Some(names::fullest(&m.words.join(" "), &mentions).0)
                    })
            }
            Some(p) => {
                let g = mentions
                    .iter()
                    .filter(|m| m.words.join(" ") == p)
                    .find_map(person_gender);
                earlier.push((p.clone(), g));
                Some(p)
            }
            None => None,
        };
        for r in ranges {
            out.extend(quoted_stretches(text, r).into_iter().map(|span| GoldQuote {
                span,
                speaker: person.clone(),
            }));
        }
    }
    out.sort_by_key(|q| q.span.start);
    out.dedup_by(|a, b| a.span == b.span);
    out
}

/// The stretches between quote marks inside `range` of `text` (a mark left open runs to the
/// end of the range).
fn quoted_stretches(text: &str, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in s.char_indices() {
        match (open, c) {
            (None, '“') => open = Some((i + c.len_utf8(), '”')),
            (None, '"') => open = Some((i + 1, '"')),
            (Some((o, close)), c) if c == close => {
                if i > o {
                    out.push(range.start + o..range.start + i);
                }
                open = None;
            }
            _ => {}
        }
    }
    if let Some((o, _)) = open
        && s.len() > o + 1
    {
        out.push(range.start + o..range.end);
    }
    out
}

/// Evaluates on a PolNeAR split directory (`.../data/dev`): texts in `text/`, gold in
/// `attributions/`.
pub fn evaluate_polnear(split: &Path) -> std::io::Result<Scores> {
    evaluate_polnear_verbose(split, &mut |_| {})
}

/// Like [`evaluate_polnear`], reporting each disagreement.
pub fn evaluate_polnear_verbose(split: &Path, report: &mut dyn FnMut(&str)) -> std::io::Result<Scores> {
    // Each error names the file or folder it is about: a split given one level too high
    // (`data` instead of `data/dev`) then says which folder it lacks.
    let named = |path: &Path| {
        let path = path.display().to_string();
        move |e: std::io::Error| std::io::Error::new(e.kind(), format!("{path}: {e}"))
    };
    let attributions = split.join("attributions");
    let mut anns: Vec<_> = std::fs::read_dir(&attributions)
        .map_err(named(&attributions))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    anns.sort();
    let mut scores = Scores::default();
    let mut seen = std::collections::HashSet::new();
    for ann_path in anns {
        let stem = ann_path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let Some((name, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        if !seen.insert(name.to_string()) {
            continue;
        }
        let text_path = split.join("text").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&text_path).map_err(named(&text_path))?;
        let ann = std::fs::read_to_string(&ann_path).map_err(named(&ann_path))?;
        let gold = polnear_gold(&text, &ann);
        score_text_verbose(&mut scores, &text, &gold, &mut |line| {
            report(&format!("{name}: {line}"))
        });
    }
    Ok(scores)
}

/// One labelled article of our own.
#[derive(Debug, serde::Deserialize)]
pub struct Label {
    /// File, relative to the labels file's corpus root.
    pub path: String,
    /// 1-based record in the file.
    #[serde(default = "one")]
    pub record: u64,
    /// Every person quoted directly, full names.
    pub speakers: Vec<String>,
}

fn one() -> u64 {
    1
}

/// Evaluates speaker sets on labelled articles: `labels` is a JSON array of [`Label`], paths
/// relative to `root`.
pub fn evaluate_labels(root: &Path, labels: &[Label]) -> Result<Scores, String> {
    let mut scores = Scores::default();
    for l in labels {
        let read = crate::read::read_file(&root.join(&l.path));
        let a = read
            .articles
            .iter()
            .find(|a| a.record == l.record)
            .ok_or_else(|| format!("{} record {}: not read", l.path, l.record))?;
        score_speakers(&mut scores, &a.speakers, &l.speakers);
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_from_brat() {
        let text = "Intro.\n\n“We will win,” Donald Trump said. He added: “Believe me.”";
        let ann = "T1\tSource 23 35\tDonald Trump\nT2\tContent 8 21\t“We will win,”\nE1\tAttribution:T9 Content:T2 Source:T1\n\
                   T3\tSource 42 44\tHe\nT4\tContent 52 65\t“Believe me.”\nE2\tContent:T4 Source:T3\n";
        let gold = polnear_gold(text, ann);
        assert_eq!(gold.len(), 2);
        assert_eq!(&text[gold[0].span.clone()], "We will win,");
        assert_eq!(gold[1].speaker.as_deref(), Some("Donald Trump"));
        let mut s = Scores::default();
        score_text(&mut s, text, &gold);
        assert_eq!((s.quote_tp, s.quote_gold, s.attribution_correct), (2, 2, 2));
        assert_eq!(s.speaker_precision(), 1.0);
    }

    #[test]
    fn surname_counts_when_unique() {
        let mut s = Scores::default();
        score_speakers(
            &mut s,
            &["Trump".into(), "Smith".into()],
            &["Donald Trump".into(), "Mike Pence".into()],
        );
        assert_eq!((s.speaker_tp, s.speaker_predicted, s.speaker_gold), (1, 2, 2));
    }
}
