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
