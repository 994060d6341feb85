//! The few tree operations every stage needs, over scraper's arena tree.
//!
//! Every walk here is iterative: pages nest deeply and wasm's stack is small,
//! so nothing may recurse once per level of the document.

use ego_tree::NodeId;
use html5ever::{ns, LocalName, QualName};
use scraper::node::Element;
use scraper::{Html, Node};

/// Elements whose content is never text (void elements, serialized without a
/// closing tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Block-level elements: text on either side of one belongs to different
/// blocks. What breaks the flow of text: the plain-text renderer starts a
/// new line at each, `<br>` runs stop at them, a one-cell table holding one
/// becomes a `div` rather than a `p`. (Not [`crate::content`]'s
/// `LEAF_BLOCK_TAGS`, the narrower set of blocks whose leaves are judged as
/// promotional lines.)
pub const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "br",
    "caption",
    "summary",
];

/// The element's local name, or `None` for non-elements.
pub fn tag(doc: &Html, id: NodeId) -> Option<&str> {
    match doc.tree.get(id)?.value() {
        Node::Element(e) => Some(&e.name.local),
        _ => None,
    }
}

/// `true` when `id` is an element named `name`.
pub fn is(doc: &Html, id: NodeId, name: &str) -> bool {
    tag(doc, id) == Some(name)
}

/// An element's local name as an atom (cheap to clone), for loops that
/// change the tree while they look at names.
pub fn local_name(doc: &Html, id: NodeId) -> Option<LocalName> {
    match doc.tree.get(id)?.value() {
        Node::Element(e) => Some(e.name.local.clone()),
        _ => None,
    }
}

/// An attribute's value.
pub fn attr<'a>(doc: &'a Html, id: NodeId, name: &str) -> Option<&'a str> {
    match doc.tree.get(id)?.value() {
        Node::Element(e) => e
            .attrs
            .iter()
            .find(|(k, _)| &*k.local == name)
            .map(|(_, v)| &**v),
        _ => None,
    }
}

/// `class` and `id` joined and lowercased, the string class/id hints look at.
pub fn class_and_id(doc: &Html, id: NodeId) -> String {
    let mut s = String::new();
    if let Some(c) = attr(doc, id, "class") {
        s.push_str(c);
    }
    if let Some(i) = attr(doc, id, "id") {
        s.push(' ');
        s.push_str(i);
    }
    s.make_ascii_lowercase();
    s
}

fn with_element(doc: &mut Html, id: NodeId, f: impl FnOnce(&mut Element)) {
    if let Some(mut n) = doc.tree.get_mut(id) {
        if let Node::Element(e) = n.value() {
            f(e);
        }
    }
}

fn attr_name(name: &str) -> QualName {
    QualName::new(None, ns!(), LocalName::from(name))
}

/// Sets (or adds) an attribute.
///
/// scraper keeps an element's attributes sorted by name and finds them by
/// binary search (`Element::attr`), so a new one goes in at its sorted
/// place: appended, it could hide itself or the ones after it. scraper also
/// caches `id` and the class list on first use, so setting either rebuilds
/// the element to drop the stale cache.
pub fn set_attr(doc: &mut Html, id: NodeId, name: &str, value: &str) {
    let key = attr_name(name);
    with_element(doc, id, |e| {
        match e.attrs.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => e.attrs[i].1 = value.into(),
            Err(i) => e.attrs.insert(i, (key.clone(), value.into())),
        }
    });
    if name == "id" || name == "class" {
        with_element(doc, id, |e| *e = rebuilt(e, e.name.clone()));
    }
}

/// A fresh element named `name` with `e`'s attributes (scraper's caches of
/// `id` and classes start empty).
fn rebuilt(e: &Element, name: QualName) -> Element {
    let attrs = e
        .attrs
        .iter()
        .map(|(k, v)| html5ever::Attribute {
            name: k.clone(),
            value: v.clone(),
        })
        .collect();
    Element::new(name, attrs)
}

/// Keeps only the attributes for which `keep` answers `true`.
pub fn retain_attrs(doc: &mut Html, id: NodeId, mut keep: impl FnMut(&str, &str) -> bool) {
    with_element(doc, id, |e| e.attrs.retain(|(k, v)| keep(&k.local, v)));
}

/// Removes one attribute.
pub fn remove_attr(doc: &mut Html, id: NodeId, name: &str) {
    retain_attrs(doc, id, |k, _| k != name);
}

/// Gives an element a new name, keeping its attributes and children.
pub fn rename(doc: &mut Html, id: NodeId, name: &str) {
    if let Some(mut node) = doc.tree.get_mut(id) {
        if let Node::Element(e) = node.value() {
            let name = QualName::new(None, ns!(html), LocalName::from(name));
            *node.value() = Node::Element(rebuilt(e, name));
        }
    }
}

/// A new, detached element.
pub fn create_element(doc: &mut Html, name: &str) -> NodeId {
    let name = QualName::new(None, ns!(html), LocalName::from(name));
    doc.tree
        .orphan(Node::Element(Element::new(name, Vec::new())))
        .id()
}

/// Appends a text node holding `text` to `parent`.
pub fn append_text(doc: &mut Html, parent: NodeId, text: &str) {
    let node = Node::Text(scraper::node::Text { text: text.into() });
    if let Some(mut p) = doc.tree.get_mut(parent) {
        p.append(node);
    }
}

/// Copies the children of `from_root` in `from` (another tree) into `doc`,
/// just before `before`. Iterative, like every walk here.
pub fn graft_before(doc: &mut Html, before: NodeId, from: &Html, from_root: NodeId) {
    let Some(src_root) = from.tree.get(from_root) else {
        return;
    };
    // (node in `from`, its copy's parent in `doc`; None: before `before`).
    let mut stack: Vec<(NodeId, Option<NodeId>)> =
        src_root.children().rev().map(|c| (c.id(), None)).collect();
    while let Some((src, parent)) = stack.pop() {
        let Some(node) = from.tree.get(src) else {
            continue;
        };
        let copy = doc.tree.orphan(node.value().clone()).id();
        match parent {
            Some(p) => append(doc, p, copy),
            None => insert_before(doc, before, copy),
        }
        stack.extend(node.children().rev().map(|c| (c.id(), Some(copy))));
    }
}

/// Detaches a node (it stays in the arena, unreachable from the root).
pub fn remove(doc: &mut Html, id: NodeId) {
    if let Some(mut n) = doc.tree.get_mut(id) {
        n.detach();
    }
}

/// Replaces an element by its children.
pub fn unwrap(doc: &mut Html, id: NodeId) {
    let kids = children(doc, id);
    if let Some(mut n) = doc.tree.get_mut(id) {
        if n.parent().is_none() {
            return;
        }
    }
    for k in kids {
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.insert_id_before(k);
        }
    }
    remove(doc, id);
}

/// Moves `child` to the end of `parent`'s children.
pub fn append(doc: &mut Html, parent: NodeId, child: NodeId) {
    if let Some(mut p) = doc.tree.get_mut(parent) {
        p.append_id(child);
    }
}

/// Moves `node` just before `sibling`.
pub fn insert_before(doc: &mut Html, sibling: NodeId, node: NodeId) {
    if let Some(mut s) = doc.tree.get_mut(sibling) {
        s.insert_id_before(node);
    }
}

/// Direct children, in order.
pub fn children(doc: &Html, id: NodeId) -> Vec<NodeId> {
    doc.tree
        .get(id)
        .map(|n| n.children().map(|c| c.id()).collect())
        .unwrap_or_default()
}

/// Direct element children, in order.
pub fn element_children(doc: &Html, id: NodeId) -> Vec<NodeId> {
    doc.tree
        .get(id)
        .map(|n| {
            n.children()
                .filter(|c| c.value().is_element())
                .map(|c| c.id())
                .collect()
        })
        .unwrap_or_default()
}

/// The next sibling that is an element (text between is skipped).
pub fn next_element_sibling(doc: &Html, id: NodeId) -> Option<NodeId> {
    let mut cur = doc.tree.get(id)?.next_sibling();
    while let Some(n) = cur {
        if n.value().is_element() {
            return Some(n.id());
        }
        cur = n.next_sibling();
    }
    None
}

/// The parent, if attached.
pub fn parent(doc: &Html, id: NodeId) -> Option<NodeId> {
    doc.tree.get(id)?.parent().map(|p| p.id())
}

/// Every element below `id` (not `id` itself), in document order.
pub fn descendant_elements(doc: &Html, id: NodeId) -> Vec<NodeId> {
    doc.tree
        .get(id)
        .map(|n| {
            n.descendants()
                .skip(1)
                .filter(|d| d.value().is_element())
                .map(|d| d.id())
                .collect()
        })
        .unwrap_or_default()
}

/// Every element below `id` named `name`, in document order. Collected, so
/// the caller may change the tree while going through them.
pub fn descendants_named(doc: &Html, id: NodeId, names: &[&str]) -> Vec<NodeId> {
    iter_named(doc, id, names).collect()
}

/// The elements below `id` named `name`, in document order, without
/// collecting them: for read-only passes, which run for every candidate.
pub fn iter_named<'a>(
    doc: &'a Html,
    id: NodeId,
    names: &'a [&'a str],
) -> impl Iterator<Item = NodeId> + 'a {
    doc.tree
        .get(id)
        .into_iter()
        .flat_map(|n| n.descendants().skip(1))
        .filter(move |d| match d.value() {
            Node::Element(e) => names.contains(&&*e.name.local),
            _ => false,
        })
        .map(|d| d.id())
}

/// How many elements below `id` are named `name`.
pub fn count_named(doc: &Html, id: NodeId, names: &[&str]) -> usize {
    iter_named(doc, id, names).count()
}

/// `true` when some element below `id` is named `name`.
pub fn has_named(doc: &Html, id: NodeId, names: &[&str]) -> bool {
    iter_named(doc, id, names).next().is_some()
}

/// `true` when `id` has an ancestor named `name` within `max_depth` levels
/// (`0` = any depth).
pub fn has_ancestor(doc: &Html, id: NodeId, name: &str, max_depth: usize) -> bool {
    let mut depth = 0;
    let mut cur = parent(doc, id);
    while let Some(p) = cur {
        depth += 1;
        if max_depth > 0 && depth > max_depth {
            return false;
        }
        if is(doc, p, name) {
            return true;
        }
        cur = parent(doc, p);
    }
    false
}

/// The raw text of a subtree (like the DOM's `textContent`).
pub fn text_content(doc: &Html, id: NodeId) -> String {
    let mut s = String::new();
    if let Some(n) = doc.tree.get(id) {
        for d in n.descendants() {
            if let Node::Text(t) = d.value() {
                s.push_str(&t.text);
            }
        }
    }
    s
}

/// The text of a subtree with whitespace collapsed and trimmed: what the
/// scoring heuristics measure.
pub fn inner_text(doc: &Html, id: NodeId) -> String {
    normalize_spaces(&text_content(doc, id))
}

/// Collapses runs of whitespace to one space and trims.
pub fn normalize_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Characters of collapsed, trimmed text in a subtree (the length of
/// [`inner_text`]), counted without building the string: scoring asks for it
/// for every candidate and link.
pub fn text_len(doc: &Html, id: NodeId) -> usize {
    let Some(n) = doc.tree.get(id) else {
        return 0;
    };
    n.descendants()
        .filter_map(|d| match d.value() {
            Node::Text(t) => Some(TextRun::of_text(&t.text)),
            _ => None,
        })
        .fold(TextRun::default(), TextRun::then)
        .len()
}

/// The start of a subtree's collapsed text: at least its first `n`
/// characters when it has that many, read without walking the rest.
pub fn text_start(doc: &Html, id: NodeId, n: usize) -> String {
    let mut out = String::new();
    let Some(node) = doc.tree.get(id) else {
        return out;
    };
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            out.push_str(&t.text);
            if out
                .split_whitespace()
                .map(|w| w.chars().count() + 1)
                .sum::<usize>()
                > n
            {
                break;
            }
        }
    }
    normalize_spaces(&out)
}

/// Whether [`text_len`] is at least `n`, reading only as much of the
/// subtree as it takes: asked of every block, large ones included, where
/// only short ones matter.
pub fn text_len_at_least(doc: &Html, id: NodeId, n: usize) -> bool {
    let Some(node) = doc.tree.get(id) else {
        return n == 0;
    };
    let mut run = TextRun::default();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            // A prefix's length never exceeds the whole's.
            run = run.then(TextRun::of_text(&t.text));
            if run.len() >= n {
                return true;
            }
        }
    }
    run.len() >= n
}

const NON_SPACE: u8 = 0;
const SPACE: u8 = 1;
const CONTINUATION: u8 = 2;
const MAYBE_SPACE: u8 = 3;

/// What each byte of UTF-8 text starts: a non-space character, an ASCII
/// space, nothing (a continuation byte), or a character that may be one of
/// Unicode's other spaces (U+0085, U+00A0, U+1680, U+2000..U+205F, U+3000
/// start with 0xC2, 0xE1, 0xE2 or 0xE3).
static BYTE_CLASS: [u8; 256] = {
    let mut t = [NON_SPACE; 256];
    let mut b = 0x80;
    while b < 0xC0 {
        t[b] = CONTINUATION;
        b += 1;
    }
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0B] = SPACE;
    t[0x0C] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[0xC2] = MAYBE_SPACE;
    t[0xE1] = MAYBE_SPACE;
    t[0xE2] = MAYBE_SPACE;
    t[0xE3] = MAYBE_SPACE;
    t
};

/// Collapsed-text summary of a stretch of text, so that lengths of parts can
/// be added up instead of re-scanned: the [`text_len`] of a concatenation is
/// the parts' lengths plus one space where whitespace separates them.
#[derive(Clone, Copy, Default)]
pub struct TextRun {
    /// Characters with inner whitespace collapsed, leading/trailing dropped.
    len: usize,
    /// Holds a non-whitespace character.
    words: bool,
    /// Starts with whitespace (before its first word), or, when it has no
    /// words, holds any whitespace at all.
    lead_space: bool,
    /// Ends with whitespace after its last word.
    trail_space: bool,
}

impl TextRun {
    /// The summary of one piece of text.
    pub fn of_text(s: &str) -> TextRun {
        // One table lookup per byte and no branches on the common path:
        // this runs over every text node each time a block is measured.
        // Only lead bytes of the few non-ASCII spaces need decoding.
        let bytes = s.as_bytes();
        let mut chars = 0usize;
        let mut words = 0usize;
        let mut prev_space = 1usize;
        if s.is_ascii() {
            for &b in bytes {
                let space = usize::from(BYTE_CLASS[b as usize]);
                chars += 1 - space;
                words += (1 - space) & prev_space;
                prev_space = space;
            }
        } else {
            for (i, &b) in bytes.iter().enumerate() {
                let space = match BYTE_CLASS[b as usize] {
                    NON_SPACE => 0,
                    SPACE => 1,
                    CONTINUATION => continue,
                    _ => usize::from(s[i..].chars().next().is_some_and(char::is_whitespace)),
                };
                chars += 1 - space;
                words += (1 - space) & prev_space;
                prev_space = space;
            }
        }
        TextRun {
            // One space between each two words.
            len: chars + words.saturating_sub(1),
            words: words > 0,
            lead_space: s.chars().next().is_some_and(char::is_whitespace),
            trail_space: words > 0 && prev_space == 1,
        }
    }

    /// This text followed by `next`.
    pub fn then(self, next: TextRun) -> TextRun {
        match (self.words, next.words) {
            (false, _) => TextRun {
                lead_space: self.lead_space || next.lead_space,
                ..next
            },
            (true, false) => TextRun {
                trail_space: self.trail_space || next.lead_space,
                ..self
            },
            (true, true) => TextRun {
                len: self.len + next.len + usize::from(self.trail_space || next.lead_space),
                words: true,
                lead_space: self.lead_space,
                trail_space: next.trail_space,
            },
        }
    }

    /// Its collapsed length, as [`text_len`] counts.
    pub fn len(self) -> usize {
        if self.words {
            self.len
        } else {
            0
        }
    }
}

/// `true` when a subtree has no text other than whitespace.
pub fn is_blank(doc: &Html, id: NodeId) -> bool {
    match doc.tree.get(id) {
        Some(n) => n.descendants().all(|d| match d.value() {
            Node::Text(t) => t.text.trim().is_empty(),
            _ => true,
        }),
        None => true,
    }
}

/// How many levels the tree has, the root's included, counted without
/// allocating.
fn levels(doc: &Html) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ego_tree::iter::Edge::Close(_) => depth -= 1,
        }
    }
    deepest
}

/// Depth-limits the tree: elements nested deeper than `max_depth` are
/// reattached as the last children of their ancestor at that depth, so every
/// later stage (and the serializer) sees a bounded tree.
pub fn limit_depth(doc: &mut Html, max_depth: usize) {
    let root = doc.tree.root().id();
    // Nearly every page is within the bound: one walk that allocates
    // nothing tells, before the walk that rebuilds. (The root counts as
    // depth 0 below and as level 1 in `levels`.)
    if levels(doc) <= max_depth + 1 {
        return;
    }
    // (node, depth) pairs, walked with an explicit stack.
    let mut stack = vec![(root, 0usize)];
    let mut too_deep: Vec<(NodeId, NodeId)> = Vec::new();
    while let Some((id, depth)) = stack.pop() {
        let kids = children(doc, id);
        if depth >= max_depth {
            // Everything below moves up to this node, flattened in order.
            let mut inner = Vec::new();
            for k in &kids {
                if let Some(n) = doc.tree.get(*k) {
                    inner.extend(n.descendants().skip(1).map(|d| d.id()));
                }
            }
            for d in inner {
                if doc
                    .tree
                    .get(d)
                    .map(|n| n.value().is_element() || n.value().is_text())
                    == Some(true)
                {
                    too_deep.push((id, d));
                }
            }
            continue;
        }
        for k in kids.into_iter().rev() {
            stack.push((k, depth + 1));
        }
    }
    for (anchor, node) in too_deep {
        // Children first detached so the node keeps only its own text.
        if let Some(mut n) = doc.tree.get_mut(node) {
            n.detach();
        }
        append(doc, anchor, node);
    }
}

/// Serializes the children of `id` as HTML (like `innerHTML`).
pub fn inner_html(doc: &Html, id: NodeId) -> String {
    let mut out = String::new();
    for c in children(doc, id) {
        write_html(doc, c, &mut out);
    }
    out
}

fn write_html(doc: &Html, id: NodeId, out: &mut String) {
    let Some(start) = doc.tree.get(id) else {
        return;
    };
    for edge in start.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    out.push('<');
                    out.push_str(&e.name.local);
                    for (k, v) in e.attrs.iter() {
                        out.push(' ');
                        if let Some(p) = &k.prefix {
                            out.push_str(p);
                            out.push(':');
                        }
                        out.push_str(&k.local);
                        out.push_str("=\"");
                        escape(v, true, out);
                        out.push('"');
                    }
                    out.push('>');
                }
                Node::Text(t) => escape(&t.text, false, out),
                Node::Comment(_) | Node::Doctype(_) | Node::ProcessingInstruction(_) => {}
                Node::Document | Node::Fragment => {}
            },
            ego_tree::iter::Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if !VOID.contains(&&*e.name.local) {
                        out.push_str("</");
                        out.push_str(&e.name.local);
                        out.push('>');
                    }
                }
            }
        }
    }
}

fn escape(s: &str, attr: bool, out: &mut String) {
    // Copies the runs between characters to escape in one piece each: the
    // serializer writes every character of the article through here.
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (with, width) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' if !attr => ("&lt;", 1),
            b'>' if !attr => ("&gt;", 1),
            b'"' if attr => ("&quot;", 1),
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[from..i]);
        out.push_str(with);
        i += width;
        from = i;
    }
    out.push_str(&s[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_attr_keeps_scrapers_lookup_working() {
        let mut doc = Html::parse_fragment(r#"<img alt="a" width="3">"#);
        let img = descendants_named(&doc, doc.tree.root().id(), &["img"])[0];
        // Names that sort before, between and after the existing ones.
        set_attr(&mut doc, img, "zz", "1");
        set_attr(&mut doc, img, "src", "x.png");
        set_attr(&mut doc, img, "aa", "2");
        set_attr(&mut doc, img, "class", "c");
        let e = doc.tree.get(img).unwrap().value().as_element().unwrap();
        for (name, value) in [
            ("aa", "2"),
            ("alt", "a"),
            ("class", "c"),
            ("src", "x.png"),
            ("width", "3"),
            ("zz", "1"),
        ] {
            assert_eq!(e.attr(name), Some(value), "{name}");
        }
        assert!(e.has_class("c", scraper::CaseSensitivity::CaseSensitive));
        set_attr(&mut doc, img, "src", "y.png");
        let e = doc.tree.get(img).unwrap().value().as_element().unwrap();
        assert_eq!(e.attr("src"), Some("y.png"));
        assert_eq!(e.attrs().count(), 6);
    }

    /// `text_len` is the length of `inner_text`, whatever the whitespace
    /// between, around and inside elements.
    #[test]
    fn text_len_is_the_length_of_inner_text() {
        for html in [
            "<div> <p>one <a href=x>two</a>three</p>\n<p> <a href='#n'> four </a> </p><span></span> x</div>",
            "<div><a href=a>x</a><a href=b> y </a>\u{a0}<b> </b><i>z</i>  </div><div>   </div>",
            "<div><p></p><p>  </p>tail \u{2003}caf\u{e9}\t\n end</div>",
        ] {
            let doc = Html::parse_document(html);
            for n in doc.tree.root().descendants() {
                if n.value().is_element() {
                    let len = inner_text(&doc, n.id()).chars().count();
                    assert_eq!(text_len(&doc, n.id()), len, "{html}");
                    for k in [0, 1, len.saturating_sub(1), len, len + 1] {
                        assert_eq!(text_len_at_least(&doc, n.id(), k), len >= k, "{html} {k}");
                    }
                }
            }
        }
    }

    /// Every piece of text summarizes to the length of its collapsed form,
    /// and pieces add up as their concatenation does.
    #[test]
    fn text_runs_measure_collapsed_text() {
        let pieces = [
            "",
            " ",
            "a",
            " a",
            "a ",
            " a b  c ",
            "\u{a0}x\u{a0}",
            "caf\u{e9} \u{2019}quoted\u{2019}",
            "\u{3000}\u{65e5}\u{672c}\u{3000}",
            "x\u{2003}y\u{2009}z\u{202f}",
            "\u{85}\u{1680}",
            "\t\n\x0b\x0c\r",
            "\u{1f600} emoji",
            "\u{e2}\u{80}",
        ];
        for a in pieces {
            assert_eq!(
                TextRun::of_text(a).len(),
                normalize_spaces(a).chars().count(),
                "{a:?}"
            );
            for b in pieces {
                let ab = format!("{a}{b}");
                let joined = TextRun::of_text(a).then(TextRun::of_text(b)).len();
                assert_eq!(
                    joined,
                    normalize_spaces(&ab).chars().count(),
                    "{a:?} + {b:?}"
                );
            }
        }
    }

    #[test]
    fn escaping_covers_markup_characters_and_no_break_spaces() {
        let mut out = String::new();
        escape("a&b<c>\"d\u{a0}\u{e9}\u{2019}", false, &mut out);
        assert_eq!(out, "a&amp;b&lt;c&gt;\"d&nbsp;\u{e9}\u{2019}");
        out.clear();
        escape("a&b<c>\"d\u{a0}", true, &mut out);
        assert_eq!(out, "a&amp;b<c>&quot;d&nbsp;");
    }

    #[test]
    fn deep_trees_are_flattened_at_the_bound_and_shallow_ones_left_alone() {
        let deep = format!("{}deep text{}", "<div>".repeat(40), "</div>".repeat(40));
        let mut doc = Html::parse_document(&deep);
        limit_depth(&mut doc, 10);
        assert!(levels(&doc) <= 12, "{}", levels(&doc));
        assert!(inner_text(&doc, doc.tree.root().id()).contains("deep text"));
        let shallow = "<div><p>a <b>b</b></p><ul><li>c</li></ul></div>";
        let mut doc = Html::parse_document(shallow);
        let before = inner_html(&doc, doc.tree.root().id());
        limit_depth(&mut doc, 10);
        assert_eq!(inner_html(&doc, doc.tree.root().id()), before);
    }

    #[test]
    fn text_len_matches_inner_text() {
        let doc = Html::parse_document("<p>  a  <b>bc</b>\n d <i> </i></p><p>é  f </p>");
        let root = doc.tree.root().id();
        assert_eq!(text_len(&doc, root), inner_text(&doc, root).chars().count());
    }
}
