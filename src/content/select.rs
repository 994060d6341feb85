//! Picking the winner among scored candidates and gathering the siblings
//! that belong to the same article (split bodies, lead images, pull quotes).

use ego_tree::NodeId;
use scraper::Html;

use super::score::{self, Flags, Scores};
use crate::dom;

/// When this many strong runners-up share an ancestor with the winner, that
/// ancestor is the real article (pages that split the body into blocks), as
/// Readability's `MINIMUM_TOPCANDIDATES` (3).
const MIN_SHARED_RUNNERS_UP: usize = 3;

/// A runner-up counts as strong when it scores at least this share of the
/// winner, as Readability's `_grabArticle` (`/ topCandidate.contentScore >= 0.75`).
const RUNNER_UP_SCORE_RATIO: f64 = 0.75;

/// While climbing from the winner, a parent scoring below the last score
/// divided by this ends the climb, as Readability's `scoreThreshold = lastScore / 3`.
const PARENT_SCORE_THRESHOLD_DIVISOR: f64 = 3.0;

/// Siblings scoring at least this share of the winner join the article, as
/// Readability's `siblingScoreThreshold` (`contentScore * 0.2`): split bodies.
const SIBLING_SCORE_RATIO: f64 = 0.2;

/// The sibling score threshold never drops below this, as Readability's
/// `Math.max(10, ...)`: weak winners do not pull in every sibling.
const MIN_SIBLING_SCORE_THRESHOLD: f64 = 10.0;

/// A sibling with the winner's class gets this share of the winner's score
/// as a bonus, as Readability's `contentBonus += contentScore * 0.2`:
/// templates repeat a class on every block of the story.
const SAME_CLASS_SIBLING_BONUS_RATIO: f64 = 0.2;

/// An unscored sibling `p` longer than this joins when few of its words are
/// links; one up to this long joins only as a link-free sentence, as
/// Readability's `nodeLength > 80` / `nodeLength < 80` (lead paragraphs
/// beside the winner; here a paragraph of exactly 80 counts as short).
const LONG_SIBLING_PARAGRAPH_LEN: usize = 80;

/// Link density a long sibling `p` must stay below, as Readability's
/// `linkDensity < 0.25` for siblings.
const SIBLING_PARAGRAPH_MAX_LINK_DENSITY: f64 = 0.25;

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
    flags: Flags<'_>,
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
        .filter(|(_, s)| top_score > 0.0 && s / top_score >= RUNNER_UP_SCORE_RATIO)
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
    let threshold = last / PARENT_SCORE_THRESHOLD_DIVISOR;
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
    let threshold = (top_score * SIBLING_SCORE_RATIO).max(MIN_SIBLING_SCORE_THRESHOLD);
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
                top_score * SAME_CLASS_SIBLING_BONUS_RATIO
            } else {
                0.0
            };
            match scores.get(sib) {
                Some(s) if s + bonus >= threshold => true,
                _ if dom::is(doc, sib, "p") => {
                    let ld = score::link_density(doc, sib);
                    let text = dom::inner_text(doc, sib);
                    let len = text.chars().count();
                    (len > LONG_SIBLING_PARAGRAPH_LEN && ld < SIBLING_PARAGRAPH_MAX_LINK_DENSITY)
                        || (len > 0
                            && len <= LONG_SIBLING_PARAGRAPH_LEN
                            && ld == 0.0
                            && ends_sentence(&text))
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
