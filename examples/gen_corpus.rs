//! # A synthetic news corpus of any size
//!
//! Writes N realistic articles (default 1,000,000), the same for the same seed, in the layouts
//! newsdex reads: plain-text files (one article each, with headline, date line, byline and
//! paragraphs) and JSON Lines dumps. Articles quote people in the patterns the extractor
//! handles, so speaker filters have work to do. Used to measure indexing at scale; no data is
//! shipped. Word frequencies follow Zipf's law over a vocabulary of 30,000 words, as in news
//! prose, so common words are common and phrases are rare.
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR [ARTICLES] [SEED] [text|jsonl|both]
//! ```

use std::io::Write;
use std::path::Path;

/// SplitMix64: a small, fast, well-known generator; enough for reproducible test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Anna", "Mark", "Lena", "Omar", "Priya", "Tomas", "Sara", "Daniel", "Ingrid", "Paul", "Maren", "Ewan",
    "Claire", "Jonas", "Rosa", "Felix", "Nadia", "Callum", "Ines", "Samuel",
];
const LAST: &[&str] = &[
    "Kowal", "Dunn", "Varga", "Haddad", "Raman", "Berg", "Lind", "Okafor", "Solberg", "Okoro", "Holt",
    "Pryce", "Dubois", "Weber", "Beltran", "Grant", "Farah", "Reid", "Navarro", "Ortega",
];
const TITLES: &[&str] = &[
    "Minister",
    "Mayor",
    "Senator",
    "President",
    "Governor",
    "Chairman",
    "Director",
];
const SOURCES: &[&str] = &[
    "Northgate Wire",
    "Harbourside Times",
    "Valley Courier",
    "Coastline Press",
    "Kestrel Bay Gazette",
];
const TOPICS: &[&str] = &[
    "budget",
    "harbour",
    "election",
    "ferry",
    "school",
    "hospital",
    "bridge",
    "tram",
    "flood",
    "festival",
    "trade",
    "energy",
    "housing",
    "police",
    "court",
    "library",
    "reservoir",
    "airport",
    "market",
    "council",
];
const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "on",
    "a",
    "new",
    "plan",
    "for",
    "of",
    "in",
    "to",
    "and",
    "its",
    "was",
    "after",
    "vote",
    "week",
    "city",
    "residents",
    "funding",
    "project",
    "cost",
    "year",
    "report",
    "board",
    "local",
    "officials",
    "agreed",
    "proposal",
    "would",
    "public",
    "meeting",
    "support",
    "members",
    "work",
    "delay",
    "government",
    "talks",
    "deal",
    "million",
    "pounds",
    "north",
    "coast",
    "service",
    "changes",
];
const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "warned",
    "insisted",
    "explained",
];

/// Syllables of the made-up words of the vocabulary's long tail.
const SYLLABLES: &[&str] = &[
    "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "ri", "so", "tu", "va", "we",
    "xi", "yo", "za", "bra", "cle", "dro", "fri", "gla", "pro", "stra", "tri", "ver", "mon", "len", "dar",
    "sen", "tor", "mar", "lis", "ren", "kan", "bel", "dor",
];

/// Words of the vocabulary besides [`WORDS`].
const TAIL_WORDS: usize = 30_000;

/// News prose uses a few words very often and most words rarely: word frequencies follow
/// Zipf's law (the word of rank k appears about 1/k as often as the most frequent one). The
/// vocabulary is [`WORDS`], most frequent first, then made-up words of two or three syllables.
struct Vocab {
    words: Vec<String>,
    /// Cumulative Zipf weights, the last one 1.0.
    cumulative: Vec<f64>,
}

impl Vocab {
    fn get() -> &'static Vocab {
        static VOCAB: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
        VOCAB.get_or_init(|| {
            let n = SYLLABLES.len();
            let mut words: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
            // Two-syllable words first (n²), then three (n³): each index spells a new word.
            words.extend((0..TAIL_WORDS).map(|k| {
                let (digits, k) = if k < n * n { (2, k) } else { (3, k - n * n) };
                (0..digits)
                    .map(|d| SYLLABLES[(k / n.pow(d)) % n])
                    .collect::<String>()
            }));
            let mut total = 0.0;
            let mut cumulative: Vec<f64> = (1..=words.len())
                .map(|rank| {
                    total += 1.0 / rank as f64;
                    total
                })
                .collect();
            cumulative.iter_mut().for_each(|c| *c /= total);
            Vocab { words, cumulative }
        })
    }

    fn sample(&self, r: &mut Rng) -> &str {
        let u = (r.next() >> 11) as f64 / (1u64 << 53) as f64;
        let i = self.cumulative.partition_point(|&c| c < u);
        &self.words[i.min(self.words.len() - 1)]
    }
}

/// A sentence of `min` to `min + spread - 1` words.
fn sentence(r: &mut Rng, min: usize, spread: usize) -> String {
    let words = min + r.below(spread);
    let vocab = Vocab::get();
    let mut s = String::new();
    for i in 0..words {
        let w = if i % 7 == 3 {
            r.pick(TOPICS)
        } else {
            vocab.sample(r)
        };
        if i == 0 {
            let mut c = w.chars();
            s.extend(c.next().map(|c| c.to_ascii_uppercase()));
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

struct Article {
    title: String,
    date: String,
    author: String,
    source: String,
    paragraphs: Vec<String>,
}

fn article(r: &mut Rng, i: u64) -> Article {
    let topic = r.pick(TOPICS);
    let title = format!(
        "{} {} {} after {} vote",
        capital(topic),
        r.pick(&["plan", "talks", "deal", "project"]),
        r.pick(&["stalls", "advances", "wins backing", "splits council"]),
        r.pick(WORDS)
    );
    let (y, m, d) = (2010 + r.below(11), 1 + r.below(12), 1 + r.below(28));
    let date = format!("{y}-{m:02}-{d:02}T{:02}:{:02}:00Z", r.below(24), r.below(60));
    let author = format!("{} {}", r.pick(FIRST), r.pick(LAST));
    let source = r.pick(SOURCES).to_string();
    let speaker = (r.pick(FIRST), r.pick(LAST), r.pick(TITLES));
    let mut paragraphs = vec![format!(
        "{} {} {} {}",
        r.pick(TITLES),
        speaker.0,
        speaker.1,
        sentence(r, 12, 20)
    )];
    for p in 0..(2 + r.below(10)) {
        let n = 15 + r.below(60);
        let text = match (p + i as usize) % 4 {
            0 => format!(
                "“{},” {} {}.",
                sentence(r, 8, 12).trim_end_matches('.'),
                speaker.1,
                r.pick(VERBS)
            ),
            1 => format!("{} {} said: “{}”", speaker.2, speaker.1, sentence(r, 10, 10)),
            2 => format!(
                "“{},” said {} {} {}.",
                sentence(r, 6, 10).trim_end_matches('.'),
                r.pick(TITLES),
                r.pick(FIRST),
                r.pick(LAST)
            ),
            _ => (0..1 + n / 25)
                .map(|_| sentence(r, 8, 20))
                .collect::<Vec<_>>()
                .join(" "),
        };
        paragraphs.push(text);
    }
    Article {
        title,
        date,
        author,
        source,
        paragraphs,
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: gen_corpus OUT_DIR [ARTICLES] [SEED] [text|jsonl|both]");
        std::process::exit(2);
    };
    let n: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(2013);
    let layout = args.get(3).map_or("both", String::as_str);
    let out = Path::new(out);
    let mut r = Rng(seed);
    let mut jsonl: Option<std::io::BufWriter<std::fs::File>> = None;
    let mut bytes = 0u64;
    for i in 0..n {
        let a = article(&mut r, i);
        // Half the articles as text files, half as JSON Lines, unless one layout is asked for.
        let as_text = match layout {
            "text" => true,
            "jsonl" => false,
            _ => i % 2 == 0,
        };
        if as_text {
            let dir = out.join("text").join(format!("{:04}", i / 1000));
            std::fs::create_dir_all(&dir)?;
            let body = a.paragraphs.join("\n\n");
            let text = format!(
                "{}\n\nPublished: {}\n\nBy {}\n\n{}\n",
                a.title, a.date, a.author, body
            );
            bytes += text.len() as u64;
            std::fs::write(dir.join(format!("{i}.txt")), text)?;
        } else {
            if i % 20_000 < 2 || jsonl.is_none() {
                if let Some(mut w) = jsonl.take() {
                    w.flush()?;
                }
                let dir = out.join("jsonl");
                std::fs::create_dir_all(&dir)?;
                jsonl = Some(std::io::BufWriter::new(std::fs::File::create(
                    dir.join(format!("part-{:05}.jsonl", i / 20_000)),
                )?));
            }
            let line = serde_json::json!({
                "headline": a.title, "published_at": a.date, "byline": a.author,
                "publication": a.source, "content": a.paragraphs.join("\n\n"),
            })
            .to_string();
            bytes += line.len() as u64 + 1;
            if let Some(w) = jsonl.as_mut() {
                writeln!(w, "{line}")?;
            }
        }
    }
    if let Some(mut w) = jsonl {
        w.flush()?;
    }
    eprintln!(
        "wrote {n} articles, {:.1} MB, seed {seed}, into {}",
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}
