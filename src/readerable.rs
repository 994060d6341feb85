//! The cheap pre-check: does this page look like it holds an article?
//!
//! Counts long, visible blocks of text outside template chrome; enough of
//! them (weighted by length) means a reader view is worth offering.

use scraper::Html;

use crate::content::{is_probably_visible, is_unlikely};
use crate::dom;

/// Blocks shorter than this many characters do not count.
const MIN_CONTENT_LENGTH: usize = 140;
/// Summed `sqrt(len - MIN_CONTENT_LENGTH)` a page needs.
const MIN_SCORE: f64 = 20.0;

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
        // Raw length (whitespace kept), as the threshold was tuned on it.
        let len = dom::text_content(doc, id).trim().chars().count();
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
