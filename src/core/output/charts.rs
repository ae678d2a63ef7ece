//! Charts as pure drawing functions, generic over the plotters backend: the
//! app draws them on a canvas, the tests draw them as SVG natively. Each takes
//! plain data (`ChartData`), built once from a report, which the app also
//! shows as tables for screen readers and copying.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::calc::report::Report;
use crate::output::format::{money, percent};
use crate::output::table::Table;
use crate::time::Instant;

const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
const ORG: RGBColor = RGBColor(0x1d, 0x4e, 0xd8);
const PICKED: RGBColor = RGBColor(0xb4, 0x53, 0x09);
const TARGET: RGBColor = RGBColor(0xb9, 0x1c, 0x1c);
const PHASE: RGBColor = RGBColor(0xfd, 0xe6, 0x8a);
const BAR: RGBColor = RGBColor(0x0f, 0x76, 0x6e);
/// Light fill for bars, so their dark labels keep AA contrast.
const BAR_FILL: RGBColor = RGBColor(0x99, 0xf6, 0xe4);
const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);

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
    pub organisation: Steps,
    /// Shaded spans: (from hour, to hour, label).
    pub phases: Vec<(f64, f64, String)>,
    /// (hour, cumulative cost).
    pub cost: Vec<(f64, f64)>,
    /// (team name, cost), largest first.
    pub by_team: Vec<(String, f64)>,
    /// (workflow name, cost), largest first.
    pub by_workflow: Vec<(String, f64)>,
}

impl ChartData {
    /// `incidents`: (component name, start, end) as instants.
    pub fn from_report(report: &Report, incidents: &[(String, Instant, Instant)]) -> ChartData {
        let start = report.window.as_ref().map(|w| w.start).unwrap_or(0);
        let hours = report.window.as_ref().map(|w| w.hours).unwrap_or(0.0);
        let h = |t: Instant| crate::time::hours(t - start);
        let mut by_team: Vec<(String, f64)> = report.teams.iter().map(|t| (t.name.clone(), t.cost)).collect();
        let mut by_workflow: Vec<(String, f64)> = report.workflows.iter().map(|w| (w.name.clone(), w.cost)).collect();
        largest_first(&mut by_team);
        largest_first(&mut by_workflow);
        ChartData {
            currency: report.currency.clone(),
            target: report.target,
            hours,
            organisation: report.residual.series.iter().map(|s| (h(s.at), s.value)).collect(),
            phases: incidents.iter().map(|(name, s, e)| (h(*s), h(*e), name.clone())).collect(),
            cost: report.cost_over_time.iter().map(|p| (h(p.at), p.cost)).collect(),
            by_team,
            by_workflow,
        }
    }
}

fn legend_font() -> TextStyle<'static> {
    ("sans-serif", 12).into_font().color(&INK).pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Left,
        plotters::style::text_anchor::VPos::Center,
    ))
}

/// An hour on an axis: whole hours bare, else one decimal ("2", "2.5").
fn hour_label(h: &f64) -> String {
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

fn largest_first(items: &mut [(String, f64)]) {
    items.sort_by(|a, b| b.1.total_cmp(&a.1));
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

/// The loss-by-length chart's numbers, hour by hour.
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

fn x_range(hours: f64) -> std::ops::Range<f64> {
    0.0..hours.max(0.25)
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Residual functionality over time: the organisation, optionally one picked
/// workflow, the target line, incident phases shaded.
pub fn residual<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    picked: Option<(&str, &Steps)>,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(area)
        .caption("Residual functionality over time", ("sans-serif", 16).into_font().color(&INK))
        .margin(10)
        .x_label_area_size(34)
        .y_label_area_size(46)
        .build_cartesian_2d(x_range(data.hours), 0.0..1.05f64)?;
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .x_desc("Hours since the outage started")
        .x_label_formatter(&hour_label)
        .y_desc("Functionality")
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .label_style(("sans-serif", 12).into_font().color(&INK))
        .draw()?;
    // Phases first, so the lines draw over them; overlapping phases darken.
    for (from, to, _) in &data.phases {
        chart.draw_series(std::iter::once(Rectangle::new([(*from, 0.0), (*to, 1.05)], PHASE.mix(0.35).filled())))?;
    }
    let right = data.hours.max(0.25);
    chart.draw_series(LineSeries::new([(0.0, data.target), (right, data.target)], TARGET.stroke_width(2)))?;
    chart.draw_series(LineSeries::new(staircase(&data.organisation, data.hours), ORG.stroke_width(3)))?;
    let mut legend =
        vec![(format!("Target {:.0}%", data.target * 100.0), TARGET, 2), ("Organisation".to_string(), ORG, 3)];
    if let Some((name, steps)) = picked {
        chart.draw_series(LineSeries::new(staircase(steps, data.hours), PICKED.stroke_width(2)))?;
        legend.push((name.to_string(), PICKED, 2));
    }
    // The legend, drawn with the chart's own elements (plotters' series
    // labels would add their own machinery to the page): lower right, as
    // wide as its longest label (about 7 px a character at 12 px).
    let plot_px = (area.dim_in_pixel().0 as f64 - 70.0).max(100.0);
    let label_px = legend.iter().map(|(l, _, _)| l.chars().count()).max().unwrap_or(0) as f64 * 7.0 + 36.0;
    let x = |px: f64| right * (1.0 - (label_px - px) / plot_px).clamp(0.0, 1.0);
    let row = 0.07;
    chart.draw_series(std::iter::once(Rectangle::new(
        [(x(0.0), 0.03), (right, 0.05 + row * legend.len() as f64)],
        WHITE.mix(0.9).filled(),
    )))?;
    for (k, (label, colour, width)) in legend.into_iter().enumerate() {
        let y = 0.04 + row * (k as f64 + 0.5);
        chart.draw_series(LineSeries::new([(x(6.0), y), (x(24.0), y)], colour.stroke_width(width)))?;
        chart.draw_series(std::iter::once(Text::new(label, (x(30.0), y), legend_font())))?;
    }
    area.present()
}

/// Cost accumulating over time.
pub fn cost<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, data: &ChartData) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let top = data.cost.iter().map(|p| p.1).fold(0.0, f64::max).max(1.0) * 1.08;
    let cur = data.currency.clone();
    let mut chart = ChartBuilder::on(area)
        .caption(format!("Cost accumulating ({})", data.currency), ("sans-serif", 16).into_font().color(&INK))
        .margin(10)
        .x_label_area_size(34)
        .y_label_area_size(70)
        .build_cartesian_2d(x_range(data.hours), 0.0..top)?;
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .x_desc("Hours since the outage started")
        .x_label_formatter(&hour_label)
        .y_label_formatter(&|v| money(*v, &cur))
        .label_style(("sans-serif", 12).into_font().color(&INK))
        .draw()?;
    // The area under the curve as one polygon, then the curve (the same
    // elements as the other charts: no area-series code in the page).
    let mut outline: Vec<(f64, f64)> = data.cost.clone();
    if let (Some(&(first, _)), Some(&(last, _))) = (data.cost.first(), data.cost.last()) {
        outline.extend([(last, 0.0), (first, 0.0)]);
    }
    chart.draw_series(std::iter::once(Polygon::new(outline, BAR.mix(0.2).filled())))?;
    chart.draw_series(LineSeries::new(data.cost.iter().copied(), BAR.stroke_width(2)))?;
    area.present()
}

/// Horizontal bars: loss by team or by workflow.
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
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 16).into_font().color(&INK))
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(8)
        .build_cartesian_2d(0.0..top, 0.0..n as f64)?;
    let cur = currency.to_string();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .light_line_style(GRID)
        .x_labels(4)
        .x_label_formatter(&|v| money(*v, &cur))
        .label_style(("sans-serif", 12).into_font().color(&INK))
        .draw()?;
    for (k, (name, value)) in shown.iter().enumerate() {
        let y = (n - 1 - k) as f64;
        chart.draw_series(std::iter::once(Rectangle::new([(0.0, y + 0.15), (*value, y + 0.85)], BAR_FILL.filled())))?;
        chart
            .draw_series(std::iter::once(Rectangle::new([(0.0, y + 0.15), (*value, y + 0.85)], BAR.stroke_width(1))))?;
        let label = format!("{}: {}", truncate(name, 34), money(*value, currency));
        chart.draw_series(std::iter::once(Text::new(
            label,
            (top * 0.01, y + 0.5),
            ("sans-serif", 12).into_font().color(&INK).pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
        )))?;
    }
    area.present()
}

/// Loss against outage length, for the chosen scope: (hours, cost) points.
pub fn loss_by_length<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[(f64, f64)],
    currency: &str,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let right = points.iter().map(|p| p.0).fold(1.0, f64::max);
    let top = points.iter().map(|p| p.1).fold(0.0, f64::max).max(1.0) * 1.08;
    let cur = currency.to_string();
    let mut chart = ChartBuilder::on(area)
        .caption(format!("Loss against outage length ({currency})"), ("sans-serif", 16).into_font().color(&INK))
        .margin(10)
        .x_label_area_size(34)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..right, 0.0..top)?;
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .x_desc("Outage length (hours)")
        .x_label_formatter(&hour_label)
        .y_label_formatter(&|v| money(*v, &cur))
        .label_style(("sans-serif", 12).into_font().color(&INK))
        .draw()?;
    chart.draw_series(LineSeries::new(points.iter().copied(), ORG.stroke_width(2)))?;
    area.present()
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).collect::<String>() + "…"
    }
}
