//! Cleaning inside the chosen article: widgets, forms, link lists, empty
//! blocks and other leftovers of the template are removed, data tables and
//! figures are kept.

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::hints;
use super::score::{self, Flags};
use crate::dom;
use crate::Options;

/// Share/social widgets shorter than this many characters are removed, as
/// Readability's `shareElementThreshold` (its `DEFAULT_CHAR_THRESHOLD`, 500).
const SHARE_MAX_CHARS: usize = 500;

/// Author/date lines longer than this are prose, not metadata.
const META_LINE_MAX_CHARS: usize = 150;

/// Widgets longer than this are kept even when their class says chrome: a
/// misnamed wrapper may hold the whole story.
const IN_BODY_CHROME_MAX_CHARS: usize = 1000;

/// Calls to action are one or two short sentences.
const CTA_MAX_CHARS: usize = 200;

/// A hover card with this many links (and no image) is a card, not a
/// tooltip: a person's latest stories beside their name.
const HOVER_CARD_MIN_LINKS: usize = 2;

/// Elements that never belong in the article body.
const ALWAYS_REMOVE: &[&str] = &[
    "object", "embed", "footer", "link", "aside", "iframe", "input", "textarea", "select",
    "button", "nav", "form", "dialog", "menu",
];

/// Media that count as one embed each when judging a block.
const EMBEDS: &[&str] = &["object", "embed", "iframe", "video", "audio"];

/// Cleans the article container in place.
pub fn clean_article(doc: &mut Html, article: NodeId, flags: Flags<'_>, options: &Options) {
    let data_tables = mark_data_tables(doc, article);

    remove_conditionally(doc, article, "fieldset", flags, &data_tables);
    // One walk for all of them; one inside another goes with it.
    for id in dom::descendants_named(doc, article, ALWAYS_REMOVE) {
        dom::remove(doc, id);
    }
    // Short share bars inside the article's top-level blocks.
    for block in dom::element_children(doc, article) {
        for id in dom::descendant_elements(doc, block) {
            let cid = dom::class_and_id(doc, id);
            if hints::is_share_hint(&cid) && dom::text_len(doc, id) < SHARE_MAX_CHARS {
                dom::remove(doc, id);
            }
        }
    }
    // Author and date lines repeated in the body: the header shows them.
    for id in dom::descendant_elements(doc, article) {
        if doc.tree.get(id).is_none_or(|n| n.parent().is_none())
            || dom::has_ancestor(doc, id, "figure", 0)
        {
            continue;
        }
        let cid = dom::class_and_id(doc, id);
        // Hints first: measuring the text of every element is the cost here.
        let meta_line = hints::is_meta_line_hint(&cid) && !hints::is_caption_hint(&cid);
        let chrome = hints::is_in_body_chrome(&cid);
        if !meta_line && !chrome {
            continue;
        }
        let len = dom::text_len(doc, id);
        if (meta_line && len < META_LINE_MAX_CHARS)
            || (chrome && len < IN_BODY_CHROME_MAX_CHARS && !score::holds_embedded_post(doc, id))
        {
            dom::remove(doc, id);
        }
    }
    // Hover cards inside the text: hidden until the pointer rests on a name,
    // they hold a photo or a list of links, never the story's words. A
    // tooltip with only a definition in it stays. Innermost first, so that a
    // wrapper around both the name and its card keeps the name.
    for id in dom::descendant_elements(doc, article).into_iter().rev() {
        if doc.tree.get(id).is_none_or(|n| n.parent().is_none()) {
            continue;
        }
        if hints::is_hover_card_hint(&dom::class_and_id(doc, id))
            && (dom::has_named(doc, id, &["img"])
                || dom::count_named(doc, id, &["a"]) >= HOVER_CARD_MIN_LINKS)
        {
            dom::remove(doc, id);
        }
    }
    // Headings styled as chrome ("Related", "Comments").
    for h in dom::descendants_named(doc, article, &["h1", "h2"]) {
        if score::class_weight(doc, h, flags) < 0.0 {
            dom::remove(doc, h);
        }
    }
    remove_conditionally(doc, article, "table", flags, &data_tables);
    remove_conditionally(doc, article, "ul", flags, &data_tables);
    remove_conditionally(doc, article, "div", flags, &data_tables);

    // The page title is shown above the article; inner h1s become h2s.
    for h in dom::descendants_named(doc, article, &["h1"]) {
        dom::rename(doc, h, "h2");
    }
    // Calls to action that templates append to stories ("Sign up for our
    // newsletter", "Follow us on ..."): short blocks built around such a
    // phrase; interface notices ("Skip to content", "This slideshow requires
    // JavaScript"); and datelines ("Posted 6:45 PM Feb 16, 2018"), which the
    // reader's header shows already.
    for p in dom::descendants_named(doc, article, &["p", "li", "h3", "h4", "div", "a", "span"]) {
        if doc.tree.get(p).is_none_or(|n| n.parent().is_none()) {
            continue;
        }
        if dom::text_len_at_least(doc, p, CTA_MAX_CHARS) {
            continue;
        }
        let text = dom::inner_text(doc, p);
        let block = !matches!(dom::tag(doc, p), Some("a" | "span"));
        if (block && hints::is_call_to_action(&text) && dom::has_named(doc, p, &["a"]))
            || hints::is_interface_notice(&text)
            // Not inside a sentence: "... the report, <span>published March
            // 3, 2019</span>, found ..." is prose.
            || (block && hints::is_dateline(&text))
        {
            dom::remove(doc, p);
        }
    }
    remove_promo_links(doc, article);
    remove_related_pointers(doc, article);
    remove_story_cards(doc, article);
    remove_tail_promos(doc, article);
    // Paragraphs left empty (or wordless) by the removals above.
    for p in dom::descendants_named(doc, article, &["p"]) {
        let has_media = dom::has_named(
            doc,
            p,
            &[
                "img", "embed", "object", "iframe", "picture", "video", "svg",
            ],
        );
        // Punctuation left behind by removed widgets ("·", "|") counts as empty;
        // a rule of underscores is a deliberate separator and stays.
        let wordless = !dom::text_content(doc, p)
            .chars()
            .any(|c| c.is_alphanumeric() || c == '_');
        if !has_media && wordless {
            dom::remove(doc, p);
        }
    }
    // A `br` right before a paragraph adds only a blank line.
    for br in dom::descendants_named(doc, article, &["br"]) {
        let next = doc.tree.get(br).and_then(|n| {
            let mut s = n.next_sibling();
            while let Some(x) = s {
                if x.value().is_text() && x.value().as_text().is_some_and(|t| t.trim().is_empty()) {
                    s = x.next_sibling();
                    continue;
                }
                return Some(x.id());
            }
            None
        });
        if next.is_some_and(|n| dom::is(doc, n, "p")) {
            dom::remove(doc, br);
        }
    }
    // Tables used to frame a single cell of text are not tables.
    for table in dom::descendants_named(doc, article, &["table"]) {
        if let Some(cell) = single_cell(doc, table) {
            let inline_only = dom::descendant_elements(doc, cell).iter().all(|d| {
                !dom::BLOCK_LEVEL.contains(&dom::tag(doc, *d).unwrap_or(""))
                    || dom::is(doc, *d, "br")
            });
            dom::rename(doc, cell, if inline_only { "p" } else { "div" });
            dom::insert_before(doc, table, cell);
            dom::remove(doc, table);
        }
    }
    if !options.keep_images {
        for id in dom::descendants_named(doc, article, &["img", "picture", "figure", "svg"]) {
            dom::remove(doc, id);
        }
    }
    if !options.keep_tables {
        for id in dom::descendants_named(doc, article, &["table"]) {
            dom::remove(doc, id);
        }
    }
    if !options.keep_code {
        for id in dom::descendants_named(doc, article, &["pre"]) {
            dom::remove(doc, id);
        }
    }
}

/// Removes nested wrappers (a `div`/`section` whose only child is another)
/// and empty ones, so the output is flat and small.
pub fn simplify(doc: &mut Html, article: NodeId) {
    // Deepest first, so a chain collapses in one pass.
    let mut ids = dom::descendants_named(doc, article, &["div", "section"]);
    ids.reverse();
    for id in ids {
        if doc.tree.get(id).is_none_or(|n| n.parent().is_none()) {
            continue;
        }
        let kids = dom::element_children(doc, id);
        let only_whitespace_text = dom::children(doc, id).iter().all(|c| {
            doc.tree.get(*c).is_some_and(|n| {
                n.value().is_element() || n.value().as_text().is_some_and(|t| t.trim().is_empty())
            })
        });
        if kids.is_empty() && dom::is_blank(doc, id) {
            dom::remove(doc, id);
        } else if only_whitespace_text
            && kids.len() == 1
            && matches!(dom::tag(doc, kids[0]), Some("div" | "section"))
        {
            dom::unwrap(doc, id);
        }
    }
}

/// Longest caption or credit left out of the plain text: a longer block
/// with a caption's class is more likely the article's own text.
const CAPTION_MAX_CHARS: usize = 300;

/// Longest line recognized as a credit by its label ("Foto: dpa").
const LABELLED_CREDIT_MAX_CHARS: usize = 200;

/// What the plain text leaves out while `content` keeps it: figure
/// captions, photo credits and credit lines ("Foto: dpa", "Titelbild: ...",
/// "(Credit: Grist)"). `text_content` is what a person reads aloud, and
/// these describe pictures rather than tell the story (news and blog pages
/// in every language of trafilatura's set put them under or beside photos).
pub fn not_running_text(doc: &Html, article: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut stack = vec![article];
    while let Some(id) = stack.pop() {
        let skip = id != article && {
            let tag = dom::tag(doc, id).unwrap_or("");
            let hint = dom::class_and_id(doc, id);
            let len = || dom::text_len(doc, id);
            (tag == "figcaption" && len() < CAPTION_MAX_CHARS * 3)
                || ((hints::is_caption_hint(&hint) || hints::is_credit_hint(&hint))
                    && len() < CAPTION_MAX_CHARS)
                || (len() < LABELLED_CREDIT_MAX_CHARS
                    && is_one_line(doc, id)
                    && hints::starts_with_credit_label(&dom::inner_text(doc, id)))
        };
        if skip {
            out.push(id);
            continue;
        }
        let n = stack.len();
        stack.extend(
            dom::children(doc, id)
                .into_iter()
                .filter(|c| dom::tag(doc, *c).is_some()),
        );
        stack[n..].reverse();
    }
    // Captions that outweigh the rest are the content: a photo essay or a
    // grid of captioned items (galleries, listings), read for the captions.
    let skipped: usize = out.iter().map(|id| dom::text_len(doc, *id)).sum();
    if skipped as f64 > CAPTIONS_MAX_SHARE * dom::text_len(doc, article) as f64 {
        out.clear();
    }
    out
}

/// Largest share of the article's text that captions and credits may hold
/// and still be left out of the plain text.
const CAPTIONS_MAX_SHARE: f64 = 0.25;

/// Whether an element holds one line of text: only inline elements
/// inside. A credit label opens a line, not the block around it (a teaser
/// `figure` that starts "Foto: ..." and goes on with the headline and dek).
fn is_one_line(doc: &Html, id: NodeId) -> bool {
    dom::descendant_elements(doc, id)
        .into_iter()
        .all(|d| dom::tag(doc, d).is_some_and(|t| t == "a" || super::score::PHRASING.contains(&t)))
}

/// `class` attributes are dropped unless listed in the options.
pub fn strip_classes(doc: &mut Html, article: NodeId, options: &Options) {
    if options.keep_classes {
        return;
    }
    let keep: HashSet<&str> = options
        .classes_to_preserve
        .iter()
        .map(String::as_str)
        .collect();
    for id in dom::descendant_elements(doc, article) {
        let Some(class) = dom::attr(doc, id, "class") else {
            continue;
        };
        let kept: Vec<&str> = class
            .split_whitespace()
            .filter(|c| keep.contains(c))
            .collect();
        if kept.is_empty() {
            dom::remove_attr(doc, id, "class");
        } else {
            let kept = kept.join(" ");
            dom::set_attr(doc, id, "class", &kept);
        }
    }
}

fn single_cell(doc: &Html, table: NodeId) -> Option<NodeId> {
    let mut cur = table;
    // table > tbody? > tr > td, each step the only element child.
    for expect in [&["tbody", "tr"][..], &["tr", "td"][..], &["td", "th"][..]] {
        let kids = dom::element_children(doc, cur);
        if kids.len() != 1 {
            return None;
        }
        let k = kids[0];
        let t = dom::tag(doc, k).unwrap_or("");
        if !expect.contains(&t) {
            return None;
        }
        cur = k;
        if t == "td" || t == "th" {
            return Some(cur);
        }
    }
    None
}

/// Tables that hold data (as opposed to layout), which cleaning must keep.
fn mark_data_tables(doc: &Html, article: NodeId) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    for t in dom::descendants_named(doc, article, &["table"]) {
        if cleaning_keeps_table(doc, t) {
            out.insert(t);
        }
    }
    out
}

/// A cell's `colspan` counts as at most this many columns: a guard against
/// absurd values (Readability takes them as they are).
const MAX_COLSPAN: usize = 1000;

/// A table with at least this many rows holds data, as Readability's
/// `_markDataTables` (`rows >= 10`).
const DATA_TABLE_MIN_ROWS: usize = 10;

/// A table with more columns than this holds data, as Readability's
/// `_markDataTables` (`columns > 4`).
const DATA_TABLE_COLUMNS_ABOVE: usize = 4;

/// Otherwise a table with more cells than this holds data, as Readability's
/// `_markDataTables` (`rows * columns > 10`); smaller ones are layout.
const DATA_TABLE_CELLS_ABOVE: usize = 10;

/// Whether cleaning must spare `t` as a data table. The rule follows
/// Readability's and reads the page before sanitizing (`role`, `datatable`
/// and `summary` are still there). It leans to keeping: `th`, `thead` and the like anywhere
/// inside, even in a nested table, make data; otherwise a nested table means
/// layout, and ten rows, five columns or more than ten cells mean data.
///
/// Not the same rule as `render::markdown::tables::renders_as_pipe_table`,
/// which asks of the sanitized article whether a pipe table can show the
/// table: a nested table rules it out, and so does block content in the
/// cells of an unmarked one, but two rows of two cells are enough. The
/// answers differ, so making either serve both would change extraction or
/// Markdown.
fn cleaning_keeps_table(doc: &Html, t: NodeId) -> bool {
    if dom::attr(doc, t, "role") == Some("presentation") {
        return false;
    }
    if dom::attr(doc, t, "datatable") == Some("0") {
        return false;
    }
    if dom::attr(doc, t, "summary").is_some() {
        return true;
    }
    if let Some(c) = dom::iter_named(doc, t, &["caption"]).next().as_ref() {
        if !dom::children(doc, *c).is_empty() {
            return true;
        }
    }
    if dom::has_named(doc, t, &["col", "colgroup", "tfoot", "thead", "th"]) {
        return true;
    }
    if dom::has_named(doc, t, &["table"]) {
        return false;
    }
    let rows = dom::descendants_named(doc, t, &["tr"]);
    let cols = rows
        .iter()
        .map(|r| {
            dom::element_children(doc, *r)
                .iter()
                .filter(|c| matches!(dom::tag(doc, **c), Some("td" | "th")))
                .map(|c| {
                    dom::attr(doc, *c, "colspan")
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(MAX_COLSPAN)
                })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0);
    if rows.len() >= DATA_TABLE_MIN_ROWS || cols > DATA_TABLE_COLUMNS_ABOVE {
        return true;
    }
    rows.len() * cols > DATA_TABLE_CELLS_ABOVE
}

fn in_data_table(doc: &Html, id: NodeId, tables: &HashSet<NodeId>) -> bool {
    // Most pages have none: no need to walk up.
    if tables.is_empty() {
        return false;
    }
    let mut cur = dom::parent(doc, id);
    while let Some(p) = cur {
        if tables.contains(&p) {
            return true;
        }
        cur = dom::parent(doc, p);
    }
    false
}

/// Removes `tag` elements that look like chrome rather than prose: many
/// links, few paragraphs, images without text, form controls, embeds.
///
/// Each block is judged on what is left inside it once the blocks inside
/// it have been judged, so the walk is bottom-up, and what it measures
/// (text, lists, headings, links, counts) is summed from the children's
/// measures instead of re-read for every block, which made nested blocks
/// cost their depth times their size. The walk is recorded first, then
/// replayed: a block judged for removal goes at once, and only subtrees
/// already closed ever go.
fn remove_conditionally(
    doc: &mut Html,
    article: NodeId,
    tag: &str,
    flags: Flags<'_>,
    tables: &HashSet<NodeId>,
) {
    use ego_tree::iter::Edge;
    if !flags.on.clean_conditionally || !dom::has_named(doc, article, &[tag]) {
        return;
    }
    let Some(root) = doc.tree.get(article) else {
        return;
    };
    let events: Vec<(NodeId, bool)> = root
        .traverse()
        .map(|e| match e {
            Edge::Open(n) => (n.id(), true),
            Edge::Close(n) => (n.id(), false),
        })
        .collect();
    let mut open: Vec<Inside> = Vec::new();
    // Open `tag` elements: outside them nothing needs measuring.
    let mut judged_open = 0usize;
    for (id, opening) in events {
        if id == article {
            continue;
        }
        let Some(node) = doc.tree.get(id) else {
            continue;
        };
        match node.value() {
            Node::Text(t) if opening && judged_open > 0 => {
                if let Some(top) = open.last_mut() {
                    top.add_text(&t.text);
                }
            }
            Node::Element(e) if opening => {
                judged_open += usize::from(&*e.name.local == tag);
                if judged_open > 0 {
                    open.push(Inside::default());
                }
            }
            Node::Element(e) if judged_open > 0 => {
                let inside = open.pop().unwrap_or_default();
                let judged = &*e.name.local == tag;
                if judged {
                    judged_open -= 1;
                }
                let part = Part::of(doc, id, e);
                if judged && is_removable(doc, id, tag, flags, tables, &inside) {
                    flags.fired.conditional.set(true);
                    dom::remove(doc, id);
                } else if judged_open > 0 {
                    if let Some(parent) = open.last_mut() {
                        parent.absorb(inside, part);
                    }
                }
            }
            _ => {}
        }
    }
}

fn is_removable(
    doc: &Html,
    id: NodeId,
    tag: &str,
    flags: Flags<'_>,
    tables: &HashSet<NodeId>,
    inside: &Inside,
) -> bool {
    if tag == "table" && tables.contains(&id) {
        return false;
    }
    if in_data_table(doc, id, tables)
        || dom::has_ancestor(doc, id, "code", 0)
        || dom::has_ancestor(doc, id, "pre", 0)
        || inside.embedded_post
    {
        return false;
    }
    should_remove(doc, id, tag, flags, inside)
}

/// What `should_remove` measures below an element (the element itself not
/// included).
#[derive(Default)]
struct Inside {
    /// Collapsed text ([`dom::text_len`] is its length).
    run: dom::TextRun,
    /// Text lengths of the lists below, each list counted (nested ones too).
    list_len: usize,
    /// Text lengths of the headings below.
    heading_len: usize,
    /// Link text, weighted as [`score::link_density`] weighs it.
    linked: f64,
    p: usize,
    img: usize,
    li: usize,
    input: usize,
    embeds: usize,
    commas: usize,
    /// An embedded social post is below ([`score::holds_embedded_post`]).
    embedded_post: bool,
}

/// What an element adds to its parent's measures besides its own insides.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    List,
    Heading,
    Link(f64),
    P,
    Img,
    Li,
    Input,
    Embed,
    EmbeddedPost,
    Other,
}

impl Part {
    fn of(doc: &Html, id: NodeId, e: &scraper::node::Element) -> Part {
        match &*e.name.local {
            "ul" | "ol" => Part::List,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Part::Heading,
            "a" => Part::Link(score::link_weight(doc, id)),
            "p" => Part::P,
            "img" => Part::Img,
            "li" => Part::Li,
            "input" => Part::Input,
            "blockquote" if score::is_embedded_post(e) => Part::EmbeddedPost,
            name if EMBEDS.contains(&name) => Part::Embed,
            _ => Part::Other,
        }
    }
}

impl Inside {
    fn add_text(&mut self, text: &str) {
        self.run = self.run.then(dom::TextRun::of_text(text));
        // Whitespace collapsing never touches commas: the raw text has as
        // many as the element's inner text.
        self.commas += hints::count_commas(text);
    }

    /// Adds a child element, given what is inside it and what it is.
    fn absorb(&mut self, child: Inside, part: Part) {
        let len = child.run.len();
        self.run = self.run.then(child.run);
        self.list_len += child.list_len + if part == Part::List { len } else { 0 };
        self.heading_len += child.heading_len + if part == Part::Heading { len } else { 0 };
        self.linked += child.linked;
        if let Part::Link(w) = part {
            self.linked += len as f64 * w;
        }
        self.p += child.p + usize::from(part == Part::P);
        self.img += child.img + usize::from(part == Part::Img);
        self.li += child.li + usize::from(part == Part::Li);
        self.input += child.input + usize::from(part == Part::Input);
        self.embeds += child.embeds + usize::from(part == Part::Embed);
        self.commas += child.commas;
        self.embedded_post |= child.embedded_post || part == Part::EmbeddedPost;
    }
}

/// Longest text that can be an ad or loading label (see `hints`).
const LABEL_MAX_CHARS: usize = 40;

/// A block whose text is more than this share list text is judged as a
/// list, as Readability's `_cleanConditionally` (`listLength / length > 0.9`).
const LIST_TEXT_SHARE: f64 = 0.9;

/// A block with at least this many commas is prose and stays, as
/// Readability's `_cleanConditionally` (`_getCharCount(node, ",") < 10`).
const MIN_COMMAS_TO_KEEP: usize = 10;

/// List items allowed before they count against a block, as Readability's
/// `_cleanConditionally` (`li = ...length - 100`).
const LI_ALLOWANCE: f64 = 100.0;

/// With more than one image, a block needs at least this many paragraphs
/// per image, as Readability's `_cleanConditionally` (`p / img < 0.5`):
/// image grids and ad strips go, illustrated stories stay.
const MIN_PARAGRAPHS_PER_IMAGE: f64 = 0.5;

/// One form input is allowed per this many paragraphs, as Readability's
/// `_cleanConditionally` (`input > Math.floor(p / 3)`): sign-up and search boxes.
const PARAGRAPHS_PER_INPUT: f64 = 3.0;

/// Short linky blocks go unless headings make up this share of their text,
/// as Readability's `_cleanConditionally` (`headingDensity < 0.9`): a
/// heading that links to its own section stays.
const MAX_HEADING_DENSITY: f64 = 0.9;

/// Blocks shorter than this with any link in them go (unless headings or
/// a figure explain them), as Readability's `_cleanConditionally`
/// (`contentLength < 25`).
const MIN_CONTENT_LEN: usize = 25;

/// A short linky block with more images than this goes even with images,
/// as Readability's `_cleanConditionally` (`img === 0 || img > 2`).
const MAX_IMAGES_IN_SHORT_BLOCK: f64 = 2.0;

/// How far up a `figure` ancestor is looked for, as the default `maxDepth`
/// of Readability's `_hasAncestorTag` (3).
const FIGURE_ANCESTOR_MAX_DEPTH: usize = 3;

/// Link density above which a block without a positive class goes, as
/// Readability's `_cleanConditionally` (`weight < 25 && linkDensity > 0.2`).
const MAX_LINK_DENSITY: f64 = 0.2;

/// Link density above which even a block with a positive class goes, as
/// Readability's `_cleanConditionally` (`weight >= 25 && linkDensity > 0.5`).
const MAX_LINK_DENSITY_POSITIVE: f64 = 0.5;

/// A block with a single embed and less text than this goes, as
/// Readability's `_cleanConditionally` (`embedCount === 1 && contentLength < 75`):
/// a video player without its story.
const MIN_SINGLE_EMBED_CONTENT_LEN: usize = 75;

fn should_remove(doc: &Html, id: NodeId, tag: &str, flags: Flags<'_>, counts: &Inside) -> bool {
    let content_len = counts.run.len();
    let mut is_list = matches!(tag, "ul" | "ol");
    if !is_list {
        is_list = content_len > 0 && counts.list_len as f64 / content_len as f64 > LIST_TEXT_SHARE;
    }
    let weight = score::class_weight(doc, id, flags);
    if weight < 0.0 {
        return true;
    }
    if counts.commas >= MIN_COMMAS_TO_KEEP {
        return false;
    }
    if content_len <= LABEL_MAX_CHARS && hints::is_ad_or_loading_label(&dom::inner_text(doc, id)) {
        return true;
    }
    let p = counts.p as f64;
    let img = counts.img as f64;
    let li = counts.li as f64 - LI_ALLOWANCE;
    let input = counts.input as f64;
    let heading_density = if content_len > 0 {
        counts.heading_len as f64 / content_len as f64
    } else {
        0.0
    };
    let embeds = counts.embeds;
    let link_density = if content_len > 0 {
        counts.linked / content_len as f64
    } else {
        0.0
    };
    let in_figure = dom::has_ancestor(doc, id, "figure", FIGURE_ANCESTOR_MAX_DEPTH);

    let remove = (img > 1.0 && p / img < MIN_PARAGRAPHS_PER_IMAGE && !in_figure)
        || (!is_list && li > p)
        || (input > (p / PARAGRAPHS_PER_INPUT).floor())
        || (!is_list
            && heading_density < MAX_HEADING_DENSITY
            && content_len < MIN_CONTENT_LEN
            && (img == 0.0 || img > MAX_IMAGES_IN_SHORT_BLOCK)
            && link_density > 0.0
            && !in_figure)
        || (!is_list && weight < hints::CLASS_WEIGHT && link_density > MAX_LINK_DENSITY)
        || (weight >= hints::CLASS_WEIGHT && link_density > MAX_LINK_DENSITY_POSITIVE)
        || ((embeds == 1 && content_len < MIN_SINGLE_EMBED_CONTENT_LEN) || embeds > 1);
    if remove && is_list {
        // Galleries: a list whose every item is a single image stays.
        let items = dom::element_children(doc, id);
        let gallery = !items.is_empty()
            && items.iter().all(|li| {
                let kids = dom::element_children(doc, *li);
                kids.len() == 1
                    && dom::count_named(doc, *li, &["img"]) == 1
                    && dom::is_blank(doc, *li)
            });
        return !gallery;
    }
    remove
}

/// A one-line "Related: <a>Other story</a>" goes when at least this share
/// of it is link text.
const RELATED_LINE_MIN_LINK_DENSITY: f64 = 0.6;

/// Whole-link paragraphs that promote other stories rather than tell this
/// one. Two shapes, both common on news templates and both left alone by
/// scoring because they sit between real paragraphs:
///
/// - a headline in capitals that is nothing but a link ("SENATOR OPENS UP
///   ABOUT ..."), which news sites drop between paragraphs;
/// - a lead-in such as "You may also like..." or "Related stories" followed
///   by paragraphs that are each nothing but a link.
///
/// A link-only paragraph in sentence case with no lead-in stays: it may be
/// the story's own reference ("Read the full report").
fn remove_promo_links(doc: &mut Html, article: NodeId) {
    for p in dom::descendants_named(doc, article, &["p", "h3", "h4", "h5", "h6"]) {
        if doc.tree.get(p).is_none_or(|n| n.parent().is_none()) {
            continue;
        }
        let text = dom::inner_text(doc, p);
        if hints::is_related_lead_in(&text) {
            // The lead-in goes with the link-only blocks that follow it.
            let mut next = dom::next_element_sibling(doc, p);
            let mut links = Vec::new();
            while let Some(n) = next {
                if !is_link_block(doc, n) {
                    break;
                }
                links.push(n);
                next = dom::next_element_sibling(doc, n);
            }
            if !links.is_empty() {
                for n in links {
                    dom::remove(doc, n);
                }
                dom::remove(doc, p);
            }
            continue;
        }
        if is_link_only(doc, p) && hints::is_shouted_headline(&text) {
            dom::remove(doc, p);
            continue;
        }
        // "Related: <a>Other story</a>", "READ MORE: <a>...</a>" on one line.
        if let Some((lead, _)) = text.split_once(':') {
            if hints::is_related_lead_in(lead)
                && score::link_density(doc, p) >= RELATED_LINE_MIN_LINK_DENSITY
            {
                dom::remove(doc, p);
            }
        }
    }
}

/// Link density from which a list after a related lead-in is a list of
/// stories (its items carry teasers and dates beside the links).
const LINK_LIST_MIN_DENSITY: f64 = 0.3;

/// Link density from which a block after a related lead-in is a link.
const LINK_BLOCK_MIN_DENSITY: f64 = 0.5;

/// What follows a related lead-in: a list that is mostly links (items carry
/// a teaser line or a date beside the headline), or a block that is.
fn is_link_block(doc: &Html, id: NodeId) -> bool {
    match dom::tag(doc, id) {
        Some("ul" | "ol") => score::link_density(doc, id) >= LINK_LIST_MIN_DENSITY,
        Some("p" | "li" | "h3" | "h4" | "h5" | "h6" | "div") => {
            score::link_density(doc, id) >= LINK_BLOCK_MIN_DENSITY
        }
        _ => false,
    }
}

/// Blocks that may be a related-story pointer or a tail promo, each judged
/// only where no other such block is inside it ([`leaf_blocks`]): a wrapper
/// is judged through its leaves. A subset of [`dom::BLOCK_LEVEL`]: no table
/// rows or cells (a table with no such block inside is judged whole), and
/// none of `h1`, `pre`, `article`, `aside`, `nav`, `footer`, `form` and the
/// like, which are never one line of promotion.
const LEAF_BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "figcaption",
    "dl",
    "dd",
    "table",
    "figure",
    "header",
];

/// Block elements with no block inside them, in document order, found in
/// one walk.
fn leaf_blocks(doc: &Html, article: NodeId) -> Vec<NodeId> {
    use ego_tree::iter::Edge;
    let Some(root) = doc.tree.get(article) else {
        return Vec::new();
    };
    // Every block, in the order it opens, and whether one is inside it.
    let mut blocks: Vec<(NodeId, bool)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let is_block = |n: &ego_tree::NodeRef<'_, Node>| match n.value() {
        Node::Element(e) => LEAF_BLOCK_TAGS.contains(&&*e.name.local),
        _ => false,
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) if n.id() != article && is_block(&n) => {
                if let Some(&parent) = open.last() {
                    blocks[parent].1 = true;
                }
                open.push(blocks.len());
                blocks.push((n.id(), false));
            }
            Edge::Close(n) if n.id() != article && is_block(&n) => {
                open.pop();
            }
            _ => {}
        }
    }
    blocks
        .into_iter()
        .filter(|(_, inner)| !inner)
        .map(|(id, _)| id)
        .collect()
}

/// Characters of a block's opening read to test for a pointer prefix: more
/// than the longest of [`hints`]' prefixes.
const POINTER_START_CHARS: usize = 48;

/// Blocks this long or longer are prose, whatever their opening words.
const POINTER_MAX_CHARS: usize = 400;

/// Pointers to other stories ("Also on example.com: <headline>", "READ
/// MORE: <headline>"), whether or not the headline is a link: a card may
/// link as a whole from outside the block.
fn remove_related_pointers(doc: &mut Html, article: NodeId) {
    for b in leaf_blocks(doc, article) {
        // The opening words decide; the whole text is read only then.
        if hints::is_related_pointer_start(&dom::text_start(doc, b, POINTER_START_CHARS))
            && !dom::text_len_at_least(doc, b, POINTER_MAX_CHARS)
            && hints::is_related_pointer(&dom::inner_text(doc, b))
        {
            dom::remove(doc, b);
        }
    }
}

/// Longest story card, in words: a headline and a teaser line or two.
const CARD_MAX_WORDS: usize = 120;

/// Fewest cards that make a grid.
const CARDS_MIN: usize = 3;

/// A card's headings are all link, or nearly: at least this link density.
const CARD_HEADING_MIN_LINK_DENSITY: f64 = 0.9;

/// Grids of story cards merged into the article from a sibling section:
/// `article` elements inside the article, each short and headed by a
/// heading that is all link ("<h2><a>Other story</a></h2><p>teaser</p>").
/// One such element may be a quoted story; three or more are a rail.
fn remove_story_cards(doc: &mut Html, article: NodeId) {
    let cards: Vec<NodeId> = dom::iter_named(doc, article, &["article"])
        .filter(|a| {
            let headings: Vec<NodeId> = dom::iter_named(doc, *a, &["h1", "h2", "h3", "h4"])
                .filter(|h| !dom::is_blank(doc, *h))
                .collect();
            !headings.is_empty()
                && headings
                    .iter()
                    .all(|h| score::link_density(doc, *h) >= CARD_HEADING_MIN_LINK_DENSITY)
                && short_text(doc, *a, CARD_MAX_WORDS).is_some()
        })
        .collect();
    if cards.len() >= CARDS_MIN {
        for c in cards {
            dom::remove(doc, c);
        }
    }
}

/// Longest promotional line, in words.
const TAIL_PROMO_MAX_WORDS: usize = 60;

/// Fewest characters of the paragraph taken as the story's last prose.
const PROSE_MIN_CHARS: usize = 120;
/// Fewest words of the paragraph taken as the story's last prose.
const PROSE_MIN_WORDS: usize = 25;
/// The paragraph taken as the story's last prose has less link density.
const PROSE_MAX_LINK_DENSITY: f64 = 0.3;

/// Newsletter offers, follow-us and tip lines, app plugs that templates put
/// after a story ("Sign up for our morning newsletter", "Follow Jane on
/// Twitter", "Have a tip? Email us"). Looked for only after the story's
/// last paragraph of prose, where reporting does not go on, so that "listen
/// to" or "subscribe" in the story itself stays.
fn remove_tail_promos(doc: &mut Html, article: NodeId) {
    let order: Vec<NodeId> = doc
        .tree
        .get(article)
        .map(|n| n.descendants().map(|d| d.id()).collect())
        .unwrap_or_default();
    // The last paragraph of prose: long and not links. A long paragraph
    // that also holds a prompt counts too: an author's bio that ends with
    // "Follow him on Twitter" is one readers keep.
    let paragraphs = dom::descendants_named(doc, article, &["p"]);
    let last = paragraphs.into_iter().rev().find(|p| {
        dom::text_len_at_least(doc, *p, PROSE_MIN_CHARS)
            && !dom::has_ancestor(doc, *p, "figure", 0)
            && score::link_density(doc, *p) < PROSE_MAX_LINK_DENSITY
            && dom::inner_text(doc, *p).split_whitespace().count() >= PROSE_MIN_WORDS
    });
    let Some(last) = last else { return };
    let Some(start) = order.iter().position(|o| *o == last) else {
        return;
    };
    let inside = doc.tree.get(last).map_or(0, |n| n.descendants().count());
    let after: HashSet<NodeId> = order[start + inside..].iter().copied().collect();
    for b in leaf_blocks(doc, article) {
        if !after.contains(&b) {
            continue;
        }
        if short_text(doc, b, TAIL_PROMO_MAX_WORDS).is_some_and(|t| hints::is_tail_promo(&t)) {
            dom::remove(doc, b);
        }
    }
}

/// Characters per word from which a block is too long for [`short_text`]
/// without counting its words (no language averages twelve).
const MAX_CHARS_PER_WORD: usize = 12;

/// A block's text when it has at most `max_words` words. Blocks of twelve
/// characters a word or more are turned away before any text is built:
/// most blocks asked about are long paragraphs.
fn short_text(doc: &Html, id: NodeId, max_words: usize) -> Option<String> {
    if dom::text_len_at_least(doc, id, max_words * MAX_CHARS_PER_WORD) {
        return None;
    }
    let t = dom::inner_text(doc, id);
    (t.split_whitespace().count() <= max_words).then_some(t)
}

/// Link density from which a block's text is all link (a stray space or
/// bullet beside the links is allowed).
const LINK_ONLY_MIN_DENSITY: f64 = 0.95;

/// A block whose text is all inside one or more links (lists of links count).
fn is_link_only(doc: &Html, id: NodeId) -> bool {
    if !matches!(
        dom::tag(doc, id),
        Some("p" | "ul" | "ol" | "li" | "h3" | "h4" | "h5" | "h6" | "div")
    ) {
        return false;
    }
    // An empty block has density 0: no separate length check needed.
    score::link_density(doc, id) >= LINK_ONLY_MIN_DENSITY
}
