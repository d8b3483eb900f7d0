//! `newsdex extract` and the readers behind it: scraped text, JSON layouts, speakers.

use crate::util::*;

fn extract_one(d: &Dir, rel: &str) -> serde_json::Value {
    let r = d.run(&["extract", rel]);
    assert_eq!(r.code, 0, "{r:?}");
    let mut v = r.json_lines();
    assert_eq!(v.len(), 1);
    v.remove(0)
}

#[test]
fn scraped_text_with_chrome_dates_byline_and_subtitle() {
    let d = Dir::new();
    d.write(
        "a.txt",
        "Share on Facebook\n\nMayor opens new harbour bridge\n\nThe mayor opened the new harbour bridge on Monday\n\n\
         Get short URL Published time: June 17, 2013 19:45\nEdited time: June 17, 2013 21:48\n\n\
         By Jane Doe and Ali Khan\n\n\
         The bridge took four years to build.\n\n\
         “It was worth the wait,” Mayor Ingrid Solberg said. “Now we can walk to the market.”\n\n\
         Share this article\n\nLeave a Reply\n\nNice bridge! said a reader.\n",
    );
    let a = extract_one(&d, "a.txt");
    assert_eq!(a["title"], "Mayor opens new harbour bridge");
    assert_eq!(a["subtitle"], "The mayor opened the new harbour bridge on Monday");
    assert_eq!(a["date"], "2013-06-17T19:45:00Z");
    assert_eq!(a["edited"], "2013-06-17T21:48:00Z");
    assert_eq!(a["authors"], serde_json::json!(["Jane Doe", "Ali Khan"]));
    let body = a["body"].as_str().unwrap();
    assert!(body.starts_with("The bridge took four years"), "{body}");
    assert!(body.ends_with("walk to the market.”"), "{body}");
    for chrome in ["Share", "Leave a Reply", "reader"] {
        assert!(!body.contains(chrome), "{chrome} in {body}");
    }
    assert_eq!(a["speakers"], serde_json::json!(["Ingrid Solberg"]));
    assert_eq!(a["quotes"].as_array().unwrap().len(), 2);
    assert_eq!(a["quotes"][1]["how"], "same_sentence");
}

#[test]
fn title_and_paragraphs_only_has_no_date() {
    let d = Dir::new();
    d.write(
        "plain.txt",
        "Harbour festival returns\n\nBoats came back to the bay this weekend.\n\nThe town turned out.\n",
    );
    let a = extract_one(&d, "plain.txt");
    assert_eq!(a["title"], "Harbour festival returns");
    assert!(a["date"].is_null(), "never the file's mtime: {a}");
    assert!(a["subtitle"].is_null());
    assert_eq!(
        a["body"],
        "Boats came back to the bay this weekend.\n\nThe town turned out."
    );
}

#[test]
fn date_forms_in_header_lines() {
    let d = Dir::new();
    for (i, (line, want)) in [
        ("17 June 2013", "2013-06-17T00:00:00Z"),
        ("Jun 17, 2013 7:45 PM", "2013-06-17T19:45:00Z"),
        ("Monday, June 17, 2013", "2013-06-17T00:00:00Z"),
        ("2013-06-17", "2013-06-17T00:00:00Z"),
        ("2013-06-17T19:45:00+04:00", "2013-06-17T15:45:00Z"),
        ("Posted: Mon, 17 Jun 2013 19:45:00 GMT", "2013-06-17T19:45:00Z"),
    ]
    .iter()
    .enumerate()
    {
        let name = format!("d{i}.txt");
        d.write(&name, format!("Headline\n\n{line}\n\nBody text here.\n"));
        let a = extract_one(&d, &name);
        assert_eq!(a["date"], *want, "{line}");
        assert_eq!(a["body"], "Body text here.", "{line}");
    }
}

#[test]
fn json_aliases_array_object_and_lines() {
    let d = Dir::new();
    d.write(
        "one.json",
        r#"{"headline": "H", "datePublished": "2014-07-29T18:00:00+02:00", "articleBody": "B", "author": {"name": "Lena Hoffmann"}, "publisher": "Daily", "link": "https://x.test/1"}"#,
    );
    let a = extract_one(&d, "one.json");
    assert_eq!((a["title"].as_str(), a["body"].as_str()), (Some("H"), Some("B")));
    assert_eq!(a["date"], "2014-07-29T16:00:00Z");
    assert_eq!(a["authors"], serde_json::json!(["Lena Hoffmann"]));
    assert_eq!(
        (a["source"].as_str(), a["url"].as_str()),
        (Some("Daily"), Some("https://x.test/1"))
    );
    assert_eq!(a["format"], "json");

    d.write(
        "np.json",
        r#"{"title": "T", "maintext": "M", "date_publish": "2016-10-10 04:30:00", "authors": ["A B", "C D"], "url": "u", "source_domain": "example.com"}"#,
    );
    let a = extract_one(&d, "np.json");
    assert_eq!(a["date"], "2016-10-10T04:30:00Z");
    assert_eq!(a["source"], "example.com");
    assert_eq!(a["authors"].as_array().unwrap().len(), 2);

    d.write("arr.json", r#"[{"title": "A", "content": "x", "pubDate": "Mon, 17 Jun 2013 19:45:00 +0000"}, {"title": "B", "text": ["p1", "p2"], "published_at": 1371498300}]"#);
    let r = d.run(&["extract", "arr.json"]).json_lines();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["date"], "2013-06-17T19:45:00Z");
    assert_eq!(r[1]["date"], "2013-06-17T19:45:00Z");
    assert_eq!(r[1]["body"], "p1\n\np2");
    assert_eq!(
        (r[0]["record"].as_u64(), r[1]["record"].as_u64()),
        (Some(1), Some(2))
    );

    d.write("lines.ndjson", "{\"title\": \"L1\", \"body\": \"a\", \"publish_date\": \"2015-01-02\"}\n\n{\"title\": \"L2\", \"body\": \"b\", \"outlet\": \"O\"}\n");
    let r = d.run(&["extract", "lines.ndjson"]).json_lines();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["format"], "jsonl");
    assert_eq!(r[1]["record"], 3, "record numbers are line numbers");
    assert_eq!(r[1]["source"], "O");
}

#[test]
fn speakers_in_the_common_quoting_patterns() {
    let d = Dir::new();
    d.write(
        "q.txt",
        "Leaders meet\n\n\
         Russian President Vladimir Putin and former British prime minister Tony Blair met on Monday.\n\n\
         “We will not move on this,” Putin said.\n\n\
         \"It is time to talk,\" said Mr Blair.\n\n\
         Barack Obama said: “The door remains open.”\n\n\
         “No comment,” the White House said. \"It is false and we deny it,\" a spokesman said.\n",
    );
    let a = extract_one(&d, "q.txt");
    assert_eq!(
        a["speakers"],
        serde_json::json!(["Vladimir Putin", "Tony Blair", "Barack Obama"])
    );
    let quotes = a["quotes"].as_array().unwrap();
    let how: Vec<(&str, &str)> = quotes
        .iter()
        .map(|q| (q["source_kind"].as_str().unwrap(), q["how"].as_str().unwrap()))
        .collect();
    assert_eq!(
        how,
        [
            ("person", "after"),
            ("person", "after"),
            ("person", "before"),
            ("organisation", "after"),
            ("unnamed", "after")
        ]
    );
    // Offsets point into the body.
    let body = a["body"].as_str().unwrap();
    let q = &quotes[0];
    let (s, e) = (
        q["start"].as_u64().unwrap() as usize,
        q["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&body[s..e], q["text"].as_str().unwrap());
}

#[test]
fn extract_walks_directories_and_reports_skips() {
    let d = Dir::new();
    d.write("in/a.txt", "A\n\nText.\n");
    d.write(
        "in/sub/b.jsonl",
        "{\"title\": \"B\", \"body\": \"x\"}\nnot json\n",
    );
    let r = d.run(&["extract", "in"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.json_lines().len(), 2);
    assert!(
        r.stderr.contains("b.jsonl (record 2): malformed JSON line"),
        "{}",
        r.stderr
    );
    let r = d.run(&["extract", "in/nope.txt"]);
    assert_eq!(r.code, 2);
}

#[test]
fn latin1_bytes_are_decoded() {
    let d = Dir::new();
    d.write("l.txt", b"Price rises\n\nA \xa315m signing.\n");
    let r = d.run(&["extract", "l.txt"]);
    assert_eq!(r.json_lines()[0]["body"], "A £15m signing.");
    assert!(r.stderr.contains("windows-1252"), "{}", r.stderr);
}
