//! The one table view: a results table, a chart's numbers or the dependency
//! map, from the core's `output::table::Table`.

use leptos::prelude::*;

use crate::output::table::Table;

/// A results table; the first column names the row. The same rows as the
/// Markdown report's (`output::table`).
#[component]
pub fn DataTable(#[prop(into)] id: String, table: Table) -> impl IntoView {
    let (of, ranked) = (table.of, table.ranked);
    let numeric = table.numeric.clone();
    let down = table.down.clone();
    let shown = table.rows.len();
    let label = format!("Table: {}", table.headers.first().map(String::as_str).unwrap_or(""));
    // Each cell carries its column's name: on a phone a row stacks as "name: value" lines.
    let headers = table.headers.clone();
    view! {
        // Focusable, so a keyboard can scroll it where it does not fit.
        <div class="table-scroll" tabindex="0" role="region" aria-label=label><table id=id class="stack">
            <thead><tr>{table.headers.into_iter().zip(numeric.clone()).zip(down.clone()).map(|((h, n), d)| view! {
                <th scope="col" class:num=n class:down=d>{h}</th>
            }).collect_view()}</tr></thead>
            <tbody>{table.rows.into_iter().map(|mut row| {
                let (numeric, down, headers) = (numeric.clone(), down.clone(), headers.clone());
                let rest = row.split_off(1.min(row.len()));
                view! { <tr>
                    <th scope="row">{row.pop()}</th>
                    {rest.into_iter().zip(numeric.into_iter().zip(down).zip(headers).skip(1)).map(|(cell, ((n, d), h))| view! { <td class:num=n class:down=d data-label=h>{cell}</td> }).collect_view()}
                </tr> }
            }).collect_view()}</tbody>
        </table></div>
        {(of > shown).then(|| view! { <p class="hint">{format!("The {shown} of {of} {ranked}; the exports hold them all.")}</p> })}
    }
}
