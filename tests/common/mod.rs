//! Helpers shared by the integration tests: fixture guides copied into temp dirs, the binary,
//! and a built site read back (parsed HTML, link checks).
#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use scraper::{Html, Selector};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of `tests/fixtures/<name>` in a fresh temp dir, so builds never write into the repo.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("below fixture");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// Every file of a site, by path relative to its root, with its bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Reads every file below `root`.
pub fn files(root: &Path) -> Files {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.expect("walk the site"))
        .filter(|e| e.file_type().is_file())
        .map(|e| (rel(root, e.path()), std::fs::read(e.path()).expect("read")))
        .collect()
}

/// Replaces the first `from` in the file at `path` with `to`; `from` must be there.
/// Adds `n` short questions in `content/more/` of the guide at `root`: a build patches an edit
/// only when it touches fewer than a quarter of the questions, so a small fixture needs more.
pub fn add_filler_questions(root: &Path, n: usize) {
    let more = root.join("content/more");
    std::fs::create_dir_all(&more).expect("mkdir");
    for i in 0..n {
        std::fs::write(
            more.join(format!("q{i}.md")),
            format!("---\ntitle: Question {i}?\n---\n\nAsked as number {i}.\n"),
        )
        .expect("write");
    }
}

pub fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// `prepbook` run in `dir`.
pub fn prepbook(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_prepbook"));
    cmd.current_dir(dir);
    cmd
}

/// Builds the guide in `dir` into `dir/book`, asserting success; returns (stdout, stderr).
pub fn build_ok(dir: &Path) -> (String, String) {
    let out = prepbook(dir)
        .args(["build", "--no-cache"])
        .output()
        .expect("run prepbook");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "build failed:\n{stderr}");
    (stdout, stderr)
}

/// A built site on disk.
pub struct Site {
    pub root: PathBuf,
}

impl Site {
    pub fn new(root: impl Into<PathBuf>) -> Site {
        Site { root: root.into() }
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.root.join(rel).is_file()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn doc(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    /// Every HTML file, relative to the site root.
    pub fn pages(&self) -> Vec<String> {
        let mut pages: Vec<String> = walkdir::WalkDir::new(&self.root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .map(|e| rel(&self.root, e.path()))
            .collect();
        pages.sort();
        pages
    }

    /// Every internal link, script, stylesheet and image that does not resolve to a file, or
    /// whose `#anchor` names no element in its target. `(page, target)` pairs.
    pub fn broken_links(&self) -> Vec<(String, String)> {
        let mut ids: BTreeMap<String, HashSet<String>> = BTreeMap::new();
        let mut broken = Vec::new();
        let sel = Selector::parse("a[href], link[href], script[src], img[src]").expect("selector");
        for page in self.pages() {
            if page == "404.html" || page.ends_with("/404.html") && page.matches('/').count() == 1 {
                // Served at any depth (a translation's, at any depth of its folder), so it
                // links from the site root.
                continue;
            }
            let doc = self.doc(&page);
            for el in doc.select(&sel) {
                let v = el.value();
                let target = v.attr("href").or_else(|| v.attr("src")).unwrap_or("");
                if is_external(target) {
                    continue;
                }
                let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
                let file = if path.is_empty() {
                    page.clone()
                } else {
                    match resolve(&page, &percent_decode(path)) {
                        Some(f) => f,
                        None => {
                            broken.push((page.clone(), target.to_string()));
                            continue;
                        }
                    }
                };
                if !self.root.join(&file).is_file() {
                    broken.push((page.clone(), target.to_string()));
                    continue;
                }
                if !anchor.is_empty() && file.ends_with(".html") {
                    let known = ids.entry(file.clone()).or_insert_with(|| self.ids(&file));
                    if !known.contains(&percent_decode(anchor)) {
                        broken.push((page.clone(), target.to_string()));
                    }
                }
            }
        }
        broken
    }

    fn ids(&self, page: &str) -> HashSet<String> {
        let doc = self.doc(page);
        let sel = Selector::parse("[id]").expect("selector");
        doc.select(&sel)
            .filter_map(|e| e.value().attr("id").map(str::to_string))
            .collect()
    }
}

pub fn is_external(target: &str) -> bool {
    target.is_empty()
        || target.starts_with("http://")
        || target.starts_with("https://")
        || target.starts_with("mailto:")
        || target.starts_with("data:")
        || target.starts_with("//")
}

/// Resolves a relative link from `page` (relative to the site root); `None` if it climbs out.
pub fn resolve(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for p in link.split('/') {
        match p {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .expect("below root")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Text of every element matching `css`.
pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// An attribute of every element matching `css`.
pub fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The absolute folder of the shared corpora (beside the repository), if present.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = repo().join("../shared");
    dir.is_dir().then_some(dir)
}

/// Skips a test when something it needs is missing, saying why; on CI the missing piece is a
/// failure instead, because CI installs everything.
pub fn require(present: bool, what: &str) -> bool {
    if present {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what} is missing on CI; .ci/run must install it");
    }
    eprintln!("SKIPPED: {what} is not available here (run .ci/run to install it)");
    false
}

/// Whether `node` runs on this machine.
pub fn node_runs() -> bool {
    std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs a `node --test` command and fails with node's whole report unless every test passed and
/// at least one ran (a runner that finds no file also exits 0). Returns the report.
pub fn node_tests_pass(mut node: std::process::Command, what: &str) -> String {
    let run = node.output().expect("run node --test");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "{what} failed:\n{report}");
    // The spec reporter prints "ℹ pass N", the TAP reporter "# pass N".
    let passed = report
        .lines()
        .find_map(|l| {
            let l = l.trim();
            l.strip_prefix("ℹ pass ")
                .or_else(|| l.strip_prefix("# pass "))
        })
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(0);
    assert!(passed > 0, "no {what} ran:\n{report}");
    report
}

/// `prepbook export --output OUT ARGS...` in `root`, asserting success; returns its stdout.
pub fn export(root: &Path, out: &Path, args: &[&str]) -> String {
    let result = prepbook(root)
        .arg("export")
        .arg("--output")
        .arg(out)
        .args(args)
        .output()
        .expect("run");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    String::from_utf8_lossy(&result.stdout).into_owned()
}

/// Runs the browser's tokenizer (tests/browser/lib/compare-tokens.js, in node) over `texts`
/// with the stemmer the build's `tokenizer` uses, and fails, naming `what` and the first
/// differences, unless its tokens equal the build's for every text.
pub fn assert_browser_tokens_equal(
    tokenizer: &prepbook::search::tokenize::Tokenizer,
    texts: &[String],
    what: &str,
) {
    let cases: Vec<serde_json::Value> = texts
        .iter()
        .map(|t| {
            let tokens: Vec<[String; 2]> = tokenizer
                .tokens(t)
                .into_iter()
                .map(|k| [k.word, k.term])
                .collect();
            serde_json::json!({ "text": t, "tokens": tokens })
        })
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("tokens.json");
    std::fs::write(&file, serde_json::to_string(&cases).expect("json")).expect("write");
    let out = Command::new("node")
        .arg(repo().join("tests/browser/lib/compare-tokens.js"))
        .arg(&file)
        .arg(tokenizer.stemmer_name())
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{what}: the browser's tokens differ from the build's:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
