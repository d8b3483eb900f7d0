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

use std::hash::BuildHasher;

/// Words remembered before the memory starts over (about 5 MB at most; one memory per
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
            if shared.len() <= self.len() {
                *shared = std::mem::take(self);
            }
        });
    }
}

/// A word → English Snowball stem map that fills as words are stemmed.
///
/// One open-addressed table of small slots over one byte buffer that holds each word followed
/// by its stem: a lookup reads a slot, then one run of bytes. (A map of `String` to `String`
/// read a bucket, the key's own allocation to compare it and the stem's to copy it: three
/// places in memory for every word of every article.)
#[derive(Clone, Default)]
pub struct StemCache {
    /// A power of two many slots, at most half of them used; none before the first word.
    slots: Vec<Slot>,
    /// Each remembered word, then its stem. A string, so a remembered stem is read back as a
    /// `&str` without checking again that it is UTF-8 (that check was 2 % of the
    /// instructions of a bulk load).
    text: String,
    /// Words remembered.
    len: usize,
}

/// Where a remembered word and its stem are in [`StemCache::text`]; `word_len` 0 marks an
/// empty slot (words of fewer than three bytes are never remembered).
#[derive(Clone, Copy, Default)]
struct Slot {
    /// The low half of the word's hash: most mismatches are told without reading the bytes.
    hash: u32,
    start: u32,
    word_len: u8,
    stem_len: u8,
}

/// Slots of a full memory: twice [`CACHE_WORDS`], rounded up to a power of two.
const SLOTS: usize = (2 * CACHE_WORDS).next_power_of_two();

/// Slots of a memory when its first word comes.
const FIRST_SLOTS: usize = 1024;

impl std::fmt::Debug for StemCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StemCache").field("words", &self.len).finish()
    }
}

impl StemCache {
    /// Replaces `word` (lower-cased, ASCII-folded) by its stem.
    pub fn stem_into(&mut self, word: &str, out: &mut String) {
        out.clear();
        // Snowball's English stemmer leaves words of one or two letters as they are
        // (`not hop 3`), and they are a quarter of the words of English prose: no lookup.
        // Its rules are all about letters, so a number is its own stem too; numbers are an
        // eighth of the words of the real corpora, nearly each a word of its own that would
        // only crowd the memory (and the processor's caches).
        if word.len() <= 2 || word.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(word);
            return;
        }
        let hash = hash(word.as_bytes());
        if let Ok(i) = self.find(hash, word.as_bytes()) {
            let slot = self.slots[i];
            let stem_at = slot.start as usize + word.len();
            // Whole words and whole stems are stored: the range is on character boundaries.
            out.push_str(
                self.text
                    .get(stem_at..stem_at + usize::from(slot.stem_len))
                    .unwrap_or_default(),
            );
            return;
        }
        let stem = stem(word);
        out.push_str(&stem);
        // A slot holds lengths in a byte (the analyzers drop words of 64 bytes or more).
        let (Ok(word_len), Ok(stem_len)) = (u8::try_from(word.len()), u8::try_from(stem.len())) else {
            return;
        };
        if self.len >= CACHE_WORDS {
            // Start over.
            self.slots.fill(Slot::default());
            self.text.clear();
            self.len = 0;
        }
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        if let Err(free) = self.find(hash, word.as_bytes()) {
            self.slots[free] = Slot {
                hash: hash as u32,
                start: self.text.len() as u32,
                word_len,
                stem_len,
            };
            self.text.push_str(word);
            self.text.push_str(&stem);
            self.len += 1;
        }
    }

    /// The slot that holds `word`, or else the empty slot where it would go (`Err(0)` for a
    /// memory with no slots yet).
    fn find(&self, hash: u64, word: &[u8]) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        // The high bits pick the slot (Fx mixes those best), the low half is kept to compare.
        let mut i = (hash >> 32) as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.word_len == 0 {
                return Err(i);
            }
            if slot.hash == hash as u32 && usize::from(slot.word_len) == word.len() {
                let start = slot.start as usize;
                if &self.text.as_bytes()[start..start + word.len()] == word {
                    return Ok(i);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the slots (from [`FIRST_SLOTS`] up to [`SLOTS`]) and places each remembered
    /// word again. A memory starts small: a search stems a handful of words, and setting out
    /// all the slots at once cost each `newsdex search` process 0.8 ms.
    fn grow(&mut self) {
        let wanted = (self.slots.len() * 2).clamp(FIRST_SLOTS, SLOTS);
        if wanted == self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); wanted]);
        for slot in old.into_iter().filter(|s| s.word_len != 0) {
            let start = slot.start as usize;
            let word = &self.text.as_bytes()[start..start + usize::from(slot.word_len)];
            if let Err(free) = self.find(hash(word), word) {
                self.slots[free] = slot;
            }
        }
    }

    /// Words remembered.
    fn len(&self) -> usize {
        self.len
    }
}

fn hash(word: &[u8]) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// The English Snowball stem of `word`, as Tantivy's `Stemmer` computes it.
fn stem(word: &str) -> Cow<'_, str> {
    frostem::Stemmer::new(frostem::Algorithm::English).stem(word)
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
        assert_eq!(second.len(), 0);
        second.stem_into("agreed", &mut out);
        assert_eq!(out, "agre");
        second.give_back();
        // ... and when both are back, the one that knows more words is kept.
        first.give_back();
        let kept = StemCache::borrow_thread();
        assert_eq!(kept.len(), 2);
        let mut out = String::new();
        let mut probe = kept.clone();
        probe.stem_into("ministers", &mut out);
        assert_eq!(probe.len(), 2, "`ministers` was remembered");
    }

    #[test]
    fn the_memory_answers_like_snowball_when_full_and_after_starting_over() {
        // More distinct words than the memory holds, twice: the second pass finds some in
        // memory and stems the rest again after the memory has started over; words that
        // share a hash's low half or a slot must not answer for each other.
        let words: Vec<String> = (0..CACHE_WORDS + CACHE_WORDS / 2)
            .map(|n| {
                let ending = ["ing", "ed", "s", "ness", "ational", "ly", ""][n % 7];
                format!("w{n:x}ord{ending}")
            })
            .chain(["a".repeat(300), format!("{}ing", "b".repeat(254))])
            .collect();
        let mut cache = StemCache::default();
        let mut out = String::new();
        // A memory starts small (a search stems a few words): all its slots set out for the
        // first word cost every search process 0.8 ms.
        for w in &words[..10] {
            cache.stem_into(w, &mut out);
        }
        assert_eq!(cache.slots.len(), FIRST_SLOTS);
        for pass in 0..2 {
            for w in &words {
                cache.stem_into(w, &mut out);
                assert_eq!(out, stem(w), "pass {pass}: {w}");
            }
        }
        assert!(cache.len() <= CACHE_WORDS);
    }

    #[test]
    fn words_of_other_scripts_are_remembered_whole() {
        // Not folded to ASCII (Cyrillic, Greek, Japanese): the memory must hand back whole
        // characters, from memory as on first sight.
        let words = ["москвы", "говорили", "ελληνικά", "日本語", "naïvetés", "talks"];
        let mut cache = StemCache::default();
        let mut out = String::new();
        for pass in 0..2 {
            for w in words {
                cache.stem_into(w, &mut out);
                assert_eq!(out, stem(w), "pass {pass}: {w}");
            }
            assert_eq!(cache.len(), words.len(), "pass {pass}");
        }
    }

    #[test]
    fn same_stems_as_tantivy_twice_over() {
        let text = "Talks talked talking; the ministers were dying, lying and tying knots. \
                    Talks resumed, ministers agreed, generously and happily. \
                    As it is, its gas bills and ours: a US ox is 2x as old as us. \
                    In 1987 and 1990, 250000 barrels; in the 1980s, 3rd in 2001.";
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
        // Numbers are their own stems, given back without the memory.
        assert!(cache.find(hash(b"1987"), b"1987").is_err(), "1987 was remembered");
        let mut probe = cache.clone();
        probe.stem_into("1980s", &mut out);
        assert_eq!(probe.len(), cache.len(), "`1980s` was remembered");
    }

    #[test]
    fn a_number_is_its_own_stem() {
        // What `stem_into` takes for granted when it gives numbers back unlooked-up.
        for word in ["123", "2026", "000000000000000000000000001"] {
            assert_eq!(stem(word), word);
        }
    }
}
