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
    assert!(json["totals"]["person_hours"].as_f64().unwrap() > 0.0);
    assert_eq!(json["window"]["start"], "2026-03-02T11:49:00Z");
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
    assert!(md.contains("## Key figures") && md.contains("## Blast radius") && md.contains("## Fallback value"));
}

#[test]
fn an_invalid_scenario_lists_its_problems_and_exits_1() {
    let mut s = outage_impact::presets::example();
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
    for args in [&["frobnicate"][..], &["report"], &["report", "x.json", "--format", "pdf"], &["report", "x", "--table", "teams"], &["example", "extra"]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).starts_with("outage-impact: "), "{args:?}: {}", text(&out.stderr));
    }
}

#[test]
fn every_command_has_help() {
    for args in [&["--help"][..], &["help"], &["example", "--help"], &["validate", "--help"], &["report", "--help"]] {
        let out = run(args);
        assert!(out.status.success(), "{args:?}");
        assert!(text(&out.stdout).contains("Usage: outage-impact"), "{args:?}");
    }
    assert!(text(&run(&["report", "-h"]).stdout).contains("--format"));
}
