//! The one settings struct every front door (library, CLI, wasm) shares.
//!
//! Both structs are `#[non_exhaustive]`, so adding a setting is not a
//! breaking change: build them from their defaults with the `with_*`
//! methods. Each default is stated once, on its `with_*` method, and checked
//! there by a doc test.
//!
//! Serialized (for JavaScript and the CLI's JSON), the options are one flat
//! object with camelCase keys (`url`, `charThreshold`, `maxDepth`, ...);
//! missing keys take their defaults and unknown keys are an error.

use serde::{Deserialize, Serialize};

/// How [`extract`](crate::extract) and
/// [`is_probably_readerable`](crate::is_probably_readerable) behave.
///
/// ```
/// use lectern::{Limits, Options};
///
/// let options = Options::default()
///     .with_url("https://example.com/news/story")
///     .with_char_threshold(200)
///     .with_limits(Limits::default().with_max_depth(64));
/// assert_eq!(options.char_threshold, 200);
/// assert_eq!(options.limits.max_depth, 64);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "Wire", into = "Wire")]
#[non_exhaustive]
pub struct Options {
    /// The page's address; see [`with_url`](Self::with_url).
    pub url: Option<String>,
    /// See [`with_char_threshold`](Self::with_char_threshold).
    pub char_threshold: usize,
    /// See [`with_nb_top_candidates`](Self::with_nb_top_candidates).
    pub nb_top_candidates: usize,
    /// Bounds on the input; see [`Limits`].
    pub limits: Limits,
    /// See [`with_keep_classes`](Self::with_keep_classes).
    pub keep_classes: bool,
    /// See [`with_classes_to_preserve`](Self::with_classes_to_preserve).
    pub classes_to_preserve: Vec<String>,
    /// See [`with_keep_images`](Self::with_keep_images).
    pub keep_images: bool,
    /// See [`with_keep_tables`](Self::with_keep_tables).
    pub keep_tables: bool,
    /// See [`with_keep_code`](Self::with_keep_code).
    pub keep_code: bool,
}

/// Bounds that keep hostile pages (huge, deep, wide) linear in time and
/// memory. Exceeding the first two is an error; the others are enforced by
/// trimming the page.
///
/// ```
/// use lectern::Limits;
///
/// let limits = Limits::default().with_max_elements(50_000).with_max_depth(128);
/// assert_eq!((limits.max_elements, limits.max_depth), (50_000, 128));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Limits {
    /// See [`with_max_input_bytes`](Self::with_max_input_bytes).
    pub max_input_bytes: usize,
    /// See [`with_max_elements`](Self::with_max_elements).
    pub max_elements: usize,
    /// See [`with_max_depth`](Self::with_max_depth).
    pub max_depth: usize,
    /// See [`with_max_attributes`](Self::with_max_attributes).
    pub max_attributes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            char_threshold: crate::content::DEFAULT_CHAR_THRESHOLD,
            nb_top_candidates: crate::content::DEFAULT_N_TOP_CANDIDATES,
            limits: Limits::default(),
            keep_classes: false,
            classes_to_preserve: vec!["page".to_string()],
            keep_images: true,
            keep_tables: true,
            keep_code: true,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 64 * 1024 * 1024,
            max_elements: 1_000_000,
            max_depth: 256,
            max_attributes: 256,
        }
    }
}

impl Options {
    /// The defaults; the same as [`Options::default`].
    pub fn new() -> Self {
        Self::default()
    }

    /// The page's address, used to resolve relative links and images (with
    /// the page's `<base href>`) and as a fallback for the site name. A
    /// value that is not an absolute URL makes extraction fail with
    /// [`Error::InvalidUrl`](crate::Error::InvalidUrl).
    ///
    /// ```
    /// # use lectern::Options;
    /// assert_eq!(Options::default().url, None);
    /// ```
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Fewest characters of text an extraction must hold before it is
    /// accepted; below it the engine retries with gentler cleaning (as
    /// Readability's `charThreshold`).
    ///
    /// ```
    /// # use lectern::Options;
    /// assert_eq!(Options::default().char_threshold, 500);
    /// ```
    pub fn with_char_threshold(mut self, chars: usize) -> Self {
        self.char_threshold = chars;
        self
    }

    /// Number of top-scoring candidates compared when picking the article
    /// (as Readability's `nbTopCandidates`).
    ///
    /// ```
    /// # use lectern::Options;
    /// assert_eq!(Options::default().nb_top_candidates, 5);
    /// ```
    pub fn with_nb_top_candidates(mut self, n: usize) -> Self {
        self.nb_top_candidates = n;
        self
    }

    /// Bounds on the input.
    ///
    /// ```
    /// # use lectern::{Limits, Options};
    /// assert_eq!(Options::default().limits, Limits::default());
    /// ```
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Keep every `class` attribute in `content`; otherwise only
    /// [`classes_to_preserve`](Self::with_classes_to_preserve) survive.
    ///
    /// ```
    /// # use lectern::Options;
    /// assert!(!Options::default().keep_classes);
    /// ```
    pub fn with_keep_classes(mut self, keep: bool) -> Self {
        self.keep_classes = keep;
        self
    }

    /// Classes kept in `content` even when `keep_classes` is off.
    ///
    /// ```
    /// # use lectern::Options;
    /// assert_eq!(Options::default().classes_to_preserve, ["page"]);
    /// ```
    pub fn with_classes_to_preserve<I, S>(mut self, classes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.classes_to_preserve = classes.into_iter().map(Into::into).collect();
        self
    }

    /// Keep images and figures.
    ///
    /// ```
    /// # use lectern::Options;
    /// assert!(Options::default().keep_images);
    /// ```
    pub fn with_keep_images(mut self, keep: bool) -> Self {
        self.keep_images = keep;
        self
    }

    /// Keep data tables (layout tables are unwrapped either way).
    ///
    /// ```
    /// # use lectern::Options;
    /// assert!(Options::default().keep_tables);
    /// ```
    pub fn with_keep_tables(mut self, keep: bool) -> Self {
        self.keep_tables = keep;
        self
    }

    /// Keep `pre`/`code` blocks.
    ///
    /// ```
    /// # use lectern::Options;
    /// assert!(Options::default().keep_code);
    /// ```
    pub fn with_keep_code(mut self, keep: bool) -> Self {
        self.keep_code = keep;
        self
    }
}

impl Limits {
    /// The defaults; the same as [`Limits::default`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Largest input accepted, in bytes (of UTF-8 text); larger input fails
    /// with [`Error::InputTooLarge`](crate::Error::InputTooLarge).
    ///
    /// ```
    /// # use lectern::Limits;
    /// assert_eq!(Limits::default().max_input_bytes, 64 * 1024 * 1024);
    /// ```
    pub fn with_max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// Most elements parsed; more fails with
    /// [`Error::TooManyElements`](crate::Error::TooManyElements). `0` means
    /// no limit.
    ///
    /// ```
    /// # use lectern::Limits;
    /// assert_eq!(Limits::default().max_elements, 1_000_000);
    /// ```
    pub fn with_max_elements(mut self, elements: usize) -> Self {
        self.max_elements = elements;
        self
    }

    /// Deepest nesting kept; deeper elements are flattened into their
    /// ancestor at this depth, so no later stage sees an unbounded tree.
    /// Before parsing, start tags nested more than twice this deep are
    /// dropped (their text stays), which keeps parse time linear. Values
    /// below 8 count as 8.
    ///
    /// ```
    /// # use lectern::Limits;
    /// assert_eq!(Limits::default().max_depth, 256);
    /// ```
    pub fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Most attributes kept on one tag; the rest are dropped before parsing
    /// (html5ever's duplicate check is quadratic in them). Real pages use a
    /// few dozen at most. Values below 16 count as 16.
    ///
    /// ```
    /// # use lectern::Limits;
    /// assert_eq!(Limits::default().max_attributes, 256);
    /// ```
    pub fn with_max_attributes(mut self, attributes: usize) -> Self {
        self.max_attributes = attributes;
        self
    }
}

/// The serialized shape: one flat object, as JavaScript callers and the
/// CLI's JSON have always used it.
#[derive(Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct Wire {
    url: Option<String>,
    char_threshold: usize,
    nb_top_candidates: usize,
    max_input_bytes: usize,
    max_elements: usize,
    max_depth: usize,
    max_attributes: usize,
    keep_classes: bool,
    classes_to_preserve: Vec<String>,
    keep_images: bool,
    keep_tables: bool,
    keep_code: bool,
}

impl Default for Wire {
    fn default() -> Self {
        Options::default().into()
    }
}

impl From<Options> for Wire {
    fn from(o: Options) -> Self {
        Wire {
            url: o.url,
            char_threshold: o.char_threshold,
            nb_top_candidates: o.nb_top_candidates,
            max_input_bytes: o.limits.max_input_bytes,
            max_elements: o.limits.max_elements,
            max_depth: o.limits.max_depth,
            max_attributes: o.limits.max_attributes,
            keep_classes: o.keep_classes,
            classes_to_preserve: o.classes_to_preserve,
            keep_images: o.keep_images,
            keep_tables: o.keep_tables,
            keep_code: o.keep_code,
        }
    }
}

impl From<Wire> for Options {
    fn from(w: Wire) -> Self {
        Options {
            url: w.url,
            char_threshold: w.char_threshold,
            nb_top_candidates: w.nb_top_candidates,
            limits: Limits {
                max_input_bytes: w.max_input_bytes,
                max_elements: w.max_elements,
                max_depth: w.max_depth,
                max_attributes: w.max_attributes,
            },
            keep_classes: w.keep_classes,
            classes_to_preserve: w.classes_to_preserve,
            keep_images: w.keep_images,
            keep_tables: w.keep_tables,
            keep_code: w.keep_code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_options_are_flat_camel_case_with_defaults() {
        let o: Options = serde_json::from_str(r#"{"charThreshold": 10, "maxDepth": 40}"#).unwrap();
        assert_eq!(o.char_threshold, 10);
        assert_eq!(o.limits.max_depth, 40);
        assert_eq!(o.limits.max_elements, Limits::default().max_elements);
        let v = serde_json::to_value(Options::default()).unwrap();
        assert_eq!(v["maxInputBytes"], 64 * 1024 * 1024);
        assert_eq!(v["classesToPreserve"][0], "page");
        let back: Options = serde_json::from_value(v).unwrap();
        assert_eq!(back, Options::default());
    }

    #[test]
    fn unknown_option_keys_are_an_error() {
        let e = serde_json::from_str::<Options>(r#"{"charTreshold": 10}"#).unwrap_err();
        assert!(e.to_string().contains("charTreshold"), "{e}");
    }
}
