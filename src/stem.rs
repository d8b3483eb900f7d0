//! English stemming with a memory of the words already stemmed.
//!
//! Stemming was a fifth of the CPU time of a bulk load: the Snowball algorithm runs for every
//! word of every article, although news prose repeats a few thousand words. [`StemCache`]
//! runs the same algorithm Tantivy's `Stemmer` runs (the `frostem` crate, pinned to Tantivy's
//! version) and remembers each word's stem. Each thread has one memory, which the `stemmed`
//! analyzer ([`crate::words`]) borrows for each text it reads, whatever the field or segment;
//! indexing, query parsing and highlighting all go through that analyzer, so they always
//! agree.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

/// Words remembered before the memory starts over (about 10 MB at most; one memory per
/// thread, shared by the title, subtitle, body and quote fields).
const CACHE_WORDS: usize = 100_000;

thread_local! {
    /// The stem memory of this thread, shared by every analyzer that runs on it: Tantivy
    /// clones the analyzer for each field of each new segment, and a memory of their own
    /// made each clone stem the vocabulary afresh.
    static SHARED: std::cell::RefCell<StemCache> = std::cell::RefCell::new(StemCache::default());
}

impl StemCache {
    /// Takes the calling thread's memory (leaving it empty) for a stream of words to use
    /// without a thread-local lookup per word; [`StemCache::give_back`] returns it.
    pub fn borrow_thread() -> StemCache {
        SHARED.with(|c| std::mem::take(&mut *c.borrow_mut()))
    }

    /// Returns a memory taken with [`StemCache::borrow_thread`]. Should another stream have
    /// returned one meanwhile, the one that knows more words is kept.
    pub fn give_back(&mut self) {
        SHARED.with(|c| {
            let mut shared = c.borrow_mut();
            if shared.stems.len() <= self.stems.len() {
                *shared = std::mem::take(self);
            }
        });
    }
}

/// A word → English Snowball stem map that fills as words are stemmed.
#[derive(Clone, Default)]
pub struct StemCache {
    stems: FxHashMap<String, String>,
}

impl std::fmt::Debug for StemCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StemCache")
            .field("words", &self.stems.len())
            .finish()
    }
}

impl StemCache {
    /// Replaces `word` (lower-cased, ASCII-folded) by its stem.
    pub fn stem_into(&mut self, word: &str, out: &mut String) {
        out.clear();
        // Snowball's English stemmer leaves words of one or two letters as they are
        // (`not hop 3`), and they are a quarter of the words of English prose: no lookup.
        if word.len() <= 2 {
            out.push_str(word);
            return;
        }
        if let Some(stem) = self.stems.get(word) {
            out.push_str(stem);
            return;
        }
        let stem = match frostem::Stemmer::new(frostem::Algorithm::English).stem(word) {
            Cow::Borrowed(s) => s.to_string(),
            Cow::Owned(s) => s,
        };
        out.push_str(&stem);
        if self.stems.len() >= CACHE_WORDS {
            self.stems.clear();
        }
        self.stems.insert(word.to_string(), stem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    #[test]
    fn a_thread_keeps_one_memory_for_all_its_streams() {
        // Each test runs on a thread of its own: its memory starts empty.
        let mut out = String::new();
        let mut first = StemCache::borrow_thread();
        first.stem_into("ministers", &mut out);
        first.stem_into("talks", &mut out);
        // A stream started while another runs gets an empty memory of its own ...
        let mut second = StemCache::borrow_thread();
        assert_eq!(second.stems.len(), 0);
        second.stem_into("agreed", &mut out);
        assert_eq!(out, "agre");
        second.give_back();
        // ... and when both are back, the one that knows more words is kept.
        first.give_back();
        let kept = StemCache::borrow_thread();
        assert_eq!(kept.stems.len(), 2);
        assert!(kept.stems.contains_key("ministers"));
    }

    #[test]
    fn same_stems_as_tantivy_twice_over() {
        let text = "Talks talked talking; the ministers were dying, lying and tying knots. \
                    Talks resumed, ministers agreed, generously and happily. \
                    As it is, its gas bills and ours: a US ox is 2x as old as us.";
        let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::default())
            .build();
        let mut cache = StemCache::default();
        let mut stream = theirs.token_stream(text);
        let mut words = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let mut out = String::new();
        // The second half repeats words: those stems come from the memory.
        while stream.advance() {
            let word = words.next().unwrap().to_lowercase();
            cache.stem_into(&word, &mut out);
            assert_eq!(out, stream.token().text, "{word}");
        }
        assert!(words.next().is_none());
    }
}
