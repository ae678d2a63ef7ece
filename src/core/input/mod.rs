//! Input: the raw scenario as files, links and the editor hold it, its
//! validation (raw → [`model::Model`], once), the example and the presets.

pub mod field;
pub mod generate;
pub mod history;
pub mod json;
pub mod model;
pub mod number;
pub mod presets;
pub mod scenario;
pub mod validate;
pub mod variant;
