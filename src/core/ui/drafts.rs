//! Typed drafts: what the user typed into a number field that is not (yet)
//! a number, kept by the field's path so that it survives a reload, and
//! moved with its row when rows are removed or reordered.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowChange {
    Removed(usize),
    Swapped(usize, usize),
    /// A row inserted at this place (a duplicated team): the rows from it on move down.
    Inserted(usize),
}

/// Where a draft at `path` goes when rows of `list` change; `None` drops it.
pub fn remap_path(path: &str, list: &str, change: RowChange) -> Option<String> {
    let Some(rest) = path.strip_prefix(list).and_then(|r| r.strip_prefix('[')) else {
        return Some(path.to_string());
    };
    let close = rest.find(']')?;
    let index: usize = rest[..close].parse().ok()?;
    let tail = &rest[close + 1..];
    let new = match change {
        RowChange::Removed(r) if index == r => return None,
        RowChange::Removed(r) if index > r => index - 1,
        RowChange::Swapped(a, b) if index == a => b,
        RowChange::Swapped(a, b) if index == b => a,
        RowChange::Inserted(at) if index >= at => index + 1,
        _ => index,
    };
    Some(format!("{list}[{new}]{tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_follow_their_rows() {
        use RowChange::*;
        #[rustfmt::skip]
        let cases: &[(&str, &str, RowChange, Option<&str>)] = &[
            ("teams[2].headcount", "teams", Removed(2), None),
            ("teams[3].headcount", "teams", Removed(2), Some("teams[2].headcount")),
            ("teams[1].headcount", "teams", Removed(2), Some("teams[1].headcount")),
            ("workflows[0].fallbacks[1].coverage", "workflows[0].fallbacks", Swapped(1, 0), Some("workflows[0].fallbacks[0].coverage")),
            ("workflows[0].fallbacks[0].coverage", "workflows[0].fallbacks", Swapped(1, 0), Some("workflows[0].fallbacks[1].coverage")),
            ("workflows[1].fallbacks[0].coverage", "workflows[0].fallbacks", Removed(0), Some("workflows[1].fallbacks[0].coverage")),
            ("workflows[10].share", "workflows", Removed(1), Some("workflows[9].share")),
            ("outage.incidents[0].severity", "teams", Removed(0), Some("outage.incidents[0].severity")),
            ("target", "teams", Removed(0), Some("target")),
            ("teams[x].headcount", "teams", Removed(0), None),
            ("teams[1].headcount", "teams", Inserted(1), Some("teams[2].headcount")),
            ("teams[0].headcount", "teams", Inserted(1), Some("teams[0].headcount")),
        ];
        for &(path, list, change, expected) in cases {
            assert_eq!(remap_path(path, list, change).as_deref(), expected, "{path} in {list}, {change:?}");
        }
    }
}
