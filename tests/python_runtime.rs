//! The page's Python runtime as files of the site: with `[python] runtime = FOLDER` the build
//! writes each runtime file as a data script that registers its gzipped bytes (what the page's
//! `python.js` reads, from `file://` too); a folder that lacks a file is an error at `book.toml`;
//! the default (the CDN) writes none. The folder here holds small stand-ins for the npm files,
//! so the test needs no npm install; tests/browser runs the real runtime.

mod common;

use std::io::Read;

use base64::Engine;
use common::*;
use sha2::Digest;

const FILES: [&str; 4] = [
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
];

/// The bytes a data script registers under `name`.
fn registered(script: &str, name: &str) -> Vec<u8> {
    let prefix = format!("PrepbookData.register(\"python\", \"{name}\", \"");
    let b64 = script
        .strip_prefix(&prefix)
        .and_then(|s| s.strip_suffix("\");\n"))
        .unwrap_or_else(|| panic!("not one registration of {name}: {script:.80}"));
    let packed = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64");
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&packed[..])
        .read_to_end(&mut raw)
        .expect("gzip");
    raw
}

/// A guide of the `basic` fixture whose book.toml names a folder of stand-in runtime files.
fn guide_with_local_runtime() -> tempfile::TempDir {
    let dir = fixture("basic");
    let runtime = dir.path().join("vendor/pyodide");
    std::fs::create_dir_all(&runtime).expect("mkdir");
    for name in FILES {
        std::fs::write(runtime.join(name), format!("the bytes of {name}")).expect("write");
    }
    let config = dir.path().join("book.toml");
    let mut text = std::fs::read_to_string(&config).expect("read");
    text.push_str("\n[python]\nruntime = \"vendor/pyodide\"\n");
    std::fs::write(&config, text).expect("write");
    dir
}

#[test]
fn a_local_runtime_is_copied_into_the_site_as_data_scripts() {
    let dir = guide_with_local_runtime();
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    for name in FILES {
        let script = site.read(&format!("static/python/{name}.js"));
        assert_eq!(
            registered(&script, name),
            format!("the bytes of {name}").into_bytes()
        );
    }
    let runner = site.read("static/python/exercise_runner.py.js");
    let runner = String::from_utf8(registered(&runner, "exercise_runner.py")).expect("utf-8");
    assert!(
        runner.contains("def run_exercise(code, tests"),
        "{runner:.200}"
    );
}

#[test]
fn a_runtime_folder_that_lacks_a_file_fails_the_build_at_book_toml() {
    let dir = fixture("basic");
    let runtime = dir.path().join("vendor/pyodide");
    std::fs::create_dir_all(&runtime).expect("mkdir");
    std::fs::write(runtime.join("pyodide.mjs"), "only the loader").expect("write");
    let config = dir.path().join("book.toml");
    let mut text = std::fs::read_to_string(&config).expect("read");
    text.push_str("\n[python]\nruntime = \"vendor/pyodide\"\n");
    std::fs::write(&config, text).expect("write");
    let out = prepbook(dir.path())
        .args(["build", "--no-cache"])
        .env("NO_COLOR", "1")
        .output()
        .expect("run prepbook");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("book.toml") && stderr.contains("pyodide.asm.mjs"),
        "{stderr}"
    );
    assert!(stderr.contains("npm install pyodide"), "{stderr}");
}

#[test]
fn the_cdn_runtime_writes_only_its_description_and_the_exercise_runner() {
    let dir = fixture("basic");
    build_ok(dir.path());
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("book/static/python"))
        .expect("static/python")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["exercise_runner.py.js", "runtime.js"]);
    let script = Site::new(dir.path().join("book")).read("static/python/runtime.js");
    let json = script
        .strip_prefix("PrepbookData.register(\"python\", \"runtime\", ")
        .and_then(|s| s.strip_suffix(");\n"))
        .expect("one registration");
    let described: serde_json::Value = serde_json::from_str(json).expect("json");
    assert_eq!(described["runtime"], "cdn");
    let cdn = described["cdn"].as_str().expect("cdn");
    assert!(
        cdn.starts_with("https://cdn.jsdelivr.net/pyodide/v"),
        "{cdn}"
    );
    for name in FILES {
        let hash = described["integrity"][name].as_str().unwrap_or_default();
        assert!(hash.starts_with("sha384-"), "{name}: {hash}");
    }
}

/// The integrity hashes the pages check the CDN's files against are those of the pinned npm
/// package (runtime/pyodide): a version bump that forgets to recompute them fails here, not in
/// a reader's browser.
#[test]
fn the_cdn_integrity_hashes_are_those_of_the_pinned_npm_package() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let package = repo.join("runtime/pyodide/node_modules/pyodide");
    if !require(
        package.join("package.json").exists(),
        "runtime/pyodide/node_modules (cd runtime/pyodide && npm ci)",
    ) {
        return;
    }
    let pinned: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo.join("runtime/pyodide/package.json")).expect("package.json"),
    )
    .expect("json");
    let version = pinned["dependencies"]["pyodide"].as_str().expect("version");
    let list = std::fs::read_to_string(repo.join("src/runnable/pyodide_cdn.txt")).expect("list");
    assert!(
        list.contains(&format!("/pyodide/v{version}/full/")),
        "the CDN folder is not that of version {version}"
    );
    for name in FILES {
        let bytes = std::fs::read(package.join(name)).expect("npm file");
        let digest = sha2::Sha384::digest(&bytes);
        let hash = format!(
            "sha384-{}",
            base64::engine::general_purpose::STANDARD.encode(digest)
        );
        assert!(
            list.contains(&format!("{name} {hash}")),
            "{name}: the list lacks {hash}"
        );
    }
}

/// The text of the export's data block `name`, or None.
fn data_block(html: &str, name: &str) -> Option<String> {
    let start = format!("data-name=\"{name}\">");
    let at = html.find(&start)? + start.len();
    let end = html[at..].find("</script>")?;
    Some(html[at..at + end].trim().to_string())
}

#[test]
fn export_with_python_embeds_the_runtime_and_without_it_offers_no_run() {
    let dir = guide_with_local_runtime();
    let out = prepbook(dir.path())
        .args(["export", "--with-python", "-o", "with.html"])
        .output()
        .expect("run prepbook");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(dir.path().join("with.html")).expect("export");
    for name in FILES.iter().chain(["exercise_runner.py"].iter()) {
        let b64 = data_block(&html, &format!("python:{name}"))
            .unwrap_or_else(|| panic!("no block for {name}"));
        let script = format!("PrepbookData.register(\"python\", \"{name}\", \"{b64}\");\n");
        let bytes = registered(&script, name);
        if *name == "exercise_runner.py" {
            assert!(String::from_utf8_lossy(&bytes).contains("def run_exercise("));
        } else {
            assert_eq!(bytes, format!("the bytes of {name}").into_bytes());
        }
    }
    assert!(
        html.contains("window.PrepbookPython"),
        "python.js is not inlined"
    );
    assert!(data_block(&html, "python:runtime").is_some());

    let out = prepbook(dir.path())
        .args(["export", "-o", "without.html"])
        .output()
        .expect("run prepbook");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plain = std::fs::read_to_string(dir.path().join("without.html")).expect("export");
    assert!(
        !plain.contains("python:"),
        "a runtime block without --with-python"
    );
    assert!(
        !plain.contains("window.PrepbookPython"),
        "python.js without --with-python"
    );
    assert!(plain.len() * 2 < html.len() || html.len() > plain.len() + 100);
}

#[test]
fn export_with_python_and_the_cdn_runtime_asks_for_a_folder() {
    let dir = fixture("basic");
    let out = prepbook(dir.path())
        .args(["export", "--with-python", "-o", "x.html"])
        .env("NO_COLOR", "1")
        .output()
        .expect("run prepbook");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("--with-python node_modules/pyodide"),
        "{stderr}"
    );
    assert!(!dir.path().join("x.html").exists(), "an export was written");
}

#[test]
fn the_compressed_runtime_is_reused_from_the_cache_while_its_files_are_unchanged() {
    let dir = guide_with_local_runtime();
    build_ok(dir.path());
    let cache = dir.path().join(".prepbook-cache");
    let cached = |name: &str| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&cache)
            .expect("cache")
            .map(|e| e.expect("entry").path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&format!("python-{name}-")))
            })
            .collect()
    };
    let first = cached("pyodide.asm.wasm");
    assert_eq!(first.len(), 1, "{first:?}");
    // A cached script that differs from a fresh one would show in the site: mark it.
    let marked = std::fs::read_to_string(&first[0])
        .expect("read")
        .replace("PrepbookData.register(", "PrepbookData.register( ");
    std::fs::write(&first[0], &marked).expect("write");
    let again = |dir: &std::path::Path| {
        let out = prepbook(dir)
            .args(["build", "--no-cache"])
            .output()
            .expect("run prepbook");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Site::new(dir.join("book")).read("static/python/pyodide.asm.wasm.js")
    };
    // A damaged entry (no longer a registration of the file) is made afresh.
    assert!(again(dir.path()).starts_with("PrepbookData.register(\"python\""));
    // A new version of the file replaces its cache entry.
    std::fs::write(
        dir.path().join("vendor/pyodide/pyodide.asm.wasm"),
        "a newer wasm",
    )
    .expect("write");
    let site = again(dir.path());
    assert_eq!(registered(&site, "pyodide.asm.wasm"), b"a newer wasm");
    let now = cached("pyodide.asm.wasm");
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now, first);
}
