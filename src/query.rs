//! The query language: text → syntax tree → Tantivy query.
//!
//! ```text
//! query    := or
//! or       := and ( "OR" and )*
//! and      := near ( ["AND"] near )*            words are all required by default
//! near     := unary ( PROX unary )*               PROX: NEAR/n, PRE/n, /s, /p
//! unary    := "-" primary | "NOT" primary | "+" primary | primary
//! primary  := "(" or ")" | field ":" value | value
//! value    := WORD | PREFIX "*" | '"' PHRASE '"' [ "~" N ] | "(" or ")" | range
//! range    := "[" BOUND "TO" BOUND "]"           date fields only; BOUND is a date or *
//! field    := title | subtitle | body | speaker | author | source | date | topic | place
//!           | dateline | exact
//! ```
//!
//! Words are matched stemmed (`talks` finds `talk`) and case- and accent-insensitively;
//! unfielded words search the title, subtitle and body (one field, `text`; `body:` too), with
//! articles whose headline matches ranked first; `exact:` matches them as written
//! (case and accents aside), unstemmed. A word ending in `*` is a prefix: `negotiat*` finds
//! every word that begins with `negotiat` ([`crate::prefix`]).
//!
//! Proximity, in the syntax news archives use: `a NEAR/5 b` (at most 5 words apart, either
//! order; adjacent words are 1 apart), `a PRE/5 b` (a before b, at most 5 apart), `a /s b`
//! (same sentence), `a /p b` (same paragraph). Operands are words, phrases, `exact:` terms or
//! parenthesised alternatives (`(iran OR syria) NEAR/10 "nuclear deal"`), in the same field. Dates take `2013`, `2013-06`,
//! `2013-06-17` or RFC 3339; a range's bounds are inclusive and a bare date means its whole
//! period (`date:2013-06` is all of June 2013). A range may also be written with two dots,
//! either end open: `date:2013-06..2013-08`, `date:2016..`. Errors carry the 1-based column
//! of the problem and a hint.

use std::ops::Bound;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tantivy::Term;
use tantivy::query::doc_predicate_query::{DocPredicateQuery, FunctionPredicate};
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::phrase::HeadlinePhrase;
use crate::prefix::PrefixQuery;
use crate::schema::{self, Fields};

/// A query that could not be parsed: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("query error at column {column}: {message} ({hint})")]
pub struct QueryError {
    /// 1-based column (in characters) of the problem.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// A field a query can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QField {
    /// The headline.
    Title,
    /// The standfirst.
    Subtitle,
    /// The article text.
    Body,
    /// Names of people quoted.
    Speaker,
    /// Bylines.
    Author,
    /// The outlet.
    Source,
    /// Publication date.
    Date,
    /// Subject codes and keywords.
    Topic,
    /// Place codes.
    Place,
    /// Wire-service dateline.
    Dateline,
    /// Title, subtitle and body, unstemmed.
    Exact,
}

impl QField {
    fn parse(name: &str) -> Option<QField> {
        Some(match name.to_ascii_lowercase().as_str() {
            "title" | "headline" => QField::Title,
            "subtitle" => QField::Subtitle,
            "body" | "text" => QField::Body,
            "speaker" | "speakers" => QField::Speaker,
            "author" | "authors" | "byline" => QField::Author,
            "source" | "outlet" => QField::Source,
            "date" => QField::Date,
            "topic" | "topics" => QField::Topic,
            "place" | "places" => QField::Place,
            "dateline" => QField::Dateline,
            "exact" => QField::Exact,
            _ => return None,
        })
    }

    /// The analyzer that indexes the field.
    pub fn analyzer(self) -> &'static str {
        match self {
            QField::Title | QField::Subtitle | QField::Body => schema::STEMMED,
            QField::Exact => schema::EXACT,
            _ => schema::NAME,
        }
    }

    /// True for a field that article documents have and quote documents do not: in a quote
    /// search it is asked of the quote's article (see [`crate::join`]).
    fn of_article(self) -> bool {
        matches!(
            self,
            QField::Author | QField::Source | QField::Topic | QField::Place | QField::Dateline
        )
    }

    fn fields(self, f: &Fields) -> Field {
        match self {
            QField::Title => f.title,
            QField::Subtitle => f.subtitle,
            // The body is searched with the title and subtitle, in one field (`text`).
            QField::Body => f.text,
            QField::Speaker => f.speakers,
            QField::Author => f.authors,
            QField::Source => f.source,
            QField::Date => f.date,
            QField::Topic => f.topics,
            QField::Place => f.places,
            QField::Dateline => f.dateline,
            // `exact:` has no field of its own: see `fielded`.
            QField::Exact => f.text,
        }
    }
}

const FIELD_HINT: &str =
    "fields are title, subtitle, body, exact, speaker, author, source, date, topic, place, dateline";

/// The parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    /// Matches every article (the empty query).
    All,
    /// Every part must match.
    And(Vec<Ast>),
    /// Any part may match.
    Or(Vec<Ast>),
    /// Must not match.
    Not(Box<Ast>),
    /// One word; `field` `None` means title, subtitle and body (the `text` field).
    Term {
        /// Field named in the query.
        field: Option<QField>,
        /// The word as written.
        text: String,
    },
    /// Any word that begins with `text` (as written, case and accents aside): `negotiat*`.
    Prefix {
        /// Field named in the query (`exact:` is the same as none: a prefix is always
        /// matched against the words as written).
        field: Option<QField>,
        /// The beginning of the word, without its `*`.
        text: String,
        /// 1-based column of the word in the query, for an error that depends on the index
        /// (a prefix that stands for too many words).
        column: usize,
    },
    /// Words in order, at most `slop` positions apart in all.
    Phrase {
        /// Field named in the query.
        field: Option<QField>,
        /// The phrase as written.
        text: String,
        /// Extra positions allowed between the words.
        slop: u32,
    },
    /// Two operands close to each other in the same field.
    Near {
        /// The first operand (a word, phrase, group of alternatives or another proximity).
        left: Box<Ast>,
        /// The second operand.
        right: Box<Ast>,
        /// How close.
        within: Proximity,
    },
    /// Publication date within bounds (inclusive, UTC).
    DateRange {
        /// Earliest instant, inclusive.
        from: Option<DateTime<Utc>>,
        /// Latest instant, inclusive.
        to: Option<DateTime<Utc>>,
    },
}

/// How close the operands of a proximity operator must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proximity {
    /// At most `n` words apart (adjacent words are 1 apart); `ordered` requires the left
    /// operand first.
    Words {
        /// Largest distance in words.
        n: u32,
        /// Left operand before the right one.
        ordered: bool,
    },
    /// In the same sentence.
    Sentence,
    /// In the same paragraph.
    Paragraph,
}

/// Deepest nesting of parentheses a query may have.
const MAX_DEPTH: usize = 64;

/// Most levels of proximity operators a query may nest (each operator of a chain nests the
/// chain so far one level deeper). With [`MAX_DEPTH`] this bounds the depth of every query's
/// tree, which the functions that walk it recurse through.
const MAX_HEIGHT: usize = 128;

/// Levels of `ast`'s tree: 1 for a word.
fn height(ast: &Ast) -> usize {
    1 + match ast {
        Ast::And(parts) | Ast::Or(parts) => parts.iter().map(height).max().unwrap_or(0),
        Ast::Not(inner) => height(inner),
        Ast::Near { left, right, .. } => height(left).max(height(right)),
        Ast::All | Ast::Term { .. } | Ast::Prefix { .. } | Ast::Phrase { .. } | Ast::DateRange { .. } => 0,
    }
}

/// Remarks on a query that parses but may not do what it seems to, one line each: a `*`
/// anywhere but at the end of a word (`t*lks`, or in a phrase) is not a wildcard (it is
/// dropped with the rest of a word's punctuation); only a word's end may be left open
/// (`tal*`).
///
/// ```
/// let ast = newsdex::query::parse("geneva \"tal* of\"").unwrap();
/// assert_eq!(newsdex::query::notes(&ast).len(), 1);
/// assert!(newsdex::query::notes(&newsdex::query::parse("geneva tal*").unwrap()).is_empty());
/// assert!(newsdex::query::notes(&newsdex::query::parse("date:[2016 TO *]").unwrap()).is_empty());
/// ```
pub fn notes(ast: &Ast) -> Vec<String> {
    fn walk(ast: &Ast, out: &mut Vec<String>) {
        match ast {
            Ast::Term { text, .. } | Ast::Phrase { text, .. } if text.contains('*') => out.push(format!(
                "'*' is a wildcard only at the end of a word outside a phrase: '{text}' was \
                 searched for without it (write 'negotiat*' for every word that begins so)"
            )),
            Ast::And(parts) | Ast::Or(parts) => parts.iter().for_each(|p| walk(p, out)),
            Ast::Not(inner) => walk(inner, out),
            Ast::Near { left, right, .. } => {
                walk(left, out);
                walk(right, out);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(ast, &mut out);
    out
}

/// True when the query has a proximity operator or an `exact:` word, which the index can only
/// approximate: candidates are then checked against the article text.
pub fn needs_verification(ast: &Ast) -> bool {
    match ast {
        Ast::Near { .. } => true,
        Ast::Term {
            field: Some(QField::Exact),
            ..
        }
        | Ast::Phrase {
            field: Some(QField::Exact),
            ..
        } => true,
        Ast::And(p) | Ast::Or(p) => p.iter().any(needs_verification),
        Ast::Not(x) => needs_verification(x),
        _ => false,
    }
}

/// Every prefix of the tree: the field it searches (`text` for a quote's words), the prefix
/// folded, its column, and whether the field is stemmed.
pub(crate) fn prefixes(ast: &Ast, fields: &Fields) -> Vec<(Field, String, usize, bool)> {
    fn walk(ast: &Ast, fields: &Fields, out: &mut Vec<(Field, String, usize, bool)>) {
        match ast {
            Ast::Prefix { field, text, column } => {
                let f = field.unwrap_or(QField::Body);
                out.push((
                    f.fields(fields),
                    fold(text),
                    *column,
                    f.analyzer() != schema::NAME,
                ));
            }
            Ast::And(p) | Ast::Or(p) => p.iter().for_each(|x| walk(x, fields, out)),
            Ast::Not(x) => walk(x, fields, out),
            Ast::Near { left, right, .. } => {
                walk(left, fields, out);
                walk(right, fields, out);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(ast, fields, &mut out);
    out
}

/// A prefix as the index's words are written: lower case, accents folded (the word's one
/// token under the `exact` analyzer; the parser admits no prefix with more or fewer).
pub(crate) fn fold(prefix: &str) -> String {
    analyze(schema::EXACT, prefix)
        .pop()
        .map(|(_, t)| t)
        .unwrap_or_default()
}

/// The filter a speaker's name stands for (`--speaker`): the name as a phrase of the
/// speakers' names, or, for one word ending in `*` (`--speaker put*`), every name with a word
/// that begins so. A prefix is refused as in a query (several words before the `*`, none, or
/// one too long), the message naming the name.
pub fn speaker_filter(name: &str) -> Result<Ast, QueryError> {
    let trimmed = name.trim();
    if !trimmed.ends_with('*') {
        return Ok(Ast::Phrase {
            field: Some(QField::Speaker),
            text: name.to_string(),
            slop: 0,
        });
    }
    let p = Parser {
        chars: trimmed.chars().collect(),
        pos: 0,
        depth: 0,
    };
    p.word(Some(QField::Speaker), trimmed, 0).map_err(|e| QueryError {
        message: format!("speaker {trimmed:?}: {}", e.message),
        ..e
    })
}

/// Parses a query. An empty (or all-blank) query is [`Ast::All`].
pub fn parse(input: &str) -> Result<Ast, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    let mut p = Parser {
        chars,
        pos: 0,
        depth: 0,
    };
    p.skip_ws();
    if p.at_end() {
        return Ok(Ast::All);
    }
    let ast = p.parse_or(None)?;
    p.skip_ws();
    if !p.at_end() {
        return Err(p.err(p.pos, "unexpected ')'", "remove it, or add the '(' it closes"));
    }
    Ok(ast)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

/// A proximity operator at the start of `word`: `NEAR/5`, `PRE/5`, `W/5`, `/s`, `/p`.
fn proximity(word: &str) -> Option<Result<Proximity, ()>> {
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "/s" => return Some(Ok(Proximity::Sentence)),
        "/p" => return Some(Ok(Proximity::Paragraph)),
        _ => {}
    }
    let (ordered, rest) = if let Some(r) = lower.strip_prefix("near/").or_else(|| lower.strip_prefix("w/")) {
        (false, r)
    } else if let Some(r) = lower.strip_prefix("pre/") {
        (true, r)
    } else {
        return None;
    };
    Some(
        rest.parse::<u32>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .map(|n| Proximity::Words { n, ordered })
            .ok_or(()),
    )
}

/// True when an AST can be an operand of a proximity operator.
fn proximity_operand(ast: &Ast) -> bool {
    match ast {
        Ast::Term { field, .. } | Ast::Prefix { field, .. } | Ast::Phrase { field, .. } => {
            matches!(
                field,
                None | Some(QField::Title | QField::Subtitle | QField::Body | QField::Exact)
            )
        }
        Ast::Or(parts) => parts.iter().all(proximity_operand),
        Ast::Near { .. } => true,
        _ => false,
    }
}

fn is_special(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"' | '“' | '”')
}

impl Parser {
    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn err(&self, at: usize, message: &str, hint: &str) -> QueryError {
        QueryError {
            column: at + 1,
            message: message.to_string(),
            hint: hint.to_string(),
        }
    }

    /// The bare word at the cursor, without consuming it.
    fn peek_word(&self) -> String {
        self.chars[self.pos..]
            .iter()
            .take_while(|c| !is_special(**c))
            .collect()
    }

    fn parse_or(&mut self, field: Option<QField>) -> Result<Ast, QueryError> {
        let mut parts = vec![self.parse_and(field)?];
        loop {
            self.skip_ws();
            if self.peek_word() != "OR" {
                break;
            }
            let at = self.pos;
            self.pos += 2;
            self.skip_ws();
            if self.at_end() || self.peek() == Some(')') {
                return Err(self.err(at, "OR needs a term on both sides", "write `a OR b`"));
            }
            parts.push(self.parse_and(field)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Ast::Or(parts)
        })
    }

    fn parse_and(&mut self, field: Option<QField>) -> Result<Ast, QueryError> {
        let mut parts = Vec::new();
        loop {
            self.skip_ws();
            if self.at_end() || self.peek() == Some(')') {
                break;
            }
            let w = self.peek_word();
            if w == "OR" {
                if parts.is_empty() {
                    return Err(self.err(self.pos, "OR needs a term on both sides", "write `a OR b`"));
                }
                break;
            }
            if w == "AND" {
                let at = self.pos;
                self.pos += 3;
                self.skip_ws();
                if parts.is_empty() || self.at_end() || self.peek() == Some(')') {
                    return Err(self.err(
                        at,
                        "AND needs a term on both sides",
                        "write `a AND b`, or just `a b`",
                    ));
                }
                continue;
            }
            let first = self.parse_unary(field)?;
            parts.push(self.parse_near(first, field)?);
        }
        if parts.is_empty() {
            let at = self.pos;
            return Err(self.err(
                at,
                "expected a word or phrase here",
                "an empty group `()` matches nothing; remove it",
            ));
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Ast::And(parts)
        })
    }

    /// Proximity operators bind tighter than AND and OR, left to right.
    fn parse_near(&mut self, mut left: Ast, field: Option<QField>) -> Result<Ast, QueryError> {
        const OPERAND_HINT: &str =
            "operands are words, phrases or (a OR b) groups, e.g. `iran NEAR/5 \"nuclear deal\"`";
        // Each operator nests the chain so far one level deeper: a chain of thousands, or of
        // groups holding chains, overflowed the stack of whatever walks the query.
        let mut levels = height(&left);
        loop {
            let save = self.pos;
            self.skip_ws();
            let at = self.pos;
            let word = self.peek_word();
            let Some(op) = proximity(&word) else {
                self.pos = save;
                return Ok(left);
            };
            let Ok(within) = op else {
                return Err(self.err(
                    at,
                    &format!("'{word}' needs a distance from 1 to 1000"),
                    "write NEAR/5 or PRE/5",
                ));
            };
            if !proximity_operand(&left) {
                return Err(self.err(at, &format!("'{word}' cannot follow that"), OPERAND_HINT));
            }
            self.pos += word.chars().count();
            self.skip_ws();
            if self.at_end() || self.peek() == Some(')') || self.peek_word() == "OR" {
                return Err(self.err(
                    at,
                    &format!("'{word}' needs a term on both sides"),
                    "write `a NEAR/5 b`",
                ));
            }
            let right_at = self.pos;
            let right = self.parse_unary(field)?;
            if !proximity_operand(&right) {
                return Err(self.err(
                    right_at,
                    &format!("that cannot be an operand of '{word}'"),
                    OPERAND_HINT,
                ));
            }
            levels = levels.max(height(&right)) + 1;
            if levels > MAX_HEIGHT {
                return Err(self.err(
                    at,
                    "proximity operators nested too deeply",
                    "a chain, with the chains in its groups, may nest at most 128",
                ));
            }
            left = Ast::Near {
                left: Box::new(left),
                right: Box::new(right),
                within,
            };
        }
    }

    fn parse_unary(&mut self, field: Option<QField>) -> Result<Ast, QueryError> {
        if let [a @ ('+' | '-'), b @ ('+' | '-'), ..] = self.chars[self.pos..] {
            // `+-oil` was read as `oil`: ask which was meant instead of guessing.
            return Err(self.err(
                self.pos,
                &format!("'{a}{b}': one sign at most before a word"),
                "write `-word` to exclude a word, `word` to require it",
            ));
        }
        match self.peek() {
            Some('-') => {
                let at = self.pos;
                self.pos += 1;
                if self.at_end() || self.peek().is_some_and(char::is_whitespace) {
                    return Err(self.err(
                        at,
                        "'-' must be followed by the word to exclude",
                        "write `-word` with no space",
                    ));
                }
                Ok(Ast::Not(Box::new(self.parse_primary(field)?)))
            }
            Some('+') => {
                let at = self.pos;
                self.pos += 1;
                if self.at_end() || self.peek().is_some_and(char::is_whitespace) {
                    return Err(self.err(
                        at,
                        "'+' must be followed by the word to require",
                        "write `+word` with no space, or just `word`: every word is required",
                    ));
                }
                self.parse_primary(field)
            }
            // `NOT word`, as other search engines write `-word`.
            _ if self.peek_word() == "NOT" => {
                let at = self.pos;
                self.pos += 3;
                self.skip_ws();
                if self.at_end()
                    || self.peek() == Some(')')
                    || ["AND", "OR", "NOT"].contains(&self.peek_word().as_str())
                {
                    return Err(self.err(
                        at,
                        "NOT needs the word to exclude after it",
                        "write `a NOT b`, or `a -b`",
                    ));
                }
                Ok(Ast::Not(Box::new(self.parse_primary(field)?)))
            }
            _ => self.parse_primary(field),
        }
    }

    fn parse_primary(&mut self, field: Option<QField>) -> Result<Ast, QueryError> {
        let start = self.pos;
        match self.peek() {
            Some('(') => {
                self.pos += 1;
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.err(start, "parentheses nested too deeply", "use at most 64 levels"));
                }
                let inner = self.parse_or(field)?;
                self.depth -= 1;
                self.skip_ws();
                if self.peek() != Some(')') {
                    return Err(self.err(start, "'(' is never closed", "add the matching ')'"));
                }
                self.pos += 1;
                Ok(inner)
            }
            Some(')') => Err(self.err(start, "unexpected ')'", "remove it, or add the '(' it closes")),
            Some('"') | Some('“') => self.parse_phrase(field),
            Some('”') => Err(self.err(start, "unexpected closing quote", "open the phrase with '\"'")),
            _ => {
                let word = self.peek_word();
                if proximity(&word).is_some() {
                    return Err(self.err(
                        start,
                        &format!("'{word}' needs a term on both sides"),
                        "write `a NEAR/5 b`",
                    ));
                }
                if let Some(colon) = word.find(':') {
                    let name = &word[..colon];
                    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic()) {
                        let Some(f) = QField::parse(name) else {
                            return Err(self.err(start, &format!("unknown field '{name}'"), FIELD_HINT));
                        };
                        if field.is_some() && field != Some(f) {
                            return Err(self.err(
                                start,
                                "a field inside another field",
                                "name one field per group",
                            ));
                        }
                        self.pos += name.chars().count() + 1;
                        return self.parse_field_value(f, start);
                    }
                }
                self.pos += word.chars().count();
                self.word(field, &word, start)
            }
        }
    }

    fn word(&self, field: Option<QField>, word: &str, at: usize) -> Result<Ast, QueryError> {
        if field == Some(QField::Date) {
            return date_ast(word, at);
        }
        // `gaddafi~2` is fuzzy matching in Lucene's syntax; here it was the phrase
        // "gaddafi 2", which finds nothing of what was meant.
        if let Some((stem, n)) = word.rsplit_once('~')
            && !stem.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
        {
            return Err(self.err(
                at + stem.chars().count(),
                &format!("'~' after a word ('{word}'): fuzzy matching is not supported"),
                "`~N` follows a phrase (`\"geneva talks\"~3`); for spellings of a name, write them out with OR, or a prefix such as `gadd*`",
            ));
        }
        let open = word.trim_end_matches('*');
        if open.len() < word.len() && !open.contains('*') {
            return match analyze(schema::EXACT, open).len() {
                1 => Ok(Ast::Prefix {
                    field,
                    text: open.to_string(),
                    column: at + 1,
                }),
                // Letters, yet no word: one of 64 bytes or more, which no index holds.
                0 if open.chars().any(char::is_alphanumeric) => Err(self.err(
                    at,
                    &format!("'{word}' is longer than any indexed word (64 bytes or more)"),
                    "write fewer letters before the '*'",
                )),
                0 => Err(self.err(
                    at,
                    "'*' needs the beginning of a word before it",
                    "write `negotiat*` for every word that begins with `negotiat`",
                )),
                _ => Err(self.err(
                    at,
                    &format!("'{word}' is more than one word before its '*'"),
                    "a prefix is the beginning of one word: write `negotiat*`, or the words in full",
                )),
            };
        }
        Ok(Ast::Term {
            field,
            text: word.to_string(),
        })
    }

    fn parse_field_value(&mut self, f: QField, start: usize) -> Result<Ast, QueryError> {
        match self.peek() {
            None => Err(self.err(
                start,
                "field with no value",
                "write `field:word` or `field:\"a phrase\"`",
            )),
            Some(c) if c.is_whitespace() || c == ')' => Err(self.err(
                start,
                "field with no value",
                "write `field:word` or `field:\"a phrase\"`",
            )),
            Some('[') | Some('{') if f == QField::Date => self.parse_range(),
            Some('[') | Some('{') => Err(self.err(
                self.pos,
                "ranges work on date only",
                "write `date:[2013-06-01 TO 2013-06-30]`",
            )),
            Some('"') | Some('“') if f == QField::Date => {
                Err(self.err(self.pos, "dates are not phrases", "write `date:2013-06-17`"))
            }
            Some('"') | Some('“') => self.parse_phrase(Some(f)),
            Some('(') => self.parse_primary(Some(f)),
            _ if self.peek_word().starts_with('/') => Err(self.err(
                start,
                "field with no value",
                "write `field:word` or `field:\"a phrase\"`",
            )),
            _ => {
                let at = self.pos;
                let word = self.peek_word();
                self.pos += word.chars().count();
                self.word(Some(f), &word, at)
            }
        }
    }

    fn parse_phrase(&mut self, field: Option<QField>) -> Result<Ast, QueryError> {
        let start = self.pos;
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(self.err(
                        start,
                        "unbalanced quote: the phrase is never closed",
                        "add the closing '\"'",
                    ));
                }
                Some('"') | Some('”') | Some('“') => {
                    self.pos += 1;
                    break;
                }
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        if text.trim().is_empty() {
            return Err(self.err(
                start,
                "empty phrase",
                "put words between the quotes, or remove them",
            ));
        }
        let mut slop = 0;
        if self.peek() == Some('~') {
            let at = self.pos;
            self.pos += 1;
            let digits: String = self.chars[self.pos..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            self.pos += digits.len();
            slop = digits.parse::<u32>().ok().filter(|n| *n <= 1000).ok_or_else(|| {
                self.err(
                    at,
                    "'~' must be followed by a number of words (0 to 1000)",
                    "write `\"a phrase\"~3`",
                )
            })?;
        }
        if self.peek().is_some_and(|c| !is_special(c)) {
            return Err(self.err(
                self.pos,
                "text right after a phrase",
                "put a space after the closing quote",
            ));
        }
        Ok(Ast::Phrase { field, text, slop })
    }

    fn parse_range(&mut self) -> Result<Ast, QueryError> {
        let start = self.pos;
        self.pos += 1;
        let close = self.chars[self.pos..].iter().position(|c| *c == ']' || *c == '}');
        let Some(len) = close else {
            return Err(self.err(
                start,
                "'[' is never closed",
                "write `date:[2013-06-01 TO 2013-06-30]`",
            ));
        };
        let inner: String = self.chars[self.pos..self.pos + len].iter().collect();
        let inner_at = self.pos;
        self.pos += len + 1;
        let parts: Vec<&str> = inner.split_whitespace().collect();
        if parts.len() != 3 || parts[1] != "TO" {
            return Err(self.err(
                inner_at,
                "a range is `[FROM TO UNTIL]`",
                "write `date:[2013-06-01 TO 2013-06-30]`, `*` for an open end",
            ));
        }
        let bound = |s: &str, end: bool| -> Result<Option<DateTime<Utc>>, QueryError> {
            if s == "*" {
                return Ok(None);
            }
            let (a, b) =
                date_period(s).ok_or_else(|| self.err(inner_at, &format!("bad date '{s}'"), DATE_HINT))?;
            Ok(Some(if end { b } else { a }))
        };
        let (from, to) = (bound(parts[0], false)?, bound(parts[2], true)?);
        if let (Some(a), Some(b)) = (from, to)
            && a > b
        {
            return Err(self.err(
                inner_at,
                "the range ends before it starts, so nothing can match",
                "write the earlier date first",
            ));
        }
        Ok(Ast::DateRange { from, to })
    }
}

const DATE_HINT: &str = "use YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 time such as 2013-06-17T19:45:00Z";

/// `date:2013-06`, or a range written `date:2013-06..2013-08` (either end may be left open:
/// `date:2016..`), the same as `date:[2013-06 TO 2013-08]`.
fn date_ast(word: &str, at: usize) -> Result<Ast, QueryError> {
    let err = |message: String, hint: &str| QueryError {
        column: at + 1,
        message,
        hint: hint.to_string(),
    };
    let period = |s: &str| date_period(s).ok_or_else(|| err(format!("bad date '{s}'"), DATE_HINT));
    let Some((first, last)) = word.split_once("..") else {
        let (from, to) = period(word)?;
        return Ok(Ast::DateRange {
            from: Some(from),
            to: Some(to),
        });
    };
    if first.is_empty() && last.is_empty() {
        return Err(err(
            "a range with neither end".to_string(),
            "write `date:2013-06..2013-08`, or leave one end open: `date:2016..`",
        ));
    }
    let from = (!first.is_empty())
        .then(|| period(first))
        .transpose()?
        .map(|p| p.0);
    let to = (!last.is_empty()).then(|| period(last)).transpose()?.map(|p| p.1);
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        return Err(err(
            "the range ends before it starts, so nothing can match".to_string(),
            "write the earlier date first",
        ));
    }
    Ok(Ast::DateRange { from, to })
}

/// The first and last instant (UTC, inclusive) of a date as a user writes it: `2013` is the
/// whole year, `2013-06` the month, `2013-06-17` the day, an RFC 3339 time that instant.
///
/// ```
/// let (from, to) = newsdex::query::date_period("2013-06").unwrap();
/// assert_eq!(from.to_rfc3339(), "2013-06-01T00:00:00+00:00");
/// assert_eq!(to.to_rfc3339(), "2013-06-30T23:59:59+00:00");
/// ```
pub fn date_period(s: &str) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        let d = d.with_timezone(&Utc);
        return Some((d, d));
    }
    let parts: Vec<&str> = s.split('-').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let day_end =
        |d: NaiveDate| -> Option<DateTime<Utc>> { Some(Utc.from_utc_datetime(&d.and_hms_opt(23, 59, 59)?)) };
    let y = i32::try_from(num(0)?)
        .ok()
        .filter(|y| (1000..=9999).contains(y) && parts[0].len() == 4)?;
    match parts.len() {
        1 => {
            let a = NaiveDate::from_ymd_opt(y, 1, 1)?;
            let b = NaiveDate::from_ymd_opt(y, 12, 31)?;
            Some((start_of(a)?, day_end(b)?))
        }
        2 => {
            let m = num(1)?;
            let a = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            let b = next.pred_opt()?;
            Some((start_of(a)?, day_end(b)?))
        }
        3 => {
            let d = NaiveDate::from_ymd_opt(y, num(1)?, num(2)?)?;
            Some((start_of(d)?, day_end(d)?))
        }
        _ => None,
    }
}

fn start_of(d: NaiveDate) -> Option<DateTime<Utc>> {
    Some(Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0)?))
}

/// Analyzes `text` with the named analyzer: the index terms it produces, with positions.
pub fn analyze(analyzer: &str, text: &str) -> Vec<(usize, String)> {
    let Some(mut a) = schema::analyzer(analyzer) else {
        return Vec::new();
    };
    let mut stream = a.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.position, t.text.clone()));
    }
    out
}

fn text_query(field: Field, analyzer: &str, text: &str, slop: u32) -> Box<dyn Query> {
    tokens_query(field, &analyze(analyzer, text), slop)
}

/// A term query for one token, a phrase query for several, on `field`.
fn tokens_query(field: Field, tokens: &[(usize, String)], slop: u32) -> Box<dyn Query> {
    match tokens {
        [] => Box::new(EmptyQuery),
        [(_, t)] => Box::new(TermQuery::new(
            Term::from_field_text(field, t),
            IndexRecordOption::WithFreqs,
        )),
        _ => {
            let terms = tokens
                .iter()
                .map(|(p, t)| (*p, Term::from_field_text(field, t)))
                .collect();
            Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
        }
    }
}

fn fielded(fields: &Fields, field: Option<QField>, text: &str, slop: u32) -> Box<dyn Query> {
    match field {
        // `exact:` words as written: the stemmed fields hold every article that has them
        // (and some that have only other forms of the words); the search checks each
        // candidate against its text (`needs_verification`).
        Some(QField::Exact) => fielded(fields, None, text, slop),
        // A quote's words are its article's words within the quote's span.
        f if fields.in_quotes && f.is_none_or(is_quote_words) => Box::new(crate::span::QuoteWords::new(
            fields.text,
            &analyze(schema::STEMMED, text),
            slop,
        )),
        Some(f) => text_query(f.fields(fields), f.analyzer(), text, slop),
        // Title, subtitle and body are one field.
        None => text_query(fields.text, schema::STEMMED, text, slop),
    }
}

/// True when `ast` can be asked of the headline alone to rank articles whose headline
/// matches above the rest: words or phrases without a field, joined by AND and OR only
/// (an exclusion, a proximity or an `exact:` word asked of the headline would rank by the
/// wrong thing).
fn ranks_by_title(ast: &Ast) -> bool {
    fn plain(ast: &Ast, unfielded: &mut bool) -> bool {
        match ast {
            Ast::Term { field, .. } | Ast::Phrase { field, .. } => {
                *unfielded |= field.is_none();
                *field != Some(QField::Exact)
            }
            // A prefix is matched as written with or without `exact:`.
            Ast::Prefix { field, .. } => {
                *unfielded |= matches!(field, None | Some(QField::Exact));
                true
            }
            Ast::And(p) | Ast::Or(p) => p.iter().all(|x| plain(x, unfielded)),
            Ast::All | Ast::DateRange { .. } | Ast::Near { .. } | Ast::Not(_) => false,
        }
    }
    let mut unfielded = false;
    plain(ast, &mut unfielded) && unfielded
}

/// A query on the publication date, bounds inclusive.
pub fn date_range_query(
    fields: &Fields,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Box<dyn Query> {
    let term =
        |d: DateTime<Utc>| Term::from_field_date_for_search(fields.date, crate::index::tantivy_date(d));
    let lower = from.map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
    let upper = to.map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
    if from.is_none() && to.is_none() {
        // An open range still requires a date.
        return Box::new(tantivy::query::ExistsQuery::new("date".to_string(), false));
    }
    Box::new(RangeQuery::new(lower, upper))
}

/// The request's date bounds (inclusive) as a filter checked on each candidate document by
/// its date in the fast field. The other clauses lead and only the documents they find are
/// looked up; a range query over the date column scanned every document's date instead
/// (76 us of a 226 us `"interest rates"` with a month's bounds on the real corpora).
/// Undated documents never pass, as with [`date_range_query`].
pub fn date_filter(from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>) -> Box<dyn Query> {
    let (lo, hi) = (
        from.map(crate::index::tantivy_date),
        to.map(crate::index::tantivy_date),
    );
    let predicate = FunctionPredicate::from(move |segment: &tantivy::SegmentReader| {
        let dates = segment.fast_fields().date(DATE_COLUMN)?;
        Ok(move |doc: tantivy::DocId| published_within(dates.first(doc), lo, hi))
    });
    Box::new(DocPredicateQuery::from(predicate))
}

/// Publication-date bounds, inclusive; `None` leaves that side open.
pub type Period = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// The fast field that date filters read.
pub(crate) const DATE_COLUMN: &str = "date";

/// True when a document's `date` lies within the bounds (inclusive, either open); an undated
/// document never does.
pub(crate) fn published_within(
    date: Option<tantivy::DateTime>,
    from: Option<tantivy::DateTime>,
    to: Option<tantivy::DateTime>,
) -> bool {
    date.is_some_and(|d| from.is_none_or(|lo| d >= lo) && to.is_none_or(|hi| d <= hi))
}

/// True when the tree has something to rank by: a word, phrase, prefix or proximity that a
/// match must (or may) hold, not under an exclusion. A query of dates and exclusions alone
/// (or none: the empty query) scores every match alike.
pub fn ranks(ast: &Ast) -> bool {
    match ast {
        Ast::Term { .. } | Ast::Prefix { .. } | Ast::Phrase { .. } | Ast::Near { .. } => true,
        Ast::And(p) | Ast::Or(p) => p.iter().any(ranks),
        Ast::Not(_) | Ast::All | Ast::DateRange { .. } => false,
    }
}

/// True when every document the tree matches must hold one of its words in the title,
/// subtitle or body (or, in a quote search, the quote): a word or phrase of those fields, all
/// of an `AND`, each branch of an `OR`, either side of a proximity operator.
pub fn requires_text(ast: &Ast) -> bool {
    match ast {
        Ast::Term { field, .. } | Ast::Prefix { field, .. } | Ast::Phrase { field, .. } => matches!(
            field,
            None | Some(QField::Title | QField::Subtitle | QField::Body | QField::Exact)
        ),
        Ast::And(p) => p.iter().any(requires_text),
        Ast::Or(p) => p.iter().all(requires_text),
        Ast::Near { left, right, .. } => requires_text(left) || requires_text(right),
        Ast::Not(_) | Ast::All | Ast::DateRange { .. } => false,
    }
}

/// The index terms of `query`, built from `ast`, when the tree is a single word (not
/// `exact:`, not a phrase after analysis): one per field searched. `None` for any other
/// tree. Tantivy ranks a word by itself with block-max WAND, skipping postings that cannot
/// reach the top hits.
pub fn single_word_terms(ast: &Ast, query: &dyn Query) -> Option<Vec<Term>> {
    if !matches!(ast, Ast::Term { field, .. } if *field != Some(QField::Exact)) {
        return None;
    }
    let (mut terms, mut positional) = (Vec::new(), false);
    query.query_terms(&mut |term, needs_positions| {
        positional |= needs_positions;
        terms.push(term.clone());
    });
    terms.dedup();
    (!positional && !terms.is_empty()).then_some(terms)
}

/// True when the tree holds an `exact:` word or phrase anywhere.
fn has_exact(ast: &Ast) -> bool {
    match ast {
        Ast::Term { field, .. } | Ast::Phrase { field, .. } => *field == Some(QField::Exact),
        Ast::And(p) | Ast::Or(p) => p.iter().any(has_exact),
        Ast::Not(x) => has_exact(x),
        Ast::Near { left, right, .. } => has_exact(left) || has_exact(right),
        Ast::All | Ast::Prefix { .. } | Ast::DateRange { .. } => false,
    }
}

/// Builds the Tantivy query for a syntax tree.
///
/// Words and phrases without a field are looked for in `text` (title, subtitle and body as
/// one field), and the same tree asked of the headline alone adds its score: an article whose
/// headline matches ranks above one that only mentions the words. A single word becomes the
/// union of the two, which Tantivy ranks by skipping blocks that cannot reach the page;
/// anything else must match in `text` and may match in the headline.
pub fn to_query(ast: &Ast, fields: &Fields) -> Box<dyn Query> {
    to_query_published(ast, fields, None).0
}

/// As [`to_query`], for articles published within `dates` (bounds inclusive, either open).
/// Returns whether the query already keeps to those dates; if not, the caller must add
/// [`date_filter`]. A phrase alone checks each article's date before reading its positions.
pub fn to_query_published(ast: &Ast, fields: &Fields, dates: Option<Period>) -> (Box<dyn Query>, bool) {
    // A quote search's title, subtitle and body all stand for the quote's words: no
    // headline there.
    let headline = !fields.in_quotes;
    // A phrase alone: one pass over `text`'s positions finds its headline matches too.
    if let Ast::Phrase {
        field: None,
        text,
        slop: 0,
    } = ast
        && headline
    {
        let words = analyze(schema::STEMMED, text);
        if words.len() >= 2 {
            let phrase = HeadlinePhrase::new(fields.text, fields.title, &words);
            return match dates {
                Some((from, to)) => (
                    Box::new(phrase.published(
                        from.map(crate::index::tantivy_date),
                        to.map(crate::index::tantivy_date),
                    )),
                    true,
                ),
                None => (Box::new(phrase), false),
            };
        }
    }
    let text = build(ast, fields);
    if !headline || !ranks_by_title(ast) {
        return (text, false);
    }
    let title = build(
        ast,
        &Fields {
            text: fields.title,
            ..*fields
        },
    );
    let first = if matches!(ast, Ast::Term { .. }) {
        Occur::Should
    } else {
        Occur::Must
    };
    (
        Box::new(BooleanQuery::new(vec![(first, text), (Occur::Should, title)])),
        false,
    )
}

/// The words `text*` stands for in the field named (`text` when none, or `exact:`).
fn prefix_query(fields: &Fields, field: Option<QField>, text: &str) -> Box<dyn Query> {
    let f = field.unwrap_or(QField::Body);
    let prefix = PrefixQuery::new(f.fields(fields), &fold(text), f.analyzer() != schema::NAME);
    if fields.in_quotes && is_quote_words(f) {
        Box::new(prefix.within_quotes())
    } else {
        Box::new(prefix)
    }
}

/// True for a field that, in a quote search, stands for the quote's own words.
fn is_quote_words(f: QField) -> bool {
    matches!(f, QField::Title | QField::Subtitle | QField::Body | QField::Exact)
}

/// In a quote search, a field only articles have (source, bylines, topics, places, dateline)
/// is asked of each quote's article: `q` then finds the quotes of the articles it finds.
fn of_article(fields: &Fields, field: Option<QField>, q: Box<dyn Query>) -> Box<dyn Query> {
    if fields.in_quotes && field.is_some_and(QField::of_article) {
        Box::new(crate::join::QuotesOf::new(q, fields.kind))
    } else {
        q
    }
}

fn build(ast: &Ast, fields: &Fields) -> Box<dyn Query> {
    match ast {
        Ast::All => Box::new(AllQuery),
        Ast::Term { field, text } => of_article(fields, *field, fielded(fields, *field, text, 0)),
        Ast::Prefix { field, text, .. } => of_article(fields, *field, prefix_query(fields, *field, text)),
        Ast::Phrase { field, text, slop } => of_article(fields, *field, fielded(fields, *field, text, *slop)),
        Ast::DateRange { from, to } => date_range_query(fields, *from, *to),
        // Both operands, anywhere: the index cannot tell distances between groups, so the
        // search checks each candidate against its text (see `needs_verification`).
        Ast::Near { left, right, .. } => Box::new(BooleanQuery::new(vec![
            (Occur::Must, build(left, fields)),
            (Occur::Must, build(right, fields)),
        ])),
        // What the index finds for `exact:` is a superset of the true matches, so it cannot
        // exclude: `-exact:…` keeps every article and leaves the exclusion to the check
        // against the text.
        Ast::Not(inner) if has_exact(inner) => Box::new(AllQuery),
        Ast::Not(inner) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery)),
            (Occur::MustNot, build(inner, fields)),
        ])),
        Ast::Or(parts) => Box::new(BooleanQuery::new(
            parts.iter().map(|p| (Occur::Should, build(p, fields))).collect(),
        )),
        Ast::And(parts) => {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for p in parts {
                match p {
                    // Nothing to exclude through the index (see `Ast::Not` below).
                    Ast::Not(inner) if has_exact(inner) => {}
                    Ast::Not(inner) => clauses.push((Occur::MustNot, build(inner, fields))),
                    other => clauses.push((Occur::Must, build(other, fields))),
                }
            }
            if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                // Also when every part was an `exact:` exclusion: no clause at all.
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(q: &str) -> usize {
        parse(q).unwrap_err().column
    }

    #[test]
    fn not_excludes_as_a_minus_does() {
        let same = |a: &str, b: &str| assert_eq!(parse(a).unwrap(), parse(b).unwrap(), "{a} / {b}");
        same("talks NOT geneva", "talks -geneva");
        same("talks AND NOT geneva", "talks -geneva");
        same("talks NOT (geneva OR paris)", "talks -(geneva OR paris)");
        same("NOT title:geneva", "-title:geneva");
        // Only the capitalised word is the operator, as with AND and OR.
        assert_eq!(
            parse("not").unwrap(),
            Ast::Term {
                field: None,
                text: "not".into()
            }
        );
        assert_eq!(col("talks NOT"), 7);
        assert_eq!(col("talks NOT OR b"), 7);
        assert_eq!(col("(talks NOT)"), 8);
        assert!(parse("talks NOT").unwrap_err().message.contains("NOT needs"));
    }

    #[test]
    fn a_word_ending_in_a_star_is_a_prefix() {
        let prefix = |field, text: &str, column| Ast::Prefix {
            field,
            text: text.into(),
            column,
        };
        assert_eq!(parse("negotiat*").unwrap(), prefix(None, "negotiat", 1));
        assert_eq!(parse("Négociat**").unwrap(), prefix(None, "Négociat", 1));
        assert_eq!(
            parse("talks title:organiz*").unwrap(),
            Ast::And(vec![
                Ast::Term {
                    field: None,
                    text: "talks".into()
                },
                prefix(Some(QField::Title), "organiz", 13)
            ])
        );
        assert_eq!(
            parse("-exact:Genev*").unwrap(),
            Ast::Not(Box::new(prefix(Some(QField::Exact), "Genev", 8)))
        );
        // A star elsewhere, or in a phrase, is no prefix.
        assert!(matches!(parse("t*lks").unwrap(), Ast::Term { .. }));
        assert!(matches!(parse("t*lks*").unwrap(), Ast::Term { .. }));
        assert!(matches!(parse("\"genev* talks\"").unwrap(), Ast::Phrase { .. }));
        assert_eq!(col("talks u.s*"), 7);
        assert_eq!(col("talks (*)"), 8);
        let long = format!("{}*", "a".repeat(64));
        assert!(
            parse(&long)
                .unwrap_err()
                .message
                .contains("longer than any indexed word")
        );
        assert!(parse(&format!("{}*", "a".repeat(63))).is_ok());
        assert!(parse("date:2013*").is_err());
    }

    #[test]
    fn a_date_range_may_be_written_with_two_dots() {
        let same = |a: &str, b: &str| assert_eq!(parse(a).unwrap(), parse(b).unwrap(), "{a} / {b}");
        same("date:2013-06..2013-08", "date:[2013-06 TO 2013-08]");
        same("talks date:2016..", "talks date:[2016 TO *]");
        same("date:..2013-06-17", "date:[* TO 2013-06-17]");
        same("date:2013..2013", "date:2013");
        assert_eq!(col("talks date:2020..2010"), 12);
        assert!(
            parse("date:2020..2010")
                .unwrap_err()
                .message
                .contains("ends before it starts")
        );
        assert!(parse("date:..").unwrap_err().message.contains("neither end"));
        assert_eq!(
            parse("date:2013..2013-13").unwrap_err().message,
            "bad date '2013-13'"
        );
    }

    #[test]
    fn a_date_range_that_ends_before_it_starts_is_refused() {
        assert_eq!(col("talks date:[2020 TO 2010]"), 13);
        assert!(
            parse("date:[2020 TO 2010]")
                .unwrap_err()
                .message
                .contains("ends before it starts")
        );
        assert!(parse("date:[2013-06 TO 2013-06]").is_ok(), "one month");
        assert!(
            parse("date:[2013-06-17T10:00:00Z TO 2013-06-17]").is_ok(),
            "within the day"
        );
    }

    #[test]
    fn structure() {
        assert_eq!(parse("").unwrap(), Ast::All);
        assert!(matches!(parse("a b").unwrap(), Ast::And(v) if v.len() == 2));
        assert!(matches!(parse("a OR b").unwrap(), Ast::Or(v) if v.len() == 2));
        assert_eq!(
            parse("\"geneva talks\"~2").unwrap(),
            Ast::Phrase {
                field: None,
                text: "geneva talks".into(),
                slop: 2
            }
        );
        assert!(matches!(
            parse("speaker:putin").unwrap(),
            Ast::Term {
                field: Some(QField::Speaker),
                ..
            }
        ));
        assert!(matches!(parse("a -b").unwrap(), Ast::And(v) if matches!(v[1], Ast::Not(_))));
    }

    #[test]
    fn dates_in_query() {
        let Ast::DateRange { from, to } = parse("date:[2013-06-01 TO 2013-06-30]").unwrap() else {
            panic!()
        };
        assert_eq!(from.unwrap().to_rfc3339(), "2013-06-01T00:00:00+00:00");
        assert_eq!(to.unwrap().to_rfc3339(), "2013-06-30T23:59:59+00:00");
        let Ast::DateRange { from, to } = parse("date:2013").unwrap() else {
            panic!()
        };
        assert_eq!(from.unwrap().to_rfc3339(), "2013-01-01T00:00:00+00:00");
        assert_eq!(to.unwrap().to_rfc3339(), "2013-12-31T23:59:59+00:00");
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(col("\"geneva talks"), 1);
        assert_eq!(col("a (b c"), 3);
        assert_eq!(col("a b)"), 4);
        assert_eq!(col("foo:bar"), 1);
        assert_eq!(col("x date:2013-13"), 8);
        assert_eq!(col("a OR"), 3);
        assert_eq!(col("date:[2013 TO]"), 7);
        assert!(parse("nope:x").unwrap_err().hint.contains("speaker"));
    }
}
