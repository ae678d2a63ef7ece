//! Outage Impact's two edges over the pure core (`outage-impact-core`, in
//! `src/core`): the command line (native) and the web app (wasm32). The
//! core's modules are re-exported so that both, and the tests, name them as
//! `outage_impact::input`, `outage_impact::calc` and so on.

pub use outage_impact_core::*;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod web;
