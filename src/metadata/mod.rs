//! Article metadata read from the page before any cleaning: JSON-LD
//! (schema.org Article and its kin), Open Graph, Twitter cards, Dublin Core,
//! other `<meta>` tags, `<title>`/headings, `<html lang>`.
//!
//! Field by field, the first source that has a value wins:
//!
//! | field | sources, in order |
//! |---|---|
//! | title | JSON-LD `name`/`headline`; `dc:title`, `dcterm:title`, `og:title`, `weibo:article:title`, `weibo:webpage:title`, `title`, `twitter:title`, `parsely-title`; the cleaned `<title>` ([`title`]) |
//! | byline | JSON-LD `author`; `dc:creator`, `dcterm:creator`, `author`, `parsely-author`, `article:author` unless it is a URL |
//! | excerpt | JSON-LD `description`; `dc:description`, `dcterm:description`, `og:description`, `weibo:article:description`, `weibo:webpage:description`, `description`, `twitter:description` |
//! | site name | JSON-LD `publisher.name`; `og:site_name`; a site name glued to the `<title>` |
//! | published | JSON-LD `datePublished`; `article:published_time`, `parsely-pub-date`; a visible date by the headline ([`date`]) |
//! | lead image | `og:image`, `twitter:image`, JSON-LD `image`, `<link rel="image_src">` |
//! | lang | `<html lang>` (or `xml:lang`) |
//!
//! This is the order Mozilla's reader view uses, so results match the
//! conformance corpus; the glued site name, the visible date and the lead
//! image are additions that only speak when those sources are silent.
//! Entities a page escaped twice (`&amp;amp;`) are decoded, values are
//! trimmed, and empty values are `None`.

mod date;
mod jsonld;
mod meta;
mod text;
mod title;

use std::cell::OnceCell;

use scraper::{Html, Node};
use url::Url;

use meta::{unescape_entities, MetaValues};
use text::js_trim;
use title::Headings;

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
    /// The page's JSON-LD states a discussion (schema.org
    /// `DiscussionForumPosting`, `QAPage`, `Question` or `Answer`); its
    /// microdata is read by the content stage, which walks the page anyway.
    pub discussion: bool,
}

/// schema.org types that make a page a discussion.
const DISCUSSION_TYPES: &[&str] = &["DiscussionForumPosting", "QAPage", "Question", "Answer"];

/// Whether a schema.org type (a name, or a microdata `itemtype` URL) is
/// one of a discussion: the content stage reads microdata types with it.
pub(crate) fn is_discussion_type(t: &str) -> bool {
    let name = t
        .trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    DISCUSSION_TYPES.contains(&name)
}

/// Meta keys for the title, in order of preference.
const TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dcterm:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
];
/// Meta keys for the byline, in order of preference (`article:author` is
/// handled apart: it is often a profile URL).
const BYLINE_KEYS: &[&str] = &["dc:creator", "dcterm:creator", "author", "parsely-author"];
/// Meta keys for the excerpt, in order of preference.
const EXCERPT_KEYS: &[&str] = &[
    "dc:description",
    "dcterm:description",
    "og:description",
    "weibo:article:description",
    "weibo:webpage:description",
    "description",
    "twitter:description",
];
/// Meta keys for the publication time, in order of preference.
const PUBLISHED_KEYS: &[&str] = &["article:published_time", "parsely-pub-date"];
/// Meta keys for the lead image, in order of preference.
const IMAGE_KEYS: &[&str] = &[
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
];

/// Reads the metadata of a parsed page. `base` resolves relative image URLs.
pub fn read(doc: &Html, base: Option<&Url>) -> Metadata {
    let metas = MetaValues::collect(doc);
    let headings = Headings::collect(doc);
    let doc_title = title::document_title(doc);
    let cleaned = OnceCell::new();
    let cleaned_title = || {
        cleaned
            .get_or_init(|| title::clean(&doc_title, &headings))
            .clone()
    };
    let ld = jsonld::read(doc, &cleaned_title);

    let mut glued_site = None;
    let title = ld
        .title
        .clone()
        .or_else(|| metas.first(TITLE_KEYS).map(str::to_string))
        .unwrap_or_else(|| {
            let cleaned = cleaned_title();
            if cleaned == js_trim(&doc_title) {
                if let Some((heading, site)) = title::split_glued_site(&cleaned, &headings) {
                    glued_site = Some(site);
                    return heading;
                }
            }
            cleaned
        });

    let article_author = metas
        .get("article:author")
        .filter(|a| Url::parse(a).is_err());
    let byline = ld.byline.clone().or_else(|| {
        metas
            .first(BYLINE_KEYS)
            .or(article_author)
            .map(str::to_string)
    });
    let excerpt = ld
        .excerpt
        .clone()
        .or_else(|| metas.first(EXCERPT_KEYS).map(str::to_string));
    let site_name = ld
        .site_name
        .clone()
        .or_else(|| metas.get("og:site_name").map(str::to_string))
        .or(glued_site);
    let published_time = ld
        .published_time
        .clone()
        .or_else(|| metas.first(PUBLISHED_KEYS).map(str::to_string))
        .or_else(|| date::visible_date(doc));

    let lead_image_url = IMAGE_KEYS
        .iter()
        .find_map(|k| metas.extra(k))
        .map(str::to_string)
        .or_else(|| ld.image.clone())
        .or_else(|| link_image(doc))
        .and_then(|u| resolve(&unescape_entities(&u), base));

    Metadata {
        title: finish(Some(title)),
        byline: finish(byline),
        excerpt: finish(excerpt),
        site_name: finish(site_name),
        published_time: finish(published_time),
        lead_image_url,
        lang: lang(doc),
        discussion: jsonld::states_type(doc, DISCUSSION_TYPES),
    }
}

/// Decodes leftover entities, trims, drops empty values. Inner whitespace
/// is kept as the page wrote it (the conformance corpus records it so, e.g.
/// a no-break space before a French colon, or line breaks in a description).
fn finish(value: Option<String>) -> Option<String> {
    value.and_then(|v| {
        let v = unescape_entities(&v);
        let v = js_trim(&v);
        (!v.is_empty()).then(|| v.to_string())
    })
}

/// `<link rel="image_src" href>`.
fn link_image(doc: &Html) -> Option<String> {
    doc.tree.root().descendants().find_map(|n| match n.value() {
        Node::Element(e)
            if &*e.name.local == "link"
                && e.attr("rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("image_src"))
                }) =>
        {
            e.attr("href").map(str::to_string)
        }
        _ => None,
    })
}

/// Longest lead image URL kept, in bytes: longer values are inline data or
/// tracking junk, not an address a reader should fetch.
const MAX_IMAGE_URL_LEN: usize = 4096;

/// An image URL made absolute against `base` when it can be; `data:` URLs
/// and unusable values give `None`.
fn resolve(url: &str, base: Option<&Url>) -> Option<String> {
    let url = js_trim(url);
    if url.is_empty() || url.len() > MAX_IMAGE_URL_LEN {
        return None;
    }
    let parsed = match base {
        Some(b) => b.join(url).ok(),
        None => Url::parse(url).ok(),
    };
    match parsed {
        Some(u) if matches!(u.scheme(), "http" | "https") => Some(u.to_string()),
        Some(_) => None,
        // No base to resolve against: keep the page's own relative URL.
        None if base.is_none() && !url.contains(':') => Some(url.to_string()),
        None => None,
    }
}

/// `lang` (or `xml:lang`) of the root `<html>` element.
fn lang(doc: &Html) -> Option<String> {
    let root = doc
        .tree
        .root()
        .children()
        .find(|n| n.value().is_element())?;
    let Node::Element(e) = root.value() else {
        return None;
    };
    let value = e.attr("lang").or_else(|| e.attr("xml:lang"))?;
    let value = js_trim(value);
    (!value.is_empty()).then(|| value.to_string())
}

#[cfg(test)]
mod tests;
