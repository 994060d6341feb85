//! Why an extraction failed, in words a user understands, and the one list
//! of error kinds every front door (Rust, wasm, CLI) reports.

use std::fmt;

/// Why [`extract`](crate::extract) returned no article.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The page holds no block of text that looks like an article.
    NoArticle,
    /// The input is larger than [`Limits::max_input_bytes`](crate::Limits::max_input_bytes).
    InputTooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The page has more elements than [`Limits::max_elements`](crate::Limits::max_elements).
    TooManyElements {
        /// Elements found.
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
    /// The kind of error, for programs that branch on it; its
    /// [`name`](ErrorKind::name) is stable.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NoArticle => ErrorKind::NoArticle,
            Error::InputTooLarge { .. } => ErrorKind::InputTooLarge,
            Error::TooManyElements { .. } => ErrorKind::TooManyElements,
            Error::InvalidUrl(_) => ErrorKind::InvalidUrl,
        }
    }
}

/// Every kind of error a front door of Lectern reports: the engine's own
/// ([`Error`]) and those only a binding can meet (a bad argument from
/// JavaScript, a bad batch line, a file that cannot be read). The wasm
/// package sets an `Error`'s `kind`, and the CLI's batch lines their
/// `errorKind`, to [`name`](ErrorKind::name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Error::NoArticle`].
    NoArticle,
    /// [`Error::InputTooLarge`].
    InputTooLarge,
    /// [`Error::TooManyElements`].
    TooManyElements,
    /// [`Error::InvalidUrl`].
    InvalidUrl,
    /// Options of the wrong shape or type, or an unknown option (wasm).
    InvalidOptions,
    /// An argument of the wrong type: HTML that is not a string (wasm).
    InvalidInput,
    /// An object passed as an article that is not one (wasm).
    InvalidArticle,
    /// A batch manifest line that is not a valid JSON object of the
    /// expected shape (CLI).
    InvalidLine,
    /// A WARC record that could not be read: truncated, corrupt, or its
    /// HTTP response malformed (CLI `--warc`, Python `extract_warc`).
    InvalidRecord,
    /// A file could not be read (CLI).
    Io,
    /// A bug: the engine failed where it should not (a caught panic, a
    /// value that could not be converted). Please report it.
    Internal,
}

impl ErrorKind {
    /// Every kind, in the order of the documentation.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::NoArticle,
        ErrorKind::InputTooLarge,
        ErrorKind::TooManyElements,
        ErrorKind::InvalidUrl,
        ErrorKind::InvalidOptions,
        ErrorKind::InvalidInput,
        ErrorKind::InvalidArticle,
        ErrorKind::InvalidLine,
        ErrorKind::InvalidRecord,
        ErrorKind::Io,
        ErrorKind::Internal,
    ];

    /// The stable name (`"NoArticle"`, `"InputTooLarge"`, ...).
    ///
    /// ```
    /// assert_eq!(lectern::Error::NoArticle.kind().name(), "NoArticle");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::NoArticle => "NoArticle",
            ErrorKind::InputTooLarge => "InputTooLarge",
            ErrorKind::TooManyElements => "TooManyElements",
            ErrorKind::InvalidUrl => "InvalidUrl",
            ErrorKind::InvalidOptions => "InvalidOptions",
            ErrorKind::InvalidInput => "InvalidInput",
            ErrorKind::InvalidArticle => "InvalidArticle",
            ErrorKind::InvalidLine => "InvalidLine",
            ErrorKind::InvalidRecord => "InvalidRecord",
            ErrorKind::Io => "Io",
            ErrorKind::Internal => "Internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_engine_error_is_listed() {
        let names: std::collections::HashSet<_> = ErrorKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), ErrorKind::ALL.len());
        for e in [
            Error::NoArticle,
            Error::InputTooLarge { size: 2, limit: 1 },
            Error::TooManyElements { count: 2, limit: 1 },
            Error::InvalidUrl("x".into()),
        ] {
            assert!(ErrorKind::ALL.contains(&e.kind()), "{e}");
        }
    }
}
