//! Outage Impact: what an outage of a dependency costs a team, and what keeps
//! working. The pure core: the scenario format and its validation, the exact
//! piecewise-constant engine, presets, and the export formats. Nothing in this
//! crate's core touches a browser; the web UI lives in `web` (wasm32 only).

pub mod calendar;
pub mod charts;
pub mod curve;
pub mod edit;
pub mod engine;
pub mod export;
pub mod generate;
pub mod length;
pub mod model;
pub mod presets;
pub mod report;
pub mod scenario;
pub mod share;
pub mod validate;
pub mod zones;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

pub use engine::Engine;
pub use model::Model;
pub use report::Report;
pub use scenario::Scenario;
pub use validate::{validate, Problem};

/// The app's version, written into exports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(target_arch = "wasm32")]
pub mod web;
