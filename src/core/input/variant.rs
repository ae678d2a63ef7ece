//! Variants: the scenario with a few changes to its fallbacks, each a
//! mitigation option to compare with the scenario as it is ("As is").
//! A variant is applied to the raw scenario and validated like any other,
//! so the engine sees only models and never a change.

use crate::input::field::{ChangeField, FallbackField, Field};
use crate::input::model::Model;
use crate::input::scenario::{FallbackChange, Scenario, Variant};
use crate::input::validate::{validate, Problem};

/// What the scenario itself is called beside its variants.
pub const AS_IS: &str = "As is";
/// More would not fit a comparison side by side.
pub const MAX_VARIANTS: usize = 8;
pub const MAX_CHANGES: usize = 200;

/// The scenario as `variant` has it: its changes made, its own variants gone.
/// `Err` names each change that matches no fallback.
pub fn apply(base: &Scenario, index: usize, variant: &Variant) -> Result<Scenario, Vec<Problem>> {
    let mut s = base.clone();
    s.variants.clear();
    let mut problems = Vec::new();
    // Switched off only after every change, so each change names the scenario's own fallbacks.
    let mut off = vec![Vec::new(); s.workflows.len()];
    for (k, change) in variant.changes.iter().enumerate() {
        if let Err(message) = change_fallbacks(&mut s, change, &mut off) {
            let path = format!("variants[{index}].changes[{k}]");
            let field = Some(Field::VariantChange(index, k, ChangeField::Fallback));
            problems.push(Problem { path, message: format!("Variant \"{}\": {message}", variant.name), field });
        }
    }
    for (w, off) in s.workflows.iter_mut().zip(off) {
        for k in (0..w.fallbacks.len()).rev().filter(|k| off.contains(k)) {
            w.fallbacks.remove(k);
        }
    }
    if problems.is_empty() {
        Ok(s)
    } else {
        Err(problems)
    }
}

/// Makes one change to every fallback it names, noting in `off` (by
/// workflow) the fallbacks it switches off.
fn change_fallbacks(s: &mut Scenario, change: &FallbackChange, off: &mut [Vec<usize>]) -> Result<(), String> {
    let name = change.fallback.trim();
    if let Some(id) = &change.workflow {
        if !s.workflows.iter().any(|w| w.id == *id) {
            return Err(format!("there is no workflow with the id \"{id}\"."));
        }
    }
    let mut found = false;
    let in_scope = |id: &str| change.workflow.as_deref().is_none_or(|w| w == id);
    for (w, workflow) in s.workflows.iter_mut().enumerate().filter(|(_, w)| in_scope(&w.id)) {
        for (k, f) in workflow.fallbacks.iter_mut().enumerate().filter(|(_, f)| f.name.trim() == name) {
            found = true;
            set(&mut f.coverage, change.coverage);
            set(&mut f.activation_delay_minutes, change.activation_delay_minutes);
            set(&mut f.running_cost_per_hour, change.running_cost_per_hour);
            set(&mut f.yearly_cost, change.yearly_cost);
            if !change.on {
                off[w].push(k);
            }
        }
    }
    match (found, &change.workflow) {
        (true, _) => Ok(()),
        (false, Some(id)) => Err(format!("the workflow \"{id}\" has no fallback named \"{name}\".")),
        (false, None) => Err(format!("no workflow has a fallback named \"{name}\".")),
    }
}

fn set(value: &mut f64, to: Option<f64>) {
    if let Some(to) = to {
        *value = to;
    }
}

/// Every variant's model, after the scenario's own: ("As is", model), then
/// each variant by name. `Err` holds every problem, each variant's named.
pub fn models(s: &Scenario) -> Result<Vec<(String, Model)>, Vec<Problem>> {
    let base = validate(s)?;
    let mut out = vec![(AS_IS.to_string(), base)];
    // Their shape first, before any work that grows with them.
    let mut problems = shape_problems(&s.variants);
    if s.variants.len() > MAX_VARIANTS {
        return Err(problems);
    }
    for (i, v) in s.variants.iter().enumerate() {
        match apply(s, i, v).and_then(|applied| validate(&applied).map_err(|p| in_variant(i, v, &applied, p))) {
            Ok(model) => out.push((v.name.trim().to_string(), model)),
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The variants' own problems, found without applying them: their number,
/// names, and how many changes each makes. [`models`] reports these (not
/// `validate`: a variant's slip never holds up the scenario's own results).
pub fn shape_problems(variants: &[Variant]) -> Vec<Problem> {
    let at = |path: String, message: String| Problem { path, message, field: None };
    if variants.len() > MAX_VARIANTS {
        let message = format!(
            "There are {} variants; at most {MAX_VARIANTS} can be compared side by side. Remove some.",
            variants.len()
        );
        return vec![at("variants".into(), message)];
    }
    let mut problems = Vec::new();
    for (i, v) in variants.iter().enumerate() {
        let name = v.name.trim();
        let field = Field::VariantName(i);
        let named = |message: String| Problem { path: field.path(), message, field: Some(field) };
        if name.is_empty() {
            problems.push(named(format!("Variant {} has no name; give it one, such as \"Manual modes only\".", i + 1)));
        } else if name.eq_ignore_ascii_case(AS_IS) {
            problems.push(named(format!("\"{AS_IS}\" is the scenario itself; give the variant another name.")));
        } else if variants[..i].iter().any(|u| u.name.trim() == name) {
            problems.push(named(format!("Two variants are called \"{name}\"; each needs its own name.")));
        }
        if v.changes.len() > MAX_CHANGES {
            let message =
                format!("Variant \"{name}\" makes {} changes; at most {MAX_CHANGES} are allowed.", v.changes.len());
            problems.push(at(format!("variants[{i}].changes"), message));
        }
    }
    problems
}

/// A variant's scenario problems, placed under the variant and named by it;
/// one with a fallback's value is at the change that set it.
fn in_variant(i: usize, v: &Variant, applied: &Scenario, problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|p| Problem {
            path: format!("variants[{i}]: {}", p.path),
            message: format!("In variant \"{}\": {}", v.name.trim(), p.message),
            field: p.field.and_then(|f| change_field(i, v, applied, f)),
        })
        .collect()
}

/// The field of variant `i`'s last change that set the value `field` holds in the applied scenario.
fn change_field(i: usize, v: &Variant, applied: &Scenario, field: Field) -> Option<Field> {
    let Field::Fallback(w, k, f) = field else { return None };
    let (workflow, fallback) = (applied.workflows.get(w)?, applied.workflows.get(w)?.fallbacks.get(k)?);
    let (which, set): (ChangeField, fn(&FallbackChange) -> bool) = match f {
        FallbackField::Coverage => (ChangeField::Coverage, |c| c.coverage.is_some()),
        FallbackField::ActivationDelay => (ChangeField::ActivationDelay, |c| c.activation_delay_minutes.is_some()),
        FallbackField::RunningCost => (ChangeField::RunningCost, |c| c.running_cost_per_hour.is_some()),
        FallbackField::YearlyCost => (ChangeField::YearlyCost, |c| c.yearly_cost.is_some()),
        _ => return None,
    };
    let names = |c: &FallbackChange| {
        c.fallback.trim() == fallback.name.trim() && c.workflow.as_ref().is_none_or(|id| *id == workflow.id)
    };
    let c = v.changes.iter().rposition(|c| names(c) && set(c))?;
    Some(Field::VariantChange(i, c, which))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::presets;

    fn fallbacks(s: &Scenario) -> Vec<(String, String, f64)> {
        let each = |w: &crate::input::scenario::Workflow| {
            w.fallbacks.iter().map(|f| (w.id.clone(), f.name.clone(), f.coverage)).collect::<Vec<_>>()
        };
        s.workflows.iter().flat_map(each).collect()
    }

    fn change(workflow: Option<&str>, fallback: &str, on: bool, coverage: Option<f64>) -> FallbackChange {
        FallbackChange {
            workflow: workflow.map(str::to_string),
            fallback: fallback.to_string(),
            on,
            coverage,
            activation_delay_minutes: None,
            running_cost_per_hour: None,
            yearly_cost: None,
        }
    }

    #[test]
    fn changes_reach_the_fallbacks_they_name() {
        let base = presets::example();
        let count = fallbacks(&base).len();
        #[rustfmt::skip]
        type Probe = Option<(&'static str, &'static str, f64)>;
        let cases: Vec<(FallbackChange, usize, Probe)> = vec![
            // (the change, fallbacks left, one fallback afterwards)
            (change(None, "Human-only replies", false, None), count - 2, None),
            (
                change(Some("support-bot-us"), "Human-only replies", false, None),
                count - 1,
                Some(("support-bot-uk", "Human-only replies", 0.4)),
            ),
            (
                change(Some("eng-review"), "Manual review", true, Some(0.8)),
                count,
                Some(("eng-review", "Manual review", 0.8)),
            ),
        ];
        for (c, left, probe) in cases {
            let v = Variant { name: "v".into(), changes: vec![c.clone()] };
            let applied = apply(&base, 0, &v).unwrap();
            let after = fallbacks(&applied);
            assert_eq!(after.len(), left, "{c:?}");
            if let Some((w, f, coverage)) = probe {
                assert!(after.contains(&(w.into(), f.into(), coverage)), "{c:?}: {after:?}");
            }
        }
    }

    #[test]
    fn unknown_names_and_bad_values_are_named_with_the_variant() {
        let mut s = presets::example();
        s.variants = vec![Variant {
            name: "Faster".into(),
            changes: vec![
                change(None, "Carrier pigeons", false, None),
                change(Some("nobody"), "Manual review", false, None),
                change(Some("eng-coding"), "Manual review", false, None),
            ],
        }];
        let messages: Vec<String> = models(&s).unwrap_err().into_iter().map(|p| p.to_string()).collect();
        #[rustfmt::skip]
        assert_eq!(messages, [
            "variants[0].changes[0]: Variant \"Faster\": no workflow has a fallback named \"Carrier pigeons\".",
            "variants[0].changes[1]: Variant \"Faster\": there is no workflow with the id \"nobody\".",
            "variants[0].changes[2]: Variant \"Faster\": the workflow \"eng-coding\" has no fallback named \"Manual review\".",
        ]);
        s.variants[0].changes = vec![change(Some("eng-review"), "Manual review", true, Some(1.5))];
        let problems = models(&s).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].path.starts_with("variants[0]: workflows[1].fallbacks[0].coverage"), "{problems:?}");
        assert!(problems[0].message.starts_with("In variant \"Faster\": Coverage"), "{problems:?}");
    }

    #[test]
    fn variant_names_and_counts_are_checked() {
        let named = |n: &str| Variant { name: n.into(), changes: vec![] };
        #[rustfmt::skip]
        let cases: Vec<(Vec<Variant>, Vec<&str>)> = vec![
            (vec![named("A"), named("B")], vec![]),
            (vec![named(" ")], vec!["variants[0].name"]),
            (vec![named("as is")], vec!["variants[0].name"]),
            (vec![named("A"), named("A ")], vec!["variants[1].name"]),
            (vec![named("A"); MAX_VARIANTS + 1], vec!["variants"]),
        ];
        for (variants, paths) in cases {
            let found: Vec<String> = shape_problems(&variants).into_iter().map(|p| p.path).collect();
            assert_eq!(found, paths, "{:?}", variants.iter().map(|v| &v.name).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_variant_s_slip_never_holds_up_the_scenario_and_is_at_its_field() {
        let mut s = presets::example();
        s.variants[0].name = " ".into();
        s.variants[3].changes[0].activation_delay_minutes = Some(-5.0);
        assert!(validate(&s).is_ok(), "the scenario's own results stand");
        let problems = models(&s).unwrap_err();
        let at: Vec<(String, Option<Field>)> = problems.iter().map(|p| (p.path.clone(), p.field)).collect();
        assert_eq!(
            at,
            [
                ("variants[0].name".to_string(), Some(Field::VariantName(0))),
                (
                    "variants[3]: workflows[0].fallbacks[0].activation_delay_minutes".to_string(),
                    Some(Field::VariantChange(3, 0, ChangeField::ActivationDelay))
                ),
            ]
        );
    }
}
