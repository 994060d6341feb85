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
    "a",
    "abbr",
    "article",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
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

/// Elements removed with everything inside them: script and style, frames
/// and plugins, form controls, and SVG/MathML, whose text is markup source,
/// not prose.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object", "svg", "math", "textarea",
    "select", "title",
];

/// Removes, in the engine's own tree, the elements that [`clean`] removes
/// with their content ([`DROPPED_WITH_CONTENT`]), so that the plain text,
/// taken from this tree, holds exactly the text of the sanitized HTML.
pub fn drop_unrendered(doc: &mut scraper::Html, root: ego_tree::NodeId) {
    let gone = crate::dom::descendants_named(doc, root, DROPPED_WITH_CONTENT);
    for id in gone {
        crate::dom::remove(doc, id);
    }
}

/// Attributes kept on every element.
const GENERIC_ATTRS: &[&str] = &["title", "lang", "dir"];

/// Inline images are allowed as `data:` URLs in these formats only (no SVG:
/// it can carry script).
const DATA_IMAGE_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/jpg",
    "image/gif",
    "image/webp",
    "image/avif",
];

/// Schemes a link, quote source or image may use; relative URLs pass too.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// A URL as a browser reads it before looking at its scheme: leading spaces
/// and control characters dropped, tabs and newlines anywhere removed.
fn browser_view(v: &str) -> Cow<'_, str> {
    let trimmed = v.trim_start_matches(|c: char| c <= ' ');
    if trimmed.contains(['\t', '\n', '\r']) {
        Cow::Owned(
            trimmed
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect(),
        )
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// The scheme of a URL, lowercased, or `None` for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let end = url.find([':', '/', '?', '#'])?;
    (url.as_bytes()[end] == b':').then(|| url[..end].to_ascii_lowercase())
}

/// Whether a URL may stay: an allowed scheme, or (for images) a raster
/// `data:` image. Returns the URL as the browser would read it.
fn safe_url(v: &str, image: bool) -> Option<Cow<'_, str>> {
    let url = browser_view(v);
    match scheme(&url).as_deref() {
        None => Some(url),
        Some(s) if SCHEMES.contains(&s) => Some(url),
        Some("data") if image => {
            let rest = url[5..].to_ascii_lowercase();
            DATA_IMAGE_TYPES
                .iter()
                .any(|t| rest.starts_with(t) && rest[t.len()..].starts_with([';', ',']))
                .then_some(url)
        }
        _ => None,
    }
}

/// A `srcset` with only safe candidates kept, or `None` when none is.
fn safe_srcset(v: &str) -> Option<String> {
    let kept: Vec<String> = crate::urls::srcset_candidates(v)
        .into_iter()
        .filter_map(|(url, descriptors)| {
            let url = safe_url(url, true)?;
            Some(if descriptors.is_empty() {
                url.into_owned()
            } else {
                format!("{url} {descriptors}")
            })
        })
        .collect();
    (!kept.is_empty()).then(|| kept.join(", "))
}

/// Whether [`clean`] keeps an attribute on an element (besides checking its
/// value): `title`, `lang`, `dir` everywhere, `class` when classes are kept,
/// and the element's own list in [`TAG_ATTRS`].
fn keeps_attribute(tag: &str, name: &str, options: &Options) -> bool {
    GENERIC_ATTRS.contains(&name)
        || (name == "class" && (options.keep_classes || !options.classes_to_preserve.is_empty()))
        || TAG_ATTRS
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&name))
}

/// Drops, in the engine's own tree, the attributes that [`clean`] would drop
/// anyway (`class` lists of the template, `data-*`, `style`, ARIA, event
/// handlers), so that the sanitizer's own parse reads less: they are often
/// half of an article's markup. The sanitizer still checks everything.
/// `svg` and `math` subtrees are left whole: attributes there (`encoding`
/// on `annotation-xml`, `color` on `font`) change how the sanitizer's parser
/// builds the tree, and the sanitizer drops those elements itself.
pub fn drop_unkept_attributes(doc: &mut scraper::Html, root: ego_tree::NodeId, options: &Options) {
    use ego_tree::iter::Edge;
    use scraper::Node;
    let Some(top) = doc.tree.get(root) else {
        return;
    };
    let mut foreign = 0usize;
    let mut trim: Vec<(ego_tree::NodeId, html5ever::LocalName)> = Vec::new();
    for edge in top.traverse() {
        match edge {
            Edge::Open(n) => {
                let Node::Element(e) = n.value() else {
                    continue;
                };
                let tag = &*e.name.local;
                if tag == "svg" || tag == "math" {
                    foreign += 1;
                }
                if foreign == 0
                    && e.attrs
                        .iter()
                        .any(|(k, _)| !keeps_attribute(tag, &k.local, options))
                {
                    trim.push((n.id(), e.name.local.clone()));
                }
            }
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if matches!(&*e.name.local, "svg" | "math") {
                        foreign = foreign.saturating_sub(1);
                    }
                }
            }
        }
    }
    for (id, tag) in trim {
        crate::dom::retain_attrs(doc, id, |k, _| keeps_attribute(&tag, k, options));
    }
}

/// Schemes the sanitizer's first URL check lets through (on `href`, `src`);
/// [`filter_attribute`] then narrows `data:` to raster images.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "data"];

/// The `rel` every link gets.
const LINK_REL: &str = "noopener noreferrer";

/// Every URL-bearing attribute is checked here, the way a browser will read
/// it, on top of the scheme list (which does not cover `cite` or each
/// `srcset` candidate). `data:` passes the list only so that inline photos
/// survive; everything else is dropped here.
fn filter_attribute<'v>(element: &str, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    match attribute {
        "href" | "cite" => safe_url(value, false),
        "src" if element == "img" || element == "source" => safe_url(value, true),
        "srcset" => safe_srcset(value).map(Cow::Owned),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Sanitizes the article below `root` in the engine's own tree and returns
/// its HTML: the same result as [`clean`] on the tree's serialization, by
/// the same rules in the same order, without parsing the article again.
///
/// That equivalence holds where re-parsing the serialization would give the
/// same tree, which [`reparses_unchanged`](crate::reparse::reparses_unchanged)
/// checks; where it cannot tell, this serializes and calls [`clean`]. Safety
/// does not rest on the check: what remains is allowlisted HTML elements with
/// checked attributes and escaped text, which no re-parse can turn into
/// anything else.
pub fn clean_tree(doc: &mut scraper::Html, root: ego_tree::NodeId, options: &Options) -> String {
    use crate::dom;
    use scraper::Node;
    if !crate::reparse::reparses_unchanged(doc, root) {
        return clean(&dom::inner_html(doc, root), options);
    }
    let ids: Vec<ego_tree::NodeId> = match doc.tree.get(root) {
        Some(top) => top.descendants().skip(1).map(|n| n.id()).collect(),
        None => return String::new(),
    };
    let preserve: Option<HashSet<&str>> =
        (!options.keep_classes && !options.classes_to_preserve.is_empty()).then(|| {
            options
                .classes_to_preserve
                .iter()
                .map(String::as_str)
                .collect()
        });
    let mut unwrap = Vec::new();
    let mut remove = Vec::new();
    for id in ids {
        let Some(mut node) = doc.tree.get_mut(id) else {
            continue;
        };
        let Node::Element(e) = node.value() else {
            if !matches!(node.value(), Node::Text(_)) {
                remove.push(id); // Comments, doctypes, processing instructions.
            }
            continue;
        };
        let tag = e.name.local.clone();
        if DROPPED_WITH_CONTENT.contains(&&*tag) {
            remove.push(id);
        } else if !TAGS.contains(&&*tag) {
            unwrap.push(id);
        } else {
            clean_attributes(&tag, &mut e.attrs, options, preserve.as_ref());
        }
    }
    for id in remove {
        dom::remove(doc, id);
    }
    for id in unwrap {
        dom::unwrap(doc, id);
    }
    match doc.tree.get(root).and_then(scraper::ElementRef::wrap) {
        Some(el) => el.inner_html(),
        None => clean(&dom::inner_html(doc, root), options),
    }
}

/// One element's attributes, step for step as ammonia adjusts them (so the
/// order of what remains is the same too): the allowlist and URL scheme
/// check, `rel` on links, [`filter_attribute`], then the preserved classes.
fn clean_attributes(
    tag: &str,
    attrs: &mut Vec<(html5ever::QualName, html5ever::tendril::StrTendril)>,
    options: &Options,
    preserve: Option<&HashSet<&str>>,
) {
    attrs.retain(|(k, v)| {
        let name: &str = &k.local;
        let listed = GENERIC_ATTRS.contains(&name)
            || (name == "class" && options.keep_classes)
            || TAG_ATTRS
                .iter()
                .any(|(t, a)| *t == tag && a.contains(&name));
        if !listed {
            name == "class" && preserve.is_some()
        } else if name == "href" || name == "src" {
            match url::Url::parse(v) {
                Ok(u) => URL_SCHEMES.contains(&u.scheme()),
                Err(e) => e == url::ParseError::RelativeUrlWithoutBase,
            }
        } else {
            true
        }
    });
    if tag == "a" {
        attrs.push((
            html5ever::QualName::new(None, html5ever::ns!(), html5ever::local_name!("rel")),
            LINK_REL.into(),
        ));
    }
    let mut drop = Vec::new();
    for (i, (k, v)) in attrs.iter_mut().enumerate() {
        match filter_attribute(tag, &k.local, v) {
            None => drop.push(i),
            Some(new) if *new != **v => *v = new.as_ref().into(),
            Some(_) => {}
        }
    }
    // As ammonia removes them, so that the order of the rest is the same.
    for i in drop.into_iter().rev() {
        attrs.swap_remove(i);
    }
    if let Some(keep) = preserve {
        for (k, v) in attrs.iter_mut() {
            if &*k.local == "class" {
                let kept: Vec<&str> = v
                    .split_ascii_whitespace()
                    .filter(|c| keep.contains(c))
                    .collect();
                *v = kept.join(" ").into();
            }
        }
    }
}

/// Sanitizes article HTML (a string): ammonia with the allowlist above.
/// The engine itself uses [`clean_tree`]; this serves HTML from elsewhere
/// (an `Article` built by hand, in [`reader_page`](crate::render::reader_page))
/// and the pages [`clean_tree`] cannot vouch for.
pub fn clean(html: &str, options: &Options) -> String {
    let mut b = Builder::empty();
    b.tags(TAGS.iter().copied().collect());
    let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (t, a) in TAG_ATTRS {
        attrs.insert(t, a.iter().copied().collect());
    }
    b.tag_attributes(attrs);
    let mut generic: HashSet<&str> = GENERIC_ATTRS.iter().copied().collect();
    if options.keep_classes {
        generic.insert("class");
    } else if !options.classes_to_preserve.is_empty() {
        let keep: HashSet<&str> = options
            .classes_to_preserve
            .iter()
            .map(String::as_str)
            .collect();
        b.allowed_classes(TAGS.iter().map(|t| (*t, keep.clone())).collect());
    }
    b.generic_attributes(generic);
    b.url_schemes(URL_SCHEMES.iter().copied().collect());
    b.url_relative(UrlRelative::PassThrough);
    b.link_rel(Some(LINK_REL));
    b.strip_comments(true);
    b.clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect());
    b.attribute_filter(filter_attribute);
    b.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        clean(s, &Options::default())
    }

    #[test]
    fn attributes_the_sanitizer_drops_go_first_but_not_in_svg_or_math() {
        let mut doc = scraper::Html::parse_document(
            "<div class=x data-a=1 style=color:red><a href=/a onclick=f() title=t>a</a>\
             <math><annotation-xml encoding=text/html><mi data-z=1>m</mi></annotation-xml></math>\
             <svg><g class=c style=s><text>f</text></g></svg></div>",
        );
        let root = doc.tree.root().id();
        let options = Options::default().with_classes_to_preserve(Vec::<String>::new());
        drop_unkept_attributes(&mut doc, root, &options);
        let html = crate::dom::inner_html(&doc, root);
        assert!(
            html.contains("<div><a href=\"/a\" title=\"t\">a</a>"),
            "{html}"
        );
        assert!(
            html.contains("encoding=\"text/html\"") && html.contains("<mi data-z=\"1\">"),
            "{html}"
        );
        assert!(html.contains("<g class=\"c\" style=\"s\">"), "{html}");
        // Whatever the tree held, the sanitized result is the same.
        let before = clean(
            &crate::dom::inner_html(
                &scraper::Html::parse_document("<p class=x data-a=1>t</p>"),
                root,
            ),
            &options,
        );
        let mut doc = scraper::Html::parse_document("<p class=x data-a=1>t</p>");
        drop_unkept_attributes(&mut doc, root, &options);
        assert_eq!(clean(&crate::dom::inner_html(&doc, root), &options), before);
    }

    /// The sanitizer on the engine's tree against ammonia on its
    /// serialization (the differential oracle), over the XSS corpus and the
    /// fixture pages, each parsed and sanitized whole; with classes dropped,
    /// preserved and kept.
    #[test]
    fn tree_sanitizer_equals_ammonia() {
        let vectors = include_str!("../tests/xss/vectors.txt");
        let mut inputs: Vec<String> = vectors
            .split("\n----\n")
            .skip(1)
            .map(|r| r.split_once('\n').map_or("", |(_, html)| html).to_string())
            .collect();
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for entry in std::fs::read_dir(fixtures).unwrap().flatten() {
            if let Ok(bytes) = std::fs::read(entry.path().join("source.html")) {
                inputs.push(crate::decode_html(&bytes, None));
            }
        }
        assert!(inputs.len() > 400, "{} inputs", inputs.len());
        let (mut fast, mut total) = (0, 0);
        for options in [
            Options::default(),
            Options::default().with_classes_to_preserve(Vec::<String>::new()),
            Options::default().with_keep_classes(true),
        ] {
            for html in &inputs {
                let mut doc = scraper::Html::parse_document(html);
                let Some(body) =
                    crate::dom::descendants_named(&doc, doc.tree.root().id(), &["body"])
                        .first()
                        .copied()
                else {
                    continue;
                };
                drop_unrendered(&mut doc, body);
                let expected = clean(&crate::dom::inner_html(&doc, body), &options);
                total += 1;
                fast += usize::from(crate::reparse::reparses_unchanged(&doc, body));
                assert_eq!(clean_tree(&mut doc, body, &options), expected, "{html}");
            }
        }
        // The fast path must be the common one for the comparison to mean much.
        assert!(fast * 2 > total, "only {fast} of {total} on the tree path");
    }

    #[test]
    fn scripts_and_handlers_go() {
        let out =
            c(r#"<p onclick="x()">a<script>alert(1)</script><img src="x.png" onerror="y()"></p>"#);
        assert!(!out.contains("script") && !out.contains("onclick") && !out.contains("onerror"));
        assert!(out.contains("<img src=\"x.png\">"));
    }

    #[test]
    fn obfuscated_and_overlooked_urls_go() {
        let out = c("<blockquote cite=\"javascript:x()\">q</blockquote><q cite=\" vbscript:x\">q</q>\
                     <a href=\"\u{1}data:text/html,x\">a</a><a href=\"jav\tascript:x()\">b</a>\
                     <img src=\"\u{1}data:image/svg+xml,x\"><img srcset=\"a.jpg 1x, javascript:x() 2x\">\
                     <img srcset=\"data:image/png;base64,iVBO 1x, data:image/svg+xml,x 2x\">");
        for bad in ["javascript", "vbscript", "data:text", "svg"] {
            assert!(!out.to_ascii_lowercase().contains(bad), "{bad} in {out}");
        }
        assert!(out.contains(r#"srcset="a.jpg 1x""#), "{out}");
        assert!(
            out.contains(r#"srcset="data:image/png;base64,iVBO 1x""#),
            "{out}"
        );
    }

    #[test]
    fn dangerous_urls_go() {
        let out = c(
            r#"<a href="javascript:alert(1)">a</a><a href="data:text/html,x">b</a><img src="data:image/svg+xml,<svg>">"#,
        );
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
