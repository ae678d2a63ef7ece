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
    assert!(text(&csv.stdout).starts_with("workflow_id,workflow,team_id,person_hours_lost,labour_cost_GBP"));
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
    assert!(md.contains(&outage_impact::output::share::input_hash(&outage_impact::input::presets::example())));
    assert!(md.contains("add `#s=1."), "the link without a base is its fragment");
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
