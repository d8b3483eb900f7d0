//! English stemming with a memory of the words already stemmed.
//!
//! Stemming was a fifth of the CPU time of a bulk load: the Snowball algorithm runs for every
//! word of every article, although news prose repeats a few thousand words. [`CachedStemmer`]
//! is the same algorithm Tantivy's `Stemmer` runs (the `frostem` crate, pinned to Tantivy's
//! version), with a per-analyzer map from word to stem. Indexing, query parsing and
//! highlighting all use it through the `stemmed` analyzer, so they always agree.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per analyzer before the memory starts over (a few MB at most).
const CACHE_WORDS: usize = 50_000;

/// A token filter replacing each word by its English Snowball stem, remembering stems.
#[derive(Clone, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            cache: FxHashMap::default(),
        }
    }
}

/// The tokenizer [`CachedStemmer`] wraps around another; owns the word → stem memory.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    cache: FxHashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let CachedStemmerFilter { inner, cache } = self;
        CachedStemmerStream {
            tail: inner.token_stream(text),
            cache,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    cache: &'a mut FxHashMap<String, String>,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = match self.stemmer.stem(&token.text) {
            Cow::Borrowed(s) => s.to_string(),
            Cow::Owned(s) => s,
        };
        if self.cache.len() >= CACHE_WORDS {
            self.cache.clear();
        }
        self.cache
            .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn stems(mut a: TextAnalyzer, text: &str) -> Vec<String> {
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn same_stems_as_tantivy_twice_over() {
        let text = "Talks talked talking; the ministers were dying, lying and tying knots. \
                    Talks resumed, ministers agreed, generously and happily.";
        let ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer)
            .build();
        let theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::default())
            .build();
        // The second half repeats words: those stems come from the memory.
        assert_eq!(stems(ours, text), stems(theirs, text));
    }
}
