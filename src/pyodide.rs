//! The page's Python runtime (Pyodide) as files of the site: with `[python] runtime = FOLDER`,
//! the four files a run needs, each gzipped in a data script that registers its bytes, so the
//! site runs Python from `file://` too (see docs/content/running-code.md, "In the browser").

use std::io::Write;
use std::path::Path;

use base64::Engine;
use flate2::Compression;
use flate2::write::GzEncoder;
use serde::Serialize;

use crate::config::{CONFIG_FILE, Config, Runtime};
use crate::diagnostics::{Diagnostic, display_path};

/// The npm package's files a run needs, in the order the page's script asks for them.
pub const FILES: [&str; 4] = [
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
];

/// The site folder the data scripts go in: `static/python/NAME.js`.
pub const DIR: &str = "static/python";

/// A script that registers `bytes`, gzipped and in base64, as the runtime file `name` with the
/// theme's data registry (themes/default/static/data.js).
pub fn data_script(name: &str, bytes: &[u8]) -> String {
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    // Writing to memory cannot fail.
    let _ = gz.write_all(bytes);
    let packed = gz.finish().unwrap_or_default();
    let b64 = base64::engine::general_purpose::STANDARD.encode(packed);
    format!("PrepbookData.register(\"python\", \"{name}\", \"{b64}\");\n")
}

/// The CDN's list (src/runnable/pyodide_cdn.txt).
const CDN_LIST: &str = include_str!("runnable/pyodide_cdn.txt");

/// Where the pages' runtime comes from, as the site's `static/python/runtime.js` tells the
/// page's script (and the template, to say so beside the Run button).
#[derive(Debug, Clone, Serialize)]
pub struct PageRuntime {
    /// `cdn`, `local` (data scripts in static/python/) or `embedded` (the export's own data).
    pub runtime: &'static str,
    /// The CDN's folder of the pinned version.
    pub cdn: &'static str,
    /// `{"file": "sha384-..."}` for the CDN's files.
    pub integrity: serde_json::Map<String, serde_json::Value>,
}

impl PageRuntime {
    /// The runtime a built site's pages use.
    pub fn of(config: &Config) -> PageRuntime {
        let runtime = match config.python.runtime {
            Runtime::Cdn => "cdn",
            Runtime::Local(_) => "local",
        };
        PageRuntime::with(runtime)
    }

    /// The runtime the single-file export carries inside it.
    pub fn embedded() -> PageRuntime {
        PageRuntime::with("embedded")
    }

    fn with(runtime: &'static str) -> PageRuntime {
        let (cdn, hashes) = cdn();
        PageRuntime {
            runtime,
            cdn,
            integrity: hashes
                .into_iter()
                .map(|(name, hash)| (name.to_string(), hash.into()))
                .collect(),
        }
    }

    /// The script that registers this description: `static/python/runtime.js`.
    pub fn script(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        format!("PrepbookData.register(\"python\", \"runtime\", {json});\n")
    }
}

/// The CDN's folder for the pinned version and each file's integrity hash.
pub fn cdn() -> (&'static str, Vec<(&'static str, &'static str)>) {
    let mut url = "";
    let mut hashes = Vec::new();
    for line in CDN_LIST.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some((key, value)) = line.split_once(' ') {
            if key == "url" {
                url = value.trim();
            } else {
                hashes.push((key, value.trim()));
            }
        }
    }
    (url, hashes)
}

/// The files of the runtime as `(name, bytes)`, read from `[python] runtime`'s folder; none
/// with the CDN. A missing file is an error at `book.toml`.
pub fn local_files(config: &Config) -> Result<Vec<(&'static str, Vec<u8>)>, Diagnostic> {
    let Runtime::Local(folder) = &config.python.runtime else {
        return Ok(Vec::new());
    };
    let dir = config.root.join(folder);
    let mut files = Vec::with_capacity(FILES.len());
    for name in FILES {
        files.push((name, read(config, &dir, name)?));
    }
    Ok(files)
}

/// Writes the runtime's description and the exercise runner's data script into the site through `write(path in the site,
/// bytes)`, and with a local runtime its files' data scripts. A missing file is an error at
/// `book.toml`.
pub fn write(config: &Config, write: &dyn Fn(&str, &[u8])) -> Result<(), Diagnostic> {
    for (name, bytes) in local_files(config)? {
        write(
            &format!("{DIR}/{name}.js"),
            data_script(name, &bytes).as_bytes(),
        );
    }
    let runner = crate::testing::RUNNER.as_bytes();
    write(
        &format!("{DIR}/exercise_runner.py.js"),
        data_script("exercise_runner.py", runner).as_bytes(),
    );
    write(
        &format!("{DIR}/runtime.js"),
        PageRuntime::of(config).script().as_bytes(),
    );
    Ok(())
}

fn read(config: &Config, dir: &Path, name: &str) -> Result<Vec<u8>, Diagnostic> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|e| {
        Diagnostic::error(
            display_path(&config.root.join(CONFIG_FILE)),
            format!(
                "`[python] runtime` names `{}`, but `{}` cannot be read: {e}",
                display_path(dir).display(),
                display_path(&path).display()
            ),
        )
        .with_hint(
            "install the runtime there (`npm install pyodide` writes node_modules/pyodide), or write `runtime = \"cdn\"`",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_cdn_list_names_the_pinned_folder_and_a_hash_for_each_file() {
        let (url, hashes) = cdn();
        assert!(
            url.starts_with("https://cdn.jsdelivr.net/pyodide/v"),
            "{url}"
        );
        assert!(url.ends_with("/full/"), "{url}");
        let names: Vec<&str> = hashes.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, FILES);
        for (name, hash) in hashes {
            assert!(
                hash.starts_with("sha384-") && hash.len() == 71,
                "{name}: {hash}"
            );
        }
    }

    #[test]
    fn a_data_script_registers_the_gzipped_bytes() {
        let script = data_script("python_stdlib.zip", b"PK the stdlib");
        let b64 = script
            .strip_prefix("PrepbookData.register(\"python\", \"python_stdlib.zip\", \"")
            .and_then(|s| s.strip_suffix("\");\n"))
            .expect("one registration call");
        let packed = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .expect("base64");
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_end(&mut raw)
            .expect("gzip");
        assert_eq!(raw, b"PK the stdlib");
    }
}
