//! The page's edits to the variants: add one, remove one, switch a whole
//! mitigation (every fallback of one name) off or on in it, and add or
//! remove its finer changes (one workflow's fallback; a changed coverage,
//! delay or cost), whose values the page edits as fields.

use crate::input::scenario::{FallbackChange, Scenario, Variant};
use crate::input::variant::{MAX_CHANGES, MAX_VARIANTS};

/// The scenario's mitigations: each fallback name once, in the order first met.
pub fn mitigations(s: &Scenario) -> Vec<String> {
    // A set beside the list: a large organisation's thousands of fallbacks stay linear.
    let (mut names, mut seen) = (Vec::new(), std::collections::BTreeSet::new());
    for name in s.workflows.iter().flat_map(|w| w.fallbacks.iter().map(|f| f.name.as_str())) {
        if seen.insert(name) {
            names.push(name.to_string());
        }
    }
    names
}

/// Whether the variant switches the mitigation off everywhere.
pub fn switched_off(v: &Variant, mitigation: &str) -> bool {
    v.changes.iter().any(|c| c.fallback == mitigation && is_whole_switch(c))
}

/// Switches a mitigation off or on in variant `k`: one change for every
/// workflow; a finer change to the same fallback stays.
pub fn switch(s: &mut Scenario, k: usize, mitigation: &str, on: bool) {
    let Some(v) = s.variants.get_mut(k) else { return };
    v.changes.retain(|c| !(c.fallback == mitigation && is_whole_switch(c)));
    if !on {
        v.changes.push(FallbackChange { on: false, ..no_change(mitigation) });
    }
}

/// Adds to variant `k` a change of `mitigation` that changes nothing yet,
/// for the user to fill in; its index, or `None` at [`MAX_CHANGES`].
pub fn add_change(s: &mut Scenario, k: usize, mitigation: &str) -> Option<usize> {
    let v = s.variants.get_mut(k).filter(|v| v.changes.len() < MAX_CHANGES)?;
    v.changes.push(no_change(mitigation));
    Some(v.changes.len() - 1)
}

pub fn remove_change(s: &mut Scenario, k: usize, c: usize) {
    if let Some(v) = s.variants.get_mut(k).filter(|v| c < v.changes.len()) {
        v.changes.remove(c);
    }
}

fn no_change(mitigation: &str) -> FallbackChange {
    FallbackChange {
        workflow: None,
        fallback: mitigation.to_string(),
        on: true,
        coverage: None,
        activation_delay_minutes: None,
        running_cost_per_hour: None,
        yearly_cost: None,
    }
}

/// A change that only switches a fallback off in every workflow: the
/// card's checkbox; any other change is a row of its own.
fn is_whole_switch(c: &FallbackChange) -> bool {
    *c == FallbackChange { on: false, ..no_change(&c.fallback) }
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

/// The variant's changes that are rows of their own (not a whole switch), by index.
pub fn finer_changes(v: &Variant) -> Vec<usize> {
    (0..v.changes.len()).filter(|&c| !is_whole_switch(&v.changes[c])).collect()
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
        assert_eq!(finer_changes(faster), [0]);
        // A change added changes nothing until filled in; it is a row, not a switch.
        let c = add_change(&mut s, k, "Manual review").unwrap();
        assert_eq!((finer_changes(&s.variants[k]), switched_off(&s.variants[k], "Manual review")), (vec![c], false));
        assert!(crate::input::variant::models(&s).is_ok());
        remove_change(&mut s, k, c);
        assert!(s.variants[k].changes.is_empty());
        // Every variant valid: the scenario still validates.
        assert!(crate::input::variant::models(&s).is_ok());
        remove(&mut s, k);
        assert_eq!(s.variants.len(), 4);
        while add(&mut s).is_some() {}
        assert_eq!(s.variants.len(), MAX_VARIANTS);
    }
}
