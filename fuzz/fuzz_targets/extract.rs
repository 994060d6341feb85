//! Any bytes through the whole pipeline: charset decoding, extraction, the
//! renderers, and the readerable check. libFuzzer reports panics, stack
//! overflows, timeouts and out-of-memory as crashes; the checks below add the
//! engine's own promise that its output is sanitized.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scraper::{Html, Node};

const FORBIDDEN: &[&str] = &[
    "script", "iframe", "frame", "object", "embed", "applet", "form", "input", "button", "base",
    "meta", "link", "style", "template", "noscript", "svg", "math", "textarea", "select",
];

fuzz_target!(|data: &[u8]| {
    let html = lectern::decode_html(data, None);
    let options = lectern::Options::default().with_url("https://news.example/2024/05/story.html");
    let _ = lectern::is_probably_readerable(&html, &options);
    if let Ok(article) = lectern::extract(&html, &options) {
        assert_sanitized(&article.content);
        let _ = lectern::render::to_markdown(&article);
        let _ = lectern::render::reader_page(&article);
    }
});

/// Parses the content as a browser would and looks for anything that runs.
fn assert_sanitized(content: &str) {
    let doc = Html::parse_fragment(content);
    for node in doc.tree.nodes() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        assert!(
            !FORBIDDEN.contains(&e.name()),
            "<{}> in content: {content}",
            e.name()
        );
        for (name, value) in e.attrs() {
            assert!(
                !name.starts_with("on"),
                "{name} attribute in content: {content}"
            );
            assert!(
                !matches!(name, "srcdoc" | "style" | "formaction"),
                "{name} attribute in content: {content}"
            );
            let urls: Vec<&str> = match name {
                "href" | "src" | "action" | "poster" | "cite" => vec![value],
                // Each candidate's URL (a rough split is enough for the check).
                "srcset" => value
                    .split(", ")
                    .filter_map(|c| c.split_whitespace().next())
                    .collect(),
                _ => vec![],
            };
            for url in urls {
                let v: String = url
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                let v = v.to_ascii_lowercase();
                assert!(
                    !v.starts_with("javascript:")
                        && !v.starts_with("vbscript:")
                        && !(v.starts_with("data:") && !v.starts_with("data:image/")),
                    "{name}={value} in content: {content}"
                );
            }
        }
    }
}
