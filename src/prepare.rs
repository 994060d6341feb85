//! Whole-document preparation before scoring: what never belongs to an
//! article goes, lazy-loaded images get a real `src`, and `<br><br>` runs
//! become paragraphs so that text laid out with line breaks can be scored.

use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::dom;

/// Never part of an article's text.
const DROP: &[&str] = &[
    "script", "style", "template", "link", "meta", "base", "title",
];

/// Attributes lazy-loading scripts keep the real image address in.
const LAZY_SRC: &[&str] = &[
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-lazyload",
    "data-echo",
    "data-img-src",
    "data-orig-src",
];
const LAZY_SRCSET: &[&str] = &["data-srcset", "data-lazy-srcset", "data-original-srcset"];

/// Drops what never belongs to an article and unhides lazy images.
pub fn prepare(doc: &mut Html) {
    let root = doc.tree.root().id();
    unwrap_noscript_page(doc, root);
    unwrap_noscript_images(doc, root);
    let mut drop = Vec::new();
    let mut unwrap_links = Vec::new();
    for id in dom::descendant_elements(doc, root) {
        match dom::tag(doc, id) {
            Some(t) if DROP.contains(&t) || t == "noscript" => drop.push(id),
            Some("font") => dom::rename(doc, id, "span"),
            // Raw-text listings: as `pre`, their text is escaped like any
            // other when serialized (as `xmp` it came out escaped twice).
            Some("xmp" | "plaintext" | "listing") => dom::rename(doc, id, "pre"),
            Some("img" | "picture" | "source" | "figure") => fix_lazy_image(doc, id),
            // A script link leads nowhere in a reader view; its words stay as text.
            Some("a")
                if dom::attr(doc, id, "href").is_some_and(|h| {
                    h.trim_start()
                        .to_ascii_lowercase()
                        .starts_with("javascript:")
                }) =>
            {
                unwrap_links.push(id)
            }
            _ => {}
        }
    }
    for id in unwrap_links {
        dom::unwrap(doc, id);
    }
    for id in drop {
        // `title` and `meta` in the head are already read by the metadata stage.
        dom::remove(doc, id);
    }
    // Comments are dropped now so that no stage trips over them.
    let comments: Vec<NodeId> = doc
        .tree
        .root()
        .descendants()
        .filter(|n| matches!(n.value(), Node::Comment(_)))
        .map(|n| n.id())
        .collect();
    for c in comments {
        dom::remove(doc, c);
    }
    replace_br_runs(doc, root);
}

/// A `data:` URI `src` shorter than this (after `data:`) is a placeholder,
/// not a real inline image: lazy loaders put a one-pixel gif or a blurred
/// preview there (Readability's `_fixLazyImages` counts 133 base64
/// characters; this counts the whole URI, type included).
const MAX_PLACEHOLDER_DATA_URI_LEN: usize = 200;

/// `true` for a `src` that is only a placeholder (tiny data URI, spacer gif).
fn is_placeholder(src: &str) -> bool {
    let s = src.trim();
    if s.is_empty() {
        return true;
    }
    if let Some(rest) = s.strip_prefix("data:") {
        // Real inline images are large; placeholders are a few dozen bytes.
        return rest.len() < MAX_PLACEHOLDER_DATA_URI_LEN || rest.starts_with("image/svg");
    }
    let l = s.to_ascii_lowercase();
    l.contains("placeholder")
        || l.contains("blank.gif")
        || l.contains("spacer.gif")
        || l.contains("pixel.gif")
        || l.contains("lazy")
}

fn looks_like_image_url(v: &str) -> bool {
    let l = v.trim().to_ascii_lowercase();
    !l.is_empty()
        && !l.starts_with("data:")
        && [".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".svg"]
            .iter()
            .any(|e| l.contains(e))
}

fn fix_lazy_image(doc: &mut Html, id: NodeId) {
    let src = dom::attr(doc, id, "src").map(str::to_string);
    let needs_src = src.as_deref().is_none_or(is_placeholder);
    if needs_src {
        let lazy = LAZY_SRC
            .iter()
            .find_map(|a| {
                dom::attr(doc, id, a).filter(|v| looks_like_image_url(v) || v.starts_with("http"))
            })
            .map(str::to_string)
            .or_else(|| {
                // Unknown attribute names: any data-* value that is an image URL.
                doc.tree
                    .get(id)
                    .and_then(|n| n.value().as_element())
                    .and_then(|e| {
                        e.attrs()
                            .find(|(k, v)| {
                                k.starts_with("data-")
                                    && !k.contains("srcset")
                                    && looks_like_image_url(v)
                                    && !v.contains(' ')
                            })
                            .map(|(_, v)| v.to_string())
                    })
            });
        if let Some(l) = lazy {
            if dom::is(doc, id, "img") {
                dom::set_attr(doc, id, "src", &l);
            }
        }
    }
    if dom::attr(doc, id, "srcset").is_none_or(|s| s.trim().is_empty()) {
        if let Some(s) = LAZY_SRCSET
            .iter()
            .find_map(|a| dom::attr(doc, id, a))
            .map(str::to_string)
        {
            dom::set_attr(doc, id, "srcset", &s);
        }
    }
}

/// Least text a `<noscript>` must hold to be read as the page.
const NOSCRIPT_PAGE_MIN_CHARS: usize = 500;

/// Apps that render in script put the page for crawlers and script-less
/// readers in a `<noscript>` (Discourse forums' whole thread, some shops and
/// docs). scraper keeps noscript content as text, as a browser running
/// script would; when one holds more text than the rest of the body, it is
/// the page, and its markup is parsed into the tree in its place.
fn unwrap_noscript_page(doc: &mut Html, root: NodeId) {
    let Some(body) = dom::descendants_named(doc, root, &["body"])
        .into_iter()
        .next()
    else {
        return;
    };
    // Only a noscript holding enough markup is a candidate; the body's
    // text is measured (a walk of the page) only when there is one.
    let noscripts: Vec<NodeId> = dom::descendants_named(doc, body, &["noscript"])
        .into_iter()
        .filter(|n| dom::text_len_at_least(doc, *n, NOSCRIPT_PAGE_MIN_CHARS))
        .collect();
    if noscripts.is_empty() {
        return;
    }
    let raw: usize = noscripts.iter().map(|n| dom::text_len(doc, *n)).sum();
    let outside = dom::text_len(doc, body).saturating_sub(raw);
    for ns in noscripts {
        let markup = dom::text_content(doc, ns);
        if !markup.contains('<') {
            continue;
        }
        let frag = Html::parse_fragment(&markup);
        let frag_root = frag.root_element().id();
        let text = dom::text_len(&frag, frag_root);
        if text < NOSCRIPT_PAGE_MIN_CHARS || text <= outside {
            continue;
        }
        dom::graft_before(doc, ns, &frag, frag_root);
        dom::remove(doc, ns);
    }
}

/// Sites that lazy-load put the real `<img>` in a `<noscript>` next to a
/// placeholder; the noscript image replaces the placeholder.
fn unwrap_noscript_images(doc: &mut Html, root: NodeId) {
    for ns in dom::descendants_named(doc, root, &["noscript"]) {
        // scraper parses noscript content as text (scripting enabled); parse it.
        let inner = dom::text_content(doc, ns);
        if !inner.contains("<img") {
            continue;
        }
        let frag = Html::parse_fragment(&inner);
        let imgs: Vec<_> = frag
            .tree
            .root()
            .descendants()
            .filter(|n| {
                n.value()
                    .as_element()
                    .is_some_and(|e| &*e.name.local == "img")
            })
            .collect();
        let non_blank_text = frag
            .tree
            .root()
            .descendants()
            .any(|n| n.value().as_text().is_some_and(|t| !t.trim().is_empty()));
        if imgs.len() != 1 || non_blank_text {
            continue;
        }
        let Some(img_el) = imgs[0].value().as_element() else {
            continue;
        };
        let attrs: Vec<(String, String)> = img_el
            .attrs()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        // The placeholder: the previous element sibling (or one wrapping a single img).
        let prev = doc.tree.get(ns).and_then(|n| {
            let mut s = n.prev_sibling();
            while let Some(x) = s {
                if x.value().is_element() {
                    return Some(x.id());
                }
                if x.value().as_text().is_some_and(|t| !t.trim().is_empty()) {
                    return None;
                }
                s = x.prev_sibling();
            }
            None
        });
        let target = prev.and_then(|p| {
            if dom::is(doc, p, "img") {
                Some(p)
            } else {
                let inner = dom::descendants_named(doc, p, &["img"]);
                (inner.len() == 1 && dom::is_blank(doc, p)).then(|| inner[0])
            }
        });
        let new_img = dom::create_element(doc, "img");
        for (k, v) in &attrs {
            dom::set_attr(doc, new_img, k, v);
        }
        match target {
            Some(old) => {
                // Keep data attributes of the placeholder the new image lacks.
                dom::insert_before(doc, old, new_img);
                dom::remove(doc, old);
            }
            None => dom::insert_before(doc, ns, new_img),
        }
    }
}

/// Turns two or more consecutive `<br>`s into a paragraph break: the inline
/// content after the run is wrapped in a new `<p>`.
fn replace_br_runs(doc: &mut Html, root: NodeId) {
    for br in dom::descendants_named(doc, root, &["br"]) {
        if doc.tree.get(br).is_none_or(|n| n.parent().is_none()) {
            continue;
        }
        // Is this br followed (past whitespace) by another br?
        let mut run = Vec::new();
        let mut next = next_significant_sibling(doc, br);
        while let Some(n) = next {
            if dom::is(doc, n, "br") {
                run.push(n);
                next = next_significant_sibling(doc, n);
            } else {
                break;
            }
        }
        if run.is_empty() {
            continue;
        }
        for r in run {
            dom::remove(doc, r);
        }
        // Whitespace between the removed brs is harmless; build the paragraph.
        let p = dom::create_element(doc, "p");
        dom::insert_before(doc, br, p);
        dom::remove(doc, br);
        let mut sib = doc
            .tree
            .get(p)
            .and_then(|n| n.next_sibling())
            .map(|n| n.id());
        while let Some(s) = sib {
            if dom::is(doc, s, "br") {
                // A second run ends this paragraph.
                if next_significant_sibling(doc, s).is_some_and(|n| dom::is(doc, n, "br")) {
                    break;
                }
            }
            let is_inline = match doc.tree.get(s).map(|n| n.value()) {
                Some(Node::Text(_)) => true,
                Some(Node::Element(e)) => {
                    !dom::BLOCK_LEVEL.contains(&&*e.name.local) || &*e.name.local == "br"
                }
                _ => true,
            };
            if !is_inline {
                break;
            }
            let after = doc
                .tree
                .get(s)
                .and_then(|n| n.next_sibling())
                .map(|n| n.id());
            dom::append(doc, p, s);
            sib = after;
        }
        // Trailing whitespace and brs inside the new paragraph.
        while let Some(last) = doc.tree.get(p).and_then(|n| n.last_child()).map(|n| n.id()) {
            let blank = dom::is(doc, last, "br")
                || doc
                    .tree
                    .get(last)
                    .and_then(|n| n.value().as_text())
                    .is_some_and(|t| t.trim().is_empty());
            if blank {
                dom::remove(doc, last);
            } else {
                break;
            }
        }
        // A paragraph inside a paragraph is invalid; the outer one becomes a div.
        if let Some(parent) = dom::parent(doc, p) {
            if dom::is(doc, parent, "p") {
                dom::rename(doc, parent, "div");
            }
        }
        if dom::children(doc, p).is_empty() {
            dom::remove(doc, p);
        }
    }
}

fn next_significant_sibling(doc: &Html, id: NodeId) -> Option<NodeId> {
    let mut s = doc.tree.get(id)?.next_sibling();
    while let Some(x) = s {
        match x.value() {
            Node::Text(t) if t.text.trim().is_empty() => s = x.next_sibling(),
            _ => return Some(x.id()),
        }
    }
    None
}
