//! Relative links and images resolved against the page URL and `<base>`.

use ego_tree::NodeId;
use scraper::Html;
use url::Url;

use crate::dom;

/// The base every relative URL resolves against: `<base href>` joined to
/// the page URL, or the page URL.
pub fn document_base(doc: &Html, page: Option<Url>) -> Option<Url> {
    let href = doc
        .tree
        .root()
        .descendants()
        .find(|n| {
            n.value()
                .as_element()
                .is_some_and(|e| &*e.name.local == "base" && e.attr("href").is_some())
        })
        .and_then(|n| {
            n.value()
                .as_element()
                .and_then(|e| e.attr("href"))
                .map(str::to_string)
        });
    match (page, href) {
        (Some(p), Some(h)) => Some(p.join(h.trim()).unwrap_or(p)),
        (None, Some(h)) => Url::parse(h.trim()).ok(),
        (p, None) => p,
    }
}

/// Makes `href`, `src`, `poster` and `srcset` under `root` absolute.
/// Fragment-only links stay as they are: they point inside the article.
pub fn resolve(doc: &mut Html, root: NodeId, base: Option<&Url>) {
    let Some(base) = base else {
        return;
    };
    for id in dom::descendant_elements(doc, root) {
        for name in ["href", "src", "poster"] {
            if let Some(v) = dom::attr(doc, id, name) {
                let v = v.trim();
                if v.starts_with('#') || v.is_empty() {
                    continue;
                }
                if let Ok(abs) = base.join(v) {
                    let abs = abs.to_string();
                    dom::set_attr(doc, id, name, &abs);
                }
            }
        }
        if let Some(v) = dom::attr(doc, id, "srcset") {
            let resolved = resolve_srcset(v, base);
            dom::set_attr(doc, id, "srcset", &resolved);
        }
    }
}

/// Resolves each candidate of a `srcset` (`url [descriptor], ...`).
pub fn resolve_srcset(srcset: &str, base: &Url) -> String {
    srcset_candidates(srcset)
        .into_iter()
        .map(|(url, descriptors)| {
            let abs = base
                .join(url)
                .map(|u| u.to_string())
                .unwrap_or_else(|_| url.to_string());
            if descriptors.is_empty() {
                abs
            } else {
                format!("{abs} {descriptors}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A `srcset` split into (URL, descriptors) candidates, as browsers split it:
/// a URL runs to the next whitespace (so `data:` URLs keep their commas), and
/// descriptors run to the next comma outside parentheses.
pub(crate) fn srcset_candidates(srcset: &str) -> Vec<(&str, &str)> {
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r');
    let mut out = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| is_space(c) || c == ',');
        if rest.is_empty() {
            return out;
        }
        let url_end = rest.find(is_space).unwrap_or(rest.len());
        let (url, after) = rest.split_at(url_end);
        if let Some(trimmed) = url.strip_suffix(',') {
            // "a.jpg," ends the candidate with no descriptors.
            out.push((trimmed.trim_end_matches(','), ""));
            rest = after;
            continue;
        }
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        out.push((url, after[..end].trim()));
        rest = &after[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_candidates_are_resolved() {
        let base = Url::parse("https://example.com/news/a.html").unwrap();
        assert_eq!(
            resolve_srcset("img/a.jpg 1x, /b.jpg 2x", &base),
            "https://example.com/news/img/a.jpg 1x, https://example.com/b.jpg 2x"
        );
    }

    #[test]
    fn srcset_data_urls_keep_their_commas() {
        let base = Url::parse("https://example.com/news/a.html").unwrap();
        assert_eq!(
            resolve_srcset("data:image/png;base64,iVBORw0KGgo= 1x,b.jpg 2x, c.jpg", &base),
            "data:image/png;base64,iVBORw0KGgo= 1x, https://example.com/news/b.jpg 2x, https://example.com/news/c.jpg"
        );
        assert_eq!(
            srcset_candidates("a.jpg, b.jpg (max-width: 1px, 2px) 2x,,"),
            vec![("a.jpg", ""), ("b.jpg", "(max-width: 1px, 2px) 2x")]
        );
    }

    #[test]
    fn base_element_wins_over_page_url() {
        let doc = Html::parse_document(
            r#"<html><head><base href="/static/"></head><body></body></html>"#,
        );
        let base = document_base(&doc, Url::parse("https://example.com/a/b.html").ok()).unwrap();
        assert_eq!(base.as_str(), "https://example.com/static/");
    }
}
