//! Content Prepbook did not shape: the real corpora in `../shared/corpora/`, laid out as guides
//! (their files unchanged, under `content/`, with a one-line book.toml), must build with exit 0.

mod common;

use common::*;

/// Lays out a corpus as a guide in a temp dir and builds it; returns (dir, stdout, stderr).
fn build_corpus(name: &str) -> Option<(tempfile::TempDir, String, String)> {
    let corpus = shared_dir().map(|s| s.join("corpora").join(name));
    if !require(
        corpus.as_ref().is_some_and(|c| c.is_dir()),
        &format!("../shared/corpora/{name}"),
    ) {
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&corpus.expect("checked"), &dir.path().join("content"));
    std::fs::write(
        dir.path().join("book.toml"),
        format!("[book]\ntitle = \"{name}\"\n"),
    )
    .expect("write");
    let out = prepbook(dir.path())
        .args(["build", "--no-cache"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{name} must build:\n{stderr}");
    Some((dir, stdout, stderr))
}

#[test]
fn lcci_builds_with_titles_from_headings_and_chinese_difficulties() {
    let Some((dir, stdout, _)) = build_corpus("lcci") else {
        return;
    };
    assert!(stdout.starts_with("built "), "{stdout}");
    let site = Site::new(dir.path().join("book"));
    let page = site.doc("en/01-01-is-unique/readme-en.html");
    assert_eq!(
        texts(&page, "h1"),
        vec!["01.01. Is Unique"],
        "the # heading is the title"
    );
    assert_eq!(texts(&page, ".question-header .badge"), vec!["Easy"]);
    assert!(
        !attrs(&page, "code.language-python span", "class").is_empty(),
        "solutions are highlighted"
    );
    assert!(
        texts(&page, ".math").iter().any(|m| m.contains("O(n)")),
        "TeX is kept as text"
    );
    assert!(
        texts(&page, "pre").iter().any(|p| p.contains("leetcode")),
        "raw HTML passes through"
    );
    let zh = site.doc("zh/01-01-is-unique/readme.html");
    assert_eq!(
        texts(&zh, ".question-header .badge"),
        vec!["Easy"],
        "简单 is easy"
    );
    assert!(
        site.read("difficulty/easy.html")
            .contains("判定字符是否唯一"),
        "Chinese titles are listed"
    );
}

#[test]
fn tech_interview_handbook_builds_with_docusaurus_front_matter() {
    let Some((dir, _, _)) = build_corpus("tech-interview-handbook") else {
        return;
    };
    let site = Site::new(dir.path().join("book"));
    assert!(site.pages().len() > 40);
    let page = site.doc("coding-interview-prep.html");
    assert_eq!(texts(&page, "h1").len(), 1);
    assert!(!texts(&page, "h1")[0].is_empty());
    // Relative links between its Markdown files point at the built pages.
    let broken: Vec<_> = site
        .broken_links()
        .into_iter()
        .filter(|(_, target)| target.ends_with(".md") || target.contains(".html"))
        .collect();
    assert!(broken.is_empty(), "{broken:?}");
}
