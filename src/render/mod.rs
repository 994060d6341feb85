//! Output forms of an [`Article`](crate::Article) besides its HTML: plain
//! text, Markdown, and a standalone reader page.

pub(crate) mod text;
mod markdown;
mod page;

pub use markdown::to_markdown;
pub use page::reader_page;
