//! `<meta>` tags: Open Graph, Twitter cards, Dublin Core, Parse.ly, Weibo and
//! the plain `name="author"`-style ones, collected into one table keyed by a
//! normalized name such as `og:title` or `parsely-pub-date`.
//!
//! Two kinds of keys exist, as in Readability.js:
//! - `property` holds a space-separated list; the first entry of the form
//!   `<prefix>:<field>` (prefix one of `article`, `dc`, `dcterm`, `og`,
//!   `twitter`) names the value.
//! - `name` holds a single name, optionally prefixed (`dc.`, `dcterm:`, `og:`,
//!   `twitter:`, `parsely-`, `weibo:article:`, `weibo:webpage:`); it is used
//!   only when `property` gave nothing.
//!
//! When the same key appears twice the later tag wins.

use std::collections::HashMap;

use scraper::{Html, Node};

use super::text::{is_js_space, js_trim};

/// Prefixes a `property` entry may carry.
const PROPERTY_PREFIXES: &[&str] = &["article", "dc", "dcterm", "og", "twitter"];
/// Fields a `property` entry may name.
const PROPERTY_FIELDS: &[&str] = &[
    "author",
    "creator",
    "description",
    "published_time",
    "title",
    "site_name",
];
/// Prefixes a `name` may carry (followed by `-`, `.` or `:`).
const NAME_PREFIXES: &[&str] = &[
    "dc",
    "dcterm",
    "og",
    "twitter",
    "parsely",
    "weibo:article",
    "weibo:webpage",
];
/// Fields a `name` may name.
const NAME_FIELDS: &[&str] = &[
    "author",
    "creator",
    "pub-date",
    "description",
    "title",
    "site_name",
];

/// The page's meta tags, by normalized key.
#[derive(Debug, Default)]
pub struct MetaValues {
    values: HashMap<String, String>,
    /// Other tags kept for the fallbacks (images, language), by lowercased
    /// `property`/`name`/`http-equiv`; first occurrence wins.
    extra: HashMap<String, String>,
}

/// Keys of the extra table worth keeping.
const EXTRA_KEYS: &[&str] = &[
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
    "content-language",
    "og:locale",
];

impl MetaValues {
    /// Collects every `<meta>` of the document.
    pub fn collect(doc: &Html) -> MetaValues {
        let mut out = MetaValues::default();
        for node in doc.tree.root().descendants() {
            let Node::Element(e) = node.value() else {
                continue;
            };
            if &*e.name.local != "meta" {
                continue;
            }
            let content = match e.attr("content") {
                Some(c) if !c.is_empty() => c,
                _ => continue,
            };
            out.keep_extra(
                e.attr("property"),
                e.attr("name"),
                e.attr("http-equiv"),
                content,
            );
            let mut key = e.attr("property").and_then(property_key);
            if key.is_none() {
                key = e.attr("name").and_then(name_key);
            }
            if let Some(k) = key {
                out.values.insert(k, js_trim(content).to_string());
            }
        }
        out
    }

    fn keep_extra(
        &mut self,
        property: Option<&str>,
        name: Option<&str>,
        equiv: Option<&str>,
        content: &str,
    ) {
        let keys = property
            .into_iter()
            .flat_map(|p| p.split(is_js_space))
            .chain(name)
            .chain(equiv);
        for k in keys {
            let k = js_trim(k).to_ascii_lowercase();
            if EXTRA_KEYS.contains(&k.as_str()) && !self.extra.contains_key(&k) {
                let v = js_trim(content);
                if !v.is_empty() {
                    self.extra.insert(k, v.to_string());
                }
            }
        }
    }

    /// The value under a normalized key, when non-empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The first non-empty value among `keys`, in order.
    pub fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.get(k))
    }

    /// A value of the fallback table (image and language tags).
    pub fn extra(&self, key: &str) -> Option<&str> {
        self.extra.get(key).map(String::as_str)
    }
}

/// Key for a `property` attribute: the leftmost `<prefix>\s*:\s*<field>`
/// anywhere in it, lowercased, whitespace removed.
fn property_key(property: &str) -> Option<String> {
    let lower = property.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    for start in 0..bytes.len() {
        for prefix in PROPERTY_PREFIXES {
            let Some(rest) = lower.get(start..).and_then(|r| r.strip_prefix(prefix)) else {
                continue;
            };
            let rest = rest.trim_start_matches(is_js_space);
            let Some(rest) = rest.strip_prefix(':') else {
                continue;
            };
            let rest = rest.trim_start_matches(is_js_space);
            if let Some(field) = PROPERTY_FIELDS.iter().find(|f| rest.starts_with(**f)) {
                return Some(format!("{prefix}:{field}"));
            }
        }
    }
    None
}

/// Key for a `name` attribute: the whole (trimmed) name must be
/// `[<prefix> <sep>] <field>`; the key is it lowercased, whitespace removed,
/// dots turned to colons.
fn name_key(name: &str) -> Option<String> {
    let lower = js_trim(name).to_ascii_lowercase();
    let matches = NAME_FIELDS.contains(&lower.as_str())
        || NAME_PREFIXES.iter().any(|prefix| {
            lower
                .strip_prefix(prefix)
                .map(|r| r.trim_start_matches(is_js_space))
                .and_then(|r| r.strip_prefix(['-', '.', ':']))
                .map(|r| r.trim_start_matches(is_js_space))
                .is_some_and(|field| NAME_FIELDS.contains(&field))
        });
    if !matches {
        return None;
    }
    Some(
        lower
            .chars()
            .filter(|c| !is_js_space(*c))
            .map(|c| if c == '.' { ':' } else { c })
            .collect(),
    )
}

/// Decodes the entities that survive in meta values when a page escaped
/// them twice: `&quot; &amp; &apos; &lt; &gt;` first, then numeric
/// references (`&#NNN;`, `&#xHHH;`). Invalid code points (zero, surrogates,
/// beyond U+10FFFF) become U+FFFD; anything else is left as it is.
pub fn unescape_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let named = replace_refs(s, |body| match body {
        "quot" => Some('"'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "lt" => Some('<'),
        "gt" => Some('>'),
        _ => None,
    });
    replace_refs(&named, numeric_ref)
}

/// Replaces each `&body;` for which `decode` answers a character. A body is
/// a run of ASCII letters, digits and `#`, so each `&` looks ahead only
/// over its own run and the whole pass stays linear.
fn replace_refs(s: &str, decode: impl Fn(&str) -> Option<char>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let body_len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .count();
        let decoded = match after.as_bytes().get(body_len) {
            Some(b';') => decode(&after[..body_len]),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[body_len + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `#123` or `#x1F` (case-insensitive) to its character.
fn numeric_ref(body: &str) -> Option<char> {
    let digits = body.strip_prefix('#')?;
    let (digits, radix) = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (digits, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let value = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
    Some(
        char::from_u32(value)
            .filter(|c| *c != '\0')
            .unwrap_or('\u{FFFD}'),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_keys() {
        assert_eq!(property_key("og:title").as_deref(), Some("og:title"));
        assert_eq!(
            property_key("x:title dc:title").as_deref(),
            Some("dc:title")
        );
        assert_eq!(
            property_key("og:title twitter:title").as_deref(),
            Some("og:title")
        );
        assert_eq!(
            property_key("OG : Description").as_deref(),
            Some("og:description")
        );
        assert_eq!(
            property_key("dcterm:creator").as_deref(),
            Some("dcterm:creator")
        );
        assert_eq!(
            property_key("article:published_time").as_deref(),
            Some("article:published_time")
        );
        assert_eq!(property_key("og:image"), None);
        assert_eq!(property_key(""), None);
        assert_eq!(
            property_key("é:title og:site_name").as_deref(),
            Some("og:site_name")
        );
    }

    #[test]
    fn name_keys() {
        assert_eq!(name_key("DC.title").as_deref(), Some("dc:title"));
        assert_eq!(name_key(" author ").as_deref(), Some("author"));
        assert_eq!(
            name_key("parsely-pub-date").as_deref(),
            Some("parsely-pub-date")
        );
        assert_eq!(
            name_key("weibo:article:title").as_deref(),
            Some("weibo:article:title")
        );
        assert_eq!(name_key("twitter:title").as_deref(), Some("twitter:title"));
        assert_eq!(name_key("dcterms.title"), None);
        assert_eq!(name_key("keywords"), None);
        assert_eq!(name_key("x:title"), None);
    }

    #[test]
    fn unescapes_double_escaped_entities() {
        assert_eq!(unescape_entities("a &amp; b"), "a & b");
        assert_eq!(
            unescape_entities("&quot;q&quot; &lt;&gt; &apos;"),
            "\"q\" <> '"
        );
        assert_eq!(
            unescape_entities("&#xg; &#x1F62D; &#128557; &#xFFFFFFFF; &#x0;"),
            "&#xg; 😭 😭 \u{FFFD} \u{FFFD}"
        );
        assert_eq!(unescape_entities("&#xD800;"), "\u{FFFD}");
        assert_eq!(unescape_entities("&amp;#38;"), "&");
        assert_eq!(
            unescape_entities("Tom & Jerry &nbsp; &"),
            "Tom & Jerry &nbsp; &"
        );
        assert_eq!(unescape_entities("&#99999999999999999999;"), "\u{FFFD}");
    }
}
