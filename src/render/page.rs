//! A standalone reader page: one HTML file with inline CSS.
//!
//! The page loads nothing but the article's own images and media: a strict
//! Content-Security-Policy forbids scripts, frames, fonts and remote styles,
//! and no referrer is sent when images load.

use crate::Article;

/// The page's Content-Security-Policy: no scripts, no frames, no remote
/// styles; images and media from the web only.
const CSP: &str = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; media-src https: http:";

const CSS: &str = r#"
:root {
  color-scheme: light dark;
  --bg: #fbfaf7; --fg: #1f1d1a; --muted: #6b665e; --rule: #e2ded6;
  --link: #1a55a8; --code-bg: #f1eee8; --quote: #c9c2b6;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #1b1c1e; --fg: #e4e1da; --muted: #a29d94; --rule: #3a3b3e;
    --link: #8ab4f8; --code-bg: #26282b; --quote: #54565a;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto; padding: 2.5em 1.25em 4em; max-width: 38em;
  font: 20px/1.6 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Noto Serif", serif;
  overflow-wrap: break-word; hyphens: auto;
}
header.lectern-header { margin-bottom: 2em; padding-bottom: 1em; border-bottom: 1px solid var(--rule); }
header.lectern-header h1 { font-size: 2em; line-height: 1.2; margin: 0 0 .4em; }
.lectern-meta { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: .8em; color: var(--muted); margin: .2em 0; }
.lectern-meta span + span::before { content: "·"; margin: 0 .5em; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 .6em; }
h2 { font-size: 1.5em; } h3 { font-size: 1.25em; } h4, h5, h6 { font-size: 1em; }
p, ul, ol, dl, table, pre, figure, blockquote { margin: 0 0 1.1em; }
a { color: var(--link); text-underline-offset: .15em; }
img, video, svg, canvas, picture, iframe { max-width: 100%; height: auto; }
img { display: block; margin: 1em auto; border-radius: 2px; }
p img, li img, td img { display: inline; margin: 0; vertical-align: middle; }
figure { margin-left: 0; margin-right: 0; }
figure img { margin: 0 auto .5em; }
figcaption, caption { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: .75em; line-height: 1.4; color: var(--muted); text-align: center; }
blockquote { margin-left: 0; padding: .1em 0 .1em 1.1em; border-left: 4px solid var(--quote); color: var(--muted); font-style: italic; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
ul, ol { padding-left: 1.6em; }
li { margin: .25em 0; }
li > ul, li > ol, li > p { margin-top: .25em; margin-bottom: .25em; }
code, kbd, samp, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .8em; }
code, kbd, samp { background: var(--code-bg); padding: .1em .3em; border-radius: 3px; }
pre { background: var(--code-bg); padding: .9em 1em; border-radius: 4px; overflow-x: auto; line-height: 1.45; white-space: pre; hyphens: none; }
pre code { background: none; padding: 0; font-size: 1em; }
table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; font-size: .85em; }
th, td { border: 1px solid var(--rule); padding: .35em .6em; text-align: left; vertical-align: top; }
th { background: var(--code-bg); }
sup, sub { line-height: 0; }
footer.lectern-footer { margin-top: 3em; padding-top: 1em; border-top: 1px solid var(--rule); font-family: system-ui, sans-serif; font-size: .75em; color: var(--muted); }
@media (max-width: 600px) { body { font-size: 18px; padding: 1.5em 1em 3em; } header.lectern-header h1 { font-size: 1.6em; } }
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #444; --link: #000; --code-bg: #f4f4f4; --rule: #bbb; --quote: #999; }
  body { max-width: none; padding: 0; font-size: 12pt; }
  a { text-decoration: underline; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .8em; word-break: break-all; }
  pre, blockquote, figure, img, table { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  footer.lectern-footer { display: none; }
}
"#;

/// Sanitizing what the caller gives: classes stay (the caller chose them;
/// styles never pass), everything else as for [`extract`](crate::extract).
static CONTENT_AS_GIVEN: std::sync::LazyLock<crate::Options> =
    std::sync::LazyLock::new(|| crate::Options::default().with_keep_classes(true));

/// A complete HTML document showing the article in a clean reading layout.
///
/// Metadata (title, byline, site name, date) is escaped, and `article.content`
/// goes through the sanitizer again: an `Article` can be built or changed by
/// hand, and the page must be safe whatever it holds (for what
/// [`extract`](crate::extract) returned, this changes nothing).
pub fn reader_page(article: &Article) -> String {
    let title = clean(article.title.as_deref());
    let byline = clean(article.byline.as_deref());
    let site = clean(article.site_name.as_deref());
    let published = clean(article.published_time.as_deref());
    let lang = clean(article.lang.as_deref()).filter(|l| is_token(l));
    let dir = clean(article.dir.as_deref())
        .map(|d| d.to_ascii_lowercase())
        .filter(|d| matches!(d.as_str(), "ltr" | "rtl" | "auto"));

    let mut out = String::with_capacity(article.content.len() + CSS.len() + 2048);
    out.push_str("<!DOCTYPE html>\n<html");
    if let Some(lang) = &lang {
        push_attr(&mut out, "lang", lang);
    }
    if let Some(dir) = &dir {
        push_attr(&mut out, "dir", dir);
    }
    out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"");
    out.push_str(CSP);
    out.push_str("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    out.push_str("<meta name=\"generator\" content=\"Lectern ");
    out.push_str(crate::VERSION);
    out.push_str("\">\n<title>");
    let page_title = match (&title, &site) {
        (Some(t), Some(s)) if !t.contains(s.as_str()) => format!("{t} \u{2014} {s}"),
        (Some(t), _) => t.clone(),
        (None, Some(s)) => s.clone(),
        (None, None) => "Article".to_string(),
    };
    out.push_str(&escape(&page_title));
    out.push_str("</title>\n<style>");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<header class=\"lectern-header\">\n");
    if let Some(site) = &site {
        out.push_str("<p class=\"lectern-meta lectern-site\">");
        out.push_str(&escape(site));
        out.push_str("</p>\n");
    }
    if let Some(t) = &title {
        out.push_str("<h1>");
        out.push_str(&escape(t));
        out.push_str("</h1>\n");
    }
    let mut meta: Vec<String> = Vec::new();
    if let Some(b) = &byline {
        meta.push(format!(
            "<span class=\"lectern-byline\">{}</span>",
            escape(b)
        ));
    }
    if let Some(p) = &published {
        let mut span = String::from("<span class=\"lectern-date\"><time");
        push_attr(&mut span, "datetime", p);
        span.push('>');
        span.push_str(&escape(&display_date(p)));
        span.push_str("</time></span>");
        meta.push(span);
    }
    if article.word_count > 0 {
        let minutes = article.reading_time_minutes.max(1);
        meta.push(format!(
            "<span class=\"lectern-reading-time\">{minutes} min read</span>"
        ));
    }
    if !meta.is_empty() {
        out.push_str("<p class=\"lectern-meta\">");
        out.push_str(&meta.join(""));
        out.push_str("</p>\n");
    }
    out.push_str("</header>\n<main>\n<article");
    if let Some(dir) = &dir {
        push_attr(&mut out, "dir", dir);
    }
    out.push_str(">\n");
    out.push_str(&crate::sanitize::clean(&article.content, &CONTENT_AS_GIVEN));
    out.push_str("\n</article>\n</main>\n<footer class=\"lectern-footer\">Reader view by Lectern</footer>\n</body>\n</html>\n");
    out
}

/// Escapes text for HTML element content and double-quoted attributes.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.push_str(&escape(value));
    out.push('"');
}

/// Whitespace collapsed; `None` when nothing is left.
fn clean(s: Option<&str>) -> Option<String> {
    let s = s?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// A language tag's characters only (`en`, `pt-BR`, `zh_Hant`).
fn is_token(s: &str) -> bool {
    s.len() <= 35
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `2020-03-04T10:00:00Z` reads as `2020-03-04`; other forms are shown as found.
fn display_date(s: &str) -> String {
    let b = s.as_bytes();
    let iso_date = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if iso_date && (b.len() == 10 || matches!(b[10], b'T' | b't' | b' ')) {
        s[..10].to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article {
            title: Some("Rain <returns> & \"stays\"".into()),
            byline: Some("By <b>Jane</b>".into()),
            site_name: Some("Daily Planet".into()),
            published_time: Some("2024-05-01T10:00:00Z".into()),
            lang: Some("en".into()),
            dir: Some("rtl".into()),
            content: "<p>Body <em>text</em>.</p>".into(),
            text_content: "Body text.".into(),
            word_count: 460,
            reading_time_minutes: 2,
            ..Article::default()
        }
    }

    #[test]
    fn complete_document_with_csp() {
        let page = reader_page(&article());
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\" dir=\"rtl\">"));
        assert!(page.contains("<meta charset=\"utf-8\">"));
        assert!(page.contains("name=\"viewport\""));
        assert!(page.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             img-src https: http: data:; style-src 'unsafe-inline'; media-src https: http:\">"
        ));
        assert!(page.contains("prefers-color-scheme: dark"));
        assert!(page.contains("@media print"));
        assert!(page.trim_end().ends_with("</html>"));
        assert!(!page.contains("<script"));
    }

    #[test]
    fn metadata_is_escaped_content_is_not() {
        let page = reader_page(&article());
        assert!(page.contains(
            "<title>Rain &lt;returns&gt; &amp; &quot;stays&quot; \u{2014} Daily Planet</title>"
        ));
        assert!(page.contains("<h1>Rain &lt;returns&gt; &amp; &quot;stays&quot;</h1>"));
        assert!(page.contains("By &lt;b&gt;Jane&lt;/b&gt;"));
        assert!(page.contains("<p>Body <em>text</em>.</p>"));
        assert!(page.contains("<time datetime=\"2024-05-01T10:00:00Z\">2024-05-01</time>"));
        assert!(page.contains("2 min read"));
        assert!(page.contains("Daily Planet</p>"));
    }

    #[test]
    fn content_built_by_hand_is_sanitized() {
        let page = reader_page(&Article {
            content: r#"<p class="lead" onclick="x()">Hi<script>alert(1)</script><img src="javascript:y()"><a href="javascript:z()">l</a></p>"#.into(),
            ..Article::default()
        });
        assert!(
            page.contains(r#"<p class="lead">Hi<img><a rel="noopener noreferrer">l</a></p>"#),
            "{page}"
        );
        for bad in ["onclick", "alert", "javascript"] {
            assert!(!page.contains(bad), "{bad} in {page}");
        }
    }

    #[test]
    fn missing_metadata_is_left_out() {
        let page = reader_page(&Article {
            content: "<p>x</p>".into(),
            lang: Some("en\" onload=\"x".into()),
            dir: Some("sideways".into()),
            ..Article::default()
        });
        assert!(page.contains("<html>"));
        assert!(page.contains("<title>Article</title>"));
        assert!(!page.contains("<h1>"));
        assert!(!page.contains("min read"));
        assert!(!page.contains("onload"));
    }

    #[test]
    fn dates() {
        assert_eq!(display_date("2020-01-02"), "2020-01-02");
        assert_eq!(display_date("2020-01-02T03:04:05+01:00"), "2020-01-02");
        assert_eq!(display_date("May 4, 2020"), "May 4, 2020");
        assert_eq!(display_date("2020-01-02x"), "2020-01-02x");
    }

    #[test]
    fn title_already_naming_the_site() {
        let page = reader_page(&Article {
            title: Some("Daily Planet turns 100".into()),
            site_name: Some("Daily Planet".into()),
            ..Article::default()
        });
        assert!(page.contains("<title>Daily Planet turns 100</title>"));
    }
}
