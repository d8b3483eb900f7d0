//! Output formats of `newsdex search`, `kwic`, `quotes`, `timeline` and `speakers`, one module
//! each.

pub mod csv;
pub mod human;
pub mod json;
pub mod kwic;
pub mod speakers;
pub mod timeline;

/// Marker put around matches when there is no colour.
pub const MARK: &str = "**";

/// `text` with each highlight range wrapped in `open`/`close`.
pub fn mark(text: &str, highlights: &[std::ops::Range<usize>], open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len() + highlights.len() * 8);
    let mut pos = 0;
    for h in highlights {
        if h.start < pos || h.end > text.len() {
            continue;
        }
        out.push_str(&text[pos..h.start]);
        out.push_str(open);
        out.push_str(&text[h.clone()]);
        out.push_str(close);
        pos = h.end;
    }
    out.push_str(&text[pos..]);
    out
}
