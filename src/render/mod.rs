//! Output forms of an [`Article`](crate::Article) besides its HTML: plain
//! text, Markdown, and a standalone reader page.

mod markdown;
mod page;
pub(crate) mod text;

pub use markdown::to_markdown;
pub use page::reader_page;
