//! Text → the words the index holds, in one pass.
//!
//! The `stemmed` and `name` analyzers mean exactly what this chain of Tantivy's means:
//! `SimpleTokenizer` (runs of alphanumeric characters), `RemoveLongFilter` (words of 64 bytes
//! or more dropped, their position kept), `LowerCaser`, `AsciiFoldingFilter` and, for
//! `stemmed`, the English Snowball stemmer. Run as a chain, each word is copied, scanned for
//! non-ASCII bytes twice, lower-cased in place and looked up in the stem memory as separate
//! steps. [`Words`] scans the text once: a word of ASCII letters and digits (nearly every
//! word of English news) is lower-cased as it is copied; any other word goes through the
//! same Tantivy filters, one word at a time (a bulk load: 4 % fewer instructions). The
//! tests (`tests/schema.rs`) check the two token for token: text, position and byte offsets,
//! on edge cases, the sample corpus and the real corpora.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

use crate::stem::StemCache;

/// Words this long (in bytes) or longer are dropped, as Tantivy's `RemoveLongFilter::limit(64)`.
pub(crate) const LONGEST: usize = 64;

/// True when `text` holds a word that the analyzers drop for its length (its position is
/// kept, so the words after it do not follow on from the words before).
pub fn has_dropped_word(text: &str) -> bool {
    text.len() >= LONGEST
        && text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.len() >= LONGEST)
}

/// What a byte can be: part of a plain ASCII word, a separator, or part of a multi-byte
/// character (`char::is_alphanumeric` decides for those).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Separator,
    Word,
    NonAscii,
}

const CLASSES: [Class; 256] = {
    let mut t = [Class::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        // ASCII letters and digits: the only ASCII characters `char::is_alphanumeric` accepts.
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Separator
        };
        b += 1;
    }
    t
};

/// The one-pass tokenizer of the `stemmed` (with `stem`) and `name` analyzers.
#[derive(Clone)]
pub struct Words {
    /// English-stem each word.
    stem: bool,
    token: Token,
    /// The word lower-cased and folded, before stemming.
    folded: String,
    /// `LowerCaser` then `AsciiFoldingFilter`, for words that are not plain ASCII.
    fold: TextAnalyzer,
}

impl Words {
    /// Lower-cased, ASCII-folded words, English-stemmed when `stem` is set.
    pub fn new(stem: bool) -> Words {
        Words {
            stem,
            token: Token::default(),
            folded: String::new(),
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        let stem = self.stem;
        #[cfg(feature = "ablation")]
        let stem = stem && !crate::ablation::off().stemming;
        WordStream {
            text,
            at: 0,
            stems: stem.then(StemCache::borrow_thread),
            words: self,
        }
    }
}

/// The token stream of [`Words`].
pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    /// The thread's stem memory while the stream runs, when stemming
    /// ([`StemCache::borrow_thread`]).
    stems: Option<StemCache>,
    words: &'a mut Words,
}

impl Drop for WordStream<'_> {
    fn drop(&mut self) {
        if let Some(stems) = &mut self.stems {
            stems.give_back();
        }
    }
}

impl WordStream<'_> {
    /// The next run of alphanumeric characters from `self.at`: start, end, and whether it is
    /// all ASCII.
    fn next_word(&mut self) -> Option<(usize, usize, bool)> {
        let word = next_word(self.text, self.at)?;
        self.at = word.1;
        Some(word)
    }
}

/// How many words of `text` begin before each of `offsets` (byte offsets at character
/// boundaries, ascending), in one pass: the words [`next_word`] finds, counted by their
/// first characters, a byte at a time where the text is ASCII. (Finding each word with
/// [`next_word`] cost a bulk load 2 % of its CPU; this counts about three times as fast.)
pub(crate) fn words_before(text: &str, offsets: &[usize]) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(offsets.len());
    let (mut count, mut in_word, mut i) = (0u32, false, 0);
    for &cut in offsets {
        let cut = cut.min(bytes.len());
        while i < cut {
            let b = bytes[i];
            let word = if b < 0x80 {
                i += 1;
                CLASSES[usize::from(b)] == Class::Word
            } else {
                let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                    // Not a character boundary (offsets always are): step over the byte.
                    i += 1;
                    continue;
                };
                i += c.len_utf8();
                c.is_alphanumeric()
            };
            count += u32::from(word & !in_word);
            in_word = word;
        }
        out.push(count);
    }
    out
}

/// True when byte offset `at` of `text` falls inside a word: a letter or digit on each side.
pub(crate) fn inside_word(text: &str, at: usize) -> bool {
    let word = |c: char| c.is_alphanumeric();
    text.get(at..).and_then(|t| t.chars().next()).is_some_and(word)
        && text
            .get(..at)
            .and_then(|t| t.chars().next_back())
            .is_some_and(word)
}

/// The next run of alphanumeric characters of `text` from byte `at` (a word of the analyzers,
/// each at a position of its own): start, end, and whether it is all ASCII.
#[inline(always)]
pub(crate) fn next_word(text: &str, at: usize) -> Option<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let mut i = at;
    let start = loop {
        match CLASSES[usize::from(*bytes.get(i)?)] {
            Class::Word => break i,
            Class::Separator => i += 1,
            Class::NonAscii => {
                let c = text[i..].chars().next()?;
                if c.is_alphanumeric() {
                    break i;
                }
                i += c.len_utf8();
            }
        }
    };
    let mut ascii = true;
    let mut end = start;
    while let Some(&b) = bytes.get(end) {
        match CLASSES[usize::from(b)] {
            Class::Word => end += 1,
            Class::Separator => break,
            Class::NonAscii => {
                let Some(c) = text[end..].chars().next() else {
                    break;
                };
                if !c.is_alphanumeric() {
                    break;
                }
                ascii = false;
                end += c.len_utf8();
            }
        }
    }
    Some((start, end, ascii))
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((from, to, ascii)) = self.next_word() else {
                return false;
            };
            let w = &mut *self.words;
            w.token.position = w.token.position.wrapping_add(1);
            if to - from >= LONGEST {
                continue;
            }
            w.token.offset_from = from;
            w.token.offset_to = to;
            let word = &self.text[from..to];
            // Most words of prose are lower-case ASCII already: those are stemmed where they
            // stand, without a lower-cased copy.
            let folded: &str = if ascii && !word.bytes().any(|b| b.is_ascii_uppercase()) {
                word
            } else {
                w.folded.clear();
                if ascii {
                    w.folded.push_str(word);
                    w.folded.make_ascii_lowercase();
                } else {
                    let mut one = w.fold.token_stream(word);
                    if one.advance() {
                        w.folded.push_str(&one.token().text);
                    }
                }
                &w.folded
            };
            if let Some(stems) = &mut self.stems {
                stems.stem_into(folded, &mut w.token.text);
            } else {
                w.token.text.clear();
                w.token.text.push_str(folded);
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        &self.words.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.words.token
    }
}
