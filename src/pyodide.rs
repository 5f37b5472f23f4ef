//! The page's Python runtime (Pyodide) as files of the site: with `[python] runtime = FOLDER`,
//! the four files a run needs, each gzipped in a data script that registers its bytes, so the
//! site runs Python from `file://` too (see docs/content/running-code.md, "In the browser").

use std::io::Write;
use std::path::Path;

use base64::Engine;
use flate2::Compression;
use flate2::write::GzEncoder;

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

/// Writes the local runtime's data scripts and the exercise runner's into the site through
/// `write(path in the site, bytes)`. Nothing with the CDN runtime. A missing file is an error
/// at `book.toml`.
pub fn write(config: &Config, write: &dyn Fn(&str, &[u8])) -> Result<(), Diagnostic> {
    let Runtime::Local(folder) = &config.python.runtime else {
        return Ok(());
    };
    let dir = config.root.join(folder);
    let mut files = Vec::with_capacity(FILES.len());
    for name in FILES {
        files.push((name, read(config, &dir, name)?));
    }
    for (name, bytes) in files {
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
