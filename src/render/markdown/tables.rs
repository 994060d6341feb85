//! Tables: data tables become GFM pipe tables, layout tables plain blocks.
//!
//! A cell is collected like a heading, as one inline line (blocks inside it
//! degrade to spaces), since a pipe table has no room for more; the table is
//! written when it closes, once its widest row is known.

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::Node;

use super::escape::join_lines;
use super::{Frame, Writer};

#[derive(Debug, Default)]
pub(super) struct Table {
    rows: Vec<Row>,
    caption: Option<String>,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<String>,
    all_th: bool,
    in_head: bool,
}

impl Writer {
    /// `table`, `thead`, `tr`, `td`, `th` and `caption` outside a heading or
    /// a cell.
    pub(super) fn open_table_part(&mut self, node: NodeRef<'_, Node>, e: &Element) {
        let id = node.id();
        match e.name() {
            "table" => {
                self.flush();
                if renders_as_pipe_table(node) {
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
            "td" | "th" if self.table().is_some() => self.open_cell(id, e),
            "caption" if self.table().is_some() => {
                self.clear_inline();
                self.inline_only += 1;
                self.frames.push((id, Frame::Caption));
            }
            // Cells and captions of layout tables.
            _ => {
                self.flush();
                self.frames.push((id, Frame::Block));
            }
        }
    }

    fn open_cell(&mut self, id: NodeId, e: &Element) {
        // Stray text between cells is not part of any cell.
        self.clear_inline();
        let is_th = e.name() == "th";
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

    pub(super) fn close_cell(&mut self, colspan: usize) {
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

    pub(super) fn close_caption(&mut self) {
        self.inline_only -= 1;
        let text = self.take_inline();
        let text = join_lines(&text, " ");
        if let Some(t) = self.table() {
            if !text.is_empty() {
                t.caption = Some(text);
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

    pub(super) fn emit_table(&mut self, table: Table) {
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
}

/// Whether a table renders as a pipe table rather than as its cells laid
/// out as plain blocks. A pipe table is a grid of one-line cells that
/// cannot hold another table, so a nested table means layout; otherwise
/// markup (`th`, `caption`, `thead`...) means data, and without it a single
/// row or column, or article-like content in a cell (lists, headings,
/// quotes, code, or more than two paragraphs) means layout. The scan stops
/// at the first nested table, so nested layout tables are not rescanned over
/// and over. The attributes checked first are gone from sanitized content;
/// they count only for an Article built by hand.
///
/// Not the same rule as `content::clean::cleaning_keeps_table`, which runs
/// on the page before sanitizing and decides what cleaning must not remove:
/// it keeps Readability's size thresholds (an unmarked 2x2 grid is layout
/// there, a pipe table here) and takes a `th` in a nested table as data.
/// Making either serve both would change extraction or Markdown.
fn renders_as_pipe_table(table: NodeRef<'_, Node>) -> bool {
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

#[cfg(test)]
mod tests {
    use crate::render::markdown::tests::md;

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
}
