//! Picking the winner among scored candidates and gathering the siblings
//! that belong to the same article (split bodies, lead images, pull quotes).

use ego_tree::NodeId;
use scraper::Html;

use super::score::{self, Flags, Scores};
use crate::dom;

/// When this many strong runners-up share an ancestor with the winner, that
/// ancestor is the real article (pages that split the body into blocks).
const MIN_SHARED_RUNNERS_UP: usize = 3;

/// The chosen top candidate's container and its score.
pub struct Selection {
    /// A new `div` holding the article's blocks.
    pub article: NodeId,
    /// The winner, for reading `dir` from its ancestors.
    pub top: NodeId,
}

/// Chooses the article and moves its blocks into a fresh container.
pub fn select(
    doc: &mut Html,
    body: NodeId,
    scores: &mut Scores,
    flags: Flags,
    nb_top: usize,
) -> Selection {
    // Scale every score by how little of the candidate's text is links.
    let densities = score::link_densities(doc, body);
    let mut ranked: Vec<(NodeId, f64)> = scores
        .ids()
        .into_iter()
        .filter(|id| attached(doc, *id, body))
        .map(|id| {
            let density = densities
                .get(&id)
                .copied()
                .unwrap_or_else(|| score::link_density(doc, id));
            (id, scores.get(id).unwrap_or(0.0) * (1.0 - density))
        })
        .collect();
    for (id, s) in &ranked {
        scores.set(*id, *s);
    }
    // Ties keep document order so results are deterministic.
    ranked.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    ranked.truncate(nb_top.max(1));

    let mut top = match ranked.first() {
        Some((id, _)) if !matches!(dom::tag(doc, *id), Some("body" | "html")) => *id,
        _ => {
            // Nothing stood out: the whole body is the article.
            let div = dom::create_element(doc, "div");
            for c in dom::children(doc, body) {
                dom::append(doc, div, c);
            }
            dom::append(doc, body, div);
            score::init_candidate(doc, scores, div, flags);
            let article = dom::create_element(doc, "div");
            dom::append(doc, article, div);
            return Selection { article, top: div };
        }
    };
    let top_score = ranked[0].1;

    // Runners-up close to the winner that share one of its ancestors.
    let runner_ancestors: Vec<Vec<NodeId>> = ranked[1..]
        .iter()
        .filter(|(_, s)| top_score > 0.0 && s / top_score >= 0.75)
        .map(|(id, _)| score::ancestors(doc, *id, 0))
        .collect();
    if runner_ancestors.len() >= MIN_SHARED_RUNNERS_UP {
        let mut p = dom::parent(doc, top);
        while let Some(pid) = p {
            if pid == body || dom::tag(doc, pid).is_none() {
                break;
            }
            let shared = runner_ancestors.iter().filter(|a| a.contains(&pid)).count();
            if shared >= MIN_SHARED_RUNNERS_UP {
                top = pid;
                break;
            }
            p = dom::parent(doc, pid);
        }
    }
    score::init_candidate(doc, scores, top, flags);

    // Climb while the parent scores well: the article may be split among
    // siblings whose common parent collected more than any of them.
    let mut last = scores.get(top).unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut p = dom::parent(doc, top);
    while let Some(pid) = p {
        if pid == body || dom::tag(doc, pid).is_none() {
            break;
        }
        match scores.get(pid) {
            None => {}
            Some(ps) => {
                if ps < threshold {
                    break;
                }
                if ps > last {
                    top = pid;
                    break;
                }
                last = ps;
            }
        }
        p = dom::parent(doc, pid);
    }

    // A lone child is no better than its parent.
    while let Some(pid) = dom::parent(doc, top) {
        if pid == body || dom::tag(doc, pid).is_none() || dom::element_children(doc, pid).len() != 1
        {
            break;
        }
        top = pid;
    }
    score::init_candidate(doc, scores, top, flags);

    let top_score = scores.get(top).unwrap_or(0.0);
    let article = dom::create_element(doc, "div");
    let threshold = (top_score * 0.2).max(10.0);
    let Some(parent) = dom::parent(doc, top) else {
        dom::append(doc, article, top);
        return Selection { article, top };
    };
    let top_class = dom::attr(doc, top, "class").unwrap_or("").to_string();
    for sib in dom::element_children(doc, parent) {
        let keep = sib == top || {
            let bonus = if !top_class.is_empty()
                && dom::attr(doc, sib, "class") == Some(top_class.as_str())
            {
                top_score * 0.2
            } else {
                0.0
            };
            match scores.get(sib) {
                Some(s) if s + bonus >= threshold => true,
                _ if dom::is(doc, sib, "p") => {
                    let ld = score::link_density(doc, sib);
                    let text = dom::inner_text(doc, sib);
                    let len = text.chars().count();
                    (len > 80 && ld < 0.25)
                        || (len > 0 && len <= 80 && ld == 0.0 && ends_sentence(&text))
                }
                _ => false,
            }
        };
        if keep {
            if !matches!(
                dom::tag(doc, sib),
                Some("div" | "article" | "section" | "p" | "ol" | "ul")
            ) {
                // Odd wrappers (td, li, ...) lose their meaning out of context.
                dom::rename(doc, sib, "div");
            }
            dom::append(doc, article, sib);
        }
    }
    // Keep the winner's place in the tree so `dir` can be read from its ancestors.
    dom::append(doc, parent, article);
    Selection { article, top }
}

/// A short paragraph that reads like a sentence (has a full stop followed by
/// a space or the end).
fn ends_sentence(text: &str) -> bool {
    text.contains(". ") || text.ends_with('.')
}

fn attached(doc: &Html, id: NodeId, body: NodeId) -> bool {
    let mut cur = Some(id);
    while let Some(c) = cur {
        if c == body {
            return true;
        }
        cur = dom::parent(doc, c);
    }
    false
}
