//! The public API, used as another program would.

use newsdex::{IngestOptions, NewsIndex, SearchRequest, Sort};

use crate::util::*;

#[test]
fn index_and_search_through_the_library() {
    let d = Dir::new();
    let index = NewsIndex::create_or_open(d.path().join("idx")).unwrap();
    let summary =
        newsdex::index_paths(&index, &[sample_corpus()], &IngestOptions::default(), &mut |_| {}).unwrap();
    assert!(summary.articles >= 30);
    assert_eq!(index.num_articles().unwrap(), summary.articles);

    let req = SearchRequest::new("\"Geneva talks\"")
        .speaker("Putin")
        .since_date("2013-06")
        .unwrap()
        .until_date("2013-06-30")
        .unwrap();
    let res = index.search(&req).unwrap();
    assert_eq!(res.total, 3);
    for hit in &res.hits {
        assert!(hit.speakers.contains(&"Vladimir Putin".to_string()));
        let body = hit.snippets.iter().find(|s| s.field == "body").unwrap();
        for h in &body.highlights {
            assert_eq!(body.text[h.clone()].to_lowercase(), "geneva talks");
        }
        assert!(hit.score.unwrap() > 0.0);
    }
    let newest = index
        .search(&SearchRequest::new("").sort(Sort::Newest).limit(1))
        .unwrap();
    assert_eq!(newest.total as u64, summary.articles);
    assert!(newest.hits[0].date.unwrap().to_rfc3339().starts_with("2016-11"));
}

#[test]
fn query_errors_are_typed() {
    let err = newsdex::query::parse("a (b").unwrap_err();
    assert_eq!(err.column, 3);
    assert!(err.to_string().contains("never closed"));
}

#[test]
fn read_file_reports_instead_of_failing() {
    let d = Dir::new();
    let p = d.write("x.jsonl", "{\"title\": \"ok\", \"body\": \"b\"}\n{broken\n");
    let r = newsdex::read_file(&p);
    assert_eq!(r.articles.len(), 1);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].record, Some(2));
}

/// Hits without snippets read only the head of each stored article (up to `record`); they
/// must show exactly what hits with snippets show, read from the whole document.
#[test]
fn hits_without_snippets_show_every_field() {
    let d = Dir::new();
    let index = NewsIndex::create_or_open(d.path().join("idx")).unwrap();
    newsdex::index_paths(&index, &[sample_corpus()], &IngestOptions::default(), &mut |_| {}).unwrap();
    let mut req = SearchRequest::new("").sort(Sort::Newest).limit(1000);
    let full = index.search(&req).unwrap();
    req.fragments = 0;
    let head = index.search(&req).unwrap();
    assert_eq!(full.hits.len(), head.hits.len());
    let shown = |h: &newsdex::Hit| {
        let mut v = serde_json::to_value(h).unwrap();
        v.as_object_mut().unwrap().remove("snippets");
        v
    };
    for (a, b) in full.hits.iter().zip(&head.hits) {
        assert!(b.snippets.is_empty());
        assert_eq!(shown(a), shown(b));
    }
    // The comparison covers every field: some hit has each of them.
    let hits = &head.hits;
    assert!(hits.iter().any(|h| !h.authors.is_empty()));
    assert!(hits.iter().any(|h| !h.speakers.is_empty()));
    assert!(hits.iter().any(|h| h.source.is_some()));
    assert!(hits.iter().any(|h| h.url.is_some()));
    assert!(hits.iter().any(|h| h.date.is_some()));
    assert!(hits.iter().all(|h| !h.id.is_empty() && !h.path.is_empty()));
}

/// A word in more than 5,000 articles is counted and ranked in two passes (the ranking pruned
/// by Tantivy's block-max WAND); with a filter, the same word takes the single pass that
/// scores every match. Both must give the same count, the same hits and the same scores.
#[test]
fn a_frequent_word_counts_and_ranks_as_in_one_pass() {
    let d = Dir::new();
    let mut lines = String::new();
    for i in 0..6_000 {
        let title = if i % 10 == 0 { "Harbour news" } else { "Daily news" };
        let mut body = "harbour ".repeat(if i % 12 == 0 { 0 } else { i % 4 + 1 });
        body.push_str(&"tide wind ".repeat(i % 37 + i % 5));
        body.push_str(&format!("boat{i}."));
        lines.push_str(
            &serde_json::json!({
                "headline": title,
                "published_at": format!("20{:02}-0{}-1{}T10:00:00Z", 10 + i % 9, 1 + i % 9, i % 10),
                "content": body,
            })
            .to_string(),
        );
        lines.push('\n');
    }
    let corpus = d.write("corpus/harbour.jsonl", lines);
    let index = NewsIndex::create_or_open(d.path().join("idx")).unwrap();
    newsdex::index_paths(&index, &[corpus], &IngestOptions::default(), &mut |_| {}).unwrap();

    let holding = (0..6_000).filter(|i| i % 12 != 0 || i % 10 == 0).count();
    for offset in [0, 10, 4_000] {
        let req = SearchRequest {
            offset,
            fragments: 0,
            ..SearchRequest::new("harbour")
        };
        let two_passes = index.search(&req).unwrap();
        let one_pass = index.search(&req.clone().since_date("2000").unwrap()).unwrap();
        assert_eq!(two_passes.total, holding);
        assert_eq!(one_pass.total, holding);
        assert_eq!(two_passes.hits.len(), 10);
        let page = |r: &newsdex::SearchResults| -> Vec<(String, f32)> {
            r.hits.iter().map(|h| (h.id.clone(), h.score.unwrap())).collect()
        };
        assert_eq!(page(&two_passes), page(&one_pass), "offset {offset}");
    }
}

/// `since`/`until` are checked on each candidate's stored date (not through a range over the
/// index): bounds inclusive to the second, undated articles never pass, and the same articles
/// as the `date:[…]` query syntax, which goes through the index.
#[test]
fn date_bounds_are_inclusive_and_undated_articles_never_pass() {
    let d = Dir::new();
    let mut lines = String::new();
    for (n, date) in [
        "2013-05-31T23:59:59Z",
        "2013-06-01T00:00:00Z",
        "2013-06-15T12:00:00Z",
        "2013-06-30T23:59:59Z",
        "2013-07-01T00:00:00Z",
        "",
    ]
    .iter()
    .enumerate()
    {
        let mut a = serde_json::json!({"headline": format!("Harbour report {n}"), "content": "The harbour reopened."});
        if !date.is_empty() {
            a["published_at"] = (*date).into();
        }
        lines.push_str(&a.to_string());
        lines.push('\n');
    }
    let corpus = d.write("corpus/harbour.jsonl", lines);
    let index = NewsIndex::create_or_open(d.path().join("idx")).unwrap();
    newsdex::index_paths(&index, &[corpus], &IngestOptions::default(), &mut |_| {}).unwrap();
    let titles = |r: newsdex::SearchResults| {
        let mut t: Vec<String> = r.hits.into_iter().map(|h| h.title).collect();
        t.sort();
        t
    };
    let june = SearchRequest::new("harbour")
        .since_date("2013-06")
        .unwrap()
        .until_date("2013-06")
        .unwrap();
    let expected = ["Harbour report 1", "Harbour report 2", "Harbour report 3"];
    assert_eq!(titles(index.search(&june).unwrap()), expected);
    let syntax = SearchRequest::new("harbour date:[2013-06-01 TO 2013-06-30]");
    assert_eq!(titles(index.search(&syntax).unwrap()), expected);
    let open_ended = SearchRequest::new("harbour").since_date("2013-06-30").unwrap();
    assert_eq!(
        titles(index.search(&open_ended).unwrap()),
        ["Harbour report 3", "Harbour report 4"]
    );
    assert_eq!(index.search(&SearchRequest::new("harbour")).unwrap().total, 6);
}

/// `ArticleWriter::add` replaces an article already in the index, and its quotes with it
/// (the documents of its file whose `owner` is its id are deleted: the article and its quotes).
#[test]
fn adding_an_article_again_replaces_it_and_its_quotes() {
    let d = Dir::new();
    let index = NewsIndex::create_or_open(d.path().join("idx")).unwrap();
    let text = "Harbour deal signed\n\n\"We will sign it on Monday,\" said Mara Ellison.\n\n\
                \"The harbour stays open,\" said Tomas Brandt.\n\n\"Nobody loses work,\" Ellison added.\n";
    let path = d.write("harbour.txt", text);
    let mut article = newsdex::read_file(&path).articles.remove(0);
    assert_eq!(article.quotes.len(), 3);
    let mut writer = index.writer(50 << 20, 1).unwrap();
    writer.add(&article).unwrap();
    writer.commit().unwrap();
    let quotes = |q: &str| index.search_quotes(&SearchRequest::new(q)).unwrap().total;
    assert_eq!(quotes(""), 3);
    // The same article again, with one quote left and a new title.
    article.quotes.truncate(1);
    article.title = "Harbour deal signed at last".into();
    writer.add(&article).unwrap();
    writer.finish().unwrap();
    assert_eq!(index.num_articles().unwrap(), 1);
    assert_eq!(quotes(""), 1);
    assert_eq!(quotes("harbour"), 0);
    let found = index.search(&SearchRequest::new("")).unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.hits[0].title, "Harbour deal signed at last");
}

#[test]
fn an_article_added_twice_before_a_commit_is_indexed_once() {
    // The writer hands documents to Tantivy in batches: the second `add` must not let its
    // delete overtake the first copy still waiting in the batch.
    let d = Dir::new();
    let index = NewsIndex::create_or_open(d.path().join("idx")).unwrap();
    let path = d.write(
        "pier.txt",
        "Pier reopens\n\n\"The pier is safe,\" said Ana Ruiz.\n",
    );
    let mut article = newsdex::read_file(&path).articles.remove(0);
    let mut writer = index.writer(50 << 20, 1).unwrap();
    writer.add(&article).unwrap();
    article.title = "Pier reopens after repairs".into();
    writer.add(&article).unwrap();
    writer.finish().unwrap();
    let found = index.search(&SearchRequest::new("")).unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.hits[0].title, "Pier reopens after repairs");
    assert_eq!(index.search_quotes(&SearchRequest::new("")).unwrap().total, 1);
}

/// Indexes a JSON Lines corpus of (headline, text) pairs, one article each.
fn index_of(d: &Dir, articles: &[(&str, &str)]) -> NewsIndex {
    let mut lines = String::new();
    for (i, (title, body)) in articles.iter().enumerate() {
        let record = serde_json::json!({
            "headline": title,
            "published_at": format!("2020-01-{:02}T10:00:00Z", i + 1),
            "content": body,
        });
        lines.push_str(&format!("{record}\n"));
    }
    let corpus = d.write("corpus/articles.jsonl", lines);
    let index = NewsIndex::create_or_open(d.path().join("idx")).unwrap();
    newsdex::index_paths(&index, &[corpus], &IngestOptions::default(), &mut |_| {}).unwrap();
    index
}

#[test]
fn an_article_whose_headline_matches_ranks_first() {
    // The text field alone would put the second article first: it says "harbour" twice.
    let d = Dir::new();
    let index = index_of(
        &d,
        &[
            (
                "Harbour strike ends",
                "Dockers went back to work on Monday after a week out.",
            ),
            (
                "Council sets budget",
                "The harbour fund and the harbour wall get more money this year.",
            ),
            ("Weather", "Rain all week."),
        ],
    );
    for q in [
        "harbour",
        "harbour strike",
        "\"harbour strike\" OR harbour",
        "harbour OR dockers",
    ] {
        let res = index.search(&SearchRequest::new(q)).unwrap();
        assert_eq!(res.hits[0].title, "Harbour strike ends", "query {q}");
    }
    // Every match is still found, headline or not.
    assert_eq!(index.search(&SearchRequest::new("harbour")).unwrap().total, 2);
    // `body:` is the article's text: headline, standfirst and body.
    assert_eq!(
        index.search(&SearchRequest::new("body:harbour")).unwrap().total,
        2
    );
    assert_eq!(
        index.search(&SearchRequest::new("title:harbour")).unwrap().total,
        1
    );
}

#[test]
fn a_phrase_does_not_run_from_the_headline_into_the_body() {
    let d = Dir::new();
    let index = index_of(
        &d,
        &[
            ("Ministers open talks", "Geneva hosts the second round."),
            ("Notes", "The talks Geneva hosted ended."),
        ],
    );
    let found = index.search(&SearchRequest::new("\"talks geneva\"")).unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.hits[0].title, "Notes");
    // Within the headline and within the body, phrases match as ever.
    assert_eq!(
        index.search(&SearchRequest::new("\"open talks\"")).unwrap().total,
        1
    );
    assert_eq!(
        index
            .search(&SearchRequest::new("\"second round\""))
            .unwrap()
            .total,
        1
    );
}

/// An index opened without a cache of decompressed document blocks (as `newsdex search`
/// opens it) shows the same hits, snippets and quotes as one opened with the default cache,
/// also when a page reads several articles of one block and the same article twice.
#[test]
fn no_document_cache_shows_the_same_hits() {
    let d = Dir::new();
    let path = d.path().join("idx");
    let index = NewsIndex::create_or_open(&path).unwrap();
    newsdex::index_paths(&index, &[sample_corpus()], &IngestOptions::default(), &mut |_| {}).unwrap();
    drop(index);
    let cached = NewsIndex::open(&path).unwrap();
    let uncached = NewsIndex::open_with_document_cache(&path, 0).unwrap();
    let show = |r: newsdex::search::SearchResults| {
        r.hits
            .into_iter()
            .map(|h| (h.id, h.title, h.path, h.speakers, format!("{:?}", h.snippets)))
            .collect::<Vec<_>>()
    };
    for q in ["", "said", "\"Geneva talks\""] {
        let req = SearchRequest::new(q).limit(50);
        let a = show(cached.search(&req).unwrap());
        let b = show(uncached.search(&req).unwrap());
        assert!(a.len() >= 3, "{q}: {} hits", a.len());
        assert_eq!(a, b, "{q}");
        // Twice on the same index: the blocks are read again, not taken from a cache.
        assert_eq!(show(uncached.search(&req).unwrap()), b, "{q}");
    }
    let quotes = |i: &NewsIndex| {
        let r = i.search_quotes(&SearchRequest::new("said").limit(50)).unwrap();
        r.hits.into_iter().map(|q| format!("{q:?}")).collect::<Vec<_>>()
    };
    let (a, b) = (quotes(&cached), quotes(&uncached));
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

/// A memory budget above what Tantivy takes per thread (4 GiB less a margin) is held to it,
/// not passed on for Tantivy to refuse the whole run.
#[test]
fn a_memory_budget_above_tantivys_limit_is_held_to_it() {
    let d = Dir::new();
    d.write("c/a.txt", "Harbour opens\n\nThe harbour opened on Monday.\n");
    let index = NewsIndex::create_or_open(d.path().join("idx")).unwrap();
    for (memory_mb, threads) in [(100_000, 2), (4_096, 1)] {
        let options = IngestOptions {
            memory_mb,
            threads: Some(threads),
            ..IngestOptions::default()
        };
        let summary = newsdex::index_paths(&index, &[d.path().join("c")], &options, &mut |_| {})
            .unwrap_or_else(|e| panic!("--memory-mb {memory_mb} on {threads} threads: {e}"));
        assert_eq!(summary.files, 1);
    }
    let hits = index.search(&SearchRequest::new("harbour")).unwrap();
    assert_eq!(hits.total, 1);
}

/// A quote hit finds its article by its place (quote number n is n documents after its
/// article), so that place must hold through deletes and merges: every quote shows the
/// article it was said in, and `check` finds each quote right after its article.
#[test]
fn quotes_keep_their_article_through_deletes_and_merges() {
    let d = Dir::new();
    let write = |n: usize, version: &str| {
        d.write(
            &format!("c/a{n}.txt"),
            format!(
                "Dock report {n} {version}\n\n\"Berth {n} opens {version},\" said Mara Ellison.\n\n\
                 \"Crane {n} is ready,\" said Tomas Brandt.\n"
            ),
        );
    };
    for n in 0..12 {
        write(n, "early");
    }
    let index = NewsIndex::create_or_open(d.path().join("idx")).unwrap();
    // A commit after every article: many small segments, which the merge policy merges.
    let options = IngestOptions {
        commit_every: 1,
        threads: Some(1),
        ..IngestOptions::default()
    };
    newsdex::index_paths(&index, &[d.path().join("c")], &options, &mut |_| {}).unwrap();
    // Changed files are deleted and added again: deleted documents inside merged segments.
    for n in [1, 4, 7, 10] {
        write(n, "late");
    }
    newsdex::index_paths(&index, &[d.path().join("c")], &options, &mut |_| {}).unwrap();
    let report = newsdex::index::check(&d.path().join("idx"));
    assert!(report.ok, "{:?}", report.problems);
    assert_eq!((report.articles, report.quotes), (12, 24));
    assert!(
        report.segments < 16,
        "the commits' segments were merged: {}",
        report.segments
    );
    let quotes = index.search_quotes(&SearchRequest::new("").limit(100)).unwrap();
    assert_eq!(quotes.total, 24);
    for q in &quotes.hits {
        // "Berth 4 opens late," -> "Dock report 4 late"
        let words: Vec<&str> = q.text.split(|c: char| !c.is_alphanumeric()).collect();
        let n = words[1];
        assert!(
            q.title.starts_with(&format!("Dock report {n} ")),
            "{} in {}",
            q.text,
            q.title
        );
        if q.text.starts_with("Berth") {
            let version = words[3];
            assert_eq!(q.title, format!("Dock report {n} {version}"));
        }
        assert_eq!(q.path, d.path().join(format!("c/a{n}.txt")).display().to_string());
    }
}

/// Adding an article again replaces that article and its quotes only, not the other
/// articles of its file (the earlier one is found among the file's documents by its id).
#[test]
fn adding_one_record_again_leaves_the_rest_of_its_file() {
    let d = Dir::new();
    let mut lines = String::new();
    for n in 1..=3 {
        let record = serde_json::json!({
            "title": format!("Ferry notice {n}"),
            "body": format!("\"Route {n} runs on Sunday,\" said Ana Ruiz."),
        });
        lines.push_str(&format!("{record}\n"));
    }
    let path = d.write("notices.jsonl", lines);
    let index = NewsIndex::create_or_open(d.path().join("idx")).unwrap();
    newsdex::index_paths(
        &index,
        std::slice::from_ref(&path),
        &IngestOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    let mut second = newsdex::read_file(&path).articles.remove(1);
    second.title = "Ferry notice 2, revised".into();
    second.quotes.clear();
    let mut writer = index.writer(50 << 20, 1).unwrap();
    writer.add(&second).unwrap();
    writer.finish().unwrap();
    let mut titles: Vec<String> = index
        .search(&SearchRequest::new("").limit(10))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.title)
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        ["Ferry notice 1", "Ferry notice 2, revised", "Ferry notice 3"]
    );
    let quotes = index.search_quotes(&SearchRequest::new("").limit(10)).unwrap();
    let mut said: Vec<(String, String)> = quotes.hits.into_iter().map(|q| (q.title, q.text)).collect();
    said.sort();
    assert_eq!(
        said,
        [
            (
                "Ferry notice 1".to_string(),
                "Route 1 runs on Sunday,".to_string()
            ),
            (
                "Ferry notice 3".to_string(),
                "Route 3 runs on Sunday,".to_string()
            ),
        ]
    );
    assert!(newsdex::index::check(&d.path().join("idx")).ok);
}

/// Regression (issue 7, session 16): a writer that had just closed its lock file could find
/// the lock still held for a moment, by a child process that another thread was starting (it
/// holds copies of the open files until it runs its program), and the next writer of the same
/// process failed with "locked by process <its own id>". A test indexing twice in a row
/// failed so in CI. Here the test itself holds the lock briefly after a writer closed it.
#[test]
fn a_lock_this_process_held_a_moment_ago_is_waited_for() {
    let d = Dir::new();
    let index = NewsIndex::create_or_open(d.path().join("idx")).unwrap();
    drop(index.writer(15 << 20, 1).unwrap());
    let lock = std::fs::File::open(d.path().join("idx/newsdex.lock")).unwrap();
    let recorded = std::fs::read_to_string(d.path().join("idx/newsdex.lock")).unwrap();
    assert!(
        recorded.starts_with(&format!("process {}:", std::process::id())),
        "{recorded}"
    );
    lock.try_lock().unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(150));
        drop(lock);
    });
    let started = std::time::Instant::now();
    let writer = index.writer(15 << 20, 1);
    assert!(writer.is_ok(), "{:?}", writer.err());
    assert!(started.elapsed() >= std::time::Duration::from_millis(100));
    release.join().unwrap();
    drop(writer);
    // A holder that is another process is reported at once, by name.
    let held = std::fs::OpenOptions::new()
        .write(true)
        .open(d.path().join("idx/newsdex.lock"))
        .unwrap();
    held.try_lock().unwrap();
    std::fs::write(
        d.path().join("idx/newsdex.lock"),
        "process 1: newsdex index elsewhere",
    )
    .unwrap();
    let started = std::time::Instant::now();
    match index.writer(15 << 20, 1) {
        Err(newsdex::Error::Locked { holder, .. }) => {
            assert_eq!(holder, "process 1: newsdex index elsewhere")
        }
        other => panic!("expected Locked, got {:?}", other.err()),
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}
