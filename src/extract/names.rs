//! Person names in running text: capitalised word runs, honorifics and titles stripped, and
//! the fullest form an article uses for each person (`Mr Blair` → `Tony Blair`).
//!
//! Pure text processing; knows nothing of quotes, files or the index.

use std::sync::OnceLock;

/// A word of the text: byte range into the text it was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
}

/// Grammatical gender, as far as honorifics, first names and pronouns tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// `Mr`, `Sir`, a male first name, `he`.
    Male,
    /// `Mrs`, `Ms`, a female first name, `she`.
    Female,
}

/// Splits text into words: runs of letters, digits, apostrophes and inner hyphens. A trailing
/// full stop stays with initials and abbreviations (`W.`, `Mr.`, `Sen.`).
///
/// Runs once over every article with quotes, so it is built for speed in two passes: the
/// first marks each byte that belongs to a word in a bit set, 64 bytes at a time and without
/// branches for the ASCII letters, digits and spaces that make up nearly all of news text; the
/// second reads the runs of marked bytes.
pub fn words(text: &str) -> Vec<Word> {
    let b = text.as_bytes();
    let n = b.len();
    let mut bits = vec![0u64; n.div_ceil(64) + 1];
    let alnum_at = |i: usize| match b.get(i) {
        None => false,
        Some(c) if *c < 0x80 => c.is_ascii_alphanumeric(),
        Some(_) => text[i..].chars().next().is_some_and(char::is_alphanumeric),
    };
    let is_set = |bits: &[u64], i: usize| bits[i >> 6] >> (i & 63) & 1 == 1;
    for (blk, chunk) in b.chunks(64).enumerate() {
        // ASCII letters and digits, without a branch; the rest are marked for a second look.
        let (mut letters, mut special) = (0u64, 0u64);
        if chunk.len() == 64 {
            // Eight bytes at a time ([`classes8`]).
            for (k, bytes) in chunk.chunks_exact(8).enumerate() {
                let mut w = [0u8; 8];
                w.copy_from_slice(bytes);
                let (l, s) = classes8(u64::from_le_bytes(w));
                letters |= u64::from(l) << (8 * k);
                special |= u64::from(s) << (8 * k);
            }
        } else {
            for (k, &c) in chunk.iter().enumerate() {
                let class = BYTE_CLASS[c as usize];
                letters |= u64::from(class & 1) << k;
                special |= u64::from(class >> 1 != 0) << k;
            }
        }
        bits[blk] |= letters;
        while special != 0 {
            let i = blk * 64 + special.trailing_zeros() as usize;
            special &= special - 1;
            let len = if b[i] < 0x80 {
                1
            } else {
                let ch = text[i..].chars().next().unwrap_or(' ');
                if ch.is_alphanumeric() {
                    for k in i..i + ch.len_utf8() {
                        bits[k >> 6] |= 1 << (k & 63);
                    }
                    continue;
                }
                if ch != '’' {
                    continue;
                }
                ch.len_utf8()
            };
            // `'`, `-`, `.` or `’` join two words' letters into one word (`O'Neil`,
            // `Jean-Claude`, `U.S`); a full stop after initials is added below.
            if i > 0 && is_set(&bits, i - 1) && alnum_at(i + len) {
                for k in i..i + len {
                    bits[k >> 6] |= 1 << (k & 63);
                }
            }
        }
    }
    // English prose has a word per 5.5 to 6 bytes: room for one per 4 spares the copies of a
    // vector that grows (a text of n bytes holds at most n / 2 + 1 words).
    let mut out = Vec::with_capacity(n / 4 + 4);
    let mut block = 0;
    let mut word = bits[0];
    // Start of the word being read, when one runs into the next block.
    let mut open: Option<usize> = None;
    loop {
        if let Some(start) = open {
            // Inside a word: find its end.
            let ones = word.trailing_ones() as usize;
            if ones == 64 {
                block += 1;
                if block >= bits.len() {
                    break;
                }
                word = bits[block];
                continue;
            }
            let end = block * 64 + ones;
            let end = if b.get(end) == Some(&b'.') && keeps_period(&text[start..end]) {
                end + 1
            } else {
                end
            };
            out.push(Word { start, end });
            open = None;
            // Clear the word's bits (and below) in this block.
            word &= !((1u64 << ones) - 1);
            continue;
        }
        if word == 0 {
            block += 1;
            if block >= bits.len() {
                break;
            }
            word = bits[block];
            continue;
        }
        let zeros = word.trailing_zeros() as usize;
        open = Some(block * 64 + zeros);
        // Fill the bits below the start, so that counting trailing ones finds the end.
        word |= (1u64 << zeros) - 1;
    }
    out
}

/// [`BYTE_CLASS`] of eight bytes at once (little-endian, byte `k` at bits `8k..8k + 8`), as two
/// bit sets, bit `k` for byte `k`: ASCII letters and digits, and the bytes of classes 2 and 4.
/// Range tests on all eight bytes in a few word operations instead of a table lookup each:
/// the first pass of [`words`] took a fifth of the name finder's time byte by byte.
fn classes8(x: u64) -> (u8, u8) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let ascii = !x & HIGH;
    let low7 = x & !HIGH;
    // High bit of each byte set when its low seven bits lie in `lo..=hi` (no carry can cross
    // into the next byte: each sum stays under 0x100).
    let between = |v: u64, lo: u8, hi: u8| {
        (v + ONES * u64::from(0x80 - lo)) & !(v + ONES * u64::from(0x7f - hi)) & HIGH
    };
    let alnum = (between(low7, b'0', b'9') | between(low7 | (ONES * 0x20), b'a', b'z')) & ascii;
    let joiner = (between(low7, b'\'', b'\'') | between(low7, b'-', b'.')) & ascii;
    // 0xC0 and up: the first byte of a character of two or more bytes.
    let lead = x & (x << 1) & HIGH;
    // Gathers the high bit of byte k into bit k.
    let pack = |m: u64| ((m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8;
    (pack(alnum), pack(joiner | lead))
}

/// 1: ASCII letter or digit; 2: `'`, `-` or `.`; 4: the first byte of a non-ASCII
/// character (decoded); 0: everything else, including continuation bytes.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = if (c as u8).is_ascii_alphanumeric() {
            1
        } else if c == b'\'' as usize || c == b'-' as usize || c == b'.' as usize {
            2
        } else if c >= 0xC0 {
            4
        } else {
            0
        };
        c += 1;
    }
    t
};

fn keeps_period(word: &str) -> bool {
    let single_upper = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    // `G.K.`, `T.J.`: run-together initials.
    let initials = word.len() <= 5 && run_together_initials(word);
    single_upper || initials || honorific(word) || ABBREVIATED_TITLES.contains(&word)
}

/// Honorifics (`Mr`, `Dame`, `Señor`), as written, without a full stop: a `match` compiles
/// to a switch on length, cheaper than scanning a list for every capitalised word.
fn honorific(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Miss"
            | "Mx"
            | "Dr"
            | "Sir"
            | "Dame"
            | "Lord"
            | "Lady"
            | "Prof"
            | "Professor"
            | "Rev"
            | "Reverend"
            | "Mme"
            | "Mlle"
            | "Herr"
            | "Frau"
            | "Monsieur"
            | "Madame"
            | "Senor"
            | "Señor"
    )
}

const ABBREVIATED_TITLES: &[&str] = &[
    "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Cmdr", "Adm", "Maj", "Pres", "Amb", "Atty",
    "Supt", "Insp", "Det", "St", "Jr", "Sr", "Hon",
];

/// True for a title written short with a full stop (`Sen.`, `Gov.`, `St.`), as written.
pub fn is_abbreviated_title(word: &str) -> bool {
    ABBREVIATED_TITLES.contains(&word)
}

/// Words that name an office or role: they precede a name but are not part of it.
const TITLES: &[&str] = &[
    "activist",
    "senators",
    "representatives",
    "host",
    "anchor",
    "rapper",
    "comedian",
    "del",
    "delegate",
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "chancellor",
    "premier",
    "treasurer",
    "general",
    "gen",
    "lt",
    "col",
    "colonel",
    "captain",
    "capt",
    "sgt",
    "sergeant",
    "commander",
    "admiral",
    "major",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "executive",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "speaker",
    "leader",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "justice",
    "ambassador",
    "commissioner",
    "officer",
    "inspector",
    "detective",
    "professor",
    "prof",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "health",
    "home",
    "deputy",
    "former",
    "acting",
    "attorney",
    "democratic",
    "republican",
    "labour",
    "conservative",
    "liberal",
    "democrat",
    "shadow",
    "house",
    "senate",
    "state",
    "coach",
    "manager",
    "striker",
    "captain",
    "midfielder",
    "defender",
    "goalkeeper",
    "boss",
    "founder",
    "ceo",
    "cfo",
    "analyst",
    "economist",
    "editor",
    "correspondent",
    "reporter",
    "presidential",
    "candidate",
    "nominee",
    "hopeful",
    "rev",
    "reverend",
    "archbishop",
    "bishop",
    "cardinal",
    "sheikh",
    "emir",
    "sultan",
    "ayatollah",
    "envoy",
    "negotiator",
    "mp",
    "mep",
    "chairperson",
    "lawmaker",
    "councillor",
    "councilman",
    "superintendent",
    "supt",
    "insp",
    "det",
    "hon",
    "amb",
    "atty",
    "pres",
    "adm",
    "maj",
    "cmdr",
    "first",
    "lady",
    "crown",
    "party",
    "opposition",
    "union",
    "trade",
    "economy",
    "energy",
    "environment",
    "culture",
    "education",
    "transport",
    "justice",
    "treasury",
    "commerce",
    "agriculture",
    "labor",
    "homeland",
    "security",
    "national",
    "general's",
    "coalition",
    "veteran",
    "star",
    "singer",
    "actor",
    "actress",
    "director",
    "producer",
    "writer",
    "author",
    "novelist",
    "chef",
];

/// Nationalities, which news writes before a person's name (`American Serena Williams`,
/// `Russian Dmitriy Bogdanov`) and which are no part of it. Those that are also surnames
/// (English, French, Welsh, Irish) are left out.
const NATIONALITIES: &[&str] = &[
    "american",
    "british",
    "russian",
    "chinese",
    "spanish",
    "australian",
    "italian",
    "japanese",
    "canadian",
    "mexican",
    "israeli",
    "palestinian",
    "iranian",
    "iraqi",
    "syrian",
    "afghan",
    "pakistani",
    "turkish",
    "dutch",
    "swiss",
    "swedish",
    "norwegian",
    "ukrainian",
    "korean",
    "brazilian",
    "egyptian",
    "nigerian",
    "belgian",
    "austrian",
    "portuguese",
    "scottish",
    "german",
    "greek",
    "indian",
    "african",
    "european",
    "asian",
];

/// Capitalised words that start sentences or name times and places, never part of a name.
const NOT_NAMES: &[&str] = &[
    "day",
    "election",
    "mostly",
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "to",
    "of",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "until",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "however",
    "meanwhile",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "last",
    "next",
    "earlier",
    "later",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mr",
    "mrs",
    "ms",
    "not",
    "no",
    "yes",
    "asked",
    "speaking",
    "writing",
    "despite",
    "although",
    "because",
    "according",
    "said",
    "says",
    "told",
    "what",
    "why",
    "how",
    "who",
    "where",
    "which",
    "all",
    "both",
    "each",
    "some",
    "many",
    "most",
    "one",
    "two",
    "three",
    "we're",
    "it's",
    "i'm",
    "also",
    "still",
    "even",
    "only",
    "just",
    "now",
    "then",
    "thus",
    "instead",
    "indeed",
    // Sentence adverbs an article rarely writes in lower case, so the lower-case test of a
    // sentence's first word does not catch them (`Maybe Trump was …`).
    "maybe",
    "perhaps",
    "sadly",
    "fortunately",
    "unfortunately",
    "clearly",
    "obviously",
    "apparently",
    "surely",
    "hopefully",
    "ironically",
    "moreover",
    "furthermore",
    "nevertheless",
    "nonetheless",
    "our",
    "mrs.",
    "mr.",
    "ms.",
    "dr",
    "dr.",
    "new",
    "more",
    // Verbs that open a question (`VOTE Was Germaine Greer right to leave?`) or follow a
    // capitalised abbreviation (`The U.S. Has agreed`); not `will` or `can`, first names,
    // nor `have` (`Koos Ten Have`).
    "was",
    "were",
    "is",
    "are",
    "did",
    "does",
    "has",
    "had",
    "should",
    "could",
    "would",
    "might",
    "must",
    "such",
    "other",
    "others",
    "another",
    "every",
    // Prepositions that open a sentence (`During Ana Ruiz's visit`, `Unlike Hillary
    // Clinton`, `Given Sanders's lead`), whatever the article writes in lower case.
    "during",
    "following",
    "including",
    "regarding",
    "concerning",
    "under",
    "against",
    "without",
    "within",
    "throughout",
    "amid",
    "among",
    "unlike",
    "like",
    "given",
    "upon",
    "toward",
    "towards",
    "besides",
];

/// Words that make a capitalised run an organisation, not a person.
const ORG_WORDS: &[&str] = &[
    "energy",
    "review",
    "yorker",
    "healthcare",
    "debates",
    "partnership",
    "partners",
    "holdings",
    "industries",
    "media",
    "caucus",
    "hospital",
    "clinic",
    "academy",
    "society",
    "bureau",
    "show",
    "box",
    "force",
    "consult",
    "affairs",
    "center",
    "centre",
    "school",
    "schools",
    "project",
    "fact",
    "check",
    "poll",
    "tweet",
    "daddy",
    "democrats",
    "republicans",
    "americans",
    "demonstrators",
    "protesters",
    "voters",
    "supporters",
    "house",
    "ministry",
    "department",
    "office",
    "council",
    "commission",
    "party",
    "government",
    "agency",
    "inc",
    "corp",
    "corporation",
    "company",
    "co",
    "ltd",
    "plc",
    "group",
    "bank",
    "committee",
    "association",
    "union",
    "court",
    "police",
    "army",
    "navy",
    "kremlin",
    "pentagon",
    "reuters",
    "ap",
    "afp",
    "bbc",
    "cnn",
    "times",
    "post",
    "journal",
    "news",
    "press",
    "network",
    "institute",
    "university",
    "foundation",
    "fund",
    "board",
    "federation",
    "organisation",
    "organization",
    "authority",
    "service",
    "services",
    "club",
    "league",
    "campaign",
    "administration",
    "cabinet",
    "parliament",
    "congress",
    "senate",
    "embassy",
    "downing",
    "whitehall",
    "nato",
    "un",
    "eu",
    "fbi",
    "cia",
    "imf",
    "opec",
    "fifa",
    "uefa",
    "airlines",
    "motors",
    "systems",
    "technologies",
    "telegraph",
    "guardian",
    "tribune",
    "herald",
    "gazette",
    "daily",
    "express",
    "mail",
    "mirror",
    "chronicle",
    "courier",
    "newspaper",
    "weekly",
    "magazine",
    "radio",
    "television",
    "tv",
    "studio",
    "studios",
    "records",
    "council's",
    "team",
    "united",
    "city",
    "rovers",
    "fc",
    "church",
    "coalition",
    "alliance",
    "movement",
    "front",
    "brigade",
    "tass",
    "interfax",
    "xinhua",
    // Markets, buildings and contests that stand where a speaker stands (`The New York
    // Stock Exchange said`, `Trump Tower`, `their Grand Slam hopes. He told BBC Sport`).
    "exchange",
    "securities",
    "research",
    "international",
    "tower",
    "towers",
    "cup",
    "slam",
    "prix",
    "championship",
    "championships",
];

const MALE_NAMES: &[&str] = &[
    "john",
    "james",
    "david",
    "michael",
    "robert",
    "william",
    "richard",
    "thomas",
    "charles",
    "joseph",
    "george",
    "paul",
    "mark",
    "peter",
    "tony",
    "barack",
    "donald",
    "vladimir",
    "boris",
    "gordon",
    "david",
    "nick",
    "ed",
    "jeremy",
    "bill",
    "joe",
    "mike",
    "steve",
    "stephen",
    "andrew",
    "alan",
    "ian",
    "kevin",
    "brian",
    "jack",
    "harry",
    "sergei",
    "sergey",
    "dmitry",
    "francois",
    "françois",
    "nicolas",
    "emmanuel",
    "xi",
    "ahmed",
    "mohammed",
    "muhammad",
    "ali",
    "hassan",
    "omar",
    "carlos",
    "jose",
    "josé",
    "juan",
    "luis",
    "pedro",
    "antonio",
    "marco",
    "giuseppe",
    "hans",
    "klaus",
    "jean",
    "pierre",
    "rafael",
    "ben",
    "sam",
    "tom",
    "dan",
    "daniel",
    "matthew",
    "chris",
    "christopher",
    "anthony",
    "jim",
    "ted",
    "mitt",
    "rand",
    "newt",
    "jeb",
    "bernie",
    "lindsey",
    "chuck",
    "harold",
    "henry",
    "edward",
    "frank",
    "gerhard",
    "helmut",
    "silvio",
    "recep",
    "bashar",
    "benjamin",
    "ehud",
    "shimon",
    "yitzhak",
    "mahmoud",
    "hamid",
    "nouri",
    "kofi",
    "ban",
    "arsene",
    "arsène",
    "alex",
    "jose",
    "wayne",
    "rio",
    "frank",
    "roger",
    "rafa",
    "andy",
    "tim",
];

const FEMALE_NAMES: &[&str] = &[
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "elizabeth",
    "barbara",
    "susan",
    "jessica",
    "sarah",
    "karen",
    "nancy",
    "lisa",
    "margaret",
    "theresa",
    "hillary",
    "angela",
    "nicola",
    "ruth",
    "anne",
    "ann",
    "jane",
    "julia",
    "helen",
    "catherine",
    "kate",
    "emma",
    "emily",
    "sophie",
    "marie",
    "maria",
    "anna",
    "olga",
    "irina",
    "natalia",
    "elena",
    "christine",
    "segolene",
    "ségolène",
    "marine",
    "michelle",
    "condoleezza",
    "madeleine",
    "sonia",
    "indira",
    "benazir",
    "golda",
    "yulia",
    "tessa",
    "harriet",
    "yvette",
    "diane",
    "nadia",
    "fatima",
    "aisha",
    "laura",
    "carla",
    "claire",
    "rachel",
    "rebecca",
    "amy",
    "amber",
    "priti",
    "liz",
    "nancy",
    "elaine",
    "janet",
    "sheila",
    "carly",
    "elizabeth",
    "kamala",
    "sarah",
    "samantha",
    "victoria",
    "serena",
    "venus",
    "maria",
    "paula",
    "kelly",
    "jo",
    "ursula",
    "federica",
];

/// True for `he`/`she`-style honorific or first name giving a gender.
pub fn gender_of_word(word: &str) -> Option<Gender> {
    let w = word.trim_end_matches('.').to_lowercase();
    match w.as_str() {
        "mr" | "sir" | "lord" | "herr" | "monsieur" | "senor" | "señor" | "he" | "king" | "prince" => {
            return Some(Gender::Male);
        }
        "mrs" | "ms" | "miss" | "dame" | "lady" | "mme" | "mlle" | "frau" | "madame" | "she" | "queen"
        | "princess" => return Some(Gender::Female),
        _ => {}
    }
    // A first name on both lists (rare) gives no gender.
    match word_flags(&w) & (F_MALE | F_FEMALE) {
        F_MALE => Some(Gender::Male),
        F_FEMALE => Some(Gender::Female),
        _ => None,
    }
}

const F_TITLE: u8 = 1;
const F_NOT_NAME: u8 = 2;
const F_PLACE: u8 = 4;
const F_ORG: u8 = 8;
const F_MALE: u8 = 16;
const F_FEMALE: u8 = 32;
const F_NATIONALITY: u8 = 64;

/// Not a combination of the flags above: a word whose flags are not looked up yet.
const FLAGS_UNKNOWN: u8 = u8::MAX;

/// Every word list above in one table, word → flags, so each word of an article is looked up
/// once (these lookups run for every capitalised word of every article).
fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        Lexicon::new(&[
            (TITLES, F_TITLE),
            (NOT_NAMES, F_NOT_NAME),
            (PLACES, F_PLACE),
            (ORG_WORDS, F_ORG),
            (MALE_NAMES, F_MALE),
            (FEMALE_NAMES, F_FEMALE),
            (NATIONALITIES, F_NATIONALITY),
        ])
    })
}

/// The flags of a word, case-insensitively, without allocating for ASCII words.
fn word_flags(word: &str) -> u8 {
    let w = word.trim_end_matches('.');
    let flags = lexicon().flags(w);
    // "African-Americans", "Labour-run": a compound is read by its last part.
    if flags == 0
        && w.as_bytes().contains(&b'-')
        && let Some((_, tail)) = w.rsplit_once('-')
        && tail.starts_with(char::is_uppercase)
    {
        let tail_flags = lexicon().flags(tail);
        if tail_flags & F_ORG != 0 {
            return tail_flags;
        }
    }
    flags
}

/// Word lists in one case-insensitive table: lower-case word → OR of the flags of the lists
/// that hold it.
///
/// Nearly every word looked up is in none of the lists, so a small bit set keyed by the
/// word's length and its first, second and last letters answers most lookups before any
/// hashing or string comparison.
pub(crate) struct Lexicon {
    /// Keyed by bytes: a lower-cased ASCII word is looked up as it stands, without checking
    /// again that it is UTF-8.
    map: rustc_hash::FxHashMap<&'static [u8], u8>,
    filter: Box<[u64]>,
}

/// 2^16 bits (8 KiB) of filter: a few per cent of words that are in no list get past it.
const FILTER_BITS: u32 = 16;

impl Lexicon {
    /// Builds the table from `(list, flag)` pairs; list words are lower case.
    pub(crate) fn new(lists: &[(&[&'static str], u8)]) -> Lexicon {
        let mut map = rustc_hash::FxHashMap::default();
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)].into_boxed_slice();
        for (list, flag) in lists {
            for w in *list {
                *map.entry(w.as_bytes()).or_insert(0) |= flag;
                if w.is_ascii() {
                    let bit = Self::filter_bit(w.as_bytes());
                    filter[bit >> 6] |= 1 << (bit & 63);
                }
            }
        }
        Lexicon { map, filter }
    }

    /// The filter bit of a lower-case ASCII word.
    fn filter_bit(w: &[u8]) -> usize {
        let (first, second, last) = match w {
            [] => (0, 0, 0),
            [a] => (*a, 0, *a),
            [a, b, ..] => (*a, *b, w[w.len() - 1]),
        };
        let key = u64::from(first) | u64::from(second) << 8 | u64::from(last) << 16 | (w.len() as u64) << 24;
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_BITS)) as usize
    }

    /// The flags of `w`, case-insensitively (0 when it is in no list), without allocating
    /// for ASCII words of up to 40 bytes.
    pub(crate) fn flags(&self, w: &str) -> u8 {
        let mut buf = [0u8; 40];
        if w.is_ascii() && w.len() <= buf.len() {
            let b = &mut buf[..w.len()];
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            let bit = Self::filter_bit(b);
            if self.filter[bit >> 6] & (1 << (bit & 63)) == 0 {
                return 0;
            }
            return self.map.get(&*b).copied().unwrap_or(0);
        }
        self.map.get(w.to_lowercase().as_bytes()).copied().unwrap_or(0)
    }
}

fn lower(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// True when the word is capitalised (its first letter upper-case).
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "da"
            | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "al"
            | "le"
            | "la"
            | "del"
            | "di"
            | "du"
            | "dos"
            | "el"
            | "ibn"
            | "ter"
    )
}

/// True for honorifics such as `Mr`, `Mrs.`, `Dr`.
pub fn is_honorific(word: &str) -> bool {
    honorific(word.trim_end_matches('.'))
}

/// True for office and role words (`President`, `minister`, `Sen.`).
pub fn is_title(word: &str) -> bool {
    word_flags(word) & F_TITLE != 0
}

/// Places that stand where names stand ("Russia said", "North Korea"), never a person's name.
const PLACES: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "america",
    "americas",
    "asia",
    "africa",
    "europe",
    "oceania",
    "antarctica",
    "arctic",
    "pacific",
    "atlantic",
    "middle",
    "russia",
    "china",
    "mexico",
    "korea",
    "libya",
    "syria",
    "iran",
    "iraq",
    "israel",
    "ukraine",
    "germany",
    "france",
    "britain",
    "england",
    "scotland",
    "wales",
    "ireland",
    "japan",
    "india",
    "pakistan",
    "afghanistan",
    "canada",
    "brazil",
    "cuba",
    "turkey",
    "egypt",
    "italy",
    "spain",
    "greece",
    "poland",
    "saudi",
    "arabia",
    "yemen",
    "lebanon",
    "jordan",
    "palestine",
    "gaza",
    "venezuela",
    "colombia",
    "argentina",
    "chile",
    "peru",
    "australia",
    "nigeria",
    "kenya",
    "ethiopia",
    "somalia",
    "sudan",
    "burma",
    "myanmar",
    "vietnam",
    "philippines",
    "indonesia",
    "malaysia",
    "thailand",
    "taiwan",
    "crimea",
    "europe's",
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "hampshire",
    "jersey",
    "york",
    "carolina",
    "dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "wisconsin",
    "wyoming",
    "washington",
    "columbia",
    "london",
    "paris",
    "moscow",
    "beijing",
    "berlin",
    "brussels",
    "tokyo",
    "chicago",
    "boston",
    "phoenix",
    "philadelphia",
    "atlanta",
    "miami",
    "denver",
    "seattle",
    "detroit",
    "charlotte",
    "manhattan",
    "brooklyn",
    "kiev",
    "kyiv",
    "damascus",
    "baghdad",
    "tehran",
    "jerusalem",
    "geneva",
    "vienna",
    "rome",
    "madrid",
    "ankara",
    "istanbul",
    "cairo",
    "delhi",
    "pyongyang",
    "seoul",
    "havana",
    "hollywood",
    "wall",
    "street",
    "universe",
    "america's",
    "states",
    "kingdom",
    "republic",
    "union",
    "nations",
    "county",
    "city",
    "island",
    "islands",
    "river",
    // US states as newswires write them short (`Ashland, Ky.`, `R-Calif.`); not those that
    // are also names (Kan, Tex, Conn) or words (Del, Ind, Ill, Miss, Wash).
    "ala",
    "ariz",
    "calif",
    "colo",
    "fla",
    "kans",
    "ky",
    "md",
    "mich",
    "minn",
    "neb",
    "nev",
    "okla",
    "tenn",
    "vt",
    "wis",
    "wyo",
];

/// "PolitiFact", "YouTube": a capital inside a word marks a brand, unless it follows a
/// name prefix (McCain, MacDonald, O'Neill, DeSantis, LaHood).
fn is_brand(word: &str) -> bool {
    const PREFIXES: [&str; 12] = [
        "Mc", "Mac", "O'", "O’", "De", "Di", "Du", "La", "Le", "Van", "Von", "D'",
    ];
    // Every prefix starts with one of these capitals; other words skip the search.
    let rest = match word.as_bytes().first() {
        Some(b'M' | b'O' | b'D' | b'L' | b'V') => {
            PREFIXES.iter().find_map(|p| word.strip_prefix(p)).unwrap_or(word)
        }
        _ => word,
    };
    // A capital right after a small letter, past the first letter: `YouTube`, but not
    // `McDonald` (after `Mc`, `Donald`). Bytes for ASCII words, characters for the rest.
    if rest.is_ascii() {
        return rest.as_bytes().get(1..).is_some_and(|tail| {
            tail.windows(2)
                .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
        });
    }
    let chars = rest.chars().skip(1);
    let mut prev_lower = false;
    for c in chars {
        if c.is_uppercase() && prev_lower && c != '-' {
            return true;
        }
        prev_lower = c.is_lowercase();
    }
    false
}

/// True when a word can stand in a person's name. The word's [`word_flags`] are asked of
/// `flags` (the caller may know them already) only when the cheaper tests pass.
fn is_name_word(word: &str, flags: impl FnOnce() -> u8) -> bool {
    if is_initial(word) {
        return true;
    }
    // Cheapest tests first: most words fail on the capital.
    is_capitalised(word)
        && !word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) // acronyms: UN, BBC
        && flags() & (F_TITLE | F_NOT_NAME | F_PLACE) == 0
        && !is_honorific(word)
        && !is_brand(word)
}

/// `W.`, and run-together initials such as `G.K.` or `J.R`.
fn is_initial(word: &str) -> bool {
    // Most words have no full stop: done.
    if !word.as_bytes().contains(&b'.') {
        return false;
    }
    let mut c = word.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
        || run_together_initials(word)
}

/// Two or three capitals joined by full stops: `G.K.`, `T.J`.
fn run_together_initials(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_uppercase()).count();
    (2..=3).contains(&letters)
        && word.len() <= 6
        && word.contains('.')
        && word.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        && !word.contains("..")
}

/// What a capitalised run of words turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// A person: name words (honorific and titles stripped), the titles before them
    /// (lower-cased) and the gender the honorific gives.
    Person {
        /// The name as written, e.g. `Vladimir Putin`.
        name: String,
        /// Lower-cased titles that preceded it, e.g. `["russian", "president"]`.
        titles: Vec<String>,
        /// Gender from an honorific or first name.
        gender: Option<Gender>,
    },
    /// An organisation (`the White House`, `Reuters`).
    Organisation(String),
    /// Only titles (`the Russian President`): a role to resolve to a person.
    Role(Vec<String>),
}

/// Reads a run of words (as found before a reporting verb) as a person, organisation or role.
/// `preceded_by_article` says whether `the` came right before the run.
pub fn classify(text: &str, run: &[Word], preceded_by_article: bool) -> Option<Named> {
    // Each word's entry in the word lists, looked up once.
    let flags: Vec<u8> = run.iter().map(|w| word_flags(&text[w.start..w.end])).collect();
    classify_with(text, run, &flags, preceded_by_article)
}

/// [`classify`] for a caller that has looked up each word's [`word_flags`] (`flags[i]` for
/// `run[i]`).
fn classify_with(text: &str, run: &[Word], flags: &[u8], preceded_by_article: bool) -> Option<Named> {
    let toks: Vec<&str> = run.iter().map(|w| &text[w.start..w.end]).collect();
    if toks.is_empty() {
        return None;
    }
    // `Coffee-loving Curry`, `Korean-born Monte Haines`: a compound with a lower-case part
    // describes what follows.
    if toks.len() > 1 && is_lower_compound(toks[0]) {
        return classify_with(text, &run[1..], &flags[1..], false);
    }
    let org = |i: usize| flags[i] & F_ORG != 0;
    let title = |i: usize| flags[i] & F_TITLE != 0;
    let name_word = |i: usize| is_name_word(toks[i], || flags[i]);
    // "Secretary of State John Kerry" names its person after `of`; "Timothy Dolan of New
    // York" before it.
    if let Some(k) = toks.iter().position(|t| *t == "of") {
        let has_org = (0..toks.len()).any(org);
        let named_before = k > 0 && name_word(k - 1);
        if named_before {
            return classify_with(text, &run[..k], &flags[..k], preceded_by_article);
        }
        let titled_after = (k + 1..toks.len()).any(title);
        if has_org && !titled_after {
            return Some(Named::Organisation(join(text, run)));
        }
        return classify_with(text, &run[k + 1..], &flags[k + 1..], false);
    }
    // "NBC's Matt Lauer": the name follows the possessive.
    if let Some(k) = toks[..toks.len() - 1].iter().position(|t| possessive_len(t) > 0) {
        return classify_with(text, &run[k + 1..], &flags[k + 1..], false);
    }
    // "Trump's campaign said": the possessor is not the source.
    if toks.last().is_some_and(|t| possessive_len(t) > 0) {
        return Some(Named::Organisation(join(text, run)));
    }
    if toks.len() == 1
        && toks[0]
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        return Some(Named::Organisation(join(text, run)));
    }
    // Name words are the longest tail of non-title words.
    let mut first_name = toks.len();
    while first_name > 0 {
        let t = toks[first_name - 1];
        if name_word(first_name - 1) || (is_particle(t) && first_name < toks.len()) {
            first_name -= 1;
        } else {
            break;
        }
    }
    // A particle cannot begin a name.
    while first_name < toks.len() && is_particle(toks[first_name]) {
        first_name += 1;
    }
    let head = &toks[..first_name];
    let titles: Vec<String> = head.iter().map(|t| lower(t)).collect();
    // "European Commission President José Barroso" is a person despite its organisation
    // words: a title or honorific right before the name decides.
    let titled = first_name > 0 && (title(first_name - 1) || is_honorific(head[first_name - 1]));
    // … but not when the name words themselves are an organisation's ("Presidential Debates").
    let org_name = (first_name..toks.len()).any(org);
    if (!titled || org_name) && (0..toks.len()).any(org) {
        return Some(Named::Organisation(join(text, run)));
    }
    if first_name == toks.len() {
        return if (0..toks.len()).any(org) {
            Some(Named::Organisation(join(text, run)))
        } else if (0..first_name).any(title) {
            Some(Named::Role(titles))
        } else {
            None
        };
    }
    if preceded_by_article && head.is_empty() {
        // "the Smiths said", "the Kremlin said": not a named person.
        return Some(Named::Organisation(join(text, run)));
    }
    // `use American power`, `one Japanese refiner said`, `67 Latin American artists`: a
    // nationality alone names nobody, but after an honorific (`Mr German`).
    let nationality = |i: usize| flags[i] & F_NATIONALITY != 0 || toks[i] == "Latin";
    if (first_name..toks.len()).all(nationality) && !head.iter().any(|t| is_honorific(t)) {
        return None;
    }
    // A nationality before a name of two words or more is no part of it; before one word it
    // is kept (`Swiss Re`, `Australian Open` are no people either way).
    let first_name = if toks.len() - first_name > 2 && flags[first_name] & F_NATIONALITY != 0 {
        first_name + 1
    } else {
        first_name
    };
    // Keep at most four name words: "Russian President Vladimir Vladimirovich Putin".
    let name_run = &run[first_name..];
    let name_run = &name_run[name_run.len().saturating_sub(4)..];
    let mut gender = head.iter().rev().find_map(|t| {
        if is_honorific(t) || matches!(lower(t).as_str(), "king" | "queen" | "prince" | "princess") {
            gender_of_word(t)
        } else {
            None
        }
    });
    if gender.is_none() && name_run.len() > 1 {
        gender = gender_of_word(&text[name_run[0].start..name_run[0].end]);
    }
    Some(Named::Person {
        name: join(text, name_run),
        titles,
        gender,
    })
}

fn join(text: &str, run: &[Word]) -> String {
    let mut s = String::new();
    for w in run {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&text[w.start..w.end]);
    }
    s
}

/// Groups words into runs of capitalised words (particles allowed inside) separated only by
/// spaces. Each run is a range of indices into `ws`.
pub fn capitalised_runs(text: &str, ws: &[Word]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !is_capitalised(&text[ws[i].start..ws[i].end]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < ws.len() && only_spaces(&text[ws[end - 1].end..ws[end].start]) {
            let w = &text[ws[end].start..ws[end].end];
            let next_cap = ws
                .get(end + 1)
                .is_some_and(|n| is_capitalised(&text[n.start..n.end]));
            if is_capitalised(w) || ((is_particle(w) || w == "of") && next_cap) {
                end += 1;
            } else {
                break;
            }
        }
        runs.push(start..end);
        i = end;
    }
    runs
}

/// True when a gap between words holds only spaces (no punctuation, no paragraph break).
pub fn only_spaces(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}' || c == '\t') || gap == "\n"
}

/// A person named somewhere in an article.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The name words, e.g. `["Vladimir", "Putin"]`.
    pub words: Vec<String>,
    /// Lower-cased titles written before the name.
    pub titles: Vec<String>,
    /// Gender from honorific or first name.
    pub gender: Option<Gender>,
    /// Byte offset of the mention in the text.
    pub at: usize,
}

/// True when the text names an organisation that begins with `name` (`Peabody Energy`,
/// `Lenox Healthcare`): the capitalised word after it is an organisation word.
pub fn heads_organisation(text: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let b = text.as_bytes();
    memchr::memmem::find_iter(b, name.as_bytes()).any(|start| {
        (start == 0 || !b[start - 1].is_ascii_alphanumeric())
            && organisation_word_after(&text[start + name.len()..])
    })
}

/// True when `rest` is a space and a capitalised organisation word (` Energy`).
fn organisation_word_after(rest: &str) -> bool {
    rest.starts_with(' ')
        && rest[1..]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| is_capitalised(w) && word_flags(w) & F_ORG != 0)
}

/// Longest name [`OrganisationHeads`] answers for; longer ones are looked for in the text.
const LONGEST_HEAD: usize = 64;

/// [`heads_organisation`] for one long text asked about many names: every string the text
/// has right before an organisation word, so that each name is one lookup instead of a read
/// of the text. The answers are the same.
pub struct OrganisationHeads<'t> {
    text: &'t str,
    heads: rustc_hash::FxHashSet<&'t str>,
}

impl<'t> OrganisationHeads<'t> {
    /// Reads `text` once.
    pub fn new(text: &'t str) -> OrganisationHeads<'t> {
        let b = text.as_bytes();
        let mut heads = rustc_hash::FxHashSet::default();
        for space in memchr::memchr_iter(b' ', b) {
            if !organisation_word_after(&text[space..]) {
                continue;
            }
            // Every start a name ending here could have: a word's start, or a character
            // after anything but an ASCII letter or digit.
            let mut start = space;
            while start > space.saturating_sub(LONGEST_HEAD) && b[start - 1] != b' ' {
                start -= 1;
                if text.is_char_boundary(start) && (start == 0 || !b[start - 1].is_ascii_alphanumeric()) {
                    heads.insert(&text[start..space]);
                }
            }
        }
        OrganisationHeads { text, heads }
    }

    /// See [`heads_organisation`].
    pub fn contains(&self, name: &str) -> bool {
        if name.is_empty() || name.len() > LONGEST_HEAD || name.contains(' ') {
            return heads_organisation(self.text, name);
        }
        self.heads.contains(name)
    }
}

/// A byte that belongs to a word (an ASCII letter or digit, or any byte of a non-ASCII
/// character): a whole word is never bordered by one (see [`contains_word`]).
fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c >= 0x80
}

/// True when `word` occurs in `text` as a whole word (not inside a longer one).
fn contains_word(text: &str, word: &str) -> bool {
    let b = text.as_bytes();
    memchr::memmem::find_iter(b, word.as_bytes()).any(|start| {
        let end = start + word.len();
        let left = start == 0 || !is_word_byte(b[start - 1]);
        let right = end >= b.len() || !is_word_byte(b[end]);
        left && right
    })
}

/// [`contains_word`] for one text asked about many words: each answer is remembered, and
/// after many the text is cut once into its runs of word bytes, which answer every further
/// word made of word bytes alone (a run of such bytes bordered by others is exactly a
/// whole-word match). A text of thousands of sentences, each opening with another word, was
/// otherwise read once per word. Cutting costs far more than one search of the text
/// (`memchr` reads it 32 bytes at a time), so ordinary articles never do it.
struct WholeWords<'t> {
    text: &'t str,
    answers: Vec<(String, bool)>,
    runs: Option<rustc_hash::FxHashSet<&'t [u8]>>,
}

/// Words looked for in the text itself before [`WholeWords`] cuts it into runs.
const SCANS_BEFORE_RUNS: usize = 256;

impl<'t> WholeWords<'t> {
    fn new(text: &'t str) -> Self {
        WholeWords {
            text,
            answers: Vec::new(),
            runs: None,
        }
    }

    fn contains(&mut self, word: &str) -> bool {
        let only_word_bytes = word.bytes().all(is_word_byte);
        if only_word_bytes && let Some(runs) = &self.runs {
            return runs.contains(word.as_bytes());
        }
        if let Some(&(_, known)) = self.answers.iter().find(|(w, _)| w == word) {
            return known;
        }
        if only_word_bytes && self.answers.len() >= SCANS_BEFORE_RUNS {
            let runs = self
                .text
                .as_bytes()
                .split(|&c| !is_word_byte(c))
                .filter(|r| !r.is_empty());
            return self.runs.insert(runs.collect()).contains(word.as_bytes());
        }
        let found = contains_word(self.text, word);
        self.answers.push((word.to_string(), found));
        found
    }
}

/// Every person-like name in `text`, in order.
pub fn mentions(text: &str) -> Vec<Mention> {
    mentions_in(text, &words(text))
}

/// [`mentions`] for a caller that has already cut the text into [`words`] (`ws`).
pub fn mentions_in(text: &str, ws: &[Word]) -> Vec<Mention> {
    let mut out = Vec::new();
    // Lower-case words of the text: a capitalised sentence opener that also appears in lower
    // case ("Rival Hillary Clinton") is an ordinary word, not part of a name.
    let mut heading_memo: Option<(usize, bool)> = None;
    // Whether the text has a sentence opener in lower case, remembered for each opener.
    let mut lower_words = WholeWords::new(text);
    let (mut line_start, mut scanned) = (0, 0);
    // Each word's `word_flags`, looked up once for the name-word test and `classify` both.
    let mut flags_of = vec![FLAGS_UNKNOWN; ws.len()];
    let mut flags = |i: usize| {
        if flags_of[i] == FLAGS_UNKNOWN {
            flags_of[i] = word_flags(&text[ws[i].start..ws[i].end]);
        }
        flags_of[i]
    };
    // The words of a run and their flags, reused from run to run.
    let (mut run_words, mut run_flags): (Vec<Word>, Vec<u8>) = (Vec::new(), Vec::new());
    for run in capitalised_runs(text, ws) {
        // Most runs are a sentence's first word ("The", "But", "He"): reject them before
        // any allocation.
        if !run
            .clone()
            .any(|i| is_name_word(&text[ws[i].start..ws[i].end], || flags(i)))
        {
            continue;
        }
        // "(D-Mo.)", "(R-Utah)": party and state in parentheses, not a name.
        if run.start > 0 && text[ws[run.start - 1].end..ws[run.start].start].ends_with('(') {
            continue;
        }
        // `nicknamed “Mad Dog Mattis”`, `“Crooked Hillary”`, `“Rocky Balboa”`: a run that is
        // the whole of what quotation marks hold is a nickname or a title, not the person's
        // name, and must not become their fullest form or the last person named.
        if quoted_whole(text, ws, run.clone()) {
            continue;
        }
        run_words.clear();
        run_words.extend_from_slice(&ws[run.clone()]);
        run_flags.clear();
        run_flags.extend(run.clone().map(&mut flags));
        if let (Some(last), Some(last_flags)) = (run_words.last_mut(), run_flags.last_mut()) {
            let cut = possessive_len(&text[last.start..last.end]);
            if cut > 0 {
                last.end -= cut;
                *last_flags = word_flags(&text[last.start..last.end]);
            }
        }
        let sentence_start = run.start == 0
            || text[ws[run.start - 1].end..ws[run.start].start].contains(['.', '!', '?', '\n', '“', '"']);
        // Runs come in text order: look for a newline only since the last run.
        let here = ws[run.start].start;
        if let Some(p) = text[scanned..here].rfind('\n') {
            line_start = scanned + p + 1;
        }
        scanned = here;
        let heading = match heading_memo {
            Some((start, h)) if start == line_start => h,
            _ => {
                let h = in_heading(text, ws[run.start].start);
                heading_memo = Some((line_start, h));
                h
            }
        };
        if heading {
            continue;
        }
        if sentence_start && !run_words.is_empty() {
            let first = text[run_words[0].start..run_words[0].end].to_lowercase();
            // `Currently Bannon …`: an adverb that opens the sentence.
            let adverb = ["ally", "ently", "antly", "ously", "ively", "ately"]
                .iter()
                .any(|end| first.len() > end.len() + 2 && first.ends_with(end));
            let in_lower_case = adverb || lower_words.contains(&first);
            if in_lower_case && !is_title(&first) && !is_honorific(&first) {
                run_words.remove(0);
                run_flags.remove(0);
            }
            if run_words.is_empty() {
                continue;
            }
        }
        let preceded =
            run.start > 0 && text[ws[run.start - 1].start..ws[run.start - 1].end].eq_ignore_ascii_case("the");
        if let Some(Named::Person { name, titles, gender }) =
            classify_with(text, &run_words, &run_flags, preceded)
        {
            out.push(Mention {
                words: name.split(' ').map(str::to_string).collect(),
                titles,
                gender,
                at: ws[run.start].start,
            });
        }
    }
    out
}

/// True for a hyphenated word with an English word after the first part, in lower case
/// (`Coffee-loving`, `Korean-born`, `Film-maker`, `Man-of-the-match`): a description, not a
/// name. Names capitalise each part (`Leigh-Pemberton`), but for romanised given names,
/// whose later syllables are not such words (`Pei-yuan Chia`, `Kim Dae-jung`).
fn is_lower_compound(word: &str) -> bool {
    word.split('-').skip(1).any(|part| {
        part.starts_with(char::is_lowercase)
            && (["ed", "ing", "er", "ent"]
                .iter()
                .any(|end| part.len() > end.len() + 1 && part.ends_with(end))
                || matches!(
                    part,
                    "born"
                        | "based"
                        | "elect"
                        | "half"
                        | "in"
                        | "of"
                        | "the"
                        | "anchor"
                        | "led"
                        | "owned"
                        | "made"
                ))
    })
}

/// True when the words `run` of `ws` are all that a pair of quotation marks holds: an opening
/// mark right before the first word, a closing one right after the last.
fn quoted_whole(text: &str, ws: &[Word], run: std::ops::Range<usize>) -> bool {
    let (Some(first), Some(last)) = (ws.get(run.start), run.end.checked_sub(1).and_then(|i| ws.get(i)))
    else {
        return false;
    };
    let before = &text[..first.start];
    let after = &text[last.end..];
    match before.chars().next_back() {
        Some('“') => after.starts_with('”'),
        Some('"') => after.starts_with('"'),
        Some('‘') => after.starts_with('’'),
        _ => false,
    }
}

/// Drops leading words of a multi-word name that the text also uses in lower case
/// ("Rival Hillary Clinton", "Activist Angela Davis" → the name itself), and plural titles
/// ("Senators Charles E. Grassley").
pub fn strip_common_lead(text: &str, name: &str) -> String {
    let mut words: Vec<&str> = name.split(' ').collect();
    while words.len() > 2 {
        let first = words[0].to_lowercase();
        let common = text.contains(&format!(" {first} ")) || text.contains(&format!(" {first},"));
        let plural_title = first.ends_with('s') && is_title(first.trim_end_matches('s'));
        if (common && !is_title(&first) && !is_honorific(&first)) || plural_title {
            words.remove(0);
        } else {
            break;
        }
    }
    words.join(" ")
}

/// True when the line holding byte `at` is a heading: every word of four letters or more
/// capitalised ("Serving Under Obama", "Power Impedes Peace Efforts").
fn in_heading(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
    let mut long = 0;
    for w in text[start..end].split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        let n = w.chars().count();
        if w.starts_with(char::is_lowercase) {
            // Title case keeps short function words in lower case, nothing else.
            let function_word = matches!(
                w,
                "a" | "an"
                    | "the"
                    | "and"
                    | "or"
                    | "of"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "for"
                    | "by"
                    | "as"
                    | "is"
                    | "vs"
                    | "but"
                    | "nor"
                    | "so"
            );
            if n >= 4 || !function_word {
                return false;
            }
        } else if n >= 4 {
            long += 1;
        }
    }
    long >= 3
}

/// Byte length of a possessive ending (`'s`, `’s`).
pub fn possessive_len(word: &str) -> usize {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            return suffix.len();
        }
    }
    0
}

/// True when the article gives evidence that a one-word `name` is a person: a longer name
/// ending with it, or a title or honorific written before it (`President Obama`, `Mr Blair`).
/// Reads every mention; [`Mentions`] answers many such questions about one article.
pub fn person_evidence(name: &str, mentions: &[Mention]) -> bool {
    Mentions::read_whole(mentions).person_evidence(name)
}

/// The fullest form of `name` among an article's mentions: of the longer mentions whose words
/// end with `name`'s words, the most frequent, the longer on a tie (`Blair` → `Tony Blair`,
/// not a one-off `Crooked Hillary Clinton`). Returns `name` itself when none is longer.
/// Reads every mention; [`Mentions`] answers many such questions about one article.
pub fn fullest<'m>(name: &str, mentions: &'m [Mention]) -> (String, Option<&'m Mention>) {
    Mentions::read_whole(mentions).fullest(name)
}

/// An article's mentions, with those of a long article found by their first and last words.
///
/// Each question about a name ([`Mentions::fullest`], [`Mentions::person_evidence`]) looks
/// only at the mentions that can answer it: in an article of thousands of mentions, each of
/// another name, reading them all for each name took time that grew with the square of the
/// article (a 2 MB text took minutes). Short articles are read whole, which is cheaper than
/// building the index; the answers are the same either way.
pub struct Mentions<'m> {
    all: &'m [Mention],
    /// Mentions by their last word (`’` read as `'`), in text order.
    by_last: rustc_hash::FxHashMap<std::borrow::Cow<'m, str>, Vec<u32>>,
    /// Mentions by their first word, in text order.
    by_first: rustc_hash::FxHashMap<&'m str, Vec<u32>>,
    /// Whether the maps above are built; if not, every question reads all mentions.
    indexed: bool,
}

impl<'m> Mentions<'m> {
    /// Fewest mentions for which the index is built.
    const INDEXED_FROM: usize = 64;

    /// The view of `all`, which are in text order.
    pub fn new(all: &'m [Mention]) -> Mentions<'m> {
        let mut view = Mentions::read_whole(all);
        view.indexed = all.len() >= Self::INDEXED_FROM;
        if view.indexed {
            for (i, m) in all.iter().enumerate() {
                let (Some(first), Some(last)) = (m.words.first(), m.words.last()) else {
                    continue;
                };
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                view.by_last.entry(apostrophes_plain(last)).or_default().push(i);
                view.by_first.entry(first.as_str()).or_default().push(i);
            }
        }
        view
    }

    /// The view of `all` that reads them all for every question.
    pub(crate) fn read_whole(all: &'m [Mention]) -> Mentions<'m> {
        Mentions {
            all,
            by_last: Default::default(),
            by_first: Default::default(),
            indexed: false,
        }
    }

    /// The mentions that may end with `word`, and more, in text order.
    fn ending_with<'s>(&'s self, word: &str) -> Candidates<'s, 'm> {
        self.lookup(|| self.by_last.get(apostrophes_plain(word).as_ref()))
    }

    /// The mentions that may start with `word`, and more, in text order.
    fn starting_with<'s>(&'s self, word: &str) -> Candidates<'s, 'm> {
        self.lookup(|| self.by_first.get(word))
    }

    fn lookup<'s>(&'s self, found: impl FnOnce() -> Option<&'s Vec<u32>>) -> Candidates<'s, 'm> {
        if !self.indexed {
            return Candidates::All(self.all.iter());
        }
        Candidates::Found(self.all, found().map_or(&[][..], Vec::as_slice).iter())
    }

    /// Whether answers come from indexes ([`Mentions::new`] builds them for many mentions).
    pub fn indexed(&self) -> bool {
        self.indexed
    }

    /// See [`person_evidence`].
    pub fn person_evidence(&self, name: &str) -> bool {
        if name.contains(' ') {
            return true;
        }
        self.ending_with(name).any(|m| {
            m.words.last().is_some_and(|w| w == name)
                && (m.words.len() > 1 || !m.titles.is_empty() || m.gender.is_some())
        })
    }

    /// The gender of the first mention written exactly `full` that has one.
    pub fn gender_of(&self, full: &str) -> Option<Gender> {
        let last = full.rsplit(' ').next().unwrap_or_default();
        self.ending_with(last)
            .filter(|m| m.gender.is_some() && m.words.last().is_some_and(|w| w == last))
            .filter(|m| m.words.iter().map(String::as_str).eq(full.split(' ')))
            .find_map(|m| m.gender)
    }

    /// See [`fullest`].
    pub fn fullest(&self, name: &str) -> (String, Option<&'m Mention>) {
        let want: Vec<&str> = name.split(' ').collect();
        let mut forms: Vec<(&'m Mention, usize)> = Vec::new();
        for m in self.ending_with(want.last().copied().unwrap_or_default()) {
            if m.words.len() <= want.len() {
                continue;
            }
            let tail = &m.words[m.words.len() - want.len()..];
            // Words start with a letter, so a different first byte settles most pairs at once.
            let same = |a: &str, b: &str| {
                a == b
                    || (a.as_bytes().first() == b.as_bytes().first()
                        && (a.contains('’') || b.contains('’'))
                        && a.replace('’', "'") == b.replace('’', "'"))
            };
            if !tail.iter().zip(&want).all(|(a, b)| same(a, b)) {
                continue;
            }
            match forms.iter_mut().find(|(f, _)| f.words == m.words) {
                Some((_, n)) => *n += 1,
                None => forms.push((m, 1)),
            }
        }
        if forms.is_empty() && want.len() == 1 {
            // "Carly said": a first name standing for the one person the article names with it.
            for m in self.starting_with(want[0]) {
                if m.words.len() > 1
                    && m.words[0] == want[0]
                    && !forms.iter().any(|(f, _)| f.words == m.words)
                {
                    forms.push((m, 1));
                }
            }
            if forms.len() > 1 {
                forms.clear();
            }
        }
        let best = forms
            .into_iter()
            .max_by_key(|(m, n)| (*n, m.words.len()))
            .map(|(m, _)| m);
        match best {
            Some(m) => (m.words.join(" "), Some(m)),
            None => (name.to_string(), None),
        }
    }
}

/// Mentions a question about a name looks at ([`Mentions`]).
enum Candidates<'s, 'm> {
    /// All of them.
    All(std::slice::Iter<'m, Mention>),
    /// Those at the places listed.
    Found(&'m [Mention], std::slice::Iter<'s, u32>),
}

impl<'m> Iterator for Candidates<'_, 'm> {
    type Item = &'m Mention;

    fn next(&mut self) -> Option<&'m Mention> {
        match self {
            Candidates::All(all) => all.next(),
            Candidates::Found(all, places) => places.next().and_then(|&i| all.get(i as usize)),
        }
    }
}

/// `word` with each `’` written `'`: the key under which [`Mentions`] finds a mention by a
/// word that one of the two apostrophes may spell.
fn apostrophes_plain(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains('’') {
        std::borrow::Cow::Owned(word.replace('’', "'"))
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brand_names_are_told_from_family_names() {
        // A small letter then a capital inside the word makes a brand, after a family-name
        // prefix is set aside; the same rule for ASCII and other words.
        for brand in [
            "YouTube",
            "PayPal",
            "eBayShop",
            "McDonaldsBurgerKing",
            "ÉcoleTech",
            "ZoëBank",
        ] {
            assert!(is_brand(brand), "{brand}");
        }
        for name in [
            "McDonald",
            "MacArthur",
            "O'Neil",
            "O’Brien",
            "DeSantis",
            "LaGuardia",
            "VanDyke",
            "D'Angelo",
            "Zoë",
            "Müller",
            "NATO",
            "iPhone",
            "X",
            "",
        ] {
            assert!(!is_brand(name), "{name}");
        }
    }

    /// The straightforward byte-by-byte tokenizer `words` replaced; the fast one must agree
    /// with it on every input.
    fn words_reference(text: &str) -> Vec<Word> {
        // Byte-wise for ASCII, which is nearly all of news text; other characters are decoded.
        let b = text.as_bytes();
        let n = b.len();
        let mut out = Vec::with_capacity(n / 5);
        let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
        let alnum_at = |i: usize| match b.get(i) {
            None => false,
            Some(c) if *c < 0x80 => c.is_ascii_alphanumeric(),
            Some(_) => char_at(i).is_alphanumeric(),
        };
        let mut i = 0;
        while i < n {
            // Between words: skip ASCII punctuation and spaces in a tight loop.
            if b[i] < 0x80 {
                if !b[i].is_ascii_alphanumeric() {
                    i += b[i..]
                        .iter()
                        .position(|&c| c >= 0x80 || c.is_ascii_alphanumeric())
                        .unwrap_or(n - i);
                    continue;
                }
            } else {
                let c = char_at(i);
                if !c.is_alphanumeric() {
                    i += c.len_utf8();
                    continue;
                }
            }
            let start = i;
            loop {
                i += b[i..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .unwrap_or(n - i);
                if i >= n {
                    out.push(Word { start, end: i });
                    break;
                }
                let c = if b[i] < 0x80 { b[i] as char } else { char_at(i) };
                if c.is_alphanumeric() {
                    i += c.len_utf8();
                    continue;
                }
                if matches!(c, '\'' | '’' | '-' | '.') {
                    let next = i + c.len_utf8();
                    if alnum_at(next) {
                        i = next;
                        continue;
                    }
                    // A full stop stays with initials and abbreviations.
                    let end = if c == '.' && keeps_period(&text[start..i]) {
                        i + 1
                    } else {
                        i
                    };
                    out.push(Word { start, end });
                    i = next;
                    break;
                }
                out.push(Word { start, end: i });
                break;
            }
        }
        out
    }

    #[test]
    fn eight_bytes_are_classed_as_one_at_a_time() {
        // Every byte value at every place of a word, among fillers of every class.
        for filler in [
            b' ', b'a', b'Z', b'5', b'.', 0xC3, 0x80, 0xFF, 0x00, b'@', b'[', b'`', b'{',
        ] {
            for value in 0..=255u8 {
                for at in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[at] = value;
                    let (mut letters, mut special) = (0u8, 0u8);
                    for (k, &c) in bytes.iter().enumerate() {
                        let class = BYTE_CLASS[c as usize];
                        letters |= (class & 1) << k;
                        special |= u8::from(class >> 1 != 0) << k;
                    }
                    assert_eq!(
                        classes8(u64::from_le_bytes(bytes)),
                        (letters, special),
                        "{bytes:?}"
                    );
                }
            }
        }
    }

    /// Pieces that exercise every rule of `words`: initials, joiners, curly marks, accents.
    const PIECES: &[&str] = &[
        "Mr.",
        "W.",
        "G.K.",
        "U.S.",
        "O'Neil",
        "don’t",
        "Jean-Claude",
        "Señor",
        "é",
        "“",
        "”",
        "’",
        "'",
        "-",
        ".",
        " ",
        "\n",
        "—",
        "日本",
        "said",
        "a",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4000, failure_persistence: None, ..Default::default()
        })]
        #[test]
        fn words_agree_with_the_reference(parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::prelude::Strategy::prop_map(proptest::sample::select(PIECES), str::to_string),
            "[A-Za-z0-9 .,'-]{0,70}",
        ], 0..40)) {
            let text: String = parts.concat();
            let got = words(&text);
            let want = words_reference(&text);
            proptest::prop_assert_eq!(got, want, "text: {:?}", text);
        }

        #[test]
        fn whole_words_agree_with_contains_word(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
            asked in proptest::collection::vec(proptest::sample::select(PIECES), 1..12),
            after_many in proptest::bool::ANY,
        ) {
            let text: String = parts.concat();
            let mut memo = WholeWords::new(&text);
            // Past the words it searches the text for, the memo answers from the text's runs.
            let fillers = (0..SCANS_BEFORE_RUNS).filter(|_| after_many).map(|n| format!("w{n}"));
            // Each word asked twice: once looked for, once remembered.
            for word in fillers.chain(asked.iter().chain(&asked).map(|w| w.to_lowercase())) {
                proptest::prop_assert_eq!(
                    memo.contains(&word),
                    contains_word(&text, &word),
                    "word {:?} in {:?}", word, text
                );
            }
        }
    }

    #[test]
    fn whole_words_are_found_by_runs_once_many_were_asked() {
        let text = "they said: o'brien met señor ortiz in x-ray 42 times, said-so";
        let mut memo = WholeWords::new(text);
        let asked = [
            "they", "hey", "said", "o'brien", "brien", "señor", "ortiz", "x-ray", "ray", "42", "4", "times",
            "so", "said-so", "met",
        ];
        let fillers: Vec<String> = (0..SCANS_BEFORE_RUNS).map(|n| format!("w{n}")).collect();
        for word in fillers.iter().map(String::as_str).chain(asked) {
            assert_eq!(memo.contains(word), contains_word(text, word), "{word}");
        }
        assert!(
            memo.runs.is_some(),
            "the runs are cut after {SCANS_BEFORE_RUNS} words"
        );
        assert!(memo.contains("ortiz") && !memo.contains("orti") && memo.contains("ray"));
    }

    fn classify_str(s: &str) -> Option<Named> {
        let ws = words(s);
        classify(s, &ws, false)
    }

    #[test]
    fn words_keep_initials_and_honorifics() {
        let s = "Mr. George W. Bush's aide, Jean-Claude O'Neil.";
        let got: Vec<&str> = words(s).iter().map(|w| &s[w.start..w.end]).collect();
        assert_eq!(
            got,
            ["Mr.", "George", "W.", "Bush's", "aide", "Jean-Claude", "O'Neil"]
        );
    }

    #[test]
    fn titles_are_stripped() {
        match classify_str("Russian President Vladimir Putin") {
            Some(Named::Person { name, titles, .. }) => {
                assert_eq!(name, "Vladimir Putin");
                assert_eq!(titles, ["russian", "president"]);
            }
            other => panic!("{other:?}"),
        }
        match classify_str("Mrs Thatcher") {
            Some(Named::Person { name, gender, .. }) => {
                assert_eq!(name, "Thatcher");
                assert_eq!(gender, Some(Gender::Female));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn organisations_and_roles() {
        assert!(matches!(
            classify_str("White House"),
            Some(Named::Organisation(_))
        ));
        assert!(matches!(classify_str("Russian President"), Some(Named::Role(_))));
    }

    #[test]
    fn fullest_form() {
        let text = "Former Prime Minister Tony Blair spoke. Later Mr Blair left.";
        let ms = mentions(text);
        assert_eq!(fullest("Blair", &ms).0, "Tony Blair");
        assert_eq!(fullest("Smith", &ms).0, "Smith");
    }

    #[test]
    fn mentions_found_by_name_answer_as_reading_them_all_does() {
        // Over 64 mentions, so that the view is indexed; names that share last words, first
        // words, both apostrophes, titles and genders.
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&format!(
                "Mr Tony Blair{} met Ms Ann O’Hara and Carly Fiorina. Blair{} spoke. President \
                 Obama and Sean O'Hara left. Hara saw Carly. ",
                i % 3,
                i % 5
            ));
        }
        let ws = words(&text);
        let ms = mentions_in(&text, &ws);
        assert!(ms.len() >= Mentions::INDEXED_FROM, "{}", ms.len());
        let (indexed, whole) = (Mentions::new(&ms), Mentions::read_whole(&ms));
        assert!(indexed.indexed());
        let mut asked: Vec<String> = ms.iter().flat_map(|m| m.words.clone()).collect();
        asked.extend(ms.iter().map(|m| m.words.join(" ")));
        asked.extend(["O'Hara", "O’Hara", "Hara", "Carly", "Nobody", "Ann O'Hara"].map(String::from));
        for name in &asked {
            let (a, b) = (indexed.fullest(name), whole.fullest(name));
            assert_eq!(a.0, b.0, "{name}");
            assert_eq!(a.1.map(|m| m.at), b.1.map(|m| m.at), "{name}");
            assert_eq!(
                indexed.person_evidence(name),
                whole.person_evidence(name),
                "{name}"
            );
            assert_eq!(indexed.gender_of(name), whole.gender_of(name), "{name}");
        }
        assert_eq!(indexed.fullest("Blair1").0, "Tony Blair1");
    }

    #[test]
    fn organisation_heads_answer_as_reading_the_text_does() {
        let text = "Shares of Peabody Energy rose; éAcme Holdings and x-Lenox Healthcare fell. \
                    Peabody said. Acme  Group. BigCo Energy and Bank Energy";
        let heads = OrganisationHeads::new(text);
        let mut asked: Vec<&str> = text.split([' ', ';', '.']).collect();
        asked.extend(["Acme", "Lenox", "x-Lenox", "Peabody", "eabody", "", "Energy Bank"]);
        for name in asked {
            assert_eq!(heads.contains(name), heads_organisation(text, name), "{name:?}");
        }
        assert!(heads.contains("Peabody") && heads.contains("Acme") && heads.contains("Lenox"));
    }
}
