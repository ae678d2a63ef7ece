//! The files every export shares: their names, what ties them to their
//! inputs, the scenario file and the results file. The command line and the
//! app's downloads both call these, so their files are the same.

use crate::calc::compare::VariantFigures;
use serde::Serialize;

use crate::calc::report::Report;
use crate::input::scenario::Scenario;
use crate::output::share::input_hash;
use crate::time::zones::Zone;

/// What ties an export to its inputs: the scenario, where it can be opened
/// again, and when the export was made (left out where no clock is wanted).
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub scenario: &'a Scenario,
    /// The share link, or its fragment where the app's address is unknown.
    pub link: &'a str,
    pub generated_at: Option<&'a str>,
    /// The zone the reports show times in ([`Scenario::reading_zone`]).
    pub zone: Zone,
}

/// A file name such as `outage-impact-example-organisation-1a2b3c4d-review.md`:
/// the scenario's name and the start of its input hash, so files from
/// different inputs never collide.
pub fn name(scenario: &Scenario, what: &str, extension: &str) -> String {
    let mut slug = String::new();
    for ch in scenario.name.chars().map(|c| c.to_ascii_lowercase()) {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let hash = &input_hash(scenario)[..8];
    if slug.is_empty() {
        format!("outage-impact-{hash}-{what}.{extension}")
    } else {
        format!("outage-impact-{slug}-{hash}-{what}.{extension}")
    }
}

/// The results file: the scenario, its results, the app's version and the
/// input hash; with variants, their figures side by side ("As is" first).
/// Import reads its scenario back.
pub fn results_json(source: Source, report: &Report, variants: &[VariantFigures]) -> String {
    #[derive(Serialize)]
    struct ResultsFile<'a> {
        app: &'static str,
        app_version: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        generated_at: Option<&'a str>,
        input_hash: String,
        link: &'a str,
        scenario: &'a Scenario,
        results: &'a Report,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        variants: &'a [VariantFigures],
    }
    let file = ResultsFile {
        app: "Outage Impact",
        app_version: crate::VERSION,
        generated_at: source.generated_at,
        input_hash: input_hash(source.scenario),
        link: source.link,
        scenario: source.scenario,
        results: report,
        variants,
    };
    crate::input::json::pretty(&file) + "\n"
}

/// The scenario file: exactly what import and `outage-impact report` read.
pub fn scenario_json(scenario: &Scenario) -> String {
    scenario.to_json_pretty() + "\n"
}
