//! XML article collections: SemEval-2019 `<articles>`, NITF, RSS 2.0 (and RSS 1.0) feeds and
//! Atom feeds, told apart by their root element.
//!
//! The file is read into a small element tree (tolerant of mismatched end tags and of HTML
//! entities); if the XML breaks part-way, the records before the break are kept and the break
//! is reported with its line.

use crate::article::Article;
use crate::extract::{chrome, date};

use super::Parsed;

/// An element with its attributes and children.
#[derive(Debug, Default, Clone)]
pub struct Node {
    /// Local name, lower-cased (`content:encoded` → `encoded`).
    pub name: String,
    /// Attributes by local name, lower-cased.
    pub attrs: Vec<(String, String)>,
    /// Child elements and text.
    pub children: Vec<Child>,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub enum Child {
    /// An element.
    Node(Node),
    /// Character data.
    Text(String),
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase()
}

fn entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "mdash" => "—",
        "ndash" => "–",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "hellip" => "…",
        "pound" => "£",
        "euro" => "€",
        "copy" => "©",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "oacute" => "ó",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        _ => return None,
    })
}

impl Node {
    /// The first attribute of that (lower-case, local) name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Child::Node(n) => Some(n),
            Child::Text(_) => None,
        })
    }

    /// The first child element of that name.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.elements().find(|n| n.name == name)
    }

    /// The first element of that name at any depth.
    pub fn find(&self, name: &str) -> Option<&Node> {
        for n in self.elements() {
            if n.name == name {
                return Some(n);
            }
            if let Some(f) = n.find(name) {
                return Some(f);
            }
        }
        None
    }

    /// All text inside, whitespace collapsed.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.collect(&mut s, false);
        collapse(&s)
    }

    /// All text inside, with block elements (`p`, `div`, headings, list items, `br`) made
    /// paragraphs separated by a blank line.
    pub fn block_text(&self) -> String {
        let mut s = String::new();
        self.collect(&mut s, true);
        s.split("\n\n")
            .map(collapse)
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    fn collect(&self, out: &mut String, blocks: bool) {
        for c in &self.children {
            match c {
                Child::Text(t) => out.push_str(t),
                Child::Node(n) => {
                    let block = blocks
                        && matches!(
                            n.name.as_str(),
                            "p" | "div" | "br" | "h1" | "h2" | "h3" | "h4" | "li" | "blockquote" | "block"
                        );
                    if block {
                        out.push_str("\n\n");
                    } else {
                        out.push(' ');
                    }
                    n.collect(out, blocks);
                    if block {
                        out.push_str("\n\n");
                    } else {
                        out.push(' ');
                    }
                }
            }
        }
    }
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        // No space before closing punctuation that markup separated from its word.
        if !out.is_empty() && !w.starts_with([',', '.', ';', ':', '!', '?', ')']) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn line_of(text: &str, byte: u64) -> usize {
    let b = (byte as usize).min(text.len());
    text.as_bytes()[..b].iter().filter(|&&c| c == b'\n').count() + 1
}

/// Elements nested deeper than this are read as part of the deepest kept one: their text is
/// kept, their tags are not. Every walk of the tree recurses through it, and a file of
/// 200,000 nested elements overflowed the stack (news markup nests a dozen levels).
const MAX_DEPTH: usize = 256;

/// Parses XML into a tree under an unnamed root; the error, if the XML breaks, says where.
pub fn parse_tree(text: &str) -> (Node, Option<String>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut stack: Vec<Node> = vec![Node::default()];
    let mut error = None;
    let attrs_of = |e: &quick_xml::events::BytesStart| {
        e.attributes()
            .flatten()
            .map(|a| {
                let v = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| a.value.to_string());
                (local(a.key.as_ref()), v)
            })
            .collect::<Vec<_>>()
    };
    let push_text = |stack: &mut Vec<Node>, t: &str| {
        if let Some(top) = stack.last_mut() {
            top.children.push(Child::Text(t.to_string()));
        }
    };
    // Elements open below `MAX_DEPTH`, whose tags are not kept.
    let mut flattened = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) if stack.len() > MAX_DEPTH => flattened += 1,
            Ok(Event::End(_)) if flattened > 0 => flattened -= 1,
            Ok(Event::Start(e)) => {
                let n = Node {
                    name: local(e.name().as_ref()),
                    attrs: attrs_of(&e),
                    children: Vec::new(),
                };
                stack.push(n);
            }
            Ok(Event::Empty(e)) => {
                let n = Node {
                    name: local(e.name().as_ref()),
                    attrs: attrs_of(&e),
                    children: Vec::new(),
                };
                if let Some(top) = stack.last_mut() {
                    top.children.push(Child::Node(n));
                }
            }
            Ok(Event::End(e)) => {
                let name = local(e.name().as_ref());
                // Close up to the matching open element; a stray end tag closes nothing.
                if stack.iter().skip(1).any(|n| n.name == name) {
                    while stack.len() > 1 {
                        let n = stack.pop().unwrap_or_default();
                        let done = n.name == name;
                        if let Some(top) = stack.last_mut() {
                            top.children.push(Child::Node(n));
                        }
                        if done {
                            break;
                        }
                    }
                }
            }
            Ok(Event::Text(t)) => push_text(&mut stack, &t.xml10_content()),
            Ok(Event::CData(t)) => push_text(&mut stack, &t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => entity(&r)
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("&{};", &*r)),
                };
                push_text(&mut stack, &resolved);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                let line = line_of(text, reader.error_position());
                error = Some(format!(
                    "malformed XML at line {line}: {e}; nothing after it was read"
                ));
                break;
            }
        }
    }
    while stack.len() > 1 {
        let n = stack.pop().unwrap_or_default();
        if let Some(top) = stack.last_mut() {
            top.children.push(Child::Node(n));
        }
    }
    (stack.pop().unwrap_or_default(), error)
}

fn opt(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn date_field(
    node: Option<&Node>,
    what: &str,
    warnings: &mut Vec<String>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let raw = node?.text();
    let d = parse_any_date(&raw);
    if d.is_none() && !raw.trim().is_empty() {
        warnings.push(format!("{what} {raw:?} not understood; indexed without it"));
    }
    d
}

/// Dates in XML feeds: RFC 3339, RFC 2822, news forms, and ISO 8601 basic (`20130617T194500Z`).
fn parse_any_date(raw: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let t = raw.trim();
    date::parse_date(t).or_else(|| {
        let basic = t.replace('-', "");
        let (d, rest) = basic.split_at(basic.find('T').unwrap_or(basic.len()));
        if d.len() != 8 || !d.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut iso = format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]);
        let rest = rest.trim_start_matches('T');
        if rest.len() >= 4 && rest[..4].bytes().all(|b| b.is_ascii_digit()) {
            let secs = if rest.len() >= 6 && rest[4..6].bytes().all(|b| b.is_ascii_digit()) {
                &rest[4..6]
            } else {
                "00"
            };
            let zone = rest
                .get(6..)
                .or(rest.get(4..))
                .unwrap_or("")
                .trim_start_matches(|c: char| c.is_ascii_digit());
            iso.push_str(&format!(
                "T{}:{}:{}{}",
                &rest[..2],
                &rest[2..4],
                secs,
                if zone.is_empty() { "Z" } else { zone }
            ));
        }
        date::parse_date(&iso)
    })
}

fn semeval(root: &Node) -> Vec<(Option<u64>, Parsed)> {
    root.elements()
        .filter(|n| n.name == "article")
        .enumerate()
        .map(|(i, n)| {
            let mut warnings = Vec::new();
            let mut a = Article {
                format: "semeval-xml".into(),
                ..Article::default()
            };
            a.title = n.attr("title").unwrap_or("").trim().to_string();
            if let Some(d) = n.attr("published-at").filter(|d| !d.trim().is_empty()) {
                a.date = parse_any_date(d);
                if a.date.is_none() {
                    warnings.push(format!("published-at {d:?} not understood; indexed without it"));
                }
            }
            a.body = n.block_text();
            let parsed = if a.title.is_empty() && a.body.is_empty() {
                Err(format!(
                    "article {} has neither title nor text",
                    n.attr("id").unwrap_or("?")
                ))
            } else {
                Ok((a, warnings))
            };
            (Some(i as u64 + 1), parsed)
        })
        .collect()
}

fn nitf(root: &Node) -> Vec<(Option<u64>, Parsed)> {
    let mut warnings = Vec::new();
    let mut a = Article {
        format: "nitf".into(),
        ..Article::default()
    };
    a.title = root
        .find("hl1")
        .map(Node::text)
        .or_else(|| root.find("head").and_then(|h| h.child("title")).map(Node::text))
        .unwrap_or_default();
    a.subtitle = root.find("hl2").map(Node::text).and_then(opt);
    if let Some(b) = root.find("byline") {
        let t = b.find("person").map(Node::text).unwrap_or_else(|| b.text());
        a.authors = chrome::byline(&t)
            .or_else(|| chrome::byline(&format!("By {t}")))
            .unwrap_or_default();
    }
    a.dateline = root.find("dateline").map(Node::text).and_then(opt);
    let pub_date = root
        .find("pubdata")
        .and_then(|p| p.attr("date.publication"))
        .or_else(|| root.find("date.issue").and_then(|d| d.attr("norm")));
    if let Some(d) = pub_date {
        a.date = parse_any_date(d);
        if a.date.is_none() {
            warnings.push(format!(
                "publication date {d:?} not understood; indexed without it"
            ));
        }
    }
    a.source = root
        .find("doc.copyright")
        .and_then(|c| c.attr("holder"))
        .map(str::to_string);
    if let Some(kl) = root.find("key-list") {
        a.topics = kl
            .elements()
            .filter_map(|k| k.attr("key"))
            .map(str::to_string)
            .collect();
    }
    a.body = root
        .find("body.content")
        .map(Node::block_text)
        .unwrap_or_default();
    let parsed = if a.title.is_empty() && a.body.is_empty() {
        Err("NITF document with neither headline nor body.content".to_string())
    } else {
        Ok((a, warnings))
    };
    vec![(None, parsed)]
}

fn markup_text(n: &Node) -> String {
    // Feed bodies are often HTML escaped inside the XML.
    let t = n.block_text();
    if t.contains('<') && t.contains('>') {
        super::html::fragment_text(&n.text())
    } else {
        t
    }
}

fn rss(root: &Node) -> Vec<(Option<u64>, Parsed)> {
    let channel = root.find("channel");
    let source = channel
        .and_then(|c| c.child("title"))
        .map(Node::text)
        .and_then(opt);
    let items: Vec<&Node> =
        match channel.map(|c| c.elements().filter(|n| n.name == "item").collect::<Vec<_>>()) {
            Some(v) if !v.is_empty() => v,
            _ => root.elements().filter(|n| n.name == "item").collect(),
        };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let mut warnings = Vec::new();
            let mut a = Article {
                format: "rss".into(),
                source: source.clone(),
                ..Article::default()
            };
            a.title = item.child("title").map(Node::text).unwrap_or_default();
            a.url = item.child("link").map(Node::text).and_then(opt);
            let body = item.child("encoded").or_else(|| item.child("description"));
            a.body = body.map(markup_text).unwrap_or_default();
            a.date = date_field(
                item.child("pubdate").or_else(|| item.child("date")),
                "pubDate",
                &mut warnings,
            );
            a.authors = item
                .elements()
                .filter(|n| n.name == "author" || n.name == "creator")
                .map(Node::text)
                .filter(|s| !s.is_empty())
                .collect();
            a.topics = item
                .elements()
                .filter(|n| n.name == "category")
                .map(Node::text)
                .collect();
            let parsed = if a.title.is_empty() && a.body.is_empty() {
                Err("item with neither title nor description".to_string())
            } else {
                Ok((a, warnings))
            };
            (Some(i as u64 + 1), parsed)
        })
        .collect()
}

fn atom(feed: &Node) -> Vec<(Option<u64>, Parsed)> {
    let source = feed.child("title").map(Node::text).and_then(opt);
    feed.elements()
        .filter(|n| n.name == "entry")
        .enumerate()
        .map(|(i, e)| {
            let mut warnings = Vec::new();
            let mut a = Article {
                format: "atom".into(),
                source: source.clone(),
                ..Article::default()
            };
            a.title = e.child("title").map(Node::text).unwrap_or_default();
            let links: Vec<&Node> = e.elements().filter(|n| n.name == "link").collect();
            a.url = links
                .iter()
                .find(|l| l.attr("rel").is_none_or(|r| r == "alternate"))
                .or(links.first())
                .and_then(|l| l.attr("href"))
                .map(str::to_string);
            a.body = e
                .child("content")
                .or_else(|| e.child("summary"))
                .map(markup_text)
                .unwrap_or_default();
            a.date = date_field(
                e.child("published").or_else(|| e.child("updated")),
                "published",
                &mut warnings,
            );
            if e.child("published").is_some() {
                a.edited = date_field(e.child("updated"), "updated", &mut warnings);
            }
            a.authors = e
                .elements()
                .filter(|n| n.name == "author")
                .map(|au| au.child("name").map(Node::text).unwrap_or_else(|| au.text()))
                .filter(|s| !s.is_empty())
                .collect();
            a.topics = e
                .elements()
                .filter(|n| n.name == "category")
                .filter_map(|c| c.attr("term"))
                .map(str::to_string)
                .collect();
            let parsed = if a.title.is_empty() && a.body.is_empty() {
                Err("entry with neither title nor content".to_string())
            } else {
                Ok((a, warnings))
            };
            (Some(i as u64 + 1), parsed)
        })
        .collect()
}

/// Reads the articles of an XML file; the second value reports a break in the XML.
pub fn records(text: &str) -> (Vec<(Option<u64>, Parsed)>, Option<String>) {
    let (doc, error) = parse_tree(text);
    let Some(root) = doc.elements().next() else {
        return (
            Vec::new(),
            Some(error.unwrap_or_else(|| "no XML element in this file".into())),
        );
    };
    let records = match root.name.as_str() {
        // The SemEval ground-truth file shares the root but holds labels, not articles.
        "articles"
            if root
                .elements()
                .next()
                .is_some_and(|a| a.attr("hyperpartisan").is_some() && a.attr("title").is_none()) =>
        {
            return (
                Vec::new(),
                Some("SemEval ground-truth labels (hyperpartisan, url), no article text".into()),
            );
        }
        "articles" => semeval(root),
        "nitf" => nitf(root),
        "rss" | "rdf" => rss(root),
        "feed" => atom(root),
        other => {
            let msg = format!("unknown XML layout <{other}> (read: SemEval <articles>, NITF, RSS, Atom)");
            return (
                Vec::new(),
                Some(error.map_or(msg.clone(), |e| format!("{msg}; {e}"))),
            );
        }
    };
    (records, error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_iso_dates() {
        assert_eq!(
            parse_any_date("20130617T194500Z").unwrap().to_rfc3339(),
            "2013-06-17T19:45:00+00:00"
        );
        assert_eq!(
            parse_any_date("20130617").unwrap().to_rfc3339(),
            "2013-06-17T00:00:00+00:00"
        );
    }

    #[test]
    fn broken_xml_keeps_what_came_before() {
        let (recs, err) = records(
            "<articles><article id=\"1\" title=\"One\"><p>a</p></article><article id=\"2\" title=\"Two\"><p>b</p></article><article id=\"3\" title=\"Thr",
        );
        assert_eq!(recs.len(), 2);
        assert!(err.unwrap().contains("line 1"));
    }
}
