//! The output allowlist, in one place. Everything the engine returns passes
//! through here, so the reader view can render it inside a privileged
//! extension page: no script, no frames, no forms, no event handlers, no
//! `javascript:` or non-image `data:` URLs, no styles.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use ammonia::{Builder, UrlRelative};

use crate::Options;

/// Elements a reader needs: text structure, links, images, tables, code.
const TAGS: &[&str] = &[
    "a", "abbr", "article", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var", "wbr",
];

/// Per-element attributes kept (besides `title`, `lang`, `dir` on all).
const TAG_ATTRS: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("img", &["src", "srcset", "alt", "width", "height", "sizes"]),
    ("source", &["srcset", "type", "media", "sizes"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
];

/// Inline images are allowed as `data:` URLs in these formats only (no SVG:
/// it can carry script).
const DATA_IMAGE_TYPES: &[&str] = &["image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/avif"];

fn is_safe_data_image(v: &str) -> bool {
    let l = v.trim_start().to_ascii_lowercase();
    match l.strip_prefix("data:") {
        Some(rest) => DATA_IMAGE_TYPES.iter().any(|t| rest.starts_with(t) && rest[t.len()..].starts_with([';', ','])),
        None => true,
    }
}

/// Sanitizes article HTML.
pub fn clean(html: &str, options: &Options) -> String {
    let mut b = Builder::empty();
    b.tags(TAGS.iter().copied().collect());
    let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (t, a) in TAG_ATTRS {
        attrs.insert(t, a.iter().copied().collect());
    }
    b.tag_attributes(attrs);
    let mut generic: HashSet<&str> = ["title", "lang", "dir"].into_iter().collect();
    if options.keep_classes {
        generic.insert("class");
    } else if !options.classes_to_preserve.is_empty() {
        let keep: HashSet<&str> = options.classes_to_preserve.iter().map(String::as_str).collect();
        b.allowed_classes(TAGS.iter().map(|t| (*t, keep.clone())).collect());
    }
    b.generic_attributes(generic);
    b.url_schemes(["http", "https", "mailto", "tel", "data"].into_iter().collect());
    b.url_relative(UrlRelative::PassThrough);
    b.link_rel(Some("noopener noreferrer"));
    b.strip_comments(true);
    b.clean_content_tags(["script", "style", "template", "noscript", "iframe", "object", "svg", "math", "textarea", "select", "title"].into_iter().collect());
    b.attribute_filter(|element, attribute, value| match attribute {
        // `data:` passes the scheme check only so that inline photos survive;
        // links and non-image payloads are dropped here.
        "href" | "cite" if value.trim_start().to_ascii_lowercase().starts_with("data:") => None,
        "src" | "srcset" if element == "img" || element == "source" => {
            if is_safe_data_image(value) { Some(Cow::Borrowed(value)) } else { None }
        }
        _ => Some(Cow::Borrowed(value)),
    });
    b.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        clean(s, &Options::default())
    }

    #[test]
    fn scripts_and_handlers_go() {
        let out = c(r#"<p onclick="x()">a<script>alert(1)</script><img src="x.png" onerror="y()"></p>"#);
        assert!(!out.contains("script") && !out.contains("onclick") && !out.contains("onerror"));
        assert!(out.contains("<img src=\"x.png\">"));
    }

    #[test]
    fn dangerous_urls_go() {
        let out = c(r#"<a href="javascript:alert(1)">a</a><a href="data:text/html,x">b</a><img src="data:image/svg+xml,<svg>">"#);
        assert!(!out.contains("javascript") && !out.contains("data:"));
        let ok = c(r#"<img src="data:image/png;base64,iVBORw0KGgo=">"#);
        assert!(ok.contains("data:image/png"));
    }

    #[test]
    fn links_get_noopener_and_no_target() {
        let out = c(r#"<a href="https://e.com" target="_blank">x</a>"#);
        assert!(out.contains("noopener") && !out.contains("target"));
    }

    #[test]
    fn preserved_classes_only() {
        let out = c(r#"<div class="page ad">x</div>"#);
        assert!(out.contains(r#"class="page""#), "{out}");
    }
}
