//! Where a problem is, in the user's words: "Team “Engineering”, headcount"
//! rather than `teams[0].headcount`. The page shows these; files and the
//! command line keep the path.

use crate::input::scenario::Scenario;

/// The place a validation path names, as the page's labels name it.
pub fn describe(s: &Scenario, path: &str) -> String {
    match path {
        "outage.start" => return "Outage start".into(),
        "outage.time_zone" => return "Time zone of the outage start".into(),
        _ => {}
    }
    let mut words: Vec<String> = Vec::new();
    let mut workflow = None;
    for segment in path.split('.') {
        let (key, index) = match segment.split_once('[') {
            Some((key, i)) => (key, i.split(']').next().and_then(|i| i.parse::<usize>().ok())),
            None => (segment, None),
        };
        let word = match (key, index) {
            ("teams", Some(i)) => format!(
                "Team “{}”",
                s.teams.get(i).map_or_else(|| (i + 1).to_string(), |t| t.display_name().into_owned())
            ),
            ("components", Some(i)) => format!(
                "Component “{}”",
                s.components.get(i).map_or_else(|| (i + 1).to_string(), |c| c.display_name().into_owned())
            ),
            ("workflows", Some(i)) => {
                workflow = s.workflows.get(i);
                format!(
                    "Workflow “{}”",
                    workflow.map_or_else(|| (i + 1).to_string(), |w| w.display_name().into_owned())
                )
            }
            ("fallbacks", Some(k)) => {
                let name = workflow.and_then(|w| w.fallbacks.get(k)).map(|f| f.name.trim()).filter(|n| !n.is_empty());
                match name {
                    Some(n) => format!("fallback {} (“{}”)", k + 1, crate::input::scenario::plain_text(n)),
                    None => format!("fallback {}", k + 1),
                }
            }
            ("incidents", Some(i)) => format!("Incident {}", i + 1),
            ("variants", Some(i)) => format!(
                "Variant “{}”",
                s.variants.get(i).map_or_else(|| (i + 1).to_string(), |v| v.name.trim().to_string())
            ),
            (list, Some(k)) => format!("{}, entry {}", label(list), k + 1),
            ("calendar" | "outage", None) => continue,
            (key, None) => label(key),
        };
        words.push(word);
    }
    let mut text = words.join(", ");
    // The first word is always one of the labels above, in ASCII: no
    // Unicode case tables (some 16 KB of the page's download) for it.
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

fn label(key: &str) -> String {
    match key {
        "name" => "name",
        "hourly_cost" => "hourly cost",
        "days" => "working days",
        "start" | "start_minutes" => "start",
        "end" | "end_minutes" => "end",
        "share" => "share of the team's time",
        "recovery_overhead" => "recovery overhead",
        "activation_delay_minutes" => "switch-over delay",
        "running_cost_per_hour" => "running cost",
        "depends_on" => "depends on",
        "time_zone" => "time zone",
        "target" => "residual functionality target",
        other => return other.replace('_', " "),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::presets::example;

    #[test]
    fn places_read_as_the_page_labels_them() {
        let s = example();
        #[rustfmt::skip]
        let cases = [
            ("teams[0].headcount", "Team “Engineering”, headcount"),
            ("teams[1].calendar.time_zone", "Team “Support desk (UK)”, time zone"),
            ("teams[0]", "Team “Engineering”"),
            ("workflows[0].fallbacks[0].coverage", "Workflow “Coding with an AI assistant”, fallback 1 (“Second provider's assistant”), coverage"),
            ("workflows[2].needs[1]", "Workflow “Support bot answering customers (UK)”, needs, entry 2"),
            ("components[1].depends_on[0]", "Component “AI provider: web app and console”, depends on, entry 1"),
            ("outage.start", "Outage start"),
            ("outage.incidents[3].severity", "Incident 4, severity"),
            ("target", "Residual functionality target"),
            ("teams[99].name", "Team “100”, name"),
        ];
        for (path, words) in cases {
            assert_eq!(describe(&s, path), words, "{path}");
        }
    }
}
