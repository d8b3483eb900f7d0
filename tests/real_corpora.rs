//! Checks on the real corpora in `../shared/corpora` (run when present; required when
//! `NEWSDEX_REQUIRE_CORPORA=1`).

use crate::util::*;

#[test]
fn bbc_indexes_every_article_and_highlights_prime_minister() {
    let Some(corpora) = corpora() else { return };
    let d = Dir::new();
    let bbc = corpora.join("bbc");
    let r = d.run(&["index", bbc.to_str().unwrap(), "--index", "idx", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = r.json();
    assert_eq!(s["articles"], 2225, "{}", s["skipped"]);
    assert_eq!(s["total_in_index"], 2225);
    // The one skipped file is the corpus README; the one Latin-1 file is decoded, not dropped.
    let skipped = s["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0]["path"].as_str().unwrap().ends_with("README.TXT"));
    assert!(
        s["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["path"].as_str().unwrap().ends_with("sport/199.txt"))
    );

    let r = d.run(&[
        "search",
        "\"prime minister\"",
        "--index",
        "idx",
        "--format",
        "json",
        "--limit",
        "20",
    ]);
    assert_eq!(r.code, 0);
    let v = r.json();
    assert!(v["total"].as_u64().unwrap() > 100, "{}", v["total"]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 20);
    for h in v["hits"].as_array().unwrap() {
        let marks: Vec<String> = ["title", "body"].iter().flat_map(|f| highlighted(h, f)).collect();
        assert!(!marks.is_empty(), "{h}");
        for m in marks {
            // Stemmed: "prime ministers" matches too, but never a lone word.
            assert!(m.to_lowercase().starts_with("prime minister"), "{m}: {h}");
        }
    }
    // The Latin-1 pound sign reads as a pound sign.
    let r = d.run(&[
        "search",
        "\"15.8m signing\"",
        "--index",
        "idx",
        "--format",
        "json",
    ]);
    assert_eq!(r.json()["total"], 1);
    assert!(r.stdout.contains("£15.8m"));
}
