//! Scoring shared by the benchmarks (`examples/eval.rs`,
//! `bench/compare`): the text of an expected-HTML file, `\w+` tokens, bag-of-
//! words F1 (Mozilla's test pages) and 4-gram shingle multisets (the article
//! extraction benchmark's metric).

use std::collections::HashMap;

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// The text of an HTML document, whitespace collapsed; block boundaries
/// count as spaces so words of adjacent blocks never merge.
pub fn html_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut s = String::with_capacity(html.len() / 2);
    let mut skip = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if matches!(name, "script" | "style" | "noscript" | "template") {
                        skip += 1;
                    } else if !is_inline(name) {
                        s.push(' ');
                    }
                }
                Node::Text(t) if skip == 0 => s.push_str(&t.text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if matches!(name, "script" | "style" | "noscript" | "template") {
                        skip -= 1;
                    } else if !is_inline(name) {
                        s.push(' ');
                    }
                }
            }
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
            | "label"
    )
}

/// `\w+` runs: maximal runs of Unicode alphanumerics and `_`, case kept.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

pub fn counts<K: std::hash::Hash + Eq>(items: impl Iterator<Item = K>) -> HashMap<K, usize> {
    let mut m = HashMap::new();
    for k in items {
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

/// Precision, recall and F1 of two token multisets.
pub fn bag_scores(predicted: &[&str], expected: &[&str]) -> (f64, f64, f64) {
    if predicted.is_empty() && expected.is_empty() {
        return (1.0, 1.0, 1.0);
    }
    if predicted.is_empty() || expected.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let p = counts(predicted.iter().copied());
    let e = counts(expected.iter().copied());
    let common = intersection(&p, &e) as f64;
    let precision = common / predicted.len() as f64;
    let recall = common / expected.len() as f64;
    let f1 = if common == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1)
}

/// Size of the multiset intersection.
pub fn intersection<K: std::hash::Hash + Eq>(
    a: &HashMap<K, usize>,
    b: &HashMap<K, usize>,
) -> usize {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .map(|(k, n)| (*n).min(large.get(k).copied().unwrap_or(0)))
        .sum()
}

pub fn total<K>(m: &HashMap<K, usize>) -> usize {
    m.values().sum()
}

/// Multiset of consecutive 4-token tuples; fewer than 4 tokens give none.
pub fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], usize> {
    counts(tokens.windows(4))
}
