//! The cheap pre-check: does this page look like it holds an article?

use scraper::Html;

/// See [`crate::is_probably_readerable`].
pub fn is_probably_readerable(doc: &Html) -> bool {
    let _ = doc;
    false
}
