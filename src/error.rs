//! Why an extraction failed, in words a user understands.

use std::fmt;

/// Why [`extract`](crate::extract) returned no article.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The page holds no block of text that looks like an article.
    NoArticle,
    /// The input is larger than [`Options::max_input_bytes`](crate::Options::max_input_bytes).
    InputTooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The page has more elements than [`Options::max_elements`](crate::Options::max_elements).
    TooManyElements {
        /// Elements found (counting stops just past the limit).
        count: usize,
        /// The configured limit.
        limit: usize,
    },
    /// [`Options::url`](crate::Options::url) is not an absolute URL.
    InvalidUrl(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoArticle => f.write_str("no article found on this page"),
            Error::InputTooLarge { size, limit } => write!(
                f,
                "the page is too large: {size} bytes, the limit is {limit} bytes"
            ),
            Error::TooManyElements { count, limit } => write!(
                f,
                "the page has too many elements: more than {limit} (counted {count})"
            ),
            Error::InvalidUrl(u) => write!(f, "the page URL is not a valid absolute URL: {u:?}"),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// A short stable name for the error kind (`"NoArticle"`, `"InputTooLarge"`, ...),
    /// for programs that branch on it.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NoArticle => "NoArticle",
            Error::InputTooLarge { .. } => "InputTooLarge",
            Error::TooManyElements { .. } => "TooManyElements",
            Error::InvalidUrl(_) => "InvalidUrl",
        }
    }
}
