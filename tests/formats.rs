//! One test per input format, on the sample corpus's example and on broken variants.

use crate::util::*;

fn sample(rel: &str) -> String {
    sample_corpus().join(rel).to_str().unwrap().to_string()
}

fn extract(d: &Dir, args: &[&str]) -> (Vec<serde_json::Value>, Run) {
    let mut all = vec!["extract"];
    all.extend_from_slice(args);
    let r = d.run(&all);
    (r.json_lines(), r)
}

fn index_json(d: &Dir, path: &str) -> serde_json::Value {
    let r = d.run(&["index", path, "--index", "idx", "--json"]);
    assert!(r.code == 0 || r.code == 1, "{r:?}");
    r.json()
}

/// `inner` inside 200,000 elements, each opened by `open` and closed by `close`: deeper than
/// any reader may recurse or any parser may search.
fn nested(open: &str, close: &str, inner: &str) -> String {
    const DEPTH: usize = 200_000;
    format!("{}{inner}{}", open.repeat(DEPTH), close.repeat(DEPTH))
}

fn reasons(summary: &serde_json::Value, key: &str) -> Vec<(Option<u64>, String)> {
    summary[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["record"].as_u64(), p["reason"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn csv_with_aliases_and_multiline_quoted_fields() {
    let d = Dir::new();
    let (a, _) = extract(&d, &[&sample("csv/regional-desk.csv")]);
    assert_eq!(a.len(), 3);
    assert_eq!(a[0]["title"], "Council approves new tram line");
    assert_eq!(a[0]["source"], "Valley Courier");
    assert_eq!(a[0]["authors"], serde_json::json!(["Hannah Lowe"]));
    assert_eq!(a[0]["date"], "2014-05-12T00:00:00Z");
    assert_eq!(a[0]["url"], "https://courier.example.org/101");
    assert_eq!(a[0]["format"], "csv");
    let body = a[0]["body"].as_str().unwrap();
    assert_eq!(body.split("\n\n").count(), 3, "{body}");
    assert!(
        body.contains("\"This is the biggest decision"),
        "doubled quotes unescaped: {body}"
    );
    assert_eq!(a[0]["speakers"], serde_json::json!(["Omar Haddad"]));
    assert_eq!(a[2]["authors"], serde_json::json!([]));

    d.write(
        "bad.csv",
        "title,date,content\nGood,2014-01-02,Fine text\nToo,many,fields,here\n,,\n",
    );
    let s = index_json(&d, "bad.csv");
    assert_eq!(s["articles"], 1);
    let r = reasons(&s, "skipped");
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[0].0, Some(2));
    assert!(r[0].1.contains("4 fields, the header has 3"), "{r:?}");
    assert_eq!(r[1].0, Some(3));
    assert!(r[1].1.contains("no title or body"), "{r:?}");
}

#[test]
fn a_csv_quote_never_closed_loses_no_rows_and_is_said() {
    // A quote that opens a field and never closes made the rest of the file one field: the
    // rows after it were indexed as the body of the row it opened in, and nothing was said.
    let d = Dir::new();
    d.write(
        "in/stray.csv",
        concat!(
            "title,date,content\n",
            "Ferry fares,2019-04-01,\"The board met at noon\n",
            "Tram works,2019-04-02,The tram depot reopened\n",
            "Harbour wall,2019-04-03,\"The wall, rebuilt, held\"\n",
        ),
    );
    // The same with a byte-order mark and Windows line ends.
    d.write(
        "in/bom.csv",
        "\u{feff}title,date,content\r\nPier,2019-03-01,\"The pier shut\r\nLock,2019-03-02,\"The lock, old, held\"\r\n",
    );
    d.write(
        "in/cut.csv",
        "title,date,content\nBridge,2019-05-01,\"The bridge opened,\nand crowds crossed it\n",
    );
    d.write(
        "in/tail.csv",
        "title,date,content\nDocks,2019-06-01,\"The docks were busy\nQuay,2019-06-02,The quay was quiet\n",
    );
    let (a, _) = extract(&d, &["in"]);
    let read: Vec<_> = a
        .iter()
        .map(|x| (x["title"].as_str().unwrap(), x["body"].as_str().unwrap().trim()))
        .collect();
    assert_eq!(
        read,
        [
            ("Pier", "The pier shut"),
            ("Lock", "The lock, old, held"),
            ("Bridge", "The bridge opened,\nand crowds crossed it"),
            ("Ferry fares", "The board met at noon"),
            ("Tram works", "The tram depot reopened"),
            ("Harbour wall", "The wall, rebuilt, held"),
            ("Docks", "The docks were busy"),
            ("Quay", "The quay was quiet"),
        ]
    );
    let s = index_json(&d, "in");
    assert_eq!(s["articles"], 8);
    assert_eq!(reasons(&s, "skipped"), []);
    let never_closed = |line_column: &str, how: &str| {
        (
            Some(1),
            format!("the quote at line {line_column} is {how} its line"),
        )
    };
    assert_eq!(
        reasons(&s, "warnings"),
        [
            never_closed(
                "2, column 17",
                "not closed on its line; read on, the row would have 5 fields, so its field \
                 was read as ending with"
            ),
            (
                Some(1),
                "the quote at line 2, column 19 is never closed; its field was read to the end \
                 of the file, which may be cut short"
                    .to_string()
            ),
            never_closed(
                "2, column 24",
                "not closed on its line; read on, the row would have 5 fields, so its field \
                 was read as ending with"
            ),
            never_closed("2, column 18", "never closed; its field was read as ending with"),
        ]
    );
}

#[test]
fn tsv() {
    let d = Dir::new();
    let (a, _) = extract(&d, &[&sample("csv/briefs.tsv")]);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["format"], "tsv");
    assert_eq!(a[1]["date"], "2016-03-09T00:00:00Z");
    assert_eq!(a[0]["speakers"], serde_json::json!(["Rhys Morgan"]));
}

#[test]
fn reuters_sgml_records_of_every_type() {
    let d = Dir::new();
    let (a, _) = extract(&d, &[&sample("sgml/wire-1987.sgm")]);
    assert_eq!(a.len(), 3);
    let first = &a[0];
    assert_eq!(first["title"], "PRAIRIE WHEAT STOCKS SEEN LOWER, BOARD SAYS");
    assert_eq!(first["authors"], serde_json::json!(["Marion Keller"]));
    assert_eq!(first["dateline"], "WINNIPEG, March 3 -");
    assert_eq!(first["date"], "1987-03-03T09:14:22Z");
    assert_eq!(first["topics"], serde_json::json!(["grain", "wheat"]));
    assert_eq!(first["places"], serde_json::json!(["canada"]));
    let body = first["body"].as_str().unwrap();
    assert!(
        body.contains("exports through <Port Halden> had been steady"),
        "entities decoded, lines joined: {body}"
    );
    assert!(
        !body.contains("Reuter") && !body.chars().any(|c| c.is_control() && c != '\n'),
        "{body:?}"
    );
    assert_eq!(first["speakers"], serde_json::json!(["Leonard Birch"]));
    // BRIEF: title only; its DATE carries control-code garbage.
    assert_eq!(a[1]["title"], "HARBOUR FREIGHT SETS TWO-FOR-ONE SPLIT");
    assert_eq!(a[1]["body"], "");
    assert_eq!(a[1]["date"], "1987-03-17T16:40:05Z");
    // UNPROC: no title, the raw text is the body.
    assert_eq!(a[2]["title"], "");
    assert!(
        a[2]["body"]
            .as_str()
            .unwrap()
            .starts_with("QUARTERLY DIVIDEND DECLARED")
    );

    d.write("cut.sgm", "<REUTERS NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><TITLE>WHOLE</TITLE><BODY>Text.</BODY></TEXT></REUTERS>\n<REUTERS NEWID=\"2\">\n<DATE>26-FEB-1987 15:02:00.00</DATE>\n<TEXT><TITLE>CUT OFF</TITLE><BODY>Half a sto");
    d.write(
        "none.sgm",
        "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\nnothing here\n",
    );
    let s = index_json(&d, ".");
    assert_eq!(s["articles"], 2);
    assert!(
        reasons(&s, "warnings")
            .iter()
            .any(|(r, w)| *r == Some(2) && w.contains("not closed")),
        "{s}"
    );
    assert!(
        reasons(&s, "skipped")
            .iter()
            .any(|(_, w)| w.contains("no <REUTERS> records")),
        "{s}"
    );
}

#[test]
fn dates_the_index_cannot_hold_are_left_out_and_said_so() {
    // Tantivy holds 1677-09-21 to 2262-04-11. Placeholders such as 0001-01-01 wrapped around
    // to other dates when stored (9999-12-31 became 1816-03-30), and a search bound past 2262
    // wrapped too, so `--since 2262-04-12` found every article.
    let d = Dir::new();
    d.write(
        "in/dump.jsonl",
        concat!(
            r#"{"title": "Zero date", "date": "0001-01-01T00:00:00Z", "body": "The ferry board met."}"#,
            "\n",
            r#"{"title": "Far future", "date": "9999-12-31T23:59:59Z", "body": "The ferry board met."}"#,
            "\n",
            r#"{"title": "Plain", "date": "2015-03-02T10:00:00Z", "body": "The ferry board met."}"#,
            "\n",
        ),
    );
    let (a, _) = extract(&d, &["in"]);
    let dates: Vec<_> = a.iter().map(|x| x["date"].clone()).collect();
    assert_eq!(
        dates,
        [
            serde_json::Value::Null,
            serde_json::Value::Null,
            "2015-03-02T10:00:00Z".into()
        ]
    );
    let s = index_json(&d, "in");
    assert_eq!(s["articles"], 3, "every article is indexed");
    let warned: Vec<_> = reasons(&s, "warnings")
        .into_iter()
        .filter(|(_, w)| w.contains("outside the dates the index holds"))
        .map(|(r, w)| (r, w.split_whitespace().nth(1).map(str::to_string)))
        .collect();
    assert_eq!(
        warned,
        [
            (Some(1), Some("0001-01-01T00:00:00Z".to_string())),
            (Some(2), Some("9999-12-31T23:59:59Z".to_string()))
        ]
    );
    let newest = d.run(&[
        "search", "--index", "idx", "ferry", "--sort", "newest", "--format", "json",
    ]);
    let hits: Vec<_> = newest.json()["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["title"].as_str().unwrap().to_string(), h["date"].clone()))
        .collect();
    assert_eq!(hits[0], ("Plain".to_string(), "2015-03-02T10:00:00Z".into()));
    assert!(hits[1..].iter().all(|(_, d)| d.is_null()), "{hits:?}");
    for late in ["2262-04-12", "9999-12-31T23:59:59Z"] {
        let r = d.run(&["search", "--index", "idx", "ferry", "--since", late]);
        assert_eq!(r.code, 1, "--since {late}: {}", r.stdout);
    }
    let r = d.run(&["search", "--index", "idx", "ferry", "--since", "2015"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("Plain") && !r.stdout.contains("Zero date"),
        "{}",
        r.stdout
    );
}

#[test]
fn deeply_nested_xml_is_read_not_a_crash() {
    // 200,000 nested elements overflowed the stack of the tree walk (exit 134, the whole run
    // lost). The text inside is kept.
    let d = Dir::new();
    d.write(
        "deep.xml",
        format!(
            "<?xml version=\"1.0\"?><articles><article id=\"1\" title=\"Nested\"><p>Outer words.</p>{}</article></articles>",
            nested("<p>", "</p>", "deep words")
        ),
    );
    let (a, r) = extract(&d, &["deep.xml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(a.len(), 1);
    let body = a[0]["body"].as_str().unwrap();
    assert!(
        body.contains("Outer words.") && body.contains("deep words"),
        "{body}"
    );
}

#[test]
fn semeval_xml_and_broken_xml() {
    let d = Dir::new();
    let (a, _) = extract(&d, &[&sample("xml/opinion-pieces.xml")]);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["format"], "semeval-xml");
    assert_eq!(a[0]["title"], "Why the bypass will not fix our traffic");
    assert_eq!(a[0]["date"], "2016-05-02T00:00:00Z");
    assert_eq!(a[0]["body"].as_str().unwrap().split("\n\n").count(), 3);
    assert!(
        a[0]["body"]
            .as_str()
            .unwrap()
            .contains("One study put the figure at five.")
    );
    assert!(a[1]["date"].is_null());
    assert!(
        a[1]["body"]
            .as_str()
            .unwrap()
            .contains("November & the timetable")
    );

    d.write("broken.xml", "<articles>\n<article id=\"1\" title=\"Kept\"><p>first</p></article>\n<article id=\"2\" title=\"Lost\"><p>second</p></artic");
    let s = index_json(&d, "broken.xml");
    assert_eq!(
        s["articles"].as_u64().unwrap(),
        2,
        "the open record is closed at the break: {s}"
    );
    let skipped = reasons(&s, "skipped");
    assert!(skipped[0].1.contains("malformed XML at line 3"), "{skipped:?}");
}

#[test]
fn nitf_rss_and_atom() {
    let d = Dir::new();
    let (a, _) = extract(&d, &[&sample("xml/nitf-harbour.xml")]);
    assert_eq!(a[0]["format"], "nitf");
    assert_eq!(a[0]["title"], "Harbour pilots strike over night shifts");
    assert_eq!(a[0]["subtitle"], "Ships wait outside the port as talks stall");
    assert_eq!(a[0]["authors"], serde_json::json!(["Niamh Collins"]));
    assert_eq!(a[0]["date"], "2014-03-11T06:15:00Z");
    assert_eq!(a[0]["source"], "Coastline Press");
    assert_eq!(a[0]["topics"], serde_json::json!(["labour", "shipping"]));
    assert_eq!(a[0]["speakers"], serde_json::json!(["Callum Reid"]));

    let (a, _) = extract(&d, &[&sample("xml/town-feed.rss")]);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["format"], "rss");
    assert_eq!(a[0]["source"], "Kestrel Bay Gazette");
    assert_eq!(a[0]["date"], "2014-06-14T16:20:00Z");
    assert_eq!(a[0]["authors"], serde_json::json!(["Maren Holt"]));
    assert_eq!(a[0]["url"], "https://gazette.example.org/lifeboat");
    let body = a[0]["body"].as_str().unwrap();
    assert!(
        !body.contains('<') && body.contains("\n\n"),
        "HTML description turned to paragraphs: {body}"
    );
    assert_eq!(
        a[1]["speakers"],
        serde_json::json!(["Joanna Wells"]),
        "CDATA content:encoded read"
    );

    let (a, _) = extract(&d, &[&sample("xml/science-desk.atom")]);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["format"], "atom");
    assert_eq!(a[0]["date"], "2015-03-02T20:00:00Z");
    assert_eq!(a[0]["edited"], "2015-03-03T08:30:00Z");
    assert_eq!(a[0]["url"], "https://science.example.net/comet");
    assert_eq!(a[0]["topics"], serde_json::json!(["astronomy"]));
    assert_eq!(
        a[1]["date"], "2015-06-11T12:00:00Z",
        "updated stands in for a missing published"
    );

    d.write("other.xml", "<catalogue><book>Not news</book></catalogue>");
    let s = index_json(&d, "other.xml");
    assert_eq!(s["articles"], 0);
    assert!(
        reasons(&s, "skipped")[0]
            .1
            .contains("unknown XML layout <catalogue>")
    );
}

#[test]
fn html_nested_too_deeply_to_parse_is_skipped_and_said_so() {
    // The HTML parser's time grows with the square of the nesting: a page of 200,000 nested
    // elements held a run up for over a minute. It is skipped, with the reason; a feed item
    // whose description holds such markup keeps its text.
    let d = Dir::new();
    d.write(
        "in/deep.html",
        format!(
            "<html><head><title>Deep</title></head><body>{}</body></html>",
            nested("<div>", "</div>", "Buried words")
        ),
    );
    d.write(
        "in/feed.rss",
        format!(
            "<?xml version=\"1.0\"?><rss><channel><item><title>Feed item</title><description>{}</description></item></channel></rss>",
            nested("&lt;div&gt;", "&lt;/div&gt;", "Feed words")
        ),
    );
    d.write("in/plain.txt", "Plain\n\nPlain words.\n");
    let s = index_json(&d, "in");
    assert_eq!(s["articles"], 2, "{s}");
    let skipped = reasons(&s, "skipped");
    assert!(
        skipped.len() == 1 && skipped[0].1.contains("nested too deeply"),
        "{skipped:?}"
    );
    let r = d.run(&["search", "--index", "idx", "feed words"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn saved_html_page_without_site_furniture() {
    let d = Dir::new();
    let (a, _) = extract(&d, &[&sample("html/bridge-opening.html")]);
    let a = &a[0];
    assert_eq!(a["format"], "html");
    assert_eq!(a["title"], "New footbridge opens across the estuary");
    assert_eq!(a["date"], "2016-04-08T09:30:00Z");
    assert_eq!(a["authors"], serde_json::json!(["Claire Dubois"]));
    assert_eq!(a["source"], "Harbourside Times");
    assert_eq!(a["url"], "https://harbourside.example.net/2016/04/footbridge");
    let body = a["body"].as_str().unwrap();
    assert_eq!(body.split("\n\n").count(), 3, "{body}");
    for furniture in [
        "Home",
        "Advertisement",
        "Share this",
        "Related",
        "Took them long",
        "All rights",
        "dawn on opening",
    ] {
        assert!(!body.contains(furniture), "{furniture:?} in {body}");
    }
    assert_eq!(a["speakers"], serde_json::json!(["Ingrid Solberg"]));

    d.write(
        "empty.html",
        "<html><head></head><body><nav><a href=\"/\">Home</a></nav></body></html>",
    );
    let s = index_json(&d, "empty.html");
    assert_eq!(s["articles"], 0);
    assert!(
        reasons(&s, "skipped")[0]
            .1
            .contains("neither a title nor article text")
    );
}

#[test]
fn basil_style_paragraph_arrays() {
    let d = Dir::new();
    let (a, _) = extract(&d, &[&sample("json/basil-style-2015.json")]);
    let body = a[0]["body"].as_str().unwrap();
    assert_eq!(body.split("\n\n").count(), 2);
    assert!(
        body.contains("Mayor Teresa Alvarez. She said"),
        "sentences of a paragraph joined: {body}"
    );
    assert_eq!(a[0]["topics"], serde_json::json!(["floods", "cities"]));
}

#[test]
fn gzip_and_zstd_are_read_transparently() {
    let d = Dir::new();
    let (a, _) = extract(&d, &[&sample("compressed/valley-2016.jsonl.gz")]);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["format"], "jsonl");
    assert_eq!(a[0]["speakers"], serde_json::json!(["Dev Patel"]));
    let (a, _) = extract(&d, &[&sample("compressed/coast-2013.json.zst")]);
    assert_eq!(a[0]["title"], "Lighthouse keeper retires after 40 years");

    d.write("broken.jsonl.gz", b"\x1f\x8b\x08\x00not really gzip");
    let s = index_json(&d, "broken.jsonl.gz");
    assert!(reasons(&s, "skipped")[0].1.contains("cannot decompress"), "{s}");
}

#[test]
fn legacy_and_utf16_encodings() {
    let d = Dir::new();
    let (a, r) = extract(&d, &[&sample("encodings/cafe-latin1.txt")]);
    assert_eq!(a[0]["title"], "Café owner wins £5,000 prize");
    assert!(
        a[0]["body"]
            .as_str()
            .unwrap()
            .contains("“It is my grandmother’s recipe,”")
    );
    assert_eq!(a[0]["speakers"], serde_json::json!(["Rosa Beltrán"]));
    assert!(r.stderr.contains("windows-1252"));
    let (a, _) = extract(&d, &[&sample("encodings/choir-utf16.txt")]);
    assert_eq!(a[0]["title"], "Choir sings in five languages");
    assert_eq!(a[0]["date"], "2015-05-20T00:00:00Z");
}

#[test]
fn format_override_and_unknown_extensions() {
    let d = Dir::new();
    d.write("dump.dat", "{\"title\": \"From a .dat file\", \"body\": \"x\"}");
    d.write("notes.md", "# Not an article\n");
    let (a, _) = extract(&d, &["dump.dat"]);
    assert_eq!(a.len(), 1, "JSON content is recognised whatever the extension");
    let (a, r) = extract(&d, &["notes.md"]);
    assert!(a.is_empty());
    assert!(r.stderr.contains("unsupported format .md"), "{}", r.stderr);
    let (a, _) = extract(&d, &["notes.md", "--format", "text"]);
    assert_eq!(a[0]["title"], "# Not an article");
}

#[test]
fn sample_corpus_has_every_format() {
    let d = Dir::new();
    let s = index_json(&d, &sample(""));
    let formats = s["formats"].as_object().unwrap();
    for f in [
        "text",
        "json",
        "jsonl",
        "csv",
        "tsv",
        "reuters-sgml",
        "semeval-xml",
        "nitf",
        "rss",
        "atom",
        "html",
    ] {
        assert!(
            formats.get(f).and_then(|n| n.as_u64()).unwrap_or(0) > 0,
            "no {f} in {formats:?}"
        );
    }
    assert!(s["skipped"].as_array().unwrap().is_empty(), "{}", s["skipped"]);
}

#[test]
fn record_ids_come_from_the_canonical_path_and_the_record_number() {
    // The ids of a many-record file are worked out with its path resolved once; they must
    // be what the documented formula gives for each record, whatever spelling of the path.
    let file = sample_corpus().join("sgml/wire-1987.sgm");
    let roundabout = sample_corpus().join("sgml/../sgml/./wire-1987.sgm");
    let canonical = std::fs::canonicalize(&file).unwrap();
    let expected = |record: u64| {
        let mut h = blake3::Hasher::new();
        h.update(canonical.to_str().unwrap().as_bytes());
        h.update(&[0]);
        h.update(&record.to_le_bytes());
        h.finalize().to_hex()[..16].to_string()
    };
    for path in [&file, &roundabout] {
        let read = newsdex::read_file(path);
        let ids: Vec<&str> = read.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, [expected(1), expected(2), expected(3)], "{}", path.display());
        for a in &read.articles {
            assert_eq!(a.id, newsdex::read::article_id(path, a.record));
        }
        // The indexer passes the canonical path it already resolved for its manifest.
        let bytes = std::fs::read(path).unwrap();
        let key = newsdex::manifest::file_key(path);
        let read = newsdex::read::read_loaded_from(path, Some(&key), bytes, None);
        let ids: Vec<&str> = read.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, [expected(1), expected(2), expected(3)], "{}", path.display());
    }
    // ... and the ids are made from that path, not from resolving `path` again.
    let bytes = std::fs::read(&file).unwrap();
    let elsewhere = newsdex::read::read_loaded_from(&file, Some("/elsewhere.sgm"), bytes, None);
    assert_ne!(elsewhere.articles[0].id, expected(1));
}

#[test]
fn a_big_dump_is_read_on_all_threads_in_file_order() {
    // Past `read::PARALLEL_BYTES`, a file's records are parsed and searched for quotes on
    // rayon's threads. Each record must keep its own line number, id, quotes and speaker,
    // and bad lines must be reported at their own line, whatever thread read them.
    let speakers = ["Maria Lopez", "Tomas Berg", "Alice Okafor", "Jonas Weber"];
    let filler = "The council met again on Tuesday to discuss the harbour budget. ".repeat(8);
    let mut lines = Vec::new();
    for i in 1..=400 {
        let line = match i {
            150 => "{\"title\": \"cut short".to_string(),
            151 => String::new(),
            _ => serde_json::json!({
                "title": format!("Report {i}"),
                "body": format!(
                    "{filler}\n\n“Record {i} stays with its article,” said {}.",
                    speakers[i % speakers.len()]
                ),
            })
            .to_string(),
        };
        lines.push(line);
    }
    let d = Dir::new();
    let path = d.write("dump.jsonl", lines.join("\n"));
    assert!(std::fs::metadata(&path).unwrap().len() as usize >= newsdex::read::PARALLEL_BYTES);

    let read = newsdex::read_file(&path);
    let skipped: Vec<(Option<u64>, &str)> = read
        .skipped
        .iter()
        .map(|p| (p.record, p.reason.as_str()))
        .collect();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].0, Some(150));
    assert!(skipped[0].1.starts_with("malformed JSON line"), "{skipped:?}");
    let numbers: Vec<u64> = read.articles.iter().map(|a| a.record).collect();
    let expected: Vec<u64> = (1..=400).filter(|&i| i != 150 && i != 151).collect();
    assert_eq!(numbers, expected);
    for a in &read.articles {
        let i = a.record as usize;
        assert_eq!(a.title, format!("Report {i}"));
        assert_eq!(a.id, newsdex::read::article_id(&path, a.record));
        assert_eq!(a.quotes.len(), 1, "record {i}: {:?}", a.quotes);
        assert_eq!(a.quotes[0].text, format!("Record {i} stays with its article,"));
        assert_eq!(a.quotes[0].speaker.as_deref(), Some(speakers[i % speakers.len()]));
        assert_eq!(a.speakers, [speakers[i % speakers.len()]]);
    }

    // Indexed with one thread and with two: the same 398 articles, and each speaker's quotes.
    for threads in ["1", "2"] {
        let idx = format!("idx{threads}");
        let r = d.run(&[
            "index",
            "dump.jsonl",
            "--index",
            &idx,
            "--threads",
            threads,
            "--json",
        ]);
        assert_eq!(r.code, 0, "{r:?}");
        assert_eq!(r.json()["articles"], 398, "{}", r.stdout);
        let r = d.run(&[
            "quotes",
            "--index",
            &idx,
            "--speaker",
            "Tomas Berg",
            "--format",
            "json",
        ]);
        let berg = expected
            .iter()
            .filter(|&&i| speakers[i as usize % 4] == "Tomas Berg")
            .count();
        assert_eq!(r.json()["total"], berg, "{}", r.stdout);
    }
}
