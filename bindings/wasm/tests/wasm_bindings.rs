//! The engine inside WebAssembly: the library API, the JS value conversions
//! the npm package relies on, and the inputs that would overflow wasm's small
//! stack if any stage recursed, all run as wasm32 code by wasm-bindgen-test.
//!
//! Empty on native targets. In Node.js (the default):
//!
//! ```text
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$HOME/.cache/lectern-tools/wasm-bindgen-0.2.130/bin/wasm-bindgen-test-runner \
//!   cargo test -p lectern-wasm --target wasm32-unknown-unknown --test wasm_bindings
//! ```
//!
//! In headless Chromium (Debian's `chromium` and `chromium-driver` packages),
//! the same command with these in front:
//!
//! ```text
//! WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=300
//! ```
//!
//! `WASM_BINDGEN_TEST_TIMEOUT` (seconds) is needed there: the runner's default
//! budget for the whole browser run is 20 s, and this suite takes about 30 s
//! in a debug build (about 45 s in Node.js, which has no such limit). The
//! runner's version must equal the `wasm-bindgen` crate's (0.2.130, pinned in
//! Cargo.toml; `wasm-bindgen-test` 0.3.80 goes with it).
#![cfg(target_arch = "wasm32")]

use lectern::{
    decode_html, extract, is_probably_readerable, render, Article, Error, Limits, Options,
};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const SAMPLE: &str = include_str!("../../../samples/harbor-bridge.html");
const SAMPLE_URL: &str = "https://harbor-times.example/news/2024/harbor-bridge.html";
/// The URL tests/fixtures.rs gives every fixture.
const FIXTURE_URL: &str = "https://news.example/2024/05/story.html";

fn sample() -> Article {
    extract(SAMPLE, &Options::default().with_url(SAMPLE_URL))
        .expect("the sample page is an article")
}

fn assert_sample(a: &Article) {
    assert_eq!(
        a.title.as_deref(),
        Some("Harbor bridge reopens after two years of repairs")
    );
    assert_eq!(a.site_name.as_deref(), Some("Harbor Times"));
    assert!(
        a.text_content.contains("The harbor bridge reopened"),
        "no story in {:?}",
        a.text_content
    );
    for clutter in ["Views:", "veryGood!", "Ranking"] {
        assert!(
            !a.text_content.contains(clutter),
            "clutter {clutter:?} in the text"
        );
        assert!(
            !a.content.contains(clutter),
            "clutter {clutter:?} in the content"
        );
    }
    assert!(!a.content.contains("<script"), "content not sanitized");
}

fn kind(result: Result<Article, Error>) -> &'static str {
    match result {
        Ok(a) => panic!("expected an error, got an article titled {:?}", a.title),
        Err(e) => e.kind().name(),
    }
}

#[wasm_bindgen_test]
fn sample_page_extracts() {
    let a = sample();
    assert_sample(&a);
    assert_eq!(a.lang.as_deref(), Some("en"));
    assert_eq!(a.dir, None);
    assert!(a.word_count > 50 && a.reading_time_minutes >= 1);
    assert_eq!(a.length, a.text_content.chars().count());
    assert!(
        a.lead_image_url
            .as_deref()
            .is_none_or(|u| u.starts_with("https://harbor-times.example/")),
        "lead image not absolute: {:?}",
        a.lead_image_url
    );
    assert!(is_probably_readerable(
        SAMPLE,
        &Options::default().with_url(SAMPLE_URL)
    ));
}

#[wasm_bindgen_test]
fn renderers_work() {
    let a = sample();
    let md = render::to_markdown(&a);
    assert!(md.contains("The harbor bridge reopened"), "{md}");
    let page = render::reader_page(&a);
    assert!(page.contains("<html"), "not a page");
    assert!(page.contains("Harbor bridge reopens after two years of repairs"));
}

#[wasm_bindgen_test]
fn error_kinds() {
    assert_eq!(kind(extract("", &Options::default())), "NoArticle");
    assert_eq!(
        kind(extract(
            "<html><body><ul><li><a href=/a>A</a></li><li><a href=/b>B</a></li></ul></body></html>",
            &Options::default()
        )),
        "NoArticle"
    );
    assert_eq!(
        kind(extract(SAMPLE, &Options::default().with_url("not a url"))),
        "InvalidUrl"
    );
    assert_eq!(
        kind(extract(
            SAMPLE,
            &Options::default()
                .with_url(SAMPLE_URL)
                .with_limits(Limits::default().with_max_input_bytes(1000))
        )),
        "InputTooLarge"
    );
    assert_eq!(
        kind(extract(
            SAMPLE,
            &Options::default()
                .with_url(SAMPLE_URL)
                .with_limits(Limits::default().with_max_elements(10))
        )),
        "TooManyElements"
    );
    // The engine still works after every error.
    assert_sample(&sample());
}

/// Options and articles cross the JS boundary as plain objects with camelCase
/// keys (serde-wasm-bindgen, as bindings/wasm/src/lib.rs does); a wrong type is an error,
/// not a trap.
#[wasm_bindgen_test]
fn js_values_round_trip() {
    let obj = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        js_sys::Reflect::set(&obj, &JsValue::from_str(k), &v).expect("set");
    };
    set("url", JsValue::from_str(SAMPLE_URL));
    set("charThreshold", JsValue::from_f64(200.0));
    set("keepImages", JsValue::FALSE);
    set(
        "classesToPreserve",
        js_sys::Array::of1(&JsValue::from_str("keep")).into(),
    );
    let options: Options = serde_wasm_bindgen::from_value(obj.clone().into()).expect("options");
    assert_eq!(options.url.as_deref(), Some(SAMPLE_URL));
    assert_eq!(options.char_threshold, 200);
    assert!(!options.keep_images);
    assert_eq!(options.classes_to_preserve, vec!["keep".to_string()]);
    assert_eq!(
        options.limits.max_depth,
        Options::default().limits.max_depth,
        "unset keys keep their defaults"
    );
    let a = extract(SAMPLE, &options).expect("article");
    assert!(
        !a.content.contains("<img"),
        "keepImages: false kept an image"
    );

    set("charThreshold", JsValue::from_str("x"));
    assert!(serde_wasm_bindgen::from_value::<Options>(obj.clone().into()).is_err());
    set("charThreshold", JsValue::from_f64(-1.0));
    assert!(serde_wasm_bindgen::from_value::<Options>(obj.into()).is_err());

    // The article as the package hands it to JS: null for missing values.
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    let js = serde::Serialize::serialize(&sample(), &ser).expect("to JS");
    let dir = js_sys::Reflect::get(&js, &JsValue::from_str("dir")).expect("dir");
    assert!(dir.is_null(), "missing values must be null, got {dir:?}");
    let text = js_sys::Reflect::get(&js, &JsValue::from_str("textContent")).expect("textContent");
    assert!(text
        .as_string()
        .unwrap_or_default()
        .contains("The harbor bridge reopened"));
    let back: Article = serde_wasm_bindgen::from_value(js).expect("back to an Article");
    assert_eq!(back, sample());
}

/// A few fixture cases from tests/fixtures, compiled in (no file system in
/// wasm): charset decoding (encoding_rs and chardetng in wasm), RTL, code,
/// sanitizing, and a non-article.
macro_rules! fixture {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!("../../../tests/fixtures/", $name, "/source.html")).as_slice(),
            include_str!(concat!(
                "../../../tests/fixtures/",
                $name,
                "/expected-metadata.json"
            )),
        )
    };
}

#[wasm_bindgen_test]
fn fixtures_in_wasm() {
    let cases = [
        fixture!("charset-shift-jis"),
        fixture!("charset-windows-1251"),
        fixture!("rtl-arabic"),
        fixture!("code-blocks-pre"),
        fixture!("scripts-and-handlers-removed"),
        fixture!("not-article-login-form"),
    ];
    for (name, bytes, meta) in cases {
        let html = decode_html(bytes, None);
        let options = Options::default().with_url(FIXTURE_URL);
        let expected: Value = serde_json::from_str(meta).expect("expected-metadata.json");
        match extract(&html, &options) {
            Ok(article) => {
                let got = serde_json::to_value(&article).expect("JSON");
                for (key, want) in expected.as_object().expect("object") {
                    if key == "readerable" {
                        assert_eq!(
                            Some(is_probably_readerable(&html, &options)),
                            want.as_bool(),
                            "{name}: readerable"
                        );
                    } else {
                        assert_eq!(&got[key], want, "{name}: {key}");
                    }
                }
                assert!(!article.text_content.is_empty(), "{name}: empty text");
            }
            Err(e) => assert_eq!(
                e.kind().name(),
                "NoArticle",
                "{name}: unexpected error {e} (only the not-article case may fail)"
            ),
        }
    }
    let html = decode_html(
        include_bytes!("../../../tests/fixtures/not-article-login-form/source.html"),
        None,
    );
    assert_eq!(
        kind(extract(&html, &Options::default().with_url(FIXTURE_URL))),
        "NoArticle"
    );
}

/// Every tree walk must be iterative: wasm's stack is 1 MiB, and this is a
/// debug build, whose frames are large; a walk that recursed per level of
/// nesting would overflow here. (Depths are kept moderate because parsing
/// nested elements costs time quadratic in the depth, in html5ever's scope
/// checks: 5,000 levels take about 7 s in a debug wasm build.)
#[wasm_bindgen_test]
fn deep_and_wide_pages_do_not_overflow_the_stack() {
    let para = "<p>A paragraph of the story, with commas, clauses, and enough words to count.</p>";
    let nested = |depth: usize| {
        format!(
            "<html><body>{}{}{}</body></html>",
            "<div>".repeat(depth),
            para.repeat(20),
            "</div>".repeat(depth)
        )
    };
    // Past max_depth (256 by default): flattened after parsing.
    let deep = nested(5_000);
    let a = extract(&deep, &Options::default()).expect("deep page");
    assert!(a.text_content.contains("A paragraph of the story"));
    let _ = is_probably_readerable(&deep, &Options::default());
    // Every stage sees the whole depth when the limit is lifted.
    let unlimited = Options::default().with_limits(
        Limits::default()
            .with_max_depth(usize::MAX)
            .with_max_elements(0),
    );
    let a = extract(&nested(3_000), &unlimited).expect("deep page, no depth limit");
    assert!(a.text_content.contains("A paragraph of the story"));

    let unclosed = format!(
        "<html><body>{}{}",
        "<div><span>".repeat(2_000),
        para.repeat(20)
    );
    let _ = extract(&unclosed, &Options::default());
    let nested_tables = format!("{}{}", "<table><tr><td>".repeat(1_000), para.repeat(10));
    let _ = extract(&nested_tables, &Options::default());
    let nested_inline = format!(
        "<p>{}{}</p>",
        "<b><i><span>".repeat(1_000),
        "word, ".repeat(200)
    );
    let _ = extract(&nested_inline, &Options::default());

    let wide = format!(
        "<html><body><article>{}</article></body></html>",
        para.repeat(5_000)
    );
    let a = extract(&wide, &Options::default()).expect("wide page");
    assert!(a.word_count > 50_000, "{} words", a.word_count);

    // Still fine afterwards.
    assert_sample(&sample());
}

#[wasm_bindgen_test]
fn hostile_bytes_and_characters() {
    let mut x: u32 = 0x2545_f491;
    let garbage: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let decoded = decode_html(&garbage, None);
    let _ = extract(&decoded, &Options::default());
    let latin1: String = garbage.iter().map(|&b| char::from(b)).collect();
    let _ = extract(&latin1, &Options::default());
    let _ = extract(&"\0".repeat(10_000), &Options::default());
    assert_eq!(kind(extract(" \n\t ", &Options::default())), "NoArticle");
    let attrs: String = (0..20_000)
        .map(|i| format!(" data-a{i}=\"v{i}\""))
        .collect();
    let _ = extract(
        &format!("<div{attrs}><p>{}</p></div>", "word, ".repeat(200)),
        &Options::default(),
    );
    let _ = extract(
        &"<table><template><tr><td><table><template></td></table><p>text</template>".repeat(500),
        &Options::default(),
    );
    assert_sample(&sample());
}

/// The options object as `extract` and `isProbablyReaderable` receive it from
/// JS: a wrong type names the option and the JS type it takes, an unknown key
/// is named, and both are `InvalidOptions`.
#[wasm_bindgen_test]
fn option_errors_name_the_option_and_the_js_type() {
    fn options(pairs: &[(&str, JsValue)]) -> JsValue {
        let obj = js_sys::Object::new();
        for (k, v) in pairs {
            js_sys::Reflect::set(&obj, &JsValue::from_str(k), v).expect("set");
        }
        obj.into()
    }
    // (kind, message) of what each export throws for these options.
    fn thrown(options: JsValue) -> Vec<(String, String)> {
        let get = |e: &JsValue, k: &str| {
            js_sys::Reflect::get(e, &JsValue::from_str(k))
                .expect("get")
                .as_string()
                .unwrap_or_default()
        };
        let html = JsValue::from_str(SAMPLE);
        let a = lectern_wasm::extract_js(html.clone(), options.clone()).expect_err("extract");
        let b = lectern_wasm::is_probably_readerable_js(html, options).expect_err("readerable");
        [a, b]
            .iter()
            .map(|e| (get(e, "kind"), get(e, "message")))
            .collect()
    }
    fn check(options: JsValue, message: &str) {
        for (kind, got) in thrown(options) {
            assert_eq!(kind, "InvalidOptions", "{got}");
            assert_eq!(got, message);
        }
    }
    let int = "a non-negative integer (number)";
    check(
        options(&[("charThreshold", JsValue::from_str("x"))]),
        &format!("option charThreshold: expected {int}, got string \"x\""),
    );
    check(
        options(&[("nbTopCandidates", JsValue::from_f64(-1.0))]),
        &format!("option nbTopCandidates: expected {int}, got number -1"),
    );
    check(
        options(&[("maxDepth", JsValue::from_f64(1.5))]),
        &format!("option maxDepth: expected {int}, got number 1.5"),
    );
    check(
        options(&[("maxElements", JsValue::from_f64(f64::NAN))]),
        &format!("option maxElements: expected {int}, got number NaN"),
    );
    check(
        options(&[("maxInputBytes", JsValue::from_f64(1e10))]),
        &format!(
            "option maxInputBytes: expected {int} of at most 4294967295, got number 10000000000"
        ),
    );
    check(
        options(&[("maxAttributes", JsValue::NULL)]),
        &format!("option maxAttributes: expected {int}, got null"),
    );
    check(
        options(&[("keepImages", JsValue::from_str("no"))]),
        "option keepImages: expected a boolean, got string \"no\"",
    );
    check(
        options(&[("keepClasses", JsValue::from_f64(1.0))]),
        "option keepClasses: expected a boolean, got number 1",
    );
    check(
        options(&[("url", JsValue::from_f64(3.0))]),
        "option url: expected a string or null, got number 3",
    );
    check(
        options(&[("classesToPreserve", JsValue::from_str("page"))]),
        "option classesToPreserve: expected an array of strings, got string \"page\"",
    );
    check(
        options(&[(
            "classesToPreserve",
            js_sys::Array::of2(&JsValue::from_str("a"), &JsValue::TRUE).into(),
        )]),
        "option classesToPreserve: expected an array of strings, got boolean true at index 1",
    );
    // Unknown keys, a misspelling and the Rust struct's nesting alike.
    check(
        options(&[("charTreshold", JsValue::from_f64(10.0))]),
        "unknown option charTreshold; the options are url, charThreshold, nbTopCandidates, \
         maxInputBytes, maxElements, maxDepth, maxAttributes, keepClasses, classesToPreserve, \
         keepImages, keepTables, keepCode",
    );
    check(
        options(&[("limits", options(&[("maxDepth", JsValue::from_f64(8.0))]))]),
        "unknown option limits; the limits are top-level options: \
         maxInputBytes, maxElements, maxDepth, maxAttributes",
    );
    check(
        JsValue::from_str("fast"),
        "options must be an object, got string \"fast\"",
    );
    check(
        js_sys::Array::new().into(),
        "options must be an object, got an array",
    );

    // Every option with its default value is accepted (so the checks above
    // know every key the engine has), and `undefined` means "not set".
    let defaults = serde_json::to_value(Options::default()).expect("defaults");
    let defaults = defaults.as_object().expect("an object");
    let names: Vec<&str> = defaults.keys().map(String::as_str).collect();
    for (name, value) in defaults {
        let value = match value {
            Value::Null => JsValue::NULL,
            Value::Bool(b) => JsValue::from_bool(*b),
            Value::Number(n) => JsValue::from_f64(n.as_f64().expect("a number")),
            Value::Array(a) => a
                .iter()
                .map(|s| JsValue::from_str(s.as_str().expect("a string")))
                .collect::<js_sys::Array>()
                .into(),
            other => panic!("option {name} has an unexpected default {other}"),
        };
        let o = options(&[(name, value), ("url", JsValue::from_str(SAMPLE_URL))]);
        lectern_wasm::extract_js(JsValue::from_str(SAMPLE), o)
            .unwrap_or_else(|e| panic!("{name} at its default: {e:?}"));
        // And each one, given a symbol, is named with its expected type.
        let o = options(&[(name, js_sys::Symbol::for_("s").into())]);
        for (kind, got) in thrown(o) {
            assert_eq!(kind, "InvalidOptions");
            assert!(
                got.starts_with(&format!("option {name}: expected "))
                    && got.ends_with(", got a symbol"),
                "{got}"
            );
        }
    }
    let unknown = thrown(options(&[("x", JsValue::TRUE)])).remove(0).1;
    for name in names {
        assert!(
            unknown.contains(&format!(" {name},")) || unknown.ends_with(&format!(" {name}")),
            "the unknown-key message does not list {name}: {unknown}"
        );
    }
    let o = options(&[
        ("charThreshold", JsValue::UNDEFINED),
        ("url", JsValue::from_str(SAMPLE_URL)),
    ]);
    lectern_wasm::extract_js(JsValue::from_str(SAMPLE), o).expect("undefined is not set");
}
