//! The review ([`Review`]) as one self-contained HTML file: its styles
//! inline, its charts as SVG drawn by the page's own drawing functions, no
//! external resource; it prints to a clean PDF. The page and the command
//! line write the same file.

use crate::calc::curve;
use crate::calc::engine::Engine;
use crate::calc::report::Report;
use crate::input::model::Model;
use crate::input::scenario::plain_text;
use crate::output::charts::{self, ChartData};
use crate::output::file::Source;
use crate::output::portable::svg;
use crate::output::review::{Block, Review};
use crate::output::table::Table;
use crate::time::zones::Zone;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2937;\
max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}h1{font-size:1.6rem}h2{font-size:1.2rem;\
margin-top:2rem;border-bottom:1px solid #d1d5db}.summary{font-size:1.05rem;background:#f3f4f6;padding:.75rem 1rem;\
border-radius:6px}table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1rem}th,td{border-bottom:\
1px solid #d1d5db;padding:.25rem .4rem;text-align:left;vertical-align:top}thead th{background:#f3f4f6}td.num,th.num\
{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1rem 0;break-inside:avoid}figure svg{width:100%;\
height:auto;display:block}figcaption{font-size:.9rem;color:#4b5563}a{color:#1d4ed8;word-break:break-all}\
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}";

/// Text as inert HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in plain_text(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl Table {
    pub fn html(&self) -> String {
        let cell = |tag: &str, k: usize, text: &str| {
            let class = if self.numeric.get(k).copied().unwrap_or(false) { " class=\"num\"" } else { "" };
            format!("<{tag}{class}>{}</{tag}>", esc(text))
        };
        let head: String = self.headers.iter().enumerate().map(|(k, h)| cell("th", k, h)).collect();
        let mut s = format!("<table><thead><tr>{head}</tr></thead><tbody>");
        for row in &self.rows {
            s.push_str("<tr>");
            s.extend(row.iter().enumerate().map(|(k, c)| cell("td", k, c)));
            s.push_str("</tr>");
        }
        s + "</tbody></table>\n"
    }
}

/// The charts, as the page draws them: each an SVG with a caption.
fn charts_html(report: &Report, model: &Model, zone: Zone) -> String {
    const SIZE: (u32, u32) = (720, 320);
    let data = ChartData::new(report, model, zone);
    // The workflow compared is the hardest hit, as on the page.
    let worst = report.workflows.iter().max_by(|a, b| a.cost.total_cmp(&b.cost));
    let start = data.start;
    let picked = worst.map(|w| {
        let steps: Vec<(f64, f64)> = w.residual.iter().map(|s| (crate::time::hours(s.at - start), s.value)).collect();
        (w.name.clone(), steps)
    });
    let own = report.window.as_ref().map(|w| (w.hours, report.totals.cost));
    let points = curve::points(&Engine::new(model), own.map_or(0.0, |o| o.0));
    let xy: Vec<(f64, f64)> = points.iter().map(|p| (p.hours, p.cost)).collect();
    let figures = [
        (
            svg(SIZE, |a| drop(charts::residual(a, &data, picked.as_ref().map(|(n, s)| (n.as_str(), s))))),
            "Residual functionality over time",
        ),
        (svg(SIZE, |a| drop(charts::cost(a, &data))), "Cost accumulating over time"),
        (svg(SIZE, |a| drop(charts::bars(a, "Loss by team", &data.by_team, &data.currency))), "Loss by team"),
        (
            svg(SIZE, |a| drop(charts::bars(a, "Loss by workflow", &data.by_workflow, &data.currency))),
            "Loss by workflow",
        ),
        (
            svg(SIZE, |a| drop(charts::loss_by_length(a, &xy, own, &data.currency))),
            "Loss against outage length, this outage marked",
        ),
    ];
    let mut s = String::new();
    for (picture, caption) in figures {
        s.push_str(&format!("<figure>{}<figcaption>{}</figcaption></figure>\n", picture.trim(), esc(caption)));
    }
    s
}

fn block(b: &Block, charts: &str) -> String {
    match b {
        Block::Paragraph(text) => format!("<p>{}</p>\n", esc(text)),
        Block::List(items) => {
            format!("<ul>{}</ul>\n", items.iter().map(|i| format!("<li>{}</li>", esc(i))).collect::<String>())
        }
        Block::Table(t) if t.rows.is_empty() => "<p>None.</p>\n".into(),
        Block::Table(t) => t.html(),
        Block::Charts => charts.to_string(),
        // Only a web address becomes a link (a base given to the CLI could be anything).
        Block::Link(link) if link.starts_with("https://") || link.starts_with("http://") => {
            format!("<p>Open these inputs again: <a href=\"{0}\">{0}</a></p>\n", esc(link))
        }
        Block::Link(fragment) => {
            format!("<p>Open these inputs again: add <code>{}</code> to the app's address.</p>\n", esc(fragment))
        }
    }
}

/// The HTML report for a risk review. `model` is the scenario validated (the
/// charts need its incidents and calendars); `variants` as for the Markdown one.
pub fn review_html(
    source: Source,
    report: &Report,
    model: &Model,
    annual: Option<&crate::calc::annual::Annual>,
    variants: &[crate::calc::compare::VariantFigures],
) -> String {
    let review = Review::build(source, report, annual.map(|a| (model, a)), variants);
    let charts = charts_html(report, model, source.zone);
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{0}</title><style>{STYLE}</style></head><body>\n\
         <h1>{0}</h1>\n<p class=\"summary\">{1}</p>\n",
        esc(&review.title),
        esc(&review.summary)
    );
    for section in &review.sections {
        s.push_str(&format!("<h2>{}</h2>\n", esc(&section.title)));
        s.extend(section.blocks.iter().map(|b| block(b, &charts)));
    }
    s + "</body></html>\n"
}
