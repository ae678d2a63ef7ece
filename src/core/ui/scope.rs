//! The scope knob: which components go down. Its choices as the picker
//! lists them, each with a key the picker's options carry.

use crate::input::presets::{self, Scope};
use crate::input::scenario::Scenario;

/// The component scope the knobs apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScopeChoice {
    /// Incidents as edited by hand.
    Custom,
    Preset(Scope),
}

impl ScopeChoice {
    pub fn key(&self) -> String {
        match self {
            ScopeChoice::Custom => "custom".into(),
            ScopeChoice::Preset(Scope::March2Replay) => "replay".into(),
            ScopeChoice::Preset(Scope::Everything) => "everything".into(),
            ScopeChoice::Preset(Scope::Provider(p)) => format!("provider:{p}"),
            ScopeChoice::Preset(Scope::Component(c)) => format!("component:{c}"),
        }
    }

    pub fn from_key(key: &str) -> ScopeChoice {
        match key {
            "replay" => ScopeChoice::Preset(Scope::March2Replay),
            "everything" => ScopeChoice::Preset(Scope::Everything),
            k if k.starts_with("provider:") => ScopeChoice::Preset(Scope::Provider(k[9..].to_string())),
            k if k.starts_with("component:") => ScopeChoice::Preset(Scope::Component(k[10..].to_string())),
            _ => ScopeChoice::Custom,
        }
    }
}

/// The picker's options, (key, label): the custom outage, the replay when
/// the scenario has the example's components, everything, each provider,
/// each component.
pub fn options(s: &Scenario) -> Vec<(String, String)> {
    let mut out = vec![(ScopeChoice::Custom.key(), "Custom: the incidents as edited".to_string())];
    if presets::scope_incidents(s, &Scope::March2Replay, 1.0).is_ok() {
        out.push((ScopeChoice::Preset(Scope::March2Replay).key(), "March 2, 2026 replay".into()));
    }
    out.push((ScopeChoice::Preset(Scope::Everything).key(), "Everything down".into()));
    out.extend(presets::providers(s).into_iter().map(|p| {
        let label = format!("Whole provider: {p}");
        (ScopeChoice::Preset(Scope::Provider(p)).key(), label)
    }));
    out.extend(s.components.iter().map(|c| {
        (ScopeChoice::Preset(Scope::Component(c.id.clone())).key(), format!("One component: {}", c.display_name()))
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::presets::example;

    #[test]
    fn keys_round_trip() {
        #[rustfmt::skip]
        let cases = [
            (ScopeChoice::Custom, "custom"),
            (ScopeChoice::Preset(Scope::March2Replay), "replay"),
            (ScopeChoice::Preset(Scope::Everything), "everything"),
            (ScopeChoice::Preset(Scope::Provider("Primary AI provider".into())), "provider:Primary AI provider"),
            (ScopeChoice::Preset(Scope::Component("ai-login".into())), "component:ai-login"),
            // A provider or component whose own name holds a colon.
            (ScopeChoice::Preset(Scope::Provider("a:b".into())), "provider:a:b"),
        ];
        for (choice, key) in cases {
            assert_eq!(choice.key(), key);
            assert_eq!(ScopeChoice::from_key(key), choice, "{key}");
        }
        assert_eq!(ScopeChoice::from_key("something else"), ScopeChoice::Custom);
    }

    #[test]
    fn the_example_offers_every_scope() {
        let s = example();
        let keys: Vec<String> = options(&s).into_iter().map(|(k, _)| k).collect();
        assert_eq!(&keys[..3], ["custom", "replay", "everything"]);
        assert!(keys.contains(&"provider:Primary AI provider".to_string()));
        assert_eq!(keys.iter().filter(|k| k.starts_with("component:")).count(), s.components.len());
        for key in &keys {
            assert_eq!(&ScopeChoice::from_key(key).key(), key);
        }
    }
}
