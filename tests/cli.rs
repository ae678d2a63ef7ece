//! The command line, run as a real process: exit codes, stdout and stderr.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outage-impact")).args(args).output().expect("the binary runs")
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_outage-impact"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp_file(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("outage-impact-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn example_prints_a_valid_scenario_that_reports() {
    let out = run(&["example"]);
    assert!(out.status.success());
    let path = temp_file("example.json", &text(&out.stdout));
    let v = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(0), "{}", text(&v.stderr));
    assert!(text(&v.stdout).contains("valid"));
    let r = run(&["report", path.to_str().unwrap()]);
    assert!(r.status.success());
    let json: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert!(json["results"]["totals"]["person_hours"].as_f64().unwrap() > 0.0);
    assert_eq!(json["results"]["window"]["start"], "2026-03-02T11:49:00Z");
    let example = outage_impact::input::presets::example();
    assert_eq!(json["input_hash"], outage_impact::output::share::input_hash(&example));
    assert_eq!(json["app_version"], outage_impact::VERSION);
    // The results file reads back as its scenario.
    let results = temp_file("results.json", &text(&r.stdout));
    let again = run(&["validate", results.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
}

#[test]
fn link_prints_the_fragment_that_opens_the_same_scenario() {
    let example = text(&run(&["example"]).stdout);
    let out = run_stdin(&["link", "-"], &example);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let link = text(&out.stdout);
    assert!(link.starts_with("#s=1."), "{link}");
    let back = outage_impact::output::share::decode(link.trim()).unwrap().unwrap();
    assert_eq!(back, outage_impact::input::presets::example());
    let based = text(&run_stdin(&["link", "-", "--base", "http://127.0.0.1:8080/#old"], &example).stdout);
    assert_eq!(based, format!("http://127.0.0.1:8080/{link}"));
    let md = text(&run_stdin(&["report", "-", "--format", "md", "--base", "http://127.0.0.1:8080/"], &example).stdout);
    assert!(md.contains(&format!("<http://127.0.0.1:8080/{}>", link.trim())), "{md}");
}

#[test]
fn the_large_example_is_the_benchmark_organisation() {
    let out = run(&["example", "--large"]);
    assert!(out.status.success());
    let s = outage_impact::Scenario::from_json(&text(&out.stdout)).unwrap();
    assert_eq!((s.teams.len(), s.workflows.len(), s.components.len(), s.outage.incidents.len()), (200, 2000, 500, 200));
    assert!(outage_impact::validate(&s).is_ok());
}

#[test]
fn report_formats() {
    let example = text(&run(&["example"]).stdout);
    let csv = run_stdin(&["report", "-", "--format", "csv"], &example);
    assert!(csv.status.success());
    assert!(text(&csv.stdout).starts_with("workflow_id,workflow,team_id,team,person_hours_lost,labour_cost_GBP"));
    let residual = run_stdin(&["report", "-", "--format", "csv", "--table", "residual"], &example);
    let header = text(&residual.stdout).lines().next().unwrap().to_string();
    assert!(header.starts_with("from_utc,to_utc,from (Europe/London),to (Europe/London),minutes_from_start,organisation_residual,Coding with an AI assistant [eng-coding]"), "{header}");
    let teams = run_stdin(&["report", "-", "--format", "csv", "--table", "teams"], &example);
    assert!(text(&teams.stdout).starts_with("team_id,team,person_hours_lost,cost_GBP"));
    let md = run_stdin(&["report", "-", "--format", "md"], &example);
    let md = text(&md.stdout);
    for section in [
        "## The scenario",
        "## Key figures",
        "## Per workflow",
        "## Blast radius",
        "## Fallbacks: when they engaged and what they saved",
        "## Assumptions",
        "## Inputs",
    ] {
        assert!(md.contains(section), "missing {section}");
    }
    assert!(md.contains("- What goes down: March 2, 2026 replay"));
    for input in [
        "## Inputs: teams",
        "| Engineering | 25 | £90 | mon, tue, wed, thu, fri | 09:00–17:30 | Europe/London |",
        "## Inputs: fallbacks",
        "| Coding with an AI assistant | 1 | Second provider's assistant | 70% | 30 |",
    ] {
        assert!(md.contains(input), "missing {input}");
    }
    assert!(md.contains(&outage_impact::output::share::input_hash(&outage_impact::input::presets::example())));
    assert!(md.contains("add `#s=1."), "the link without a base is its fragment");
}

/// The reviewer's task, checked by hand: a 4-hour outage of the coding tool
/// from Tuesday 1 December 2026, 10:00 London time (GMT, so 10:00 UTC).
/// Only "Coding with an AI assistant" needs it: 25 engineers × 60% of their
/// time × reliance 50%, all 4 hours inside 09:00–17:30. For the first 30
/// minutes nothing covers it: 25 × 0.6 × 0.5 × 0.5 h = 3.75 person-hours;
/// then the second provider covers 70%: 25 × 0.6 × 0.5 × 0.3 × 3.5 h =
/// 7.875. Plus 10% recovery: 12.7875 person-hours, £1,150.88 at £90; the
/// fallback runs 3.5 h at £60: £210. In all £1,360.88.
#[test]
fn the_tuesday_ten_o_clock_london_case_by_hand() {
    use outage_impact::input::presets::{example, with_scope, Scope};
    let mut s = with_scope(&example(), &Scope::Component("ai-code".into()), 240.0).unwrap();
    s.outage.start = "2026-12-01T10:00:00Z".into();
    s.outage.time_zone = Some("Europe/London".into());
    let file = temp_file("tuesday.json", &s.to_json_pretty());
    let md = text(&run(&["report", file.to_str().unwrap(), "--format", "md"]).stdout);
    let summary = md.lines().nth(2).unwrap();
    assert!(
        summary.starts_with("A 4-hour outage of AI provider: coding tool from Tue 2026-12-01 10:00 Europe/London costs about £1,360: 12.8 person-hours of lost work (£1,151) and £210 running fallbacks."),
        "{summary}"
    );
    assert!(
        md.contains("- Outage window: Tue 2026-12-01 10:00 to Tue 2026-12-01 14:00 Europe/London (4 h 00 min)"),
        "{md}"
    );
    // Shown in another zone on request; the instant is the same.
    let ny = text(&run(&["report", file.to_str().unwrap(), "--format", "md", "--zone", "America/New_York"]).stdout);
    assert!(ny.contains("from Tue 2026-12-01 05:00 America/New\\_York"), "{ny}");
    let bad = run(&["report", file.to_str().unwrap(), "--zone", "Mars/Olympus"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("unknown time zone \"Mars/Olympus\""));
}

#[test]
fn the_html_report_is_self_contained_with_its_charts() {
    let example = text(&run(&["example"]).stdout);
    let out = run_stdin(&["report", "-", "--format", "html"], &example);
    assert!(out.status.success());
    let page = text(&out.stdout);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<svg").count(), 5, "five charts, inline");
    for external in ["<script", "<link", "src=", "url(", "@import"] {
        assert!(!page.contains(external), "{external} would load something");
    }
    for words in ["A 9 h 27 min outage", "Inputs: teams", "Residual functionality over time", "This outage: 9 h 27 min"]
    {
        assert!(page.contains(words), "missing {words}");
    }
}

#[test]
fn an_invalid_scenario_lists_its_problems_and_exits_1() {
    let mut s = outage_impact::input::presets::example();
    s.workflows[0].fallbacks[0].coverage = 1.5;
    s.teams[1].headcount = -2.0;
    let path = temp_file("bad.json", &s.to_json_pretty());
    let out = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("2 problems"), "{stdout}");
    assert!(stdout.contains("workflows[0].fallbacks[0].coverage: Coverage must be between 0 and 1"));
    assert!(stdout.contains("teams[1].headcount: Headcount cannot be negative"));
    let out = run(&["report", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("is not a valid scenario"));
    assert!(out.stdout.is_empty());
}

#[test]
fn unreadable_input_gets_a_clear_message_on_stderr() {
    let missing = run(&["validate", "/no/such/file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("cannot read /no/such/file.json: no such file"));

    let dir = run(&["validate", "/"]);
    assert_eq!(dir.status.code(), Some(2));
    assert!(text(&dir.stderr).contains("cannot read /"));

    let bad = temp_file("syntax.json", "{\n  \"version\": 1,\n  oops\n}");
    let out = run(&["report", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("line 3, column 3"), "{}", text(&out.stderr));

    let foreign = temp_file("foreign.json", "{\"hello\": \"world\"}");
    let out = run(&["validate", foreign.to_str().unwrap()]);
    assert!(text(&out.stderr).contains("not an Outage Impact scenario"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["report"],
        &["report", "x.json", "--format", "pdf"],
        &["report", "x", "--table", "teams"],
        &["example", "extra"],
        &["link"],
        &["link", "a", "b"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).starts_with("outage-impact: "), "{args:?}: {}", text(&out.stderr));
    }
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["help"],
        &["example", "--help"],
        &["validate", "--help"],
        &["report", "--help"],
        &["link", "--help"],
    ] {
        let out = run(args);
        assert!(out.status.success(), "{args:?}");
        assert!(text(&out.stdout).contains("Usage: outage-impact"), "{args:?}");
    }
    assert!(text(&run(&["report", "-h"]).stdout).contains("--format"));
}

#[test]
fn annual_prints_the_year_in_every_format_and_the_same_seed_gives_the_same_figures() {
    let path = temp_file("annual.json", &text(&run(&["example"]).stdout));
    let file = path.to_str().unwrap();
    let md = text(&run(&["annual", file, "--years", "200", "--format", "md"]).stdout);
    for heading in [
        "## A year of outages (2026)",
        "## Where the year's loss comes from",
        "## What each fallback is worth a year",
        "## Availability",
    ] {
        assert!(md.contains(heading), "{heading} in {md}");
    }
    assert!(md.contains("Simulated 200 years with seed 1"), "{md}");
    let json = |seed: &str| {
        let out = run(&["annual", file, "--years", "100", "--seed", seed]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_object_mut().unwrap().remove("generated_at");
        v
    };
    assert_eq!(json("5"), json("5"));
    assert_ne!(json("5")["annual"]["simulation"], json("6")["annual"]["simulation"]);
    assert_eq!(json("5")["annual"]["with_fallbacks"], json("6")["annual"]["with_fallbacks"]);
    let csv = text(&run(&["annual", file, "--years", "50", "--format", "csv", "--table", "exceedance"]).stdout);
    assert!(
        csv.starts_with("annual_loss_GBP,chance_of_more_with_fallbacks,chance_of_more_without_fallbacks\n"),
        "{csv}"
    );
    let review = text(&run(&["report", file, "--format", "md"]).stdout);
    assert!(review.contains("## A year of outages (2026)"), "the review gains the annual section");
}

#[test]
fn annual_options_are_checked() {
    let path = temp_file("annual-options.json", &text(&run(&["example"]).stdout));
    let file = path.to_str().unwrap();
    #[rustfmt::skip]
    let cases: &[(&[&str], i32, &str)] = &[
        (&["annual", file, "--years", "many"], 2, "--years needs a number; it is \"many\""),
        (&["annual", file, "--years", "0"], 1, "The years simulated must be a whole number from 1; it is 0."),
        (&["annual", file, "--seed", "1.5"], 1, "The seed must be a whole number; it is 1.5."),
        (&["annual", file, "--table", "components"], 2, "--table components goes with --format csv"),
        (&["annual", file, "--format", "html"], 2, "annual writes json, csv or md"),
    ];
    for (args, code, words) in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(*code), "{args:?}");
        assert!(text(&out.stderr).contains(words), "{args:?}: {}", text(&out.stderr));
    }
}

/// The example's variants through `report` and `annual`, checked against
/// each other by hand: "Nothing prepared" switches every fallback off, so it
/// loses what the year loses without fallbacks and its net benefit is 0;
/// the others' net benefit is what they save against it, less their
/// fallbacks' fixed costs (the second provider's: £4,800 + £1,800 + £1,200).
#[test]
fn report_and_annual_compare_the_example_variants() {
    let path = temp_file("variants.json", &text(&run(&["example"]).stdout));
    let json = run(&["report", path.to_str().unwrap()]);
    assert!(json.status.success(), "{}", text(&json.stderr));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let variants = v["variants"].as_array().unwrap();
    let names: Vec<&str> = variants.iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "As is",
            "Manual modes only",
            "Second provider only",
            "Nothing prepared",
            "Faster switch to the second provider"
        ]
    );
    let year = |k: usize, what: &str| variants[k]["year"][what].as_f64().unwrap();
    let nothing = year(3, "expected_loss");
    assert!(year(3, "net_benefit").abs() < 1e-6);
    assert!((year(1, "net_benefit") - (nothing - year(1, "expected_loss"))).abs() < 1e-6);
    assert!((year(0, "net_benefit") - (nothing - year(0, "expected_loss") - 7800.0)).abs() < 1e-6);
    // "As is" is the scenario itself: the same loss as the report's.
    assert_eq!(variants[0]["outage"]["loss"], v["results"]["totals"]["cost"]);
    let md = text(&run(&["annual", path.to_str().unwrap(), "--format", "md"]).stdout);
    assert!(md.contains("## Mitigation options side by side"), "{md}");
    assert!(md.contains("| Year: net benefit | -£2,940 | £1,571 (+£4,510) best |"), "{md}");
}

#[test]
fn a_variant_naming_no_fallback_is_a_problem_in_its_words() {
    let example = text(&run(&["example"]).stdout);
    let broken = example.replacen("\"fallback\": \"Manual review\"", "\"fallback\": \"Manual reveiw\"", 1);
    let path = temp_file("variant-typo.json", &broken);
    let out = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains(
            "variants[1].changes[0]: Variant \"Second provider only\": no workflow has a fallback named \"Manual reveiw\"."
        ),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(run(&["report", path.to_str().unwrap()]).status.code(), Some(1));
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/history/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn fit_prints_the_fitted_values_and_writes_the_scenario_with_them_taken() {
    let example = temp_file("fit-example.json", &text(&run(&["example"]).stdout));
    let written = std::env::temp_dir().join(format!("outage-impact-fit-{}.json", std::process::id()));
    let history = fixture("incidents.csv");
    let out = run(&[
        "fit",
        &history,
        "--scenario",
        example.to_str().unwrap(),
        "--map",
        "Web app=ai-web",
        "--map",
        "Console=ai-web",
        "--map",
        "API=ai-api",
        "--severity",
        "under_maintenance=0.5",
        "--write",
        written.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    // The web app as worked by hand in tests/history.rs; the API with its maintenance now counted (2 h at 0.5).
    assert!(
        printed.contains("| AI provider: web app and console | 2 | 6 | 3.99 (8) | 1.26–6.33 (0.5–6) | 87% (100%) |"),
        "{printed}"
    );
    assert!(printed.contains("| AI provider: API | 3 | 6 | 5.99 (4) |"), "{printed}");
    assert!(printed.contains("Under maintenance 50%."), "{printed}");
    let scenario = outage_impact::Scenario::from_json(&std::fs::read_to_string(&written).unwrap()).unwrap();
    let web = scenario.components.iter().find(|c| c.id == "ai-web").unwrap();
    assert_eq!((web.incidents_per_year, web.duration_hours_p90), (Some(3.99), Some([1.26, 6.33])));
    assert_eq!(scenario.incident_history.components.get("Console"), Some(&Some("ai-web".to_string())));
    // The written scenario is valid and reports.
    assert_eq!(run(&["annual", written.to_str().unwrap(), "--format", "md"]).status.code(), Some(0));
}

#[test]
fn fit_refuses_a_broken_history_or_a_bad_pick_in_its_words() {
    let example = temp_file("fit-example-2.json", &text(&run(&["example"]).stdout));
    let scenario = example.to_str().unwrap();
    let check = |args: &[&str], expect: &str| {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains(expect), "{args:?}: {}", text(&out.stderr));
        assert!(out.stdout.is_empty());
    };
    let broken =
        temp_file("broken.csv", "component,start,end,severity\nAPI,2026-03-02T12:00:00Z,2026-03-02T11:00:00Z,1\n");
    check(
        &["fit", broken.to_str().unwrap(), "--scenario", scenario],
        "broken.csv: Line 2 of the history file: it ends (2026-03-02 11:00 UTC) before it starts (2026-03-02 12:00 UTC).",
    );
    let huge = temp_file("huge.json", &" ".repeat(50_000_000));
    check(
        &["fit", huge.to_str().unwrap(), "--scenario", scenario],
        "The history file is 50.0 MB; the most it can be is 5 MB",
    );
    check(
        &["fit", &fixture("incidents.csv"), "--scenario", scenario, "--map", "API=nope"],
        "the scenario has no component \"nope\"",
    );
    check(&["fit", &fixture("incidents.csv")], "fit needs --scenario FILE");
    check(
        &["fit", &fixture("incidents.csv"), "--scenario", scenario, "--severity", "major_outage=3"],
        "a severity is from 0 to 1",
    );
}
