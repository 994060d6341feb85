//! The one settings struct every front door (library, CLI, wasm) shares.

use serde::{Deserialize, Serialize};

/// How [`extract`](crate::extract) and
/// [`is_probably_readerable`](crate::is_probably_readerable) behave.
///
/// Every field has a default (see [`Options::default`]), so set only what you
/// need: `Options { char_threshold: 200, ..Options::default() }`. Serialized
/// names are camelCase so that the same object works from JavaScript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// The page's address, used to resolve relative links and images and as a
    /// fallback for the site name. Default: `None` (relative URLs are kept
    /// relative where they cannot be resolved).
    pub url: Option<String>,
    /// Fewest characters of text an extraction must hold before it is accepted;
    /// below it the engine retries with gentler cleaning. Default: `500`.
    pub char_threshold: usize,
    /// Number of top-scoring candidates compared when picking the article.
    /// Default: `5`.
    pub nb_top_candidates: usize,
    /// Largest input accepted, in bytes; larger input is refused with
    /// [`Error::InputTooLarge`](crate::Error::InputTooLarge). Default: 64 MiB.
    pub max_input_bytes: usize,
    /// Most elements parsed; more is refused with
    /// [`Error::TooManyElements`](crate::Error::TooManyElements). `0` means no
    /// limit. Default: `1_000_000`.
    pub max_elements: usize,
    /// Deepest nesting kept; deeper elements are flattened into their ancestor
    /// at this depth so no later stage sees an unbounded tree. Before parsing,
    /// start tags nested more than twice this deep are dropped (their text
    /// stays), which keeps parse time linear on hostile pages. Default: `256`.
    pub max_depth: usize,
    /// Keep `class` attributes in the output. Default: `false` (only
    /// [`classes_to_preserve`](Self::classes_to_preserve) survive).
    pub keep_classes: bool,
    /// Classes kept even when `keep_classes` is `false`. Default: `["page"]`.
    pub classes_to_preserve: Vec<String>,
    /// Keep images and figures. Default: `true`.
    pub keep_images: bool,
    /// Keep data tables. Default: `true`.
    pub keep_tables: bool,
    /// Keep `pre`/`code` blocks. Default: `true`.
    pub keep_code: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            char_threshold: 500,
            nb_top_candidates: 5,
            max_input_bytes: 64 * 1024 * 1024,
            max_elements: 1_000_000,
            max_depth: 256,
            keep_classes: false,
            classes_to_preserve: vec!["page".to_string()],
            keep_images: true,
            keep_tables: true,
            keep_code: true,
        }
    }
}

impl Options {
    /// Options with the page URL set and every other field at its default.
    pub fn with_url(url: impl Into<String>) -> Self {
        Options {
            url: Some(url.into()),
            ..Options::default()
        }
    }
}
