//! Pathological pages, at the sizes a hostile or broken site can serve: each
//! must give an article or a clear error, within a time bound, and never
//! panic or overflow the stack. The same inputs run in wasm through
//! tests/js/consumer/hostile.mjs.
//!
//! The bounds are loose (debug builds and a loaded 2-core machine must pass);
//! they exist to catch a return of quadratic parsing, which took minutes.

use std::time::{Duration, Instant};

use lectern::{extract, Error, Limits, Options};

const PARA: &str = "<p>A paragraph of a long story, with commas, clauses, and enough words to score as article text.</p>";

fn limit() -> Duration {
    // Debug builds are about ten times slower than release.
    Duration::from_secs(if cfg!(debug_assertions) { 300 } else { 30 })
}

fn check(name: &str, html: &str, options: &Options) -> Result<usize, &'static str> {
    let start = Instant::now();
    let result = extract(html, options);
    let took = start.elapsed();
    assert!(took < limit(), "{name}: took {took:?}");
    eprintln!(
        "{name}: {} in {took:?}",
        result
            .as_ref()
            .map(|_| "article")
            .unwrap_or_else(|e| e.kind().name())
    );
    match result {
        Ok(a) => Ok(a.text_content.len()),
        Err(e) => {
            // Whatever the error, it names its cause.
            assert!(!e.to_string().is_empty());
            Err(e.kind().name())
        }
    }
}

#[test]
fn empty_and_blank_pages_say_no_article() {
    let o = Options::default();
    assert_eq!(check("0 bytes", "", &o), Err("NoArticle"));
    assert_eq!(
        check("whitespace", &" \n\t".repeat(10_000), &o),
        Err("NoArticle")
    );
}

#[test]
fn garbage_and_nul_bytes() {
    let o = Options::default();
    let mut x: u32 = 0x2545_f491;
    let garbage: String = (0..1 << 20)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            char::from((x & 0xff) as u8)
        })
        .collect();
    let _ = check("1 MiB of binary garbage", &garbage, &o);
    let _ = check("NUL bytes", &"\0".repeat(100_000), &o);
    let _ = check(
        "NULs inside tags",
        &format!(
            "<html><body>{}</body></html>",
            "<\0p>text, \0words, more words.</p\0>".repeat(2_000)
        ),
        &o,
    );
}

#[test]
fn one_hundred_thousand_levels_of_nesting() {
    let o = Options::default();
    let closed = format!(
        "{}{}{}",
        "<div>".repeat(100_000),
        PARA.repeat(20),
        "</div>".repeat(100_000)
    );
    assert!(check("100,000 nested divs", &closed, &o).is_ok());
    let unclosed = format!("<html><body>{}{}", "<div>".repeat(100_000), PARA.repeat(20));
    assert!(check("100,000 unclosed divs", &unclosed, &o).is_ok());
    let inline = format!(
        "<p>{}{}",
        "<span><b><i>".repeat(34_000),
        "text, more text. ".repeat(100)
    );
    let _ = check("100,000 nested inline elements", &inline, &o);
    let tables = format!("{}{}", "<table><tr><td>".repeat(33_000), PARA.repeat(10));
    let _ = check("33,000 nested tables", &tables, &o);
    let templates = format!("{}{}", "<template>".repeat(100_000), PARA.repeat(10));
    let _ = check("100,000 nested templates", &templates, &o);
    let foreign = format!(
        "<body><svg>{}</svg><math>{}</math>{}",
        "<g>".repeat(50_000),
        "<mrow>".repeat(50_000),
        PARA.repeat(10)
    );
    let _ = check("100,000 nested svg/math elements", &foreign, &o);
}

#[test]
fn a_million_elements_is_refused_or_read() {
    let o = Options::default();
    let page = format!(
        "<html><body><article>{}</article></body></html>",
        "<p>word, words.</p>".repeat(1_000_001)
    );
    assert_eq!(
        check("1,000,001 elements", &page, &o),
        Err("TooManyElements")
    );
    let page = format!(
        "<html><body><article>{}</article></body></html>",
        "<p>word, words.</p>".repeat(400_000)
    );
    let _ = check("400,000 elements", &page, &o);
}

#[test]
fn huge_pages_and_text_nodes() {
    let o = Options::default();
    let fifty_mb = format!(
        "<html><body><article>{}</article></body></html>",
        PARA.repeat(50 * 1024 * 1024 / PARA.len())
    );
    // Half a million paragraphs: read, within the bound.
    assert!(check("50 MB page", &fifty_mb, &o).is_ok());
    let over = "x".repeat(o.limits.max_input_bytes + 1);
    assert_eq!(
        check("over max_input_bytes", &over, &o),
        Err("InputTooLarge")
    );
    let text = format!(
        "<html><body><p>{}</p></body></html>",
        "lorem, ipsum ".repeat(10 * 1024 * 1024 / 13)
    );
    assert!(check("10 MB single text node", &text, &o).is_ok());
    let word = format!(
        "<html><body><div>{}</div></body></html>",
        "x".repeat(10 * 1024 * 1024)
    );
    let _ = check("10 MB single word", &word, &o);
}

#[test]
fn one_hundred_thousand_attributes() {
    let o = Options::default();
    let attrs: String = (0..100_000)
        .map(|i| format!(" data-a{i}=\"v{i}\""))
        .collect();
    let page = format!(
        "<html><body><div{attrs}>{}</div></body></html>",
        PARA.repeat(20)
    );
    assert!(check("100,000 attributes", &page, &o).is_ok());
    let dup = format!(
        "<html><body><div{}>{}</div></body></html>",
        " class=\"x\"".repeat(100_000),
        PARA.repeat(20)
    );
    assert!(check("100,000 duplicate attributes", &dup, &o).is_ok());
}

#[test]
fn unclosed_and_misnested_markup() {
    let o = Options::default();
    let unclosed: String = (0..5_000)
        .map(|i| format!("<div><p><span><b><i><a href=\"/x{i}\"><ul><li><table><tr><td>cell {i}, text, more text"))
        .collect();
    let _ = check(
        "unclosed tags everywhere",
        &format!("<html><body>{unclosed}"),
        &o,
    );
    let misnested = "<table><template><tr><td><table><template></td></table><p>text, words, words</template><tbody><template><div></table></template>".repeat(5_000);
    let _ = check(
        "table/template misnesting",
        &format!("<html><body>{misnested}{}", PARA.repeat(10)),
        &o,
    );
    let adoption = "<b><i><p>a</b>b</i>c</p>".repeat(20_000);
    let _ = check(
        "adoption agency",
        &format!("<html><body>{adoption}{}", PARA.repeat(10)),
        &o,
    );
}

#[test]
fn errors_are_clear() {
    let e = extract(
        "<p>x</p>",
        &Options::default().with_limits(Limits::default().with_max_input_bytes(3)),
    )
    .unwrap_err();
    assert!(matches!(e, Error::InputTooLarge { .. }));
    assert!(e.to_string().contains("3"), "{e}");
}

#[test]
fn thousands_of_posts_and_nested_posts() {
    let post = |i: usize| {
        format!(
            "<div class=\"post p{i}\"><span class=\"author\">user{i}</span> \
             <time datetime=\"2024-01-01\">Jan 1</time><div class=\"postbody\">{PARA}</div></div>"
        )
    };
    // Twenty thousand posts in one thread.
    let flat: String = (0..20_000).map(post).collect();
    let got = check(
        "20k posts",
        &format!("<html><body><div id=\"thread\">{flat}</div></body></html>"),
        &Options::default(),
    );
    assert!(got.is_ok_and(|len| len > 20_000 * 50));
    // Posts inside posts, a thousand levels deep (quoted replies gone wrong).
    let mut nested = String::new();
    for i in 0..1000 {
        nested.push_str(&post(i).replace("</div></div>", "</div>"));
    }
    nested.push_str(&"</div>".repeat(1000));
    let got = check(
        "nested posts",
        &format!("<html><body>{nested}</body></html>"),
        &Options::default(),
    );
    assert!(got.is_ok());
}
