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

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

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

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Row>,
    caption: Option<String>,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<String>,
    all_th: bool,
    in_head: bool,
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

    fn open(&mut self, node: NodeRef<'_, Node>, e: &Element) {
        let id = node.id();
        let name = e.name();
        if self.pre > 0 {
            match name {
                "br" => self.pre_buf().push('\n'),
                "code" => {
                    if let Some(lang) = language(e) {
                        if let Some(Frame::Pre { lang: l @ None, .. }) = self.top_pre() {
                            *l = Some(lang);
                        }
                    }
                }
                _ if SKIP.contains(&name) => self.skip = Some(id),
                _ => {}
            }
            return;
        }
        if SKIP.contains(&name) {
            self.embed(e);
            self.skip = Some(id);
            return;
        }
        match name {
            "br" => {
                self.inline.push('\n');
                return;
            }
            "img" => {
                self.image(e);
                return;
            }
            "hr" => {
                if self.inline_only > 0 {
                    self.space();
                } else {
                    self.flush();
                    self.emit_lines(&["---".to_string()]);
                }
                return;
            }
            "em" | "i" | "cite" | "dfn" | "var" => {
                if self.em == 0 && self.code == 0 {
                    self.em += 1;
                    self.push_wrap(id, Wrap::Em);
                }
                return;
            }
            "strong" | "b" => {
                if self.strong == 0 && self.code == 0 {
                    self.strong += 1;
                    self.push_wrap(id, Wrap::Strong);
                }
                return;
            }
            "del" | "s" | "strike" => {
                if self.strike == 0 && self.code == 0 {
                    self.strike += 1;
                    self.push_wrap(id, Wrap::Strike);
                }
                return;
            }
            "code" | "kbd" | "samp" | "tt" => {
                if self.code == 0 {
                    self.code += 1;
                    self.push_wrap(id, Wrap::Code);
                }
                return;
            }
            "sup" | "sub" => {
                if self.code == 0 {
                    let tag = if name == "sup" { "sup" } else { "sub" };
                    self.push_wrap(id, Wrap::Html(tag));
                }
                return;
            }
            "a" => {
                if self.link == 0 && self.code == 0 {
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
                return;
            }
            _ => {}
        }

        if self.inline_only > 0 {
            // Inside a heading or table cell: structure becomes spacing.
            if name == "pre" {
                if self.code == 0 {
                    self.code += 1;
                    self.push_wrap(id, Wrap::Code);
                }
            } else if is_blockish(name) {
                self.space();
                self.frames.push((id, Frame::Space));
            }
            return;
        }

        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = (name.as_bytes()[1] - b'0') as usize;
                self.inline_only += 1;
                self.frames.push((id, Frame::Heading(level)));
            }
            "dt" | "summary" => {
                self.flush();
                self.frames.push((id, Frame::Block));
                if self.strong == 0 {
                    self.strong += 1;
                    self.push_wrap(id, Wrap::Strong);
                }
            }
            "figcaption" => {
                self.flush();
                self.frames.push((id, Frame::Block));
                if self.em == 0 {
                    self.em += 1;
                    self.push_wrap(id, Wrap::Em);
                }
            }
            "blockquote" => {
                self.flush();
                self.containers.push(Container {
                    first: "> ".into(),
                    rest: "> ".into(),
                    used: false,
                    tight: false,
                });
                self.frames.push((id, Frame::Container));
            }
            "ul" | "ol" | "menu" => {
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
                let ordered = name == "ol";
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
            "li" => {
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
            "pre" => {
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
            "table" => {
                self.flush();
                if is_data_table(node) {
                    self.frames.push((id, Frame::Table(Box::default())));
                } else {
                    // A layout table: its cells are just blocks.
                    self.frames.push((id, Frame::Block));
                }
            }
            "thead" => {
                self.in_thead += 1;
                self.frames.push((id, Frame::Head));
            }
            "tr" => {
                let in_head = self.in_thead > 0;
                if let Some(t) = self.table() {
                    t.rows.push(Row {
                        cells: Vec::new(),
                        all_th: true,
                        in_head,
                    });
                }
                self.frames.push((id, Frame::Row));
            }
            "td" | "th" => {
                if self.table().is_none() {
                    self.flush();
                    self.frames.push((id, Frame::Block));
                    return;
                }
                // Stray text between cells is not part of any cell.
                self.clear_inline();
                let is_th = name == "th";
                if let Some(t) = self.table() {
                    if t.rows.is_empty() {
                        t.rows.push(Row {
                            all_th: true,
                            ..Row::default()
                        });
                    }
                    if let Some(row) = t.rows.last_mut() {
                        row.all_th &= is_th;
                    }
                }
                let colspan = e
                    .attr("colspan")
                    .and_then(|s| s.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 100);
                self.inline_only += 1;
                self.frames.push((id, Frame::Cell { colspan }));
            }
            "caption" => {
                if self.table().is_some() {
                    self.clear_inline();
                    self.inline_only += 1;
                    self.frames.push((id, Frame::Caption));
                } else {
                    self.flush();
                    self.frames.push((id, Frame::Block));
                }
            }
            _ if PARAGRAPHS.contains(&name) || is_blockish(name) => {
                self.flush();
                self.frames.push((id, Frame::Block));
            }
            _ => {}
        }
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
            Frame::Heading(level) => {
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
            Frame::Cell { colspan } => {
                self.inline_only -= 1;
                let text = self.take_inline();
                let cell = join_lines(&text, "<br>").replace('|', "\\|");
                if let Some(t) = self.table() {
                    if let Some(row) = t.rows.last_mut() {
                        row.cells.push(cell);
                        for _ in 1..colspan {
                            row.cells.push(String::new());
                        }
                    }
                }
            }
            Frame::Caption => {
                self.inline_only -= 1;
                let text = self.take_inline();
                let text = join_lines(&text, " ");
                if let Some(t) = self.table() {
                    if !text.is_empty() {
                        t.caption = Some(text);
                    }
                }
            }
        }
    }

    /// The innermost open table.
    fn table(&mut self) -> Option<&mut Table> {
        self.frames.iter_mut().rev().find_map(|(_, f)| match f {
            Frame::Table(t) => Some(&mut **t),
            _ => None,
        })
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
        let raw = self.code > 0;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_whitespace() {
                self.space();
                continue;
            }
            if raw {
                self.inline.push(c);
                continue;
            }
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' => {
                    self.inline.push('\\');
                    self.inline.push(c);
                }
                '~' if chars.peek() == Some(&'~') || self.inline.ends_with('~') => {
                    self.inline.push('\\');
                    self.inline.push(c);
                }
                '&' if looks_like_entity(chars.clone()) => {
                    self.inline.push_str("\\&");
                }
                _ => self.inline.push(c),
            }
        }
    }

    /// One collapsed space, never at the start of a line.
    fn space(&mut self) {
        if !self.inline.is_empty() && !self.inline.ends_with([' ', '\n']) {
            self.inline.push(' ');
        }
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
        match kind {
            Wrap::Em | Wrap::Strong | Wrap::Strike => {
                let (tag, star, underscore) = match kind {
                    Wrap::Em => (1, "*", "_"),
                    Wrap::Strong => (2, "**", "__"),
                    _ => (3, "~~", "~~"),
                };
                // Touching the previous wrap, unless an enclosing wrap opens in
                // between (its delimiter will separate them).
                let touching = prev.filter(|&(end, _, delim)| {
                    lead.is_empty()
                        && end == self.inline.len()
                        && !self.frames.iter().any(|(_, f)| {
                            matches!(f, Frame::Wrap { start, .. } if *start > end - delim.len())
                        })
                });
                match touching {
                    // `**a****b**` would not parse: extend the previous one.
                    Some((_, t, delim)) if t == tag => {
                        self.inline.truncate(self.inline.len() - delim.len());
                        self.inline.push_str(trimmed);
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
                        self.inline.push_str(trimmed);
                        self.inline.push_str(delim);
                        self.last_wrap = Some((self.inline.len(), tag, delim));
                    }
                }
            }
            Wrap::Code => {
                let body = trimmed.replace('\n', " ");
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

    /// Closes every open wrap over the buffer, takes the buffer, and restarts
    /// the wraps at the beginning of the (now empty) buffer, so an inline
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

    fn emit_table(&mut self, table: Table) {
        if let Some(caption) = table.caption {
            self.emit_lines(&[format!("*{caption}*")]);
        }
        let rows: Vec<Row> = table
            .rows
            .into_iter()
            .filter(|r| !r.cells.is_empty())
            .collect();
        let cols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        if cols == 0 {
            return;
        }
        let line = |cells: &[String]| {
            let mut s = String::from("|");
            for i in 0..cols {
                let c = cells.get(i).map(String::as_str).unwrap_or("");
                s.push(' ');
                s.push_str(c);
                if !c.is_empty() {
                    s.push(' ');
                }
                s.push('|');
            }
            s
        };
        let mut lines = Vec::with_capacity(rows.len() + 2);
        let has_head = rows[0].in_head || rows[0].all_th;
        let body = if has_head {
            lines.push(line(&rows[0].cells));
            &rows[1..]
        } else {
            lines.push(line(&[]));
            &rows[..]
        };
        lines.push(format!("|{}", " --- |".repeat(cols)));
        for r in body {
            lines.push(line(&r.cells));
        }
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

/// Whether a table holds data (rendered as a pipe table) rather than layout
/// (its cells rendered as plain blocks). Explicit markup decides first
/// (`role="presentation"`; `th`, `caption`, `thead`...); a nested table, a
/// single row or column, or article-like content in a cell (lists, headings,
/// quotes, code, or more than two paragraphs) means layout. The scan stops at the first nested table, so
/// nested layout tables are not rescanned over and over.
fn is_data_table(table: NodeRef<'_, Node>) -> bool {
    if let Node::Element(e) = table.value() {
        if e.attr("role") == Some("presentation") || e.attr("datatable") == Some("0") {
            return false;
        }
        if e.attr("summary").is_some_and(|s| !s.trim().is_empty()) {
            return true;
        }
    }
    let (mut rows, mut cols, mut row_cols, mut in_cell) = (0usize, 0usize, 0usize, 0usize);
    let (mut marked, mut blocks, mut cell_paragraphs) = (false, false, 0usize);
    for edge in table.traverse().skip(1) {
        match edge {
            Edge::Open(n) => {
                let Node::Element(e) = n.value() else {
                    continue;
                };
                match e.name() {
                    "table" => return false,
                    "tr" => {
                        rows += 1;
                        row_cols = 0;
                    }
                    name @ ("td" | "th") => {
                        marked |= name == "th";
                        in_cell += 1;
                        cell_paragraphs = 0;
                        row_cols += e
                            .attr("colspan")
                            .and_then(|c| c.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, 100);
                        cols = cols.max(row_cols);
                    }
                    "caption" | "thead" | "tfoot" | "colgroup" | "col" => marked = true,
                    "p" | "div" | "section" | "article" if in_cell > 0 => {
                        cell_paragraphs += 1;
                        blocks |= cell_paragraphs > 2;
                    }
                    "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote"
                    | "pre" | "figure" | "hr" | "dl" | "form"
                        if in_cell > 0 =>
                    {
                        blocks = true
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if matches!(e.name(), "td" | "th") {
                        in_cell = in_cell.saturating_sub(1);
                    }
                }
            }
        }
    }
    if marked {
        return true;
    }
    rows > 1 && cols > 1 && !blocks
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

fn heading_line(level: usize, text: &str) -> String {
    let mut s = "#".repeat(level.clamp(1, 6));
    s.push(' ');
    s.push_str(text);
    // A trailing `#` would read as a closing sequence.
    if s.ends_with('#') {
        s.pop();
        s.push_str("\\#");
    }
    s
}

/// A link or image destination, with an optional title.
fn destination(href: &str, title: Option<&str>) -> String {
    let mut s = String::with_capacity(href.len() + 2);
    for c in href.chars() {
        match c {
            ' ' => s.push_str("%20"),
            '\t' | '\n' | '\r' => {}
            '<' => s.push_str("%3C"),
            '>' => s.push_str("%3E"),
            '(' | ')' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            _ => s.push(c),
        }
    }
    if let Some(t) = title {
        s.push_str(" \"");
        for c in t.chars() {
            if c == '"' || c == '\\' {
                s.push('\\');
            }
            s.push(c);
        }
        s.push('"');
    }
    s
}

/// Escapes Markdown punctuation in plain (already collapsed) text.
fn escape_text(text: &str) -> String {
    let mut w = Writer::default();
    w.text(text);
    w.inline
}

fn escape_brackets(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// Escapes what would start a block at the beginning of a paragraph line.
fn escape_line_start(line: &str) -> String {
    let Some(first) = line.chars().next() else {
        return String::new();
    };
    if matches!(first, '#' | '>' | '-' | '+' | '=' | '|') {
        return format!("\\{line}");
    }
    if first.is_ascii_digit() {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if let Some(b'.' | b')') = line.as_bytes().get(digits) {
            return format!("{}\\{}", &line[..digits], &line[digits..]);
        }
    }
    line.to_string()
}

/// `&name;` / `&#123;` ahead: the `&` must be escaped to stay literal.
fn looks_like_entity(rest: impl Iterator<Item = char>) -> bool {
    for (n, c) in rest.enumerate() {
        if c == ';' {
            return n > 0;
        }
        if !(c.is_ascii_alphanumeric() || (c == '#' && n == 0)) || n > 32 {
            return false;
        }
    }
    false
}

fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in s.chars() {
        if c == ch {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// Lines of an inline buffer, trimmed, empty ones dropped, joined by `sep`.
fn join_lines(text: &str, sep: &str) -> String {
    text.split('\n')
        .map(|l| l.trim_matches(' '))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Same words, ignoring Markdown escapes, case and punctuation spacing.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
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
    fn escapes_special_characters() {
        let out = md(
            "<p>a*b_c [x] `y` &lt;tag&gt; \\ &amp;amp; AT&amp;T</p><p># not heading</p>\
                      <p>1. not a list</p><p>- nor this</p><p>+ nor &gt; this</p>",
        );
        assert_eq!(
            out,
            "a\\*b\\_c \\[x\\] \\`y\\` \\<tag> \\\\ \\&amp; AT&T\n\n\\# not heading\n\n\
             1\\. not a list\n\n\\- nor this\n\n\\+ nor > this\n"
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
    fn tables_with_header() {
        let out = md(concat!(
            "<table><caption>Prices</caption><thead><tr><th>Item</th><th>Cost</th></tr></thead>",
            "<tbody><tr><td>A|B</td><td><p>1</p><p>2</p></td></tr><tr><td colspan=2>wide</td></tr>",
            "<tr><td>short</td></tr></tbody></table>"
        ));
        assert_eq!(
            out,
            "*Prices*\n\n| Item | Cost |\n| --- | --- |\n| A\\|B | 1 2 |\n| wide | |\n| short | |\n"
        );
    }

    #[test]
    fn table_without_header_gets_empty_one() {
        let out =
            md("<table><tr><td>a</td><td>b<br>c</td></tr><tr><td>d</td><td>e</td></tr></table>");
        assert_eq!(out, "| | |\n| --- | --- |\n| a | b<br>c |\n| d | e |\n");
    }

    #[test]
    fn table_in_data_cell_is_flattened() {
        let out = md(concat!(
            "<table><thead><tr><th>h</th></tr></thead><tr><td>x<ul><li>y</li><li>z</li></ul></td></tr>",
            "<tr><td><div>w</div></td></tr></table>"
        ));
        assert_eq!(out, "| h |\n| --- |\n| x y z |\n| w |\n");
    }

    #[test]
    fn layout_tables_become_blocks() {
        // One cell holding the article.
        let out = md("<table><tr><td><p>One.</p><ul><li>a</li></ul><p>Two.</p></td></tr></table>");
        assert_eq!(out, "One.\n\n- a\n\nTwo.\n");
        let out = md("<table><tr><td>a</td><td><p>1</p><p>2</p><p>3</p></td></tr><tr><td>b</td><td>c</td></tr></table>");
        assert_eq!(out, "a\n\n1\n\n2\n\n3\n\nb\n\nc\n");
        // A paragraph or two per cell is still data.
        let out = md("<table><tr><td><p>a</p></td><td><p>b</p><p>c</p></td></tr><tr><td>d</td><td>e</td></tr></table>");
        assert_eq!(out, "| | |\n| --- | --- |\n| a | b c |\n| d | e |\n");
        // Tables around tables; the inner data table stays a table.
        let out = md(concat!(
            "<table role=\"presentation\"><tr><td>left</td><td>right</td></tr></table>",
            "<table><tr><td>x<table><tr><th>k</th><th>v</th></tr><tr><td>1</td><td>2</td></tr></table></td></tr></table>"
        ));
        assert_eq!(
            out,
            "left\n\nright\n\nx\n\n| k | v |\n| --- | --- |\n| 1 | 2 |\n"
        );
        // A single row of cells is layout.
        assert_eq!(
            md("<table><tr><td>a</td><td>b</td></tr></table>"),
            "a\n\nb\n"
        );
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
