//! A publication date read from the visible page, for pages whose metadata
//! gives none (content-farm mirrors and small CMSs often print
//! `Date:2025-04-28 11:45:07` under the headline and nothing else).
//!
//! Deliberately narrow, so that it does not speak on pages where the
//! headline's neighbourhood holds other dates (related stories, comments):
//! only the few elements right after the page's first `<h1>` are looked at,
//! only those whose class or id names a date, and only an all-numeric,
//! year-first date (`2025-04-28`, `2025/4/28`, optionally with a time).

use scraper::{Html, Node};

/// Elements looked at after the headline before giving up.
const WINDOW: usize = 12;
/// Class/id words that mark an element holding the publication date.
const DATE_HINTS: &[&str] = &["date", "time", "publish", "posted"];
/// Class/id words that mark dates which are not the publication date.
const NOT_PUBLISHED_HINTS: &[&str] = &["update", "modif", "edit", "comment"];
/// Longest text (in characters) an element holding just a date may have.
const MAX_TEXT: usize = 80;
/// Years read as a publication date: a four-digit number outside them is a
/// count, a price or a model number, not a year.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2200;

/// The visible publication date near the headline, as ISO 8601
/// (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`).
pub fn visible_date(doc: &Html) -> Option<String> {
    let h1 = doc.tree.root().descendants().find(|n| match n.value() {
        Node::Element(e) => &*e.name.local == "h1",
        _ => false,
    })?;
    // Everything after the heading in document order, its own subtree
    // excluded: the next siblings of the heading and of its ancestors.
    let mut seen = 0;
    let mut cur = Some(h1);
    while let Some(node) = cur {
        let mut sibling = node.next_sibling();
        while let Some(s) = sibling {
            for d in s.descendants() {
                let Node::Element(e) = d.value() else {
                    continue;
                };
                seen += 1;
                if seen > WINDOW {
                    return None;
                }
                let name = &*e.name.local;
                if matches!(name, "h1" | "h2" | "p" | "article" | "section") {
                    // The story (or the next one) has begun.
                    return None;
                }
                let hint = hints(e.attr("class"), e.attr("id"));
                if !hint {
                    continue;
                }
                let text = crate::dom::text_content(doc, d.id());
                if text.chars().count() > MAX_TEXT {
                    continue;
                }
                if let Some(date) = find_numeric_date(&text) {
                    return Some(date);
                }
            }
            sibling = s.next_sibling();
        }
        cur = node.parent();
    }
    None
}

/// `true` when class/id name a publication date.
fn hints(class: Option<&str>, id: Option<&str>) -> bool {
    let mut s = String::new();
    s.push_str(class.unwrap_or(""));
    s.push(' ');
    s.push_str(id.unwrap_or(""));
    let s = s.to_ascii_lowercase();
    DATE_HINTS.iter().any(|h| s.contains(h)) && !NOT_PUBLISHED_HINTS.iter().any(|h| s.contains(h))
}

/// Reads `digits` (at most `max`) starting at `i`; the value and the end.
fn number(b: &[u8], i: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let mut end = i;
    while end < b.len() && end - i < max && b[end].is_ascii_digit() {
        end += 1;
    }
    if end - i < min || (end < b.len() && b[end].is_ascii_digit()) {
        return None;
    }
    let mut v = 0u32;
    for &d in &b[i..end] {
        v = v * 10 + u32::from(d - b'0');
    }
    Some((v, end))
}

/// The first year-first numeric date in `text`, with its time when one
/// follows, as ISO 8601.
pub fn find_numeric_date(text: &str) -> Option<String> {
    let b = text.as_bytes();
    for start in 0..b.len() {
        if !b[start].is_ascii_digit() || (start > 0 && b[start - 1].is_ascii_digit()) {
            continue;
        }
        if let Some(iso) = date_at(b, start) {
            return Some(iso);
        }
    }
    None
}

fn date_at(b: &[u8], start: usize) -> Option<String> {
    let (year, i) = number(b, start, 4, 4)?;
    let sep = *b.get(i)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let (month, i) = number(b, i + 1, 1, 2)?;
    if b.get(i) != Some(&sep) {
        return None;
    }
    let (day, i) = number(b, i + 1, 1, 2)?;
    if !YEARS.contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut iso = format!("{year:04}-{month:02}-{day:02}");
    // An optional time: `T` or spaces, then HH:MM[:SS].
    let mut j = i;
    if b.get(j) == Some(&b'T') {
        j += 1;
    } else {
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
    }
    if j > i {
        if let Some((h, k)) = number(b, j, 1, 2) {
            if b.get(k) == Some(&b':') {
                if let Some((m, k)) = number(b, k + 1, 2, 2) {
                    let secs = if b.get(k) == Some(&b':') {
                        number(b, k + 1, 2, 2).map(|(s, _)| s)
                    } else {
                        None
                    };
                    if h < 24 && m < 60 && secs.is_none_or(|s| s < 60) {
                        iso.push_str(&format!("T{h:02}:{m:02}"));
                        if let Some(s) = secs {
                            iso.push_str(&format!(":{s:02}"));
                        }
                    }
                }
            }
        }
    }
    Some(iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_dates() {
        assert_eq!(
            find_numeric_date("Date:2025-04-28 11:45:07").as_deref(),
            Some("2025-04-28T11:45:07")
        );
        assert_eq!(
            find_numeric_date("on 2024/1/5").as_deref(),
            Some("2024-01-05")
        );
        assert_eq!(
            find_numeric_date("2024.12.31T08:05").as_deref(),
            Some("2024-12-31T08:05")
        );
        assert_eq!(find_numeric_date("2024-13-01"), None);
        assert_eq!(find_numeric_date("12025-01-01"), None);
        assert_eq!(find_numeric_date("no date"), None);
        assert_eq!(
            find_numeric_date("2024-02-03 99:00").as_deref(),
            Some("2024-02-03")
        );
        assert_eq!(
            find_numeric_date("日付：2024-02-03").as_deref(),
            Some("2024-02-03")
        );
    }

    fn date_of(body: &str) -> Option<String> {
        visible_date(&Html::parse_document(&format!(
            "<html><body>{body}</body></html>"
        )))
    }

    #[test]
    fn date_under_the_headline() {
        assert_eq!(
            date_of(r#"<div><h1>Story</h1><div class="info"><span class="date">Date:2025-04-28 11:45:07</span></div><p>Text</p></div>"#).as_deref(),
            Some("2025-04-28T11:45:07")
        );
    }

    #[test]
    fn no_date_when_unmarked_or_far() {
        assert_eq!(date_of(r#"<h1>Story</h1><span>2025-04-28</span>"#), None);
        assert_eq!(
            date_of(r#"<h1>Story</h1><p>Body</p><span class="date">2025-04-28</span>"#),
            None
        );
        assert_eq!(
            date_of(r#"<span class="date">2025-04-28</span><h1>Story</h1>"#),
            None
        );
        assert_eq!(
            date_of(r#"<h1>Story</h1><span class="updated-date">2025-04-28</span>"#),
            None
        );
    }
}
