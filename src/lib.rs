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
//! let options = Options::default().with_url("https://example.com/rain").with_char_threshold(100);
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
mod reparse;
mod sanitize;
mod similarity;
mod urls;

pub use article::Article;
pub use decode::decode_html;
pub use error::{Error, ErrorKind};
pub use options::{Limits, Options};

use scraper::Html;
use url::Url;

/// The crate version, as in `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Words a reader reads per minute, for [`Article::reading_time_minutes`].
const WORDS_PER_MINUTE: usize = 230;

/// Extracts the article from a page's HTML: [`Document::parse`] then
/// [`Document::extract`].
///
/// Fails with [`Error::NoArticle`] when the page holds nothing that looks
/// like an article, and with a limit error when the input exceeds one of the
/// bounds in [`Limits`].
pub fn extract(html: &str, options: &Options) -> Result<Article, Error> {
    Document::parse(html, options)?.extract()
}

/// A quick guess, without extracting, whether the page holds an article
/// worth showing in reader mode. Cheap enough to run on every page load.
/// Where the article is wanted too, [`extract`] gives the same verdict in
/// [`Article::readerable`] from the same parse.
pub fn is_probably_readerable(html: &str, options: &Options) -> bool {
    Document::parse(html, options).is_ok_and(|d| d.is_probably_readerable())
}

/// A page parsed once, for both questions a reader asks of it: is there an
/// article ([`is_probably_readerable`](Self::is_probably_readerable)), and
/// what is it ([`extract`](Self::extract), which answers both).
///
/// ```
/// use lectern::{Document, Options};
///
/// let links = r#"<html><body><ul><li><a href="/a">Markets</a></li>
///   <li><a href="/b">Sport</a></li><li><a href="/c">Weather</a></li></ul></body></html>"#;
/// let doc = Document::parse(links, &Options::default()).unwrap();
/// assert!(!doc.is_probably_readerable());
/// assert_eq!(doc.extract().unwrap_err().kind().name(), "NoArticle");
/// ```
#[derive(Debug)]
pub struct Document {
    doc: Html,
    page_url: Option<Url>,
    options: Options,
}

impl Document {
    /// Parses a page within the bounds of `options.limits`. Fails with
    /// [`Error::InvalidUrl`] for a bad `options.url`, and with
    /// [`Error::InputTooLarge`] or [`Error::TooManyElements`] past a limit.
    pub fn parse(html: &str, options: &Options) -> Result<Document, Error> {
        let page_url = page_url(options)?;
        let doc = parse(html, options)?;
        Ok(Document {
            doc,
            page_url,
            options: options.clone(),
        })
    }

    /// Whether the page probably holds an article worth a reader view:
    /// enough long, visible paragraphs outside template chrome.
    pub fn is_probably_readerable(&self) -> bool {
        readerable::is_probably_readerable(&self.doc)
    }

    /// Extracts the article, with the readerable verdict of the same parse
    /// in [`Article::readerable`].
    pub fn extract(self) -> Result<Article, Error> {
        let readerable = self.is_probably_readerable();
        let Document {
            mut doc,
            page_url,
            options,
        } = self;
        let options = &options;
        // `<base href>` first: the lead image resolves against it as the
        // article's own images do.
        let base = urls::document_base(&doc, page_url);
        let mut meta = metadata::read(&doc, base.as_ref());
        prepare::prepare(&mut doc);
        let found = content::find(&mut doc, options, meta.title.as_deref(), meta.discussion)
            .ok_or(Error::NoArticle)?;
        let root = found.root;
        urls::resolve(&mut doc, root, base.as_ref());
        // One tree feeds both outputs: what the sanitizer removes with its
        // content (SVG and MathML source, form controls) leaves it first,
        // so the plain text holds exactly the words of `content`.
        sanitize::drop_unrendered(&mut doc, root);
        let text_content = render::text::block_text(&doc, root, &found.not_text);
        if text_content.is_empty() {
            return Err(Error::NoArticle);
        }
        if meta.byline.is_none() {
            meta.byline = found.byline;
        }
        let excerpt = meta
            .excerpt
            .take()
            .or_else(|| content::first_paragraph(&doc, root));
        let lead_image_url = meta
            .lead_image_url
            .take()
            .or_else(|| content::first_image(&doc, root));
        // Last use of the tree's attributes above: what the sanitizer would
        // drop goes before it parses the article again.
        sanitize::drop_unkept_attributes(&mut doc, root, options);
        let content = sanitize::clean_tree(&mut doc, root, options);
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
            readerable,
        })
    }
}

/// Smallest depth bound used, whatever [`Limits::max_depth`] says: real
/// markup needs a few levels (html, body, a wrapper) before any text.
const MIN_DEPTH: usize = 8;
/// Smallest attribute bound used, whatever [`Limits::max_attributes`] says.
const MIN_ATTRIBUTES: usize = 16;

fn page_url(options: &Options) -> Result<Option<Url>, Error> {
    match options.url.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(u) => Url::parse(u)
            .map(Some)
            .map_err(|_| Error::InvalidUrl(u.to_string())),
    }
}

fn parse(html: &str, options: &Options) -> Result<Html, Error> {
    let limits = &options.limits;
    if html.len() > limits.max_input_bytes {
        return Err(Error::InputTooLarge {
            size: html.len(),
            limit: limits.max_input_bytes,
        });
    }
    // Before html5ever sees it: its cost grows with the square of the nesting
    // depth and of one tag's attribute count (see `bound`). Twice the tree's
    // own bound, which flattens what lies between.
    let bounded = bound::bound(
        html,
        limits.max_depth.max(MIN_DEPTH).saturating_mul(2),
        limits.max_attributes.max(MIN_ATTRIBUTES),
    );
    let mut doc = Html::parse_document(&bounded);
    if limits.max_elements > 0 {
        let count = doc.tree.values().filter(|n| n.is_element()).count();
        if count > limits.max_elements {
            return Err(Error::TooManyElements {
                count,
                limit: limits.max_elements,
            });
        }
    }
    dom::limit_depth(&mut doc, limits.max_depth.max(MIN_DEPTH));
    Ok(doc)
}
