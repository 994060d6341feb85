//! Candidate scoring: one pass over the document drops chrome and turns
//! text-only `div`s into paragraphs, then every paragraph gives points to its
//! ancestors. The container that collects the most prose wins.

use std::cell::Cell;

use rustc_hash::FxHashMap as HashMap;

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::hints;
use crate::dom;

/// Which heuristics an attempt uses; later attempts switch them off one by
/// one when the first finds too little text.
#[derive(Debug, Clone, Copy)]
pub struct Heuristics {
    /// Drop elements whose class/id marks them as chrome.
    pub strip_unlikely: bool,
    /// Let class/id words raise or lower scores.
    pub weight_classes: bool,
    /// Remove low-quality blocks inside the article.
    pub clean_conditionally: bool,
}

/// Which of its heuristics changed anything in one attempt. One that changed
/// nothing leaves the attempt exactly as it would have been without it, so
/// the retry that only switches it off would repeat the attempt and is
/// skipped (the output of all 987 dev pages stayed identical, byte for
/// byte).
#[derive(Debug, Default)]
pub struct Fired {
    /// An element was dropped as unlikely (class/id or chrome role).
    pub unlikely: Cell<bool>,
    /// A class/id weight other than 0 was read.
    pub weights: Cell<bool>,
    /// A block was removed by conditional cleaning.
    pub conditional: Cell<bool>,
}

/// The heuristics of one attempt and where it records what they did.
#[derive(Debug, Clone, Copy)]
pub struct Flags<'a> {
    pub on: Heuristics,
    pub fired: &'a Fired,
}

/// Elements whose text is scored.
const SCORED: &[&str] = &["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"];

/// A `div` holding any of these is a container, not a paragraph.
const DIV_TO_P_BLOCKERS: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
];

/// Inline ("phrasing") elements: runs of these inside a `div` form a paragraph.
pub(crate) const PHRASING: &[&str] = &[
    "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em",
    "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object",
    "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span", "strong",
    "sub", "sup", "textarea", "time", "var", "wbr",
];

/// Base score of a `div` candidate, as Readability's `_initializeNode`
/// (+5): wrappers of prose on every template.
const DIV_TAG_SCORE: f64 = 5.0;
/// Base score of `pre`, `td` and `blockquote` candidates, as Readability's
/// `_initializeNode` (+3): code listings, table layouts, quoted text.
const BLOCK_TAG_SCORE: f64 = 3.0;
/// Base score of list, address and form candidates, as Readability's
/// `_initializeNode` (-3): navigation lists and forms rarely hold the story.
const LIST_TAG_SCORE: f64 = -3.0;
/// Base score of headings and `th` as candidates, as Readability's
/// `_initializeNode` (-5): a heading titles the article, it is not it.
const HEADING_TAG_SCORE: f64 = -5.0;

/// How much the text of an in-page (`#`) link counts as link text, as the
/// `coefficient` of Readability's `_getLinkDensity` (0.3): footnotes and
/// tables of contents do not make a scholarly page a link list.
const HASH_LINK_WEIGHT: f64 = 0.3;

/// A byline element's text must be shorter than this, as Readability's
/// `_isValidByline` (`byline.length < 100`): longer is a paragraph that
/// happens to carry an author class.
const MAX_BYLINE_LEN: usize = 100;

/// An `h1`/`h2` whose words are this similar to the title is dropped, as
/// Readability's `_headerDuplicatesTitle` (`> 0.75`): the reader view shows
/// the title above the article already.
const HEADING_DUPLICATES_TITLE_SIMILARITY: f64 = 0.75;

/// A `div` framing a single `p` is replaced by the `p` when its link density
/// is below this, as Readability's `_grabArticle` (`< 0.25`).
const DIV_TO_P_MAX_LINK_DENSITY: f64 = 0.25;

/// Paragraphs with fewer characters score nothing, as Readability's
/// `_grabArticle` (`innerText.length < 25`): captions, labels, buttons.
const MIN_PARAGRAPH_LEN: usize = 25;

/// How many ancestors of a paragraph share its points, as Readability's
/// `_getNodeAncestors(elementToScore, 5)`.
const SCORED_ANCESTOR_LEVELS: usize = 5;

/// The point every scored paragraph gives for itself, as Readability's
/// "a point for the paragraph itself as a base" (`contentScore = 1`).
const PARAGRAPH_BASE_POINTS: f64 = 1.0;

/// Points per comma-separated piece of a paragraph, as Readability's
/// `contentScore += innerText.split(commas).length`: commas mark running prose.
const POINTS_PER_COMMA_PIECE: f64 = 1.0;

/// A paragraph earns a point per this many characters, as Readability's
/// `Math.floor(innerText.length / 100)`.
const CHARS_PER_LENGTH_POINT: usize = 100;

/// At most this many length points per paragraph, as Readability's
/// `Math.min(..., 3)`: one long block does not outweigh many paragraphs.
const MAX_LENGTH_POINTS: usize = 3;

/// The grandparent gets half a paragraph's points, as Readability's
/// `scoreDivider = 2` for level 1.
const GRANDPARENT_SCORE_DIVIDER: f64 = 2.0;

/// Ancestors further up get `1 / (level * 3)` of the points, as
/// Readability's `scoreDivider = level * 3`.
const ANCESTOR_SCORE_DIVIDER_PER_LEVEL: f64 = 3.0;

/// Scores of candidate containers.
#[derive(Default)]
pub struct Scores {
    map: HashMap<NodeId, f64>,
}

impl Scores {
    /// The score of a candidate, if it is one.
    pub fn get(&self, id: NodeId) -> Option<f64> {
        self.map.get(&id).copied()
    }

    /// Sets a score.
    pub fn set(&mut self, id: NodeId, s: f64) {
        self.map.insert(id, s);
    }

    /// All candidates.
    pub fn ids(&self) -> Vec<NodeId> {
        self.map.keys().copied().collect()
    }
}

/// What the first pass learned besides the scores.
pub struct Pass {
    /// Candidate scores.
    pub scores: Scores,
    /// A visible byline, if one was seen (and removed from the content).
    pub byline: Option<String>,
}

/// The next element in document order; `skip_children` steps over the
/// subtree of `id` (used when `id` is about to be removed).
pub fn next_element(doc: &Html, id: NodeId, skip_children: bool) -> Option<NodeId> {
    let node = doc.tree.get(id)?;
    if !skip_children {
        if let Some(c) = node.children().find(|c| c.value().is_element()) {
            return Some(c.id());
        }
    }
    let mut cur = node;
    loop {
        let mut sib = cur.next_sibling();
        while let Some(s) = sib {
            if s.value().is_element() {
                return Some(s.id());
            }
            sib = s.next_sibling();
        }
        cur = cur.parent()?;
    }
}

/// Heuristic visibility from markup alone: `hidden`, inline `display:none`
/// or `visibility:hidden`, `aria-hidden` (except image fallbacks, which some
/// sites mark hidden while showing them).
pub fn is_probably_visible(doc: &Html, id: NodeId) -> bool {
    if let Some(style) = dom::attr(doc, id, "style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return false;
        }
    }
    if dom::attr(doc, id, "hidden").is_some() {
        return false;
    }
    if dom::attr(doc, id, "aria-hidden") == Some("true") {
        let fallback = dom::attr(doc, id, "class").is_some_and(|c| c.contains("fallback-image"));
        if !fallback {
            return false;
        }
    }
    true
}

/// Base score of a candidate from its tag: wrappers gain, lists and headings lose.
fn tag_score(tag: &str) -> f64 {
    match tag {
        "div" => DIV_TAG_SCORE,
        "pre" | "td" | "blockquote" => BLOCK_TAG_SCORE,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => LIST_TAG_SCORE,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => HEADING_TAG_SCORE,
        _ => 0.0,
    }
}

/// Class/id weight of an element (0 when class weighting is off).
pub fn class_weight(doc: &Html, id: NodeId, flags: Flags<'_>) -> f64 {
    if !flags.on.weight_classes {
        return 0.0;
    }
    let weight = hints::class_weight(dom::attr(doc, id, "class"), dom::attr(doc, id, "id"));
    if weight != 0.0 {
        flags.fired.weights.set(true);
    }
    weight
}

fn initial_score(doc: &Html, id: NodeId, flags: Flags<'_>) -> f64 {
    tag_score(dom::tag(doc, id).unwrap_or("")) + class_weight(doc, id, flags)
}

/// Share of an element's text that sits inside links; in-page (`#`) links
/// count less, as they are usually footnotes or tables of contents.
pub fn link_density(doc: &Html, id: NodeId) -> f64 {
    let total = dom::text_len(doc, id);
    if total == 0 {
        return 0.0;
    }
    let mut linked = 0.0;
    for a in dom::iter_named(doc, id, &["a"]) {
        linked += dom::text_len(doc, a) as f64 * link_weight(doc, a);
    }
    linked / total as f64
}

/// [`link_density`] of every element under `root` (and `root`), in one walk
/// instead of one per candidate: selection asks for dozens of candidates per
/// page, most of them ancestors of each other.
pub fn link_densities(doc: &Html, root: NodeId) -> HashMap<NodeId, f64> {
    use ego_tree::iter::Edge;
    let mut out = HashMap::default();
    let Some(root) = doc.tree.get(root) else {
        return out;
    };
    // (element, its text so far, text inside its links so far)
    let mut stack: Vec<(NodeId, dom::TextRun, f64)> = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(_) => stack.push((n.id(), dom::TextRun::default(), 0.0)),
                Node::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        top.1 = top.1.then(dom::TextRun::of_text(&t.text));
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                let Node::Element(e) = n.value() else {
                    continue;
                };
                let Some((id, run, linked)) = stack.pop() else {
                    continue;
                };
                let len = run.len();
                out.insert(id, if len == 0 { 0.0 } else { linked / len as f64 });
                if let Some(parent) = stack.last_mut() {
                    parent.1 = parent.1.then(run);
                    parent.2 += linked;
                    if &*e.name.local == "a" {
                        parent.2 += len as f64 * link_weight(doc, id);
                    }
                }
            }
        }
    }
    out
}

/// How much a link's text counts as link text: in-page (`#`) links count
/// less, as they are usually footnotes or tables of contents.
pub fn link_weight(doc: &Html, a: NodeId) -> f64 {
    if dom::attr(doc, a, "href").is_some_and(|h| h.trim_start().starts_with('#')) {
        HASH_LINK_WEIGHT
    } else {
        1.0
    }
}

fn is_phrasing(doc: &Html, id: NodeId) -> bool {
    match doc.tree.get(id).map(|n| n.value()) {
        Some(Node::Text(_)) => true,
        Some(Node::Element(e)) => {
            let t = &*e.name.local;
            if PHRASING.contains(&t) {
                return true;
            }
            if matches!(t, "a" | "del" | "ins") {
                return dom::children(doc, id)
                    .into_iter()
                    .all(|c| is_phrasing_shallow(doc, c));
            }
            false
        }
        _ => false,
    }
}

/// Phrasing test for the children of `a`/`del`/`ins` without descending
/// further (nested links are rare; treating them as phrasing is harmless).
fn is_phrasing_shallow(doc: &Html, id: NodeId) -> bool {
    match doc.tree.get(id).map(|n| n.value()) {
        Some(Node::Text(_)) | Some(Node::Comment(_)) => true,
        Some(Node::Element(e)) => {
            PHRASING.contains(&&*e.name.local) || matches!(&*e.name.local, "a" | "del" | "ins")
        }
        _ => false,
    }
}

fn is_whitespace_text(doc: &Html, id: NodeId) -> bool {
    matches!(doc.tree.get(id).map(|n| n.value()), Some(Node::Text(t)) if t.text.trim().is_empty())
}

/// An element with no text and nothing but `br`/`hr` inside.
fn is_without_content(doc: &Html, id: NodeId) -> bool {
    if !dom::is_blank(doc, id) {
        return false;
    }
    let kids = dom::element_children(doc, id);
    kids.is_empty()
        || kids
            .iter()
            .all(|k| matches!(dom::tag(doc, *k), Some("br" | "hr")))
}

fn has_block_descendant(doc: &Html, id: NodeId) -> bool {
    dom::has_named(doc, id, DIV_TO_P_BLOCKERS)
}

/// The only element child when it is named `tag` and no text sits beside it.
fn single_child_named(doc: &Html, id: NodeId, tag: &str) -> Option<NodeId> {
    let kids = dom::children(doc, id);
    let mut only = None;
    for k in kids {
        match doc.tree.get(k).map(|n| n.value()) {
            Some(Node::Element(_)) => {
                if only.is_some() {
                    return None;
                }
                only = Some(k);
            }
            Some(Node::Text(t)) if !t.text.trim().is_empty() => return None,
            _ => {}
        }
    }
    only.filter(|o| dom::is(doc, *o, tag))
}

fn is_byline(doc: &Html, id: NodeId, class_and_id: &str) -> bool {
    let rel_author = dom::attr(doc, id, "rel") == Some("author");
    let itemprop_author = dom::attr(doc, id, "itemprop").is_some_and(|p| p.contains("author"));
    if !(rel_author || itemprop_author || hints::is_byline_hint(class_and_id)) {
        return false;
    }
    // Measured on the raw text, indentation included, not the collapsed
    // text: a pretty-printed wrapper around a name and a date then runs
    // over the limit and the walk goes on to the tighter element inside it
    // (the name alone), which is the byline readers expect.
    let raw = dom::text_content(doc, id);
    let len = raw.trim().chars().count();
    len > 0 && len < MAX_BYLINE_LEN
}

/// Text of a byline element: the `itemprop=name` inside it when there is one.
fn byline_text(doc: &Html, id: NodeId) -> String {
    let named = dom::descendant_elements(doc, id)
        .into_iter()
        .find(|d| dom::attr(doc, *d, "itemprop").is_some_and(|p| p.contains("name")));
    let t = named.map(|n| dom::inner_text(doc, n)).unwrap_or_default();
    if t.is_empty() {
        dom::inner_text(doc, id)
    } else {
        t
    }
}

/// Wraps runs of inline content directly inside a `div` into `p`s, so that
/// text sitting loose beside blocks is scored like any paragraph.
fn wrap_phrasing_runs(doc: &mut Html, div: NodeId) {
    let kids = dom::children(doc, div);
    let mut current: Option<NodeId> = None;
    for k in kids {
        if is_phrasing(doc, k) {
            match current {
                Some(p) => dom::append(doc, p, k),
                None => {
                    if is_whitespace_text(doc, k) {
                        continue;
                    }
                    let p = dom::create_element(doc, "p");
                    dom::insert_before(doc, k, p);
                    dom::append(doc, p, k);
                    current = Some(p);
                }
            }
        } else if let Some(p) = current.take() {
            trim_trailing_whitespace(doc, p);
        }
    }
    if let Some(p) = current {
        trim_trailing_whitespace(doc, p);
    }
}

fn trim_trailing_whitespace(doc: &mut Html, p: NodeId) {
    while let Some(last) = doc.tree.get(p).and_then(|n| n.last_child()).map(|n| n.id()) {
        if is_whitespace_text(doc, last) {
            dom::remove(doc, last);
        } else {
            break;
        }
    }
}

/// The first pass and the scoring. `title` lets a heading that repeats the
/// page title be dropped (it is shown separately).
pub fn score(doc: &mut Html, body: NodeId, flags: Flags<'_>, title: Option<&str>) -> Pass {
    let mut byline: Option<String> = None;
    let mut to_score: Vec<NodeId> = Vec::new();
    let mut title_heading_removed = false;

    let mut cur = Some(body);
    while let Some(id) = cur {
        // An atom, not a String: no allocation for every element of every attempt.
        let tag = dom::local_name(doc, id);
        let tag: &str = tag.as_deref().unwrap_or("");
        let cid = dom::class_and_id(doc, id);

        if !is_probably_visible(doc, id) {
            cur = remove_and_next(doc, id);
            continue;
        }
        if dom::attr(doc, id, "aria-modal") == Some("true")
            && dom::attr(doc, id, "role") == Some("dialog")
        {
            cur = remove_and_next(doc, id);
            continue;
        }
        if byline.is_none() && is_byline(doc, id, &cid) {
            let b = byline_text(doc, id);
            if !b.is_empty() {
                byline = Some(b);
                cur = remove_and_next(doc, id);
                continue;
            }
        }
        if !title_heading_removed && matches!(tag, "h1" | "h2") {
            if let Some(t) = title {
                let h = dom::inner_text(doc, id);
                if crate::similarity::text_similarity(t, &h) > HEADING_DUPLICATES_TITLE_SIMILARITY {
                    title_heading_removed = true;
                    cur = remove_and_next(doc, id);
                    continue;
                }
            }
        }
        if flags.on.strip_unlikely && id != body {
            if hints::is_unlikely(&cid)
                && !dom::has_ancestor(doc, id, "table", 0)
                && !dom::has_ancestor(doc, id, "code", 0)
                && tag != "body"
                && tag != "a"
                && !holds_embedded_post(doc, id)
            {
                flags.fired.unlikely.set(true);
                cur = remove_and_next(doc, id);
                continue;
            }
            if dom::attr(doc, id, "role").is_some_and(|r| hints::CHROME_ROLES.contains(&r.trim())) {
                flags.fired.unlikely.set(true);
                cur = remove_and_next(doc, id);
                continue;
            }
        }
        if matches!(
            tag,
            "div" | "section" | "header" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        ) && is_without_content(doc, id)
        {
            cur = remove_and_next(doc, id);
            continue;
        }
        if SCORED.contains(&tag) {
            to_score.push(id);
        }
        let mut here = id;
        if tag == "div" {
            wrap_phrasing_runs(doc, id);
            if let Some(p) = single_child_named(doc, id, "p") {
                if link_density(doc, id) < DIV_TO_P_MAX_LINK_DENSITY {
                    // The div is only a frame around one paragraph: the
                    // paragraph takes its place. The frame's class/id carry
                    // over so later cleaning still sees what the block was.
                    for name in ["class", "id"] {
                        if dom::attr(doc, p, name).is_none() {
                            if let Some(v) = dom::attr(doc, id, name).map(str::to_string) {
                                dom::set_attr(doc, p, name, &v);
                            }
                        }
                    }
                    dom::insert_before(doc, id, p);
                    dom::remove(doc, id);
                    to_score.push(p);
                    here = p;
                }
            } else if !has_block_descendant(doc, id) {
                dom::rename(doc, id, "p");
                to_score.push(id);
            }
        }
        cur = next_element(doc, here, false);
    }

    let mut scores = Scores::default();
    for el in to_score {
        let Some(node) = doc.tree.get(el) else {
            continue;
        };
        if node.parent().map(|p| p.value().is_element()) != Some(true) {
            continue;
        }
        // Measured without building the text: this runs for every paragraph.
        let len = dom::text_len(doc, el);
        if len < MIN_PARAGRAPH_LEN {
            continue;
        }
        let ancestors = ancestors(doc, el, SCORED_ANCESTOR_LEVELS);
        if ancestors.is_empty() {
            continue;
        }
        let points = PARAGRAPH_BASE_POINTS
            + (commas_in(doc, el) + 1) as f64 * POINTS_PER_COMMA_PIECE
            + ((len / CHARS_PER_LENGTH_POINT).min(MAX_LENGTH_POINTS)) as f64;
        for (level, anc) in ancestors.into_iter().enumerate() {
            // The root `html` element is never a candidate.
            let parent_is_element =
                dom::parent(doc, anc).is_some_and(|p| dom::tag(doc, p).is_some());
            if !parent_is_element {
                continue;
            }
            let base = match scores.get(anc) {
                Some(s) => s,
                None => initial_score(doc, anc, flags),
            };
            let divider = match level {
                0 => 1.0,
                1 => GRANDPARENT_SCORE_DIVIDER,
                n => n as f64 * ANCESTOR_SCORE_DIVIDER_PER_LEVEL,
            };
            scores.set(anc, base + points / divider);
        }
    }
    Pass { scores, byline }
}

/// `true` when `id` holds a social post quoted in the story: the embed codes
/// of the big platforms are a `blockquote` with the platform's class
/// (`twitter-tweet`, `instagram-media`, `tiktok-embed`, ...), and templates
/// wrap them in "social" containers that would otherwise be stripped.
pub fn holds_embedded_post(doc: &Html, id: NodeId) -> bool {
    dom::iter_named(doc, id, &["blockquote"]).any(|q| match doc.tree.get(q).map(|n| n.value()) {
        Some(Node::Element(e)) => is_embedded_post(e),
        _ => false,
    })
}

/// A `blockquote` whose class marks an embedded social post.
pub fn is_embedded_post(e: &scraper::node::Element) -> bool {
    &*e.name.local == "blockquote"
        && e.attr("class").is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            [
                "tweet",
                "instagram",
                "tiktok",
                "bluesky",
                "threads",
                "mastodon",
                "fb-xfbml",
                "reddit",
            ]
            .iter()
            .any(|w| c.contains(w))
        })
}

/// Commas in a subtree's text (collapsing whitespace never changes them).
fn commas_in(doc: &Html, id: NodeId) -> usize {
    doc.tree.get(id).map_or(0, |n| {
        n.descendants()
            .filter_map(|d| match d.value() {
                Node::Text(t) => Some(hints::count_commas(&t.text)),
                _ => None,
            })
            .sum()
    })
}

/// Up to `max` element ancestors, nearest first.
pub fn ancestors(doc: &Html, id: NodeId, max: usize) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut cur = dom::parent(doc, id);
    while let Some(p) = cur {
        if dom::tag(doc, p).is_none() {
            break;
        }
        out.push(p);
        if max > 0 && out.len() >= max {
            break;
        }
        cur = dom::parent(doc, p);
    }
    out
}

fn remove_and_next(doc: &mut Html, id: NodeId) -> Option<NodeId> {
    let next = next_element(doc, id, true);
    dom::remove(doc, id);
    next
}

/// Initial score for a node that becomes a candidate late (during selection).
pub fn init_candidate(doc: &Html, scores: &mut Scores, id: NodeId, flags: Flags<'_>) {
    if scores.get(id).is_none() {
        scores.set(id, initial_score(doc, id, flags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-walk densities must equal the per-element definition exactly,
    /// whatever the whitespace between, around and inside elements.
    #[test]
    fn link_densities_match_link_density() {
        for html in [
            "<div> <p>one <a href=x>two</a>three</p>\n<p> <a href='#n'> four </a> </p><span></span> x</div>",
            "<div><a href=a>x</a><a href=b> y </a>\u{a0}<b> </b><i>z</i>  </div><div>   </div>",
            "<section><div><a href=a><a href=b>nested</a> link</a></div>\t<p>end, of text</p></section>",
            "<div><p></p><p>  </p><a href=x></a>tail</div>",
        ] {
            let doc = Html::parse_document(html);
            let root = doc.tree.root().id();
            let body = doc.tree.get(root).unwrap().descendants()
                .find(|n| n.value().as_element().is_some_and(|e| &*e.name.local == "body")).unwrap().id();
            let all = link_densities(&doc, body);
            for n in doc.tree.get(body).unwrap().descendants() {
                if n.value().is_element() {
                    let want = link_density(&doc, n.id());
                    let got = all[&n.id()];
                    assert!((want - got).abs() < 1e-12, "{html}: {want} vs {got}");
                }
            }
        }
    }
}
