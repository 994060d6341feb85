//! Lectern: reader-mode article extraction.
//!
//! Give [`extract`] a page's HTML and (ideally) its URL; get back an
//! [`Article`]: title, byline, date, site name, language, and the article
//! itself as sanitized HTML that is safe to render, plus its plain text.
//!
//! ```
//! use lectern::{extract, Options};
//!
//! let html = r#"<html><head><title>Rain returns | Daily Planet</title></head><body>
//!   <nav><a href="/">Home</a> <a href="/news">News</a></nav>
//!   <article><h1>Rain returns</h1>
//!   <p>After a dry spring, the rain came back on Tuesday, filling reservoirs that had
//!   fallen to their lowest level in a decade, the water board said in a statement.</p>
//!   <p>Farmers, who had warned of poor harvests, welcomed the change, though forecasters
//!   said more than one wet week would be needed to make up for the shortfall.</p>
//!   <p>The board said restrictions on garden watering would remain in place for now,
//!   and it asked residents to keep saving water until the end of the summer season.</p>
//!   </article></body></html>"#;
//! let options = Options { char_threshold: 100, ..Options::with_url("https://example.com/rain") };
//! let article = extract(html, &options).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Rain returns"));
//! assert!(article.text_content.contains("Farmers"));
//! assert!(!article.content.contains("News"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod article;
mod bound;
mod content;
mod decode;
mod dom;
mod error;
mod metadata;
mod options;
mod prepare;
mod readerable;
pub mod render;
mod sanitize;
mod urls;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use article::Article;
pub use decode::decode_html;
pub use error::Error;
pub use options::Options;

use scraper::Html;
use url::Url;

/// The crate version, as in `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Words a reader reads per minute, for [`Article::reading_time_minutes`].
const WORDS_PER_MINUTE: usize = 230;

/// Extracts the article from a page's HTML.
///
/// Fails with [`Error::NoArticle`] when the page holds nothing that looks
/// like an article, and with a limit error when the input exceeds one of the
/// bounds in [`Options`].
pub fn extract(html: &str, options: &Options) -> Result<Article, Error> {
    let base = page_url(options)?;
    let mut doc = parse(html, options, Bodies::Drop)?;
    let mut meta = metadata::read(&doc, base.as_ref());
    let base = urls::document_base(&doc, base);
    prepare::prepare(&mut doc);
    let found = content::find(&mut doc, options, meta.title.as_deref()).ok_or(Error::NoArticle)?;
    let root = found.root;
    urls::resolve(&mut doc, root, base.as_ref());
    let text_content = render::text::block_text(&doc, root, &found.credits);
    if text_content.is_empty() {
        return Err(Error::NoArticle);
    }
    if meta.byline.is_none() {
        meta.byline = found.byline;
    }
    let excerpt = meta.excerpt.take().or_else(|| content::first_paragraph(&doc, root));
    let lead_image_url = meta
        .lead_image_url
        .take()
        .or_else(|| content::first_image(&doc, root));
    // Last use of the tree's attributes above: what the sanitizer would
    // drop goes before it parses the article again.
    sanitize::drop_unkept_attributes(&mut doc, root, options);
    let content = sanitize::clean(&dom::inner_html(&doc, root), options);
    let word_count = text_content.split_whitespace().count();
    Ok(Article {
        title: meta.title,
        byline: meta.byline,
        dir: found.dir,
        lang: meta.lang,
        length: text_content.chars().count(),
        content,
        text_content,
        excerpt,
        site_name: meta.site_name,
        published_time: meta.published_time,
        lead_image_url,
        word_count,
        reading_time_minutes: word_count.div_ceil(WORDS_PER_MINUTE).max(1),
    })
}

/// A quick guess, without extracting, whether the page holds an article
/// worth showing in reader mode. Cheap enough to run on every page load.
pub fn is_probably_readerable(html: &str, options: &Options) -> bool {
    // Script text counts toward the paragraph lengths this test measures,
    // as it does in Readability's, so the bodies stay.
    match parse(html, options, Bodies::Keep) {
        Ok(doc) => readerable::is_probably_readerable(&doc),
        Err(_) => false,
    }
}

use bound::Bodies;

fn page_url(options: &Options) -> Result<Option<Url>, Error> {
    match options.url.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(u) => Url::parse(u)
            .map(Some)
            .map_err(|_| Error::InvalidUrl(u.to_string())),
    }
}

fn parse(html: &str, options: &Options, bodies: Bodies) -> Result<Html, Error> {
    if html.len() > options.max_input_bytes {
        return Err(Error::InputTooLarge {
            size: html.len(),
            limit: options.max_input_bytes,
        });
    }
    // Before html5ever sees it: its cost grows with the square of the nesting
    // depth and of one tag's attribute count (see `bound`). Twice the tree's
    // own bound, which flattens what lies between.
    let bounded = bound::bound(html, options.max_depth.max(8).saturating_mul(2), bodies);
    let mut doc = Html::parse_document(&bounded);
    if options.max_elements > 0 {
        let count = doc.tree.values().filter(|n| n.is_element()).count();
        if count > options.max_elements {
            return Err(Error::TooManyElements {
                count,
                limit: options.max_elements,
            });
        }
    }
    dom::limit_depth(&mut doc, options.max_depth.max(8));
    Ok(doc)
}
