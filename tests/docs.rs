//! The manual in `docs/` and the README: the manual is a Prepbook guide that checks with no
//! warning and builds with every link and anchor resolved; every relative link of the README,
//! the manual's index and its pages leads to a file of this repository (and a `#anchor` to a
//! heading GitHub shows there); the index lists every page and the testing page every test file.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use common::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The manual's pages: `docs/content/*.md`, by file name.
fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(repo().join("docs/content"))
        .expect("docs/content")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    pages
}

/// Every Markdown file a reader lands on: the README, the manual's index and its pages.
fn markdown_files() -> Vec<PathBuf> {
    let mut files = vec![repo().join("README.md"), repo().join("docs/README.md")];
    files.extend(pages());
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// The destination of every link and image in a Markdown text.
fn links(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.into_string())
            }
            _ => None,
        })
        .collect()
}

/// The anchors GitHub gives the headings of a Markdown file: the heading's text in lower case,
/// without punctuation other than `-` and `_`, spaces made `-`; a repeated one gets `-1`, `-2`.
fn github_anchors(markdown: &str) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = heading.take().unwrap_or_default();
                let slug: String = text
                    .trim()
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect();
                let n = seen.entry(slug.clone()).or_insert(0);
                anchors.insert(if *n == 0 {
                    slug.clone()
                } else {
                    format!("{slug}-{n}")
                });
                *n += 1;
            }
            _ => {}
        }
    }
    anchors
}

/// `dir/link` with `.` and `..` resolved, without touching the disk; `None` if it climbs above
/// the root of the path.
fn normalize(dir: &Path, link: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in dir.join(link).components() {
        match part {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

fn has_scheme(link: &str) -> bool {
    link.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

#[test]
fn the_manual_checks_clean_and_builds_with_every_link_resolved() {
    // In a copy, so the test writes nothing into the repository (`check` makes the cache folder).
    let guide = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        repo().join("docs/book.toml"),
        guide.path().join("book.toml"),
    )
    .expect("copy book.toml");
    copy_dir(&repo().join("docs/content"), &guide.path().join("content"));

    let check = prepbook(guide.path())
        .args(["check", "--deny-warnings", "--root", "."])
        .output()
        .expect("run check");
    let report = String::from_utf8_lossy(&check.stderr);
    assert!(
        check.status.success(),
        "`prepbook check --deny-warnings --root docs` must pass:\n{report}"
    );

    let out = tempfile::tempdir().expect("temp dir");
    let site_dir = out.path().join("site");
    let build = prepbook(guide.path())
        .args(["build", "--no-cache", "--root", ".", "--output"])
        .arg(&site_dir)
        .output()
        .expect("run build");
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "the manual must build:\n{stderr}");
    assert_eq!(stderr, "", "the manual builds without a warning");

    let site = Site::new(&site_dir);
    assert_eq!(
        site.broken_links(),
        Vec::<(String, String)>::new(),
        "every link of the built manual leads to a page and an anchor of it"
    );
    // Every page became a page of the site, listed on its home page.
    let home = site.doc("index.html");
    let listed = attrs(&home, "main a[href]", "href");
    for page in pages() {
        let name = page
            .file_stem()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if name == "_index" {
            continue;
        }
        let text = read(&page);
        let front = text.split("---").nth(1).unwrap_or("");
        let slug = front
            .lines()
            .find_map(|l| l.strip_prefix("slug: "))
            .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
            .unwrap_or(name.clone());
        let url = format!("{slug}.html");
        assert!(site.exists(&url), "{name}.md is built into {url}");
        assert!(listed.contains(&url), "the home page lists {url}");
    }
}

#[test]
fn relative_links_lead_to_files_and_headings_of_the_repository() {
    let root = repo();
    let mut broken = Vec::new();
    for file in markdown_files() {
        let text = read(&file);
        let name = rel(&root, &file);
        if text.contains("../shared") {
            broken.push(format!(
                "{name}: names `../shared`, which a clone does not have"
            ));
        }
        let dir = file.parent().expect("a folder");
        for link in links(&text) {
            if link.is_empty() || has_scheme(&link) || link.starts_with("//") {
                continue;
            }
            if link.starts_with('/') {
                broken.push(format!(
                    "{name}: `{link}` is absolute; write it relative to the file"
                ));
                continue;
            }
            let (path, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.is_empty() {
                Some(file.clone())
            } else {
                normalize(dir, &percent_decode(path))
            };
            let Some(target) = target.filter(|t| t.starts_with(&root)) else {
                broken.push(format!("{name}: `{link}` leads outside the repository"));
                continue;
            };
            if !target.exists() {
                broken.push(format!("{name}: `{link}` leads to no file"));
                continue;
            }
            if !anchor.is_empty() {
                let is_markdown = target.extension().is_some_and(|x| x == "md");
                if !is_markdown || !github_anchors(&read(&target)).contains(anchor) {
                    broken.push(format!(
                        "{name}: `{link}`: {} has no heading `#{anchor}`",
                        rel(&root, &target)
                    ));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links that do not hold:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_index_links_every_page_of_the_manual() {
    let index = links(&read(&repo().join("docs/README.md")));
    let missing: Vec<String> = pages()
        .iter()
        .map(|p| format!("content/{}", p.file_name().expect("name").to_string_lossy()))
        .filter(|p| p != "content/_index.md" && !index.contains(p))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/README.md does not link {missing:?}"
    );
}

#[test]
fn the_testing_page_names_every_test_file() {
    let testing = read(&repo().join("docs/content/testing.md"));
    let mut missing = Vec::new();
    for folder in ["tests", "tests/browser"] {
        for entry in std::fs::read_dir(repo().join(folder)).expect("tests") {
            let name = entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned();
            let is_test = name.ends_with(".rs") || name.ends_with(".test.js");
            if is_test && !testing.contains(&format!("`{name}`")) {
                missing.push(format!("{folder}/{name}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/content/testing.md does not say what these cover: {missing:?}"
    );
}

#[test]
fn the_readmes_two_commands_name_what_the_repository_has() {
    let readme = read(&repo().join("README.md"));
    let section = readme
        .split("## The two commands")
        .nth(1)
        .expect("the README has a section `The two commands`");
    let block = section
        .split("```console")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a console block in it");
    let commands: Vec<&str> = block
        .lines()
        .filter_map(|l| l.split('#').next())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(commands, ["cargo run --release -- build", ".ci/run"]);

    // `cargo run` runs the prepbook binary, and the bundled guide builds into book/.
    let cargo = read(&repo().join("Cargo.toml"));
    assert!(cargo.contains("default-run = \"prepbook\""), "{cargo}");
    let book = read(&repo().join("book.toml"));
    assert!(book.contains("output-dir = \"book\""), "{book}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(repo().join(".ci/run"))
            .expect(".ci/run exists")
            .permissions()
            .mode();
        assert!(mode & 0o111 != 0, ".ci/run is executable");
    }
}

#[test]
fn git_ignores_the_built_manual() {
    let git = std::process::Command::new("git")
        .arg("-C")
        .arg(repo())
        .args([
            "check-ignore",
            "--no-index",
            "docs/book/index.html",
            "docs/.prepbook-cache/build.json",
            "docs/.book.prepbook-tmp-42",
        ])
        .output();
    let Ok(git) = git else {
        require(false, "git");
        return;
    };
    if !require(
        git.status.code() != Some(128),
        "a git checkout of the repository",
    ) {
        return;
    }
    let ignored = String::from_utf8_lossy(&git.stdout);
    assert_eq!(
        ignored.lines().count(),
        3,
        "each of the manual's build outputs is ignored; git ignored only:\n{ignored}"
    );
}
