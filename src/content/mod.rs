//! Finding the article: scoring candidates, picking the winner and its
//! siblings, then cleaning inside it.
//!
//! An attempt that yields less text than [`Options::char_threshold`] is
//! retried on a fresh copy of the page with one heuristic fewer (unlikely
//! stripping, then class weights, then conditional cleaning); the longest
//! result wins if none reaches the threshold.

mod clean;
mod hints;
mod score;
mod select;
mod thread;

use ego_tree::NodeId;
use scraper::Html;

use crate::{dom, Options};
use score::{Fired, Flags, Heuristics};

pub use hints::is_unlikely;
pub use score::is_probably_visible;

/// The chosen article subtree and what was learned while finding it.
pub struct Found {
    /// Root of the article; its children are the content.
    pub root: NodeId,
    /// A byline seen in the page's visible text.
    pub byline: Option<String>,
    /// Text direction of the article's ancestors.
    pub dir: Option<String>,
    /// Captions and credits, kept in the content, left out of the plain text.
    pub not_text: Vec<NodeId>,
}

/// Link density above which a below-threshold result is a link list.
const MAX_SHORT_LINK_DENSITY: f64 = 0.5;

/// Default [`Options::char_threshold`]: an attempt with less text than this
/// is retried with a heuristic fewer, as Readability's
/// `DEFAULT_CHAR_THRESHOLD` (500).
pub(crate) const DEFAULT_CHAR_THRESHOLD: usize = 500;

/// Default [`Options::nb_top_candidates`]: how many top candidates are
/// compared for a shared ancestor, as Readability's
/// `DEFAULT_N_TOP_CANDIDATES` (5).
pub(crate) const DEFAULT_N_TOP_CANDIDATES: usize = 5;

const ATTEMPTS: [Heuristics; 4] = [
    Heuristics {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
    },
    Heuristics {
        strip_unlikely: false,
        weight_classes: true,
        clean_conditionally: true,
    },
    Heuristics {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: true,
    },
    Heuristics {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: false,
    },
];

/// Finds the article in a prepared document. On success `doc` holds the
/// tree of the winning attempt. `discussion`: the page's metadata states a
/// forum thread or Q&A page.
pub fn find(
    doc: &mut Html,
    options: &Options,
    title: Option<&str>,
    discussion: bool,
) -> Option<Found> {
    let pristine = doc.clone();
    let thread = body_of(&pristine).and_then(|body| thread::detect(&pristine, body, discussion));
    let scored = find_scored(doc, &pristine, options, title);
    // A discussion whose posts hold the scored article (one post of it, or
    // the list) is read as the whole thread; a story with comments under it
    // stays the story.
    if let Some(thread) = thread {
        if thread::replaces(&pristine, &thread, scored.as_ref().map(|f| (&*doc, f.root))) {
            let mut work = pristine;
            let fired = Fired::default();
            let flags = Flags {
                on: THREAD_HEURISTICS,
                fired: &fired,
            };
            if let Some(found) = thread::build(&mut work, &thread, title, flags, options) {
                *doc = work;
                return Some(found);
            }
        }
    }
    scored
}

/// How a thread's posts are cleaned: posts' classes ("comment", "reply",
/// "message") say chrome to the class weights, so those are off; unlikely
/// stripping ran before the posts were found.
const THREAD_HEURISTICS: Heuristics = Heuristics {
    strip_unlikely: false,
    weight_classes: false,
    clean_conditionally: true,
};

/// The scored article: attempts with fewer heuristics until one yields
/// enough text.
fn find_scored(
    doc: &mut Html,
    pristine: &Html,
    options: &Options,
    title: Option<&str>,
) -> Option<Found> {
    let mut best: Option<(usize, Html, Found)> = None;
    // What the heuristics of the last attempt run did.
    let mut last: Option<(Heuristics, Fired)> = None;
    for (i, on) in ATTEMPTS.iter().enumerate() {
        if let Some((before, fired)) = &last {
            if repeats(before, fired, on) {
                continue;
            }
        }
        let mut work = if i == 0 {
            std::mem::replace(doc, Html::new_document())
        } else {
            pristine.clone()
        };
        let fired = Fired::default();
        let flags = Flags {
            on: *on,
            fired: &fired,
        };
        let found = attempt(&mut work, flags, options, title);
        last = Some((*on, fired));
        let Some(found) = found else {
            continue;
        };
        let len = dom::text_len(&work, found.root);
        if len >= options.char_threshold {
            *doc = work;
            return Some(found);
        }
        if best.as_ref().is_none_or(|(l, _, _)| len > *l) {
            best = Some((len, work, found));
        }
    }
    let (len, work, found) = best?;
    // A short best effort that is mostly links (a directory, a login box)
    // is not an article; a short one with prose (a brief note) still is.
    if len == 0 || score::link_density(&work, found.root) > MAX_SHORT_LINK_DENSITY {
        return None;
    }
    *doc = work;
    Some(found)
}

/// Whether an attempt with `next` would repeat the one run with `before`:
/// every heuristic it switches off changed nothing in that run (and it
/// switches none on). Its result would be the same tree and length, which
/// cannot beat the result already kept.
fn repeats(before: &Heuristics, fired: &Fired, next: &Heuristics) -> bool {
    let same = |was: bool, is: bool, changed: bool| was == is || (was && !is && !changed);
    same(
        before.strip_unlikely,
        next.strip_unlikely,
        fired.unlikely.get(),
    ) && same(
        before.weight_classes,
        next.weight_classes,
        fired.weights.get(),
    ) && same(
        before.clean_conditionally,
        next.clean_conditionally,
        fired.conditional.get(),
    )
}

fn attempt(
    doc: &mut Html,
    flags: Flags<'_>,
    options: &Options,
    title: Option<&str>,
) -> Option<Found> {
    let body = body_of(doc)?;
    let mut pass = score::score(doc, body, flags, title);
    let sel = select::select(
        doc,
        body,
        &mut pass.scores,
        flags,
        options.nb_top_candidates,
    );
    let dir = read_dir(doc, sel.top);
    clean::clean_article(doc, sel.article, flags, options);
    clean::simplify(doc, sel.article);
    let not_text = clean::not_running_text(doc, sel.article);
    clean::strip_classes(doc, sel.article, options);
    Some(Found {
        root: sel.article,
        byline: pass.byline,
        dir,
        not_text,
    })
}

fn body_of(doc: &Html) -> Option<NodeId> {
    let root = doc.tree.root();
    root.descendants()
        .find(|n| {
            n.value()
                .as_element()
                .is_some_and(|e| &*e.name.local == "body")
        })
        .map(|n| n.id())
        .or_else(|| {
            root.children()
                .find(|n| n.value().is_element())
                .map(|n| n.id())
        })
}

/// `dir` of the winner or its nearest ancestor that states one.
fn read_dir(doc: &Html, top: NodeId) -> Option<String> {
    let mut cur = Some(top);
    while let Some(id) = cur {
        if let Some(d) = dom::attr(doc, id, "dir") {
            let d = d.trim();
            if !d.is_empty() {
                return Some(d.to_string());
            }
        }
        cur = dom::parent(doc, id);
    }
    None
}

/// The first paragraph's text, the excerpt of last resort.
pub fn first_paragraph(doc: &Html, root: NodeId) -> Option<String> {
    dom::iter_named(doc, root, &["p"])
        .map(|p| dom::inner_text(doc, p))
        .find(|t| !t.is_empty())
}

/// The first image's `src`, the lead image of last resort.
pub fn first_image(doc: &Html, root: NodeId) -> Option<String> {
    dom::iter_named(doc, root, &["img"]).find_map(|i| dom::attr(doc, i, "src").map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retry_repeats_only_when_what_it_switches_off_did_nothing() {
        let [first, second, third, fourth] = ATTEMPTS;
        let quiet = Fired::default();
        assert!(repeats(&first, &quiet, &second));
        assert!(repeats(&second, &quiet, &third));
        assert!(repeats(&third, &quiet, &fourth));
        // Skipping the second attempt, the third is compared with the first:
        // it switches two heuristics off, both idle there.
        assert!(repeats(&first, &quiet, &third));

        let stripped = Fired::default();
        stripped.unlikely.set(true);
        assert!(!repeats(&first, &stripped, &second));
        // What changed is not switched off by the next step.
        assert!(repeats(&second, &stripped, &third));

        let weighted = Fired::default();
        weighted.weights.set(true);
        assert!(!repeats(&second, &weighted, &third));
        assert!(!repeats(&first, &weighted, &third));

        let cleaned = Fired::default();
        cleaned.conditional.set(true);
        assert!(!repeats(&third, &cleaned, &fourth));
        // Switching a heuristic back on is never a repeat.
        assert!(!repeats(&fourth, &quiet, &first));
    }
}
