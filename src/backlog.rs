//! A count of the documents waiting for Tantivy's indexing threads, so they can be handed over
//! in batches without the queue growing without bound.
//!
//! Tantivy's queue to its indexing threads holds up to 10,000 *messages*, whatever each holds.
//! One document per message woke an indexing thread per document; batches of documents cost
//! far fewer wake-ups but would let the queue hold 10,000 batches, a whole corpus on a fast
//! reader. Each document is therefore wrapped in a [`Queued`] that counts itself out of the
//! [`Backlog`] when Tantivy drops it (right after indexing it), and the writer waits before
//! handing over a batch that would take the backlog over its limit.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tantivy::schema::TantivyDocument;
use tantivy::schema::document::Document;

/// Documents handed to Tantivy and not yet indexed.
#[derive(Debug)]
pub(crate) struct Backlog {
    limit: usize,
    waiting: AtomicUsize,
    /// Held while checking the count before waiting, and while waking the waiter, so no
    /// wake-up falls between the two.
    lock: Mutex<()>,
    drained: Condvar,
}

/// How long a writer waits for the backlog to drain before handing its batch over anyway:
/// if Tantivy's threads died, the documents they held are never dropped, and the writer must
/// reach Tantivy to hear the error rather than wait forever.
const PATIENCE: Duration = Duration::from_secs(1);

impl Backlog {
    /// A backlog that holds at most `limit` documents (a batch larger than `limit` is
    /// handed over once the backlog is empty).
    pub(crate) fn new(limit: usize) -> Arc<Backlog> {
        Arc::new(Backlog {
            limit: limit.max(1),
            waiting: AtomicUsize::new(0),
            lock: Mutex::new(()),
            drained: Condvar::new(),
        })
    }

    /// Documents handed over and not yet indexed.
    pub(crate) fn len(&self) -> usize {
        self.waiting.load(Ordering::Acquire)
    }

    /// Waits until `more` documents fit under the limit (or, for a batch over the limit,
    /// until the backlog is empty), at most [`PATIENCE`] at a time without progress.
    pub(crate) fn wait_for_room(&self, more: usize) {
        let target = self.limit.saturating_sub(more);
        let mut guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let before = self.len();
            if before <= target {
                return;
            }
            let (g, timeout) = self
                .drained
                .wait_timeout(guard, PATIENCE)
                .unwrap_or_else(|e| e.into_inner());
            guard = g;
            if timeout.timed_out() && self.len() >= before {
                return;
            }
        }
    }

    /// Counts `doc` into the backlog until Tantivy drops it.
    pub(crate) fn queue<D: Document>(self: &Arc<Self>, doc: D) -> Queued<D> {
        self.waiting.fetch_add(1, Ordering::AcqRel);
        Queued {
            doc,
            _count: Count(Arc::clone(self)),
        }
    }

    fn done(&self) {
        let left = self.waiting.fetch_sub(1, Ordering::AcqRel) - 1;
        // The writer waits for room for a whole batch: waking it at half the limit, not at
        // every document, keeps the wake-ups to one per half-full queue.
        if left == self.limit / 2 || left == 0 {
            let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
            self.drained.notify_all();
        }
    }
}

/// Decrements its backlog when dropped.
#[derive(Debug)]
struct Count(Arc<Backlog>);

impl Drop for Count {
    fn drop(&mut self) {
        self.0.done();
    }
}

/// A document counted in a [`Backlog`] until Tantivy is done with it.
#[derive(Debug)]
pub(crate) struct Queued<D> {
    doc: D,
    _count: Count,
}

impl<D: Document> Document for Queued<D> {
    type Value<'a>
        = D::Value<'a>
    where
        Self: 'a;
    type FieldsValuesIter<'a>
        = D::FieldsValuesIter<'a>
    where
        Self: 'a;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }

    fn into_tantivy_document(self) -> TantivyDocument {
        self.doc.into_tantivy_document()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queued_document_counts_until_it_is_dropped() {
        let b = Backlog::new(4);
        let q1 = b.queue(TantivyDocument::default());
        let q2 = b.queue(TantivyDocument::default());
        assert_eq!(b.len(), 2);
        drop(q1);
        assert_eq!(b.len(), 1);
        // Taken apart for Tantivy's own document type, it is counted out too.
        let _doc = q2.into_tantivy_document();
        assert_eq!(b.len(), 0);
    }

    #[test]
    fn a_writer_waits_until_the_indexing_side_makes_room() {
        let b = Backlog::new(4);
        let held: Vec<Queued<TantivyDocument>> =
            (0..4).map(|_| b.queue(TantivyDocument::default())).collect();
        let indexer = {
            let b = Arc::clone(&b);
            std::thread::spawn(move || {
                // Only once the writer is waiting (it holds nothing else) are documents
                // "indexed", two of them: the backlog falls to half its limit.
                while b.lock.try_lock().is_err() {}
                let mut held = held;
                held.truncate(2);
                held
            })
        };
        b.wait_for_room(2);
        assert!(b.len() <= 2, "writer went on with {} documents waiting", b.len());
        drop(indexer.join().unwrap());
        assert_eq!(b.len(), 0);
    }
}
