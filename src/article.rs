//! The result of an extraction.

use serde::{Deserialize, Serialize};

/// A clean article, with Readability.js's key names when serialized
/// (`textContent`, `siteName`, `publishedTime`, ...).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Article {
    /// The article's title, cleaned of site-name suffixes.
    pub title: Option<String>,
    /// The author line, e.g. `"By Jane Doe"`.
    pub byline: Option<String>,
    /// Text direction (`"ltr"` / `"rtl"`) when the page states one.
    pub dir: Option<String>,
    /// Language of the page (`<html lang>` or metadata), e.g. `"en"`.
    pub lang: Option<String>,
    /// The article as sanitized HTML, safe to render; links and images absolute.
    pub content: String,
    /// The article's plain text: blocks separated by blank lines, whitespace collapsed.
    pub text_content: String,
    /// Length of `text_content` in characters.
    pub length: usize,
    /// A short summary: the page's description or the first paragraph.
    pub excerpt: Option<String>,
    /// The publication's name.
    pub site_name: Option<String>,
    /// When the article was published, as found on the page (ISO 8601 where the page gives it so).
    pub published_time: Option<String>,
    /// The article's lead image, absolute.
    pub lead_image_url: Option<String>,
    /// Words in `text_content`.
    pub word_count: usize,
    /// Estimated minutes to read, at least 1.
    pub reading_time_minutes: usize,
    /// The verdict of [`is_probably_readerable`](crate::is_probably_readerable)
    /// on the same page, from the same parse: whether a reader view is worth
    /// offering. An article can be extracted from a page that says no.
    #[serde(default)]
    pub readerable: bool,
}
