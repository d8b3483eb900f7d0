//! Direct quotes in an article body and the people who said them.
//!
//! The scan is cheap where it matters: the body is walked once for quote marks, and names,
//! verbs and pronouns are examined only in the few words around each quote. Attribution, in
//! order of trust: a reporting verb with a name right after the quote (`“…,” Putin said`,
//! `“…,” said Mr Blair`, `“…,” according to Obama`) or right before it (`Obama said: “…”`);
//! a pronoun (`he said`) resolved to the last person of that gender quoted or named; a role
//! noun (`the Russian president added`) resolved to the person introduced with that title;
//! another quote of the same paragraph; a quote-only paragraph continuing the previous
//! speaker. Every person's name is then expanded to its fullest form in the article.
//!
//! Pure text processing: no files, no index.

use std::ops::Range;

use super::names::{self, Gender, Mention, Named, Word};
use crate::article::{Attribution, Quote, SourceKind};

/// Reporting verbs, in the forms news prose uses them.
const VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "asked",
    "asks",
    "warned",
    "warns",
    "insisted",
    "insists",
    "conceded",
    "concedes",
    "explained",
    "explains",
    "tweeted",
    "tweets",
    "stated",
    "states",
    "declared",
    "declares",
    "noted",
    "notes",
    "argued",
    "argues",
    "claimed",
    "claims",
    "replied",
    "replies",
    "responded",
    "responds",
    "continued",
    "continues",
    "recalled",
    "recalls",
    "admitted",
    "admits",
    "acknowledged",
    "acknowledges",
    "announced",
    "announces",
    "commented",
    "comments",
    "observed",
    "observes",
    "remarked",
    "remarks",
    "suggested",
    "suggests",
    "stressed",
    "stresses",
    "emphasised",
    "emphasized",
    "emphasises",
    "emphasizes",
    "predicted",
    "predicts",
    "promised",
    "promises",
    "vowed",
    "vows",
    "urged",
    "urges",
    "cautioned",
    "cautions",
    "complained",
    "complains",
    "joked",
    "jokes",
    "quipped",
    "quips",
    "mused",
    "muses",
    "shouted",
    "shouts",
    "yelled",
    "whispered",
    "sighed",
    "agreed",
    "agrees",
    "countered",
    "counters",
    "concluded",
    "concludes",
    "maintained",
    "maintains",
    "contended",
    "contends",
    "reiterated",
    "reiterates",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "revealed",
    "reveals",
    "exclaimed",
    "barked",
    "assured",
    "chided",
    "fumed",
    "scolded",
    "thundered",
    "gushed",
    "opined",
    "cracked",
    "echoed",
    "beamed",
    "laughed",
    "smiled",
    "shot",
    "fired",
    "quipped",
    "boasted",
    "boasts",
    "posted",
    "posts",
    "recounted",
    "recounts",
    "testified",
    "testifies",
    "pleaded",
    "begged",
    "demanded",
    "demands",
    "announced",
    "wondered",
    "wonders",
    "answered",
    "answers",
    "protested",
    "insisting",
    "saying",
    "adding",
    "telling",
    "writing",
    "warning",
    "explaining",
    "noting",
    "arguing",
    "asserted",
    "asserts",
    "reported",
    "reports",
    "chimed",
    "interjected",
    "offered",
    "proclaimed",
    "pledged",
    "pledges",
    "lamented",
    "laments",
    "retorted",
    "snapped",
    "scoffed",
    "yells",
    "screamed",
    "screams",
    "sang",
    "sings",
    "chanted",
    "muttered",
    "cried",
    "bragged",
    "texted",
    "pressed",
    "retaliated",
    "emailed",
];

/// Verbs that attribute a partial quote to a sentence's subject besides the reporting verbs.
const CUE_VERBS: &[&str] = &[
    "called",
    "calls",
    "call",
    "calling",
    "described",
    "describes",
    "describing",
    "likened",
    "likens",
    "dubbed",
    "dubs",
    "labeled",
    "labelled",
    "labels",
    "termed",
    "terms",
    "branded",
    "brands",
    "referred",
    "refers",
    "accused",
    "accuses",
    "blasted",
    "blasts",
    "slammed",
    "slams",
    "criticized",
    "criticised",
    "criticizes",
    "praised",
    "praises",
    "mocked",
    "mocks",
    "promised",
    "pledged",
    "vowed",
    "believes",
    "believed",
    "thinks",
    "thought",
    "hopes",
    "hoped",
    "wants",
    "wanted",
    "recalled",
    "characterized",
    "characterised",
    "touted",
    "touts",
    "decried",
    "decries",
    "dismissed",
    "dismisses",
    "questioned",
    "questions",
    "defended",
    "defends",
    "cited",
    "cites",
    "urging",
    "telling",
    "says",
    "said",
    "saying",
];

const UNNAMED: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "official",
    "officials",
    "source",
    "sources",
    "aide",
    "aides",
    "analyst",
    "analysts",
    "diplomat",
    "diplomats",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "statement",
    "observers",
    "insider",
    "insiders",
    "expert",
    "experts",
    "executive",
    "executives",
    "people",
    "person",
    "critics",
    "supporters",
    "protesters",
    "protester",
    "officer",
    "officers",
    "lawyer",
    "lawyers",
    "representative",
    "representatives",
    "member",
    "members",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "economist",
    "economists",
    "trader",
    "traders",
    "dealer",
    "dealers",
    "one",
    "someone",
    "others",
    "police",
    "authorities",
    "investigators",
    "prosecutors",
    "doctors",
];

const W_VERB: u8 = 1;
const W_CUE: u8 = 2;
const W_UNNAMED: u8 = 4;

/// Reporting verbs, cue verbs and unnamed-source nouns in one table, looked up
/// case-insensitively.
fn lexicon() -> &'static names::Lexicon {
    static LEXICON: std::sync::OnceLock<names::Lexicon> = std::sync::OnceLock::new();
    LEXICON.get_or_init(|| names::Lexicon::new(&[(VERBS, W_VERB), (CUE_VERBS, W_CUE), (UNNAMED, W_UNNAMED)]))
}

fn flags(w: &str) -> u8 {
    lexicon().flags(w)
}

/// A reporting verb, in any case (`said`, `Said`).
fn is_verb(w: &str) -> bool {
    flags(w) & W_VERB != 0
}

/// A reporting verb or a verb of judging (`called`, `described`).
fn is_cue(w: &str) -> bool {
    flags(w) & (W_VERB | W_CUE) != 0
}

/// A source without a name, one person of it (`banker`, `spokesman`, `analyst`): the one a
/// later `he` or `she` may stand for.
fn is_lone_source(w: &str) -> bool {
    matches!(
        w,
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "official"
            | "source"
            | "aide"
            | "analyst"
            | "diplomat"
            | "witness"
            | "insider"
            | "expert"
            | "executive"
            | "lawyer"
            | "adviser"
            | "advisor"
            | "economist"
            | "trader"
            | "dealer"
            | "banker"
            | "broker"
            | "arbitrageur"
    )
}

fn is_unnamed(w: &str) -> bool {
    flags(w) & W_UNNAMED != 0
}

fn pronoun_gender(w: &str) -> Option<Option<Gender>> {
    // `He’s claiming`, `She'd said`: the contraction keeps the pronoun.
    let w = w.split(['’', '\'']).next().unwrap_or(w);
    match w {
        "he" | "He" => Some(Some(Gender::Male)),
        "she" | "She" => Some(Some(Gender::Female)),
        _ => None,
    }
}

/// What the words next to a quote say about its source, before resolution.
#[derive(Debug, Clone)]
enum Cue {
    Named(Named),
    Pronoun(Option<Gender>),
    Unnamed,
}

#[derive(Debug)]
struct RawQuote {
    open: usize,
    close: usize,
    content: Range<usize>,
    para: usize,
}

/// Quotes found in a body and the persons quoted.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Extracted {
    /// Every quote, in order of appearance.
    pub quotes: Vec<Quote>,
    /// Canonical names of the persons quoted, in order of first quote, without repeats.
    pub speakers: Vec<String>,
}

/// Paragraphs: runs of non-blank lines, as byte ranges.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(pos),
            (true, Some(s)) => {
                out.push(s..pos);
                start = None;
            }
            _ => {}
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

fn closing_for(open: char) -> Option<char> {
    match open {
        '“' => Some('”'),
        '„' => Some('“'),
        '«' => Some('»'),
        '"' => Some('"'),
        _ => None,
    }
}

/// True when the straight mark at `at` is an apostrophe typed as a quotation mark: after a
/// letter or digit and before the end of a word that an apostrophe begins (`Kuwait"s`,
/// `1985"s`, `don"t`, `I"m`: about a hundred times in Reuters-21578), where it opened a quote
/// that ran to the next mark, or closed an open quote early (`"I"m afraid …," Kohli said`).
/// A mark after a letter before any other word still opens a quote (`of"squabbling like
/// schoolboys"`, a space left out) or closes one (`"won"and`).
fn is_apostrophe(text: &str, at: usize) -> bool {
    let letter_before = text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
    let rest = &text.as_bytes()[at + 1..];
    let ending = ["s", "t", "d", "m", "ll", "re", "ve"]
        .into_iter()
        .find(|e| rest.starts_with(e.as_bytes()));
    letter_before && ending.is_some_and(|e| !rest.get(e.len()).is_some_and(u8::is_ascii_alphanumeric))
}

/// True when the straight mark at `at` has a word or punctuation right before it and a space
/// (or the end) right after: the shape of a closing mark, never of an opening one. With no
/// quote open it opens none: it is a plural's apostrophe typed as `"` (`the biggest blow to
/// farmers" incomes`, Reuters-21578) or the end of a quote whose opening was missed, and it
/// opened a quote of the words that followed it.
fn only_closes(text: &str, at: usize) -> bool {
    closes_after_words(text, at) && text[at + 1..].chars().next().is_none_or(char::is_whitespace)
}

/// True when the mark at `at` follows a word or a stop, not a space: it closes, not opens.
fn closes_after_words(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(|c| !c.is_whitespace())
}

/// True when the straight mark at `at` can only open a quote after a sentence's end: a stop
/// (and any closing marks), then a space, before it, and a letter or digit right after it.
fn opens_after_stop(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    trimmed.len() < before.len()
        && trimmed.trim_end_matches(['\'', '’']).ends_with(['.', '?', '!'])
        && text[at + 1..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Finds quoted spans paragraph by paragraph. A quote left open at the end of its paragraph
/// runs to that paragraph's end (the next paragraph then usually reopens it).
fn find_quotes(text: &str, paras: &[Range<usize>]) -> Vec<RawQuote> {
    let mut out = Vec::new();
    for (pi, p) in paras.iter().enumerate() {
        let mut open: Option<(usize, char)> = None;
        // Only quotation marks open or close a quote: `"`, and characters whose UTF-8 starts
        // with 0xC2 (`«` `»`) or 0xE2 (`“` `”` `„`); the rest of the paragraph is skipped.
        let marks = memchr::memchr3_iter(b'"', 0xC2, 0xE2, text[p.clone()].as_bytes());
        for at in marks.map(|i| p.start + i) {
            // A lead byte always starts a character, so `at` is a character boundary.
            let Some(c) = text[at..].chars().next() else {
                continue;
            };
            if c == '"' && (is_apostrophe(text, at) || open.is_none() && only_closes(text, at)) {
                continue;
            }
            match open {
                // `said: "… at the Treasury. "I congratulate …`: where paragraphs were run
                // together (BBC), each opens with a mark and only the last quote closes. A
                // straight mark after a sentence's end and a space, a letter after it, opens
                // a quote: the one open ends with its sentence.
                Some((o, '"')) if c == '"' && opens_after_stop(text, at) => {
                    let end = text[..at].trim_end().len();
                    out.push(RawQuote {
                        open: o,
                        close: end,
                        content: o + 1..end,
                        para: pi,
                    });
                    open = Some((at, '"'));
                }
                Some((o, close)) if c == close => {
                    let content = o + text[o..].chars().next().map_or(1, char::len_utf8)..at;
                    out.push(RawQuote {
                        open: o,
                        close: at + c.len_utf8(),
                        content,
                        para: pi,
                    });
                    open = None;
                }
                // `“Immunity deals …," Chaffetz said`: a straight mark closes a curly quote
                // when no curly closing mark follows in the paragraph.
                Some((o, '”')) if c == '"' && !text[at..p.end].contains('”') => {
                    let content = o + '“'.len_utf8()..at;
                    out.push(RawQuote {
                        open: o,
                        close: at + 1,
                        content,
                        para: pi,
                    });
                    open = None;
                }
                // `“Our roads are crumbling," she said. "Families endure …”`: a straight mark
                // right after a comma or a question or exclamation mark, with a verb of saying
                // a few words on, closes a curly quote even though a curly closing mark
                // follows in the paragraph (that one closes the next quote).
                Some((o, '”'))
                    if c == '"'
                        && text[..at].ends_with([',', '?', '!'])
                        && verb_follows(text, at + 1, p.end) =>
                {
                    out.push(RawQuote {
                        open: o,
                        close: at + 1,
                        content: o + '“'.len_utf8()..at,
                        para: pi,
                    });
                    open = None;
                }
                // `"I don’t think so,” Grassley said`: a curly closing mark after words
                // closes a straight quote. No curly quote is open (that would be the arm
                // above), so the mark has nothing else to close.
                Some((o, '"')) if c == '”' && closes_after_words(text, at) => {
                    out.push(RawQuote {
                        open: o,
                        close: at + '”'.len_utf8(),
                        content: o + 1..at,
                        para: pi,
                    });
                    open = None;
                }
                Some(_) if c == '“' || c == '«' => open = Some((at, closing_for(c).unwrap_or(c))),
                None => {
                    if let Some(close) = closing_for(c) {
                        open = Some((at, close));
                    }
                }
                _ => {}
            }
        }
        if let Some((o, _)) = open {
            let content = o + text[o..].chars().next().map_or(1, char::len_utf8)..p.end;
            out.push(RawQuote {
                open: o,
                close: p.end,
                content,
                para: pi,
            });
        }
    }
    out
}

/// True when a verb of saying is among the first five words from byte `from` (up to `end`):
/// the words after a quote's closing mark attribute it (`, she said`, `, Trump told
/// reporters`).
fn verb_follows(text: &str, from: usize, end: usize) -> bool {
    let end = crate::snippet::floor_char(text, end.min(from + 80));
    text[from..end]
        .split_whitespace()
        .take(5)
        .any(|w| is_verb(w.trim_matches(|c: char| !c.is_alphabetic())))
}

/// True when the quoted words read as speech rather than scare quotes or a title of a work.
/// `ws` are the words of `content`, offsets into `text`.
fn is_speech(text: &str, content: Range<usize>, ws: &[Word]) -> bool {
    let t = text[content].trim();
    let ends_sentence = t.ends_with(['.', ',', '!', '?', '…', ';', ':', '—', '-']);
    if ws.len() < 3 && !ends_sentence {
        return false;
    }
    if !ends_sentence {
        // "Gone With the Wind": every long word capitalised reads as a title.
        let title_case = ws
            .iter()
            .map(|w| word(text, w))
            .filter(|w| w.chars().count() > 3)
            .all(names::is_capitalised);
        if title_case {
            return false;
        }
    }
    true
}

fn word<'t>(text: &'t str, w: &Word) -> &'t str {
    &text[w.start..w.end]
}

/// Extends a capitalised run starting at `ws[i]`.
fn run_from(text: &str, ws: &[Word], i: usize) -> usize {
    let mut end = i;
    while end < ws.len() {
        let w = word(text, &ws[end]);
        let cap = names::is_capitalised(w);
        let particle = matches!(
            w,
            "de" | "van" | "von" | "al" | "bin" | "da" | "der" | "del" | "di" | "le" | "la" | "of"
        );
        let next_cap = ws
            .get(end + 1)
            .is_some_and(|n| names::is_capitalised(word(text, n)));
        let particle = particle && next_cap;
        if !(cap || (particle && end > i)) {
            break;
        }
        if end > i && !names::only_spaces(&text[ws[end - 1].end..ws[end].start]) {
            break;
        }
        end += 1;
    }
    end
}

/// The start of the capitalised run that ends at `ws[last]`: `run_from` read backwards.
fn run_back(text: &str, ws: &[Word], last: usize) -> usize {
    let mut start = last;
    while start > 0
        && names::only_spaces(&text[ws[start - 1].end..ws[start].start])
        && names::is_capitalised(word(text, &ws[start - 1]))
    {
        start -= 1;
    }
    start
}

/// Of the words from `ws[lo]` to `ws[i]`, the last before an opening parenthesis (`Pelosi`
/// in `Pelosi (D-Calif.)`), for a word `ws[i]` that closes one.
fn word_before_parenthesis(text: &str, ws: &[Word], lo: usize, i: usize) -> Option<usize> {
    (lo..i)
        .rev()
        .find(|&j| text[ws[j].end..ws[j + 1].start].contains('('))
}

/// Reads the source off the words following a quote (`, Putin said`, `, said Mr Blair`).
fn cue_after(text: &str, ws: &[Word]) -> Option<Cue> {
    let t = |i: usize| ws.get(i).map(|w| word(text, w));
    let first = t(0)?;
    let lower0 = first.to_ascii_lowercase();
    if is_verb(first) {
        let next = t(1)?;
        if let Some(g) = pronoun_gender(next) {
            return Some(Cue::Pronoun(g));
        }
        if names::is_capitalised(next) {
            let mut end = run_from(text, ws, 1);
            // "said White House spokesman Jay Carney": titles in lower case, then the name
            // ("said Air Force 1st Lt. Tyler Livingston": a rank, perhaps short).
            let mut k = end;
            while t(k).is_some_and(|w| names::is_title(w) || names::is_abbreviated_title(w) || is_ordinal(w))
            {
                k += 1;
            }
            if k > end && t(k).is_some_and(names::is_capitalised) {
                end = run_from(text, ws, k);
                return names::classify(text, &ws[k..end], false).map(Cue::Named);
            }
            // "said Clinton campaign manager Robby Mook": a name modifying lower-case nouns,
            // then the speaker's name.
            let mut k = end;
            while k < end + 4
                && t(k).is_some_and(|w| {
                    w.starts_with(char::is_lowercase)
                        && !matches!(w, "and" | "of" | "in" | "on" | "at" | "to" | "who" | "that")
                })
            {
                k += 1;
            }
            if k > end
                && t(k).is_some_and(names::is_capitalised)
                && names::only_spaces(&text[ws[end - 1].end..ws[end].start])
            {
                let e2 = run_from(text, ws, k);
                if let Some(p @ Named::Person { .. }) = names::classify(text, &ws[k..e2], false) {
                    return Some(Cue::Named(p));
                }
            }
            return names::classify(text, &ws[1..end], false).map(Cue::Named);
        }
        // `said former Pennsylvania Gov. and DNC Chairman Ed Rendell`: a former office or
        // two, then the name, up to a comma (the apposition after it names others: `…, a
        // Romney confidant`).
        if matches!(next, "former" | "acting" | "outgoing") {
            let upto = (2..ws.len())
                .find(|&i| text[ws[i - 1].end..ws[i].start].contains([',', '(']))
                .unwrap_or(ws.len());
            if let Some(p @ Named::Person { .. }) = person_in(text, &ws[2..upto]) {
                return Some(Cue::Named(p));
            }
        }
        return cue_from_phrase(text, &ws[1..ws.len().min(8)]);
    }
    if let Some(g) = pronoun_gender(t(0)?) {
        return t(1).filter(|w| is_verb(w)).map(|_| Cue::Pronoun(g));
    }
    if lower0 == "according" && t(1) == Some("to") {
        let start = 2;
        if t(start).is_some_and(names::is_capitalised) {
            let end = run_from(text, ws, start);
            return names::classify(text, &ws[start..end], false).map(Cue::Named);
        }
        return cue_from_phrase(text, &ws[start..ws.len().min(start + 6)]);
    }
    if names::is_capitalised(t(0)?) && !matches!(lower0.as_str(), "the" | "a" | "an") {
        let end = run_from(text, ws, 0);
        let verb_at = if t(end).is_some_and(is_verb) {
            Some(end)
        } else {
            apposition_end(text, ws, end).filter(|&v| t(v).is_some_and(is_verb))
        };
        if verb_at.is_some() {
            return names::classify(text, &ws[..end], false).map(Cue::Named);
        }
        // "Tulsa police Chief Chuck Jordan said", "Chairman Jason Chaffetz (R-Utah) said".
        let verb = (end..ws.len().min(12)).find(|&i| t(i).is_some_and(is_verb))?;
        return person_in(text, &ws[..verb]).map(Cue::Named);
    }
    // "a spokesman said", "the White House said", "the Russian president added"
    let Some(verb) = (0..ws.len().min(8)).find(|&i| t(i).is_some_and(is_verb)) else {
        // `"…," in sharp contrast to previous elections when campaigns took on that
        // function, says Dante Scala`: a longer clause before the inverted verb.
        let verb = (8..ws.len()).find(|&i| t(i).is_some_and(is_verb))?;
        return inverted_after_clause(text, ws, verb);
    };
    // "… jail time” for criminal behavior, she said.": a pronoun right before the verb.
    if let Some(g) = verb.checked_sub(1).and_then(t).and_then(pronoun_gender) {
        return Some(Cue::Pronoun(g));
    }
    if let Some(cue) = inverted_after_clause(text, ws, verb) {
        return Some(cue);
    }
    cue_from_phrase(text, &ws[..verb])
}

/// `"This will be a challenge" for Clinton, said Kunin.`: the quote's sentence goes on
/// after it in lower case, then a comma, the verb and the speaker. The people of the words
/// before the comma are what the quote speaks of; the speaker is read from the verb on.
///
/// Not after `told`, `asked` or a verb in -ing: `…, told Associated Press`, `…, saying
/// Christie was` name whom the speaker spoke to or of.
fn inverted_after_clause(text: &str, ws: &[Word], verb: usize) -> Option<Cue> {
    let before = ws.get(verb.checked_sub(1)?)?;
    let v = word(text, ws.get(verb)?);
    if !text[before.end..ws[verb].start].contains(',')
        || !word(text, ws.first()?).starts_with(char::is_lowercase)
        || v.ends_with("ing")
        || matches!(v, "told" | "tells" | "tell" | "asked" | "asks")
    {
        return None;
    }
    let next = word(text, ws.get(verb + 1)?);
    let names_speaker = (names::is_capitalised(next) && !matches!(next, "The" | "A" | "An"))
        || matches!(next, "former" | "acting" | "outgoing");
    if !names_speaker {
        return None;
    }
    cue_after(text, &ws[verb..]).filter(|cue| matches!(cue, Cue::Named(_)))
}

/// The last capitalised run of `ws` that reads as a person, leaving out parentheses
/// (`(R-Utah)`).
fn person_in(text: &str, ws: &[Word]) -> Option<Named> {
    let mut i = 0;
    let mut found = None;
    while i < ws.len() {
        let w = word(text, &ws[i]);
        let parenthesised = i > 0 && text[ws[i - 1].end..ws[i].start].contains('(');
        if names::is_capitalised(w) && !parenthesised {
            let end = run_from(text, ws, i);
            if let Some(p @ Named::Person { .. }) = names::classify(text, &ws[i..end], false) {
                found = Some(p);
            }
            i = end;
        } else {
            i += 1;
        }
    }
    found
}

/// After a name ending at `end`: `, the Russian president, said` → index of the verb.
fn apposition_end(text: &str, ws: &[Word], end: usize) -> Option<usize> {
    let gap = &text[ws.get(end.checked_sub(1)?)?.end..ws.get(end)?.start];
    if !gap.contains(',') {
        return None;
    }
    (end + 1..ws.len().min(end + 10)).find(|&i| text[ws[i - 1].end..ws[i].start].contains(','))
}

/// A short phrase without a leading name: unnamed sources, `the White House`, role nouns.
fn cue_from_phrase(text: &str, ws: &[Word]) -> Option<Cue> {
    // A named person wins ("union representative Callum Reid"); an unnamed source noun wins
    // over an organisation ("a Kremlin spokesman").
    let unnamed = ws.iter().any(|w| is_unnamed(word(text, w)));
    let Some(first_cap) = ws.iter().position(|w| names::is_capitalised(word(text, w))) else {
        return unnamed.then_some(Cue::Unnamed);
    };
    let end = run_from(text, ws, first_cap);
    if let Some(person) = titled_name_after(text, ws, end) {
        return Some(Cue::Named(person));
    }
    let article = first_cap > 0 && word(text, &ws[first_cap - 1]).eq_ignore_ascii_case("the");
    // "added the two-time Academy Award winner.": the capitalised words describe a person
    // noun that ends the phrase. Nobody is named; like a pronoun, the phrase stands for the
    // person the text was speaking of.
    if word(text, &ws[0]).eq_ignore_ascii_case("the")
        && ws.get(end).is_some_and(|w| is_person_noun(word(text, w)))
        && ws
            .get(end + 1)
            .is_none_or(|next| !names::only_spaces(&text[ws[end].end..next.start]))
    {
        return Some(Cue::Pronoun(None));
    }
    let mut named = names::classify(text, &ws[first_cap..end], article);
    // "the Russian president": a capitalised adjective before a title is a role.
    if let Some(Named::Person { name, .. } | Named::Organisation(name)) = &named
        && !name.contains(' ')
        && ws.get(end).is_some_and(|w| names::is_title(word(text, w)))
    {
        let titles = ws[first_cap..]
            .iter()
            .map(|w| word(text, w).to_lowercase())
            .collect();
        named = Some(Named::Role(titles));
    }
    // … but a lone word with a source noun ("an Austrian police officer") is the noun's.
    if let Some(Named::Person { name, .. }) = &named
        && (name.contains(' ') || !unnamed)
    {
        return named.map(Cue::Named);
    }
    if unnamed {
        return Some(Cue::Unnamed);
    }
    if let Some(named) = named {
        return Some(Cue::Named(named));
    }
    // "the Russian president": titles in lower case after a capitalised adjective.
    let titles: Vec<String> = ws[first_cap..]
        .iter()
        .map(|w| word(text, w).to_lowercase())
        .filter(|w| names::is_title(w))
        .collect();
    (!titles.is_empty()).then_some(Cue::Named(Named::Role(titles)))
}

/// `former George W. Bush speechwriter Noam Neusner`, `the Post's senior politics editor
/// Steven Ginsberg`: after a capitalised run ending at `end`, lower-case words ending in a
/// title, then a person's name. The first run only qualifies the title; the name after
/// it is the speaker.
fn titled_name_after(text: &str, ws: &[Word], end: usize) -> Option<Named> {
    let mut k = end;
    while ws.get(k).is_some_and(|w| {
        let w = word(text, w);
        w.starts_with(char::is_lowercase)
            && !matches!(
                w,
                "and" | "or" | "of" | "in" | "on" | "at" | "to" | "with" | "who" | "that"
            )
    }) {
        k += 1;
    }
    if k == end
        || !{
            let title = word(text, &ws[k - 1]);
            names::is_title(title)
                || is_person_noun(title)
                || is_unnamed(title)
                || matches!(title, "speechwriter" | "strategist" | "pollster" | "consultant")
        }
        || !ws.get(k).is_some_and(|w| names::is_capitalised(word(text, w)))
        || !names::only_spaces(&text[ws[k - 1].end..ws[k].start])
    {
        return None;
    }
    let run_end = run_from(text, ws, k);
    names::classify(text, &ws[k..run_end], false).filter(|n| matches!(n, Named::Person { .. }))
}

/// `1st`, `22nd`: an ordinal written in figures (`Air Force 1st Lt.`).
fn is_ordinal(w: &str) -> bool {
    let digits = w.len() - w.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

/// Nouns for a person that a description after a reporting verb ends with (`the two-time
/// Academy Award winner`, `the Democratic nominee`): nobody's title, so no role to look up.
fn is_person_noun(w: &str) -> bool {
    matches!(
        w,
        "winner"
            | "actor"
            | "actress"
            | "star"
            | "singer"
            | "player"
            | "champion"
            | "veteran"
            | "striker"
            | "midfielder"
            | "defender"
            | "goalkeeper"
            | "rapper"
            | "musician"
            | "comedian"
            | "novelist"
            | "writer"
            | "author"
            | "presenter"
            | "frontman"
            | "guitarist"
            | "batsman"
            | "bowler"
            | "skipper"
            | "athlete"
            | "founder"
            | "hopeful"
            | "nominee"
            | "laureate"
            | "native"
    )
}

/// Reads the source off the words before a quote (`Obama said: “`, `he told reporters, “`).
fn cue_before(text: &str, ws: &[Word]) -> Option<Cue> {
    let n = ws.len();
    let verb = (n.saturating_sub(7)..n)
        .rev()
        .find(|&i| is_verb(word(text, &ws[i])))?;
    if verb == 0 {
        return None;
    }
    let prev = word(text, &ws[verb - 1]);
    if let Some(g) = pronoun_gender(prev) {
        return Some(Cue::Pronoun(g));
    }
    // "Dan McAdams, a professor at Northwestern University, writes", "Clinton, speaking to
    // reporters en route to Tampa, said", "Axelrod, who was an adviser in the White House,
    // tweeted": the person before the aside is the subject, not the name that ends it.
    if let Some(person) = subject_before_aside(text, ws, verb) {
        return Some(Cue::Named(person));
    }
    // `Nancy Pelosi (D-Calif.) said`: the name ends before the party in parentheses.
    let mut end = verb;
    if text[ws[verb - 1].end..ws[verb].start].contains(')') {
        end = word_before_parenthesis(text, ws, verb.saturating_sub(6), verb - 1).map_or(verb, |i| i + 1);
    }
    if names::is_capitalised(word(text, &ws[end - 1])) {
        let start = run_back(text, ws, end - 1);
        let article = start > 0 && word(text, &ws[start - 1]).eq_ignore_ascii_case("the");
        return names::classify(text, &ws[start..end], article).map(Cue::Named);
    }
    // "Putin, the Russian president, said:" — a name, then an apposition between commas.
    let gap_before_verb = &text[ws[verb - 1].end..ws[verb].start];
    if gap_before_verb.contains(',') {
        let comma = (verb.saturating_sub(14)..verb - 1)
            .rev()
            .find(|&i| text[ws[i].end..ws[i + 1].start].contains(','));
        if let Some(c) = comma
            && names::is_capitalised(word(text, &ws[c]))
            && !text[ws[c].end..].starts_with('.')
        {
            let start = run_back(text, ws, c);
            return names::classify(text, &ws[start..=c], false).map(Cue::Named);
        }
    }
    if names::is_title(prev) && verb >= 2 && word(text, &ws[verb - 2]).eq_ignore_ascii_case("the") {
        return Some(Cue::Named(Named::Role(vec![prev.to_lowercase()])));
    }
    cue_from_phrase(text, &ws[verb.saturating_sub(6)..verb])
}

/// The person named right before an aside that ends at the verb `ws[verb]`: an
/// apposition between commas, or a relative clause opened by `, who`. The name may be
/// followed by a party in parentheses (`Rep. Elijah Cummings (D-Md.), chair of …, said`),
/// and the aside may hold commas of its own (`Clinton, during a town hall in Columbus,
/// Ohio, said`): the commas are tried from the nearest back, up to the first that follows
/// a person.
///
/// Not where the aside is itself a name (`Taiwan's ambassador in Montevideo, Henry Wang,
/// told`), nor where a name or title follows the verb (`…, said founder Mikhail
/// Khodorkovsky`): the speaker is that name.
fn subject_before_aside(text: &str, ws: &[Word], verb: usize) -> Option<Named> {
    let gap = |i: usize| &text[ws[i].end..ws[i + 1].start];
    let v = word(text, &ws[verb]);
    let after_verb = ws.get(verb + 1).map_or("", |w| word(text, w));
    let addressee = matches!(v, "told" | "tells" | "asked" | "asks");
    if !addressee && (names::is_capitalised(after_verb) || names::is_title(after_verb)) {
        return None;
    }
    let from = verb.saturating_sub(16);
    let closes = gap(verb.checked_sub(1)?).contains(',');
    // The commas that may open the aside: for an apposition, those before the one that
    // closes it; for a relative clause, the one before `who`.
    let opening = (from..verb - 1)
        .rev()
        .filter(|&i| gap(i).contains(',') && (closes || word(text, &ws[i + 1]) == "who"));
    for (k, opens) in opening.enumerate() {
        // `McConnell, R-Ky., said`: a party and state between commas are no name.
        let aside = &ws[opens + 1..verb];
        let party = aside.first().is_some_and(|first| {
            let w = word(text, first);
            ["R-", "D-", "I-"].iter().any(|p| w.starts_with(p))
                || (matches!(w, "R" | "D" | "I") && text[first.end..].starts_with('-'))
        });
        if closes && k == 0 && !party && aside.iter().all(|w| names::is_capitalised(word(text, w))) {
            return None;
        }
        // Back over a parenthesis right before the comma.
        let mut last = opens;
        if gap(last).trim_start_matches('.').starts_with(')') {
            match word_before_parenthesis(text, ws, from, last) {
                Some(i) => last = i,
                None => continue,
            }
        }
        // `the Ashland, Ky., based company`: an abbreviation is no name.
        if !names::is_capitalised(word(text, &ws[last])) || gap(last).starts_with('.') {
            continue;
        }
        let start = run_back(text, ws, last);
        // `the Ashland, Ky., based company`: a name after an article is no person's.
        let article = start > 0 && matches!(word(text, &ws[start - 1]), "the" | "The" | "a" | "A");
        if let Some(person @ Named::Person { .. }) = names::classify(text, &ws[start..=last], false)
            && !article
        {
            return Some(person);
        }
        if !closes {
            return None;
        }
    }
    None
}

/// The words of the text (as `names::words` cut them, once per article) that lie inside
/// `range`: a borrowed slice, found by binary search.
fn words_in(words: &[Word], range: Range<usize>) -> &[Word] {
    let from = words.partition_point(|w| w.start < range.start);
    let to = from + words[from..].partition_point(|w| w.end <= range.end);
    &words[from..to]
}

/// Cuts the words after a quote at the end of their sentence (at most 15 words).
fn sentence_after<'w>(text: &str, ws: &'w [Word], from: usize) -> &'w [Word] {
    // `"… alone". He added`: a new sentence starts right after the quote.
    if ws
        .first()
        .is_some_and(|w| text[from..w.start].contains(['.', '!', '?']))
    {
        return &[];
    }
    for (i, w) in ws.iter().enumerate() {
        let gap = if i > 0 { &text[ws[i - 1].end..w.start] } else { "" };
        let abbreviation = i > 0 && stop_is_abbreviation(gap, word(text, &ws[i - 1]));
        if i > 0 && !abbreviation && gap.contains(['.', '!', '?', '“', '"', ';']) || i == 15 {
            return &ws[..i];
        }
    }
    ws
}

/// True when the full stop that opens `gap`, after the word `prev`, ends an abbreviation,
/// not a sentence:
/// - `(D-Mo.) said`: one closing an abbreviation in parentheses;
/// - `McConnell, R-Ky., said`: one followed by a comma;
/// - `said former Pennsylvania Gov. and DNC Chairman Ed Rendell`, `Mr. Conway`: one after a
///   title's short form or an honorific.
fn stop_is_abbreviation(gap: &str, prev: &str) -> bool {
    gap.starts_with(".)")
        || gap.starts_with(".,")
        || (gap.starts_with(". ")
            && ((names::is_abbreviated_title(prev) && !matches!(prev, "Jr" | "Sr"))
                || names::is_honorific(prev)))
}

/// Keeps the words before a quote that belong to the quote's own sentence.
fn sentence_before<'w>(text: &str, ws: &'w [Word], quote_open: usize) -> &'w [Word] {
    let mut start = 0;
    for i in 0..ws.len() {
        let gap_end = ws.get(i + 1).map_or(quote_open, |n| n.start);
        let gap = &text[ws[i].end..gap_end];
        if gap.contains(['.', '!', '?', '”', '"'])
            && i + 1 < ws.len()
            && !stop_is_abbreviation(gap, word(text, &ws[i]))
        {
            start = i + 1;
        }
    }
    &ws[start..]
}

/// Byte offsets where sentences start: after `.`, `!` or `?` (and any closing quote) followed
/// by white space, unless the word before is an initial or abbreviation (`Mr.`, `W.`), and at
/// every paragraph.
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let b = text.as_bytes();
    out.extend(memchr::memmem::find_iter(b, b"\n\n").map(|i| i + 2));
    // Only the stops are looked at (memchr jumps between them).
    let mut next_free = 0;
    for i in memchr::memchr3_iter(b'.', b'!', b'?', b) {
        if i < next_free {
            continue;
        }
        let c = b[i];
        let mut j = i + 1;
        // Closing quote marks after the stop: `"`, `”` (3 bytes), `’`.
        while j < b.len()
            && (b[j] == b'"' || b[j] == b'\'' || text[j..].starts_with('”') || text[j..].starts_with('’'))
        {
            j += if b[j] < 0x80 { 1 } else { 3 };
        }
        next_free = j;
        if j < b.len() && (b[j] == b' ' || b[j] == b'\n') {
            let word_start = text[..i]
                .char_indices()
                .rev()
                .find(|(_, ch)| !ch.is_alphanumeric())
                .map_or(0, |(p, ch)| p + ch.len_utf8());
            let word = &text[word_start..i];
            // Only a title's short form is an abbreviation: a title written out ends a
            // sentence (`…lost his spark for acting. Hoffman is…`, `…elected president. He`).
            let abbreviation = c == b'.'
                && (word.chars().count() == 1
                    || names::is_honorific(word)
                    || names::is_abbreviated_title(word));
            if !abbreviation {
                // The next sentence starts at its first word: a stop that ends a paragraph
                // (`list.\n\n“I don’t …`) starts the same sentence as the paragraph
                // break, not an empty one between them, which made the sentence before a
                // quote's look two back.
                let next = b[j..]
                    .iter()
                    .position(|c| !matches!(c, b' ' | b'\n' | b'\r' | b'\t'))
                    .map_or(b.len(), |k| j + k);
                out.push(next);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Words before which a text names places.
const PLACE_WORDS: [&str; 6] = ["in ", "from ", "of ", "to ", "across ", "around "];

/// True when the text uses `word` the way it uses places: `in Virginia`, `from Phoenix`.
fn used_as_place(text: &str, word: &str) -> bool {
    PLACE_WORDS.iter().any(|p| text.contains(&format!("{p}{word}")))
}

/// Longest word [`PlaceCues`] answers for; longer ones are looked for in the text.
const LONGEST_PLACE: usize = 64;

/// [`used_as_place`] and [`names::heads_organisation`] for one long text asked about many
/// words: what follows each place word, sorted, so that a word is one binary search instead
/// of a read of the text. The answers are the same.
struct PlaceCues<'t> {
    text: &'t str,
    /// Up to [`LONGEST_PLACE`] bytes after each place word in the text.
    after: Vec<&'t [u8]>,
    organisations: names::OrganisationHeads<'t>,
}

impl<'t> PlaceCues<'t> {
    fn new(text: &'t str) -> PlaceCues<'t> {
        let b = text.as_bytes();
        let mut after: Vec<&[u8]> = PLACE_WORDS
            .iter()
            .flat_map(|p| memchr::memmem::find_iter(b, p.as_bytes()).map(move |i| i + p.len()))
            .map(|i| &b[i..(i + LONGEST_PLACE).min(b.len())])
            .collect();
        after.sort_unstable();
        after.dedup();
        PlaceCues {
            text,
            after,
            organisations: names::OrganisationHeads::new(text),
        }
    }

    /// See [`used_as_place`]. Of the sorted texts, those that start with `word` come first
    /// among the ones not less than it.
    fn used_as_place(&self, word: &str) -> bool {
        if word.len() > LONGEST_PLACE {
            return used_as_place(self.text, word);
        }
        let w = word.as_bytes();
        let i = self.after.partition_point(|s| *s < w);
        self.after.get(i).is_some_and(|s| s.starts_with(w))
    }
}

/// A person's canonical name and gender.
type Person = (String, Option<Gender>);

/// The persons quoted so far, in text order: (position, canonical name, gender).
#[derive(Default)]
struct Quoted {
    all: Vec<(usize, String, Option<Gender>)>,
    /// Places in `all` of the persons of unknown gender, of men and of women: the latest
    /// a pronoun may stand for is found among those of its gender, not by walking back over
    /// all the others (in a text of thousands of quotes, each `she` walked back over every
    /// man quoted).
    by_gender: [Vec<usize>; 3],
}

impl Quoted {
    fn push(&mut self, at: usize, name: String, gender: Option<Gender>) {
        self.by_gender[Quoted::class(gender)].push(self.all.len());
        self.all.push((at, name, gender));
    }

    fn class(gender: Option<Gender>) -> usize {
        match gender {
            None => 0,
            Some(Gender::Male) => 1,
            Some(Gender::Female) => 2,
        }
    }

    /// The latest person quoted before `at` whom a pronoun of `gender` may stand for (any
    /// when `None`; otherwise one of that gender or of unknown gender).
    fn latest(&self, at: usize, gender: Option<Gender>) -> Option<&(usize, String, Option<Gender>)> {
        let found = match gender {
            None => self.last_before(0..self.all.len(), at),
            Some(g) => {
                let unknown = self.last_before(self.by_gender[0].iter().copied(), at);
                let same = self.last_before(self.by_gender[Quoted::class(Some(g))].iter().copied(), at);
                unknown.max(same)
            }
        };
        found.map(|i| &self.all[i])
    }

    /// The last of `places` (in order) of a person quoted before `at`.
    fn last_before(&self, places: impl DoubleEndedIterator<Item = usize>, at: usize) -> Option<usize> {
        places.rev().find(|&i| self.all[i].0 < at)
    }
}

struct Resolver<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    /// The same mentions, found by name.
    by_name: names::Mentions<'a>,
    lookups: Lookups,
    info: Vec<std::cell::OnceCell<(Option<Gender>, bool)>>,
    /// (position, canonical name, gender) of persons quoted so far.
    quoted: Quoted,
    /// The quoted stretches of the text, in order: a name inside one is not what a pronoun
    /// outside it stands for.
    inside_quotes: Vec<Range<usize>>,
    sentences: Vec<usize>,
    /// Every word of the text, cut once.
    words: Vec<Word>,
    /// Answers of [`Resolver::person`] so far: an article names the same few people again
    /// and again, and each answer looks at every mention.
    people: std::cell::RefCell<rustc_hash::FxHashMap<(String, Option<Gender>), Person>>,
    /// Answers of [`names::person_evidence`] so far, by name, for an article of many mentions:
    /// it asks about the same name for each of its thousands of mentions.
    evidence: std::cell::RefCell<rustc_hash::FxHashMap<String, bool>>,
    /// Answers of [`Resolver::place_or_organisation`] so far, by name: each reads the text.
    not_persons: std::cell::RefCell<rustc_hash::FxHashMap<String, bool>>,
    /// For a long text, built once many words were asked about.
    place_cues: std::cell::OnceCell<PlaceCues<'a>>,
    /// Answers of [`Resolver::fitting`] so far.
    fitting: std::cell::RefCell<rustc_hash::FxHashMap<Option<Gender>, std::rc::Rc<[u32]>>>,
}

/// Bytes from which a text is long enough to be read once for all questions about places.
const LONG_TEXT: usize = 64 * 1024;

impl Resolver<'_> {
    fn sentence_of(&self, at: usize) -> usize {
        self.sentences.partition_point(|&s| s <= at)
    }

    /// Where sentence `s` (as [`Resolver::sentence_of`] numbers them) starts.
    fn sentence_start(&self, s: usize) -> usize {
        s.checked_sub(1).map_or(0, |i| self.sentences[i])
    }

    /// The canonical name and the gender of the person a name found in the text stands for.
    fn person(&self, name: &str, gender: Option<Gender>) -> Person {
        let key = (name.to_string(), gender);
        if let Some(known) = self.people.borrow().get(&key) {
            return known.clone();
        }
        let found = self.find_person(name, gender);
        self.people.borrow_mut().insert(key, found.clone());
        found
    }

    /// Whether the article shows `name` to be a person's ([`names::person_evidence`]).
    fn person_evidence(&self, name: &str) -> bool {
        if !self.by_name.indexed() {
            return self.by_name.person_evidence(name);
        }
        if let Some(&known) = self.evidence.borrow().get(name) {
            return known;
        }
        let found = self.by_name.person_evidence(name);
        self.evidence.borrow_mut().insert(name.to_string(), found);
        found
    }

    /// True when a lone word the article shows no sign of being a person's name is used as a
    /// place (`in Virginia`) or heads an organisation's name (`Peabody Energy`).
    fn place_or_organisation(&self, word: &str) -> bool {
        if let Some(&known) = self.not_persons.borrow().get(word) {
            return known;
        }
        let found = !self.person_evidence(&self.by_name.fullest(word).0) && {
            // A long text asked about many words is read once for all of them.
            let asked = self.not_persons.borrow().len();
            if self.text.len() >= LONG_TEXT && asked >= 32 && self.lookups == Lookups::Indexed {
                let cues = self.place_cues.get_or_init(|| PlaceCues::new(self.text));
                cues.used_as_place(word) || cues.organisations.contains(word)
            } else {
                used_as_place(self.text, word) || names::heads_organisation(self.text, word)
            }
        };
        self.not_persons.borrow_mut().insert(word.to_string(), found);
        found
    }

    fn find_person(&self, name: &str, gender: Option<Gender>) -> Person {
        let (full, mention) = self.by_name.fullest(&names::strip_common_lead(self.text, name));
        let gender = gender
            .or_else(|| mention.and_then(|m| m.gender))
            .or_else(|| full.split(' ').next().and_then(names::gender_of_word))
            .or_else(|| self.by_name.gender_of(&full));
        (full, gender)
    }

    /// Gender and person evidence of a mention, computed once per mention (pronoun and
    /// subject resolution ask for them again and again).
    fn info(&self, m: &Mention) -> (Option<Gender>, bool) {
        // The mention's index in `mentions`, from its address (callers hand out references
        // into that slice; anything else is computed afresh).
        let size = std::mem::size_of::<Mention>().max(1);
        let offset = (m as *const Mention as usize).wrapping_sub(self.mentions.as_ptr() as usize);
        let i = offset / size;
        let Some(i) = (offset.is_multiple_of(size)
            && self.mentions.get(i).is_some_and(|x| std::ptr::eq(x, m)))
        .then_some(i) else {
            let name = m.words.join(" ");
            return (self.person(&name, m.gender).1, self.person_evidence(&name));
        };
        *self.info[i].get_or_init(|| {
            let name = m.words.join(" ");
            (self.person(&name, m.gender).1, self.person_evidence(&name))
        })
    }

    /// True when `at` falls inside a quoted stretch.
    fn in_quote(&self, at: usize) -> bool {
        let i = self.inside_quotes.partition_point(|r| r.end <= at);
        self.inside_quotes.get(i).is_some_and(|r| r.start <= at)
    }

    /// The text right after a mention's last name word.
    fn after_mention(&self, m: &Mention) -> &str {
        let last = m.words.last().map_or("", String::as_str);
        self.text[m.at..]
            .find(last)
            .map_or("", |pos| &self.text[m.at + pos + last.len()..])
    }

    /// The word after a mention (`said` in `Jolly said`), empty after a possessive.
    fn word_after(&self, m: &Mention) -> &str {
        let after = self.after_mention(m).trim_start();
        after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("")
    }

    /// True when a verb of saying or judging follows the mention (`Clinton called`).
    fn next_word_is_cue(&self, m: &Mention) -> bool {
        is_cue(self.word_after(m))
    }

    /// True when a reporting verb stands right after the mention (`Jolly said`) or right
    /// before it (`said Jolly`).
    fn next_to_verb(&self, m: &Mention) -> bool {
        let before = self.text[..m.at].trim_end();
        let prev = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        is_verb(self.word_after(m)) || is_verb(prev)
    }

    fn gender_of(&self, m: &Mention) -> Option<Gender> {
        self.info(m).0
    }

    /// How many mentions start before byte `at` (mentions are in text order).
    fn mentions_before(&self, at: usize) -> usize {
        self.mentions.partition_point(|m| m.at < at)
    }

    fn usable(&self, m: &Mention) -> bool {
        self.info(m).1
    }

    /// Whether a pronoun of `gender` (`None`: `they`, `I`) may stand for mention `m`.
    fn fits(&self, m: &Mention, gender: Option<Gender>) -> bool {
        let g = self.gender_of(m);
        self.usable(m) && (gender.is_none() || g.is_none() || g == gender) && !self.in_quote(m.at)
    }

    /// The places in `mentions` of those a pronoun of `gender` may stand for, in text order,
    /// for an article of many mentions: without it, each pronoun of a gender that few
    /// mentions have walked back over all the others (a 2 MB text took seconds). `None` for
    /// an article of few mentions, which are walked.
    fn fitting(&self, gender: Option<Gender>) -> Option<std::rc::Rc<[u32]>> {
        if self.mentions.len() < 64 || self.lookups != Lookups::Indexed {
            return None;
        }
        if let Some(list) = self.fitting.borrow().get(&gender) {
            return Some(list.clone());
        }
        let list: std::rc::Rc<[u32]> = (0..self.mentions.len())
            .filter(|&i| self.fits(&self.mentions[i], gender))
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        self.fitting.borrow_mut().insert(gender, list.clone());
        Some(list)
    }

    /// Of `back`, mentions walked back from a quote, those of the latest sentence: the one
    /// next to a verb of saying, else the first. With the sentence.
    ///
    /// For a pronoun of `chain` (`she said`), a sentence whose people all come after a `she`
    /// of its own (`In her post, she reminded them of the man who shot President Reagan.`)
    /// is passed over: that `she` is its subject, still the person named before it, and the
    /// people it names are not who the pronoun stands for. The sentence's choice stands when
    /// no sentence before it names anyone.
    fn latest_sentence<'m>(
        &self,
        back: impl Iterator<Item = &'m Mention>,
        chain: Option<Gender>,
    ) -> Option<(usize, &'m Mention)> {
        let mut back = back.peekable();
        let mut passed_over = None;
        while let Some(last) = back.next() {
            let s = self.sentence_of(last.at);
            let mut in_sentence = vec![last];
            while let Some(m) = back.next_if(|m| self.sentence_of(m.at) == s) {
                in_sentence.push(m);
            }
            in_sentence.reverse();
            let start = self.sentence_start(s);
            let clause = opening_clause(self.text, start, last.at, in_sentence.iter().copied());
            // `McConnell spokesman Don Stewart wouldn't say`: a name that qualifies the
            // title of the next is not the sentence's subject.
            let heads = || {
                in_sentence.iter().enumerate().filter_map(|(k, m)| {
                    let qualifies = in_sentence.get(k + 1).is_some_and(|n| self.qualifies(m, n));
                    (!qualifies).then_some(m)
                })
            };
            let m = heads()
                .find(|m| self.next_to_verb(m))
                .or_else(|| heads().find(|m| clause.is_none_or(|end| m.at > end)))
                .unwrap_or(&in_sentence[0]);
            let chained = chain.is_some_and(|g| self.pronoun_leads(start, in_sentence[0].at, g, clause));
            if !chained {
                return Some((s, *m));
            }
            passed_over.get_or_insert((s, *m));
        }
        passed_over
    }

    /// True when mention `m` only qualifies the titles written before `next`: nothing but
    /// lower-case words (and a possessive `'s`) between them, the last a title
    /// (`McConnell spokesman Don Stewart`, `Clinton's campaign manager Robby Mook`).
    fn qualifies(&self, m: &Mention, next: &Mention) -> bool {
        // Four words between them at most: a long stretch is never one (and reading it for
        // each pair of mentions would cost the square of a long sentence).
        const NEAR: usize = 120;
        if next.at <= m.at || next.at - m.at > NEAR {
            return false;
        }
        // A mention's place is that of its first title, if any, or of its name.
        let window = crate::snippet::floor_char(self.text, (next.at + NEAR).min(self.text.len()));
        let name_at = next
            .words
            .first()
            .and_then(|w| self.text[next.at..window].find(w.as_str()));
        let Some(name_at) = name_at.map(|i| next.at + i) else {
            return false;
        };
        let gap = &self.text[m.at..name_at];
        if !gap
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '\'' | '’' | '-'))
        {
            return false;
        }
        let between = || gap.split_whitespace().skip(m.words.len());
        (1..=4).contains(&between().count())
            && between().all(|w| {
                // Not a verb or an adverb: `Volcker told committee chairman Fernand St.
                // Germain`, `Wood slated comedian Sacha Baron Cohen`, `Seal also slams
                // actress Stacey Dash` name two people.
                w.chars().all(|c| c.is_lowercase() || c == '-')
                    && !is_cue(w)
                    && !w.ends_with("ed")
                    && !w.ends_with("ly")
                    && !matches!(
                        w,
                        "also" | "then" | "now" | "again" | "has" | "had" | "was" | "is" | "will" | "would"
                    )
            })
            && between().last().is_some_and(names::is_title)
    }

    /// True when the words from `start` to `to` hold `he` or `she` (of `gender`) as the
    /// subject: outside quotation marks and outside an opening clause that ends at
    /// `clause` (`When she took the stage, Clinton said` names Clinton as `she`), and not
    /// of a passive verb whose agent follows (`He was echoed by the deputy minister, Pedro
    /// Aspe, who said`): the agent may well speak next.
    fn pronoun_leads(&self, start: usize, to: usize, gender: Gender, clause: Option<usize>) -> bool {
        let ws = words_in(&self.words, start..to);
        // Inside quotation marks: of a quote (`"… but he just resigned," Trump tweeted`,
        // perhaps opened a paragraph before), the first mark after the pronoun closes it.
        let quoted = |w: &Word| {
            let after = &self.text[w.end..to];
            let closes = after
                .char_indices()
                .find(|(_, c)| matches!(c, '"' | '“' | '”'))
                .is_some_and(|(i, c)| {
                    c == '”'
                        || (c == '"' && after[..i].chars().next_back().is_some_and(|p| !p.is_whitespace()))
                });
            self.in_quote(w.start) || closes
        };
        let Some(at) = ws.iter().position(|w| {
            pronoun_gender(word(self.text, w)) == Some(Some(gender))
                && clause.is_none_or(|end| w.start > end)
                && !quoted(w)
        }) else {
            return false;
        };
        let next = |k: usize| ws.get(at + k).map_or("", |w| word(self.text, w));
        !(matches!(next(1), "was" | "is") && next(3) == "by")
    }

    /// `he said`: the subject (first person named) of the nearest sentence before the quote
    /// that names a person of that gender.
    fn pronoun(&self, at: usize, gender: Option<Gender>) -> Option<(String, Option<Gender>)> {
        self.pronoun_near(at, gender).map(|(n, g, _)| (n, g))
    }

    /// Like [`Resolver::pronoun`]; the third value says whether the person was named in the
    /// quote's own sentence or the one before (a confident resolution).
    fn pronoun_near(&self, at: usize, gender: Option<Gender>) -> Option<(String, Option<Gender>, bool)> {
        let here = self.sentence_of(at);
        // Latest sentence wins; within a sentence, the person next to a verb of saying
        // (`…, Jolly said.`), else the first mention (the subject). Mentions are in text
        // order: walk back from the quote to the latest sentence with a fitting mention and
        // look only at that sentence's mentions.
        let before = self.mentions_before(self.participle_clause_start(at).unwrap_or(at));
        let best = match self.fitting(gender) {
            Some(list) => {
                let n = list.partition_point(|&i| (i as usize) < before);
                self.latest_sentence(
                    list[..n].iter().rev().map(|&i| &self.mentions[i as usize]),
                    gender,
                )
            }
            None => self.latest_sentence(
                self.mentions[..before]
                    .iter()
                    .rev()
                    .filter(|m| self.fits(m, gender)),
                gender,
            ),
        };
        let quoted = self.quoted.latest(at, gender);
        // The person found, and where the text last spoke of them.
        let (found, from) = match (best, quoted) {
            // The speaker of a quote in the same or the previous sentence is who "he" most
            // likely is, even when someone else was named in between; a person named in the
            // quote's own sentence still comes first.
            (Some((s, _)), Some((p, n, g)))
                if self.sentence_of(*p) >= s || (here - self.sentence_of(*p) <= 1 && s < here) =>
            {
                ((n.clone(), *g, here - self.sentence_of(*p) <= 1), *p)
            }
            (Some((s, m)), _) => {
                let (n, g) = self.person(&m.words.join(" "), m.gender);
                ((n, g, here - s <= 1), m.at)
            }
            (None, Some((p, n, g))) => ((n.clone(), *g, here - self.sentence_of(*p) <= 1), *p),
            (None, None) => return None,
        };
        // `The banker said he is more comfortable … “There is no …,” he said.`: a source
        // without a name, the subject of a sentence after the person's, is whom the pronoun
        // stands for; better no speaker than the person named before.
        let after = self.sentences.get(self.sentence_of(from)).copied().unwrap_or(at);
        (after >= at || !self.unnamed_speaks(after, at)).then_some(found)
    }

    /// `Asked by Matt Lauer whether she had rehearsed, she said: "…"`: where the sentence
    /// of byte `at` opens with a participle and a clause, and a `he` or `she` after its
    /// comma speaks, the start of that sentence. The clause's subject is the pronoun's own:
    /// the people it names (who asked, what about) are not whom the pronoun stands for.
    fn participle_clause_start(&self, at: usize) -> Option<usize> {
        let start = self.sentence_start(self.sentence_of(at));
        let ws = words_in(&self.words, start..at);
        let first = word(self.text, ws.first()?);
        // Prepositions in -ing (`During their trip to Texas, he said`) leave the subject open.
        let participle = (first.len() > 4
            && first.ends_with("ing")
            && !matches!(
                first,
                "According"
                    | "During"
                    | "Following"
                    | "Including"
                    | "Regarding"
                    | "Concerning"
                    | "Notwithstanding"
            ))
            || matches!(
                first,
                "Asked" | "Pressed" | "Questioned" | "Challenged" | "Quizzed" | "Confronted" | "Told"
            );
        let pronoun_after_comma = ws.windows(2).any(|pair| {
            self.text[pair[0].end..pair[1].start].contains(',')
                && matches!(pronoun_gender(word(self.text, &pair[1])), Some(Some(_)))
                && !self.in_quote(pair[1].start)
        });
        (participle && pronoun_after_comma).then_some(start)
    }

    /// True when the words from `from` to `to` hold, outside quotation marks, a source
    /// without a name that speaks: a determiner, at most four words, a singular noun for a
    /// source (`the banker`, `another arbitrageur`, `a senior Nomura analyst`) and, right
    /// after it, a verb of saying.
    ///
    /// `the presidential spokesman added` is no such source where a person was named with
    /// that noun before (`White House spokesman Marlin Fitzwater`).
    fn unnamed_speaks(&self, from: usize, to: usize) -> bool {
        let ws = words_in(&self.words, from..to);
        ws.iter().enumerate().any(|(i, w)| {
            let det = word(self.text, w);
            if !matches!(
                det,
                "the" | "The" | "a" | "A" | "an" | "An" | "another" | "Another"
            ) || self.in_quote(w.start)
            {
                return false;
            }
            let Some(k) = ws[i + 1..]
                .iter()
                .take(5)
                .position(|n| is_lone_source(word(self.text, n)))
            else {
                return false;
            };
            let noun = word(self.text, &ws[i + 1 + k]);
            // A person named with the noun before or after their name (`White House
            // spokesman Marlin Fitzwater`, `Ron Glantz, an analyst with Montgomery`).
            let has_noun = |t: &str| {
                t.split(|c: char| !c.is_alphanumeric())
                    .filter(|x| !x.is_empty())
                    .any(|x| x.eq_ignore_ascii_case(noun))
            };
            let named_so = || {
                self.mentions[..self.mentions_before(w.start)].iter().any(|m| {
                    let before = words_in(&self.words, m.at.saturating_sub(80)..m.at);
                    let before = &before[before.len().saturating_sub(3)..];
                    let after = self.after_mention(m);
                    m.words.len() > 1
                        && self.usable(m)
                        && (before
                            .iter()
                            .any(|b| word(self.text, b).eq_ignore_ascii_case(noun))
                            || after.starts_with(", ") && has_noun(after.get(..40).unwrap_or("")))
                })
            };
            ws.get(i + 2 + k).is_some_and(|v| is_verb(word(self.text, v)))
                && !(det.eq_ignore_ascii_case("the") && named_so())
        })
    }

    /// A partial quote inside a sentence: the person the sentence names before it, when a
    /// verb of saying or judging stands between them (`Tribe likened the rules to "burning
    /// the Constitution"`).
    /// The third value says whether the verb is a verb of saying (`said`, `told`) rather
    /// than of judging (`called`, `described`).
    fn subject(
        &self,
        text: &str,
        sentence_start: usize,
        at: usize,
        colon: bool,
    ) -> Option<(String, Option<Gender>, bool)> {
        // The sentence's words up to the quote, tokenized once for all the checks below.
        let ws = words_in(&self.words, sentence_start..at);
        let first_word = ws.first().map(|w| word(text, w));
        // A name inside an earlier quote of the sentence is not its subject.
        let quoted = |pos: usize| {
            let before = &text[sentence_start..pos];
            before.matches('“').count() > before.matches('”').count() || before.matches('"').count() % 2 == 1
        };
        // "Ivana Trump's brief said": the possessor of the noun that speaks is not who speaks.
        let possessive = |m: &Mention| {
            let rest = self.after_mention(m);
            let Some(rest) = rest.strip_prefix("'s ").or_else(|| rest.strip_prefix("’s ")) else {
                return false;
            };
            let mut next = rest.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty());
            matches!((next.next(), next.next()), (Some(noun), Some(verb))
                if noun.starts_with(char::is_lowercase) && is_verb(verb))
        };
        let in_sentence = &self.mentions[self.mentions_before(sentence_start)..self.mentions_before(at)];
        let candidates = || {
            in_sentence
                .iter()
                .filter(|m| !quoted(m.at) && self.usable(m) && !possessive(m))
        };
        // The person right before a verb of saying or judging (`…, Clinton called …`), else
        // the first person named (the subject), after the sentence's opening clause if it has
        // one.
        let clause = opening_clause(text, sentence_start, at, candidates());
        let m = candidates()
            .find(|m| self.next_word_is_cue(m))
            .or_else(|| candidates().find(|m| clause.is_none_or(|end| m.at > end)))
            .or_else(|| candidates().next());
        // "She said Republican Donald Trump favors a “strongman approach”": a pronoun and a
        // verb before any name make the pronoun the subject.
        let pronoun_first = first_word.and_then(pronoun_gender).filter(|_| {
            let upto = m.map_or(at, |m| m.at);
            ws.iter()
                .take_while(|w| w.start < upto)
                .any(|w| is_cue(word(text, w)))
        });
        if let Some(g) = pronoun_first {
            return self.pronoun(sentence_start, g).map(|(n, g)| (n, g, true));
        }
        let Some(m) = m else {
            // "She says his temperament is “dangerous”": the pronoun subject.
            let g = pronoun_gender(first_word?)?;
            return self.pronoun(sentence_start, g).map(|(n, g)| (n, g, false));
        };
        let between = || ws.iter().filter(|w| w.start >= m.at).map(|w| word(text, w));
        let cued = between().any(is_cue);
        let reported = between().any(is_verb);
        // Without a verb of saying or judging, the subject is still who the sentence quotes
        // (`Trump tells supporters to “go vote”`); only the attribution's name differs.
        // A sentence that already quoted someone leaves its later quotes to that quote's
        // attribution (`“A,” said Ruiz, “B.”`).
        let quoted_before = text[sentence_start..at].contains(['”', '"', '»']);
        if !(cued || colon || !quoted_before) {
            return None;
        }
        let (n, g) = self.person(&m.words.join(" "), m.gender);
        Some((n, g, reported))
    }

    fn role(&self, at: usize, titles: &[String]) -> Option<(String, Option<Gender>)> {
        let key = titles.iter().rev().find(|t| names::is_title(t))?;
        let before = || self.mentions[..self.mentions_before(at)].iter().rev();
        // The person introduced with that title, else the person just named ("Barack Obama
        // called the deal … the president said:").
        let m = before().find(|m| m.titles.iter().any(|t| t == key)).or_else(|| {
            before()
                .take_while(|m| at - m.at < 400)
                .find(|m| m.words.len() > 1 && self.usable(m))
        })?;
        Some(self.person(&m.words.join(" "), m.gender))
    }
}

/// Words that open a clause before a sentence's subject (`After …, Ruiz said`).
const CLAUSE_OPENERS: [&str; 16] = [
    "After",
    "Although",
    "As",
    "Asked",
    "Because",
    "Before",
    "Despite",
    "Following",
    "If",
    "Since",
    "Though",
    "Unless",
    "Unlike",
    "Until",
    "When",
    "While",
];

/// Where the clause that opens the sentence starting at byte `start` ends (its comma), when
/// the sentence opens with one before byte `before`: a subordinating word or a participle
/// (`Noting that both Reagan and Trump battled the media, Schlafly put her finger on …`).
/// The people named in it are not the sentence's subject. `mentions` are the sentence's
/// people: the clause ends at the first comma that one of them follows (`…, Schlafly`), so a
/// comma inside it (`the videos of Mr. Jones and his site, Infowars, were removed`) does not
/// end it; a pronoun after a comma is the subject, and stands for whom the clause named (no
/// clause then). A first word that begins a name (`Manning`, `King`) opens no clause.
fn opening_clause<'m>(
    text: &str,
    start: usize,
    before: usize,
    mentions: impl Iterator<Item = &'m Mention> + Clone,
) -> Option<usize> {
    let head = text.get(start..before)?;
    let named_at = |at: usize| mentions.clone().any(|m| m.at == start + at);
    // The first word from byte `at` of `head`, and where it starts.
    let word_from = |at: usize| {
        let rest = &head[at..];
        let skip = rest.len() - rest.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let word = rest[skip..]
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        (at + skip, word)
    };
    let (lead, first) = word_from(0);
    // `According to Conway, …` names the source itself.
    let participle = first.len() > 4 && first.ends_with("ing") && first != "According";
    if !first.starts_with(char::is_uppercase)
        || !(participle || CLAUSE_OPENERS.contains(&first))
        || named_at(lead)
    {
        return None;
    }
    for (comma, _) in head.match_indices(',') {
        let (at, word) = word_from(comma + 1);
        if pronoun_gender(word).is_some() || ["they", "we", "I", "it"].contains(&word) {
            return None;
        }
        if named_at(at) {
            return Some(start + comma);
        }
    }
    None
}

/// Finds the direct quotes of `body` and attributes each to its source.
///
/// ```
/// use newsdex::extract::quotes::extract_quotes;
/// let body = "Russian President Vladimir Putin met reporters.\n\n\
///             “We will talk in Geneva,” Putin said.";
/// let found = extract_quotes(body);
/// assert_eq!(found.speakers, ["Vladimir Putin"]);
/// assert_eq!(found.quotes[0].text, "We will talk in Geneva,");
/// ```
pub fn extract_quotes(body: &str) -> Extracted {
    extract_quotes_with(body, Lookups::Indexed)
}

/// How a long article's many mentions are looked up: through indexes, or by reading them all
/// (the same answers, at a cost that grows with the square of the article; tests compare).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lookups {
    Indexed,
    #[cfg(test)]
    ReadWhole,
}

fn extract_quotes_with(body: &str, lookups: Lookups) -> Extracted {
    let paras = paragraphs(body);
    let raw = find_quotes(body, &paras);
    if raw.is_empty() {
        return Extracted::default();
    }
    // The words of the whole text, cut once: quotes, the stretches around them and the
    // name finder all take their slices of it.
    let words = names::words(body);
    let speech: Vec<bool> = raw
        .iter()
        .map(|q| is_speech(body, q.content.clone(), words_in(&words, q.content.clone())))
        .collect();
    // Names are looked for only when there is speech to attribute.
    if !speech.contains(&true) {
        return Extracted::default();
    }
    let mentions = names::mentions_in(body, &words);
    let mut res = Resolver {
        text: body,
        mentions: &mentions,
        by_name: match lookups {
            Lookups::Indexed => names::Mentions::new(&mentions),
            #[cfg(test)]
            Lookups::ReadWhole => names::Mentions::read_whole(&mentions),
        },
        lookups,
        info: vec![std::cell::OnceCell::new(); mentions.len()],
        quoted: Quoted::default(),
        inside_quotes: raw
            .iter()
            .zip(&speech)
            .filter(|(_, s)| **s)
            .map(|(q, _)| q.content.clone())
            .collect(),
        sentences: sentence_starts(body),
        words,
        people: Default::default(),
        evidence: Default::default(),
        not_persons: Default::default(),
        place_cues: Default::default(),
        fitting: Default::default(),
    };
    let mut quotes: Vec<Quote> = Vec::new();
    let mut paras_of: Vec<usize> = Vec::new();
    // Quotes whose pronoun named the person of the same or the previous sentence.
    let mut confident: Vec<usize> = Vec::new();
    for (qi, q) in raw.iter().enumerate() {
        let text = Quote::words_in(body, q.content.start, q.content.end).unwrap_or_default();
        if !speech[qi] {
            continue;
        }
        let para = &paras[q.para];
        let next_open = raw
            .get(qi + 1)
            .filter(|n| n.para == q.para)
            .map_or(para.end, |n| n.open);
        let prev_close = qi
            .checked_sub(1)
            .map(|p| &raw[p])
            .filter(|p| p.para == q.para)
            .map_or(para.start, |p| p.close);
        let after = sentence_after(
            body,
            words_in(&res.words, q.close..next_open.max(q.close)),
            q.close,
        );
        let mut before = sentence_before(body, words_in(&res.words, prev_close..q.open), q.open);
        // `He said:` closing the previous paragraph introduces a quote that opens this one.
        if before.is_empty() && q.para > 0 && body[paras[q.para - 1].clone()].trim_end().ends_with(':') {
            let prev = &paras[q.para - 1];
            let end = body[prev.clone()].trim_end().len() + prev.start;
            before = sentence_before(body, words_in(&res.words, prev.start..end), end);
        }
        let gap_before = before.last().map_or("", |w| &body[w.end..q.open.max(w.end)]);
        // `“…” ― Carla Sanchez`: a dash and a name after the quote.
        let dashed = after
            .first()
            .is_some_and(|w| body[q.close..w.start].contains(['―', '—']))
            && names::is_capitalised(word(body, &after[0]));
        let after_cue = if dashed {
            let end = run_from(body, after, 0);
            names::classify(body, &after[..end], false).map(Cue::Named)
        } else {
            cue_after(body, after)
        };
        let (cue, how) = match after_cue {
            Some(c) => {
                let how = if after
                    .first()
                    .is_some_and(|w| &body[w.start..w.end] == "according")
                {
                    Attribution::AccordingTo
                } else {
                    Attribution::After
                };
                (Some(c), how)
            }
            None if !before.is_empty()
                && (gap_before.contains([':', ',']) || !text.ends_with(['.', '!', '?'])) =>
            {
                let cue = cue_before(body, before).or_else(|| {
                    // `Bush: "The mission is …"`: a name and a colon, no verb.
                    if !gap_before.trim_start().starts_with(':') {
                        return None;
                    }
                    let last = before.len() - 1;
                    let mut start = last;
                    while start > 0
                        && names::only_spaces(&body[before[start - 1].end..before[start].start])
                        && names::is_capitalised(word(body, &before[start - 1]))
                    {
                        start -= 1;
                    }
                    let starts_sentence = start == 0;
                    (starts_sentence && names::is_capitalised(word(body, &before[last])))
                        .then(|| names::classify(body, &before[start..], false))
                        .flatten()
                        .map(Cue::Named)
                });
                (cue, Attribution::Before)
            }
            None => (None, Attribution::None),
        };
        let (speaker, kind, how) = match cue {
            // A lone word with no sign in the article that it is a person, which the article
            // uses as a place ("Virginia said") or as the head of an organisation's name
            // ("Peabody said" after "Peabody Energy"), is left unresolved rather than guessed.
            Some(Cue::Named(Named::Person { name, gender, titles }))
                if !name.contains(' ')
                    && gender.is_none()
                    && titles.is_empty()
                    && res.place_or_organisation(&name) =>
            {
                (None, SourceKind::Unknown, how)
            }
            Some(Cue::Named(Named::Person { name, gender, .. })) => {
                let (full, g) = res.person(&name, gender);
                res.quoted.push(q.open, full.clone(), g);
                (Some(full), SourceKind::Person, how)
            }
            Some(Cue::Named(Named::Organisation(o))) => (Some(o), SourceKind::Organisation, how),
            Some(Cue::Named(Named::Role(titles))) => match res.role(q.open, &titles) {
                Some((full, g)) => {
                    res.quoted.push(q.open, full.clone(), g);
                    (Some(full), SourceKind::Person, how)
                }
                None => (None, SourceKind::Unnamed, how),
            },
            Some(Cue::Pronoun(g)) => match res.pronoun_near(q.open, g) {
                Some((full, g, near)) => {
                    res.quoted.push(q.open, full.clone(), g);
                    if near {
                        confident.push(quotes.len());
                    }
                    (Some(full), SourceKind::Person, Attribution::Pronoun)
                }
                None => (None, SourceKind::Unknown, Attribution::None),
            },
            Some(Cue::Unnamed) => (None, SourceKind::Unnamed, how),
            None => {
                // A quote that starts inside a sentence belongs to that sentence's subject.
                let s_start = res.sentences[res.sentence_of(q.open).saturating_sub(1)];
                let inside = body[s_start..q.open].chars().any(char::is_alphanumeric);
                // `Clinton then addressed the crowd: “…”`: a colon hands the quote to the subject.
                let colon = body[..q.open].trim_end().ends_with(':');
                match inside
                    .then(|| res.subject(body, s_start, q.open, colon))
                    .flatten()
                {
                    Some((full, g, reported)) => {
                        res.quoted.push(q.open, full.clone(), g);
                        let how = if reported {
                            Attribution::Subject
                        } else {
                            Attribution::Characterised
                        };
                        (Some(full), SourceKind::Person, how)
                    }
                    None => (None, SourceKind::Unknown, Attribution::None),
                }
            }
        };
        quotes.push(Quote {
            text: text.to_string(),
            speaker,
            source_kind: kind,
            how,
            start: q.content.start,
            end: q.content.end,
        });
        paras_of.push(q.para);
    }
    fill_from_neighbours(body, &paras, &mut quotes, &paras_of, &res);
    // The speakers: persons with a quote attributed by name (after or before it), or with
    // two or more quotes found through weaker cues (pronouns, sentence subjects).
    // Each person's quotes are weighed once: weighed again for each quote, a text of
    // thousands of people took time that grew with the square of its length.
    let named = |q: &Quote| {
        matches!(
            q.how,
            Attribution::After | Attribution::Before | Attribution::AccordingTo | Attribution::Subject
        )
    };
    let mut is_confident = vec![false; quotes.len()];
    for &i in &confident {
        if let Some(c) = is_confident.get_mut(i) {
            *c = true;
        }
    }
    // Per speaker: whether a quote of theirs is strong evidence, and how many are not given
    // to them as the sentence before's subject (too weak to count).
    let mut weight: rustc_hash::FxHashMap<&str, (bool, usize)> = rustc_hash::FxHashMap::default();
    for (i, o) in quotes.iter().enumerate() {
        if let Some(s) = &o.speaker {
            let w = weight.entry(s.as_str()).or_default();
            w.0 |= named(o) || is_confident[i];
            w.1 += usize::from(o.how != Attribution::PreviousSentence);
        }
    }
    let mut speakers: Vec<String> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for q in &quotes {
        let (SourceKind::Person, Some(s)) = (q.source_kind, &q.speaker) else {
            continue;
        };
        // Two weaker cues also do.
        if seen.insert(s.as_str())
            && weight
                .get(s.as_str())
                .is_some_and(|&(strong, n)| strong || n >= 2)
        {
            speakers.push(s.clone());
        }
    }
    Extracted { quotes, speakers }
}

/// Why a quote cannot lend its speaker to another: see `fits` in [`fill_from_neighbours`].
#[derive(Clone, Copy)]
enum Farther {
    /// Quotes farther away may still fit.
    Maybe,
    /// No quote farther away on the same side can fit either.
    No,
}

/// Gives unattributed quotes the speaker of another quote in their paragraph, or of the
/// previous paragraph when theirs holds nothing but quotes.
fn fill_from_neighbours(
    body: &str,
    paras: &[Range<usize>],
    quotes: &mut [Quote],
    paras_of: &[usize],
    res: &Resolver,
) {
    // The run of quotes of the same paragraph around each quote, first and last: found once
    // (looked for from each quote, they cost a paragraph of thousands of quotes, a table of
    // quoted values, millions of steps).
    let n = quotes.len();
    let mut run_first: Vec<usize> = (0..n).collect();
    for i in 1..n {
        if paras_of[i - 1] == paras_of[i] {
            run_first[i] = run_first[i - 1];
        }
    }
    let mut run_last: Vec<usize> = (0..n).collect();
    for i in (0..n.saturating_sub(1)).rev() {
        if paras_of[i + 1] == paras_of[i] {
            run_last[i] = run_last[i + 1];
        }
    }
    // The quotes with an attribution: the only ones `fits` can accept. Each quote's is final
    // once its turn below has passed, so it joins the set then.
    let mut attributed: std::collections::BTreeSet<usize> =
        (0..n).filter(|&j| quotes[j].how != Attribution::None).collect();
    for i in 0..n {
        if i > 0 && quotes[i - 1].how != Attribution::None {
            attributed.insert(i - 1);
        }
        if quotes[i].source_kind != SourceKind::Unknown {
            continue;
        }
        let para = paras_of[i];
        // Another quote of the same sentence, with nothing but its attribution between
        // (`“A,” she said, “B.”`).
        // The quotes of this paragraph sit next to each other; try the nearest first.
        let (first, last) = (run_first[i], run_last[i]);
        // Whether quote `j` can give quote `i` its speaker; `Farther::No` also says that no
        // quote beyond `j` (on the same side of `i`) can. Stretches between `i` and farther
        // quotes only grow, and with them the sentence starts and words they hold, so once a
        // stretch has a sentence start inside, more than one after `j`'s end and more than
        // 30 words, every farther one fails each test below as well. (Tried one by one, a
        // paragraph of thousands of quoted values cost millions of steps: a sixth of the
        // extraction time of the real corpora went to one such file.)
        let fits = |j: usize| -> Result<(), Farther> {
            if quotes[j].how == Attribution::None {
                return Err(Farther::Maybe);
            }
            let (a, b) = if j < i {
                (quotes[j].end, quotes[i].start)
            } else {
                (quotes[i].end, quotes[j].start)
            };
            let (lo, hi) = (a.min(b), b.max(a));
            // Sentence starts strictly inside (lo + 1, hi).
            let inside = &res.sentences[res.sentences.partition_point(|&s| s <= lo + 1)..];
            let inside = &inside[..inside.partition_point(|&s| s < hi)];
            if inside.is_empty() {
                return Ok(());
            }
            // `“A,” X told Y on Monday. “B.”`: the next sentence opens with the quote.
            let in_ab = &res.sentences[res.sentences.partition_point(|&s| s <= a)..];
            // Sentence starts in (a, b), counted up to two.
            let starts_in_ab = || in_ab.iter().take_while(|&&s| s < b).take(2).count();
            let attribution_sentence = j < i
                && matches!(quotes[j].how, Attribution::After | Attribution::AccordingTo)
                && starts_in_ab() == 1
                && in_ab
                    .iter()
                    .take_while(|&&s| s <= b)
                    .any(|&s| body[s..b].trim().len() <= 3);
            if attribution_sentence {
                return Ok(());
            }
            // Across a sentence end only when nobody else is named in between
            // (`“A,” X said at a rally on Monday. “B.”`). Mentions are in text order: only
            // those between are read.
            if body[lo..hi].split_whitespace().take(31).count() > 30 {
                return Err(if j > i || starts_in_ab() > 1 {
                    Farther::No
                } else {
                    Farther::Maybe
                });
            }
            let named_between = res.mentions[res.mentions.partition_point(|m| m.at <= lo)..]
                .iter()
                .take_while(|m| m.at < hi)
                .any(|m| {
                    quotes[j].speaker.as_deref() != Some(res.by_name.fullest(&m.words.join(" ")).0.as_str())
                });
            if named_between {
                Err(Farther::Maybe)
            } else {
                Ok(())
            }
        };
        // The attributed quotes of the run, nearest first, the earlier one on a tie.
        let same = {
            let mut before = attributed.range(first..i).rev().copied().peekable();
            let mut after = attributed.range(i + 1..last + 1).copied().peekable();
            let (mut more_before, mut more_after) = (true, true);
            loop {
                let (b, a) = (
                    before.peek().filter(|_| more_before),
                    after.peek().filter(|_| more_after),
                );
                let (j, earlier) = match (b, a) {
                    (Some(&b), Some(&a)) if i - b <= a - i => (before.next(), true),
                    (_, Some(_)) => (after.next(), false),
                    (Some(_), None) => (before.next(), true),
                    (None, None) => break None,
                };
                let Some(j) = j else { break None };
                match fits(j) {
                    Ok(()) => break Some(j),
                    Err(Farther::No) if earlier => more_before = false,
                    Err(Farther::No) => more_after = false,
                    Err(Farther::Maybe) => {}
                }
            }
        };
        if let Some(j) = same {
            let (s, k) = (quotes[j].speaker.clone(), quotes[j].source_kind);
            quotes[i].speaker = s;
            quotes[i].source_kind = k;
            quotes[i].how = Attribution::SameSentence;
            continue;
        }
        // A quote left open at its paragraph's end continues in the next paragraph's
        // quote, whose attribution covers both.
        let open_ended = quotes[i].end == paras[para].end;
        if open_ended
            && let Some(j) = (i + 1..quotes.len()).find(|&j| paras_of[j] == para + 1)
            && quotes[j].source_kind == SourceKind::Person
            && body[paras[para + 1].start..quotes[j].start]
                .chars()
                .all(|c| !c.is_alphanumeric())
        {
            continue_speaker(quotes, i, j);
            continue;
        }
        // A quote of several paragraphs opens each with a mark and closes only the last, and
        // so does one of several sentences where paragraphs were run together: a quote with
        // nothing but marks and spaces between it and the quote before runs on from it
        // (`Ladyman said: "… nanny state.` ¶ `"It's about …"`; `Brown said: "… at the
        // Treasury. "I congratulate Paul …`).
        // Not a quote that ends in a comma: its attribution follows (`“…,” fishermen on
        // the quay replied`), even one that names no person.
        let attributed_after = quotes[i].text.trim_end().ends_with(',');
        if let Some(j) = i.checked_sub(1)
            && quotes[j].end <= quotes[i].start
            && body[quotes[j].end..quotes[i].start]
                .chars()
                .all(|c| !c.is_alphanumeric())
            && quotes[j].source_kind == SourceKind::Person
            && quotes[j].speaker.is_some()
            && !attributed_after
        {
            continue_speaker(quotes, i, j);
            continue;
        }
        if para > 0 && quote_only(body, &paras[para], quotes, paras_of, para) {
            // The quotes from `first` on are this paragraph's.
            let prev = (0..first).rev().find(|&j| paras_of[j] == para - 1);
            if let Some(j) = prev
                && quotes[j].source_kind == SourceKind::Person
            {
                continue_speaker(quotes, i, j);
                continue;
            }
        }
        if attributed_after {
            continue;
        }
        // `"… could have known," said O'Sullivan.` ¶ `"What I do know is …`: a quote that
        // opens its sentence, the sentence before ending with another person's quote and
        // its attribution, continues that person's words (the people the quote before
        // names are not its speakers).
        if let Some(j) = i.checked_sub(1)
            && quotes[j].source_kind == SourceKind::Person
            && quotes[j].speaker.is_some()
            && opens_after_quote_of(body, res, quotes[i].start, quotes[j].end)
        {
            continue_speaker(quotes, i, j);
            continue;
        }
        if let Some(speaker) = previous_sentence_speaker(body, res, quotes[i].start) {
            quotes[i].speaker = Some(speaker);
            quotes[i].source_kind = SourceKind::Person;
            quotes[i].how = Attribution::PreviousSentence;
        }
    }
}

/// Quote `i` continues the words of quote `j`, a person's: it takes their speaker.
fn continue_speaker(quotes: &mut [Quote], i: usize, j: usize) {
    quotes[i].speaker = quotes[j].speaker.clone();
    quotes[i].source_kind = SourceKind::Person;
    quotes[i].how = Attribution::Continuation;
}

/// The number of the sentence that the quote whose content starts at `content_start` opens
/// (nothing but marks before it in its sentence), as [`Resolver::sentence_of`] counts; `None`
/// when the quote starts inside a sentence.
fn sentence_opened_by(body: &str, res: &Resolver, content_start: usize) -> Option<usize> {
    let open = body[..content_start].char_indices().next_back()?.0;
    let si = res.sentence_of(open);
    let start = *res.sentences.get(si.checked_sub(1)?)?;
    (!body[start..open].chars().any(char::is_alphanumeric)).then_some(si)
}

/// True when the quote whose content starts at `content_start` opens its sentence, and the
/// sentence before holds the end `prev_end` of the quote before.
fn opens_after_quote_of(body: &str, res: &Resolver, content_start: usize, prev_end: usize) -> bool {
    sentence_opened_by(body, res, content_start).is_some_and(|si| {
        prev_end <= res.sentences[si - 1] && res.sentence_of(prev_end.saturating_sub(1)) == si - 1
    })
}

/// `Schiff said. “The other factor …”`: for a quote whose content starts at `content_start`
/// and which opens its sentence, the person the sentence before names with a verb of saying.
fn previous_sentence_speaker(body: &str, res: &Resolver, content_start: usize) -> Option<String> {
    let si = sentence_opened_by(body, res, content_start)?;
    let start = res.sentences[si - 1];
    let prev_start = *res.sentences.get(si.checked_sub(2)?)?;
    // `…, Schiff said.`: the name next to the verb; else the sentence's subject.
    let ws = words_in(&res.words, prev_start..start);
    match cue_before(body, ws) {
        Some(Cue::Named(Named::Person { name, gender, .. })) => Some(res.person(&name, gender).0),
        Some(Cue::Pronoun(g)) => res.pronoun(prev_start, g).map(|(n, _)| n),
        Some(Cue::Named(Named::Role(titles))) => res.role(prev_start, &titles).map(|(n, _)| n),
        Some(_) => None,
        // `Sanders cited young voters' exhaustion … "The younger people are …"`: a verb of
        // saying or judging in the sentence before makes its subject the speaker.
        None => {
            // `The president downplayed the news, saying he had never met McGurk.`: a role
            // is the subject, not the person named later in the sentence; which person the
            // role is, is not known well enough here (`The chairman of the Bar Council,
            // Guy Mansfield QC`, `The spokesman said`).
            if let [the, title, ..] = ws
                && word(body, the) == "The"
                && names::is_title(word(body, title))
            {
                return None;
            }
            let (name, _, reported) = res.subject(body, prev_start, start, false)?;
            let cued = ws.iter().any(|w| is_cue(word(body, w)));
            // `He didn't suggest retaliation. "Our goal …"`: a sentence about the person
            // the pronoun stands for, then their words.
            let pronoun = ws
                .first()
                .is_some_and(|w| pronoun_gender(word(body, w)).is_some());
            (reported || cued || pronoun).then_some(name)
        }
    }
}

/// True when a paragraph holds quotes and nothing else but punctuation.
fn quote_only(body: &str, para: &Range<usize>, quotes: &[Quote], paras_of: &[usize], p: usize) -> bool {
    // Quotes come in text order, so the paragraph's are one run of them.
    let end = paras_of.partition_point(|&pp| pp <= p).min(quotes.len());
    let first = paras_of.partition_point(|&pp| pp < p).min(end);
    let has_words = |s: &str| s.chars().any(char::is_alphanumeric);
    let mut pos = para.start;
    for q in &quotes[first..end] {
        if has_words(&body[pos..q.start.max(pos)]) {
            return false;
        }
        pos = q.end;
    }
    !has_words(&body[pos.min(para.end)..para.end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_person_quoted_is_found_as_walking_back_over_all_does() {
        let genders = [None, Some(Gender::Male), Some(Gender::Female)];
        let mut quoted = Quoted::default();
        for i in 0..60 {
            quoted.push(i * 10 + i % 3, format!("P{i}"), genders[(i * 7 / 3) % 3]);
        }
        for at in (0..640).step_by(7) {
            for gender in genders {
                let fits = |g: Option<Gender>| gender.is_none() || g.is_none() || g == gender;
                let walked = quoted.all.iter().rev().find(|(p, _, g)| *p < at && fits(*g));
                assert_eq!(quoted.latest(at, gender), walked, "{at} {gender:?}");
            }
        }
        assert_eq!(quoted.latest(0, None), None);
    }

    #[test]
    fn place_cues_answer_as_reading_the_text_does() {
        let text = "Talks in Geneva went on from Paris to Rome, around Oslo and within Bern; \
                    across  Lima, of Kyiv's port, in Genevan wine. in";
        let cues = PlaceCues::new(text);
        let mut asked: Vec<&str> = text.split([' ', ',', ';', '.']).collect();
        asked.extend([
            "Gene",
            "Genevan wine",
            "Lima",
            "Kyiv",
            "Kyiv's",
            "",
            "Zurich",
            "Bern",
        ]);
        for word in asked {
            assert_eq!(cues.used_as_place(word), used_as_place(text, word), "{word:?}");
        }
        assert!(cues.used_as_place("Geneva") && cues.used_as_place("Bern") && !cues.used_as_place("Lima"));
    }

    #[test]
    fn a_long_text_of_many_people_is_attributed_as_reading_every_mention_does() {
        // Thousands of mentions, each of another name, pronouns few mentions fit, and lone
        // words used as places: the answers asked of all mentions come from indexes, which
        // must answer as reading every mention does.
        let whole: String = (0..600)
            .map(|i| {
                format!(
                    "Mr Tom Okafor{i} met officials. \"Plan {i} is fine,\" she said. \"It holds,\" \
                     Zed{i} said. Talks in Zed{i} went on. Ms Ann Lee{i} arrived. \"Yes,\" she \
                     said. \"No,\" Okafor{i} said. \"Maybe,\" Ann said. "
                )
            })
            .collect();
        assert!(whole.len() >= LONG_TEXT, "{}", whole.len());
        let said = |e: Extracted| {
            e.quotes
                .into_iter()
                .map(|q| (q.start, q.speaker, q.how))
                .collect::<Vec<_>>()
        };
        let indexed = said(extract_quotes(&whole));
        assert_eq!(indexed, said(extract_quotes_with(&whole, Lookups::ReadWhole)));
        let attributed = indexed.iter().filter(|q| q.1.is_some()).count();
        assert!(attributed * 2 > indexed.len(), "{indexed:?}");
    }

    fn speakers(body: &str) -> Vec<String> {
        extract_quotes(body).speakers
    }

    #[test]
    fn name_after_quote() {
        assert_eq!(speakers("“We will not move,” Putin said."), ["Putin"]);
        assert_eq!(speakers("\"It is over,\" said Mr Blair."), ["Blair"]);
    }

    #[test]
    fn name_before_quote() {
        assert_eq!(speakers("Obama said: “We are ready to act now.”"), ["Obama"]);
        assert_eq!(
            speakers("Obama told reporters on Monday, \"We are ready.\""),
            ["Obama"]
        );
    }

    #[test]
    fn fullest_name_used() {
        let body = "Prime Minister Tony Blair arrived.\n\n\"We stand together,\" said Mr Blair.";
        assert_eq!(speakers(body), ["Tony Blair"]);
    }

    #[test]
    fn organisations_and_unnamed_are_not_persons() {
        let body = "“No comment at this time,” the White House said.\n\n“It is false,” a spokesman said.";
        let e = extract_quotes(body);
        assert!(e.speakers.is_empty(), "{:?}", e.speakers);
        assert_eq!(e.quotes[0].source_kind, SourceKind::Organisation);
        assert_eq!(e.quotes[1].source_kind, SourceKind::Unnamed);
        // Newspapers by their names (Reuters-21578 and BBC quote the Indian Express, the
        // Daily Mirror, the Jewish Chronicle; each became a speaker).
        for paper in [
            "The Indian Express",
            "The Sunday Mail",
            "The Daily Mirror",
            "The Jewish Chronicle",
        ] {
            let e = extract_quotes(&format!("{paper} said: “The defence cow has never been holier.”"));
            assert!(e.speakers.is_empty(), "{paper}: {:?}", e.speakers);
            assert_eq!(e.quotes[0].source_kind, SourceKind::Organisation, "{paper}");
        }
    }

    #[test]
    fn pronoun_resolves_to_last_speaker() {
        let body = "Angela Merkel spoke first. “Europe is strong,” Merkel said.\n\n\
                    “We must stay united,” she added.";
        let e = extract_quotes(body);
        assert_eq!(e.quotes[1].speaker.as_deref(), Some("Angela Merkel"));
        assert_eq!(e.quotes[1].how, Attribution::Pronoun);
    }

    #[test]
    fn a_straight_mark_inside_a_word_is_an_apostrophe() {
        let body = "Kuwait\"s Oil Minister said 1985\"s plans were gone.\n\n\
                    Sheikh Ali was quoted as saying: \"None of the members has asked for a meeting.\"";
        let q = extract_quotes(body).quotes;
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "None of the members has asked for a meeting.");
        // A mark after a letter still opens a quote before a word of its own ...
        let q = extract_quotes("Mr Brown accused them of\"squabbling like schoolboys over money.\"").quotes;
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "squabbling like schoolboys over money.");
        // ... or closes one ...
        let q = extract_quotes("\"The talks have failed,\"said Ali.").quotes;
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "The talks have failed,");
        // ... but an apostrophe inside a quote does not close it.
        let q = extract_quotes("\"I\"m afraid it\"s going down,\" Kohli said.").quotes;
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "I\"m afraid it\"s going down,");
        assert_eq!(q[0].speaker.as_deref(), Some("Kohli"));
    }

    #[test]
    fn a_mark_shaped_to_close_opens_no_quote() {
        // A plural's apostrophe typed as `"` (Reuters-21578).
        let q = extract_quotes("It is the biggest blow to farmers\" incomes, in years, he said.").quotes;
        assert!(q.is_empty(), "{q:?}");
        // The end of a quote whose opening is not in the paragraph (BBC files run paragraphs
        // together): it opened a quote of the narration after it, and every quote after it
        // in the paragraph was read from the wrong marks.
        let body = "They have not been confronted.\" Mr Brown rejected the call of the Liberal \
                    Democrats. \"We will not gloat,\" Mr Brown said. \"The figures speak,\" he added.";
        let q = extract_quotes(body).quotes;
        let said: Vec<(&str, Option<&str>)> = q
            .iter()
            .map(|q| (q.text.as_str(), q.speaker.as_deref()))
            .collect();
        assert_eq!(
            said,
            [
                ("We will not gloat,", Some("Brown")),
                ("The figures speak,", Some("Brown"))
            ]
        );
    }

    #[test]
    fn scare_quotes_are_not_speech() {
        assert!(
            extract_quotes("The so-called \"reforms\" failed, said the report.")
                .quotes
                .is_empty()
        );
        assert!(
            extract_quotes("She starred in “Gone With the Wind” last year.")
                .quotes
                .is_empty()
        );
    }

    #[test]
    fn a_quote_far_behind_does_not_stop_the_search_ahead() {
        // The quote before the two unattributed ones is more than 30 words and two sentences
        // away, so it and every quote before it are ruled out; the one ahead still gives them
        // its speaker.
        let mut body = String::from("“We will talk again in June,” Jane Smith said. ");
        for n in ["first", "second", "third"] {
            body.push_str(&format!(
                "The {n} round of talks in the old harbour town ended late on a wet and windy evening. "
            ));
        }
        body.push_str("“The first offer,” “the second offer,” and “the third offer,” said Tom Brown.");
        let e = extract_quotes(&body);
        let who: Vec<_> = e.quotes.iter().map(|q| (q.speaker.as_deref(), q.how)).collect();
        assert_eq!(
            who,
            [
                (Some("Jane Smith"), Attribution::After),
                (Some("Tom Brown"), Attribution::SameSentence),
                (Some("Tom Brown"), Attribution::SameSentence),
                (Some("Tom Brown"), Attribution::After),
            ]
        );
    }

    #[test]
    fn continuation_paragraph() {
        let body = "“First point,” said John Smith.\n\n“And a second point follows.”";
        let e = extract_quotes(body);
        assert_eq!(e.quotes[1].speaker.as_deref(), Some("John Smith"));
        assert_eq!(e.quotes[1].how, Attribution::Continuation);
    }
}
