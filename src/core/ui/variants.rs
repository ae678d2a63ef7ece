//! The page's edits to the variants: add one, remove one, and switch a
//! whole mitigation (every fallback of one name) off or on in it. Finer
//! changes (one workflow's fallback, a changed coverage, delay or cost) are
//! written in the scenario file; the page lists them.

use crate::input::number::fmt_num;
use crate::input::scenario::{FallbackChange, Scenario, Variant};
use crate::input::variant::MAX_VARIANTS;

/// The scenario's mitigations: each fallback name once, in the order first met.
pub fn mitigations(s: &Scenario) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in s.workflows.iter().flat_map(|w| w.fallbacks.iter().map(|f| &f.name)) {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names
}

/// Whether the variant switches the mitigation off everywhere.
pub fn switched_off(v: &Variant, mitigation: &str) -> bool {
    v.changes.iter().any(|c| is_whole_switch(c, mitigation) && !c.on)
}

/// Switches a mitigation off or on in variant `k`: one change for every
/// workflow; a finer change to the same fallback stays.
pub fn switch(s: &mut Scenario, k: usize, mitigation: &str, on: bool) {
    let Some(v) = s.variants.get_mut(k) else { return };
    v.changes.retain(|c| !is_whole_switch(c, mitigation));
    if !on {
        v.changes.push(FallbackChange {
            workflow: None,
            fallback: mitigation.to_string(),
            on: false,
            coverage: None,
            activation_delay_minutes: None,
            running_cost_per_hour: None,
            yearly_cost: None,
        });
    }
}

/// A change that only switches a fallback off or on in every workflow.
fn is_whole_switch(c: &FallbackChange, mitigation: &str) -> bool {
    c.workflow.is_none()
        && c.fallback == mitigation
        && c.coverage.is_none()
        && c.activation_delay_minutes.is_none()
        && c.running_cost_per_hour.is_none()
        && c.yearly_cost.is_none()
}

/// Adds a variant that changes nothing yet ("Variant 2"); its index, or
/// `None` when there are [`MAX_VARIANTS`] already.
pub fn add(s: &mut Scenario) -> Option<usize> {
    if s.variants.len() >= MAX_VARIANTS {
        return None;
    }
    let name =
        (s.variants.len() + 1..).map(|n| format!("Variant {n}")).find(|n| !s.variants.iter().any(|v| &v.name == n));
    s.variants.push(Variant { name: name.unwrap_or_default(), changes: Vec::new() });
    Some(s.variants.len() - 1)
}

pub fn remove(s: &mut Scenario, k: usize) {
    if k < s.variants.len() {
        s.variants.remove(k);
    }
}

/// The variant's changes the page does not edit, in words: "Second
/// provider's assistant in “Coding”: delay 10 min, GBP 9600 a year".
pub fn finer_changes(v: &Variant, s: &Scenario) -> Vec<String> {
    let finer = v.changes.iter().filter(|c| !is_whole_switch(c, &c.fallback));
    finer.map(|c| describe(c, s)).collect()
}

fn describe(c: &FallbackChange, s: &Scenario) -> String {
    let currency = &s.currency;
    let place = match &c.workflow {
        Some(id) => {
            let workflow = s.workflows.iter().find(|w| &w.id == id);
            format!("{} in “{}”", c.fallback, workflow.map_or(id.into(), |w| w.display_name()))
        }
        None => format!("{} everywhere", c.fallback),
    };
    let mut what = Vec::new();
    if !c.on {
        what.push("off".to_string());
    }
    if let Some(x) = c.coverage {
        what.push(format!("coverage {}%", fmt_num(x * 100.0)));
    }
    if let Some(x) = c.activation_delay_minutes {
        what.push(format!("delay {} min", fmt_num(x)));
    }
    if let Some(x) = c.running_cost_per_hour {
        what.push(format!("{currency} {} an hour while engaged", fmt_num(x)));
    }
    if let Some(x) = c.yearly_cost {
        what.push(format!("{currency} {} a year", fmt_num(x)));
    }
    if what.is_empty() {
        what.push("on".into());
    }
    format!("{place}: {}", what.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::presets::example;

    #[test]
    fn a_mitigation_switches_off_and_on_in_one_change_and_finer_ones_stay() {
        let mut s = example();
        let names = mitigations(&s);
        assert_eq!(
            names,
            [
                "Second provider's assistant",
                "Manual review",
                "Human-only replies",
                "Bot on the second provider",
                "Second provider's chat"
            ]
        );
        let k = add(&mut s).unwrap();
        assert_eq!(s.variants[k].name, "Variant 5");
        switch(&mut s, k, "Manual review", false);
        switch(&mut s, k, "Manual review", false);
        assert!(switched_off(&s.variants[k], "Manual review"));
        assert_eq!(s.variants[k].changes.len(), 1, "switched off once");
        switch(&mut s, k, "Manual review", true);
        assert!(s.variants[k].changes.is_empty());
        // "Faster switch" changes one workflow's fallback: listed, not a switch.
        let faster = &s.variants[3];
        assert!(!switched_off(faster, "Second provider's assistant"));
        assert_eq!(
            finer_changes(faster, &s),
            ["Second provider's assistant in “Coding with an AI assistant”: delay 10 min, GBP 9600 a year"]
        );
        // Every variant valid: the scenario still validates.
        assert!(crate::input::variant::models(&s).is_ok());
        remove(&mut s, k);
        assert_eq!(s.variants.len(), 4);
        while add(&mut s).is_some() {}
        assert_eq!(s.variants.len(), MAX_VARIANTS);
    }
}
