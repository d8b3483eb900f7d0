//! Pure text → metadata: dates, bylines, site chrome, quotes and speakers.
//!
//! Nothing here reads files or knows about the index; readers call these functions, and so
//! can any program that has article text in hand.

pub mod chrome;
pub mod date;
pub mod names;
pub mod quotes;

use crate::article::Article;

/// Fills in an article's quotes and speakers from its body.
pub fn enrich(article: &mut Article) {
    #[cfg(feature = "ablation")]
    if crate::ablation::off().extraction {
        return;
    }
    let found = quotes::extract_quotes(&article.body);
    #[cfg(feature = "ablation")]
    if crate::ablation::off().extracted {
        std::hint::black_box(found);
        return;
    }
    article.quotes = found.quotes;
    article.speakers = found.speakers;
}
