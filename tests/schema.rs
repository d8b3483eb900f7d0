//! The schema file, the `schema` command and schema versioning.

use crate::util::*;

#[test]
fn schema_command_prints_the_schema_file() {
    let d = Dir::new();
    let r = d.run(&["schema"]);
    assert_eq!(r.code, 0);
    let file =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index-schema/schema.json")).unwrap();
    assert_eq!(r.stdout, file);
}

#[test]
fn tantivy_schema_matches_the_file() {
    let spec = newsdex::schema::spec();
    let schema = newsdex::schema::build_schema();
    assert_eq!(schema.fields().count(), spec.fields.len());
    for f in &spec.fields {
        let field = schema
            .get_field(&f.name)
            .unwrap_or_else(|_| panic!("field {} missing", f.name));
        let entry = schema.get_field_entry(field);
        assert_eq!(entry.is_stored(), f.stored, "{} stored", f.name);
        assert_eq!(entry.is_indexed(), f.indexed, "{} indexed", f.name);
        assert_eq!(entry.is_fast(), f.fast, "{} fast", f.name);
        if let tantivy::schema::FieldType::Str(opts) = entry.field_type()
            && let Some(ix) = opts.get_indexing_options()
        {
            assert_eq!(Some(ix.tokenizer()), f.analyzer.as_deref(), "{} analyzer", f.name);
            assert_eq!(
                ix.index_option().has_positions(),
                f.positions,
                "{} positions",
                f.name
            );
        }
        if let Some(a) = &f.analyzer {
            assert!(
                newsdex::schema::analyzer(a).is_some(),
                "analyzer {a} of {} is defined",
                f.name
            );
        }
    }
}

#[test]
fn index_of_another_schema_version_asks_for_reindex() {
    let d = indexed_sample();
    let meta = d.path().join("idx/newsdex.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema_version"], newsdex::schema::version());
    v["schema_version"] = 999.into();
    std::fs::write(&meta, v.to_string()).unwrap();
    let r = d.run(&["search", "geneva", "--index", "idx"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("schema version 999") && r.stderr.contains("re-index"),
        "{}",
        r.stderr
    );
}

/// Every token of `text` under `analyzer`: text, position, byte offsets.
fn tokens(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
    let mut s = analyzer.token_stream(text);
    let mut out = Vec::new();
    while s.advance() {
        let t = s.token();
        out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
    }
    out
}

/// The Tantivy chain the schema file describes for `stemmed` (with `stem`) and `name`, which
/// newsdex runs as one pass of its own (`src/words.rs`).
fn chain(stem: bool) -> tantivy::tokenizer::TextAnalyzer {
    use tantivy::tokenizer::*;
    let b = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    if stem {
        b.filter(Stemmer::default()).build()
    } else {
        b.build()
    }
}

/// Checks both analyzers against the chain on `text`, twice (the second time with the stems
/// remembered); returns the number of tokens.
fn same_as_chain(text: &str) -> usize {
    let mut n = 0;
    for (name, stem) in [("stemmed", true), ("name", false)] {
        let mut ours = newsdex::schema::analyzer(name).unwrap();
        let mut theirs = chain(stem);
        for _ in 0..2 {
            let expected = tokens(&mut theirs, text);
            assert_eq!(tokens(&mut ours, text), expected, "{name}: {text:?}");
            n = expected.len();
        }
    }
    n
}

#[test]
fn analyzers_on_ascii_prose() {
    assert_eq!(
        same_as_chain("Talks talked TALKING; the ministers' 2013 G20 talks-resumed, x86_64!"),
        11
    );
}

#[test]
fn analyzers_on_accents_and_other_scripts() {
    same_as_chain("Ángela López met Ærø's mayor in Zürich: “Straße” İstanbul ΑΘΗΝΑ Ωμέγα");
    same_as_chain("東京 talks 北京会谈 २०१३ ٢٠١٣ ﬁnance Ⅻ ① e\u{301}clair naïve café’s 🙂done");
    same_as_chain("ǅemal ǈubljana ß ẞ İİİ ﬀ œuvre Œuvre");
}

#[test]
fn analyzers_drop_long_words_and_keep_their_place() {
    let under = "b".repeat(63);
    let text = format!(
        "one {} two {under} three {} four é{under}",
        "a".repeat(64),
        "é".repeat(32)
    );
    assert_eq!(same_as_chain(&text), 5);
}

#[test]
fn analyzers_on_edges() {
    for text in [
        "",
        " ",
        "...",
        "a",
        "é",
        "a.",
        ".a",
        "a\u{0}b",
        "\u{feff}word",
        "9",
    ] {
        same_as_chain(text);
    }
}

/// The analyzers give the very tokens of the chain on every file under `root`; returns the
/// number of tokens compared.
fn analyzers_agree_with_tantivy_chain(root: &std::path::Path) -> usize {
    let mut compared = 0;
    for (name, stem) in [("stemmed", true), ("name", false)] {
        let mut ours = newsdex::schema::analyzer(name).unwrap();
        let mut theirs = chain(stem);
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
            let expected = tokens(&mut theirs, &text);
            let got = tokens(&mut ours, &text);
            if got != expected {
                let at = got
                    .iter()
                    .zip(&expected)
                    .position(|(a, b)| a != b)
                    .unwrap_or(got.len().min(expected.len()));
                panic!(
                    "{name} differs on {} at token {at}: {:?} vs Tantivy's {:?}",
                    entry.path().display(),
                    got.get(at),
                    expected.get(at)
                );
            }
            compared += expected.len();
        }
    }
    compared
}

#[test]
fn analyzers_are_tantivys_chain_on_the_sample_corpus() {
    assert!(analyzers_agree_with_tantivy_chain(&sample_corpus()) > 1000);
}

#[test]
fn analyzers_are_tantivys_chain_on_the_real_corpora() {
    let Some(corpora) = corpora() else { return };
    assert!(analyzers_agree_with_tantivy_chain(&corpora) > 10_000_000);
}
