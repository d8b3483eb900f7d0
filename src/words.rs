//! Text → the words the index holds, in one pass.
//!
//! The `stemmed` and `name` analyzers mean exactly what this chain of Tantivy's means:
//! `SimpleTokenizer` (runs of alphanumeric characters), `RemoveLongFilter` (words of 64 bytes
//! or more dropped, their position kept), `LowerCaser`, `AsciiFoldingFilter` and, for
//! `stemmed`, the English Snowball stemmer. Run as a chain, each word is copied, scanned for
//! non-ASCII bytes twice, lower-cased in place and looked up in the stem memory as separate
//! steps: a sixth of the CPU time of a bulk load. [`Words`] scans the text once: a word of
//! ASCII letters and digits (nearly every word of English news) is lower-cased as it is
//! copied; any other word goes through the same Tantivy filters, one word at a time. The
//! tests check the two token for token: text, position and byte offsets.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

use crate::stem::StemCache;

/// Words this long (in bytes) or longer are dropped, as Tantivy's `RemoveLongFilter::limit(64)`.
const LONGEST: usize = 64;

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
    stem: Option<StemCache>,
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
            stem: stem.then(StemCache::default),
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
        WordStream {
            text,
            at: 0,
            words: self,
        }
    }
}

/// The token stream of [`Words`].
pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    words: &'a mut Words,
}

impl WordStream<'_> {
    /// The next run of alphanumeric characters from `self.at`: start, end, and whether it is
    /// all ASCII.
    fn next_word(&mut self) -> Option<(usize, usize, bool)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        let start = loop {
            match CLASSES[usize::from(*bytes.get(i)?)] {
                Class::Word => break i,
                Class::Separator => i += 1,
                Class::NonAscii => {
                    let c = self.text[i..].chars().next()?;
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
                    let Some(c) = self.text[end..].chars().next() else {
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
        self.at = end;
        Some((start, end, ascii))
    }
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
            match w.stem.as_mut() {
                Some(cache) => cache.stem_into(&w.folded, &mut w.token.text),
                None => {
                    w.token.text.clear();
                    w.token.text.push_str(&w.folded);
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer, Stemmer};

    /// The chain `Words` stands for.
    fn chain(stem: bool) -> TextAnalyzer {
        let b = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter);
        if stem {
            b.filter(Stemmer::default()).build()
        } else {
            b.build()
        }
    }

    fn tokens(a: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            let t = s.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    /// Checks `Words` against the chain on `text`, twice (the second time from the stem
    /// memory); returns the number of tokens.
    pub(crate) fn same_as_chain(text: &str) -> usize {
        let mut n = 0;
        for stem in [true, false] {
            let mut ours = TextAnalyzer::from(Words::new(stem));
            let mut theirs = chain(stem);
            for _ in 0..2 {
                let expected = tokens(&mut theirs, text);
                assert_eq!(tokens(&mut ours, text), expected, "stem: {stem}, text: {text:?}");
                n = expected.len();
            }
        }
        n
    }

    #[test]
    fn ascii_prose() {
        assert_eq!(
            same_as_chain("Talks talked TALKING; the ministers' 2013 G20 talks-resumed, x86_64!"),
            11
        );
    }

    #[test]
    fn accents_and_other_scripts() {
        same_as_chain("Ángela López met Ærø's mayor in Zürich: “Straße” İstanbul ΑΘΗΝΑ Ωμέγα");
        same_as_chain("東京 talks 北京会谈 २०१३ ٢٠١٣ ﬁnance Ⅻ ① e\u{301}clair naïve café’s 🙂done");
        same_as_chain("ǅemal ǈubljana ß ẞ İİİ ﬀ œuvre Œuvre");
    }

    #[test]
    fn long_words_are_dropped_and_keep_their_place() {
        let exactly = "a".repeat(LONGEST);
        let under = "b".repeat(LONGEST - 1);
        let multibyte = "é".repeat(LONGEST / 2);
        let text = format!("one {exactly} two {under} three {multibyte} four é{under}");
        assert_eq!(same_as_chain(&text), 5);
    }

    #[test]
    fn edges() {
        for text in [
            "",
            " ",
            "...",
            "a",
            "é",
            "a.",
            ".a",
            "a\u{0}b",
            "\u{feff}word",
            "9",
        ] {
            same_as_chain(text);
        }
    }
}
