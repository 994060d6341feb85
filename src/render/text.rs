//! The article's plain text.

use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::dom::BLOCK_LEVEL;

/// Text of a subtree with blocks separated by blank lines and whitespace
/// inside a block collapsed; `pre` keeps its lines. Subtrees in `skip` are
/// left out.
pub fn block_text(doc: &Html, root: NodeId, skip: &[NodeId]) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut pre_depth = 0usize;
    let Some(start) = doc.tree.get(root) else {
        return String::new();
    };
    let flush = |cur: &mut String, blocks: &mut Vec<String>| {
        let t = cur.trim_end();
        if !t.trim().is_empty() {
            blocks.push(t.trim_start_matches([' ', '\t']).to_string());
        }
        cur.clear();
    };
    let mut skipping: Option<NodeId> = None;
    for edge in start.traverse() {
        if let Some(s) = skipping {
            if let ego_tree::iter::Edge::Close(n) = edge {
                if n.id() == s {
                    skipping = None;
                }
            }
            continue;
        }
        if let ego_tree::iter::Edge::Open(n) = edge {
            if skip.contains(&n.id()) {
                skipping = Some(n.id());
                flush(&mut cur, &mut blocks);
                continue;
            }
        }
        match edge {
            ego_tree::iter::Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    let name = &*e.name.local;
                    if name == "pre" {
                        flush(&mut cur, &mut blocks);
                        pre_depth += 1;
                    } else if name == "br" {
                        if pre_depth > 0 {
                            cur.push('\n');
                        } else {
                            flush(&mut cur, &mut blocks);
                        }
                    } else if BLOCK_LEVEL.contains(&name) && pre_depth == 0 {
                        flush(&mut cur, &mut blocks);
                    }
                }
                Node::Text(t) => {
                    if pre_depth > 0 {
                        cur.push_str(&t.text);
                    } else {
                        for (i, w) in t.text.split(|c: char| c.is_whitespace()).enumerate() {
                            if i > 0 && !cur.ends_with(' ') && !cur.is_empty() {
                                cur.push(' ');
                            }
                            cur.push_str(w);
                        }
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    let name = &*e.name.local;
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                        flush(&mut cur, &mut blocks);
                    } else if BLOCK_LEVEL.contains(&name) && pre_depth == 0 {
                        flush(&mut cur, &mut blocks);
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut blocks);
    blocks.join("\n\n")
}
