//! The share link: a whole scenario in the URL fragment, so it never reaches a
//! server. `#s=1.` then the scenario's compact JSON, zlib-compressed, in
//! URL-safe base64. The `1` is the link format's version: a later format gets
//! a new number and this decoder stays, so links made today keep opening.
//! zlib's Adler-32 checksum is what tells a cut-off or altered link from a
//! good one.
//!
//! Also the browser's autosave record and the input hash written into
//! exports: the other ways a scenario leaves and comes back to the page.

use std::collections::HashMap;

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{alphabet, Engine as _};
use miniz_oxide::inflate::TINFLStatus;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::input::scenario::{ReadError, Scenario, FORMAT_VERSION};

/// The fragment's key: `#s=…`.
pub const KEY: &str = "s";
/// The link format this build writes.
pub const LINK_VERSION: u32 = 1;
/// Links longer than this may be cut by mail clients and chat tools (the old
/// 2,083-character browser limit many of them still apply).
pub const SAFE_LINK_CHARS: usize = 2000;
/// A decoded scenario larger than this is refused (a link is not a file).
const MAX_SCENARIO_BYTES: usize = 16 * 1024 * 1024;

/// URL-safe base64 without padding. Decoding tolerates the unused bits of a
/// cut-off last character, so a truncated link reads as truncated (the zlib
/// stream ends early) rather than as an unknown symbol.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Why a link's fragment could not give a scenario. Each says what is wrong
/// in words for the banner.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// A fragment of some other tool or format: `#x=…`.
    Foreign,
    /// Made by a newer release of Outage Impact.
    NewerVersion(u64),
    /// Cut off: the compressed data ends early.
    Truncated,
    /// Characters changed or added: bad base64, a checksum that does not match.
    Tampered,
    /// Decoded, but the scenario inside cannot be read.
    Unreadable(ReadError),
    TooLarge,
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Foreign => f.write_str("This link was not made by Outage Impact: its address does not hold a scenario."),
            LinkError::NewerVersion(v) => write!(
                f,
                "This link was made by a newer version of Outage Impact (link format {v}; this one reads up to {LINK_VERSION})."
            ),
            LinkError::Truncated => f.write_str("This link is incomplete: it was cut off, perhaps by a mail client or a chat tool. Ask for the whole link, or for the scenario as a file."),
            LinkError::Tampered => f.write_str("This link is damaged: some of its characters were changed, so the scenario in it cannot be trusted."),
            LinkError::Unreadable(e) => write!(f, "The scenario in this link cannot be read: {e}"),
            LinkError::TooLarge => f.write_str("This link holds more data than a scenario can; it was not opened."),
        }
    }
}

impl std::error::Error for LinkError {}

/// The fragment (without `#`) that holds `scenario`.
pub fn encode(scenario: &Scenario) -> String {
    let json = compact_json(scenario);
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    format!("{KEY}={LINK_VERSION}.{}", BASE64.encode(packed))
}

/// Reads a fragment (with or without its `#`). `Ok(None)`: the fragment holds
/// no scenario (empty, or a plain in-page anchor such as `#results`).
pub fn decode(fragment: &str) -> Result<Option<Scenario>, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if fragment.is_empty() || !fragment.contains('=') {
        return Ok(None);
    }
    let Some(rest) = fragment.strip_prefix(KEY).and_then(|r| r.strip_prefix('=')) else {
        return Err(LinkError::Foreign);
    };
    let (version, payload) = rest.split_once('.').ok_or(LinkError::Foreign)?;
    match version.parse::<u64>() {
        Ok(1) => {}
        Ok(v) if v > LINK_VERSION as u64 => return Err(LinkError::NewerVersion(v)),
        _ => return Err(LinkError::Foreign),
    }
    let packed = BASE64.decode(payload).map_err(|e| match e {
        // A length no encoder writes: the last characters are missing.
        base64::DecodeError::InvalidLength(_) => LinkError::Truncated,
        _ => LinkError::Tampered,
    })?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_SCENARIO_BYTES).map_err(|e| {
            match e.status {
                TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => LinkError::Truncated,
                TINFLStatus::HasMoreOutput => LinkError::TooLarge,
                _ => LinkError::Tampered,
            }
        })?;
    let text = String::from_utf8(json).map_err(|_| LinkError::Tampered)?;
    Scenario::from_json(&text).map(Some).map_err(LinkError::Unreadable)
}

/// The scenario as one line of JSON: what links, hashes and autosaves hold.
pub fn compact_json(scenario: &Scenario) -> String {
    crate::input::json::compact(scenario)
}

/// SHA-256 of the scenario's compact JSON, in hex: the same inputs give the
/// same hash in the app and on the command line, so a reviewer can tell which
/// inputs gave which numbers.
pub fn input_hash(scenario: &Scenario) -> String {
    let digest = Sha256::digest(compact_json(scenario).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the browser keeps between visits: the scenario and the text typed
/// into number fields that is not (yet) a number, so a reload loses nothing.
#[derive(Clone, Debug, Deserialize)]
pub struct Autosave {
    pub scenario: Scenario,
    #[serde(default)]
    pub drafts: HashMap<String, String>,
}

impl Autosave {
    pub fn to_json(&self) -> String {
        Autosave::json(&self.scenario, &self.drafts)
    }

    /// The record for a scenario and its drafts, without copying them.
    pub fn json(scenario: &Scenario, drafts: &HashMap<String, String>) -> String {
        #[derive(Serialize)]
        struct Saved<'a> {
            scenario: &'a Scenario,
            drafts: &'a HashMap<String, String>,
        }
        crate::input::json::compact(&Saved { scenario, drafts })
    }

    /// `None` for anything this build did not write (damaged, or a newer format).
    pub fn from_json(text: &str) -> Option<Autosave> {
        let saved: Autosave = serde_json::from_str(text).ok()?;
        (1..=crate::input::scenario::FORMAT_VERSION).contains(&saved.scenario.version).then_some(saved)
    }
}

/// Why work was set aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// A shared link opened over it.
    ReplacedByLink,
    /// Another tab saved over it.
    OtherTab,
    /// The user restored other kept work over it.
    ReplacedByRestore,
    /// A visit could not open it, and the user went on with the example.
    NotOpened,
}

impl Why {
    pub fn describe(self) -> &'static str {
        match self {
            Why::ReplacedByLink => "set aside when a shared link opened",
            Why::OtherTab => "saved by another tab",
            Why::ReplacedByRestore => "set aside when you restored another",
            Why::NotOpened => "kept when a visit could not open it",
        }
    }
}

/// Scenarios the page set aside rather than lose: newest first, at most
/// [`KEPT_MOST`]; the same scenario is kept once.
#[derive(Clone, Debug, Default)]
pub struct Kept {
    pub entries: Vec<KeptWork>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KeptWork {
    pub scenario: Scenario,
    #[serde(default)]
    pub drafts: HashMap<String, String>,
    pub why: Why,
}

/// How many kept scenarios the browser holds; the oldest goes first.
pub const KEPT_MOST: usize = 10;

impl Kept {
    /// Reads what was kept: this build's list, or the single record earlier
    /// builds kept (a link's set-aside work). Anything else reads as empty.
    pub fn from_json(text: &str) -> Kept {
        if let Ok(entries) = serde_json::from_str::<Vec<KeptWork>>(text) {
            let entries = entries.into_iter().filter(|k| (1..=FORMAT_VERSION).contains(&k.scenario.version)).collect();
            return Kept { entries };
        }
        match Autosave::from_json(text) {
            Some(a) => {
                Kept { entries: vec![KeptWork { scenario: a.scenario, drafts: a.drafts, why: Why::ReplacedByLink }] }
            }
            None => Kept::default(),
        }
    }

    pub fn to_json(&self) -> String {
        crate::input::json::compact(&self.entries)
    }

    /// Keeps `work` first; an entry with the same scenario goes. Past
    /// [`KEPT_MOST`], the oldest of what tabs and restores kept goes before
    /// work a link replaced or a visit could not open (two tabs editing in
    /// turn keep each other's saves, which would otherwise crowd those out).
    pub fn push(&mut self, work: KeptWork) {
        let same = compact_json(&work.scenario);
        self.entries.retain(|k| compact_json(&k.scenario) != same);
        self.entries.insert(0, work);
        while self.entries.len() > KEPT_MOST {
            let churn = |k: &KeptWork| matches!(k.why, Why::OtherTab | Why::ReplacedByRestore);
            let oldest = self.entries.iter().rposition(churn).unwrap_or(self.entries.len() - 1);
            self.entries.remove(oldest);
        }
    }

    pub fn take(&mut self, k: usize) -> Option<KeptWork> {
        (k < self.entries.len()).then(|| self.entries.remove(k))
    }
}

/// What the page opens on, decided from the address's fragment and the
/// browser's autosave: a good link wins; a bad one is reported and the page
/// opens on the autosave, or else the example.
#[derive(Clone, Debug)]
pub struct Start {
    pub scenario: Scenario,
    pub drafts: HashMap<String, String>,
    pub from: StartedFrom,
    /// Why the link in the address could not be opened.
    pub link_error: Option<LinkError>,
    /// The autosaved work a link replaced on screen, when it differs: kept,
    /// so opening a colleague's link never loses one's own work.
    pub set_aside: Option<Autosave>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartedFrom {
    Link,
    Autosave,
    Example,
}

pub fn start(fragment: &str, autosave: Option<&str>, example: impl FnOnce() -> Scenario) -> Start {
    let saved = autosave.and_then(Autosave::from_json);
    let (link, link_error) = match decode(fragment) {
        Ok(link) => (link, None),
        Err(e) => (None, Some(e)),
    };
    match (link, saved) {
        // A reload: the address holds what was autosaved, typed drafts too.
        (Some(scenario), Some(saved)) if compact_json(&saved.scenario) == compact_json(&scenario) => Start {
            scenario: saved.scenario,
            drafts: saved.drafts,
            from: StartedFrom::Link,
            link_error,
            set_aside: None,
        },
        (Some(scenario), set_aside) => {
            Start { scenario, drafts: HashMap::new(), from: StartedFrom::Link, link_error, set_aside }
        }
        (None, Some(saved)) => Start {
            scenario: saved.scenario,
            drafts: saved.drafts,
            from: StartedFrom::Autosave,
            link_error,
            set_aside: None,
        },
        (None, None) => Start {
            scenario: example(),
            drafts: HashMap::new(),
            from: StartedFrom::Example,
            link_error,
            set_aside: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_work_is_newest_first_once_each_and_bounded() {
        let work = |headcount: f64, why| {
            let mut scenario = example();
            scenario.teams[0].headcount = headcount;
            KeptWork { scenario, drafts: HashMap::new(), why }
        };
        let mut kept = Kept::default();
        kept.push(work(1.0, Why::ReplacedByLink));
        kept.push(work(2.0, Why::OtherTab));
        kept.push(work(1.0, Why::OtherTab));
        let heads = |k: &Kept| k.entries.iter().map(|e| e.scenario.teams[0].headcount).collect::<Vec<_>>();
        assert_eq!(heads(&kept), [1.0, 2.0], "the same scenario is kept once, newest first");
        let back = Kept::from_json(&kept.to_json());
        assert_eq!(heads(&back), [1.0, 2.0]);
        assert_eq!(back.entries[0].why, Why::OtherTab);
        kept.push(work(3.0, Why::ReplacedByLink));
        for h in 0..20 {
            kept.push(work(10.0 + h as f64, Why::OtherTab));
        }
        assert_eq!(kept.entries.len(), KEPT_MOST);
        assert!(heads(&kept).contains(&3.0), "what a link replaced outlasts tabs' churn");
        assert_eq!(kept.take(0).map(|w| w.scenario.teams[0].headcount), Some(29.0));
        assert!(kept.take(99).is_none());
    }

    #[test]
    fn the_single_record_of_earlier_builds_reads_as_one_kept_scenario() {
        let old = Autosave { scenario: example(), drafts: HashMap::new() }.to_json();
        let kept = Kept::from_json(&old);
        assert_eq!(kept.entries.len(), 1);
        assert_eq!(kept.entries[0].why, Why::ReplacedByLink);
        assert!(Kept::from_json("not json").entries.is_empty());
    }
    use crate::input::presets::example;

    #[test]
    fn plain_anchors_and_empty_fragments_hold_no_scenario() {
        for f in ["", "#", "#results-title", "f-teams-0-headcount"] {
            assert_eq!(decode(f), Ok(None), "{f}");
        }
    }

    #[test]
    fn the_example_round_trips_and_fits_in_a_safe_link() {
        let s = example();
        let link = encode(&s);
        assert!(link.starts_with("s=1."));
        assert_eq!(decode(&format!("#{link}")).unwrap(), Some(s));
        assert!(link.len() < SAFE_LINK_CHARS, "{} characters", link.len());
    }

    #[test]
    fn the_hash_follows_the_inputs() {
        let a = example();
        let mut b = example();
        assert_eq!(input_hash(&a), input_hash(&b));
        assert_eq!(input_hash(&a).len(), 64);
        b.teams[0].headcount += 1.0;
        assert_ne!(input_hash(&a), input_hash(&b));
    }

    #[test]
    fn a_half_typed_number_survives_the_autosave() {
        let mut s = example();
        s.teams[0].headcount = f64::NAN;
        let saved = Autosave { scenario: s, drafts: [("teams[0].headcount".to_string(), "2O".to_string())].into() };
        let back = Autosave::from_json(&saved.to_json()).unwrap();
        assert!(back.scenario.teams[0].headcount.is_nan());
        assert_eq!(back.drafts["teams[0].headcount"], "2O");
        assert!(Autosave::from_json("{\"scenario\": 3}").is_none());
    }
}
