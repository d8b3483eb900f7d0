//! Saved web pages: the article's own text and metadata, not the site around it.
//!
//! - title: `og:title`, then `<h1>`, then `<title>` (less a ` | Site` suffix);
//! - date: `article:published_time` and similar meta tags, JSON-LD `datePublished`, then the
//!   first `<time datetime>`; edit time from `article:modified_time` or `dateModified`;
//! - authors: `author` meta, JSON-LD `author`, `rel=author` links, byline elements;
//! - source and url: `og:site_name` or the JSON-LD publisher; canonical link or `og:url`;
//! - body: the paragraphs of the main container (`itemprop=articleBody`, `<article>`,
//!   `<main>` or the page, whichever holds most paragraph text), leaving out navigation,
//!   headers, footers, asides, forms, figures, share/related/comment blocks and link lists.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::article::Article;
use crate::extract::{chrome, date};

use super::Parsed;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector is valid (constant)")
}

fn meta(doc: &Html, keys: &[&str]) -> Option<String> {
    for k in keys {
        for attr in ["property", "name", "itemprop"] {
            let s = sel(&format!("meta[{attr}=\"{k}\"]"));
            if let Some(v) = doc
                .select(&s)
                .filter_map(|e| e.value().attr("content"))
                .map(str::trim)
                .find(|v| !v.is_empty())
            {
                return Some(v.to_string());
            }
        }
    }
    None
}

fn text_of(e: ElementRef) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words in a class or id that mark page furniture rather than the story.
const BOILERPLATE: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "header",
    "sidebar",
    "related",
    "comment",
    "share",
    "social",
    "promo",
    "newsletter",
    "advert",
    "ad-",
    "ads",
    "sponsor",
    "breadcrumb",
    "subscribe",
    "recommend",
    "trending",
    "popular",
    "caption",
    "byline",
    "author",
    "tags",
    "cookie",
    "signup",
    "outbrain",
    "taboola",
    "most-read",
];

fn is_furniture(e: ElementRef) -> bool {
    let v = e.value();
    if matches!(
        v.name(),
        "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "figure"
            | "figcaption"
            | "script"
            | "style"
            | "noscript"
            | "button"
            | "template"
    ) {
        return true;
    }
    let marks =
        format!("{} {}", v.attr("class").unwrap_or(""), v.attr("id").unwrap_or("")).to_ascii_lowercase();
    marks.split(|c: char| c.is_whitespace() || c == '_').any(|w| {
        BOILERPLATE
            .iter()
            .any(|b| w == *b || (b.ends_with('-') && w.starts_with(b)) || w.starts_with(&format!("{b}-")))
    })
}

fn inside_furniture(e: ElementRef, stop: ElementRef) -> bool {
    for anc in e.ancestors() {
        if anc.id() == stop.id() {
            return false;
        }
        if let Some(el) = ElementRef::wrap(anc)
            && is_furniture(el)
        {
            return true;
        }
    }
    false
}

/// The story's paragraphs inside `container`.
fn paragraphs(container: ElementRef) -> Vec<String> {
    let blocks = sel("p, h2, h3, blockquote, pre");
    let links = sel("a");
    let mut out = Vec::new();
    for p in container.select(&blocks) {
        if is_furniture(p) || inside_furniture(p, container) {
            continue;
        }
        // A blockquote's own paragraphs are taken as paragraphs; skip the wrapper.
        if p.value().name() == "blockquote" && p.select(&sel("p")).next().is_some() {
            continue;
        }
        let t = text_of(p);
        if t.is_empty() {
            continue;
        }
        let link_chars: usize = p.select(&links).map(|a| text_of(a).len()).sum();
        if link_chars * 2 > t.len() {
            continue;
        }
        if chrome::is_chrome(&t) {
            continue;
        }
        out.push(t);
    }
    out
}

fn json_ld(doc: &Html) -> Vec<Value> {
    let mut out = Vec::new();
    for s in doc.select(&sel("script[type=\"application/ld+json\"]")) {
        let raw: String = s.text().collect();
        let Ok(v) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items),
                Value::Object(mut o) => {
                    if let Some(g) = o.remove("@graph") {
                        stack.push(g);
                    }
                    let is_article = o.get("@type").is_some_and(|t| {
                        let t = t.to_string().to_ascii_lowercase();
                        t.contains("article") || t.contains("posting") || t.contains("report")
                    });
                    if is_article || o.contains_key("datePublished") {
                        out.push(Value::Object(o));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn ld_names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().flat_map(|x| ld_names(Some(x))).collect(),
        Some(Value::Object(o)) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|s| vec![s.to_string()])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Work the HTML parser may be given, counted as [`parser_work`] counts it: about two and a
/// half seconds on this machine. The parser looks through the open elements at each end
/// tag, so its time grows with the square of the nesting: 20,000 nested `<div>`s took 0.5 s,
/// 200,000 over a minute. The sample corpus's saved page needs 110; a large news page, a few
/// thousand end tags at depths of a few dozen, about a hundred thousand.
const MAX_PARSER_WORK: u64 = 1_000_000_000;

/// The sum, over the end tags of `html`, of the elements open when each comes: what the HTML
/// parser's search of its open elements costs. Elements without end tags (`<br>`, `<img>`)
/// and those whose end tag may be left out (`<p>`, `<li>`) are not counted as open.
fn parser_work(html: &str) -> u64 {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup",
        "caption", "rb", "rt", "rp", "rtc",
    ];
    let b = html.as_bytes();
    let (mut open, mut work) = (0u64, 0u64);
    for at in memchr::memchr_iter(b'<', b) {
        let closing = b.get(at + 1) == Some(&b'/');
        let start = at + 1 + usize::from(closing);
        let len = b[start.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let name = &html[start..start + len];
        if NOT_NESTING.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            continue;
        }
        if closing {
            work = work.saturating_add(open);
            open = open.saturating_sub(1);
        } else {
            let end = memchr::memchr(b'>', &b[start..]).map_or(b.len(), |e| start + e);
            if !html[..end].ends_with('/') {
                open += 1;
            }
        }
    }
    work
}

/// `html` without its tags, for markup too deeply nested to parse ([`MAX_PARSER_WORK`]).
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Plain text of an HTML fragment (a feed item's description, say), paragraphs kept.
pub fn fragment_text(html: &str) -> String {
    if parser_work(html) > MAX_PARSER_WORK {
        return without_tags(html);
    }
    let frag = Html::parse_fragment(html);
    let root = frag.root_element();
    let ps = paragraphs(root);
    if ps.is_empty() {
        text_of(root)
    } else {
        ps.join("\n\n")
    }
}

/// Reads one saved page.
pub fn parse(html: &str) -> Parsed {
    if parser_work(html) > MAX_PARSER_WORK {
        return Err("elements nested too deeply to parse in reasonable time (tens of \
                    thousands of levels; saved news pages nest a few dozen)"
            .to_string());
    }
    let doc = Html::parse_document(html);
    let mut warnings = Vec::new();
    let ld = json_ld(&doc);
    let ld_str = |key: &str| {
        ld.iter()
            .find_map(|o| o.get(key).and_then(Value::as_str))
            .map(str::to_string)
    };
    let mut a = Article {
        format: "html".into(),
        ..Article::default()
    };

    let h1 = doc.select(&sel("h1")).map(text_of).find(|t| !t.is_empty());
    let page_title = doc.select(&sel("title")).map(text_of).next().map(|t| {
        // "Headline | Site" or "Headline - Site": keep the headline.
        t.rsplit_once(" | ")
            .or_else(|| t.rsplit_once(" - "))
            .map_or(t.clone(), |(h, _)| h.trim().to_string())
    });
    a.title = meta(&doc, &["og:title", "twitter:title"])
        .or(ld_str("headline"))
        .or(h1)
        .or(page_title)
        .unwrap_or_default();

    let published = meta(
        &doc,
        &[
            "article:published_time",
            "og:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date",
            "DC.date.issued",
            "sailthru.date",
            "parsely-pub-date",
        ],
    )
    .or_else(|| ld_str("datePublished"))
    .or_else(|| {
        doc.select(&sel("time[datetime]"))
            .filter_map(|t| t.value().attr("datetime"))
            .map(str::to_string)
            .next()
    });
    if let Some(p) = &published {
        a.date = date::parse_date(p);
        if a.date.is_none() {
            warnings.push(format!(
                "publication date {p:?} not understood; indexed without it"
            ));
        }
    }
    a.edited = meta(
        &doc,
        &["article:modified_time", "og:updated_time", "dateModified"],
    )
    .or_else(|| ld_str("dateModified"))
    .and_then(|d| date::parse_date(&d));

    let mut authors: Vec<String> = Vec::new();
    if let Some(m) =
        meta(&doc, &["author", "article:author", "dc.creator"]).filter(|m| !m.starts_with("http"))
    {
        authors.extend(
            m.split([',', ';'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        );
    }
    if authors.is_empty() {
        authors = ld.iter().flat_map(|o| ld_names(o.get("author"))).collect();
    }
    if authors.is_empty() {
        for e in doc.select(&sel("[rel=author], [itemprop=author], .byline, .author")) {
            let t = text_of(e);
            if let Some(names) = chrome::byline(&t).or_else(|| chrome::byline(&format!("By {t}"))) {
                authors = names;
                break;
            }
        }
    }
    authors.dedup();
    a.authors = authors;

    a.source = meta(&doc, &["og:site_name", "application-name"]).or_else(|| {
        ld.iter()
            .find_map(|o| ld_names(o.get("publisher")).into_iter().next())
    });
    a.url = doc
        .select(&sel("link[rel=canonical]"))
        .filter_map(|l| l.value().attr("href"))
        .map(str::to_string)
        .next()
        .or_else(|| meta(&doc, &["og:url"]));
    if let Some(k) = meta(&doc, &["keywords", "news_keywords"]) {
        a.topics = k
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }

    // The main container: the candidate holding the most paragraph text.
    let mut best: Option<(usize, Vec<String>)> = None;
    for s in ["[itemprop=articleBody]", "article", "main", "[role=main]", "body"] {
        for c in doc.select(&sel(s)) {
            let ps = paragraphs(c);
            let len: usize = ps.iter().map(String::len).sum();
            if best.as_ref().is_none_or(|(l, _)| len > *l + *l / 4) {
                best = Some((len, ps));
            }
        }
    }
    let mut body = best.map(|(_, ps)| ps).unwrap_or_default();
    // The headline repeated as the first paragraph is not body text.
    if body.first().is_some_and(|p| *p == a.title) {
        body.remove(0);
    }
    a.body = body.join("\n\n");
    if a.body.is_empty() {
        a.body = ld_str("articleBody").unwrap_or_default();
    }
    if a.title.is_empty() && a.body.is_empty() {
        return Err("page has neither a title nor article text".into());
    }
    Ok((a, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_work_counts_the_open_elements_at_each_end_tag() {
        // Two open at the first `</div>`, one at the second.
        assert_eq!(parser_work("<div><span>a</span></div>"), 3);
        // Elements without end tags, or whose end tag may be left out, do not nest.
        assert_eq!(parser_work("<div><p>a<br><img src=x><p>b<li>c</div>"), 1);
        assert_eq!(
            parser_work("<div/><DIV class='x'>a</DIV><!-- </div> --> < div"),
            1
        );
        let deep = format!("{}{}", "<div>".repeat(1000), "</div>".repeat(1000));
        assert_eq!(parser_work(&deep), (1..=1000).sum::<u64>());
    }

    #[test]
    fn main_text_without_furniture() {
        let page = r#"<html><head><title>Bridge opens | Harbour Times</title>
            <meta property="article:published_time" content="2013-06-17T19:45:00Z">
            <meta name="author" content="Jane Doe"></head><body>
            <nav><p>Home</p><p>World news and more sections here</p></nav>
            <article><h1>Bridge opens</h1><p>The bridge opened today after four years.</p>
            <div class="share-tools"><p>Share this on every network you use</p></div>
            <p>“It was worth the wait,” said Mayor Ingrid Solberg.</p></article>
            <aside><p>Related: other bridges in the region this year</p></aside>
            <footer><p>Copyright the Harbour Times and its owners</p></footer></body></html>"#;
        let (a, _) = parse(page).unwrap();
        assert_eq!(a.title, "Bridge opens");
        assert_eq!(a.date.unwrap().to_rfc3339(), "2013-06-17T19:45:00+00:00");
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(
            a.body,
            "The bridge opened today after four years.\n\n“It was worth the wait,” said Mayor Ingrid Solberg."
        );
    }
}
