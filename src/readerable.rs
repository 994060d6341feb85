//! The cheap pre-check: does this page look like it holds an article?
//!
//! Counts long, visible blocks of text outside template chrome; enough of
//! them (weighted by length) means a reader view is worth offering.

use scraper::Html;

use crate::bound::DROPPED_TEXT_ATTR;
use crate::content::{is_probably_visible, is_unlikely};
use crate::dom;

/// Blocks shorter than this many characters do not count, as Readability's
/// `isProbablyReaderable` `minContentLength` (140).
const MIN_CONTENT_LENGTH: usize = 140;
/// Summed `sqrt(len - MIN_CONTENT_LENGTH)` a page needs, as Readability's
/// `isProbablyReaderable` `minScore` (20).
const MIN_SCORE: f64 = 20.0;

/// Characters of the `script` and `style` bodies under `id` that
/// `bound` dropped before parsing.
fn dropped_text(doc: &Html, id: ego_tree::NodeId) -> usize {
    dom::iter_named(doc, id, &["script", "style"])
        .filter_map(|s| dom::attr(doc, s, DROPPED_TEXT_ATTR)?.parse::<usize>().ok())
        .sum()
}

/// See [`crate::is_probably_readerable`].
pub fn is_probably_readerable(doc: &Html) -> bool {
    let root = doc.tree.root().id();
    let mut nodes = dom::descendants_named(doc, root, &["p", "pre", "article"]);
    // Text laid out with `<br>`s inside a div counts through the div.
    for br in dom::descendants_named(doc, root, &["br"]) {
        if let Some(p) = dom::parent(doc, br) {
            if dom::is(doc, p, "div") && !nodes.contains(&p) {
                nodes.push(p);
            }
        }
    }
    let mut score = 0.0;
    for id in nodes {
        if !is_probably_visible(doc, id) {
            continue;
        }
        let cid = dom::class_and_id(doc, id);
        if is_unlikely(&cid) {
            continue;
        }
        if dom::is(doc, id, "p") && dom::has_ancestor(doc, id, "li", 0) {
            continue;
        }
        // Raw length (whitespace kept), as the threshold was tuned on it;
        // script and style text counts, as in Readability's `textContent`,
        // though `bound` dropped it before parsing.
        let len = dom::text_content(doc, id).trim().chars().count() + dropped_text(doc, id);
        if len < MIN_CONTENT_LENGTH {
            continue;
        }
        score += ((len - MIN_CONTENT_LENGTH) as f64).sqrt();
        if score > MIN_SCORE {
            return true;
        }
    }
    false
}
