//! Nothing from outside the guide: a link (symlink) in the content or theme folder that leads
//! outside the folder holding book.toml is left out with a warning that names it, and what it
//! points to reaches neither the site (pages, search index, study data) nor the export; `check
//! --deny-warnings` fails on it. Links that stay inside the guide keep working, loops of links
//! end, and `[build]` folders outside the guide are errors.

mod common;

use std::io::Read;
use std::os::unix::fs::symlink;
use std::path::Path;

use base64::Engine;
use common::*;
use scraper::{Html, Selector};

/// A word that appears only in files outside the guide.
const SECRET: &str = "zqxjvwk";
/// A word that appears only in a file inside the guide that is reached through a link.
const INSIDE: &str = "wvkpqzy";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A small guide, and beside it (not inside) a folder of files holding [`SECRET`].
fn guide() -> (tempfile::TempDir, tempfile::TempDir) {
    let guide = tempfile::tempdir().expect("temp dir");
    let g = guide.path();
    write(&g.join("book.toml"), "[book]\ntitle = \"Confined\"\n");
    write(
        &g.join("content/basics/first.md"),
        "---\ntitle: First question\nsummary: The first one.\ntags: [basics]\n---\n\nWhat is it?\n\n## Answer\n\nThis.\n",
    );
    let outside = tempfile::tempdir().expect("temp dir");
    let o = outside.path();
    write(
        &o.join("secret.txt"),
        &format!("{SECRET} in a plain file\n"),
    );
    write(
        &o.join("vault/notes.txt"),
        &format!("{SECRET} in a folder\n"),
    );
    write(
        &o.join("vault/q.md"),
        &format!("---\ntitle: Vault question\nsummary: {SECRET}\n---\n\n{SECRET} body\n"),
    );
    write(
        &o.join("leak.md"),
        &format!(
            "---\ntitle: Leaked {SECRET}\nsummary: {SECRET}\ntags: [{SECRET}]\n---\n\nWhat is {SECRET}?\n\n## Answer\n\n{SECRET}.\n"
        ),
    );
    write(
        &o.join("pic.svg"),
        &format!("<svg><title>{SECRET}</title></svg>"),
    );
    (guide, outside)
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = prepbook(dir).args(args).output().expect("run prepbook");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every site file whose bytes, or packed data, hold `word`.
fn site_files_with(site: &Path, word: &str) -> Vec<String> {
    files(site)
        .into_iter()
        .filter(|(_, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            // Packed data files (study cards, search data) are read as the page reads them.
            let unpacked = prepbook::packed::read_script(&text)
                .map(|(_, _, data)| data.to_string())
                .unwrap_or_default();
            text.contains(word) || unpacked.contains(word)
        })
        .map(|(rel, _)| rel)
        .collect()
}

/// All an HTML export holds, readable: the file, each inflated chunk of questions and every
/// base64 `data:` URI decoded.
fn export_text(file: &Path) -> String {
    let text = std::fs::read_to_string(file).expect("read the export");
    let doc = Html::parse_document(&text);
    let sel = Selector::parse("script.pb-chunk").expect("selector");
    let mut all = text.clone();
    for chunk in doc.select(&sel) {
        let b64: String = chunk.text().collect();
        let gz = base64::engine::general_purpose::STANDARD
            .decode(b64.trim())
            .expect("base64");
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut all)
            .expect("gzip");
    }
    let mut decoded = String::new();
    for part in all.split("base64,").skip(1) {
        let b64: String = part
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
            .collect();
        if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(b64) {
            decoded.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    all + &decoded
}

/// Builds, checks and exports a guide holding one link that leads outside it (at `link`, relative
/// to the guide), and asserts nothing of what it points to got anywhere.
fn left_out_everywhere(guide: &Path, link: &str) {
    let (code, stderr) = run(guide, &["build", "--no-cache"]);
    assert_eq!(code, Some(0), "a link outside is a warning:\n{stderr}");
    let warning = stderr
        .split("\n\n")
        .find(|block| block.contains("leads outside the guide"))
        .unwrap_or_else(|| panic!("no warning about the link:\n{stderr}"));
    assert!(
        warning.starts_with(&format!("{link}: warning: ")),
        "{warning}"
    );
    assert!(warning.contains("hint: "), "{warning}");
    let site = guide.join("book");
    assert!(
        site.join("basics/first.html").is_file(),
        "the rest is built"
    );
    assert_eq!(site_files_with(&site, SECRET), Vec::<String>::new());

    let (code, stderr) = run(guide, &["check"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains(&format!("{link}: warning: ")), "{stderr}");
    let (code, stderr) = run(guide, &["check", "--deny-warnings"]);
    assert_eq!(code, Some(1), "{stderr}");
    let json = prepbook(guide)
        .args(["check", "--format", "json"])
        .output()
        .expect("run");
    let named = String::from_utf8_lossy(&json.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .any(|d| d["path"] == link && d["severity"] == "warning");
    assert!(named, "{}", String::from_utf8_lossy(&json.stdout));

    let html = guide.join("export.html");
    let json = guide.join("export.json");
    for (file, format) in [(&html, "html"), (&json, "json")] {
        let (code, stderr) = run(
            guide,
            &[
                "export",
                "--format",
                format,
                "--output",
                &file.to_string_lossy(),
            ],
        );
        assert_eq!(code, Some(0), "{stderr}");
    }
    assert!(export_text(&html).contains("First question"));
    assert!(!export_text(&html).contains(SECRET));
    let json = std::fs::read_to_string(&json).expect("read");
    assert!(json.contains("First question") && !json.contains(SECRET));
}

#[test]
fn a_linked_file_outside_the_guide_is_left_out() {
    let (guide, outside) = guide();
    let g = guide.path();
    symlink(
        outside.path().join("secret.txt"),
        g.join("content/basics/secret.txt"),
    )
    .expect("ln");
    left_out_everywhere(g, "content/basics/secret.txt");
}

#[test]
fn a_linked_folder_outside_the_guide_is_left_out() {
    let (guide, outside) = guide();
    let g = guide.path();
    symlink(outside.path().join("vault"), g.join("content/vault")).expect("ln");
    left_out_everywhere(g, "content/vault");
    assert!(!g.join("book/vault").exists());
}

#[test]
fn a_linked_markdown_file_outside_the_guide_is_left_out() {
    let (guide, outside) = guide();
    let g = guide.path();
    symlink(
        outside.path().join("leak.md"),
        g.join("content/basics/leak.md"),
    )
    .expect("ln");
    left_out_everywhere(g, "content/basics/leak.md");
    assert!(!g.join("book/basics/leak.html").exists());
}

#[test]
fn an_image_that_climbs_out_or_links_out_is_not_embedded_in_the_export() {
    let (guide, outside) = guide();
    let g = guide.path();
    symlink(
        outside.path().join("pic.svg"),
        g.join("content/basics/pic.svg"),
    )
    .expect("ln");
    let climb = format!("../../..{}", outside.path().join("pic.svg").display());
    write(
        &g.join("content/basics/second.md"),
        &format!(
            "---\ntitle: Pictures\nsummary: Two.\n---\n\nSee ![linked](pic.svg) and ![climbing]({climb}).\n\n## Answer\n\nNone.\n"
        ),
    );
    left_out_everywhere(g, "content/basics/pic.svg");
}

#[test]
fn links_inside_the_guide_keep_working() {
    let (guide, _outside) = guide();
    let g = guide.path();
    // A folder of the guide outside the content folder, and a file, each reached by a link.
    write(
        &g.join("shared/extra/linked.md"),
        &format!(
            "---\ntitle: Linked question\nsummary: {INSIDE}.\n---\n\nAsked?\n\n## Answer\n\n{INSIDE}.\n"
        ),
    );
    write(
        &g.join("shared/logo.svg"),
        &format!("<svg><title>{INSIDE}</title></svg>"),
    );
    symlink(g.join("shared/extra"), g.join("content/extra")).expect("ln");
    symlink(g.join("shared/logo.svg"), g.join("content/basics/logo.svg")).expect("ln");
    write(
        &g.join("content/basics/second.md"),
        "---\ntitle: Logo\nsummary: A picture.\n---\n\n![logo](logo.svg)\n\n## Answer\n\nIt.\n",
    );
    let (code, stderr) = run(g, &["check", "--deny-warnings"]);
    assert_eq!(code, Some(0), "{stderr}");
    build_ok(g);
    let site = g.join("book");
    assert!(site.join("extra/linked.html").is_file());
    assert!(site.join("basics/logo.svg").is_file());
    let found = site_files_with(&site, INSIDE);
    assert!(found.iter().any(|f| f.starts_with("search/")), "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("study/")), "{found:?}");
    let html = g.join("export.html");
    let (code, stderr) = run(g, &["export", "--output", &html.to_string_lossy()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        export_text(&html).contains(INSIDE),
        "the linked logo is embedded"
    );
}

#[test]
fn a_loop_of_links_ends_with_a_warning() {
    let (guide, _outside) = guide();
    let g = guide.path();
    symlink(g.join("content"), g.join("content/basics/up")).expect("ln");
    symlink("me", g.join("content/basics/me")).expect("ln");
    let (code, stderr) = run(g, &["build", "--no-cache"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("content/basics/up: warning: this link leads back to"),
        "{stderr}"
    );
    assert!(stderr.contains("content/basics/me: warning: "), "{stderr}");
    assert!(g.join("book/basics/first.html").is_file());
}

#[test]
fn a_theme_file_linked_from_outside_is_left_out() {
    let (guide, outside) = guide();
    let g = guide.path();
    let static_dir = g.join("themes/default/static");
    std::fs::create_dir_all(&static_dir).expect("mkdir");
    symlink(
        outside.path().join("secret.txt"),
        static_dir.join("extra.css"),
    )
    .expect("ln");
    let (code, stderr) = run(g, &["build", "--no-cache"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("themes/default/static/extra.css: warning: this link leads outside"),
        "{stderr}"
    );
    assert!(!g.join("book/static/extra.css").exists());
    assert_eq!(
        site_files_with(&g.join("book"), SECRET),
        Vec::<String>::new()
    );
    let (code, _) = run(g, &["check", "--deny-warnings"]);
    assert_eq!(code, Some(1));
}

#[test]
fn a_file_turned_into_a_link_outside_after_a_build_is_left_out_of_the_next() {
    let (guide, outside) = guide();
    let g = guide.path();
    let (code, stderr) = run(g, &["build"]);
    assert_eq!(code, Some(0), "{stderr}");
    let first = g.join("content/basics/first.md");
    std::fs::remove_file(&first).expect("rm");
    symlink(outside.path().join("leak.md"), &first).expect("ln");
    // The record of the last build is there: this build decides from what changed.
    let (code, stderr) = run(g, &["build"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("content/basics/first.md: warning: this link leads outside"),
        "{stderr}"
    );
    assert!(!g.join("book/basics/first.html").exists());
    assert_eq!(
        site_files_with(&g.join("book"), SECRET),
        Vec::<String>::new()
    );
}

#[test]
fn a_content_folder_outside_the_guide_is_an_error() {
    let (guide, outside) = guide();
    let g = guide.path();
    std::fs::create_dir_all(outside.path().join("content/x")).expect("mkdir");
    write(
        &g.join("book.toml"),
        &format!(
            "[book]\ntitle = \"Confined\"\n\n[build]\ncontent-dir = \"{}\"\n",
            outside.path().join("content").display()
        ),
    );
    let (code, stderr) = run(g, &["build"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("book.toml:5:15: error: `[build] content-dir` leads outside the guide"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: "), "{stderr}");
    assert!(!g.join("book").exists(), "nothing built");
}

#[test]
fn serve_does_not_patch_in_a_question_turned_into_a_link_outside() {
    use prepbook::edit::{self, Edited};
    use prepbook::site::BuildOptions;
    let (guide, outside) = guide();
    let g = guide.path();
    let opts = BuildOptions {
        no_cache: true,
        ..BuildOptions::default()
    };
    let (mut kept, report) = edit::full(g, &opts, &|publish| publish()).expect("it builds");
    // Outside, the question as it is with another body: an edit that would be patched in.
    let twin = outside.path().join("first.md");
    write(
        &twin,
        &format!(
            "---\ntitle: First question\nsummary: The first one.\ntags: [basics]\n---\n\nWhat is {SECRET}?\n\n## Answer\n\nThis.\n"
        ),
    );
    let first = g.join("content/basics/first.md");
    std::fs::remove_file(&first).expect("rm");
    symlink(&twin, &first).expect("ln");
    // What `serve` does after a save: the edited question is patched in, unless it cannot be.
    let edited = edit::edit(&mut kept, &["basics/first.md".into()], &[], &report.output)
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    let why = match edited {
        Edited::NeedsFullBuild(why) => why,
        Edited::Done { patch, .. } => {
            patch.apply().expect("apply");
            let leaked = site_files_with(&report.output, SECRET);
            panic!("the outside file was patched in: {leaked:?}");
        }
    };
    assert!(why.contains("outside the guide"), "{why}");
    assert_eq!(
        site_files_with(&report.output, SECRET),
        Vec::<String>::new()
    );
}
