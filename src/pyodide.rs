//! The page's Python runtime (Pyodide) as files of the site: with `[python] runtime = FOLDER`,
//! the four files a run needs, each gzipped in a data script that registers its bytes, so the
//! site runs Python from `file://` too (see docs/content/running-code.md, "In the browser").

use std::hash::{Hash, Hasher};
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::{CONFIG_FILE, Config, Runtime};
use crate::diagnostics::{Diagnostic, display_path};
use crate::packed::{Effort, gzip_base64};

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
    let b64 = gzip_base64(bytes, Effort::Smallest);
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
    read_all(config, Named::Config, &config.root.join(folder))
}

/// The files the single-file export embeds with `--with-python [FOLDER]`: from FOLDER, else
/// from `[python] runtime`'s folder, and Prepbook's exercise runner. With neither, an error
/// that says how to give one.
pub fn export_files(
    config: &Config,
    folder: Option<&Path>,
) -> Result<Vec<(&'static str, Vec<u8>)>, Diagnostic> {
    let mut files = match (folder, &config.python.runtime) {
        (Some(dir), _) => read_all(config, Named::Flag, dir)?,
        (None, Runtime::Local(dir)) => read_all(config, Named::Config, &config.root.join(dir))?,
        (None, Runtime::Cdn) => {
            return Err(Diagnostic::error(
                display_path(&config.root.join(CONFIG_FILE)),
                "--with-python embeds the Python runtime's files, but `[python] runtime` is the CDN",
            )
            .with_hint(
                "name the folder of the npm package: `--with-python node_modules/pyodide` (after `npm install pyodide`)",
            ));
        }
    };
    files.push((
        "exercise_runner.py",
        crate::testing::RUNNER.as_bytes().to_vec(),
    ));
    Ok(files)
}

fn read_all(
    config: &Config,
    named: Named,
    dir: &Path,
) -> Result<Vec<(&'static str, Vec<u8>)>, Diagnostic> {
    let mut files = Vec::with_capacity(FILES.len());
    for name in FILES {
        files.push((name, read(config, named, dir, name)?));
    }
    Ok(files)
}

/// Writes the runtime's description and the exercise runner's data script into the site through `write(path in the site,
/// bytes)`, and with a local runtime its files' data scripts. A missing file is an error at
/// `book.toml`.
pub fn write(config: &Config, write: &dyn Fn(&str, &[u8])) -> Result<(), Diagnostic> {
    let files = local_files(config)?;
    let scripts: Vec<(&str, String)> = files
        .par_iter()
        .map(|(name, bytes)| (*name, cached_script(config, name, bytes)))
        .collect();
    for (name, script) in scripts {
        write(&format!("{DIR}/{name}.js"), script.as_bytes());
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

/// The data script of a runtime file, from the cache folder when an earlier build made it from
/// the same bytes: compressing the 12 MB runtime at the best level takes seconds, and the files
/// change only with a new version. The cache is an optimisation: when it cannot be read or
/// written, the script is made afresh.
fn cached_script(config: &Config, name: &str, bytes: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    let dir = config.cache_dir();
    let path = dir.join(format!("python-{name}-{:016x}.js", hasher.finish()));
    let prefix = format!("PrepbookData.register(\"python\", \"{name}\", \"");
    if let Ok(text) = std::fs::read_to_string(&path)
        && text.starts_with(&prefix)
        && text.ends_with("\");\n")
    {
        return text;
    }
    let script = data_script(name, bytes);
    // Older versions of the same file go; the new one is written beside, then renamed.
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let old = format!("python-{name}-");
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&old) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    if std::fs::create_dir_all(&dir).is_ok() {
        let tmp = crate::scratch::beside(&path);
        if std::fs::write(&tmp, &script).is_ok() {
            let _ = std::fs::rename(&tmp, &path);
        }
        let _ = std::fs::remove_file(&tmp);
    }
    script
}

/// Where a runtime folder was named, for its diagnostics.
#[derive(Clone, Copy)]
enum Named {
    Config,
    Flag,
}

fn read(config: &Config, named: Named, dir: &Path, name: &str) -> Result<Vec<u8>, Diagnostic> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|e| {
        let (at, by, other) = match named {
            Named::Config => (
                display_path(&config.root.join(CONFIG_FILE)),
                "`[python] runtime`",
                "or write `runtime = \"cdn\"`",
            ),
            Named::Flag => (
                std::path::PathBuf::from("export"),
                "--with-python",
                "or name another folder",
            ),
        };
        Diagnostic::error(
            at,
            format!(
                "{by} names `{}`, but `{}` cannot be read: {e}",
                display_path(dir).display(),
                display_path(&path).display()
            ),
        )
        .with_hint(format!(
            "install the runtime there (`npm install pyodide` writes node_modules/pyodide), {other}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let raw = crate::packed::unpack(b64).expect("gzip in base64");
        assert_eq!(raw, b"PK the stdlib");
    }
}
