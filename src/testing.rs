//! Fixtures the unit tests of several modules share: articles at the edges of what the index
//! must count right, and an index holding them.

use crate::{Article, NewsIndex};

/// 70 letters: one word, too long to index (its position is kept).
pub(crate) const LONG: &str = "Pneumonoultramicroscopicsilicovolcanoconiosisxxxxxxxxxxxxxxxxxxxxxxxxx";

/// Article `n` of the fixture set `set`: its id is `n` in hex, its path names the set.
pub(crate) fn article(set: &str, n: usize, title: &str, subtitle: Option<&str>, body: &str) -> Article {
    Article {
        id: format!("{n:016x}"),
        path: format!("/nowhere/{set}/{n}.txt"),
        record: 1,
        format: "text".into(),
        title: title.into(),
        subtitle: subtitle.map(Into::into),
        body: body.into(),
        ..Default::default()
    }
}

/// A new index in `dir` holding `articles` in one segment, in order, committed and searchable.
pub(crate) fn index_of(dir: &std::path::Path, articles: &[Article]) -> NewsIndex {
    let index = NewsIndex::create_or_open(dir).expect("index");
    let mut w = index.writer(50_000_000, 1).expect("writer");
    for a in articles {
        w.add(a).expect("add");
    }
    w.commit().expect("commit");
    drop(w);
    index.refresh().expect("refresh");
    index
}
