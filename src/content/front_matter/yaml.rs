//! The YAML layer of front matter: the mapping read with serde-saphyr as (key, value) pairs in
//! source order, each with its position, and a YAML syntax error turned into a diagnostic at
//! its line in the file, with a hint (naming a bracket left open, when one is: [`brackets`]).

use std::fmt;
use std::path::Path;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use serde_saphyr::Spanned;

use super::brackets;
use crate::diagnostics::Diagnostic;

/// One `key: value` of the front matter, each with the position it was written at.
pub type Entry = (Spanned<String>, Spanned<Value>);

/// The front-matter mapping in source order, each key and value with its position.
struct Entries(Vec<(Spanned<String>, Spanned<Value>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of keys to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let value = map.next_value::<Spanned<Value>>()?;
                    entries.push((key, value));
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(EntriesVisitor)
    }
}

/// The entries of `yaml`, the front matter of `text` (the whole file) starting after its line
/// `line0`; or the syntax error, as a diagnostic pointed at its line of `text`.
pub fn entries(
    yaml: &str,
    text: &str,
    line0: usize,
    path: &Path,
) -> Result<Vec<Entry>, Diagnostic> {
    match serde_saphyr::from_str::<Entries>(yaml) {
        Ok(Entries(entries)) => Ok(entries),
        Err(e) => {
            let (line, col) = e
                .location()
                .map(|l| (l.line() as usize, l.column() as usize))
                .unwrap_or((1, 1));
            let message = strip_location(&e.without_snippet().to_string());
            // A bracket left open before the error is why the parser stumbled there.
            let hint = match brackets::unclosed(yaml).filter(|o| (o.line, o.column) <= (line, col))
            {
                Some(open) => open.hint(line0),
                None => yaml_hint(&message),
            };
            Err(
                Diagnostic::error(path, format!("invalid YAML in front matter: {message}"))
                    .at(text, line0 + line, col, 1)
                    .with_hint(hint),
            )
        }
    }
}

fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn yaml_hint(message: &str) -> String {
    if message.contains("quoted scalar") {
        "a quoted value is not closed: check the quotes on this line and the lines above".into()
    } else if message.contains("duplicate mapping key") {
        "each key may appear once; remove one of them".into()
    } else if message.contains("mapping start") {
        "front matter must be `key: value` lines".into()
    } else if message.contains("mapping values are not allowed") {
        "a value that contains `: ` must be quoted, e.g. `title: \"Python: why?\"`".into()
    } else {
        "check quoting and indentation; values with `:`, `#` or `[` need quotes".into()
    }
}
