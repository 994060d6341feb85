//! Article HTML to Markdown.

use crate::Article;

/// The article as Markdown: a `#` title line, then the content.
pub fn to_markdown(article: &Article) -> String {
    let _ = article;
    String::new()
}
