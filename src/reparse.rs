//! Would the HTML parser, reading this subtree's serialization as a fragment
//! (in a `div`, as the sanitizer's own parse does), build the same tree?
//!
//! A tree that came out of html5ever is one the parser can build, but the
//! cleaning stages move, unwrap and rename elements, and a page parsed in
//! quirks mode may hold what a no-quirks fragment parse rebuilds (a `table`
//! inside a `p`). Where this check says yes, sanitizing the engine's own tree
//! gives exactly what sanitizing a re-parse of it would, without the parse;
//! where it cannot be sure it says no, and the caller re-parses.
//!
//! It follows the tree-construction rules of the HTML standard that change
//! the shape of well-nested markup: start tags that close an open `p`, `li`,
//! `dd`/`dt` or heading, nested links, the table model, raw-text and foreign
//! elements, the dropped first newline of `pre`, and carriage returns
//! (normalized by the parser). Anything rarer makes it say no.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

/// Elements the check does not model: their start tags switch the parser
/// into other modes (raw text, foreign content, forms, select, frames), or
/// they cannot stand in a fragment. Their presence sends the caller to the
/// re-parse.
const NOT_MODELLED: &[&str] = &[
    "html",
    "head",
    "body",
    "frameset",
    "frame",
    "base",
    "link",
    "meta",
    "style",
    "title",
    "script",
    "noscript",
    "template",
    "noembed",
    "noframes",
    "iframe",
    "xmp",
    "plaintext",
    "textarea",
    "select",
    "option",
    "optgroup",
    "datalist",
    "svg",
    "math",
    "image",
    "object",
    "applet",
    "marquee",
    "nobr",
    "button",
    "form",
    "isindex",
    "keygen",
    "embed",
    "param",
    "menuitem",
    "selectedcontent",
];

/// Start tags that close an open `p` element in button scope ("in body").
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "li",
    "dd",
    "dt",
    "table",
    "hr",
];

/// Ends the "button scope" a `p` is looked for in.
const BUTTON_SCOPE: &[&str] = &[
    "button", "table", "td", "th", "caption", "html", "marquee", "object", "applet", "template",
];

/// Markers of the list of active formatting elements: a link outside them
/// is not "open" for a nested `a`.
const FORMATTING_MARKERS: &[&str] = &[
    "td", "th", "caption", "object", "marquee", "applet", "template",
];

/// The standard's "special" category, which stops the search for an open
/// `li`, `dd` or `dt` (with `address`, `div` and `p` passed over).
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
const TABLE_SECTIONS: &[&str] = &["thead", "tbody", "tfoot"];

/// `true` when parsing the serialization of `root`'s children in a `div`
/// gives back the same tree (see the module docs). Conservative: `false`
/// means "not sure".
pub fn reparses_unchanged(doc: &Html, root: NodeId) -> bool {
    let Some(top) = doc.tree.get(root) else {
        return false;
    };
    // Open elements below `root`, as the parser's stack would hold them;
    // the fragment's context (`div`) stands below them.
    let mut open: Vec<&str> = Vec::new();
    for edge in top.traverse() {
        let node = match edge {
            Edge::Open(n) if n.id() != root => n,
            Edge::Close(n) if n.id() != root => {
                if n.value().is_element() {
                    open.pop();
                }
                continue;
            }
            _ => continue,
        };
        let parent = open.last().copied().unwrap_or("div");
        match node.value() {
            Node::Text(t) => {
                let t: &str = t;
                if t.contains('\r') {
                    return false;
                }
                let blank = t
                    .bytes()
                    .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c'));
                if !blank
                    && (parent == "table"
                        || parent == "colgroup"
                        || parent == "tr"
                        || TABLE_SECTIONS.contains(&parent))
                {
                    return false;
                }
                if matches!(parent, "pre" | "listing")
                    && t.starts_with('\n')
                    && node.prev_sibling().is_none()
                {
                    return false;
                }
            }
            Node::Comment(_) => {}
            Node::Element(e) => {
                if e.name.ns != html5ever::ns!(html) {
                    return false;
                }
                let name: &str = &e.name.local;
                if NOT_MODELLED.contains(&name) || !fits(name, parent, &open) {
                    return false;
                }
                if VOID.contains(&name) && node.has_children() {
                    return false;
                }
                let plain = |s: &str| {
                    s.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b':'
                    })
                };
                if e.attrs
                    .iter()
                    .any(|(k, v)| v.contains('\r') || !plain(&k.local))
                {
                    return false;
                }
                open.push(name);
            }
            _ => return false,
        }
    }
    true
}

/// Whether an element `name` stays where it is under `parent`, with `open`
/// the open elements (innermost last).
fn fits(name: &str, parent: &str, open: &[&str]) -> bool {
    // The table model: each part only in its own container, and nothing
    // else directly in those containers.
    let table_child = matches!(name, "caption" | "colgroup") || TABLE_SECTIONS.contains(&name);
    if table_child != (parent == "table") {
        return false;
    }
    if (name == "tr") != TABLE_SECTIONS.contains(&parent)
        || matches!(name, "td" | "th") != (parent == "tr")
        || (name == "col") != (parent == "colgroup")
    {
        return false;
    }
    if CLOSES_P.contains(&name) {
        for &o in open.iter().rev() {
            if o == "p" {
                return false;
            }
            if BUTTON_SCOPE.contains(&o) {
                break;
            }
        }
    }
    if HEADINGS.contains(&name) && HEADINGS.contains(&parent) {
        return false;
    }
    if name == "a" {
        for &o in open.iter().rev() {
            if o == "a" {
                return false;
            }
            if FORMATTING_MARKERS.contains(&o) {
                break;
            }
        }
    }
    let closes: &[&str] = match name {
        "li" => &["li"],
        "dd" | "dt" => &["dd", "dt"],
        _ => &[],
    };
    if !closes.is_empty() {
        for &o in open.iter().rev() {
            if closes.contains(&o) {
                return false;
            }
            if SPECIAL.contains(&o) && !matches!(o, "address" | "div" | "p") {
                break;
            }
        }
    }
    // Ruby parts close open ruby parts and paragraphs up to the `ruby`.
    match name {
        "rb" | "rtc" => parent == "ruby",
        "rp" | "rt" => parent == "ruby" || parent == "rtc",
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check against the parser itself: for each fragment, whether
    /// re-parsing the tree's serialization changes it must be what the
    /// check says, or the check must be conservative (say no).
    #[test]
    fn agrees_with_the_parser() {
        let cases = [
            (
                "<p>a <b>b</b> <a href=x>c</a></p><ul><li>x<ul><li>y</li></ul></li></ul>",
                true,
            ),
            ("<table><tbody><tr><td>a</td></tr></tbody></table>", true),
            (
                "<dl><dt>a</dt><dd>b</dd></dl><h2>t</h2><pre>x\ny</pre>",
                true,
            ),
            ("<ruby>a<rt>b</rt></ruby><div><p>x</p></div>", true),
        ];
        for (html, same) in cases {
            let doc = Html::parse_fragment(html);
            let root = doc.tree.root().first_child().unwrap().id();
            assert_eq!(reparses_unchanged(&doc, root), same, "{html}");
        }
    }

    fn moved(build: impl FnOnce(&mut Html, NodeId)) -> bool {
        let mut doc = Html::parse_fragment("<div id=r></div>");
        let root = doc.tree.root().first_child().unwrap().id();
        build(&mut doc, root);
        reparses_unchanged(&doc, root)
    }

    #[test]
    fn shapes_the_parser_would_rebuild_are_refused() {
        use crate::dom::{append, create_element};
        let nest = |outer: &'static str, inner: &'static str| {
            move |doc: &mut Html, root: NodeId| {
                let o = create_element(doc, outer);
                let i = create_element(doc, inner);
                append(doc, root, o);
                append(doc, o, i);
            }
        };
        for (outer, inner) in [
            ("p", "div"),
            ("p", "p"),
            ("p", "table"),
            ("a", "a"),
            ("h1", "h2"),
            ("li", "li"),
            ("dd", "dt"),
            ("table", "tr"),
            ("tr", "p"),
            ("div", "td"),
            ("span", "caption"),
            ("img", "span"),
            ("div", "svg"),
        ] {
            assert!(!moved(nest(outer, inner)), "{outer} > {inner}");
        }
        assert!(moved(nest("div", "p")));
        assert!(moved(nest("li", "div")));
        // Carriage returns are normalized by the parser.
        let doc = Html::parse_fragment("<p>a&#13;b</p>");
        let root = doc.tree.root().first_child().unwrap().id();
        assert!(!reparses_unchanged(&doc, root));
    }
}
