//! The JavaScript face of the engine: a thin wasm-bindgen layer over
//! [`lectern::extract`], built for `wasm32` (it compiles natively too, for
//! `cargo check` and clippy, where the exports are never called).
//!
//! Names match the Rust API in camelCase (`extract`, `isProbablyReaderable`,
//! `toMarkdown`, `readerPage`, `version`); objects cross the boundary with
//! serde so the keys are those of [`Article`] and [`Options`].

use serde::Serialize;
use wasm_bindgen::prelude::*;

use lectern::{Article, ErrorKind, Options};

#[wasm_bindgen(start)]
fn start() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
}

/// The page's HTML: a `&str` parameter would let the glue read garbage
/// memory when JS passes a non-string, so the type is checked here.
fn html_from(value: &JsValue) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| error(ErrorKind::InvalidInput, "the page's HTML must be a string"))
}

/// The JS type each option takes, by its key (the keys of `Options`'
/// serialized form, in the order of `index.d.ts`).
#[derive(Clone, Copy)]
enum OptionType {
    /// A string, or `null` for none.
    StringOrNull,
    /// A non-negative integer that fits a `usize` (32 bits in wasm32).
    Count,
    Bool,
    Strings,
}

const OPTIONS: [(&str, OptionType); 12] = [
    ("url", OptionType::StringOrNull),
    ("charThreshold", OptionType::Count),
    ("nbTopCandidates", OptionType::Count),
    ("maxInputBytes", OptionType::Count),
    ("maxElements", OptionType::Count),
    ("maxDepth", OptionType::Count),
    ("maxAttributes", OptionType::Count),
    ("keepClasses", OptionType::Bool),
    ("classesToPreserve", OptionType::Strings),
    ("keepImages", OptionType::Bool),
    ("keepTables", OptionType::Bool),
    ("keepCode", OptionType::Bool),
];

/// A JS value in words for an error message: `string "x"`, `number -1`,
/// `null`, `an array`, ...
fn describe(value: &JsValue) -> String {
    if let Some(s) = value.as_string() {
        let mut shown: String = s.chars().take(40).collect();
        if shown.len() < s.len() {
            shown.push_str("...");
        }
        return format!("string {shown:?}");
    }
    if let Some(n) = value.as_f64() {
        // As JS prints it.
        let n = if n.is_nan() {
            "NaN".to_string()
        } else if n.is_infinite() {
            if n > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
        } else {
            n.to_string()
        };
        return format!("number {n}");
    }
    if let Some(b) = value.as_bool() {
        return format!("boolean {b}");
    }
    if value.is_null() {
        "null".to_string()
    } else if value.is_undefined() {
        "undefined".to_string()
    } else if js_sys::Array::is_array(value) {
        "an array".to_string()
    } else if value.is_symbol() {
        "a symbol".to_string()
    } else if value.is_bigint() {
        "a bigint".to_string()
    } else if value.is_function() {
        "a function".to_string()
    } else {
        "an object".to_string()
    }
}

/// Checks one option's JS type, so that the error names the option and what
/// it takes (serde's own says "expected usize").
fn check_option(name: &str, ty: OptionType, value: &JsValue) -> Result<(), String> {
    let fail =
        |expected: &str, got: String| Err(format!("option {name}: expected {expected}, got {got}"));
    match ty {
        OptionType::StringOrNull if value.is_null() || value.as_string().is_some() => Ok(()),
        OptionType::StringOrNull => fail("a string or null", describe(value)),
        OptionType::Bool if value.as_bool().is_some() => Ok(()),
        OptionType::Bool => fail("a boolean", describe(value)),
        OptionType::Count => {
            let expected = "a non-negative integer (number)";
            match value.as_f64() {
                Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => {
                    if n > usize::MAX as f64 {
                        fail(
                            &format!("{expected} of at most {}", usize::MAX),
                            describe(value),
                        )
                    } else {
                        Ok(())
                    }
                }
                _ => fail(expected, describe(value)),
            }
        }
        OptionType::Strings => {
            let expected = "an array of strings";
            if !js_sys::Array::is_array(value) {
                return fail(expected, describe(value));
            }
            let array = js_sys::Array::from(value);
            match array.iter().position(|v| v.as_string().is_none()) {
                None => Ok(()),
                Some(i) => fail(
                    expected,
                    format!("{} at index {i}", describe(&array.get(i as u32))),
                ),
            }
        }
    }
}

/// The options object from JS: `undefined`/`null` for the defaults, else a
/// plain object whose keys are checked one by one (known, of the right JS
/// type; `undefined` values count as not set) before serde reads it.
fn options_from(value: JsValue) -> Result<Options, JsValue> {
    let invalid = |message: &str| error(ErrorKind::InvalidOptions, message);
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() || value.is_function() || js_sys::Array::is_array(&value) {
        return Err(invalid(&format!(
            "options must be an object, got {}",
            describe(&value)
        )));
    }
    let given = js_sys::Object::from(value);
    let set = js_sys::Object::new();
    for entry in js_sys::Object::entries(&given).iter() {
        let entry = js_sys::Array::from(&entry);
        let key = entry.get(0).as_string().unwrap_or_default();
        let value = entry.get(1);
        let Some(&(_, ty)) = OPTIONS.iter().find(|(name, _)| *name == key) else {
            let known: Vec<&str> = OPTIONS.iter().map(|(name, _)| *name).collect();
            return Err(invalid(&if key == "limits" {
                "unknown option limits; the limits are top-level options: \
                 maxInputBytes, maxElements, maxDepth, maxAttributes"
                    .to_string()
            } else {
                format!("unknown option {key}; the options are {}", known.join(", "))
            }));
        };
        if value.is_undefined() {
            continue;
        }
        check_option(&key, ty, &value).map_err(|m| invalid(&m))?;
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&set, &JsValue::from_str(&key), &value);
    }
    serde_wasm_bindgen::from_value(set.into())
        .map_err(|e| invalid(&format!("invalid options: {e}")))
}

/// A JS `Error` with a `kind` property programs can branch on.
fn error(kind: ErrorKind, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(
        &err,
        &JsValue::from_str("kind"),
        &JsValue::from_str(kind.name()),
    );
    err.into()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // `null` for missing values (not `undefined`), plain objects (not Maps).
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&ser).map_err(|e| {
        error(
            ErrorKind::Internal,
            &format!("could not convert the result: {e}"),
        )
    })
}

/// Extracts the article from a page's HTML, with the readerable verdict of
/// the same parse in `readerable`. Throws an `Error` whose `kind` is one of
/// the `ErrorKind` names (`NoArticle`, `InputTooLarge`, ...) when no article
/// can be returned.
#[wasm_bindgen(js_name = extract)]
pub fn extract_js(html: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let html = html_from(&html)?;
    let options = options_from(options)?;
    match lectern::extract(&html, &options) {
        Ok(article) => to_js(&article),
        Err(e) => Err(error(e.kind(), &e.to_string())),
    }
}

/// A quick guess whether the page holds an article worth a reader view.
/// Throws only for arguments of the wrong type; a page too large to parse
/// is not readerable.
#[wasm_bindgen(js_name = isProbablyReaderable)]
pub fn is_probably_readerable_js(html: JsValue, options: JsValue) -> Result<bool, JsValue> {
    let html = html_from(&html)?;
    let options = options_from(options)?;
    Ok(lectern::is_probably_readerable(&html, &options))
}

/// Every error `kind` the package can throw, in the documented order.
#[wasm_bindgen(js_name = errorKinds)]
pub fn error_kinds() -> Vec<String> {
    ErrorKind::ALL
        .iter()
        .map(|k| k.name().to_string())
        .collect()
}

fn article_from(value: JsValue) -> Result<Article, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        error(
            ErrorKind::InvalidArticle,
            &format!("not an article object: {e}"),
        )
    })
}

/// The article (as returned by `extract`) as Markdown.
#[wasm_bindgen(js_name = toMarkdown)]
pub fn to_markdown_js(article: JsValue) -> Result<String, JsValue> {
    Ok(lectern::render::to_markdown(&article_from(article)?))
}

/// The article (as returned by `extract`) as a standalone HTML reader page.
#[wasm_bindgen(js_name = readerPage)]
pub fn reader_page_js(article: JsValue) -> Result<String, JsValue> {
    Ok(lectern::render::reader_page(&article_from(article)?))
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    lectern::VERSION.to_string()
}
