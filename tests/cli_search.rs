//! `newsdex search` on the sample corpus: syntax, filters, output formats, exit codes.

use std::sync::OnceLock;

use crate::util::*;

/// The sample corpus, indexed once for every test in this file.
fn sample() -> &'static Dir {
    static D: OnceLock<Dir> = OnceLock::new();
    D.get_or_init(indexed_sample)
}

fn search(args: &[&str]) -> Run {
    let mut all = vec!["search", "--index", "idx"];
    all.extend_from_slice(args);
    sample().run(&all)
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "json", "--limit", "100"]);
    let r = search(&all);
    assert!(r.code == 0 || r.code == 1, "{r:?}");
    r.json()
}

fn titles(v: &serde_json::Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn readme_example_phrase_speaker_and_dates() {
    let v = json(&[
        "\"Geneva talks\"",
        "--speaker",
        "putin",
        "--since",
        "2013-06",
        "--until",
        "2013-06-30",
    ]);
    assert_eq!(v["total"], 3, "{v}");
    for h in v["hits"].as_array().unwrap() {
        let date = h["date"].as_str().unwrap();
        assert!(date.starts_with("2013-06"), "{date}");
        assert!(
            h["speakers"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == "Vladimir Putin")
        );
        let marks = highlighted(h, "body");
        assert!(!marks.is_empty());
        assert!(
            marks.iter().all(|m| m.eq_ignore_ascii_case("geneva talks")),
            "{marks:?}"
        );
    }
}

#[test]
fn all_words_required_by_default_and_or_widens() {
    let both = json(&["referendum Scotland"]);
    let either = json(&["referendum OR Scotland"]);
    let one = json(&["referendum"]);
    assert!(both["total"].as_u64() < either["total"].as_u64());
    assert!(both["total"].as_u64() <= one["total"].as_u64());
    assert!(both["total"].as_u64().unwrap() >= 1);
}

#[test]
fn exclusion_removes_hits() {
    let with = json(&["Geneva"]);
    let without = json(&["Geneva -Syria"]);
    assert!(without["total"].as_u64() < with["total"].as_u64());
    for h in without["hits"].as_array().unwrap() {
        assert!(
            !highlighted(h, "body")
                .iter()
                .any(|m| m.eq_ignore_ascii_case("syria"))
        );
    }
}

#[test]
fn stemming_finds_other_forms_but_phrases_stay_phrases() {
    let v = json(&["negotiator"]);
    assert!(titles(&v).iter().any(|t| t.contains("Negotiators")), "{v}");
    let hit = &v["hits"][0];
    assert!(highlighted(hit, "title").iter().any(|m| m == "Negotiators"));
    // "Geneva talks" as a phrase never highlights a lone "talks".
    let v = json(&["\"Geneva talks\""]);
    for h in v["hits"].as_array().unwrap() {
        assert!(
            highlighted(h, "body")
                .iter()
                .all(|m| m.to_lowercase().starts_with("geneva"))
        );
    }
}

#[test]
fn slop_phrase() {
    let exact = json(&["\"Geneva Syria\""]);
    let near = json(&["\"talks Syria\"~2"]);
    assert_eq!(exact["total"], 0);
    assert!(near["total"].as_u64().unwrap() >= 1, "{near}");
}

#[test]
fn title_field() {
    let v = json(&["title:Geneva"]);
    for t in titles(&v) {
        assert!(t.contains("Geneva"), "{t}");
    }
    assert!(json(&["Geneva"])["total"].as_u64() > v["total"].as_u64());
    // The headline is highlighted; the body is shown from its start, unmarked, even where it
    // names Geneva too: the query asked for the headline only.
    let mut body_names_it = 0;
    for hit in v["hits"].as_array().unwrap() {
        let snippets = hit["snippets"].as_array().unwrap();
        let title = snippets
            .iter()
            .find(|s| s["field"] == "title")
            .expect("title snippet");
        for h in title["highlights"].as_array().unwrap() {
            let (a, b) = (h[0].as_u64().unwrap() as usize, h[1].as_u64().unwrap() as usize);
            assert_eq!(&title["text"].as_str().unwrap()[a..b], "Geneva");
        }
        for s in snippets.iter().filter(|s| s["field"] == "body") {
            assert!(s["highlights"].as_array().unwrap().is_empty(), "{s}");
            body_names_it += usize::from(s["text"].as_str().unwrap().contains("Geneva"));
        }
    }
    assert!(body_names_it >= 1, "no body shown names Geneva: {v}");
}

#[test]
fn speakers_by_surname_full_name_case_and_accents() {
    let by_surname = json(&["--speaker", "merkel"]);
    let by_full = json(&["--speaker", "Angela Merkel"]);
    let in_query = json(&["speaker:MERKEL"]);
    assert!(by_surname["total"].as_u64().unwrap() >= 3, "{by_surname}");
    assert_eq!(by_surname["total"], by_full["total"]);
    assert_eq!(by_surname["total"], in_query["total"]);
    let accents = json(&["--speaker", "schauble"]);
    assert_eq!(accents["total"], 1);
    assert_eq!(accents["hits"][0]["speakers"][1], "Wolfgang Schäuble");
    // Repeated --speaker means any of them.
    let either = json(&["--speaker", "merkel", "--speaker", "lavrov"]);
    let lavrov = json(&["--speaker", "lavrov"]);
    assert_eq!(
        either["total"].as_u64().unwrap(),
        by_surname["total"].as_u64().unwrap() + lavrov["total"].as_u64().unwrap()
    );
    // Quoting someone is not being mentioned: Putin is named in the Kiev story but not quoted.
    let putin = json(&["--speaker", "putin"]);
    assert!(!titles(&putin).iter().any(|t| t.contains("Yanukovych")));
}

#[test]
fn date_filters_in_every_form() {
    let year = json(&["--since", "2015", "--until", "2015"]);
    let range = json(&["date:[2015-01-01 TO 2015-12-31]"]);
    let in_query = json(&["date:2015"]);
    assert!(year["total"].as_u64().unwrap() >= 5);
    assert_eq!(year["total"], range["total"]);
    assert_eq!(year["total"], in_query["total"]);
    for h in year["hits"].as_array().unwrap() {
        assert!(h["date"].as_str().unwrap().starts_with("2015"), "{h}");
    }
    // Inclusive bounds: a day on its own, and RFC 3339 instants.
    let day = json(&["--since", "2013-06-17", "--until", "2013-06-17"]);
    assert_eq!(titles(&day), ["Putin and Obama back Geneva talks on Syria"]);
    let instant = json(&[
        "--since",
        "2013-06-17T19:45:00Z",
        "--until",
        "2013-06-17T19:45:00Z",
    ]);
    assert_eq!(instant["total"], 1);
    let open = json(&["date:[2016-11-01 TO *]"]);
    assert_eq!(titles(&open), ["Trump wins the White House in upset victory"]);
}

#[test]
fn sorting_and_paging() {
    let newest = json(&["--sort", "newest"]);
    let dates: Vec<&str> = newest["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    assert!(newest["hits"][0]["score"].is_null());
    let oldest = json(&["--sort", "oldest"]);
    assert_eq!(
        oldest["hits"][0]["date"].as_str().unwrap(),
        *dates.last().unwrap()
    );
    let page1 = search(&["Obama", "--format", "json", "--limit", "2"]).json();
    let page2 = search(&["Obama", "--format", "json", "--limit", "2", "--offset", "2"]).json();
    let all = search(&["Obama", "--format", "json", "--limit", "4"]).json();
    let ids = |v: &serde_json::Value| {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!([ids(&page1), ids(&page2)].concat(), ids(&all));
}

#[test]
fn json_hits_carry_every_field() {
    let v = json(&["\"chemical weapons\""]);
    assert_eq!(v["query"], "\"chemical weapons\"");
    let h = &v["hits"][0];
    for key in [
        "id", "path", "title", "date", "authors", "speakers", "source", "url", "score", "snippets",
    ] {
        assert!(h.get(key).is_some(), "{key} missing from {h}");
    }
    assert_eq!(h["id"].as_str().unwrap().len(), 16);
    assert!(std::path::Path::new(h["path"].as_str().unwrap()).exists());
}

#[test]
fn highlights_count_characters_not_bytes() {
    // "Schäuble" comes after a non-ASCII character in the snippet.
    let v = json(&["\"door is not closed\""]);
    let h = &v["hits"][0];
    assert_eq!(highlighted(h, "body"), ["door is not closed"]);
}

#[test]
fn jsonl_and_csv() {
    let r = search(&["Geneva", "--format", "jsonl", "--limit", "3"]);
    let lines = r.json_lines();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|h| h["title"].is_string()));
    let r = search(&["Geneva", "--format", "csv", "--limit", "3"]);
    let mut rdr = csv::Reader::from_reader(r.stdout.as_bytes());
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id", "date", "title", "speakers", "authors", "source", "url", "path", "score", "snippet"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r[9].contains("**Geneva**")), "{rows:?}");
}

#[test]
fn human_output_marks_matches_without_color_in_a_pipe() {
    let r = search(&["\"chemical weapons\"", "--limit", "1"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("**chemical weapons**"), "{}", r.stdout);
    assert!(!r.stdout.contains('\x1b'));
    let r = search(&["\"chemical weapons\"", "--limit", "1", "--color", "always"]);
    assert!(
        r.stdout.contains("\x1b[1;31mchemical weapons\x1b[0m"),
        "{}",
        r.stdout
    );
    let total = json(&["\"chemical weapons\""])["total"].as_u64().unwrap();
    assert_eq!(r.stderr.trim(), format!("1-1 of {total} matching articles"));
}

#[test]
fn filter_only_hits_show_the_lead_paragraph() {
    let v = json(&["--speaker", "Maren Holt"]);
    assert_eq!(v["total"], 1);
    let s = &v["hits"][0]["snippets"][0];
    assert_eq!(s["field"], "body");
    assert!(
        s["text"]
            .as_str()
            .unwrap()
            .starts_with("The Kestrel Bay harbour festival")
    );
    assert_eq!(s["highlights"].as_array().unwrap().len(), 0);
}

/// The text reader takes a first paragraph that restates the headline for a standfirst. A
/// search that matched only there showed the hit with no text at all.
#[test]
fn a_match_in_the_standfirst_is_shown() {
    let d = Dir::new();
    d.write(
        "corpus/parade.txt",
        "Parade moves to June\n\nThe organizers said the parade would move to June.\n",
    );
    assert_eq!(d.run(&["index", "corpus", "--index", "idx", "--quiet"]).code, 0);
    let r = d.run(&["search", "organizers", "--index", "idx", "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let hit = &r.json()["hits"][0];
    assert_eq!(highlighted(hit, "subtitle"), ["organizers"], "{hit}");
    // Nothing matched anywhere (a filter alone): the standfirst leads, as the body would.
    let r = d.run(&["search", "", "--index", "idx", "--format", "json"]);
    let s = &r.json()["hits"][0]["snippets"][0];
    assert_eq!(s["field"], "subtitle", "{s}");
    assert!(
        s["text"].as_str().unwrap().starts_with("The organizers said"),
        "{s}"
    );
    // In CSV, the snippet column holds it too.
    let r = d.run(&["search", "organizers", "--index", "idx", "--format", "csv"]);
    assert!(r.stdout.contains("The **organizers** said"), "{}", r.stdout);
}

/// Filters alone score every match 0, which sorted them in the index's order.
#[test]
fn filters_alone_are_sorted_newest_first() {
    for args in [
        &["", "--speaker", "putin"][..],
        &["--since", "2013", "--until", "2016"][..],
        &["-geneva date:[2013 TO 2016]"][..],
    ] {
        let v = json(args);
        let hits = v["hits"].as_array().unwrap();
        assert!(hits.len() >= 3, "{args:?}: {v}");
        let dates: Vec<&str> = hits.iter().map(|h| h["date"].as_str().unwrap()).collect();
        let mut newest_first = dates.clone();
        newest_first.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, newest_first, "{args:?}");
        assert!(hits.iter().all(|h| h["score"].is_null()), "{args:?}");
        // Asked for explicitly, the oldest come first.
        let mut oldest = args.to_vec();
        oldest.extend_from_slice(&["--sort", "oldest"]);
        let first = json(&oldest)["hits"][0]["date"].clone();
        assert!(first.as_str().unwrap() <= dates[dates.len() - 1], "{args:?}");
        assert!(first.as_str().unwrap() < dates[0], "{args:?}");
    }
    // A word to rank by keeps the ranking.
    let v = json(&["talks", "--speaker", "putin"]);
    assert!(v["hits"][0]["score"].as_f64().unwrap() > 0.0);
    // Quotes too.
    let r = sample().run(&[
        "quotes",
        "",
        "--speaker",
        "putin",
        "--index",
        "idx",
        "--format",
        "json",
    ]);
    let dates: Vec<String> = r.json()["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["date"].as_str().unwrap().to_string())
        .collect();
    assert!(dates.len() >= 2);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
}

#[test]
fn exit_codes() {
    assert_eq!(search(&["Geneva"]).code, 0);
    let none = search(&["zzzyzzx"]);
    assert_eq!(none.code, 1);
    assert!(none.stdout.is_empty());
    let bad = search(&["\"Geneva talks"]);
    assert_eq!(bad.code, 2);
    assert_eq!(bad.stderr.lines().count(), 1, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("column 1") && bad.stderr.contains("closing"),
        "{}",
        bad.stderr
    );
    assert!(!bad.stderr.contains("panicked"));
}

#[test]
fn malformed_queries_get_one_line_with_a_column() {
    for (q, col, words) in [
        ("geneva (talks", 8, "never closed"),
        ("geneva talks)", 13, "unexpected ')'"),
        ("colour:red", 1, "unknown field 'colour'"),
        ("date:2013-02-30", 6, "bad date"),
        ("putin OR", 7, "OR needs a term"),
        ("\"talks\"~x", 8, "number"),
    ] {
        let r = search(&[q]);
        assert_eq!(r.code, 2, "{q}");
        let line = r.stderr.trim_end();
        assert!(!line.contains('\n'), "{q}: {line}");
        assert!(
            line.contains(&format!("column {col}:")) && line.contains(words),
            "{q}: {line}"
        );
    }
}

#[test]
fn a_star_inside_a_word_or_a_phrase_is_said_not_to_be_a_wildcard() {
    // Only a word's end may be left open: a `*` elsewhere is dropped, and a note says so.
    let r = search(&["t*lks \"genev* talks\""]);
    let notes: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("newsdex: note:"))
        .collect();
    assert_eq!(notes.len(), 2, "{}", r.stderr);
    assert!(
        notes[0].contains("'t*lks' was searched for without it"),
        "{}",
        r.stderr
    );
    assert!(
        notes[1].contains("'genev* talks' was searched for without it"),
        "{}",
        r.stderr
    );
    for quiet in ["talks", "genev* talk*", "talks date:[2013 TO *]"] {
        let r = search(&[quiet, "--since", "2013", "--until", "2013-12-31"]);
        assert!(!r.stderr.contains("note:"), "{quiet}: {}", r.stderr);
    }
}

/// Articles written for the prefix tests: stems shorter than the prefix (`organizers` and
/// `organ` share `organ`, `negotiable` and `negotiators` share `negoti`), a stem whose last
/// letter is not its word's (`happy` → `happi`, as `happiness`), and a quote of each kind.
const PREFIX_ARTICLES: [(&str, &str); 8] = [
    (
        "organ.txt",
        "Organ ward opens\n\nThe hospital opened a new organ transplant ward on Monday.\n",
    ),
    (
        "organizers.txt",
        "Summer festival delayed\n\nThe organizers said the parade would move to June.\n",
    ),
    (
        "negotiable.txt",
        "Union weighs offer\n\n\u{201c}The offer is negotiable,\u{201d} said union leader Mara Lind.\n",
    ),
    (
        "negotiators.txt",
        "Talks run late\n\n\u{201c}Negotiators worked all night,\u{201d} Lind said on Friday.\n",
    ),
    (
        "happy.txt",
        "Bridge opens\n\nResidents were happy with the new bridge.\n",
    ),
    (
        "happiness.txt",
        "City tops ranking\n\nThe city ranked first for happiness.\n",
    ),
    (
        "happened.txt",
        "Flood at night\n\nThe flood happened after midnight.\n",
    ),
    (
        "naive.txt",
        "Naïve plan\n\nCritics called the Zürich plan naïve.\n",
    ),
];

/// The prefix fixtures indexed, with a file of 1,001 words that begin alike.
fn prefix_corpus() -> &'static Dir {
    static D: OnceLock<Dir> = OnceLock::new();
    D.get_or_init(|| {
        let d = Dir::new();
        for (name, text) in PREFIX_ARTICLES {
            d.write(&format!("corpus/{name}"), text);
        }
        let many: Vec<String> = (0..=1000).map(|n| format!("zq{n}")).collect();
        d.write("corpus/many.txt", format!("Codes\n\n{}\n", many.join(" ")));
        let r = d.run(&["index", "corpus", "--index", "idx", "--quiet"]);
        assert_eq!(r.code, 0, "{r:?}");
        d
    })
}

/// Files of the prefix fixtures holding a word, as written (case and accents aside), that
/// begins with `prefix`.
fn files_with_words_beginning(prefix: &str) -> Vec<String> {
    let fold = |w: &str| w.to_lowercase().replace('ï', "i").replace('ü', "u");
    let mut out: Vec<String> = PREFIX_ARTICLES
        .iter()
        .filter(|(_, text)| {
            text.split(|c: char| !c.is_alphanumeric())
                .any(|w| !w.is_empty() && fold(w).starts_with(prefix))
        })
        .map(|(name, _)| name.to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn a_word_ending_in_a_star_finds_every_word_that_begins_so() {
    let d = prefix_corpus();
    let files = |q: &str| -> Vec<String> {
        let r = d.run(&[
            "search", q, "--index", "idx", "--format", "json", "--limit", "100",
        ]);
        assert!(r.code <= 1, "{q}: {r:?}");
        assert_eq!(r.code == 0, r.json()["total"].as_u64().unwrap() > 0, "{q}");
        let mut out: Vec<String> = r.json()["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                h["path"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        out.sort();
        out
    };
    for prefix in [
        "organiz", "organ", "negotiat", "negoti", "happy", "happi", "happ", "hap", "na", "naïv", "zur",
        "zürich", "resident", "rank", "x",
    ] {
        let folded = prefix.replace('ï', "i").replace('ü', "u");
        let expected = files_with_words_beginning(&folded);
        assert_eq!(files(&format!("{prefix}*")), expected, "{prefix}*");
        assert_eq!(files(&format!("exact:{prefix}*")), expected, "exact:{prefix}*");
    }
    // The cases above that need the check against the text, spelled out.
    assert_eq!(files("organiz*"), ["organizers.txt"]);
    assert_eq!(files("happy*"), ["happy.txt"]);
    assert_eq!(files("negotiat*"), ["negotiators.txt"]);
    // Excluded, combined, in a field, next to another word.
    let all = files("");
    let without = |f: &[String]| -> Vec<String> { all.iter().filter(|x| !f.contains(x)).cloned().collect() };
    assert_eq!(
        files("-organiz*"),
        without(&files_with_words_beginning("organiz"))
    );
    assert_eq!(files("-happy*"), without(&files_with_words_beginning("happy")));
    assert_eq!(
        files("NOT (happy* OR organiz*)"),
        without(&files("happy* OR organiz*"))
    );
    assert_eq!(files("happ* -flood"), ["happiness.txt", "happy.txt"]);
    assert_eq!(files("title:organ*"), ["organ.txt"]);
    assert_eq!(files("negotiat* NEAR/2 worked"), ["negotiators.txt"]);
    // Highlights mark the words that begin so, and no other.
    let r = d.run(&[
        "search",
        "organiz* OR happi*",
        "--index",
        "idx",
        "--format",
        "json",
    ]);
    let mut marked: Vec<String> = r.json()["hits"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| highlighted(h, "body"))
        .collect();
    marked.sort();
    assert_eq!(marked, ["happiness", "organizers"]);
}

#[test]
fn a_prefix_of_quotes_and_of_names() {
    let d = prefix_corpus();
    let r = d.run(&["quotes", "negotiat*", "--index", "idx", "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let quotes = r.json()["quotes"].clone();
    assert_eq!(quotes.as_array().unwrap().len(), 1, "{quotes}");
    assert!(quotes[0]["text"].as_str().unwrap().starts_with("Negotiators"));
    // The speaker field holds names as written: every name word that begins so.
    let v = json(&["speaker:pu*"]);
    let expected = sample()
        .run(&["extract", sample_corpus().to_str().unwrap()])
        .json_lines()
        .iter()
        .filter(|a| {
            a["speakers"].as_array().unwrap().iter().any(|s| {
                s.as_str()
                    .unwrap()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.to_lowercase().starts_with("pu"))
            })
        })
        .count();
    assert!(expected >= 2);
    assert_eq!(v["total"].as_u64().unwrap() as usize, expected);
}

/// `--speaker put*` took the star for punctuation and looked for a speaker named `put`.
#[test]
fn the_speaker_flag_takes_a_prefix() {
    let ids = |v: &serde_json::Value| {
        let mut ids: Vec<String> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    let begins = |name: &str| {
        name.split(|c: char| !c.is_alphanumeric())
            .any(|w| w.to_lowercase().starts_with("pu"))
    };
    // Articles: the flag finds what the query's `speaker:pu*` finds.
    let flag = json(&["--speaker", "pu*"]);
    assert!(ids(&flag).len() >= 2, "{flag}");
    assert_eq!(ids(&flag), ids(&json(&["speaker:pu*"])));
    // Quotes: each said by someone with a name word that begins so, and all of them.
    let articles = sample()
        .run(&["extract", sample_corpus().to_str().unwrap()])
        .json_lines();
    let expected = articles
        .iter()
        .flat_map(|a| a["quotes"].as_array().unwrap().clone())
        .filter(|q| q["source_kind"] == "person" && q["speaker"].as_str().is_some_and(begins))
        .count();
    let r = sample().run(&[
        "quotes",
        "--speaker",
        "pu*",
        "--index",
        "idx",
        "--format",
        "json",
        "--limit",
        "1000",
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let quotes = r.json()["quotes"].as_array().unwrap().clone();
    assert!(quotes.iter().all(|q| begins(q["speaker"].as_str().unwrap())));
    assert_eq!(quotes.len(), expected);
    // A prefix is one word, as in a query.
    let r = search(&["--speaker", "vladimir pu*"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("more than one word before its '*'"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_prefix_of_too_many_words_or_of_no_word_is_refused() {
    let d = prefix_corpus();
    let r = d.run(&["search", "bridge OR zq*", "--index", "idx"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("column 11: 'zq*' stands for more than 1000 different words"),
        "{}",
        r.stderr
    );
    // Eleven words begin with `zq99`: zq99 and zq990 to zq999.
    let r = d.run(&["search", "zq99*", "--index", "idx", "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = d.run(&["kwic", "zq99*", "--index", "idx", "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.json_lines().len(), 11, "{}", r.stdout);
    for (q, col, says) in [
        ("talks u.s*", 7, "more than one word"),
        ("talks *", 7, "needs the beginning of a word"),
        ("title:!*", 7, "needs the beginning of a word"),
    ] {
        let r = d.run(&["search", q, "--index", "idx"]);
        assert_eq!(r.code, 2, "{q}: {r:?}");
        assert!(
            r.stderr.contains(&format!("column {col}: ")) && r.stderr.contains(says),
            "{q}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_speaker_no_one_quoted_is_named_gets_the_closest_names() {
    // A misspelt `--speaker` found nothing, exactly as a person quoted outside the dates did.
    let r = search(&["talks", "--speaker", "putn"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("no one quoted in the index is named 'putn'; close: putin"),
        "{}",
        r.stderr
    );
    let r = search(&["--speaker", "Nobody Atall"]);
    assert!(
        r.stderr
            .contains("no one quoted in the index is named 'Nobody Atall'\n"),
        "{}",
        r.stderr
    );
    let r = search(&["talks", "--speaker", "putin", "--since", "2030"]);
    assert_eq!(r.code, 1);
    assert!(!r.stderr.contains("note:"), "the person is there: {}", r.stderr);
    let r = sample().run(&["quotes", "--index", "idx", "--speaker", "Vladimir Putn"]);
    assert!(
        r.stderr.contains("named 'Vladimir Putn'; close: putin"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_date_flag_and_missing_index() {
    let r = search(&["x", "--since", "June"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bad date \"June\""), "{}", r.stderr);
    // Found nothing, exit 1, without saying that nothing could match.
    let r = search(&["talks", "--since", "2014", "--until", "2013-06"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("--since 2014 is after --until 2013-06"),
        "{}",
        r.stderr
    );
    assert_eq!(
        search(&["talks", "--since", "2013-06", "--until", "2013-06"]).code,
        0
    );
    let d = Dir::new();
    let r = d.run(&["search", "x", "--index", "nothing-here"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no newsdex index at nothing-here"),
        "{}",
        r.stderr
    );
}

#[test]
fn search_threads_flag_keeps_the_results_and_refuses_zero() {
    let all = json(&["\"Geneva talks\""]);
    assert!(all["total"].as_u64().is_some_and(|n| n > 0), "{all}");
    assert_eq!(json(&["\"Geneva talks\"", "--threads", "1"]), all);
    let zero = search(&["Geneva", "--threads", "0"]);
    assert_eq!(zero.code, 2);
    assert!(zero.stderr.contains("--threads"), "{}", zero.stderr);
}

/// `--limit` and `--offset` are any count a user types: a page larger than the index is the
/// whole index, and one past its end is empty, for `search`, `quotes` and `kwic` alike.
#[test]
fn a_page_larger_than_the_index_is_the_whole_index() {
    let huge = u64::MAX.to_string();
    let all = json(&["harbour"]);
    let total = all["total"].as_u64().unwrap();
    assert!(total > 0);
    let r = search(&["harbour", "--format", "json", "--limit", &huge]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["total"], total);
    assert_eq!(titles(&v), titles(&all));
    let r = search(&["harbour", "--format", "json", "--offset", &huge]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["total"], total);
    assert!(r.json()["hits"].as_array().unwrap().is_empty());
    // Every quote, then none past the end (the count still given).
    for (flag, shown) in [("--limit", true), ("--offset", false)] {
        let r = sample().run(&["quotes", "--index", "idx", "", "--format", "json", flag, &huge]);
        assert_eq!(r.code, 0, "quotes {flag}: {}", r.stderr);
        let v = r.json();
        let hits = v["quotes"].as_array().unwrap().len() as u64;
        assert!(v["total"].as_u64().unwrap() > 0, "{v}");
        assert_eq!(hits, if shown { v["total"].as_u64().unwrap() } else { 0 }, "{v}");
    }
    let r = sample().run(&["kwic", "--index", "idx", "harbour", "--limit", &huge]);
    assert_eq!(r.code, 0, "kwic: {}", r.stderr);
    assert!(
        r.stdout.contains("[harbour]") || r.stdout.contains("[Harbour]"),
        "{}",
        r.stdout
    );
}

/// Counts per period, checked against the dates of the hits a search lists.
#[test]
fn timeline_counts_what_a_search_finds_per_period() {
    let d = sample();
    let run = |args: &[&str]| -> Run {
        let mut all = vec!["timeline", "--index", "idx"];
        all.extend_from_slice(args);
        d.run(&all)
    };
    for (query, quotes) in [
        ("syria", false),
        ("\"chemical weapons\"", false),
        ("talks NEAR/3 geneva", false),
        ("", true),
        ("talks", true),
    ] {
        // The dates of every hit, from `search` or `quotes`.
        let listed = d.run(&[
            if quotes { "quotes" } else { "search" },
            query,
            "--index",
            "idx",
            "--format",
            "json",
            "--limit",
            "10000",
        ]);
        let key = if quotes { "quotes" } else { "hits" };
        let dates: Vec<Option<String>> = listed.json()[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["date"].as_str().map(str::to_string))
            .collect();
        assert!(!dates.is_empty(), "{query}");
        for (by, len) in [("year", 4), ("month", 7), ("day", 10)] {
            let mut args = vec![query, "--by", by, "--format", "json"];
            if quotes {
                args.push("--quotes");
            }
            let r = run(&args);
            assert_eq!(r.code, 0, "{query} {by}: {r:?}");
            let t = r.json();
            assert_eq!(t["total"].as_u64().unwrap() as usize, dates.len(), "{query} {by}");
            let undated = dates.iter().filter(|d| d.is_none()).count();
            assert_eq!(t["undated"].as_u64().unwrap() as usize, undated, "{query} {by}");
            let periods = t["periods"].as_array().unwrap();
            for p in periods {
                let period = p["period"].as_str().unwrap();
                assert_eq!(period.len(), len, "{query} {by}");
                let expected = dates.iter().flatten().filter(|d| d.starts_with(period)).count();
                assert_eq!(
                    p["count"].as_u64().unwrap() as usize,
                    expected,
                    "{query} {by} {period}"
                );
            }
            // From the first dated hit's period to the last, each period once, in order.
            let names: Vec<&str> = periods.iter().map(|p| p["period"].as_str().unwrap()).collect();
            let first = dates.iter().flatten().min().unwrap();
            let last = dates.iter().flatten().max().unwrap();
            assert_eq!(names.first().copied(), Some(&first[..len]), "{query} {by}");
            assert_eq!(names.last().copied(), Some(&last[..len]), "{query} {by}");
            assert!(names.windows(2).all(|w| w[0] < w[1]), "{query} {by}");
            if by == "year" {
                let (a, b): (u32, u32) = (first[..4].parse().unwrap(), last[..4].parse().unwrap());
                assert_eq!(names.len() as u32, b - a + 1, "{query}: every year listed");
            }
        }
    }
    // Human form: a line per period, the busiest with the widest bar, none for none.
    let human = run(&["syria", "--by", "year"]);
    let years: Vec<&str> = human.stdout.lines().collect();
    let json = run(&["syria", "--by", "year", "--format", "json"]).json();
    assert_eq!(years.len(), json["periods"].as_array().unwrap().len());
    let bar = |line: &str| line.chars().filter(|&c| c == '█').count();
    assert_eq!(years.iter().map(|l| bar(l)).max(), Some(40), "{}", human.stdout);
    assert!(
        years.iter().any(|l| l.ends_with(" 0") && bar(l) == 0),
        "{}",
        human.stdout
    );
    let csv = run(&["syria", "--by", "year", "--format", "csv"]);
    assert!(csv.stdout.starts_with("period,count\n2013,"), "{}", csv.stdout);
    let none = run(&["zzzyzzx"]);
    assert_eq!(none.code, 1, "{none:?}");
    assert!(none.stdout.is_empty());
}

/// `newsdex speakers` counts, per person, exactly the quotes `newsdex quotes` lists for the
/// same query and filters.
#[test]
fn speakers_counts_who_said_what_quotes_finds() {
    use std::collections::{BTreeMap, BTreeSet};
    let d = sample();
    for (q, extra) in [
        ("", &[][..]),
        ("geneva", &[][..]),
        ("talks NEAR/5 geneva", &[][..]),
        ("source:northgate OR war", &[][..]),
        ("", &["--since", "2013-06", "--until", "2014"][..]),
    ] {
        let run = |cmd: &str, limit: &str, format: &str| {
            let mut args = vec![cmd, q, "--index", "idx", "--format", format, "--limit", limit];
            args.extend_from_slice(extra);
            let r = d.run(&args);
            assert!(r.code <= 1, "{cmd} {q}: {r:?}");
            r
        };
        let quotes = run("quotes", "10000", "json").json();
        // Per speaker: quotes, articles, days; a name of one word goes with the longer name
        // ending in it that has most of such names' quotes.
        let mut tally: BTreeMap<String, (u64, BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
        let mut unattributed = 0;
        for h in quotes["quotes"].as_array().unwrap() {
            let (Some(name), "person") = (h["speaker"].as_str(), h["source_kind"].as_str().unwrap()) else {
                unattributed += 1;
                continue;
            };
            let t = tally.entry(name.to_string()).or_default();
            t.0 += 1;
            t.1.insert(h["article_id"].as_str().unwrap().to_string());
            if let Some(day) = h["date"].as_str() {
                t.2.insert(day[..10].to_string());
            }
        }
        let single: Vec<String> = tally.keys().filter(|n| !n.contains(' ')).cloned().collect();
        for word in single {
            let longer: Vec<(String, u64)> = tally
                .iter()
                .filter(|(n, _)| {
                    n.rsplit_once(' ')
                        .is_some_and(|(_, l)| l.eq_ignore_ascii_case(&word))
                })
                .map(|(n, t)| (n.clone(), t.0))
                .collect();
            let all: u64 = longer.iter().map(|x| x.1).sum();
            if let Some((full, _)) = longer.iter().max_by_key(|x| x.1).filter(|x| 2 * x.1 > all) {
                let t = tally.remove(&word).unwrap();
                let f = tally.get_mut(full).unwrap();
                f.0 += t.0;
                f.1.extend(t.1);
                f.2.extend(t.2);
            }
        }
        let who = run("speakers", "1000", "json").json();
        assert_eq!(who["quotes"], quotes["total"], "{q}");
        assert_eq!(who["unattributed"].as_u64().unwrap(), unattributed, "{q}");
        let listed = who["speakers"].as_array().unwrap();
        assert_eq!(listed.len(), tally.len(), "{q}");
        for p in listed {
            let (n, articles, days) = &tally[p["name"].as_str().unwrap()];
            assert_eq!(p["quotes"].as_u64().unwrap(), *n, "{q}: {p}");
            assert_eq!(
                p["articles"].as_u64().unwrap() as usize,
                articles.len(),
                "{q}: {p}"
            );
            let day = |k: &str| p[k].as_str().map(|s| s[..10].to_string());
            assert_eq!(day("first"), days.first().cloned(), "{q}: {p}");
            assert_eq!(day("last"), days.last().cloned(), "{q}: {p}");
        }
        // Most quoted first.
        let counts: Vec<u64> = listed.iter().map(|p| p["quotes"].as_u64().unwrap()).collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{q}: {counts:?}");
        // The page is the most quoted; CSV has a row for each.
        let top = run("speakers", "3", "json").json();
        assert_eq!(
            top["speakers"].as_array().unwrap()[..],
            listed[..3.min(listed.len())],
            "{q}"
        );
        let csv = run("speakers", "1000", "csv").stdout;
        assert_eq!(csv.lines().count(), listed.len() + 1, "{q}");
    }
    // Every quote of the sample: someone is quoted often enough to lead.
    let who = sample()
        .run(&["speakers", "--index", "idx", "--format", "json"])
        .json();
    assert!(who["speakers"][0]["quotes"].as_u64().unwrap() >= 5, "{who}");
}
