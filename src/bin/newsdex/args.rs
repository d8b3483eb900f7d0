//! Command-line flags, parsed by clap and turned into library requests before any work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const QUERY_HELP: &str = r#"QUERY SYNTAX
  geneva talks              all words must match (stemmed: `talks` also finds `talk`)
  "geneva talks"            the exact phrase
  "geneva talks"~3          the words in order, up to 3 other words apart
  syria OR iran             either word
  syria -iran               syria, but not iran (also syria NOT iran)
  (syria OR iran) talks     groups
  title:summit              a word in the headline (also subtitle:, body:)
  speaker:putin             articles quoting Putin (also speaker:"vladimir putin")
  author:doe  source:reuters
  date:2013-06              published in June 2013 (also date:2013, date:2013-06-17)
  date:[2013-06-01 TO 2013-06-30]   a date range, inclusive; * for an open end
  exact:talks  exact:"talks began"  the words as written, not stemmed
  negotiat*                 any word that begins so, as written (not in a phrase)
  iran NEAR/5 deal          at most 5 words apart, either order (adjacent words are 1 apart)
  iran PRE/5 deal           iran first, deal at most 5 words after
  iran /s deal              in the same sentence
  iran /p deal              in the same paragraph
  (iran OR syria) NEAR/10 "nuclear deal"   operands: words, phrases, exact:, (a OR b)
Matching ignores case and accents. Dates are UTC. A query may start with '-'.

EXIT STATUS
  0 when something matched, 1 when nothing did, 2 on error."#;

/// Full-text search for news corpora: index a directory of articles, search it by phrase,
/// date and the people quoted.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, about, max_term_width = 100)]
pub struct Cli {
    /// The index directory.
    #[arg(
        long,
        global = true,
        env = "NEWSDEX_INDEX",
        default_value = "newsdex-index",
        value_name = "PATH"
    )]
    pub index: PathBuf,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index every article under the given directories (or files).
    Index(IndexArgs),
    /// Search the index.
    #[command(after_long_help = QUERY_HELP, after_help = "See --help for the query syntax.")]
    Search(SearchArgs),
    /// Keyword in context: one line per match, left context, match, right context.
    #[command(after_long_help = QUERY_HELP, after_help = "See --help for the query syntax.")]
    Kwic(KwicArgs),
    /// Search what people were quoted saying: the quotes themselves, with their speakers.
    #[command(after_long_help = QUERY_HELP, after_help = "See --help for the query syntax.")]
    Quotes(QuotesArgs),
    /// How many articles (or quotes) match, per year, month or day.
    #[command(after_long_help = QUERY_HELP, after_help = "See --help for the query syntax.")]
    Timeline(TimelineArgs),
    /// Who is quoted: the people whose quotes match, most quoted first, with their quotes,
    /// articles and dates.
    #[command(after_long_help = QUERY_HELP, after_help = "See --help for the query syntax.")]
    Speakers(SpeakersArgs),
    /// Parse files without indexing and print each article as one JSON line: exactly what the
    /// indexer would store.
    Extract(ExtractArgs),
    /// Print the index schema (index-schema/schema.json).
    Schema,
    /// Verify an index: schema version, segments, stored articles, ids, manifest.
    Check(CheckArgs),
    /// Measure quote and speaker extraction against gold annotations.
    Eval(EvalArgs),
}

/// Flags of `newsdex check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print the report as one JSON object: {"ok", "articles", "quotes", "segments",
    /// "problems": [...], "writer"}.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `newsdex eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// PolNeAR split directories (e.g. ../shared/corpora/polnear/data/dev).
    #[arg(long, value_name = "DIR")]
    pub polnear: Vec<PathBuf>,

    /// A JSON file of labelled articles: [{"path", "record", "speakers"}], paths relative to
    /// the file's folder.
    #[arg(long, value_name = "FILE")]
    pub labels: Vec<PathBuf>,

    /// Print the figures as one JSON object per data set.
    #[arg(long)]
    pub json: bool,

    /// List every disagreement with the gold annotations on stderr.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Flags of `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Directories or files to index.
    #[arg(required = true, value_name = "DIR")]
    pub paths: Vec<PathBuf>,

    /// Print the summary as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,

    /// Write every skipped file or record to FILE, one JSON object per line.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Worker threads for reading and indexing (default: all cores; at most 1,024).
    #[arg(
        long,
        value_name = "N",
        value_parser = clap::value_parser!(u16).range(1..=newsdex::ingest::MAX_THREADS as i64)
    )]
    pub threads: Option<u16>,

    /// Memory for the articles being indexed, in MiB.
    ///
    /// This is Tantivy's budget for the segments it builds in memory (at least 15 and at most
    /// 4,095 MiB per thread); when it is full, a segment is written to disk. The process as a
    /// whole peaks higher, with memory the allocator keeps for reuse and any segments being
    /// merged: with the default, about 150 MB for 26,000 articles, 0.8 GB for 530,000 and
    /// 1.1 GB for a million (README, "A million articles"). With less, a bulk load writes
    /// smaller segments, which are merged later: 530,000 articles on 2 threads load in 21 s
    /// with 256 instead of 16 s.
    #[arg(long, default_value_t = 512, value_name = "MB")]
    pub memory_mb: usize,

    /// No progress bar and no summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,

    /// Read every file in this format instead of telling it from name and content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<InputFormat>,

    /// Commit (make durable and visible) after this many articles, and at the end; a killed
    /// run loses at most the work since the last commit (a million articles take about 45 s
    /// on 2 cores). Each commit writes the segments being built, smaller than the memory
    /// budget allows, and those are merged later.
    #[arg(long, default_value_t = 1_000_000, value_name = "N")]
    pub commit_every: u64,
}

/// Input formats, for `--format` on `index` and `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// A scraped plain-text article.
    Text,
    /// JSON: an article, an array, or a wrapper object.
    Json,
    /// JSON Lines.
    Jsonl,
    /// CSV with a header row.
    Csv,
    /// TSV with a header row.
    Tsv,
    /// Reuters-21578 SGML.
    Sgml,
    /// SemEval, NITF, RSS or Atom XML.
    Xml,
    /// A saved web page.
    Html,
}

impl From<InputFormat> for newsdex::Format {
    fn from(f: InputFormat) -> Self {
        match f {
            InputFormat::Text => newsdex::Format::Text,
            InputFormat::Json => newsdex::Format::Json,
            InputFormat::Jsonl => newsdex::Format::Jsonl,
            InputFormat::Csv => newsdex::Format::Csv,
            InputFormat::Tsv => newsdex::Format::Tsv,
            InputFormat::Sgml => newsdex::Format::Sgml,
            InputFormat::Xml => newsdex::Format::Xml,
            InputFormat::Html => newsdex::Format::Html,
        }
    }
}

/// Output formats of `newsdex search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable text, matches coloured on a terminal.
    Human,
    /// One JSON object: {"query", "total", "hits": [...]}.
    Json,
    /// One JSON object per hit, one per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// Orders of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Latest first.
    Newest,
    /// Earliest first.
    Oldest,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never; matches are marked with **.
    Never,
}

/// Filters shared by `search`, `quotes` and `kwic`.
#[derive(Debug, Args)]
pub struct Filters {
    /// Only articles published on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles published on or before DATE; `2013-06` includes all of June.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Only articles quoting NAME (with `quotes`: only quotes said by NAME); surname or full
    /// name, any case, accents optional, or a word's beginning (`put*`); repeat for any of
    /// several people.
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,
}

/// Paging, order and output flags shared by `search` and `quotes`.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Number of hits (articles or quotes) to show.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Hits to skip, for paging.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// When to colour matches.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Flags of `newsdex search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query; all words must match by default. Empty or absent matches everything (use
    /// with filters).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,

    /// Date and speaker filters.
    #[command(flatten)]
    pub filters: Filters,

    /// Paging, order and output.
    #[command(flatten)]
    pub page: PageArgs,

    /// Body fragments per hit.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub fragments: usize,

    /// Length of a fragment, in characters.
    #[arg(long, default_value_t = 200, value_name = "CHARS")]
    pub fragment_size: usize,

    /// Threads one costly query may use, each taking slices of the index in turn (default:
    /// all cores; only a phrase whose words are each in 20,000+ articles is split).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

/// Orders of concordance lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KwicSortArg {
    /// Articles by relevance.
    Relevance,
    /// Oldest first.
    Date,
    /// By the words left of the match, nearest first.
    Left,
    /// By the words right of the match.
    Right,
}

/// Output formats of `newsdex kwic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KwicFormat {
    /// Aligned columns, matches coloured on a terminal.
    Human,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON object per match, one per line.
    Json,
}

/// Flags of `newsdex kwic`.
#[derive(Debug, Args)]
pub struct KwicArgs {
    /// The query whose matches to list.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,

    /// Date and speaker filters.
    #[command(flatten)]
    pub filters: Filters,

    /// Characters of context on each side.
    #[arg(long, default_value_t = 40, value_name = "N")]
    pub width: usize,

    /// Most lines to print.
    #[arg(long, short = 'n', default_value_t = 100, value_name = "N")]
    pub limit: usize,

    /// Order of lines.
    #[arg(long, value_enum, default_value_t = KwicSortArg::Relevance)]
    pub sort: KwicSortArg,

    /// Output format.
    #[arg(long, value_enum, default_value_t = KwicFormat::Human)]
    pub format: KwicFormat,

    /// When to colour matches.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Flags of `newsdex quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Words or phrases to find in the quoted words (source:, author:, topic:, place: and
    /// dateline: ask the quote's article); empty or absent lists every quote (use with
    /// filters).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,

    /// Date and speaker filters.
    #[command(flatten)]
    pub filters: Filters,

    /// Paging, order and output.
    #[command(flatten)]
    pub page: PageArgs,
}

/// Lengths of a timeline's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IntervalArg {
    /// Calendar years.
    Year,
    /// Calendar months.
    Month,
    /// Days.
    Day,
}

/// Output formats of `newsdex timeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// One line per period, with a bar.
    Human,
    /// Comma-separated `period,count` with a header row (no row for undated matches).
    Csv,
    /// One JSON object: {"query", "by", "total", "undated", "periods": [{"period", "count"}]}.
    Json,
}

/// Flags of `newsdex timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The query whose matches to count; empty or absent counts every article (use with
    /// filters).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,

    /// Date and speaker filters.
    #[command(flatten)]
    pub filters: Filters,

    /// Length of the periods (UTC); every period from the first match to the last is listed,
    /// with 0 where nothing matched.
    #[arg(long, value_enum, default_value_t = IntervalArg::Month)]
    pub by: IntervalArg,

    /// Count the quotes that match (as `newsdex quotes` finds them), by their article's date.
    #[arg(long)]
    pub quotes: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = TimelineFormat::Human)]
    pub format: TimelineFormat,
}

/// Output formats of `newsdex speakers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SpeakersFormat {
    /// One line per person: quotes, articles, first and last date, name.
    Human,
    /// Comma-separated `speaker,quotes,articles,first,last` with a header row.
    Csv,
    /// One JSON object: {"query", "quotes", "unattributed", "speakers": [{"name", "quotes",
    /// "articles", "first", "last"}]}.
    Json,
}

/// Flags of `newsdex speakers`.
#[derive(Debug, Args)]
pub struct SpeakersArgs {
    /// Words or phrases to find in the quoted words, as `newsdex quotes` takes them; empty or
    /// absent counts every quote (use with filters).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,

    /// Date and speaker filters.
    #[command(flatten)]
    pub filters: Filters,

    /// Number of people to list.
    #[arg(short = 'n', long, default_value_t = 20)]
    pub limit: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SpeakersFormat::Human)]
    pub format: SpeakersFormat,
}

/// Flags of `newsdex extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files, or directories to walk.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read every file in this format instead of telling it from name and content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<InputFormat>,
}
