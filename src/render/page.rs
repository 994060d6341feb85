//! A standalone reader page: one HTML file with inline CSS.

use crate::Article;

/// A complete HTML document showing the article in a clean reading layout.
pub fn reader_page(article: &Article) -> String {
    let _ = article;
    String::new()
}
