//! JSON text of the crate's own data, indented (files) or on one line
//! (links, hashes, autosaves). Both layouts go through one formatter type, so
//! each type's serialisation is compiled once, not once per layout: the
//! scenario's alone is 4 KB of code (0.8 KB of the gzipped download).

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// JSON indented by two spaces, as people read it.
pub fn pretty<T: Serialize>(value: &T) -> String {
    write(value, Layout::Indented(PrettyFormatter::new()))
}

/// JSON on one line.
pub fn compact<T: Serialize>(value: &T) -> String {
    write(value, Layout::OneLine(CompactFormatter))
}

fn write<T: Serialize>(value: &T, layout: Layout) -> String {
    let mut out = Vec::with_capacity(128);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, layout);
    // Plain structs with string keys and finite numbers: it cannot fail.
    value.serialize(&mut serializer).expect("the crate's own data always serialises");
    match String::from_utf8(out) {
        Ok(text) => text,
        Err(_) => unreachable!("serde_json writes UTF-8"),
    }
}

/// serde_json's two formatters behind one type: only the punctuation
/// between values differs; numbers and strings are written alike.
enum Layout {
    OneLine(CompactFormatter),
    Indented(PrettyFormatter<'static>),
}

/// Forwards each layout hook to the formatter in use.
macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            match self {
                Layout::OneLine(f) => f.$name(w $(, $arg)*),
                Layout::Indented(f) => f.$name(w $(, $arg)*),
            }
        }
    )*};
}

impl Formatter for Layout {
    forward! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// Byte for byte what serde_json's own two functions write.
    #[test]
    fn both_layouts_match_serde_json() {
        let cases = [
            json!({}),
            json!([]),
            json!({"a": [], "b": {}, "c": [1, 2.5, -0.0, 1e300], "d": {"e": null, "f": "x\"y"}}),
            json!([{"name": "Engineering", "days": ["mon", "tue"]}, [[1], [2, 3]], true]),
        ];
        for value in cases {
            assert_eq!(super::pretty(&value), serde_json::to_string_pretty(&value).unwrap(), "{value}");
            assert_eq!(super::compact(&value), serde_json::to_string(&value).unwrap(), "{value}");
        }
    }
}
