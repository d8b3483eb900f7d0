//! Site chrome, bylines and header lines of scraped article text.
//!
//! Scrapes carry the site around the story: `Get short URL`, share prompts, `Leave a Reply`
//! and comment sections. These helpers recognise such lines, bylines (`By Jane Doe`) and the
//! header lines that carry publication and edit times, so readers keep them out of the body.

use chrono::{DateTime, Utc};

use super::date;

/// Phrases that make up site chrome. A line made only of these (and punctuation) is chrome.
const CHROME: &[&str] = &[
    "get short url",
    "short url",
    "leave a reply",
    "leave a comment",
    "cancel reply",
    "post comment",
    "add comment",
    "add a comment",
    "comments",
    "comment",
    "share this article",
    "share this story",
    "share this",
    "share on facebook",
    "share on twitter",
    "share on whatsapp",
    "share on linkedin",
    "share",
    "tweet",
    "email",
    "e-mail",
    "print",
    "print this page",
    "read more",
    "related",
    "related articles",
    "related stories",
    "advertisement",
    "subscribe",
    "subscribe now",
    "sign up",
    "follow us",
    "follow",
    "click here",
    "newsletter",
    "you might also like",
    "recommended",
    "trending",
    "skip to content",
    "menu",
    "home",
    "log in",
    "login",
    "register",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "reddit",
    "pinterest",
    "copy link",
    "more",
    "back to top",
    "all rights reserved",
    "reuse this content",
    "most read",
    "top stories",
    "more from",
    "see also",
    "also read",
];

/// Lines that open a comment section: everything from there on is not the article.
const COMMENTS_START: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "comments",
    "add a comment",
    "post a comment",
    "join the discussion",
    "show comments",
    "view comments",
    "comments are closed",
];

/// A line without surrounding spaces and punctuation.
fn core(line: &str) -> &str {
    line.trim().trim_matches(|c: char| !c.is_alphanumeric())
}

fn normalise(line: &str) -> String {
    core(line).to_lowercase()
}

/// True when the whole line is site chrome (`Get short URL`, `Share on Twitter | Email`).
pub fn is_chrome(line: &str) -> bool {
    // Lower-casing shrinks a character to a third of its bytes at most (`K`, the Kelvin
    // sign, to `k`): past 240 bytes the line cannot get under the 80 below, and paragraphs
    // of prose, the lines most often asked about, are not lower-cased in vain.
    let core = core(line);
    if core.len() > 3 * 80 {
        return false;
    }
    let n = core.to_lowercase();
    if n.is_empty() {
        return !line.trim().is_empty();
    }
    if n.len() > 80 {
        return false;
    }
    if n.starts_with('©') || n.starts_with("copyright ") || n.ends_with("all rights reserved") {
        return true;
    }
    // Several chrome items on one line, separated by punctuation: "Share | Tweet | Email".
    n.split(|c: char| !(c.is_alphanumeric() || c == ' ' || c == '-'))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .all(|p| CHROME.contains(&p) || p.trim_start_matches(char::is_numeric).trim() == "comments")
}

/// True when the line opens a comment section (`Leave a Reply`, `12 comments`).
pub fn starts_comments(line: &str) -> bool {
    // Every opener is under 20 bytes lower-cased, and lower-casing shrinks a character to a
    // third of its bytes at most (see `is_chrome`): a longer line, such as every paragraph
    // of prose, is not lower-cased in vain.
    if core(line).len() >= 3 * 20 {
        return false;
    }
    opens_comments(&normalise(line))
}

/// [`starts_comments`] for a line already [`normalise`]d.
fn opens_comments(n: &str) -> bool {
    COMMENTS_START.contains(&n) || n.trim_start_matches(char::is_numeric).trim() == "comments" && n.len() < 20
}

/// Authors named by a byline line (`By Jane Doe and John Roe`, `By Jane Doe, Reuters`).
///
/// ```
/// use newsdex::extract::chrome::byline;
/// assert_eq!(byline("By Jane Doe and Ali Khan"), Some(vec!["Jane Doe".into(), "Ali Khan".into()]));
/// assert_eq!(byline("By the end of the day, it was over."), None);
/// ```
pub fn byline(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let rest = t
        .strip_prefix("By ")
        .or_else(|| t.strip_prefix("BY "))
        .or_else(|| t.strip_prefix("by "))
        .or_else(|| t.strip_prefix("Written by "))?;
    let rest = rest.split(['|', '•', '·']).next()?.trim();
    if rest.split_whitespace().count() > 12 {
        return None;
    }
    let mut authors = Vec::new();
    for part in rest.split([',', '&', ';']).flat_map(|p| p.split(" and ")) {
        let p = part.trim().trim_end_matches('.');
        if p.is_empty() {
            continue;
        }
        let ws: Vec<&str> = p.split_whitespace().collect();
        let name_like = (1..=4).contains(&ws.len())
            && ws
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if name_like && ws.len() >= 2 {
            authors.push(ws.join(" "));
        } else if !name_like && authors.is_empty() {
            // "By the end of the day": not a byline at all.
            return None;
        }
        // A lone capitalised word after a name ("Reuters", "Staff") is an outlet or desk.
    }
    (!authors.is_empty()).then_some(authors)
}

/// What a header line's date means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    /// First publication.
    Published,
    /// A later edit or update.
    Edited,
}

const EDIT_WORDS: &[&str] = &["edited", "updated", "modified", "last updated", "revised"];
const HEADER_WORDS: &[&str] = &[
    "published",
    "publication",
    "time",
    "date",
    "posted",
    "on",
    "at",
    "edited",
    "updated",
    "modified",
    "last",
    "revised",
    "get",
    "short",
    "url",
    "first",
    "created",
    "gmt",
    "utc",
    "bst",
    "est",
    "edt",
    "pm",
    "am",
    "local",
    "|",
    "by",
    "filed",
    "source",
];

/// The dates a header line carries: a line such as `Get short URL Published time: June 17,
/// 2013 19:45` or `Edited time: June 17, 2013 21:48`. Prose that merely mentions a date is not
/// a header line: after removing the dates and header words, almost nothing may remain.
pub fn header_dates(line: &str) -> Vec<(DateRole, DateTime<Utc>)> {
    let mut out = Vec::new();
    if line.len() > 200 {
        return out;
    }
    let mut rest = line;
    let mut leftover = String::new();
    while let Some((d, span)) = date::find_date(rest) {
        let before = &rest[..span.start];
        let lower = before.to_lowercase();
        let role = if EDIT_WORDS.iter().any(|w| lower.contains(w)) {
            DateRole::Edited
        } else {
            DateRole::Published
        };
        leftover.push_str(before);
        leftover.push(' ');
        out.push((role, d));
        rest = &rest[span.end..];
    }
    if out.is_empty() {
        // No date: nothing to check the other words against.
        return out;
    }
    leftover.push_str(rest);
    let stray = leftover
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !HEADER_WORDS.contains(&w.to_lowercase().as_str()))
        .filter(|w| !CHROME.contains(&w.to_lowercase().as_str()))
        .count();
    if stray > 2 {
        out.clear();
    }
    out
}

/// Lower-cased word stems (first five letters) of the words longer than three letters.
fn stems(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 3)
        .map(|w| w.to_lowercase().chars().take(5).collect())
        .collect()
}

/// True when `para` restates `title` (a standfirst): short, one sentence, and sharing most of
/// the title's content words.
pub fn restates_title(title: &str, para: &str) -> bool {
    restates_title_at(title, para, true)
}

/// Like [`restates_title`]; `first` says whether the paragraph comes right after the
/// headline, before any date or byline line. A restatement ending in a full stop counts only
/// there: after the header lines it is the lede.
pub fn restates_title_at(title: &str, para: &str, first: bool) -> bool {
    let words = para.split_whitespace().count();
    // A standfirst is short, and usually has no closing full stop; a lead paragraph that
    // repeats the headline's words is longer (news ledes run past 20 words) and stays in
    // the body.
    let closed = para.trim_end().ends_with(['.', '!', '?', '…']);
    let limit = match (closed, first) {
        (true, true) => 20,
        (true, false) => 0,
        (false, _) => 35,
    };
    if words == 0 || words > limit || para.contains('“') || para.contains('"') {
        return false;
    }
    let t = stems(title);
    if t.len() < 2 {
        return false;
    }
    let p = stems(para);
    let shared = t.iter().filter(|w| p.contains(w)).count();
    shared * 2 >= t.len() && shared >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines() {
        assert!(is_chrome("Get short URL"));
        assert!(is_chrome("Share on Facebook | Tweet | Email"));
        assert!(is_chrome("Leave a Reply"));
        assert!(!is_chrome("Share prices fell sharply on Monday."));
        assert!(is_chrome("© 2013 Harbour Times. All rights reserved."));
        // Length is judged lower-cased: seventy Kelvin signs (210 bytes) are seventy `k`s.
        let kelvin = |n: usize| format!("Copyright {}", "\u{212a}".repeat(n));
        assert!(is_chrome(&kelvin(70)));
        assert!(!is_chrome(&kelvin(71)));
        assert!(!is_chrome(&"Share | Tweet | ".repeat(20)));
    }

    #[test]
    fn comment_sections_are_told_at_every_length() {
        // The rule without the length cut: lower-case the line, then compare.
        let rule = |line: &str| opens_comments(&normalise(line));
        assert!(starts_comments("Leave a Reply"));
        assert!(starts_comments("  12 Comments:"));
        assert!(starts_comments("COMMENTS ARE CLOSED."));
        for pad in 0..70 {
            for line in [
                format!("{}comments", "1".repeat(pad)),
                format!("Leave a Reply{}", "!".repeat(pad)),
                format!("{}Comments are closed", "\u{212a}".repeat(pad)),
                format!("Comments {}", "x".repeat(pad)),
            ] {
                assert_eq!(starts_comments(&line), rule(&line), "{line:?}");
            }
        }
    }

    #[test]
    fn header_lines() {
        let d = header_dates("Get short URL Published time: June 17, 2013 19:45");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, DateRole::Published);
        let d = header_dates("Edited time: June 17, 2013 21:48");
        assert_eq!(d[0].0, DateRole::Edited);
        assert!(header_dates("On June 17, 2013 the committee met in closed session to vote.").is_empty());
    }

    #[test]
    fn subtitles() {
        assert!(restates_title(
            "Putin and Obama agree to Geneva talks on Syria",
            "The Russian and US presidents agreed to hold Syria talks in Geneva"
        ));
        assert!(!restates_title(
            "Putin and Obama agree to Geneva talks",
            "Markets rose on Tuesday."
        ));
        // A reworded headline with a full stop is a subtitle; a long lede is not.
        assert!(restates_title(
            "Mayor opens harbour bridge",
            "The harbour bridge was opened by the mayor."
        ));
        assert!(!restates_title(
            "Putin addresses parliament as Crimea treaty is signed",
            "Vladimir Putin signed a treaty on Tuesday absorbing Crimea into Russia, in a speech to \
             both houses of parliament that was interrupted repeatedly by applause."
        ));
    }
}
