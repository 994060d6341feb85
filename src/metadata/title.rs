//! The document title and how it is cleaned into an article title.
//!
//! Page titles usually carry the site's name (`Story | Site`,
//! `Site: Story`, `Story – Site`). The cleaning follows the behaviour of
//! Mozilla's reader view, which the conformance corpus records:
//! - a spaced separator (`|`, `-`, `–`, `—`, `\`, `/`, `>`, `»`): keep the
//!   part before the last one, or, when that leaves fewer than three words,
//!   the part after the first;
//! - else a `: `: keep the part after the last colon, unless a heading
//!   repeats the whole title, the rest is too short (then after the first
//!   colon) or more than five words precede the colon (then the whole);
//! - else a title shorter than 15 or longer than 150 characters is replaced
//!   by the page's only `<h1>`;
//! - a result of four words or fewer goes back to the whole title, unless
//!   it came from hierarchical separators and lost just one word.
//!
//! One addition: a title whose site suffix is glued to its separator
//! (`Story -Site`), which the rules above leave whole, is cut back to a
//! heading that spells the story exactly; the cut part names the site.

use scraper::{Html, Node};

use super::text::{collapse_runs, is_js_space, js_len, js_trim, strip_collapse_ascii, word_count};

/// Characters that separate a title from a site name when spaced on both sides.
const SEPARATORS: &[char] = &['|', '-', '\u{2013}', '\u{2014}', '\\', '/', '>', '\u{bb}'];
/// Separators that mark a path (`Site » Section » Story`) rather than a suffix.
const HIERARCHICAL: &[char] = &['\\', '/', '>', '\u{bb}'];
/// Characters accepted between a heading and a glued site suffix.
const GLUED_SEPARATORS: &[char] = &[
    '|', '-', '\u{2013}', '\u{2014}', '\\', '/', '>', '\u{bb}', ':', '\u{b7}', '\u{2022}', '~',
];
/// A glued site suffix longer than this many words is probably not a name.
const MAX_SITE_WORDS: usize = 6;
/// Titles shorter than this (in UTF-16 units) are replaced by a lone `<h1>`,
/// as Readability's `_getArticleTitle` (`curTitle.length < 15`; and `> 150` below).
const MIN_TITLE_LEN: usize = 15;
/// Titles longer than this are replaced by a lone `<h1>`.
const MAX_TITLE_LEN: usize = 150;
/// A part cut from the title with fewer words than this is not the story,
/// as Readability's `_getArticleTitle` (`wordCount(curTitle) < 3`): then the
/// other side of the separator, or of the first colon, is taken.
const MIN_TITLE_WORDS: usize = 3;
/// More words than this before a colon make the colon part of the title, as
/// Readability's `_getArticleTitle` (`wordCount(...) > 5`): "This is a long
/// title with a colon: Hello" keeps its head.
const MAX_WORDS_BEFORE_COLON: usize = 5;
/// A cleaned title of this many words or fewer falls back to the whole
/// title, as Readability's `_getArticleTitle` (`curTitleWordCount <= 4`).
const MAX_SHORT_TITLE_WORDS: usize = 4;
/// Headings shorter than this many words are not matched against a glued
/// site suffix: one word matches too much.
const MIN_GLUED_HEADING_WORDS: usize = 2;

/// Text of the page's headings, as read before any cleaning.
#[derive(Debug, Default)]
pub struct Headings {
    /// Raw text of every `<h1>` and `<h2>`, in document order.
    pub h1_h2: Vec<String>,
    /// Raw text of every `<h1>`, in document order.
    pub h1: Vec<String>,
}

impl Headings {
    /// Collects the headings of a document.
    pub fn collect(doc: &Html) -> Headings {
        let mut out = Headings::default();
        for node in doc.tree.root().descendants() {
            let Node::Element(e) = node.value() else {
                continue;
            };
            let name = &*e.name.local;
            if name != "h1" && name != "h2" {
                continue;
            }
            let text = crate::dom::text_content(doc, node.id());
            if name == "h1" {
                out.h1.push(text.clone());
            }
            out.h1_h2.push(text);
        }
        out
    }
}

/// `document.title`: the first `<title>`'s own text, whitespace collapsed.
pub fn document_title(doc: &Html) -> String {
    let found = doc.tree.root().descendants().find(|n| match n.value() {
        Node::Element(e) => &*e.name.local == "title" && e.name.ns == html5ever::ns!(html),
        _ => false,
    });
    let Some(title) = found else {
        return String::new();
    };
    // The title's own text nodes, not `dom::text_content`: `document.title`
    // is defined as the element's child text content. (A parsed HTML
    // `<title>` holds only text, so the two agree on real pages; this keeps
    // to the definition.)
    let mut text = String::new();
    for c in title.children() {
        if let Node::Text(t) = c.value() {
            text.push_str(&t.text);
        }
    }
    strip_collapse_ascii(&text)
}

/// Byte offsets of each spaced separator (`\s[sep]\s`), left to right,
/// without overlaps; each offset is that of the leading space.
fn spaced_separators(s: &str, set: &[char]) -> Vec<usize> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 2 < chars.len() {
        let (at, a) = chars[i];
        let (_, b) = chars[i + 1];
        let (_, c) = chars[i + 2];
        if is_js_space(a) && set.contains(&b) && is_js_space(c) {
            found.push(at);
            i += 3;
        } else {
            i += 1;
        }
    }
    found
}

/// Replaces each spaced separator by a single space.
fn replace_spaced_separators(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for at in spaced_separators(s, SEPARATORS) {
        out.push_str(&s[last..at]);
        out.push(' ');
        // The match is three characters: space, separator, space.
        let len: usize = s[at..].chars().take(3).map(char::len_utf8).sum();
        last = at + len;
    }
    out.push_str(&s[last..]);
    out
}

/// The cleaned article title from the document title `orig`.
pub fn clean(orig: &str, headings: &Headings) -> String {
    let orig = js_trim(orig);
    let mut cur = orig.to_string();
    let mut hierarchical = false;

    let separators = spaced_separators(orig, SEPARATORS);
    if let Some(&last) = separators.last() {
        hierarchical = !spaced_separators(orig, HIERARCHICAL).is_empty();
        cur = orig[..last].to_string();
        if word_count(&cur) < MIN_TITLE_WORDS {
            // Drop everything up to and including the first separator.
            cur = match orig.find(SEPARATORS) {
                Some(i) => {
                    let len = orig[i..].chars().next().map_or(1, char::len_utf8);
                    orig[i + len..].to_string()
                }
                None => orig.to_string(),
            };
        }
    } else if orig.contains(": ") {
        let whole_heading = headings.h1_h2.iter().any(|h| js_trim(h) == orig);
        if !whole_heading {
            let last = orig.rfind(':').map_or(0, |i| i + 1);
            cur = orig[last..].to_string();
            let first = orig.find(':').unwrap_or(0);
            if word_count(&cur) < MIN_TITLE_WORDS {
                cur = orig[first + 1..].to_string();
            } else if word_count(&orig[..first]) > MAX_WORDS_BEFORE_COLON {
                cur = orig.to_string();
            }
        }
    } else {
        let len = js_len(orig);
        if !(MIN_TITLE_LEN..=MAX_TITLE_LEN).contains(&len) {
            if let [only] = headings.h1.as_slice() {
                cur = collapse_runs(js_trim(only));
            }
        }
    }

    let cur = collapse_runs(js_trim(&cur));
    let words = word_count(&cur);
    if words <= MAX_SHORT_TITLE_WORDS
        && (!hierarchical
            || words != word_count(&replace_spaced_separators(orig)).saturating_sub(1))
    {
        return orig.to_string();
    }
    cur
}

/// When a title is a heading followed (or preceded) by a separator glued to
/// a site name, e.g. `Story -Site` or `Site|Story`, the heading and the
/// site name. Headings are compared with collapsed whitespace.
pub fn split_glued_site(title: &str, headings: &Headings) -> Option<(String, String)> {
    let title = collapse_runs(js_trim(title));
    for raw in &headings.h1 {
        let heading = collapse_runs(js_trim(raw));
        if word_count(&heading) < MIN_GLUED_HEADING_WORDS || heading.len() >= title.len() {
            continue;
        }
        if let Some(rest) = title.strip_prefix(heading.as_str()) {
            let rest = rest.trim_start_matches(is_js_space);
            if let Some(site) = rest.strip_prefix(GLUED_SEPARATORS) {
                if let Some(site) = site_name_like(site) {
                    return Some((heading, site));
                }
            }
        }
        if let Some(rest) = title.strip_suffix(heading.as_str()) {
            let rest = rest.trim_end_matches(is_js_space);
            if let Some(site) = rest.strip_suffix(GLUED_SEPARATORS) {
                if let Some(site) = site_name_like(site) {
                    return Some((heading, site));
                }
            }
        }
    }
    None
}

/// `s`, trimmed, when it is short enough to be a site name.
fn site_name_like(s: &str) -> Option<String> {
    let s = js_trim(s);
    if s.is_empty() || s.contains(GLUED_SEPARATORS) || word_count(s) > MAX_SITE_WORDS {
        return None;
    }
    Some(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(h1: &[&str], h2: &[&str]) -> Headings {
        Headings {
            h1: h1.iter().map(|s| s.to_string()).collect(),
            h1_h2: h1.iter().chain(h2).map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn drops_site_suffix_after_last_separator() {
        let none = h(&[], &[]);
        assert_eq!(
            clean("Rain returns to the valley | Daily Planet", &none),
            "Rain returns to the valley"
        );
        assert_eq!(
            clean("Lorem ipsum dolor sit amet – My website", &none),
            "Lorem ipsum dolor sit amet"
        );
        assert_eq!(clean("A b c d - e f - Site", &none), "A b c d - e f");
    }

    #[test]
    fn short_first_part_keeps_the_rest() {
        let none = h(&[], &[]);
        assert_eq!(
            clean("Site | Rain returns to the valley again", &none),
            " Rain returns to the valley again".trim()
        );
    }

    #[test]
    fn too_short_result_keeps_whole_title() {
        let none = h(&[], &[]);
        assert_eq!(
            clean("Rain returns | Daily Planet", &none),
            "Rain returns | Daily Planet"
        );
    }

    #[test]
    fn hierarchical_separators_may_lose_one_word() {
        let none = h(&[], &[]);
        assert_eq!(clean("Planet » News » Rain today", &none), "Planet » News");
    }

    #[test]
    fn colon_titles() {
        let none = h(&[], &[]);
        assert_eq!(
            clean("Site: Rain returns to the valley", &none),
            "Rain returns to the valley"
        );
        assert_eq!(
            clean("This is a long title with a colon: Hello there", &none),
            "This is a long title with a colon: Hello there"
        );
        let heads = h(&["Site: Rain returns to the valley"], &[]);
        assert_eq!(
            clean("Site: Rain returns to the valley", &heads),
            "Site: Rain returns to the valley"
        );
    }

    #[test]
    fn odd_lengths_use_the_only_h1() {
        assert_eq!(
            clean("Home", &h(&["  The  real story of the day "], &[])),
            "The real story of the day"
        );
        assert_eq!(clean("Home", &h(&["One", "Two"], &[])), "Home");
    }

    #[test]
    fn glued_suffix_splits_on_matching_heading() {
        let heads = h(&["Washington and Baghdad plan talks"], &[]);
        assert_eq!(
            split_glued_site(
                "Washington and Baghdad plan talks -Infinite Edge Capital",
                &heads
            ),
            Some((
                "Washington and Baghdad plan talks".into(),
                "Infinite Edge Capital".into()
            ))
        );
        assert_eq!(
            split_glued_site("Site Name|Washington and Baghdad plan talks", &heads),
            Some((
                "Washington and Baghdad plan talks".into(),
                "Site Name".into()
            ))
        );
        assert_eq!(
            split_glued_site("Washington and Baghdad plan talks today", &heads),
            None
        );
    }
}
