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

fn options_from(value: JsValue) -> Result<Options, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| error(ErrorKind::InvalidOptions, &format!("invalid options: {e}")))
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
