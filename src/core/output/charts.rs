//! Charts as pure drawing functions, generic over the plotters backend: the
//! page, the HTML report and the tests draw them as SVG (`portable::svg`). Each takes
//! plain data (`ChartData`), built once from a report, which the app also
//! shows as tables for screen readers and copying.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::calc::annual::Annual;
use crate::calc::report::Report;
use crate::input::model::Model;
use crate::output::format::{money, percent};
use crate::output::table::Table;
use crate::time::local::format_local;
use crate::time::zones::Zone;
use crate::time::{Instant, SECONDS_PER_DAY, SECONDS_PER_HOUR};

const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
const ORG: RGBColor = RGBColor(0x1d, 0x4e, 0xd8);
const PICKED: RGBColor = RGBColor(0xb4, 0x53, 0x09);
const TARGET: RGBColor = RGBColor(0xb9, 0x1c, 0x1c);
const PHASE: RGBColor = RGBColor(0xfd, 0xe6, 0x8a);
const BAR: RGBColor = RGBColor(0x0f, 0x76, 0x6e);
/// Light fill for bars, so their dark labels keep AA contrast.
const BAR_FILL: RGBColor = RGBColor(0x99, 0xf6, 0xe4);
const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);
/// Working hours, a strip along the foot of the time chart.
const WORK: RGBColor = RGBColor(0x93, 0xc5, 0xfd);

/// A step series over hours since the outage start: (hour, value) pairs where
/// each value holds until the next hour.
pub type Steps = Vec<(f64, f64)>;

/// Everything the charts draw, in chart units (hours from the outage start).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    pub currency: String,
    pub target: f64,
    /// Length of the outage window, in hours.
    pub hours: f64,
    /// The window's start, and the zone its time axis reads in.
    pub start: Instant,
    pub zone: Zone,
    pub organisation: Steps,
    /// Shaded spans: (from hour, to hour, label).
    pub phases: Vec<(f64, f64, String)>,
    /// Spans when at least one team is at work: (from hour, to hour).
    pub working: Vec<(f64, f64)>,
    /// (hour, cumulative cost).
    pub cost: Vec<(f64, f64)>,
    /// (team name, cost), largest first.
    pub by_team: Vec<(String, f64)>,
    /// (workflow name, cost), largest first.
    pub by_workflow: Vec<(String, f64)>,
}

impl ChartData {
    pub fn new(report: &Report, model: &Model, zone: Zone) -> ChartData {
        let start = report.window.as_ref().map(|w| w.start).unwrap_or(model.outage.start);
        let hours = report.window.as_ref().map(|w| w.hours).unwrap_or(0.0);
        let end = start + (hours * SECONDS_PER_HOUR as f64).round() as Instant;
        let h = |t: Instant| crate::time::hours(t - start);
        let by_team = largest_first(report.teams.iter().map(|t| (t.name.clone(), t.cost)).collect());
        let by_workflow = largest_first(report.workflows.iter().map(|w| (w.name.clone(), w.cost)).collect());
        let phases =
            model.outage.incidents.iter().map(|i| (h(i.start), h(i.end), model.components[i.component].name.clone()));
        ChartData {
            currency: report.currency.clone(),
            target: report.target,
            hours,
            start,
            zone,
            organisation: report.residual.series.iter().map(|s| (h(s.at), s.value)).collect(),
            phases: phases.collect(),
            working: at_work(model, start, end).into_iter().map(|(s, e)| (h(s), h(e))).collect(),
            cost: report.cost_over_time.iter().map(|p| (h(p.at), p.cost)).collect(),
            by_team,
            by_workflow,
        }
    }

    /// Where an hour after the start sits on the time axis: hours since
    /// local midnight of the start's day, so ticks fall on whole local hours.
    fn axis(&self, h: f64) -> f64 {
        let local = self.start + self.zone.offset_at(self.start) as i64;
        local.rem_euclid(SECONDS_PER_DAY) as f64 / SECONDS_PER_HOUR as f64 + h
    }

    /// A time-axis label: the local clock, with the weekday when the outage
    /// runs past a local midnight ("Tue 14:00").
    fn clock_label(&self, x: f64) -> String {
        let t = self.start + ((x - self.axis(0.0)) * SECONDS_PER_HOUR as f64).round() as Instant;
        let local = format_local(t, self.zone);
        if self.axis(self.hours) > 24.0 {
            format!("{} {}", &local[..3], &local[15..])
        } else {
            local[15..].to_string()
        }
    }
}

/// When at least one team works, between `from` and `to`: each team's
/// sorted spans merged into the union in turn (no sort: each sort a page
/// instantiates costs it kilobytes).
fn at_work(model: &Model, from: Instant, to: Instant) -> Vec<(Instant, Instant)> {
    union(model.teams.iter().map(|team| team.calendar.working_intervals(from, to)))
}

/// The union of lists of sorted spans, as sorted spans that do not touch.
fn union(lists: impl Iterator<Item = Vec<(Instant, Instant)>>) -> Vec<(Instant, Instant)> {
    lists.fold(Vec::new(), |union, spans| {
        let (mut a, mut b) = (union.into_iter().peekable(), spans.into_iter().peekable());
        let mut out: Vec<(Instant, Instant)> = Vec::new();
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x.0 <= y.0 => a.next(),
                (Some(_), Some(_)) | (None, Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, None) => break,
            };
            let Some((s, e)) = next else { break };
            match out.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => out.push((s, e)),
            }
        }
        out
    })
}

fn legend_font() -> TextStyle<'static> {
    label_style().pos(Pos::new(HPos::Left, VPos::Center))
}

/// An hour on an axis: whole hours bare, else one decimal ("2", "2.5").
fn hour_label(h: &f64) -> String {
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

fn largest_first(items: Vec<(String, f64)>) -> Vec<(String, f64)> {
    let costs: Vec<f64> = items.iter().map(|i| i.1).collect();
    let mut items: Vec<Option<(String, f64)>> = items.into_iter().map(Some).collect();
    crate::output::table::largest_first(&costs).into_iter().filter_map(|k| items[k].take()).collect()
}

impl ChartData {
    /// The residual chart's numbers (the first 500 steps).
    pub fn residual_table(&self) -> Table {
        let mut t = Table::new(&["From (hours after start)", "Organisation"], &self.currency);
        t.rows = self.organisation.iter().take(500).map(|(h, v)| vec![format!("{h:.2}"), percent(*v)]).collect();
        t
    }

    /// The cost chart's numbers (the first 500 points).
    pub fn cost_table(&self) -> Table {
        let mut t = Table::new(&["Hours after start", "Cost so far ({cur})"], &self.currency);
        t.rows = self.cost.iter().take(500).map(|(h, c)| vec![format!("{h:.2}"), money(*c, &self.currency)]).collect();
        t
    }
}

/// The loss-by-length chart's numbers, at each whole hour it was drawn at.
pub fn length_table(points: &[crate::calc::curve::Point], currency: &str) -> Table {
    let mut t = Table::new(&["Length (hours)", "Person-hours lost", "Cost ({cur})"], currency);
    t.rows = points
        .iter()
        .filter(|p| p.hours.fract() == 0.0)
        .map(|p| vec![format!("{:.0}", p.hours), format!("{:.1}", p.person_hours), money(p.cost, currency)])
        .collect();
    t
}

/// Turns steps into the corner points of a staircase ending at `end`.
fn staircase(steps: &[(f64, f64)], end: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(steps.len() * 2 + 1);
    for (k, &(x, y)) in steps.iter().enumerate() {
        let next = steps.get(k + 1).map(|s| s.0).unwrap_or(end);
        out.push((x, y));
        out.push((next, y));
    }
    out
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

// The family by name, not as text: plotters reads a family's text through
// `str::to_lowercase`, which brings Unicode's case tables (8 KB of download).
fn label_style() -> TextStyle<'static> {
    (FontFamily::SansSerif, 12).into_font().color(&INK)
}

fn caption_style() -> TextStyle<'static> {
    (FontFamily::SansSerif, 16).into_font().color(&INK)
}

/// How many labels fit along an axis `px` wide, each about `chars` long.
fn labels_across(px: u32, chars: usize) -> usize {
    (px as usize / (chars * 8 + 16)).clamp(2, 12)
}

/// What a legend entry shows: a line or a filled swatch.
enum Key {
    Line(RGBColor, u32),
    Swatch(RGBAColor),
}

/// Where each legend entry goes in a strip `width` wide: entries flow left
/// to right and wrap. About 7 px a character at 12 px: the same estimate on
/// every backend. The one layout, for sizing the strip and drawing in it.
fn legend_layout(width: u32, labels: impl Iterator<Item = usize>) -> Vec<(i32, i32)> {
    let (mut x, mut y) = (10, 8);
    labels
        .map(|chars| {
            let w = 34 + chars as i32 * 7;
            if x > 10 && x + w > width as i32 - 10 {
                (x, y) = (10, y + 18);
            }
            let at = (x, y);
            x += w + 12;
            at
        })
        .collect()
}

/// The legend in its own strip below the plot: it never hides a line, and
/// every shading is named.
fn legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, entries: &[(String, Key)]) -> DrawResult<DB> {
    let places = legend_layout(area.dim_in_pixel().0, entries.iter().map(|(l, _)| l.chars().count()));
    for ((label, key), (x, y)) in entries.iter().zip(places) {
        match key {
            Key::Line(colour, stroke) => {
                area.draw(&PathElement::new([(x, y), (x + 22, y)], colour.stroke_width(*stroke)))?
            }
            Key::Swatch(colour) => area.draw(&Rectangle::new([(x, y - 6), (x + 22, y + 6)], colour.filled()))?,
        }
        area.draw(&Text::new(label.clone(), (x + 28, y), legend_font()))?;
    }
    Ok(())
}

/// Residual functionality over time, in local clock time: the organisation,
/// optionally one picked workflow, the target line, incident phases and
/// working hours shaded, and a legend naming each.
pub fn residual<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    picked: Option<(&str, &Steps)>,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let mut entries = vec![
        ("Organisation".to_string(), Key::Line(ORG, 3)),
        (format!("Target {}", percent(data.target)), Key::Line(TARGET, 2)),
    ];
    if let Some((name, _)) = picked {
        let room = (area.dim_in_pixel().0 as usize).saturating_sub(80) / 7;
        entries.push((shorten(name, room.max(12)), Key::Line(PICKED, 2)));
    }
    entries.push(("A component down".to_string(), Key::Swatch(PHASE.mix(0.35))));
    entries.push(("Someone at work".to_string(), Key::Swatch(WORK.mix(1.0))));
    let (width, height) = area.dim_in_pixel();
    let last_row = legend_layout(width, entries.iter().map(|(l, _)| l.chars().count())).last().map_or(8, |p| p.1);
    let strip = last_row + 18;
    let (plot, key) = area.split_vertically(height as i32 - strip);
    let (left, right) = (data.axis(0.0), data.axis(data.hours.max(0.25)));
    let mut chart = ChartBuilder::on(&plot)
        .caption("Residual functionality over time", caption_style())
        .margin(10)
        .margin_right(24)
        .x_label_area_size(34)
        .y_label_area_size(46)
        .build_cartesian_2d(left..right, 0.0..1.05f64)?;
    let clock = |x: &f64| data.clock_label(*x);
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .x_labels(labels_across(width, if data.axis(data.hours) > 24.0 { 9 } else { 5 }))
        .x_desc(format!("Time in {}", data.zone.name()))
        .x_label_formatter(&clock)
        .y_desc("Functionality")
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .label_style(label_style())
        .draw()?;
    let band = |from: f64, to: f64, low: f64, high: f64, colour: RGBAColor| {
        Rectangle::new([(data.axis(from), low), (data.axis(to), high)], colour.filled())
    };
    // Working hours as a strip along the foot, phases over the whole height;
    // overlapping phases darken. The lines draw over both.
    chart.draw_series(data.working.iter().map(|&(f, t)| band(f, t, 0.0, 0.04, WORK.mix(1.0))))?;
    chart.draw_series(data.phases.iter().map(|(f, t, _)| band(*f, *t, 0.04, 1.05, PHASE.mix(0.35))))?;
    let line = |steps: &Steps| staircase(steps, data.hours).into_iter().map(|(h, v)| (data.axis(h), v));
    chart.draw_series(LineSeries::new([(left, data.target), (right, data.target)], TARGET.stroke_width(2)))?;
    chart.draw_series(LineSeries::new(line(&data.organisation), ORG.stroke_width(3)))?;
    if let Some((_, steps)) = picked {
        chart.draw_series(LineSeries::new(line(steps), PICKED.stroke_width(2)))?;
    }
    legend(&key, &entries)?;
    area.present()
}

/// Cost accumulating over time, in local clock time.
pub fn cost<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, data: &ChartData) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let top = data.cost.iter().map(|p| p.1).fold(0.0, f64::max).max(1.0) * 1.08;
    let cur = data.currency.clone();
    let (left, right) = (data.axis(0.0), data.axis(data.hours.max(0.25)));
    let mut chart = ChartBuilder::on(area)
        .caption(format!("Cost accumulating ({})", data.currency), caption_style())
        .margin(10)
        .margin_right(24)
        .x_label_area_size(34)
        .y_label_area_size(78)
        .build_cartesian_2d(left..right, 0.0..top)?;
    let clock = |x: &f64| data.clock_label(*x);
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .x_labels(labels_across(area.dim_in_pixel().0, if data.axis(data.hours) > 24.0 { 9 } else { 5 }))
        .x_desc(format!("Time in {}", data.zone.name()))
        .x_label_formatter(&clock)
        .y_label_formatter(&|v| money(*v, &cur))
        .label_style(label_style())
        .draw()?;
    // The area under the curve as one polygon, then the curve (the same
    // elements as the other charts: no area-series code in the page).
    let points: Vec<(f64, f64)> = data.cost.iter().map(|&(h, c)| (data.axis(h), c)).collect();
    let mut outline = points.clone();
    if let (Some(&(first, _)), Some(&(last, _))) = (points.first(), points.last()) {
        outline.extend([(last, 0.0), (first, 0.0)]);
    }
    chart.draw_series(std::iter::once(Polygon::new(outline, BAR.mix(0.2).filled())))?;
    chart.draw_series(LineSeries::new(points, BAR.stroke_width(2)))?;
    area.present()
}

/// Horizontal bars: loss by team or by workflow, each labelled with its
/// name (shortened in the middle, so names that share a start stay apart)
/// and its cost.
pub fn bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    items: &[(String, f64)],
    currency: &str,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let shown: Vec<&(String, f64)> = items.iter().take(12).collect();
    let n = shown.len().max(1);
    let top = shown.iter().map(|i| i.1).fold(0.0, f64::max).max(1.0) * 1.15;
    let width = area.dim_in_pixel().0;
    let mut chart = ChartBuilder::on(area)
        .caption(title, caption_style())
        .margin(10)
        // Room for the last money label, centred on the axis's end.
        .margin_right(40)
        .x_label_area_size(30)
        .y_label_area_size(8)
        .build_cartesian_2d(0.0..top, 0.0..n as f64)?;
    let cur = currency.to_string();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .light_line_style(GRID)
        .x_labels(labels_across(width, 8).min(5))
        .x_label_formatter(&|v| money(*v, &cur))
        .label_style(label_style())
        .draw()?;
    for (k, (name, value)) in shown.iter().enumerate() {
        let y = (n - 1 - k) as f64;
        chart.draw_series(std::iter::once(Rectangle::new([(0.0, y + 0.15), (*value, y + 0.85)], BAR_FILL.filled())))?;
        chart
            .draw_series(std::iter::once(Rectangle::new([(0.0, y + 0.15), (*value, y + 0.85)], BAR.stroke_width(1))))?;
        let amount = money(*value, currency);
        // About 7 px a character: the name gets what the amount leaves.
        let room = (width as usize).saturating_sub(70) / 7;
        let label = format!("{}: {amount}", shorten(name, room.saturating_sub(amount.chars().count() + 2).max(12)));
        chart.draw_series(std::iter::once(Text::new(label, (top * 0.01, y + 0.5), legend_font())))?;
    }
    area.present()
}

/// Loss against outage length, for the chosen scope: (hours, cost) points,
/// with this outage's own length and cost marked.
pub fn loss_by_length<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[(f64, f64)],
    this: Option<(f64, f64)>,
    currency: &str,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let marked = this.map_or(0.0, |p| p.0);
    let right = points.iter().map(|p| p.0).fold(marked, f64::max).max(1.0);
    let top = points.iter().map(|p| p.1).chain(this.map(|p| p.1)).fold(0.0, f64::max).max(1.0) * 1.12;
    let cur = currency.to_string();
    let mut chart = ChartBuilder::on(area)
        .caption(format!("Loss against outage length ({currency})"), caption_style())
        .margin(10)
        .margin_right(24)
        .x_label_area_size(34)
        .y_label_area_size(78)
        .build_cartesian_2d(0.0..right, 0.0..top)?;
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .x_labels(labels_across(area.dim_in_pixel().0, 4))
        .x_desc("Outage length (hours)")
        .x_label_formatter(&hour_label)
        .y_label_formatter(&|v| money(*v, &cur))
        .label_style(label_style())
        .draw()?;
    chart.draw_series(LineSeries::new(points.iter().copied(), ORG.stroke_width(2)))?;
    if let Some((h, cost)) = this {
        chart.draw_series(LineSeries::new([(h, 0.0), (h, top)], PICKED.stroke_width(1)))?;
        chart.draw_series(std::iter::once(Circle::new((h, cost), 5, PICKED.filled())))?;
        // The label on the side of the marker with more room.
        let (anchor, x) =
            if h > right * 0.6 { (HPos::Right, h - right * 0.01) } else { (HPos::Left, h + right * 0.01) };
        let style = label_style().pos(Pos::new(anchor, VPos::Top));
        let text = format!("This outage: {}, {}", hours_text(h), money(cost, currency));
        chart.draw_series(std::iter::once(Text::new(text, (x, top * 0.98), style)))?;
    }
    area.present()
}

/// What the loss exceedance chart draws: both curves, the tolerance, and
/// the marks (mean, percentiles) of the curve with fallbacks.
pub struct Exceedance<'a> {
    pub with: &'a [(f64, f64)],
    pub without: &'a [(f64, f64)],
    pub tolerance: &'a [(f64, f64)],
    /// (label, annual loss): "mean", "p50", …
    pub marks: Vec<(&'static str, f64)>,
    pub currency: &'a str,
}

impl<'a> Exceedance<'a> {
    pub fn of(annual: &'a Annual, model: &'a Model) -> Exceedance<'a> {
        let w = &annual.with_fallbacks;
        Exceedance {
            with: &w.exceedance,
            without: &annual.without_fallbacks.exceedance,
            tolerance: &model.annual.tolerance,
            marks: vec![("mean", w.expected_cost), ("p50", w.median), ("p90", w.p90), ("p95", w.p95), ("p99", w.p99)],
            currency: &model.currency,
        }
    }
}

/// The loss exceedance curve as risk people draw it: annual loss on a log
/// axis (drawn as log10 on a linear one: plotters' log axis costs the page
/// more), the chance of losing more on the other; with and without the
/// fallbacks, the user's tolerance, the mean and percentiles marked.
pub fn exceedance<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, data: &Exceedance) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let (plot, key) = area.split_vertically(area.dim_in_pixel().1.saturating_sub(44));
    let xs = data.with.iter().chain(data.without).chain(data.tolerance).map(|p| p.0).filter(|&x| x > 0.0);
    let (lo, hi) = xs.fold((f64::MAX, 0.0f64), |(lo, hi), x| (lo.min(x), hi.max(x)));
    let (lo, hi) = if lo < hi { (lo.log10(), hi.log10()) } else { (0.0, 1.0) };
    let cur = data.currency.to_string();
    let mut chart = ChartBuilder::on(&plot)
        .caption(format!("Chance of losing more than this in a year ({})", data.currency), caption_style())
        .margin(10)
        .margin_right(24)
        .x_label_area_size(34)
        .y_label_area_size(52)
        .build_cartesian_2d(lo..hi, 0.0..1.0)?;
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .disable_x_mesh()
        .x_labels(0)
        .x_desc("Annual loss (log scale)")
        .y_label_formatter(&|v| percent(*v))
        .label_style(label_style())
        .draw()?;
    // Round losses on the log axis, drawn here: plotters' own ticks fall at
    // even steps of the logarithm (£6,310, £15,849).
    let (left, top) = plot.get_base_pixel();
    for tick in round_losses(lo, hi, labels_across(plot.dim_in_pixel().0, 8)) {
        chart.draw_series(LineSeries::new([(tick, 0.0), (tick, 1.0)], BLACK.mix(0.2)))?;
        let (x, y) = chart.backend_coord(&(tick, 0.0));
        let style = label_style().pos(Pos::new(HPos::Center, VPos::Top));
        plot.draw(&Text::new(money(10f64.powf(tick), &cur), (x - left, y - top + 6), style))?;
    }
    let log =
        |points: &[(f64, f64)]| points.iter().filter(|p| p.0 > 0.0).map(|&(x, p)| (x.log10(), p)).collect::<Vec<_>>();
    chart.draw_series(LineSeries::new(log(data.without), PICKED.stroke_width(2)))?;
    chart.draw_series(LineSeries::new(log(data.with), ORG.stroke_width(2)))?;
    if !data.tolerance.is_empty() {
        chart.draw_series(LineSeries::new(log(data.tolerance), TARGET.stroke_width(2)))?;
        chart.draw_series(log(data.tolerance).into_iter().map(|p| Circle::new(p, 4, TARGET.filled())))?;
    }
    let mut marks: Vec<(&str, f64)> = data.marks.iter().copied().filter(|m| m.1 > 0.0).collect();
    crate::sort::by_key(&mut marks, |m| m.1);
    // Neighbours on three rows in turn, so close marks (the mean and p50) do not overprint.
    for (k, &(label, x)) in marks.iter().enumerate() {
        let (at, row) = (x.log10(), (k % 3) as f64);
        chart.draw_series(LineSeries::new([(at, 0.0), (at, 0.06 + 0.06 * row)], INK.stroke_width(1)))?;
        let style = label_style().pos(Pos::new(HPos::Center, VPos::Bottom));
        chart.draw_series(std::iter::once(Text::new(label.to_string(), (at, 0.075 + 0.06 * row), style)))?;
    }
    let mut entries = vec![
        ("With fallbacks".to_string(), Key::Line(ORG, 2)),
        ("Without fallbacks".to_string(), Key::Line(PICKED, 2)),
    ];
    if !data.tolerance.is_empty() {
        entries.push(("Your tolerance".to_string(), Key::Line(TARGET, 2)));
    }
    legend(&key, &entries)?;
    area.present()
}

/// Log10 of round losses (1, 2 and 5 of each power of ten, or fewer
/// when the axis has room for fewer than `room` labels) between 10^lo and 10^hi.
fn round_losses(lo: f64, hi: f64, room: usize) -> Vec<f64> {
    let decades = (lo.floor() as i32)..=(hi.ceil() as i32);
    let within = |leading: &[f64]| -> Vec<f64> {
        let values = decades.clone().flat_map(|d| leading.iter().map(move |m| m.log10() + d as f64));
        values.filter(|&v| v >= lo && v <= hi).collect()
    };
    let sets: [&[f64]; 3] = [&[1.0, 2.0, 5.0], &[1.0, 3.0], &[1.0]];
    let mut ticks = Vec::new();
    for leading in sets {
        ticks = within(leading);
        if ticks.len() <= room.max(2) {
            break;
        }
    }
    if ticks.len() >= 2 {
        return ticks;
    }
    // Less than a factor of 2.5 across: every leading digit.
    within(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0])
}

fn hours_text(h: f64) -> String {
    crate::output::format::hours(h)
}

/// A name cut to `max` characters in the middle: "Support bot answ…mers (UK)".
fn shorten(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let head = (max - 1) / 2;
    let tail = max - 1 - head;
    let start: String = s.chars().take(head).collect();
    let end: String = s.chars().skip(n - tail).collect();
    format!("{start}…{end}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_spans_merge_into_their_union() {
        type Spans = Vec<(Instant, Instant)>;
        #[rustfmt::skip]
        let cases: [(Vec<Spans>, Spans); 4] = [
            (vec![], vec![]),
            (vec![vec![(1, 3), (5, 7)]], vec![(1, 3), (5, 7)]),
            // Overlapping, touching and apart.
            (vec![vec![(1, 3), (8, 9)], vec![(2, 5)], vec![(5, 6), (10, 12)]], vec![(1, 6), (8, 9), (10, 12)]),
            // One inside another.
            (vec![vec![(0, 10)], vec![(2, 3), (4, 5)]], vec![(0, 10)]),
        ];
        for (lists, expected) in cases {
            assert_eq!(union(lists.clone().into_iter()), expected, "{lists:?}");
        }
    }

    #[test]
    fn the_loss_axis_is_marked_at_round_losses() {
        let check = |from: f64, to: f64, room: usize, expect: &str| {
            let ticks = round_losses(from.log10(), to.log10(), room);
            let shown: Vec<String> = ticks.iter().map(|v| money(10f64.powf(*v), "GBP")).collect();
            assert_eq!(shown.join(" "), expect, "{from}..{to}, room for {room}");
        };
        check(5_000.0, 40_000.0, 8, "£5,000 £10,000 £20,000");
        check(300.0, 600_000.0, 8, "£300 £1,000 £3,000 £10,000 £30,000 £100,000 £300,000");
        check(300.0, 600_000.0, 4, "£1,000 £10,000 £100,000");
        check(3_100.0, 6_000.0, 8, "£4,000 £5,000 £6,000");
    }

    #[test]
    fn names_are_shortened_in_the_middle() {
        assert_eq!(shorten("Support bot answering customers (UK)", 20), "Support b…omers (UK)");
        assert_eq!(shorten("Support bot answering customers (US)", 20), "Support b…omers (US)");
        assert_eq!(shorten("Short", 20), "Short");
    }
}
