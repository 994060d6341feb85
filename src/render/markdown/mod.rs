//! Article HTML to Markdown (CommonMark, with GFM pipe tables and `~~`).
//!
//! The walk is iterative: one pass over ego_tree's `traverse()` edges, with
//! an explicit stack of frames saying what each open element does when it
//! closes. Nothing recurses per level of the document, so arbitrarily deep
//! pages cannot overflow wasm's small stack.
//!
//! The model: inline content accumulates in one buffer (`inline`); block
//! boundaries flush it as a paragraph. Emphasis, links and code spans are
//! applied when their element closes, to the slice of the buffer they
//! cover, so leading/trailing spaces can be moved outside the delimiters and
//! empty ones dropped. Blockquotes and list items are "containers": a prefix
//! (`> `, `- `, `1. ` then indentation) put in front of every line emitted
//! while they are open. A `'\n'` in the inline buffer is a hard line break
//! (`<br>`); text never contributes one since its whitespace is collapsed.

mod escape;
mod tables;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

use self::escape::{
    collapse, destination, escape_brackets, escape_line_start, escape_text, heading_line,
    join_lines, longest_run, push_space, push_text, same_text,
};
use self::tables::Table;
use crate::Article;

/// The article as Markdown: a `#` title line, then the content.
pub fn to_markdown(article: &Article) -> String {
    let mut w = Writer::default();
    if let Some(title) = article.title.as_deref() {
        let title = collapse(title);
        if !title.is_empty() {
            let line = heading_line(1, &escape_text(&title));
            w.emit_lines(&[line]);
            w.title = Some(title);
        }
    }
    let doc = Html::parse_fragment(&article.content);
    w.walk(&doc);
    let mut out = w.out;
    let end = out.trim_end().len();
    out.truncate(end);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Elements whose content is dropped entirely.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "button",
    "input", "select", "textarea", "option", "object", "embed", "canvas", "map", "source", "track",
    "param", "audio", "video", "iframe", "wbr", "colgroup", "col",
];

/// Elements that only separate paragraphs.
const PARAGRAPHS: &[&str] = &[
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "address",
    "figure", "dl", "dd", "details", "dialog", "center", "form", "fieldset", "legend", "hgroup",
    "body", "html", "search",
];

/// What an open element does when it closes.
#[derive(Debug)]
enum Frame {
    /// Flush the paragraph.
    Block,
    /// Push a space (block elements inside a heading or table cell).
    Space,
    /// A wrap applied to the inline buffer from `start` on.
    Wrap {
        start: usize,
        kind: Wrap,
    },
    Heading(usize),
    /// A blockquote or list item container (index into `containers`).
    Container,
    List,
    Pre {
        buf: String,
        lang: Option<String>,
    },
    Table(Box<Table>),
    Row,
    /// `thead`: its rows are the table's header.
    Head,
    Cell {
        colspan: usize,
    },
    Caption,
}

#[derive(Debug)]
enum Wrap {
    Em,
    Strong,
    Strike,
    Code,
    Link { href: String, title: Option<String> },
    Html(&'static str),
}

#[derive(Debug)]
struct Container {
    /// Prefix of the container's first line (`"> "`, `"- "`, `"3. "`).
    first: String,
    /// Prefix of its later lines.
    rest: String,
    /// Whether its first line has been written.
    used: bool,
    /// Whether its first block follows the previous line without a blank line
    /// (list items after the first, nested lists).
    tight: bool,
}

#[derive(Debug)]
struct ListState {
    ordered: bool,
    next: u64,
    items: usize,
    /// Width of the last item's marker (`"- "`: 2, `"10. "`: 4).
    marker_width: usize,
    /// `containers.len()` inside the list, outside its items.
    depth: usize,
}

#[derive(Default)]
struct Writer {
    out: String,
    inline: String,
    frames: Vec<(NodeId, Frame)>,
    containers: Vec<Container>,
    lists: Vec<ListState>,
    /// Inside a heading or a table cell: blocks degrade to spaces.
    inline_only: usize,
    /// The article's title, to drop a leading heading that repeats it.
    title: Option<String>,
    blocks: usize,
    /// Subtree being skipped.
    skip: Option<NodeId>,
    /// Depth of open `pre` frames (text goes to the innermost).
    pre: usize,
    em: usize,
    strong: usize,
    strike: usize,
    code: usize,
    link: usize,
    /// `containers.len()` when the last list closed, if nothing came since:
    /// two adjacent lists need a separator or Markdown merges them.
    list_ended_at: Option<usize>,
    /// The last emphasis-like wrap: where it ended in `inline`, which kind,
    /// and the delimiter used; lets an adjacent one merge or switch delimiters.
    last_wrap: Option<(usize, u8, &'static str)>,
    in_thead: usize,
}

impl Writer {
    fn walk(&mut self, doc: &Html) {
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if self.skip.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Element(e) => self.open(node, e),
                        Node::Text(t) => self.text(&t.text),
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(skip) = self.skip {
                        if skip == node.id() {
                            self.skip = None;
                        }
                        continue;
                    }
                    if node.value().is_element() {
                        self.close(node.id());
                    }
                }
            }
        }
        self.flush();
    }

    /// The checks run in this order because inside `pre` only text counts,
    /// a skipped element hides whatever it is, and inline elements read the
    /// same in a heading or cell, where everything else is only spacing.
    fn open(&mut self, node: NodeRef<'_, Node>, e: &Element) {
        let id = node.id();
        let name = e.name();
        if self.pre > 0 {
            self.open_in_pre(id, e);
            return;
        }
        if SKIP.contains(&name) {
            self.embed(e);
            self.skip = Some(id);
            return;
        }
        if self.open_inline(id, e) {
            return;
        }
        if self.inline_only > 0 {
            self.open_in_inline_only(id, name);
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.open_heading(id, name),
            "dt" | "summary" | "figcaption" => self.open_label(id, name),
            "blockquote" => self.open_quote(id),
            "ul" | "ol" | "menu" => self.open_list(id, e),
            "li" => self.open_item(id),
            "pre" => self.open_pre(id, e),
            "table" | "thead" | "tr" | "td" | "th" | "caption" => self.open_table_part(node, e),
            _ if PARAGRAPHS.contains(&name) || is_blockish(name) => {
                self.flush();
                self.frames.push((id, Frame::Block));
            }
            _ => {}
        }
    }

    /// Inside `pre` the text is kept as it is: of its elements only line
    /// breaks, the code's language and skipped content matter.
    fn open_in_pre(&mut self, id: NodeId, e: &Element) {
        match e.name() {
            "br" => self.pre_buf().push('\n'),
            "code" => {
                if let Some(lang) = language(e) {
                    if let Some(Frame::Pre { lang: l @ None, .. }) = self.top_pre() {
                        *l = Some(lang);
                    }
                }
            }
            name if SKIP.contains(&name) => self.skip = Some(id),
            _ => {}
        }
    }

    /// Elements handled alike inside a heading or a cell and elsewhere (`hr`
    /// only degrades to a space there); false when `e` is none of them.
    fn open_inline(&mut self, id: NodeId, e: &Element) -> bool {
        match e.name() {
            "br" => self.inline.push('\n'),
            "img" => self.image(e),
            "hr" => {
                if self.inline_only > 0 {
                    self.space();
                } else {
                    self.flush();
                    self.emit_lines(&["---".to_string()]);
                }
            }
            "a" => self.open_link(id, e),
            name => return self.open_emphasis(id, name),
        }
        true
    }

    /// Emphasis, code spans and `sup`/`sub`; false when `name` is none of
    /// them. An emphasis inside the same emphasis adds nothing, and nothing
    /// is markup inside a code span, so those open no wrap.
    fn open_emphasis(&mut self, id: NodeId, name: &str) -> bool {
        match name {
            "em" | "i" | "cite" | "dfn" | "var" => {
                if self.em == 0 && self.code == 0 {
                    self.em += 1;
                    self.push_wrap(id, Wrap::Em);
                }
            }
            "strong" | "b" => {
                if self.strong == 0 && self.code == 0 {
                    self.strong += 1;
                    self.push_wrap(id, Wrap::Strong);
                }
            }
            "del" | "s" | "strike" => {
                if self.strike == 0 && self.code == 0 {
                    self.strike += 1;
                    self.push_wrap(id, Wrap::Strike);
                }
            }
            "code" | "kbd" | "samp" | "tt" => {
                if self.code == 0 {
                    self.code += 1;
                    self.push_wrap(id, Wrap::Code);
                }
            }
            "sup" | "sub" => {
                if self.code == 0 {
                    let tag = if name == "sup" { "sup" } else { "sub" };
                    self.push_wrap(id, Wrap::Html(tag));
                }
            }
            _ => return false,
        }
        true
    }

    /// A link inside a link or a code span cannot be written: its text
    /// stays, its destination goes.
    fn open_link(&mut self, id: NodeId, e: &Element) {
        if self.link > 0 || self.code > 0 {
            return;
        }
        if let Some(href) = e.attr("href").map(str::trim).filter(|h| !h.is_empty()) {
            self.link += 1;
            let title = e.attr("title").map(collapse).filter(|t| !t.is_empty());
            self.push_wrap(
                id,
                Wrap::Link {
                    href: href.to_string(),
                    title,
                },
            );
        }
    }

    /// Inside a heading or table cell, which are one line each: structure
    /// becomes spacing, and a `pre` a code span.
    fn open_in_inline_only(&mut self, id: NodeId, name: &str) {
        if name == "pre" {
            if self.code == 0 {
                self.code += 1;
                self.push_wrap(id, Wrap::Code);
            }
        } else if is_blockish(name) {
            self.space();
            self.frames.push((id, Frame::Space));
        }
    }

    fn open_heading(&mut self, id: NodeId, name: &str) {
        self.flush();
        let level = (name.as_bytes()[1] - b'0') as usize;
        self.inline_only += 1;
        self.frames.push((id, Frame::Heading(level)));
    }

    /// Terms and summaries read as bold lines, figure captions as italic
    /// ones: Markdown has no element for them.
    fn open_label(&mut self, id: NodeId, name: &str) {
        self.flush();
        self.frames.push((id, Frame::Block));
        if name == "figcaption" {
            if self.em == 0 {
                self.em += 1;
                self.push_wrap(id, Wrap::Em);
            }
        } else if self.strong == 0 {
            self.strong += 1;
            self.push_wrap(id, Wrap::Strong);
        }
    }

    fn open_quote(&mut self, id: NodeId) {
        self.flush();
        self.containers.push(Container {
            first: "> ".into(),
            rest: "> ".into(),
            used: false,
            tight: false,
        });
        self.frames.push((id, Frame::Container));
    }

    fn open_list(&mut self, id: NodeId, e: &Element) {
        self.flush();
        if self.list_ended_at == Some(self.containers.len()) {
            // Keep two adjacent lists apart.
            self.emit_lines(&["<!-- -->".to_string()]);
        }
        // A list directly inside a list (not in an item) belongs to
        // the item before it: indent it under that item.
        let parent = self
            .lists
            .last()
            .filter(|l| l.depth == self.containers.len() && l.items > 0)
            .map(|l| l.marker_width);
        if let Some(width) = parent {
            let indent = " ".repeat(width);
            self.containers.push(Container {
                first: indent.clone(),
                rest: indent,
                used: false,
                tight: true,
            });
            self.frames.push((id, Frame::Container));
        }
        let ordered = e.name() == "ol";
        let start = e
            .attr("start")
            .and_then(|s| s.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .min(999_999_999);
        self.lists.push(ListState {
            ordered,
            next: start,
            items: 0,
            marker_width: 2,
            depth: self.containers.len(),
        });
        self.frames.push((id, Frame::List));
    }

    fn open_item(&mut self, id: NodeId) {
        self.flush();
        let nested = self
            .containers
            .last()
            .is_some_and(|c| c.used && c.is_item());
        let (marker, first_item) = match self.lists.last_mut() {
            Some(list) => {
                let marker = if list.ordered {
                    let m = format!("{}. ", list.next);
                    list.next += 1;
                    m
                } else {
                    "- ".to_string()
                };
                list.items += 1;
                list.marker_width = marker.len();
                (marker, list.items == 1)
            }
            None => ("- ".to_string(), true),
        };
        self.containers.push(Container {
            rest: " ".repeat(marker.len()),
            first: marker,
            used: false,
            tight: !first_item || nested,
        });
        self.frames.push((id, Frame::Container));
    }

    fn open_pre(&mut self, id: NodeId, e: &Element) {
        self.flush();
        self.pre += 1;
        self.frames.push((
            id,
            Frame::Pre {
                buf: String::new(),
                lang: language(e),
            },
        ));
    }

    fn close(&mut self, id: NodeId) {
        while self.frames.last().is_some_and(|(fid, _)| *fid == id) {
            let (_, frame) = self.frames.pop().expect("checked");
            self.close_frame(frame);
        }
    }

    fn close_frame(&mut self, frame: Frame) {
        match frame {
            Frame::Block => self.flush(),
            Frame::Space => {
                if self.inline_only > 0 {
                    self.space();
                }
            }
            Frame::Head => self.in_thead -= 1,
            Frame::Wrap { start, kind } => {
                match kind {
                    Wrap::Em => self.em -= 1,
                    Wrap::Strong => self.strong -= 1,
                    Wrap::Strike => self.strike -= 1,
                    Wrap::Code => self.code -= 1,
                    Wrap::Link { .. } => self.link -= 1,
                    Wrap::Html(_) => {}
                }
                self.apply_wrap(start, &kind);
            }
            Frame::Heading(level) => self.close_heading(level),
            Frame::Container => {
                self.flush();
                self.containers.pop();
            }
            Frame::List => {
                self.flush();
                self.lists.pop();
                self.list_ended_at = Some(self.containers.len());
            }
            Frame::Pre { buf, lang } => {
                self.pre -= 1;
                self.code_block(&buf, lang.as_deref());
            }
            Frame::Table(table) => {
                self.flush();
                self.emit_table(*table);
            }
            Frame::Row => {}
            Frame::Cell { colspan } => self.close_cell(colspan),
            Frame::Caption => self.close_caption(),
        }
    }

    fn close_heading(&mut self, level: usize) {
        self.inline_only -= 1;
        let text = self.take_inline();
        let text = join_lines(&text, " ");
        if text.is_empty() {
            return;
        }
        if self.blocks == 1 && self.title.as_deref().is_some_and(|t| same_text(t, &text)) {
            // The content repeats the title line already written.
            return;
        }
        self.emit_lines(&[heading_line(level, &text)]);
    }

    fn top_pre(&mut self) -> Option<&mut Frame> {
        self.frames
            .iter_mut()
            .rev()
            .map(|(_, f)| f)
            .find(|f| matches!(f, Frame::Pre { .. }))
    }

    fn pre_buf(&mut self) -> &mut String {
        match self.top_pre() {
            Some(Frame::Pre { buf, .. }) => buf,
            _ => unreachable!("pre > 0 implies an open Pre frame"),
        }
    }

    fn clear_inline(&mut self) {
        self.inline.clear();
        self.last_wrap = None;
    }

    fn push_wrap(&mut self, id: NodeId, kind: Wrap) {
        self.frames.push((
            id,
            Frame::Wrap {
                start: self.inline.len(),
                kind,
            },
        ));
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            self.pre_buf().push_str(text);
            return;
        }
        push_text(&mut self.inline, text, self.code > 0);
    }

    fn space(&mut self) {
        push_space(&mut self.inline);
    }

    fn image(&mut self, e: &Element) {
        let src = e.attr("src").map(str::trim).filter(|s| !s.is_empty());
        let Some(src) = src.or_else(|| e.attr("srcset").and_then(best_srcset)) else {
            return;
        };
        let alt = collapse(e.attr("alt").unwrap_or(""));
        let alt = escape_brackets(&alt);
        let title = e.attr("title").map(collapse).filter(|t| !t.is_empty());
        let md = format!("![{alt}]({})", destination(src, title.as_deref()));
        self.inline.push_str(&md);
    }

    /// A link to embedded media the Markdown cannot show.
    fn embed(&mut self, e: &Element) {
        let label = match e.name() {
            "video" => "Video",
            "audio" => "Audio",
            "iframe" => "Embedded content",
            _ => return,
        };
        let Some(src) = e.attr("src").map(str::trim).filter(|s| !s.is_empty()) else {
            return;
        };
        let text = e
            .attr("title")
            .map(collapse)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| label.to_string());
        let md = format!("[{}]({})", escape_text(&text), destination(src, None));
        if self.inline_only > 0 {
            self.space();
            self.inline.push_str(&md);
        } else {
            self.flush();
            self.inline.push_str(&md);
            self.flush();
        }
    }

    /// Applies a wrap to `inline[start..]`, keeping surrounding whitespace
    /// outside the delimiters and dropping empty wraps.
    fn apply_wrap(&mut self, start: usize, kind: &Wrap) {
        let prev = self.last_wrap.take();
        let start = start.min(self.inline.len());
        let content = self.inline.split_off(start);
        let trimmed = content.trim_matches([' ', '\n']);
        if trimmed.is_empty() {
            if !content.is_empty() {
                if content.contains('\n') {
                    self.inline.push('\n');
                } else {
                    self.space();
                }
            }
            return;
        }
        let lead = &content[..content.len() - content.trim_start_matches([' ', '\n']).len()];
        let trail = &content[content.trim_end_matches([' ', '\n']).len()..];
        self.inline.push_str(lead);
        // Whitespace in between keeps the previous wrap apart.
        let prev = prev.filter(|_| lead.is_empty());
        match kind {
            Wrap::Em => self.push_emphasis(1, ("*", "_"), prev, trimmed),
            Wrap::Strong => self.push_emphasis(2, ("**", "__"), prev, trimmed),
            Wrap::Strike => self.push_emphasis(3, ("~~", "~~"), prev, trimmed),
            Wrap::Code => self.push_code_span(trimmed),
            Wrap::Link { href, title } => {
                self.inline.push('[');
                self.inline.push_str(trimmed);
                self.inline.push_str("](");
                self.inline.push_str(&destination(href, title.as_deref()));
                self.inline.push(')');
            }
            Wrap::Html(tag) => {
                self.inline.push('<');
                self.inline.push_str(tag);
                self.inline.push('>');
                self.inline.push_str(trimmed);
                self.inline.push_str("</");
                self.inline.push_str(tag);
                self.inline.push('>');
            }
        }
        self.inline.push_str(trail);
    }

    /// Writes `text` as emphasis of kind `tag`, delimited by `star`, or by
    /// `underscore` next to a `*` one; `prev` is the last emphasis written,
    /// when no whitespace separates it from `text`.
    fn push_emphasis(
        &mut self,
        tag: u8,
        (star, underscore): (&'static str, &'static str),
        prev: Option<(usize, u8, &'static str)>,
        text: &str,
    ) {
        // Touching the previous wrap, unless an enclosing wrap opens in
        // between (its delimiter will separate them).
        let touching = prev.filter(|&(end, _, delim)| {
            end == self.inline.len()
                && !self.frames.iter().any(
                    |(_, f)| matches!(f, Frame::Wrap { start, .. } if *start > end - delim.len()),
                )
        });
        match touching {
            // `**a****b**` would not parse: extend the previous one.
            Some((_, t, delim)) if t == tag => {
                self.inline.truncate(self.inline.len() - delim.len());
                self.inline.push_str(text);
                self.inline.push_str(delim);
                self.last_wrap = Some((self.inline.len(), tag, delim));
            }
            _ => {
                // `**a***b*` would not parse either: switch to `_`.
                let delim = match touching {
                    Some((_, _, d)) if d.starts_with('*') => underscore,
                    _ => star,
                };
                self.inline.push_str(delim);
                self.inline.push_str(text);
                self.inline.push_str(delim);
                self.last_wrap = Some((self.inline.len(), tag, delim));
            }
        }
    }

    fn push_code_span(&mut self, text: &str) {
        let body = text.replace('\n', " ");
        let fence = "`".repeat(longest_run(&body, '`') + 1);
        let pad = if body.starts_with('`') || body.ends_with('`') {
            " "
        } else {
            ""
        };
        self.inline.push_str(&fence);
        self.inline.push_str(pad);
        self.inline.push_str(&body);
        self.inline.push_str(pad);
        self.inline.push_str(&fence);
    }

    /// element cut by a block boundary is wrapped on both sides.
    fn take_inline(&mut self) -> String {
        let opens: Vec<usize> = (0..self.frames.len())
            .rev()
            .filter(|&i| matches!(self.frames[i].1, Frame::Wrap { .. }))
            .collect();
        for i in opens {
            let (start, kind) = match &mut self.frames[i].1 {
                Frame::Wrap { start, kind } => (*start, std::mem::replace(kind, Wrap::Em)),
                _ => unreachable!(),
            };
            self.apply_wrap(start, &kind);
            if let Frame::Wrap { start, kind: k } = &mut self.frames[i].1 {
                *start = 0;
                *k = kind;
            }
        }
        self.last_wrap = None;
        std::mem::take(&mut self.inline)
    }

    /// Writes the pending inline content as paragraphs.
    fn flush(&mut self) {
        if self.inline.trim_matches([' ', '\n']).is_empty() {
            self.clear_inline();
            // Wraps still restart at the (empty) buffer.
            for (_, f) in &mut self.frames {
                if let Frame::Wrap { start, .. } = f {
                    *start = 0;
                }
            }
            return;
        }
        let text = self.take_inline();
        let mut para: Vec<String> = Vec::new();
        for line in text.split('\n').map(|l| l.trim_matches(' ')) {
            if line.is_empty() {
                // Two breaks in a row separate paragraphs.
                if !para.is_empty() {
                    self.paragraph(std::mem::take(&mut para));
                }
            } else {
                para.push(escape_line_start(line));
            }
        }
        if !para.is_empty() {
            self.paragraph(para);
        }
    }

    fn paragraph(&mut self, mut lines: Vec<String>) {
        let n = lines.len();
        for line in lines.iter_mut().take(n - 1) {
            line.push('\\');
        }
        self.emit_lines(&lines);
    }

    fn code_block(&mut self, buf: &str, lang: Option<&str>) {
        let body = buf.strip_prefix('\n').unwrap_or(buf);
        let body = body.strip_prefix('\r').unwrap_or(body);
        let body = body.trim_end();
        // Drop blank leading lines but keep the first line's indentation.
        let body = match body.char_indices().find(|&(_, c)| !c.is_whitespace()) {
            Some(_) => {
                let mut b = body;
                while let Some(nl) = b.find('\n') {
                    if b[..nl].trim().is_empty() {
                        b = &b[nl + 1..];
                    } else {
                        break;
                    }
                }
                b
            }
            None => return,
        };
        let fence_ch = '`';
        let n = (longest_run(body, fence_ch) + 1).max(3);
        let fence: String = std::iter::repeat_n(fence_ch, n).collect();
        let mut lines = vec![format!("{fence}{}", lang.unwrap_or(""))];
        lines.extend(body.lines().map(|l| l.trim_end_matches('\r').to_string()));
        lines.push(fence);
        self.emit_lines(&lines);
    }

    /// Writes block lines under the open containers' prefixes, after a blank
    /// line unless the block opens a tight list item.
    fn emit_lines(&mut self, lines: &[String]) {
        if lines.is_empty() {
            return;
        }
        self.blocks += 1;
        self.list_ended_at = None;
        if !self.out.is_empty() {
            let tight = self
                .containers
                .iter()
                .find(|c| !c.used)
                .is_some_and(|c| c.tight);
            if !tight {
                let mut prefix = String::new();
                for c in self.containers.iter().filter(|c| c.used) {
                    prefix.push_str(&c.rest);
                }
                self.out.push_str(prefix.trim_end());
                self.out.push('\n');
            }
        }
        for line in lines {
            let mut prefix = String::new();
            for c in &mut self.containers {
                if c.used {
                    prefix.push_str(&c.rest);
                } else {
                    prefix.push_str(&c.first);
                    c.used = true;
                }
            }
            if line.is_empty() {
                self.out.push_str(prefix.trim_end());
            } else {
                self.out.push_str(&prefix);
                self.out.push_str(line);
            }
            self.out.push('\n');
        }
    }
}

impl Container {
    fn is_item(&self) -> bool {
        self.first != "> "
    }
}

/// Elements that start a new block (besides the specially handled ones).
fn is_blockish(name: &str) -> bool {
    PARAGRAPHS.contains(&name)
        || matches!(
            name,
            "h1" | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "ul"
                | "ol"
                | "menu"
                | "li"
                | "blockquote"
                | "table"
                | "thead"
                | "tbody"
                | "tfoot"
                | "tr"
                | "td"
                | "th"
                | "caption"
                | "dt"
                | "summary"
                | "figcaption"
                | "pre"
        )
}

/// The widest candidate of a `srcset` (the last one when none has a width).
fn best_srcset(srcset: &str) -> Option<&str> {
    let mut best: Option<(&str, f64)> = None;
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        // The URL runs to whitespace; a trailing comma ends the candidate.
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (mut url, mut after) = rest.split_at(end);
        let mut descriptor = "";
        if url.ends_with(',') {
            url = url.trim_end_matches(',');
        } else {
            let stop = after.find(',').unwrap_or(after.len());
            descriptor = after[..stop].trim();
            after = &after[stop..];
        }
        rest = after;
        let size = descriptor
            .strip_suffix(['w', 'x'])
            .and_then(|n| n.trim().parse::<f64>().ok())
            .unwrap_or(0.0);
        if !url.is_empty() && best.is_none_or(|(_, b)| size >= b) {
            best = Some((url, size));
        }
    }
    best.map(|(url, _)| url)
}

/// `language-rust` / `lang-rust` class on a `pre` or `code`.
fn language(e: &Element) -> Option<String> {
    e.classes().find_map(|c| {
        c.strip_prefix("language-")
            .or_else(|| c.strip_prefix("lang-"))
            .filter(|l| {
                !l.is_empty()
                    && l.chars()
                        .all(|c| c.is_alphanumeric() || "+-#._".contains(c))
            })
            .map(str::to_string)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn md(html: &str) -> String {
        to_markdown(&Article {
            content: html.to_string(),
            ..Article::default()
        })
    }

    fn md_titled(title: &str, html: &str) -> String {
        to_markdown(&Article {
            title: Some(title.to_string()),
            content: html.to_string(),
            ..Article::default()
        })
    }

    #[test]
    fn title_and_paragraphs() {
        let out = md_titled("Rain *returns*", "<p>One  two\n three.</p><p>Four.</p>");
        assert_eq!(out, "# Rain \\*returns\\*\n\nOne two three.\n\nFour.\n");
    }

    #[test]
    fn empty_article() {
        assert_eq!(md(""), "");
        assert_eq!(md("<div> <p> </p> </div>"), "");
    }

    #[test]
    fn leading_heading_repeating_title_is_dropped() {
        let out = md_titled(
            "Rain returns",
            "<h1>Rain returns</h1><p>Text.</p><h2>More</h2>",
        );
        assert_eq!(out, "# Rain returns\n\nText.\n\n## More\n");
    }

    #[test]
    fn headings() {
        let out = md("<h2>Sub <em>title</em></h2><p>x</p><h3>Third<br>line</h3><h4>C#</h4>");
        assert_eq!(out, "## Sub *title*\n\nx\n\n### Third line\n\n#### C\\#\n");
    }

    #[test]
    fn adjacent_emphasis_stays_parseable() {
        assert_eq!(
            md("<p><b>foo</b><b>bar</b> <b>baz</b></p>"),
            "**foobar** **baz**\n"
        );
        assert_eq!(
            md("<p><b>x</b><i>y</i> <i>z</i><b>w</b></p>"),
            "**x**_y_ *z*__w__\n"
        );
        assert_eq!(md("<p><del>a</del><del>b</del></p>"), "~~ab~~\n");
        assert_eq!(
            md("<p><b>[</b><a href=\"https://e.com\"><b>E</b></a><b>]</b></p>"),
            "**\\[**[**E**](https://e.com)**\\]**\n"
        );
    }

    #[test]
    fn emphasis_moves_spaces_outside() {
        let out = md("<p>a<em> b </em>c <strong>d</strong><b></b> <i> </i>e <del>f</del></p>");
        assert_eq!(out, "a *b* c **d** e ~~f~~\n");
    }

    #[test]
    fn nested_same_emphasis_is_not_doubled() {
        assert_eq!(md("<p><em>a <i>b</i></em></p>"), "*a b*\n");
    }

    #[test]
    fn links_and_images() {
        let out = md(concat!(
            r#"<p>See <a href="https://e.com/a b(1)" title="T &quot;q&quot;">the <b>site</b></a>."#,
            r#" <a href="https://e.com/x"><img src="https://e.com/i.png" alt="An [image]"></a>"#,
            r#" <a name="anchor">plain</a></p>"#
        ));
        assert_eq!(
            out,
            "See [the **site**](https://e.com/a%20b\\(1\\) \"T \\\"q\\\"\"). \
             [![An \\[image\\]](https://e.com/i.png)](https://e.com/x) plain\n"
        );
    }

    #[test]
    fn line_breaks() {
        let out = md("<p>one<br>two<br><br>three<br></p>");
        assert_eq!(out, "one\\\ntwo\n\nthree\n");
    }

    #[test]
    fn unordered_and_ordered_lists_nested() {
        let out = md(concat!(
            "<p>Intro</p><ul><li>a</li><li>b<ol start=\"3\"><li>c</li><li>d</li></ol></li>",
            "<li><p>e</p><p>f</p></li></ul><p>After</p>"
        ));
        assert_eq!(
            out,
            "Intro\n\n- a\n- b\n  3. c\n  4. d\n- e\n\n  f\n\nAfter\n"
        );
    }

    #[test]
    fn adjacent_lists_stay_apart() {
        let out = md("<ul><li>a</li></ul><ul><li>b</li></ul>");
        assert_eq!(out, "- a\n\n<!-- -->\n\n- b\n");
    }

    #[test]
    fn blockquote_with_content() {
        let out =
            md("<blockquote><p>Quoted</p><p>More</p><ul><li>x</li></ul></blockquote><p>Out</p>");
        assert_eq!(out, "> Quoted\n>\n> More\n>\n> - x\n\nOut\n");
    }

    #[test]
    fn nested_blockquote_in_list() {
        let out = md("<ol><li>item<blockquote>q</blockquote></li></ol>");
        assert_eq!(out, "1. item\n\n   > q\n");
    }

    #[test]
    fn code_blocks_keep_whitespace() {
        let out = md(concat!(
            "<pre><code class=\"language-rust\">fn main() {\n    let x = 1;\n\n    ```\n}\n</code></pre>",
            "<p>Use <code>a `b`</code> and <code>*c*</code>.</p>"
        ));
        assert_eq!(
            out,
            "````rust\nfn main() {\n    let x = 1;\n\n    ```\n}\n````\n\nUse `` a `b` `` and `*c*`.\n"
        );
    }

    #[test]
    fn code_block_with_br_and_spans() {
        let out = md("<pre><span>a</span> &lt;b&gt;<br>  c</pre>");
        assert_eq!(out, "```\na <b>\n  c\n```\n");
    }

    #[test]
    fn code_block_in_list_is_indented() {
        let out = md("<ul><li>x<pre>a\n\nb</pre></li></ul>");
        assert_eq!(out, "- x\n\n  ```\n  a\n\n  b\n  ```\n");
    }

    #[test]
    fn list_directly_inside_list_nests_under_previous_item() {
        let out = md("<ol><li>one</li><li>two</li><ol><li>sub</li></ol><li>three</li></ol>");
        assert_eq!(out, "1. one\n2. two\n   1. sub\n3. three\n");
        // With no item before it, it stays flat.
        assert_eq!(md("<ul><ul><li>x</li></ul></ul>"), "- x\n");
    }

    #[test]
    fn srcset_when_no_src() {
        let out = md(
            r#"<p><img alt="a" srcset="https://e.com/s.jpg 320w, https://e.com/l.jpg 1024w, https://e.com/m.jpg 640w"></p>"#,
        );
        assert_eq!(out, "![a](https://e.com/l.jpg)\n");
        assert_eq!(best_srcset("a.png, b.png 2x"), Some("b.png"));
        assert_eq!(
            best_srcset("data:image/png;base64,AAAA 1x"),
            Some("data:image/png;base64,AAAA")
        );
        assert_eq!(best_srcset(" , "), None);
    }

    #[test]
    fn figures_hr_and_media() {
        let out = md(concat!(
            "<figure><img src=\"https://e.com/a.jpg\" alt=\"A\"><figcaption>The <b>cap</b></figcaption></figure>",
            "<hr><p>x</p><iframe src=\"https://v.com/e/1\"></iframe><script>alert(1)</script>"
        ));
        assert_eq!(
            out,
            "![A](https://e.com/a.jpg)\n\n*The **cap***\n\n---\n\nx\n\n[Embedded content](https://v.com/e/1)\n"
        );
    }

    #[test]
    fn link_cut_by_block_wraps_each_part() {
        let out = md("<a href=\"https://e.com\"><p>one</p><p>two</p></a>");
        assert_eq!(out, "[one](https://e.com)\n\n[two](https://e.com)\n");
    }

    #[test]
    fn sup_and_definition_lists() {
        let out = md("<p>x<sup>2</sup></p><dl><dt>Term</dt><dd>Def</dd></dl>");
        assert_eq!(out, "x<sup>2</sup>\n\n**Term**\n\nDef\n");
    }

    #[test]
    fn very_deep_nesting_does_not_overflow() {
        let depth = 1_500;
        let mut html = String::new();
        for _ in 0..depth {
            html.push_str("<div><blockquote><span>");
        }
        html.push_str("deep");
        for _ in 0..depth {
            html.push_str("</span></blockquote></div>");
        }
        // Run on a small stack, like wasm's.
        let out = std::thread::Builder::new()
            .stack_size(128 * 1024)
            .spawn(move || md(&html))
            .unwrap()
            .join()
            .unwrap();
        assert!(out.trim_end().ends_with("deep"));
    }
}
