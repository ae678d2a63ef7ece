//! Outage Impact's pure core: what an outage of a dependency costs a team,
//! and what keeps working. The folders are the pipeline:
//!
//! - [`input`]: the scenario format, its validation into a [`Model`], the
//!   example and the scope presets;
//! - [`time`]: instants, the built-in time zones, working calendars;
//! - [`calc`]: the exact engine, the report, loss against outage length;
//! - [`output`]: tables, the results file, CSV, Markdown, the share link,
//!   the charts;
//! - [`sort`]: the one sort the others go through (page size);
//! - [`ui`]: the page's own logic as plain Rust (structural edits, typed
//!   drafts, the scope and length knobs), so it is tested natively.
//!
//! This package depends on no browser crate: it cannot name the browser.

pub mod calc;
pub mod input;
pub mod output;
pub mod sort;
pub mod time;
pub mod ui;

pub use calc::engine::Engine;
pub use calc::report::Report;
pub use input::model::Model;
pub use input::scenario::Scenario;
pub use input::validate::{validate, Problem};

/// The app's version, written into exports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
