//! # Searching a news corpus from Rust
//!
//! This example indexes the repository's `sample-corpus/` into a temporary directory and asks
//! the question newsdex is built for: *what did Putin say about the Geneva talks in June
//! 2013?* Run it with:
//!
//! ```text
//! cargo run --release --example search_sample
//! ```

use newsdex::{IngestOptions, NewsIndex, SearchRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // ## Build an index
    //
    // `create_or_open` makes a new index (or opens one built by the same schema version).
    // `index_paths` walks the directories, reads every article format it knows, extracts
    // dates, bylines and the people quoted, and reports what it skipped.
    let dir = tempfile::tempdir()?;
    let index = NewsIndex::create_or_open(dir.path().join("index"))?;
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    let summary = newsdex::index_paths(&index, &[corpus], &IngestOptions::default(), &mut |_| {})?;
    println!(
        "indexed {} articles from {} files",
        summary.articles, summary.files
    );
    for problem in &summary.warnings {
        println!("  note: {}: {}", problem.path, problem.reason);
    }

    // ## Ask a question
    //
    // A phrase, a speaker filter (a surname finds the full name) and a date range
    // (`2013-06` starts on June 1st; `--until 2013-06-30` ends on that day's last second).
    let request = SearchRequest::new("\"Geneva talks\"")
        .speaker("putin")
        .since_date("2013-06")?
        .until_date("2013-06-30")?;
    let results = index.search(&request)?;
    println!("{} matching articles", results.total);

    // ## Read the hits
    //
    // Snippets come with highlight ranges (byte offsets into the snippet text) instead of
    // markup, so a program decides how to show them. Here: between brackets.
    for hit in &results.hits {
        let date = hit
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        println!("\n{date}  {}  ({})", hit.title, hit.speakers.join(", "));
        for snippet in hit.snippets.iter().filter(|s| s.field == "body") {
            let mut text = snippet.text.clone();
            for range in snippet.highlights.iter().rev() {
                text.insert(range.end, ']');
                text.insert(range.start, '[');
            }
            println!("  {text}");
        }
    }
    Ok(())
}
