//! The command line, as a function of its arguments and two output streams,
//! so that tests run it in-process. Exit codes: 0 fine, 1 the scenario has
//! problems, 2 the command could not run (usage, unreadable file, bad JSON).

use std::ffi::OsString;
use std::io::{Read, Write};

use lexopt::prelude::*;

use crate::calc::annual::{has_incidents, Annual};
use crate::calc::compare::VariantFigures;
use crate::calc::report::Report;
use crate::input::history::{self, fit as history_fit, Status};
use crate::input::model::Model;
use crate::input::presets;
use crate::input::scenario::Scenario;
use crate::input::validate::validate;
use crate::input::variant;
use crate::output;
use crate::output::annual::AnnualCsv;
use crate::output::csv::{self, CsvTable};
use crate::output::file::{self, Source};
use crate::output::share;
use crate::output::{html, markdown};
use crate::time::format_utc;
use crate::time::zones::Zone;

const MAIN_HELP: &str = "\
outage-impact: what an outage of a dependency costs a team, and what keeps working

Usage: outage-impact <COMMAND> [ARGS]

Commands:
  example             Print the default example scenario (JSON)
  validate FILE       Check a scenario and print every problem (exit 1 if any)
  report FILE         Print the results (--format json|csv|md|html)
  annual FILE         Print a year of outages (--years N, --seed S, --format json|csv|md)
  link FILE           Print the share link that opens the scenario in the app
  fit HISTORY --scenario FILE
                      Fit each component's incidents a year, duration range and
                      severity to a status page's incident history (--write OUT)

Run `outage-impact <COMMAND> --help` for a command's options.
FILE may be - for standard input.

Exit status: 0 success, 1 the scenario has problems, 2 the command could not run.
";

const EXAMPLE_HELP: &str = "\
Usage: outage-impact example [--large]

Prints the default example scenario: an organisation of engineers, support
desks and content writers living through the March 2, 2026 outage replay.
Save it, edit it, and pass it to `validate` or `report`.

Options:
  --large     the generated organisation of the benchmarks instead (200 teams,
              2,000 workflows, 500 components, 200 incidents over 72 hours)
  -h, --help  Print this help
";

const VALIDATE_HELP: &str = "\
Usage: outage-impact validate FILE

Checks a scenario file and prints every problem, one a line, each with the
place it is at (for example workflows[3].fallbacks[0].coverage).
Exit status 0 when the scenario is valid, 1 when it has problems, 2 when the
file cannot be read or is not JSON.
";

const REPORT_HELP: &str = "\
Usage: outage-impact report FILE [--format json|csv|md|html] [--table TABLE] [--zone ZONE] [--base URL]

Prints the results of a scenario: person-hours and cost lost, residual
functionality, fallbacks, blast radius. The same files as the app's exports.

Options:
  --format FORMAT   json (default: the scenario, its results, the app version and
                    the input hash), csv, md (a Markdown report for a risk review)
                    or html (the same review, self-contained, with its charts)
  --table TABLE     with --format csv: workflows (default), teams or residual
  --zone ZONE       the IANA time zone times are shown in (default: the one the
                    outage start was entered in, else the first team's)
  --base URL        the app's address, to write whole share links (json, md, html)
  -h, --help        Print this help
";

const ANNUAL_HELP: &str = "\
Usage: outage-impact annual FILE [--years N] [--seed S] [--format json|csv|md] [--table TABLE]

Prints the annual view: each component's incidents a year and their
durations, costed by the incident model over a whole year. Expected annual
loss, its percentiles and the chance of a year without loss, each
component's share, what each fallback is worth a year against its cost,
availability, and a seeded simulation with its standard errors. The same
figures as the app's annual view for the same seed.

Options:
  --years N         years to simulate (default: the scenario's, else 2000)
  --seed S          the simulation's seed, a whole number (default: the scenario's, else 1)
  --format FORMAT   json (default: the scenario and its annual figures), csv or md
  --table TABLE     with --format csv: figures (default), exceedance, components or fallbacks
  -h, --help        Print this help
";

const LINK_HELP: &str = "\
Usage: outage-impact link FILE [--base URL]

Prints the share link of a scenario: opening it shows the same inputs and the
same numbers in the app. Without --base, prints the part after the app's
address (#s=1.…); the scenario travels in it, never to a server.

Options:
  --base URL        the app's address, e.g. http://127.0.0.1:8080/
  -h, --help        Print this help
";

const FIT_HELP: &str = "\
Usage: outage-impact fit HISTORY --scenario FILE [--map NAME=ID]... [--severity STATUS=X]... [--write OUT]

Reads a provider's incident history and fits, for each scenario component a
status-page component counts for, its incidents a year, the 90% range of an
incident's duration and its typical severity. Prints them beside the
scenario's values, with the window and the count they rest on.

HISTORY is Atlassian Statuspage's incident history (the JSON of
https://STATUS-PAGE/api/v2/incidents.json, saved by you: nothing is fetched)
or a CSV with a header naming the columns component, start, end and severity
(start and end as 2026-03-02T11:49:00Z; an empty end: not resolved; severity a
status such as major_outage, or a number from 0 to 1). At most 5 MB and
10,000 incidents.

Options:
  --scenario FILE       the scenario to fit (required)
  --map NAME=ID         the status-page component NAME counts for the scenario
                        component ID (none: for none); by default a component
                        of the same name or id. Remembered in the scenario
  --severity STATUS=X   the severity from 0 to 1 a status counts with (defaults:
                        degraded_performance=0.3, partial_outage=0.6,
                        major_outage=1, under_maintenance=0: not counted)
  --write OUT           also write the scenario with the fitted values taken
                        and the picks remembered to OUT
  -h, --help            Print this help
";

/// Runs the command line; returns the exit code.
pub fn run(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match run_inner(args, out, err) {
        Ok(code) => code,
        Err(Failure { message, code }) => {
            let _ = writeln!(err, "outage-impact: {}", message.trim_end());
            code
        }
    }
}

struct Failure {
    message: String,
    code: i32,
}

fn usage(message: impl Into<String>) -> Failure {
    Failure { message: format!("{}\nRun `outage-impact --help` for usage.", message.into()), code: 2 }
}

impl From<lexopt::Error> for Failure {
    fn from(e: lexopt::Error) -> Self {
        usage(e.to_string())
    }
}

/// A command line, read and checked once: what `run` carries out.
enum Command {
    Help(&'static str),
    Version,
    Example,
    LargeExample,
    Validate { file: String },
    Link { file: String, base: Option<String> },
    Report { file: String, format: Format, table: CsvTable, zone: Option<Zone>, base: Option<String> },
    Annual { file: String, format: Format, table: AnnualCsv, years: Option<f64>, seed: Option<f64> },
    Fit(FitArgs),
}

/// `fit`'s arguments.
struct FitArgs {
    history: String,
    scenario: String,
    maps: Vec<(String, Option<String>)>,
    severities: Vec<(Status, f64)>,
    write: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Csv,
    Markdown,
    Html,
}

fn run_inner(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Failure> {
    let mut parser = lexopt::Parser::from_args(args);
    let command = match parser.next()? {
        // No command: the help, as a usage error.
        None => {
            write_out(out, MAIN_HELP)?;
            return Ok(2);
        }
        Some(Short('h') | Long("help")) => Command::Help(MAIN_HELP),
        Some(Long("version")) => Command::Version,
        Some(Value(v)) => parse_command(&v.string()?, &mut parser)?,
        Some(other) => return Err(usage(other.unexpected().to_string())),
    };
    match command {
        Command::Help(text) => write_out(out, text).map(|_| 0),
        Command::Version => write_out(out, &format!("outage-impact {}\n", crate::VERSION)).map(|_| 0),
        Command::Example => write_out(out, presets::EXAMPLE_JSON).map(|_| 0),
        Command::LargeExample => large_example(out),
        Command::Validate { file } => validate_file(out, &file),
        Command::Link { file, base } => link(out, err, &file, base.as_deref()),
        Command::Report { file, format, table, zone, base } => {
            report(out, &file, Output { format, table, zone }, base.as_deref())
        }
        Command::Annual { file, format, table, years, seed } => annual(out, &file, format, table, years, seed),
        Command::Fit(args) => fit_history(out, args),
    }
}

/// A command's arguments, read into a [`Command`].
fn parse_command(name: &str, parser: &mut lexopt::Parser) -> Result<Command, Failure> {
    let (mut file, mut base, mut format, mut table, mut zone, mut large) = (None, None, None, None, None, false);
    let (mut years, mut seed) = (None, None);
    let help = match name {
        "help" => return Ok(Command::Help(MAIN_HELP)),
        "example" => EXAMPLE_HELP,
        "validate" => VALIDATE_HELP,
        "link" => LINK_HELP,
        "report" => REPORT_HELP,
        "annual" => ANNUAL_HELP,
        "fit" => return parse_fit(parser),
        other => return Err(usage(format!("unknown command \"{other}\""))),
    };
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(help)),
            Long("large") if name == "example" => large = true,
            Long("base") if name == "link" || name == "report" => base = Some(parser.value()?.string()?),
            Short('f') | Long("format") if name == "report" || name == "annual" => {
                format = Some(parser.value()?.string()?)
            }
            Long("table") if name == "report" || name == "annual" => table = Some(parser.value()?.string()?),
            Long("years") if name == "annual" => years = Some(parse_number("--years", &parser.value()?.string()?)?),
            Long("seed") if name == "annual" => seed = Some(parse_number("--seed", &parser.value()?.string()?)?),
            Long("zone") if name == "report" => zone = Some(parse_zone(&parser.value()?.string()?)?),
            Value(v) if file.is_none() && name != "example" => file = Some(v.string()?),
            other => return Err(usage(other.unexpected().to_string())),
        }
    }
    let file = || file.clone().ok_or_else(|| usage(format!("{name} needs a FILE")));
    Ok(match name {
        "example" if large => Command::LargeExample,
        "example" => Command::Example,
        "validate" => Command::Validate { file: file()? },
        "link" => Command::Link { file: file()?, base },
        "annual" => {
            let format = parse_format(format.as_deref().unwrap_or("json"))?;
            if format == Format::Html {
                return Err(usage("annual writes json, csv or md; its HTML is in `report --format html`"));
            }
            let table = match table {
                None => AnnualCsv::Figures,
                Some(t) if format != Format::Csv => return Err(usage(format!("--table {t} goes with --format csv"))),
                Some(t) => AnnualCsv::parse(&t).ok_or_else(|| {
                    usage(format!("unknown table \"{t}\"; use figures, exceedance, components or fallbacks"))
                })?,
            };
            Command::Annual { file: file()?, format, table, years, seed }
        }
        _ => {
            let file = file()?;
            let format = parse_format(format.as_deref().unwrap_or("json"))?;
            Command::Report { file, table: parse_table(table, format)?, format, zone, base }
        }
    })
}

fn parse_fit(parser: &mut lexopt::Parser) -> Result<Command, Failure> {
    let (mut history, mut scenario, mut write) = (None, None, None);
    let (mut maps, mut severities) = (Vec::new(), Vec::new());
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(FIT_HELP)),
            Long("scenario") => scenario = Some(parser.value()?.string()?),
            Long("write") => write = Some(parser.value()?.string()?),
            Long("map") => {
                let (name, id) = pair("--map", &parser.value()?.string()?)?;
                maps.push((name, Some(id).filter(|id| id != "none")));
            }
            Long("severity") => {
                let (status, x) = pair("--severity", &parser.value()?.string()?)?;
                let status = Status::parse(&status).ok().flatten().ok_or_else(|| {
                    usage(format!(
                        "--severity {status}=…: use degraded_performance, partial_outage, major_outage or under_maintenance"
                    ))
                })?;
                let x = parse_number("--severity", &x)?;
                if !(0.0..=1.0).contains(&x) {
                    return Err(usage(format!("--severity {}={x}: a severity is from 0 to 1", status.key())));
                }
                severities.push((status, x));
            }
            Value(v) if history.is_none() => history = Some(v.string()?),
            other => return Err(usage(other.unexpected().to_string())),
        }
    }
    let history = history.ok_or_else(|| usage("fit needs a HISTORY file"))?;
    let scenario = scenario.ok_or_else(|| usage("fit needs --scenario FILE: the scenario to fit"))?;
    Ok(Command::Fit(FitArgs { history, scenario, maps, severities, write }))
}

/// `NAME=VALUE`, split at its last `=` (a status-page name may hold one).
fn pair(option: &str, text: &str) -> Result<(String, String), Failure> {
    match text.rsplit_once('=') {
        Some((name, value)) if !name.trim().is_empty() => Ok((name.trim().to_string(), value.trim().to_string())),
        _ => Err(usage(format!("{option} needs NAME=VALUE; it is \"{text}\""))),
    }
}

fn parse_format(text: &str) -> Result<Format, Failure> {
    match text {
        "json" => Ok(Format::Json),
        "csv" => Ok(Format::Csv),
        "md" => Ok(Format::Markdown),
        "html" => Ok(Format::Html),
        other => Err(usage(format!("unknown format \"{other}\"; use json, csv, md or html"))),
    }
}

fn parse_number(option: &str, text: &str) -> Result<f64, Failure> {
    text.parse::<f64>().map_err(|_| usage(format!("{option} needs a number; it is \"{text}\"")))
}

fn parse_zone(text: &str) -> Result<Zone, Failure> {
    Zone::named(text)
        .ok_or_else(|| usage(format!("unknown time zone \"{text}\"; use an IANA name such as Europe/London")))
}

fn parse_table(table: Option<String>, format: Format) -> Result<CsvTable, Failure> {
    match table {
        None => Ok(CsvTable::Workflows),
        Some(t) if format != Format::Csv => Err(usage(format!("--table {t} goes with --format csv"))),
        Some(t) => {
            CsvTable::parse(&t).ok_or_else(|| usage(format!("unknown table \"{t}\"; use workflows, teams or residual")))
        }
    }
}

/// The benchmarks' generated organisation.
fn large_example(out: &mut dyn Write) -> Result<i32, Failure> {
    let scenario = crate::input::generate::organisation(crate::input::generate::LARGE, 1);
    write_out(out, &file::scenario_json(&scenario)).map(|_| 0)
}

fn validate_file(out: &mut dyn Write, file: &str) -> Result<i32, Failure> {
    let scenario = read_scenario(file)?;
    match variant::models(&scenario) {
        Ok(_) => write_out(out, &format!("{file}: valid\n")).map(|_| 0),
        Err(problems) => {
            let mut text =
                format!("{file}: {} problem{}\n", problems.len(), if problems.len() == 1 { "" } else { "s" });
            for p in &problems {
                text.push_str(&format!("{p}\n"));
            }
            write_out(out, &text)?;
            Ok(1)
        }
    }
}

fn link(out: &mut dyn Write, err: &mut dyn Write, file: &str, base: Option<&str>) -> Result<i32, Failure> {
    let scenario = read_scenario(file)?;
    // A link to an invalid scenario is still useful (the app names the
    // problems), but say so.
    if let Err(problems) = validate(&scenario) {
        let _ = writeln!(err, "outage-impact: note: {file} has {} problem(s); the app will list them", problems.len());
    }
    write_out(out, &(link_to(&scenario, base) + "\n")).map(|_| 0)
}

/// What `report` writes: a format, the CSV table, the zone times are shown in.
struct Output {
    format: Format,
    table: CsvTable,
    zone: Option<Zone>,
}

fn report(out: &mut dyn Write, file: &str, output: Output, base: Option<&str>) -> Result<i32, Failure> {
    let scenario = read_scenario(file)?;
    let mut models = valid_models(file, &scenario)?;
    let variants = compare_variants(&models[1..]);
    let model = models.swap_remove(0).1;
    let report = Report::build(&model);
    let annual = has_incidents(&model).then(|| Annual::build(&model));
    let variants = with_as_is(variants, &report, annual.as_ref());
    let link = link_to(&scenario, base);
    let now = format_utc(now_utc());
    let zone = output.zone.unwrap_or_else(|| scenario.reading_zone(None));
    let source = Source { scenario: &scenario, link: &link, generated_at: Some(&now), zone };
    let text = match output.format {
        Format::Json => file::results_json(source, &report, &variants),
        Format::Csv => csv::csv(&report, output.table, zone),
        Format::Markdown => markdown::review_markdown(source, &report, annual.as_ref().map(|a| (&model, a)), &variants),
        Format::Html => html::review_html(source, &report, &model, annual.as_ref(), &variants),
    };
    write_out(out, &text).map(|_| 0)
}

/// The annual view of a scenario, `--years` and `--seed` applied as if in the file.
fn annual(
    out: &mut dyn Write,
    file: &str,
    format: Format,
    table: AnnualCsv,
    years: Option<f64>,
    seed: Option<f64>,
) -> Result<i32, Failure> {
    let mut scenario = read_scenario(file)?;
    scenario.annual.years = years.unwrap_or(scenario.annual.years);
    scenario.annual.seed = seed.unwrap_or(scenario.annual.seed);
    let mut models = valid_models(file, &scenario)?;
    let variants = compare_variants(&models[1..]);
    let model = models.swap_remove(0).1;
    let annual = Annual::build(&model);
    let variants = with_as_is(variants, &Report::build(&model), Some(&annual));
    let link = link_to(&scenario, None);
    let now = format_utc(now_utc());
    let zone = scenario.reading_zone(None);
    let source = Source { scenario: &scenario, link: &link, generated_at: Some(&now), zone };
    let text = match format {
        Format::Csv => output::annual::annual_csv(&model, &annual, table),
        Format::Markdown => output::annual::annual_markdown(&model, &annual, &variants),
        _ => output::annual::annual_json(source, &annual, &variants),
    };
    write_out(out, &text).map(|_| 0)
}

/// `fit`: the history read, fitted to the scenario, printed; the scenario written with the fit taken.
fn fit_history(out: &mut dyn Write, args: FitArgs) -> Result<i32, Failure> {
    let mut scenario = read_scenario(&args.scenario)?;
    for (name, id) in args.maps {
        if let Some(id) = id.as_ref().filter(|id| !scenario.components.iter().any(|c| &c.id == *id)) {
            let ids: Vec<&str> = scenario.components.iter().map(|c| c.id.as_str()).collect();
            return Err(usage(format!(
                "--map {name}={id}: the scenario has no component \"{id}\" (it has {})",
                ids.join(", ")
            )));
        }
        scenario.incident_history.components.insert(name, id);
    }
    for (status, x) in args.severities {
        crate::input::field::Field::StatusSeverity(status).set_number(&mut scenario, x);
    }
    let failed = |e: history::HistoryError| Failure { message: format!("{}: {e}", args.history), code: 2 };
    let history = history::read(&read_text(&args.history)?).map_err(failed)?;
    let fit = history_fit::fit(&history, &scenario).map_err(failed)?;
    write_out(out, &output::history::fit_markdown(&fit, &scenario))?;
    if let Some(path) = args.write {
        let refused = history_fit::take_all(&mut scenario, &fit);
        std::fs::write(&path, file::scenario_json(&scenario))
            .map_err(|e| Failure { message: format!("cannot write {path}: {e}"), code: 2 })?;
        let n = fit.components.len() - refused.len();
        let s = if n == 1 { "" } else { "s" };
        let mut text = format!("\nWrote {path}: the fitted values of {n} component{s} taken, the picks remembered.\n");
        text.extend(refused.iter().map(|r| format!("{r}\n")));
        write_out(out, &text)?;
    }
    Ok(0)
}

/// Each variant's figures: its outage, and its year when something fails in it.
fn compare_variants(variants: &[(String, Model)]) -> Vec<VariantFigures> {
    let figures = |(name, model): &(String, Model)| {
        let annual = has_incidents(model).then(|| Annual::build(model));
        VariantFigures::of(name, &Report::build(model), annual.as_ref())
    };
    variants.iter().map(figures).collect()
}

/// "As is" before the variants; nothing to compare without them.
fn with_as_is(variants: Vec<VariantFigures>, report: &Report, annual: Option<&Annual>) -> Vec<VariantFigures> {
    if variants.is_empty() {
        return variants;
    }
    std::iter::once(VariantFigures::of(variant::AS_IS, report, annual)).chain(variants).collect()
}

/// The scenario's model, then each variant's (see [`variant::models`]).
fn valid_models(file: &str, scenario: &Scenario) -> Result<Vec<(String, Model)>, Failure> {
    variant::models(scenario).map_err(|problems| {
        let mut message = format!("{file} is not a valid scenario ({} problems):\n", problems.len());
        for p in &problems {
            message.push_str(&format!("  {p}\n"));
        }
        Failure { message, code: 1 }
    })
}

/// The share link: `base#fragment`, or `#fragment` alone without a base.
fn link_to(scenario: &Scenario, base: Option<&str>) -> String {
    let base = base.map(|b| b.split('#').next().unwrap_or(b)).unwrap_or("");
    format!("{base}#{}", share::encode(scenario))
}

fn now_utc() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

fn write_out(out: &mut dyn Write, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes()).map_err(|e| Failure { message: format!("cannot write the output: {e}"), code: 2 })
}

fn read_scenario(file: &str) -> Result<Scenario, Failure> {
    let text = read_text(file)?;
    Scenario::from_json(&text).map_err(|e| Failure { message: format!("{file}: {e}"), code: 2 })
}

/// A file's text, or standard input's for `-`.
fn read_text(file: &str) -> Result<String, Failure> {
    if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Failure { message: format!("cannot read standard input: {e}"), code: 2 })?;
        return Ok(s);
    }
    std::fs::read_to_string(file).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            std::io::ErrorKind::InvalidData => "it is not UTF-8 text".to_string(),
            _ if std::path::Path::new(file).is_dir() => "it is a directory".to_string(),
            _ => e.to_string(),
        };
        Failure { message: format!("cannot read {file}: {why}"), code: 2 }
    })
}
