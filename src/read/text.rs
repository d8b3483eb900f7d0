//! Plain-text articles as scraped from news sites.
//!
//! Layout: the first non-empty line that is not site chrome is the headline. Near the top
//! come header lines (publication and edit times, often run together with chrome such as
//! `Get short URL`), a byline (`By Jane Doe`) and sometimes a standfirst restating the
//! headline, which becomes the subtitle. Then the body, paragraphs separated by blank lines
//! (or one per line when the file has no blank lines). Chrome lines and a trailing comment
//! section are dropped. A file with no date line has no date: never the file's mtime.

use crate::article::Article;
use crate::extract::chrome::{self, DateRole};

/// Longest first line read as a headline, in characters.
const MAX_TITLE: usize = 300;

/// How many non-empty lines after the headline may still be header lines.
const HEADER_ZONE: usize = 8;

/// Parses one plain-text article. Returns `None` when the text has no headline at all.
pub fn parse(text: &str) -> Option<Article> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() && (lines[i].trim().is_empty() || chrome::is_chrome(lines[i])) {
        i += 1;
    }
    let first = lines.get(i)?.trim();
    // A first line too long to be a headline (a whole article on one line) keeps all its
    // text in the body; the title is its opening words.
    if first.chars().count() > MAX_TITLE {
        let cut = first
            .char_indices()
            .nth(MAX_TITLE)
            .map_or(first.len(), |(b, _)| b);
        let cut = first[..cut].rfind(' ').unwrap_or(cut);
        let article = Article {
            title: format!("{}…", &first[..cut]),
            body: body(&lines[i..]),
            ..Article::default()
        };
        return Some(article);
    }
    let title = first.to_string();
    i += 1;

    let mut article = Article {
        title,
        ..Article::default()
    };
    let mut seen = 0;
    // Header zone: chrome, dates, bylines and a standfirst may come in any order.
    while i < lines.len() && seen < HEADER_ZONE {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        seen += 1;
        let dates = chrome::header_dates(line);
        if !dates.is_empty() {
            for (role, d) in dates {
                match role {
                    DateRole::Published if article.date.is_none() => article.date = Some(d),
                    DateRole::Published | DateRole::Edited => article.edited = Some(d),
                }
            }
        } else if let Some(authors) = chrome::byline(line) {
            article.authors.extend(authors);
        } else if chrome::is_chrome(line) {
        } else if article.subtitle.is_none() && chrome::restates_title_at(&article.title, line, seen == 1) {
            article.subtitle = Some(line.to_string());
        } else {
            break;
        }
        i += 1;
    }
    article.body = body(&lines[i..]);
    Some(article)
}

fn body(lines: &[&str]) -> String {
    let blank_separated = lines.iter().any(|l| l.trim().is_empty());
    // Written straight into one string: paragraphs of lines joined by a newline, separated
    // by a blank line (a `String` per paragraph, then joined, cost twice the copies).
    let mut out = String::new();
    // Where the paragraph being read begins in `out`, when one is open.
    let mut open: Option<usize> = None;
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            open = None;
            continue;
        }
        // Once a paragraph is complete, a comment section ends the body and takes the open
        // paragraph with it. `out` up to the open paragraph holds the complete ones.
        let complete = open.unwrap_or(out.len());
        if complete > 0 && chrome::starts_comments(t) {
            if let Some(start) = open {
                out.truncate(start.saturating_sub(2));
            }
            return out;
        }
        if chrome::is_chrome(t) {
            continue;
        }
        match open {
            Some(_) => out.push('\n'),
            None => {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                open = Some(out.len());
            }
        }
        out.push_str(t);
        if !blank_separated {
            open = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `body` as it was first written, a `String` per paragraph: the reference the faster
    /// one is checked against.
    fn body_reference(lines: &[&str]) -> String {
        let blank_separated = lines.iter().any(|l| l.trim().is_empty());
        let mut paras: Vec<String> = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        let flush = |current: &mut Vec<&str>, paras: &mut Vec<String>| {
            if !current.is_empty() {
                paras.push(current.join("\n"));
                current.clear();
            }
        };
        for line in lines {
            let t = line.trim();
            if t.is_empty() {
                flush(&mut current, &mut paras);
                continue;
            }
            if !paras.is_empty() && chrome::starts_comments(t) {
                current.clear();
                break;
            }
            if chrome::is_chrome(t) {
                continue;
            }
            current.push(t);
            if !blank_separated {
                flush(&mut current, &mut paras);
            }
        }
        flush(&mut current, &mut paras);
        paras.join("\n\n")
    }

    proptest::proptest! {
        #[test]
        fn body_agrees_with_the_reference(lines in proptest::collection::vec(
            "( ?)(|Some prose here\\.|More words|Leave a Reply|12 comments|Share \\| Tweet|Get short URL|Comments are closed)( ?)", 0..14)) {
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(body(&lines), body_reference(&lines));
        }
    }

    #[test]
    fn scraped_layout() {
        let a = parse(
            "Putin backs Geneva talks\n\nPutin says he backs the Geneva talks\n\n\
             Get short URL Published time: June 17, 2013 19:45\nEdited time: June 17, 2013 21:48\n\n\
             By Jane Doe\n\nFirst paragraph.\n\nSecond paragraph.\n\nLeave a Reply\n\nSpam comment.\n",
        )
        .unwrap();
        assert_eq!(a.title, "Putin backs Geneva talks");
        assert_eq!(
            a.subtitle.as_deref(),
            Some("Putin says he backs the Geneva talks")
        );
        assert_eq!(a.date.unwrap().to_rfc3339(), "2013-06-17T19:45:00+00:00");
        assert_eq!(a.edited.unwrap().to_rfc3339(), "2013-06-17T21:48:00+00:00");
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(a.body, "First paragraph.\n\nSecond paragraph.");
    }

    #[test]
    fn title_and_paragraphs_only() {
        let a = parse("Headline here\n\nOne paragraph of text.\n").unwrap();
        assert_eq!(a.title, "Headline here");
        assert_eq!(a.date, None);
        assert_eq!(a.body, "One paragraph of text.");
    }
}
