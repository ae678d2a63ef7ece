//! Output: every way results and scenarios leave the core.

pub mod charts;
pub mod export;
pub mod share;
