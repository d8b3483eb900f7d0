//! Match-accurate highlighting, fragments, proximity operators, exact matching, KWIC and
//! query errors.

use newsdex::query::{QField, parse};
use newsdex::snippet::Highlighter;

use crate::util::*;

fn marks(query: &str, text: &str) -> Vec<String> {
    let h = Highlighter::new(&parse(query).unwrap());
    h.matches(QField::Body, text)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

#[test]
fn a_phrase_is_highlighted_only_where_it_stands_whole() {
    let text = "the Geneva conference opened, and a conference at Geneva closed";
    assert_eq!(marks("\"Geneva conference\"", text), ["Geneva conference"]);
    assert_eq!(marks("\"conference Geneva\"~2", text), ["conference at Geneva"]);
}

#[test]
fn words_in_every_stemmed_form_but_not_exclusions_or_filters() {
    let text = "Talks began. The talk was short; they talked on.";
    assert_eq!(marks("talks", text), ["Talks", "talk", "talked"]);
    assert!(marks("talks -began", text).iter().all(|m| m != "began"));
    assert_eq!(marks("talk speaker:putin date:2013", text).len(), 3);
}

#[test]
fn exact_matches_the_words_as_written() {
    let text = "Talks began. The talk was short.";
    assert_eq!(marks("exact:talk", text), ["talk"]);
    assert_eq!(marks("exact:\"talks began\"", text), ["Talks began"]);
    assert_eq!(marks("talk", text), ["Talks", "talk"]);
}

#[test]
fn proximity_operators_mark_the_matched_span() {
    let text = "Iran said on Monday that the nuclear deal would hold.\n\nLater the deal was signed in Vienna by Iran.";
    assert_eq!(
        marks("iran NEAR/7 \"nuclear deal\"", text),
        ["Iran said on Monday that the nuclear deal"]
    );
    assert!(marks("iran NEAR/3 \"nuclear deal\"", text).is_empty());
    // PRE keeps the order: "deal … Iran" is too far, "Iran … deal" is in order.
    assert_eq!(
        marks("iran PRE/7 deal", text),
        ["Iran said on Monday that the nuclear deal"]
    );
    assert_eq!(marks("vienna PRE/2 iran", text), ["Vienna by Iran"]);
    assert!(marks("iran PRE/2 vienna", text).is_empty());
    // Same sentence and same paragraph.
    assert_eq!(marks("monday /s deal", text), ["Monday that the nuclear deal"]);
    assert!(marks("monday /s vienna", text).is_empty());
    assert!(marks("monday /p vienna", text).is_empty());
    assert_eq!(marks("signed /p iran", text), ["signed in Vienna by Iran"]);
    // Groups of alternatives as operands.
    assert_eq!(
        marks("(tehran OR vienna) NEAR/2 signed", text),
        ["signed in Vienna"]
    );
}

fn search(d: &Dir, args: &[&str]) -> Run {
    let mut all = vec!["search", "--index", "idx"];
    all.extend_from_slice(args);
    d.run(&all)
}

#[test]
fn proximity_in_searches_counts_only_true_matches() {
    let d = Dir::new();
    d.write("in/near.txt", "One\n\nThe Geneva talks opened today.\n");
    d.write(
        "in/far.txt",
        "Two\n\nGeneva is cold in winter, and elsewhere many long talks began.\n",
    );
    d.write("in/order.txt", "Three\n\nTalks in Geneva ended.\n");
    assert_eq!(d.run(&["index", "in", "--index", "idx", "--quiet"]).code, 0);
    let total = |q: &str| {
        search(&d, &[q, "--format", "json"]).json()["total"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(total("geneva talks"), 3);
    assert_eq!(total("geneva NEAR/2 talks"), 2);
    assert_eq!(total("geneva PRE/2 talks"), 1);
    assert_eq!(total("geneva /s talks"), 3);
    assert_eq!(total("title:one OR (geneva PRE/1 talks)"), 1);
    assert_eq!(total("(geneva NEAR/2 talks) -opened"), 1);
    let r = search(&d, &["geneva NEAR/2 talks", "--format", "json", "--limit", "1"]);
    assert_eq!(
        r.json()["hits"].as_array().unwrap().len(),
        1,
        "paging over checked matches"
    );
}

#[test]
fn several_fragments_cut_by_characters() {
    let d = Dir::new();
    let filler = "Nothing of note happened in the harbour that week at all. ".repeat(8);
    d.write("in/long.txt", format!("Harbour report\n\nThe ferry was late. {filler}The ferry returned at dawn. {filler}A new ferry was ordered.\n"));
    assert_eq!(d.run(&["index", "in", "--index", "idx", "--quiet"]).code, 0);
    let v = search(
        &d,
        &[
            "ferry",
            "--format",
            "json",
            "--fragments",
            "3",
            "--fragment-size",
            "60",
        ],
    )
    .json();
    let body: Vec<&serde_json::Value> = v["hits"][0]["snippets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["field"] == "body")
        .collect();
    assert_eq!(body.len(), 3);
    for s in &body {
        let text = s["text"].as_str().unwrap();
        assert!(text.chars().count() <= 60 + 2 + 20, "{text}");
        assert!(text.starts_with('…') || text.starts_with("The ferry"), "{text}");
        assert!(!s["highlights"].as_array().unwrap().is_empty());
    }
    let one = search(&d, &["ferry", "--format", "json", "--fragments", "1"]).json();
    assert_eq!(
        one["hits"][0]["snippets"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["field"] == "body")
            .count(),
        1
    );
}

#[test]
fn kwic_lines_with_context_and_sorting() {
    let d = indexed_sample();
    let r = d.run(&[
        "kwic", "geneva", "--index", "idx", "--format", "json", "--width", "20",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines = r.json_lines();
    assert!(lines.len() >= 8);
    for l in &lines {
        for k in ["id", "path", "date", "left", "match", "right"] {
            assert!(l.get(k).is_some(), "{k} in {l}");
        }
        assert!(l["match"].as_str().unwrap().eq_ignore_ascii_case("geneva"));
        assert!(l["left"].as_str().unwrap().chars().count() <= 21);
        assert!(l["right"].as_str().unwrap().chars().count() <= 21);
    }
    let by = |sort: &str| {
        d.run(&[
            "kwic", "geneva", "--index", "idx", "--format", "json", "--sort", sort,
        ])
        .json_lines()
    };
    let dates: Vec<String> = by("date")
        .iter()
        .map(|l| l["date"].as_str().unwrap_or("~").to_string())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let rights: Vec<String> = by("right")
        .iter()
        .map(|l| l["right"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = rights.clone();
    sorted.sort();
    assert_eq!(rights, sorted);
    let lefts: Vec<String> = by("left")
        .iter()
        .map(|l| {
            l["left"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase()
        })
        .collect();
    let mut sorted = lefts.clone();
    sorted.sort();
    assert_eq!(lefts, sorted);
    // Filters as in search, and sheets for coding.
    let putin = d
        .run(&[
            "kwic",
            "geneva",
            "--index",
            "idx",
            "--format",
            "json",
            "--speaker",
            "putin",
            "--since",
            "2013-06",
            "--until",
            "2013-06-30",
        ])
        .json_lines();
    assert!(!putin.is_empty() && putin.len() < lines.len());
    let tsv = d.run(&["kwic", "geneva", "--index", "idx", "--format", "tsv", "-n", "3"]);
    assert_eq!(
        tsv.stdout.lines().next().unwrap(),
        "id\tpath\tdate\tsource\tfield\tleft\tmatch\tright"
    );
    assert_eq!(tsv.stdout.lines().count(), 4);
    let human = d.run(&[
        "kwic", "geneva", "--index", "idx", "-n", "2", "--width", "30", "--color", "never",
    ]);
    let cols: Vec<usize> = human
        .stdout
        .lines()
        .map(|l| l[..l.find('[').unwrap()].chars().count())
        .collect();
    assert_eq!(cols, [30, 30], "matches aligned:\n{}", human.stdout);
}

/// Every malformed query: one line, the column, what is wrong and how to fix it.
#[test]
fn query_errors_snapshot() {
    let d = Dir::new();
    d.write("in/a.txt", "A\n\nText.\n");
    assert_eq!(d.run(&["index", "in", "--index", "idx", "--quiet"]).code, 0);
    let cases = [
        (
            "\"geneva talks",
            "query error at column 1: unbalanced quote: the phrase is never closed (add the closing '\"')",
        ),
        (
            "geneva (talks",
            "query error at column 8: '(' is never closed (add the matching ')')",
        ),
        (
            "geneva talks)",
            "query error at column 13: unexpected ')' (remove it, or add the '(' it closes)",
        ),
        (
            "colour:red",
            "query error at column 1: unknown field 'colour' (fields are title, subtitle, body, exact, speaker, author, source, date, topic, place, dateline)",
        ),
        (
            "date:2013-02-30",
            "query error at column 6: bad date '2013-02-30' (use YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 time such as 2013-06-17T19:45:00Z)",
        ),
        (
            "date:[2013 TO]",
            "query error at column 7: a range is `[FROM TO UNTIL]` (write `date:[2013-06-01 TO 2013-06-30]`, `*` for an open end)",
        ),
        (
            "putin OR",
            "query error at column 7: OR needs a term on both sides (write `a OR b`)",
        ),
        (
            "AND putin",
            "query error at column 1: AND needs a term on both sides (write `a AND b`, or just `a b`)",
        ),
        (
            "- putin",
            "query error at column 1: '-' must be followed by the word to exclude (write `-word` with no space)",
        ),
        (
            "title:",
            "query error at column 1: field with no value (write `field:word` or `field:\"a phrase\"`)",
        ),
        (
            "\"\"",
            "query error at column 1: empty phrase (put words between the quotes, or remove them)",
        ),
        (
            "\"talks\"~x",
            "query error at column 8: '~' must be followed by a number of words (0 to 1000) (write `\"a phrase\"~3`)",
        ),
        (
            "geneva NEAR/x talks",
            "query error at column 8: 'NEAR/x' needs a distance from 1 to 1000 (write NEAR/5 or PRE/5)",
        ),
        (
            "NEAR/5 talks",
            "query error at column 1: 'NEAR/5' needs a term on both sides (write `a NEAR/5 b`)",
        ),
        (
            "geneva /s",
            "query error at column 8: '/s' needs a term on both sides (write `a NEAR/5 b`)",
        ),
        (
            "speaker:putin NEAR/3 x",
            "query error at column 15: 'NEAR/3' cannot follow that (operands are words, phrases or (a OR b) groups, e.g. `iran NEAR/5 \"nuclear deal\"`)",
        ),
        (
            "()",
            "query error at column 2: expected a word or phrase here (an empty group `()` matches nothing; remove it)",
        ),
        // Read as `oil` before: the exclusion was lost without a word.
        (
            "opec +-oil",
            "query error at column 6: '+-': one sign at most before a word (write `-word` to exclude a word, `word` to require it)",
        ),
        (
            "opec +",
            "query error at column 6: '+' must be followed by the word to require (write `+word` with no space, or just `word`: every word is required)",
        ),
        // Lucene's fuzzy syntax was the phrase "gaddafi 2" before.
        (
            "speaker:gaddafi~2",
            "query error at column 16: '~' after a word ('gaddafi~2'): fuzzy matching is not supported (`~N` follows a phrase (`\"geneva talks\"~3`); for spellings of a name, write them out with OR, or a prefix such as `gadd*`)",
        ),
        (
            "gaddafi~",
            "query error at column 8: '~' after a word ('gaddafi~'): fuzzy matching is not supported (`~N` follows a phrase (`\"geneva talks\"~3`); for spellings of a name, write them out with OR, or a prefix such as `gadd*`)",
        ),
    ];
    for (q, want) in cases {
        let r = search(&d, &[q]);
        assert_eq!(r.code, 2, "{q}");
        assert_eq!(r.stderr, format!("newsdex: error: {want}\n"), "{q}");
    }
    let deep = format!("{}a{}", "(".repeat(500), ")".repeat(500));
    let r = search(&d, &[&deep]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nested too deeply"));
}

#[test]
fn long_chains_of_proximity_operators_are_refused_not_a_crash() {
    // Each operator of a chain nests the chain one level deeper: 3,000 in a row, or 64
    // groups of 63 inside each other, overflowed the stack ("fatal runtime error: stack
    // overflow", exit 134).
    let d = Dir::new();
    d.write("in/a.txt", "Talks\n\nThe Geneva talks opened today.\n");
    assert_eq!(d.run(&["index", "--index", "idx", "in"]).code, 0);
    let chain = format!("geneva{}", " NEAR/3 talks".repeat(3000));
    let mut groups = "geneva".to_string();
    for _ in 0..64 {
        groups = format!("({groups}{})", " NEAR/3 talks".repeat(63));
    }
    for q in [&chain, &groups] {
        let r = search(&d, &[q.as_str()]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains("proximity operators nested too deeply"),
            "{}",
            r.stderr
        );
    }
    // Long chains below the limit still run.
    let fine = format!("geneva{}", " NEAR/3 talks".repeat(100));
    let r = search(&d, &[fine.as_str()]);
    assert!(r.code < 2 && !r.stderr.contains("error"), "{}", r.stderr);
    let r = search(&d, &["geneva NEAR/3 talks NEAR/3 opened"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

mod fuzz {
    use newsdex::query::{QField, parse, to_query};
    use newsdex::snippet::Highlighter;
    use proptest::prelude::*;

    /// How many random queries the parser is fuzzed with on each run.
    pub const CASES: u32 = 20_000;

    fn query_text() -> impl Strategy<Value = String> {
        let atom = prop_oneof![
            Just("geneva".to_string()),
            Just("talks".to_string()),
            Just("\"".to_string()),
            Just("“".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just(" OR ".to_string()),
            Just(" AND ".to_string()),
            Just("-".to_string()),
            Just("~".to_string()),
            Just("~3".to_string()),
            Just("title:".to_string()),
            Just("speaker:".to_string()),
            Just("exact:".to_string()),
            Just("date:".to_string()),
            Just("date:[2013 TO *]".to_string()),
            Just("[".to_string()),
            Just(" NEAR/3 ".to_string()),
            Just(" PRE/2 ".to_string()),
            Just(" /s ".to_string()),
            Just(" /p ".to_string()),
            Just(" ".to_string()),
            "[a-zA-Z0-9:/~\\-\\[\\]{}*\"()é ]{0,6}",
            any::<char>().prop_map(|c| c.to_string()),
        ];
        prop::collection::vec(atom, 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn parser_never_panics(q in query_text()) {
            let fields = newsdex::schema::Fields::new(&newsdex::schema::build_schema()).unwrap();
            if let Ok(ast) = parse(&q) {
                let _ = to_query(&ast, &fields);
                let h = Highlighter::new(&ast);
                let _ = h.matches(QField::Body, "The Geneva talks began. Talks in Geneva.\n\nMore talks.");
            } else if let Err(e) = parse(&q) {
                prop_assert!(e.column >= 1 && e.column <= q.chars().count() + 1, "column {} of {:?}", e.column, q);
            }
        }
    }
}

#[test]
fn highlighting_stems_only_what_can_match_but_misses_nothing() {
    // Words are stemmed only when they begin like a query term; the stems that change a
    // word's first letters (`dying` → `die`) must still be found.
    assert_eq!(
        marks("die", "The lying ferry man was dying, they die."),
        ["dying", "die"]
    );
    assert_eq!(marks("lie", "Lying low, he lies."), ["Lying", "lies"]);
    assert_eq!(
        marks("\"harbour talks\"", "Harbouring doubts; harbour talks began."),
        ["harbour talks"]
    );
    // A one-letter term is compared on its letter alone.
    assert_eq!(marks("exact:a", "A cat and a dog"), ["A", "a"]);
}

#[test]
fn exact_search_counts_and_excludes_only_the_words_as_written() {
    // `exact:` has no index field of its own: the stemmed fields give candidates and each is
    // checked against its text, so counts and exclusions must still be exact.
    let d = Dir::new();
    d.write(
        "c/a.txt",
        "Harbour talks\n\nThe harbour talks resumed on Monday.\n",
    );
    d.write(
        "c/b.txt",
        "Harbour talk\n\nOne harbour talk was enough for the mayor.\n",
    );
    assert_eq!(d.run(&["index", "--index", "idx", "c"]).code, 0);
    let total = |q: &str| d.run(&["search", "--index", "idx", "--format", "json", q]).json()["total"].clone();
    assert_eq!(total("exact:talks"), 1);
    assert_eq!(total("talks"), 2);
    assert_eq!(total("harbour -exact:talks"), 1);
    assert_eq!(total("exact:\"harbour talk\""), 1);
    assert_eq!(total("exact:Harbour -exact:talk"), 1);
}
