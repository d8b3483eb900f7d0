//! Prefix searches: `negotiat*` stands for every word of the index that begins with
//! `negotiat` (case and accents aside), as if they had all been written out with `OR`.
//!
//! The words of the title, subtitle and body (and of quotes) are indexed as English stems,
//! not as written, so the index cannot be asked for its words by their beginning. What it
//! can be asked for are the stems that words beginning with a prefix may have. An English
//! Snowball stem keeps the beginning of its word up to its last letter, which may differ
//! (`happy` → `happi`, `making` → `make`, `possibility` → `possibl`, `skies` → `sky`); a
//! letter and `ying` (`dying`, `vying` → `die`, `vie`) are the only exception. So a word that
//! begins with a prefix has a stem that either
//! - begins with the prefix itself: every other word with that stem begins with the prefix
//!   too, so the stem is **sure** (but for a stem that is the prefix itself ending in a
//!   letter the stemmer may have put there, `e`, `i`, `l` or `y`: `rating` → `rate`);
//! - or is shorter than the prefix and begins like it up to its last letter: `negoti` for
//!   `negotiat*` (`negotiation`). Other words share such a stem (`negotiable`), so it is
//!   **unsure**.
//!
//! Which shorter stems are worth asking for follows from what the stemmer can cut: the part
//! of the prefix a stem would not keep must begin a run of its suffixes (`go` is the stem of
//! no word that begins with `govern`), of steps 1a and 1b alone before its region R1 (`ra` of
//! none that begins with `rate`). [`PrefixQuery`] finds a document through a sure stem
//! without more ado, and through unsure stems only after reading its text back and finding
//! a word that begins with the prefix, so what it finds is exact; a test checks the rule on
//! every word of the sample and real corpora.
//!
//! The unstemmed fields (speakers, authors, source, topics, places, dateline) hold their
//! words as written: every term that begins with the prefix is sure.
//!
//! A prefix standing for more than [`MAX_WORDS`] terms is refused with a hint: a union of
//! thousands of words is slow and rarely what was meant.

use std::collections::BTreeSet;

use tantivy::query::doc_predicate_query::{DocPredicateQuery, FunctionPredicate};
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EmptyQuery, EnableScoring, Occur, Query, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::store::StoreReader;
use tantivy::{BitSet, DocId, DocSet, Searcher, SegmentReader, TERMINATED, TantivyError, Term};

use crate::index::StoredDoc;
use crate::schema::Fields;
use crate::span::QuoteWords;

/// Most terms one prefix may stand for in one field.
pub const MAX_WORDS: usize = 1_000;

/// Last letters a stem may have that its word does not have at that place.
const CHANGED_LAST: [char; 4] = ['e', 'i', 'l', 'y'];

/// True when `stem` may be that of a letter and `ying` (`die` of `dying`), the one kind of
/// word whose stem does not keep its beginning.
fn of_ying(stem: &str) -> bool {
    stem.len() == 3 && stem.ends_with("ie")
}

/// The index terms a prefix stands for in one field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expansion {
    /// Terms every word of which begins with the prefix.
    pub sure: Vec<String>,
    /// Terms only some words of which begin with it: what they find must be checked.
    pub unsure: Vec<String>,
}

/// True when every word whose stem is `term` (a term beginning with `prefix`) begins with
/// `prefix` too.
pub fn sure_stem(prefix: &str, term: &str) -> bool {
    if of_ying(term) {
        return false;
    }
    if term.len() > prefix.len() {
        return true;
    }
    term == prefix
        && term
            .chars()
            .next_back()
            .is_some_and(|c| !CHANGED_LAST.contains(&c))
}

/// The stems shorter than `prefix`, or as long as it but not beginning with it, that words
/// beginning with `prefix` may have: beginnings of the prefix (`negoti` for `negotiat*`), and
/// beginnings less their last letter with one of the letters the stemmer puts last (`happi`
/// for `happy*`), where what the stem would have cut off can begin a run of the suffixes
/// the stemmer removes (`at…` of `ation`, but not `vern…`: `go` is no stem of a word that
/// begins with `govern`). Not all are in an index; those that are are unsure.
pub fn shorter_stems(prefix: &str) -> Vec<String> {
    let ends: Vec<usize> = prefix.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    let r1 = region_one(prefix);
    let mut out = Vec::new();
    for (k, &end) in ends.iter().enumerate() {
        // Cut after the prefix's first k + 1 letters, which the stem keeps.
        if end < prefix.len() && cut_off(&prefix[end..], prefix[..end].chars().next_back(), end < r1) {
            out.push(prefix[..end].to_string());
        }
        // The (k + 1)th letter changed: a stem of two letters or more.
        if k >= 1 {
            let base = &prefix[..ends[k - 1]];
            if !cut_off(&prefix[base.len()..], None, base.len() < r1) {
                continue;
            }
            for c in CHANGED_LAST {
                let stem = format!("{base}{c}");
                if !prefix.starts_with(&stem) {
                    out.push(stem);
                }
            }
        }
    }
    // A letter and `ying`, stemmed to the letter and `ie`.
    if let Some(first) = prefix.chars().next().filter(char::is_ascii_alphabetic) {
        let rest = &prefix[1..];
        if !rest.is_empty() && "ying".starts_with(rest) {
            out.push(format!("{first}ie"));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Where the stemmer's region R1 begins in every word that begins with `prefix`, at the
/// earliest (byte offset): after the first letter that is not a vowel following a vowel.
/// Only the suffixes of steps 1a and 1b ([`EARLY`]) are taken from before it. A `y` counts as
/// a vowel before and as a consonant after, which can only put the answer earlier than the
/// stemmer's own (as do the words whose R1 it starts later: `gener…`, `organ…`). `usize::MAX`
/// when the prefix holds no such letter: all of it lies before R1.
fn region_one(prefix: &str) -> usize {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let Some(first) = prefix.find(|c: char| vowel(c) || c == 'y') else {
        return usize::MAX;
    };
    prefix[first..]
        .char_indices()
        .skip(1)
        .find(|&(_, c)| !vowel(c))
        .map_or(usize::MAX, |(i, c)| first + i + c.len_utf8())
}

/// The suffixes steps 1a and 1b of the stemmer remove, the only ones it takes from before
/// R1 ([`region_one`]), with `y`, which step 1c turns into `i`.
const EARLY: [&str; 12] = [
    "ed", "edly", "ing", "ingly", "eed", "eedly", "s", "es", "ies", "ied", "sses", "y",
];

/// Every suffix the English Snowball stemmer removes or replaces (the `among` lists of
/// `english.sbl`, less its whole-word exceptions), with `y`, which it turns into `i`.
const SUFFIXES: [&str; 68] = [
    "able", "abli", "al", "alism", "aliti", "alize", "alli", "ance", "anci", "ant", "at", "ate", "ation",
    "ational", "ative", "ator", "biliti", "bl", "bli", "e", "ed", "edly", "eed", "eedly", "ement", "ence",
    "enci", "ent", "entli", "er", "ful", "fulli", "fulness", "ible", "ic", "ical", "icate", "iciti", "ied",
    "ies", "ing", "ingly", "ion", "ism", "iti", "ive", "iveness", "iviti", "iz", "ization", "ize", "izer",
    "l", "lessli", "li", "ment", "ness", "ogi", "ogist", "ous", "ousli", "ousness", "s", "ss", "sses",
    "tional", "us", "y",
];

/// What the stemmer replaces, and by what: a replaced suffix can join the letters before it
/// into a suffix removed later (`ability` → `abiliti` → `able` → ``), so what it cuts from a
/// word need not be a run of whole suffixes.
const REPLACED: [(&str, &str); 38] = [
    ("sses", "ss"),
    ("ied", "i"),
    ("ies", "i"),
    ("ied", "ie"),
    ("ies", "ie"),
    ("eed", "ee"),
    ("eedly", "ee"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("abli", "able"),
    ("entli", "ent"),
    ("izer", "ize"),
    ("ization", "ize"),
    ("ational", "ate"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("aliti", "al"),
    ("alli", "al"),
    ("fulness", "ful"),
    ("ousli", "ous"),
    ("ousness", "ous"),
    ("iveness", "ive"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("bli", "ble"),
    ("ogi", "og"),
    ("ogist", "og"),
    ("fulli", "ful"),
    ("lessli", "less"),
    ("alize", "al"),
    ("icate", "ic"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("at", "ate"),
    ("bl", "ble"),
    ("iz", "ize"),
];

/// The pieces what the stemmer cuts from a word is made of: [`SUFFIXES`], and each replaced
/// suffix with the letters that its replacement joins into a later suffix (`a` + `biliti`,
/// `ic` + `ation`, `enc` + `ies`), twice over; `y` read as `i`. With `early`, the pieces of
/// [`EARLY`] alone.
fn pieces(early: bool) -> &'static Pieces {
    static ALL: std::sync::OnceLock<Pieces> = std::sync::OnceLock::new();
    static FIRST_STEPS: std::sync::OnceLock<Pieces> = std::sync::OnceLock::new();
    if early {
        return FIRST_STEPS.get_or_init(|| Pieces::new(EARLY.iter().map(|s| s.to_string()).collect()));
    }
    ALL.get_or_init(|| {
        let mut all: Vec<String> = SUFFIXES.iter().map(|s| s.to_string()).collect();
        let mut later: Vec<String> = all.clone();
        later.extend(REPLACED.iter().map(|(_, r)| r.to_string()));
        for _ in 0..2 {
            let mut joined = Vec::new();
            for (original, replacement) in REPLACED {
                for s in &later {
                    if s.len() > replacement.len() && s.ends_with(replacement) {
                        joined.push(format!("{}{original}", &s[..s.len() - replacement.len()]));
                    }
                }
            }
            later.extend(joined.iter().cloned());
            all.extend(joined);
        }
        Pieces::new(all)
    })
}

/// Suffixes as the stemmer may cut them, each once, and every end of each.
struct Pieces {
    whole: Vec<String>,
    ends: Vec<String>,
}

impl Pieces {
    fn new(pieces: Vec<String>) -> Pieces {
        let mut whole: Vec<String> = pieces.into_iter().map(|s| s.replace('y', "i")).collect();
        whole.sort_unstable();
        whole.dedup();
        let mut ends: Vec<String> = whole
            .iter()
            .flat_map(|s| s.char_indices().map(|(k, _)| s[k..].to_string()))
            .collect();
        ends.sort_unstable();
        ends.dedup();
        Pieces { whole, ends }
    }

    /// True when `tail` begins a run of whole pieces, any of them after the letter before it
    /// doubled (`preferred` → `prefer`: `er`, `r`, `ed`).
    fn run(&self, tail: &str, before: Option<char>) -> bool {
        tail.is_empty()
            || before.is_some_and(|b| tail.starts_with(b) && self.run(&tail[b.len_utf8()..], None))
            || self.whole.iter().any(|s| {
                s.starts_with(tail)
                    || (tail.starts_with(s.as_str()) && self.run(&tail[s.len()..], s.chars().next_back()))
            })
    }
}

/// True when `tail`, the end of a prefix that a stem would not keep, can be the beginning
/// of what the stemmer cut from a word: a run of [`pieces`] (of the first steps' alone when
/// the cut is `before_r1`), the first of which may be entered part-way (a replaced suffix
/// keeps its first letters: `tional` → `tion`) or after the letter `last` doubled (`hopping`
/// → `hop`). The stemmer turns a final `y` into `i` before it looks for suffixes, so `y` is
/// read as `i` (and so is `Y`, which folding makes of some letters, and the stemmer reads as
/// `y`).
fn cut_off(tail: &str, last: Option<char>, before_r1: bool) -> bool {
    let as_i = |c: char| if c == 'y' || c == 'Y' { 'i' } else { c };
    let tail: String = tail.chars().map(as_i).collect();
    let last = last.map(as_i);
    let pieces = pieces(before_r1);
    // Every end of a piece, the whole piece included.
    let entered = pieces.ends.iter().any(|part| {
        part.starts_with(&tail)
            || (tail.starts_with(part.as_str()) && pieces.run(&tail[part.len()..], part.chars().next_back()))
    });
    entered || last.is_some_and(|l| tail.starts_with(l) && pieces.run(&tail[l.len_utf8()..], None))
}

/// The terms `prefix` (folded, unstemmed) stands for in `field` of every segment: all terms
/// beginning with it and, when the field is `stemmed`, the shorter stems the index holds.
/// `Err` with the number found when that is more than [`MAX_WORDS`].
pub fn expand(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
    stemmed: bool,
) -> tantivy::Result<Result<Expansion, usize>> {
    let mut starting: BTreeSet<String> = BTreeSet::new();
    let mut shorter: BTreeSet<String> = BTreeSet::new();
    let candidates = if stemmed {
        shorter_stems(prefix)
    } else {
        Vec::new()
    };
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field)?;
        let terms = index.terms();
        let mut stream = terms.range().ge(prefix.as_bytes()).into_stream()?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !term.starts_with(prefix) {
                break;
            }
            if !starting.contains(term) {
                starting.insert(term.to_string());
                if starting.len() > MAX_WORDS {
                    return Ok(Err(starting.len()));
                }
            }
        }
        for c in &candidates {
            if !shorter.contains(c) && terms.get(c)?.is_some() {
                shorter.insert(c.clone());
            }
        }
    }
    if starting.len() + shorter.len() > MAX_WORDS {
        return Ok(Err(starting.len() + shorter.len()));
    }
    let (sure, mut unsure): (Vec<String>, Vec<String>) = starting
        .into_iter()
        .partition(|t| !stemmed || sure_stem(prefix, t));
    unsure.extend(shorter);
    unsure.sort_unstable();
    unsure.dedup();
    Ok(Ok(Expansion { sure, unsure }))
}

/// The words a prefix stands for in one field, as a query that finds exactly the documents
/// holding such a word: the union of its terms, each ranked as the word itself would be. A
/// document found only through unsure terms is checked against its stored text (or, for a
/// quote, its article's); one holding a sure term never is. The terms are read from the
/// searcher the query runs on, when it runs.
#[derive(Debug, Clone)]
pub struct PrefixQuery {
    field: Field,
    prefix: String,
    stemmed: bool,
    /// Finds the quotes whose words hold such a word (`field` is then `text`).
    in_quotes: bool,
}

impl PrefixQuery {
    /// The terms `prefix` (folded, unstemmed) stands for in `field`; a `stemmed` field
    /// holds stems, which are checked.
    pub fn new(field: Field, prefix: &str, stemmed: bool) -> PrefixQuery {
        PrefixQuery {
            field,
            prefix: prefix.to_string(),
            stemmed,
            in_quotes: false,
        }
    }

    /// The same words, found in quotes: within each quote's span of its article's `text`.
    pub(crate) fn within_quotes(self) -> PrefixQuery {
        PrefixQuery {
            in_quotes: true,
            ..self
        }
    }
}

impl Query for PrefixQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let Some(searcher) = scoring.searcher() else {
            return Err(TantivyError::InvalidArgument(
                "a prefix search needs the index's words".to_string(),
            ));
        };
        let e = expand(searcher, self.field, &self.prefix, self.stemmed)?
            .map_err(|_| TantivyError::InvalidArgument(too_many(&self.prefix)))?;
        let term = |t: &String| Term::from_field_text(self.field, t);
        let any = |terms: &[String]| -> Box<dyn Query> {
            match terms {
                _ if self.in_quotes => Box::new(QuoteWords::any(terms.iter().map(term).collect())),
                [one] => Box::new(TermQuery::new(term(one), IndexRecordOption::WithFreqs)),
                _ => Box::new(BooleanQuery::new_multiterms_query(
                    terms.iter().map(term).collect(),
                )),
            }
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !e.sure.is_empty() {
            clauses.push((Occur::Should, any(&e.sure)));
        }
        if !e.unsure.is_empty() {
            let check = WordBegins {
                prefix: self.prefix.clone(),
                field: self.field,
                fields: Fields::new(searcher.schema())?,
                in_quotes: self.in_quotes,
                // A quote holds no term of its own: each is checked.
                sure: if self.in_quotes {
                    Vec::new()
                } else {
                    e.sure.iter().map(term).collect()
                },
            };
            clauses.push((
                Occur::Should,
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, any(&e.unsure)),
                    (
                        Occur::Must,
                        Box::new(ConstScoreQuery::new(Box::new(check.query()), 0.0)),
                    ),
                ])),
            ));
        }
        match clauses.len() {
            0 => EmptyQuery.weight(scoring),
            1 => clauses.remove(0).1.weight(scoring),
            _ => BooleanQuery::new(clauses).weight(scoring),
        }
    }
}

/// The check of a document found through unsure terms only: does its text hold a word, as
/// written (case and accents aside), that begins with the prefix?
#[derive(Clone)]
struct WordBegins {
    prefix: String,
    field: Field,
    fields: Fields,
    /// The documents checked are quotes, whose words are their article's within their span.
    in_quotes: bool,
    /// The sure terms: a document holding one matches without a check.
    sure: Vec<Term>,
}

/// Blocks of a segment's document store each check keeps decompressed.
const CHECK_BLOCKS: usize = 8;

impl WordBegins {
    fn query(self) -> DocPredicateQuery {
        DocPredicateQuery::from(FunctionPredicate::from(move |segment: &SegmentReader| {
            let mut sure = BitSet::with_max_value(segment.max_doc());
            let index = segment.inverted_index(self.field)?;
            for term in &self.sure {
                if let Some(mut postings) = index.read_postings(term, IndexRecordOption::Basic)? {
                    let mut doc = postings.doc();
                    while doc != TERMINATED {
                        sure.insert(doc);
                        doc = postings.advance();
                    }
                }
            }
            let store = segment.get_store_reader(CHECK_BLOCKS)?;
            let this = self.clone();
            Ok(move |doc: DocId| sure.contains(doc) || this.holds(&store, doc))
        }))
    }

    /// True when the text of document `doc` holds a word that begins with the prefix.
    fn holds(&self, store: &StoreReader, doc: DocId) -> bool {
        let f = &self.fields;
        let Ok(stored) = store.get::<StoredDoc>(doc) else {
            return false;
        };
        // A quote's words are its article's, n documents before it (see `record`).
        if self.in_quotes {
            let Some(n) = crate::index::quote_number(f, &stored) else {
                return false;
            };
            let Some(article) =
                crate::index::article_place(doc, n as u64).and_then(|at| store.get::<StoredDoc>(at).ok())
            else {
                return false;
            };
            let body = article.text(f.body).unwrap_or_default();
            return crate::index::stored_quote(f, &article, body, n)
                .is_some_and(|q| begins(&self.prefix, &q.text));
        }
        let texts: &[Field] = if self.field == f.title {
            &[f.title]
        } else if self.field == f.subtitle {
            &[f.subtitle]
        } else {
            &[f.title, f.subtitle, f.body]
        };
        texts
            .iter()
            .any(|&t| stored.text(t).is_some_and(|text| begins(&self.prefix, text)))
    }
}

/// True when `text` holds a word, as the `exact` analyzer reads it, that begins with `prefix`.
///
/// An ASCII prefix is first looked for in the bytes, either case: an occurrence that starts a
/// word (of fewer than 64 bytes, as the analyzer keeps) answers yes, and a text of ASCII alone
/// with none answers no. Only a text with other characters, whose words may fold to the
/// prefix (`Ráte`), is read word by word. Reading every text word by word was a quarter of a
/// prefix search's time.
fn begins(prefix: &str, text: &str) -> bool {
    if let Some(&first) = prefix.as_bytes().first().filter(|_| prefix.is_ascii()) {
        let (p, b) = (prefix.as_bytes(), text.as_bytes());
        let word_char = |c: char| c.is_alphanumeric();
        for i in memchr::memchr2_iter(first, first.to_ascii_uppercase(), b) {
            if !b[i..].get(..p.len()).is_some_and(|w| w.eq_ignore_ascii_case(p))
                || text[..i].chars().next_back().is_some_and(word_char)
            {
                continue;
            }
            let end = text[i..]
                .find(|c: char| !word_char(c))
                .map_or(text.len(), |n| i + n);
            if end - i < crate::words::LONGEST {
                return true;
            }
        }
        if text.is_ascii() {
            return false;
        }
    }
    words_begin(prefix, text)
}

/// [`begins`], reading every word.
fn words_begin(prefix: &str, text: &str) -> bool {
    let Some(mut words) = crate::schema::analyzer(crate::schema::EXACT) else {
        return false;
    };
    let mut stream = words.token_stream(text);
    while stream.advance() {
        if stream.token().text.starts_with(prefix) {
            return true;
        }
    }
    false
}

/// What is said of a prefix that stands for more than [`MAX_WORDS`] words.
pub fn too_many(prefix: &str) -> String {
    format!("'{prefix}*' stands for more than {MAX_WORDS} different words in the index")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stem of a word as the `stemmed` analyzer folds it (not cut into words again: a
    /// folded word may hold a mark that is no letter, as `i̇` from `İ`).
    fn stem(word: &str) -> String {
        let mut out = String::new();
        crate::stem::StemCache::default().stem_into(word, &mut out);
        out
    }

    /// Every prefix of every word finds the word's stem among the terms beginning with it or
    /// among its shorter stems, and a stem called sure is only ever the stem of words that
    /// begin with the prefix.
    fn holds_for(words: &[String]) {
        // Words share their beginnings: each prefix's stems are worked out once.
        let mut asked: std::collections::HashMap<String, Vec<String>> = Default::default();
        for w in words {
            let t = stem(w);
            if t.is_empty() {
                continue;
            }
            for end in w.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let p = &w[..end];
                assert!(
                    t.starts_with(p)
                        || asked
                            .entry(p.to_string())
                            .or_insert_with(|| shorter_stems(p))
                            .contains(&t),
                    "{w} (stem {t}) is not found by {p}*"
                );
            }
            // Every prefix that calls `t` sure must begin `w`.
            for end in t.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let p = &t[..end];
                if sure_stem(p, &t) {
                    assert!(w.starts_with(p), "{t} is called sure for {p}*, but {w} has it");
                }
            }
        }
    }

    #[test]
    fn a_prefix_finds_the_stem_of_every_word_it_begins() {
        let words: Vec<String> = [
            "negotiation",
            "negotiable",
            "negotiating",
            "happy",
            "happiness",
            "happily",
            "making",
            "made",
            "possibility",
            "possibly",
            "skies",
            "sky",
            "dying",
            "lying",
            "tying",
            "died",
            "organization",
            "organ",
            "organise",
            "generously",
            "agreed",
            "being",
            "cries",
            "crying",
            "hopping",
            "hoped",
            "ties",
            "news",
            "gently",
            "early",
            "only",
            "singly",
            "ugly",
            "idly",
            "vying",
            "conditional",
            "sensational",
            "rational",
            "famously",
            "analogies",
            "valencies",
            "abilities",
            "ability",
            "inning",
            "proceed",
            "succeeding",
            "atlas",
            "cosmos",
            "bias",
            "andes",
            "naïveté",
            "München",
            "a",
            "i",
            "go",
            "x2",
        ]
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
        let folded: Vec<String> = words
            .iter()
            .flat_map(|w| crate::query::analyze(crate::schema::EXACT, w))
            .map(|(_, t)| t)
            .collect();
        holds_for(&folded);
    }

    #[test]
    fn the_rule_holds_for_every_word_of_the_sample_corpus_and_the_real_corpora() {
        let mut texts: Vec<std::path::PathBuf> = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let shared = root.join("../shared/corpora");
        for dir in [root.join("sample-corpus"), shared.clone()] {
            texts.extend(
                walkdir::WalkDir::new(dir)
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .map(|e| e.into_path()),
            );
        }
        if std::env::var_os("NEWSDEX_REQUIRE_CORPORA").is_some_and(|v| v == "1") {
            assert!(
                shared.is_dir(),
                "NEWSDEX_REQUIRE_CORPORA=1 but {} is missing",
                shared.display()
            );
        }
        let mut words = BTreeSet::new();
        for path in texts {
            let Ok(bytes) = std::fs::read(&path) else { continue };
            let text = String::from_utf8_lossy(&bytes);
            for (_, w) in crate::query::analyze(crate::schema::EXACT, &text) {
                words.insert(w);
            }
        }
        assert!(words.len() > 1_000, "{} words", words.len());
        holds_for(&words.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn looking_in_the_bytes_answers_as_reading_every_word() {
        let long = format!("rate{} rat", "s".repeat(70));
        let texts = [
            "The Rate rose.",
            "Interest RATES rose; a pirate said so.",
            "pirate curate separate",
            "Ráte and ratë are folded, rate is not.",
            "Ráte only",
            "naïve rates",
            "x-rate 2rate rate2",
            "",
            "r",
            long.as_str(),
            "Ünïcode rätes",
        ];
        for text in texts {
            for prefix in [
                "rate", "rat", "r", "ra", "rates", "2rat", "rate2", "x", "naive", "unicod",
            ] {
                assert_eq!(
                    begins(prefix, text),
                    words_begin(prefix, text),
                    "{prefix}* in {text:?}"
                );
            }
        }
        assert!(!begins("rate", &long), "a word of 64 bytes or more is no word");
    }

    #[test]
    fn shorter_stems_are_the_beginnings_and_their_changed_last_letters() {
        let has = |p: &str, t: &str| shorter_stems(p).contains(&t.to_string());
        // What the stem would cut off must begin a run of suffixes.
        for (p, t) in [
            ("happy", "happi"),
            ("happy", "happ"),
            ("negotiat", "negoti"),
            ("organiz", "organ"),
            ("organizat", "organ"),
            ("hopping", "hop"),
            ("hopi", "hope"),
            ("possibility", "possibl"),
            ("dy", "die"),
            ("vyi", "vie"),
            ("going", "go"),
            ("hopp", "hop"),
        ] {
            assert!(has(p, t), "{p}* must ask for {t}: {:?}", shorter_stems(p));
        }
        for (p, t) in [
            ("happy", "h"),
            ("happy", "ha"),
            ("govern", "go"),
            ("govern", "g"),
            ("organiz", "or"),
            ("inform", "in"),
            ("dyn", "die"),
            // Before R1 (`rat|e`) only the first steps' suffixes are taken: not `ate`.
            ("rate", "r"),
            ("rate", "ra"),
        ] {
            assert!(!has(p, t), "{p}* need not ask for {t}: {:?}", shorter_stems(p));
        }
        assert!(!has("happy", "happy"), "the prefix itself is found by the range");
        assert!(sure_stem("negoti", "negotiat"));
        assert!(sure_stem("govern", "govern"));
        assert!(!sure_stem("make", "make"), "`making` stems to `make`");
        assert!(!sure_stem("di", "die"), "`dying` stems to `die`");
    }
}
