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

fn index_paths(d: &Dir, paths: &[std::path::PathBuf]) -> serde_json::Value {
    let mut args = vec!["index".to_string()];
    args.extend(paths.iter().map(|p| p.to_str().unwrap().to_string()));
    args.extend(["--index", "idx", "--json"].map(String::from));
    let r = d.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json()
}

fn extract_all(d: &Dir, path: &std::path::Path) -> Vec<serde_json::Value> {
    let r = d.run(&["extract", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json_lines()
}

#[test]
fn reuters_every_record_with_its_date() {
    let Some(corpora) = corpora() else { return };
    let dir = corpora.join("reuters21578");
    let mut sgm: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    sgm.sort();
    assert_eq!(sgm.len(), 22);
    let d = Dir::new();
    let s = index_paths(&d, &sgm);
    assert_eq!(s["articles"], 21578, "{}", s["skipped"]);
    assert_eq!(s["formats"]["reuters-sgml"], 21578);
    assert!(s["skipped"].as_array().unwrap().is_empty(), "{}", s["skipped"]);
    // Every record's DATE parses, the malformed variants included.
    let r = d.run(&[
        "search", "", "--index", "idx", "--format", "json", "--limit", "0", "--since", "1987",
    ]);
    assert_eq!(r.json()["total"], 21578);

    let first = &extract_all(&d, &dir.join("reut2-000.sgm"))[0];
    assert_eq!(first["title"], "BAHIA COCOA REVIEW");
    assert_eq!(first["date"], "1987-02-26T15:01:01Z");
    assert_eq!(first["dateline"], "SALVADOR, Feb 26 -");
    assert_eq!(first["topics"], serde_json::json!(["cocoa"]));
    assert_eq!(
        first["places"],
        serde_json::json!(["el-salvador", "usa", "uruguay"])
    );
    assert!(
        first["body"]
            .as_str()
            .unwrap()
            .starts_with("Showers continued throughout the week in the Bahia cocoa zone")
    );
    // The Latin-1 byte of reut2-017 is decoded, and topic and place codes are searchable.
    let r = d.run(&[
        "search",
        "topic:cocoa place:uruguay",
        "--index",
        "idx",
        "--format",
        "json",
    ]);
    assert!(r.json()["total"].as_u64().unwrap() >= 1);
    let all = extract_all(&d, &dir.join("reut2-017.sgm"));
    assert_eq!(all.len(), 1000);
    assert!(
        all.iter()
            .any(|a| a["body"].as_str().unwrap().contains("growth.ü"))
    );
    // A BRIEF record is indexed by its title.
    let briefs = all.iter().filter(|a| a["body"] == "" && a["title"] != "").count();
    assert!(briefs > 0);
}

#[test]
fn semeval_articles_with_their_dates() {
    let Some(corpora) = corpora() else { return };
    let dir = corpora.join("semeval2019-hyperpartisan-byarticle");
    let d = Dir::new();
    let s = index_paths(&d, std::slice::from_ref(&dir));
    assert_eq!(s["articles"], 645);
    assert_eq!(s["formats"]["semeval-xml"], 645);
    // The schema and the ground-truth labels are reported, not indexed.
    assert_eq!(s["skipped"].as_array().unwrap().len(), 2, "{}", s["skipped"]);
    let all = extract_all(&d, &dir.join("articles-training-byarticle-20181122.xml"));
    assert_eq!(all.len(), 645);
    assert_eq!(all.iter().filter(|a| a["date"].is_string()).count(), 645 - 31);
    assert_eq!(all[0]["title"], "Kucinich: Reclaiming the money power");
    assert_eq!(all[0]["date"], "2017-09-10T00:00:00Z");
    assert!(
        all[0]["body"]
            .as_str()
            .unwrap()
            .contains("The walls are closing in on Congress.")
    );
}

#[test]
fn basil_articles() {
    let Some(corpora) = corpora() else { return };
    let d = Dir::new();
    let s = index_paths(&d, &[corpora.join("basil/articles")]);
    assert_eq!(s["articles"], 300);
    assert!(s["skipped"].as_array().unwrap().is_empty());
    let dated = d.run(&[
        "search", "", "--since", "2010", "--index", "idx", "--format", "json", "--limit", "0",
    ]);
    assert_eq!(dated.json()["total"], 300, "every BASIL article has a date");
    let a = &extract_all(
        &d,
        &corpora.join("basil/articles/2010/2b95d2cf-e979-4f9c-ae27-9a5370934f23_1.json"),
    )[0];
    assert_eq!(a["title"], "Michael Steele Criticized for Afghanistan Comments");
    assert_eq!(a["date"], "2010-07-02T00:00:00Z");
    assert_eq!(a["source"], "nyt");
    assert_eq!(
        a["url"],
        "http://www.nytimes.com/2010/07/03/us/politics/03steele.html?_r=2&ref=politics"
    );
    assert!(
        a["body"].as_str().unwrap().contains("\n\n"),
        "paragraph arrays keep their paragraphs"
    );
    let r = d.run(&[
        "search",
        "\"Michael Steele\"",
        "--index",
        "idx",
        "--format",
        "json",
    ]);
    assert!(r.json()["total"].as_u64().unwrap() >= 3);
}

#[test]
fn polnear_train_and_dev_texts() {
    let Some(corpora) = corpora() else { return };
    let data = corpora.join("polnear/data");
    let d = Dir::new();
    let s = index_paths(&d, &[data.join("train/text"), data.join("dev/text")]);
    assert_eq!(s["articles"], 924);
    assert!(s["skipped"].as_array().unwrap().is_empty());
    let a = &extract_all(
        &d,
        &data.join("dev/text/breitbart_2016-09-12_stealth-over-health-hillary-clin.txt"),
    )[0];
    assert_eq!(
        a["title"],
        "Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics."
    );
    assert!(a["date"].is_null(), "the text carries no date line");
    assert!(
        a["body"]
            .as_str()
            .unwrap()
            .starts_with("The New York Post reports")
    );
}
