//! The review ([`Review`]) as Markdown: for a wiki, a ticket or a pull
//! request. Every piece of text from the scenario is made inert.

use crate::calc::annual::Annual;
use crate::calc::compare::VariantFigures;
use crate::calc::report::Report;
use crate::input::model::Model;
use crate::input::scenario::plain_text;
use crate::output::file::Source;
use crate::output::review::{Block, Review, Section};
use crate::output::table::Table;

impl Table {
    pub fn markdown(&self) -> String {
        let line = |cells: &[String]| format!("| {} |\n", cells.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | "));
        let rule: Vec<String> = self.numeric.iter().map(|&n| if n { "---:" } else { "---" }.to_string()).collect();
        let mut s = line(&self.headers);
        s.push_str(&format!("|{}|\n", rule.join("|")));
        for row in &self.rows {
            s.push_str(&line(row));
        }
        s
    }
}

/// Text as inert Markdown: it can make no heading, list, link, image,
/// emphasis, table cell or HTML, however it is written. Markdown's own
/// punctuation is escaped; controls are dropped ([`plain_text`]).
pub(crate) fn inert(text: &str) -> String {
    md(text)
}

fn md(text: &str) -> String {
    let text = plain_text(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '!' | '#' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn block(b: &Block) -> String {
    match b {
        Block::Paragraph(text) => format!("{}\n\n", md(text)),
        Block::List(items) => items.iter().map(|i| format!("- {}\n", md(i))).collect::<String>() + "\n",
        Block::Table(t) if t.rows.is_empty() => "None.\n\n".into(),
        Block::Table(t) => t.markdown() + "\n",
        Block::Charts => "The charts are in the HTML report, drawn from the same figures.\n\n".into(),
        Block::Link(link)
            if (link.starts_with("https://") || link.starts_with("http://")) && !link.contains(['<', '>', ' ']) =>
        {
            format!("Open these inputs again: <{link}>\n\n")
        }
        Block::Link(fragment) => format!("Open these inputs again: add `{fragment}` to the app's address.\n\n"),
    }
}

/// A section: its heading and blocks.
pub(crate) fn section(section: &Section) -> String {
    let mut s = format!("## {}\n\n", md(&section.title));
    s.extend(section.blocks.iter().map(block));
    s
}

/// The Markdown report for a risk review (with the annual view's sections, when given).
/// `variants`: their comparison, "As is" first (none: empty).
pub fn review_markdown(
    source: Source,
    report: &Report,
    annual: Option<(&Model, &Annual)>,
    variants: &[VariantFigures],
) -> String {
    let review = Review::build(source, report, annual, variants);
    let mut s = format!("# {}\n\n{}\n\n", md(&review.title), md(&review.summary));
    for one in &review.sections {
        s.push_str(&section(one));
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}
