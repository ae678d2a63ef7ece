//! Output: every way results and scenarios leave the core. Each format is a
//! file of its own; `table` builds the results tables once for the page and
//! the Markdown review alike.

pub mod annual;
pub mod charts;
pub mod compare;
pub mod csv;
pub mod file;
pub mod format;
pub mod history;
pub mod html;
pub mod markdown;
pub mod portable;
pub mod review;
pub mod share;
pub mod table;
