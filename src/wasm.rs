//! The JavaScript face of the engine: a thin wasm-bindgen layer over
//! [`crate::extract`], compiled only for `wasm32`.
//!
//! Names match the Rust API in camelCase (`extract`, `isProbablyReaderable`,
//! `toMarkdown`, `readerPage`, `version`); objects cross the boundary with
//! serde so the keys are those of [`Article`] and [`Options`].

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Article, Options};

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
        .ok_or_else(|| error("InvalidInput", "the page's HTML must be a string"))
}

fn options_from(value: JsValue) -> Result<Options, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| error("InvalidOptions", &format!("invalid options: {e}")))
}

/// A JS `Error` with a `kind` property programs can branch on.
fn error(kind: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("kind"), &JsValue::from_str(kind));
    err.into()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // `null` for missing values (not `undefined`), plain objects (not Maps).
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&ser)
        .map_err(|e| error("Internal", &format!("could not convert the result: {e}")))
}

/// Extracts the article from a page's HTML. Throws an `Error` (with `kind`
/// set to `NoArticle`, `InputTooLarge`, `TooManyElements`, `InvalidUrl` or
/// `InvalidOptions`, `InvalidInput`) when no article can be returned.
#[wasm_bindgen(js_name = extract)]
pub fn extract_js(html: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let html = html_from(&html)?;
    let options = options_from(options)?;
    match crate::extract(&html, &options) {
        Ok(article) => to_js(&article),
        Err(e) => Err(error(e.kind(), &e.to_string())),
    }
}

/// A quick guess whether the page holds an article worth a reader view.
#[wasm_bindgen(js_name = isProbablyReaderable)]
pub fn is_probably_readerable_js(html: JsValue, options: JsValue) -> Result<bool, JsValue> {
    let html = html_from(&html)?;
    let options = options_from(options)?;
    Ok(crate::is_probably_readerable(&html, &options))
}

fn article_from(value: JsValue) -> Result<Article, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| error("InvalidArticle", &format!("not an article object: {e}")))
}

/// The article (as returned by `extract`) as Markdown.
#[wasm_bindgen(js_name = toMarkdown)]
pub fn to_markdown_js(article: JsValue) -> Result<String, JsValue> {
    Ok(crate::render::to_markdown(&article_from(article)?))
}

/// The article (as returned by `extract`) as a standalone HTML reader page.
#[wasm_bindgen(js_name = readerPage)]
pub fn reader_page_js(article: JsValue) -> Result<String, JsValue> {
    Ok(crate::render::reader_page(&article_from(article)?))
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}
