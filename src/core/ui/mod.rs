//! The page's own logic as plain Rust: no browser here, so it is tested
//! natively; `src/web` only shows it.

pub mod drafts;
pub mod edit;
pub mod length;
pub mod place;
pub mod scope;
pub mod variants;
