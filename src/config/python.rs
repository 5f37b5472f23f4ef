//! `[python]`: where the page's Python runtime (Pyodide) comes from: its official CDN (the
//! default) or a local copy of the npm package, copied into the site so it runs offline.

use std::path::PathBuf;

use serde::Deserialize;

/// `[python]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct PythonConfig {
    /// `"cdn"`, or a folder holding the npm package's files (relative to `book.toml`).
    /// Default: `"cdn"`.
    pub runtime: Runtime,
}

/// Where the runtime's files come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Runtime {
    /// Pyodide's CDN, for the pinned version, each file checked by its integrity hash.
    #[default]
    Cdn,
    /// A folder of the npm package (`node_modules/pyodide`), copied into the site.
    Local(PathBuf),
}

impl Runtime {
    /// Reads the value of `runtime`: `cdn`, or a folder.
    pub fn parse(text: &str) -> Option<Runtime> {
        match text.trim() {
            "" => None,
            "cdn" => Some(Runtime::Cdn),
            folder => Some(Runtime::Local(PathBuf::from(folder))),
        }
    }
}

impl<'de> Deserialize<'de> for Runtime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Runtime::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(
                "the runtime is empty: write \"cdn\", or the folder of the npm package `pyodide` (such as \"node_modules/pyodide\")",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdn_is_the_default_and_a_folder_is_a_local_runtime() {
        assert_eq!(PythonConfig::default().runtime, Runtime::Cdn);
        assert_eq!(Runtime::parse("cdn"), Some(Runtime::Cdn));
        assert_eq!(
            Runtime::parse("node_modules/pyodide"),
            Some(Runtime::Local(PathBuf::from("node_modules/pyodide")))
        );
        assert_eq!(Runtime::parse("  "), None);
    }
}
