//! JSON-LD (`<script type="application/ld+json">`): the first schema.org
//! item of an article-like type gives title, author, description,
//! publisher and publication date.
//!
//! Which item counts, following the reader view the corpus records:
//! - scripts are read in document order and the first one holding a usable
//!   item wins, even if that item lacks some fields;
//! - a top-level array contributes its first article-like item;
//! - the item (or the array's item) must declare the schema.org vocabulary
//!   in `@context` (a string, or an object with `@vocab`);
//! - an item without `@type` contributes the first article-like entry of its
//!   `@graph`.
//!
//! Beyond that, `@type` may be a list (any entry article-like counts) and
//! `@context` may be a list holding the schema.org URL.

use scraper::{Html, Node};
use serde_json::Value;

use super::text::js_trim;
use crate::similarity::text_similarity;

/// What JSON-LD says about the article. Strings as found, trimmed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct JsonLd {
    /// `name` or `headline`.
    pub title: Option<String>,
    /// `author.name`, or the names of an `author` list joined with `, `.
    pub byline: Option<String>,
    /// `description`.
    pub excerpt: Option<String>,
    /// `publisher.name`.
    pub site_name: Option<String>,
    /// `datePublished`.
    pub published_time: Option<String>,
    /// `image`: a URL, an object's `url`, or a list's first of either.
    pub image: Option<String>,
}

/// Substrings marking an article-like schema.org type (besides a type that
/// starts with `Article` or ends with `APIReference`). `NewsArticle` covers
/// its Analysis/AskPublic/Background/Opinion/Reportage/Review kin,
/// `BlogPosting` covers `LiveBlogPosting`, `Report` covers `Report` itself.
const ARTICLE_TYPE_PARTS: &[&str] = &[
    "AdvertiserContentArticle",
    "NewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
];

/// `true` for an article-like `@type` name.
fn is_article_type_name(t: &str) -> bool {
    t.starts_with("Article")
        || t.ends_with("APIReference")
        || ARTICLE_TYPE_PARTS.iter().any(|p| t.contains(p))
}

/// `true` when the item's `@type` (a name or a list of names) is article-like.
fn has_article_type(item: &Value) -> bool {
    match item.get("@type") {
        Some(Value::String(t)) => is_article_type_name(t),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(is_article_type_name)),
        _ => false,
    }
}

/// `true` when a `@type` is present (any non-empty value).
fn has_type(item: &Value) -> bool {
    match item.get("@type") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// `http(s)://schema.org` with an optional trailing slash.
fn is_schema_org(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    matches!(rest, Some("schema.org") | Some("schema.org/"))
}

fn has_schema_context(item: &Value) -> bool {
    match item.get("@context") {
        Some(Value::String(s)) => is_schema_org(s),
        Some(Value::Object(o)) => o
            .get("@vocab")
            .and_then(Value::as_str)
            .is_some_and(is_schema_org),
        Some(Value::Array(list)) => list.iter().any(|c| c.as_str().is_some_and(is_schema_org)),
        _ => false,
    }
}

/// Removes CDATA markers or an HTML comment wrapped around the JSON (each
/// end on its own, as templates sometimes emit only one of them).
fn unwrap_json(text: &str) -> &str {
    let mut s = text.trim();
    for (open, close) in [
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
        ("<!--", "-->"),
    ] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.trim();
        }
        if let Some(inner) = s.strip_suffix(close) {
            s = inner.trim();
        }
    }
    s
}

/// The article-like item of one parsed script, if any.
fn article_item(parsed: &Value) -> Option<&Value> {
    let mut item = match parsed {
        Value::Array(items) => items.iter().find(|it| has_article_type(it))?,
        other => other,
    };
    if !has_schema_context(item) {
        return None;
    }
    if !has_type(item) {
        if let Some(Value::Array(graph)) = item.get("@graph") {
            item = graph.iter().find(|it| has_article_type(it))?;
        }
    }
    has_article_type(item).then_some(item)
}

fn string_field<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key).and_then(Value::as_str)
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Author names: an object's `name`, or every named entry of a list whose
/// first entry is named, joined with `, `.
fn byline(author: &Value) -> Option<String> {
    if let Some(name) = author.get("name").and_then(Value::as_str) {
        return non_empty(js_trim(name));
    }
    if let Value::Array(list) = author {
        if list
            .first()
            .and_then(|a| a.get("name"))
            .and_then(Value::as_str)
            .is_some()
        {
            let names: Vec<&str> = list
                .iter()
                .filter_map(|a| a.get("name").and_then(Value::as_str))
                .map(js_trim)
                .collect();
            return non_empty(&names.join(", "));
        }
    }
    None
}

fn image(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => non_empty(js_trim(s)),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .and_then(Value::as_str)
            .and_then(|s| non_empty(js_trim(s))),
        Value::Array(list) => list.first().and_then(image),
        _ => None,
    }
}

/// `name` or `headline` matches the page title when this similar to it, as
/// Readability's `_getJSONLD` (`_textSimilarity(...) > 0.75`): sites that
/// put their own name in `name` get their `headline` read.
const TITLE_MATCH_SIMILARITY: f64 = 0.75;

/// Reads the first usable JSON-LD item. `page_title` is the cleaned
/// document title, used to choose between differing `name` and `headline`.
pub fn read(doc: &Html, page_title: &dyn Fn() -> String) -> JsonLd {
    for node in doc.tree.root().descendants() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        if &*e.name.local != "script" || e.attr("type") != Some("application/ld+json") {
            continue;
        }
        // Readability reads the script's `textContent`.
        let text = crate::dom::text_content(doc, node.id());
        let Ok(parsed) = serde_json::from_str::<Value>(unwrap_json(&text)) else {
            continue;
        };
        if let Some(item) = article_item(&parsed) {
            return fields(item, page_title);
        }
    }
    JsonLd::default()
}

fn fields(item: &Value, page_title: &dyn Fn() -> String) -> JsonLd {
    let name = string_field(item, "name");
    let headline = string_field(item, "headline");
    let title = match (name, headline) {
        (Some(n), Some(h)) if n != h => {
            // Some sites put their own name in `name`: take `headline` when
            // only it resembles the page title. (Readability's ASCII-only
            // tokens find no words in a Chinese or Japanese title and so
            // always keep `name` there; these tokens can tell.)
            let page = page_title();
            let name_matches = text_similarity(n, &page) > TITLE_MATCH_SIMILARITY;
            let headline_matches = text_similarity(h, &page) > TITLE_MATCH_SIMILARITY;
            if headline_matches && !name_matches {
                non_empty(h)
            } else {
                non_empty(n)
            }
        }
        (Some(n), _) => non_empty(js_trim(n)),
        (None, Some(h)) => non_empty(js_trim(h)),
        (None, None) => None,
    };
    JsonLd {
        title,
        byline: item.get("author").and_then(byline),
        excerpt: string_field(item, "description").and_then(|s| non_empty(js_trim(s))),
        site_name: item
            .get("publisher")
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
            .and_then(|s| non_empty(js_trim(s))),
        published_time: string_field(item, "datePublished").and_then(|s| non_empty(js_trim(s))),
        image: item.get("image").and_then(image),
    }
}

/// Most JSON-LD values looked at for `@type`s, so a huge graph costs little.
const MAX_TYPED_VALUES: usize = 2000;

/// Whether the page's JSON-LD states one of the schema.org types `names`
/// as an `@type`, at any depth (a forum's `DiscussionForumPosting` sits in a
/// `@graph` or under `mainEntity`). Scripts that do not mention one of the
/// names are not parsed: this runs on every page.
pub fn states_type(doc: &Html, names: &[&str]) -> bool {
    for node in doc.tree.root().descendants() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        if &*e.name.local != "script" || e.attr("type") != Some("application/ld+json") {
            continue;
        }
        let text = crate::dom::text_content(doc, node.id());
        if !names.iter().any(|n| text.contains(n)) {
            continue;
        }
        let Ok(parsed) = serde_json::from_str::<Value>(unwrap_json(&text)) else {
            continue;
        };
        let is_wanted = |t: &str| names.contains(&t);
        // Iterative: JSON nests as deep as the page likes.
        let mut stack = vec![&parsed];
        let mut seen = 0;
        while let Some(v) = stack.pop() {
            seen += 1;
            if seen > MAX_TYPED_VALUES {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter()),
                Value::Object(o) => {
                    let typed = match o.get("@type") {
                        Some(Value::String(t)) => is_wanted(t),
                        Some(Value::Array(ts)) => {
                            ts.iter().filter_map(Value::as_str).any(is_wanted)
                        }
                        _ => false,
                    };
                    if typed {
                        return true;
                    }
                    stack.extend(o.values());
                }
                _ => {}
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(json: &str) -> JsonLd {
        let html = format!(
            "<html><head><title>The Story Title | Site</title>\
             <script type=\"application/ld+json\">{json}</script></head><body></body></html>"
        );
        let doc = Html::parse_document(&html);
        read(&doc, &|| "The Story Title".to_string())
    }

    #[test]
    fn reads_article_fields() {
        let got = ld(r#"{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":" The Story Title ","description":"Short.","datePublished":"2020-01-02",
            "author":{"@type":"Person","name":"Ann Lee"},"publisher":{"name":"Site"},
            "image":{"url":"https://e.com/a.jpg"}}"#);
        assert_eq!(got.title.as_deref(), Some("The Story Title"));
        assert_eq!(got.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(got.excerpt.as_deref(), Some("Short."));
        assert_eq!(got.site_name.as_deref(), Some("Site"));
        assert_eq!(got.published_time.as_deref(), Some("2020-01-02"));
        assert_eq!(got.image.as_deref(), Some("https://e.com/a.jpg"));
    }

    #[test]
    fn author_lists_join_and_strings_are_ignored() {
        let got = ld(r#"{"@context":"http://schema.org","@type":"Article",
            "author":[{"name":"A"},{"url":"x"},{"name":" B "}]}"#);
        assert_eq!(got.byline.as_deref(), Some("A, B"));
        let got = ld(r#"{"@context":"http://schema.org","@type":"Article","author":"someone"}"#);
        assert_eq!(got.byline, None);
    }

    #[test]
    fn arrays_graphs_and_cdata() {
        let got = ld(
            r#"<![CDATA[[{"@context":"https://schema.org/","@type":"BreadcrumbList"},
            {"@context":"https://schema.org/","@type":"BlogPosting","headline":"H"}]]]>"#,
        );
        assert_eq!(got.title.as_deref(), Some("H"));
        let got = ld(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"W"},
            {"@type":["Article","Thing"],"headline":"G"}]}"#,
        );
        assert_eq!(got.title.as_deref(), Some("G"));
        let got = ld(
            r#"<!-- {"@context":{"@vocab":"http://schema.org/"},"@type":"ReportageNewsArticle","name":"C"} -->"#,
        );
        assert_eq!(got.title.as_deref(), Some("C"));
    }

    #[test]
    fn wrappers_are_removed() {
        assert_eq!(unwrap_json(" //<![CDATA[\n{}\n//]]> "), "{}");
        assert_eq!(unwrap_json("<![CDATA[ {} ]]>"), "{}");
        assert_eq!(unwrap_json("{} ]]>"), "{}");
        assert_eq!(unwrap_json("<!-- {} -->"), "{}");
    }

    #[test]
    fn other_types_and_vocabularies_are_skipped() {
        assert_eq!(
            ld(r#"{"@context":"https://schema.org","@type":"Review","name":"R"}"#),
            JsonLd::default()
        );
        assert_eq!(
            ld(r#"{"@context":"https://example.org","@type":"Article","name":"R"}"#),
            JsonLd::default()
        );
        assert_eq!(ld("{not json"), JsonLd::default());
    }

    #[test]
    fn name_or_headline_by_page_title() {
        let got = ld(r#"{"@context":"https://schema.org","@type":"Article",
            "name":"Site Name","headline":"The Story Title"}"#);
        assert_eq!(got.title.as_deref(), Some("The Story Title"));
        let got = ld(r#"{"@context":"https://schema.org","@type":"Article",
            "name":"The Story Title!","headline":"Other words entirely"}"#);
        assert_eq!(got.title.as_deref(), Some("The Story Title!"));
    }
}
