//! Calculation: the exact engine, the full report, and loss against outage
//! length.

pub mod curve;
pub mod engine;
pub mod report;
