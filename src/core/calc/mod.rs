//! Calculation: the exact engine, the full report, loss against outage
//! length, and the annual view.

pub mod annual;
pub mod compare;
pub mod curve;
pub mod engine;
pub mod report;
