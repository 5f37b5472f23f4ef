//! A small file cannot make a huge site: a question's tags past `[tags] max-per-question` are a
//! warning and get no page, cards in lists show a few tags and "+N", and a Markdown file over
//! `[build] max-markdown-size` is an error that is never read. (Sizes and times of whole tag
//! bombs are measured by `scripts/tag-bomb`, not asserted here.)

mod common;

use common::*;

/// A guide in a temp dir: book.toml (with `extra` appended) and Markdown files.
fn guide(extra: &str, files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = format!("[book]\ntitle = \"Limits\"\n{extra}");
    std::fs::write(dir.path().join("book.toml"), config).expect("write book.toml");
    for (rel, text) in files {
        let path = dir.path().join("content").join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write page");
    }
    dir
}

/// A question with `n` tags, `t1` to `tn`; the `tags:` key is on line 4.
fn tagged(title: &str, n: usize) -> String {
    let tags: Vec<String> = (1..=n).map(|i| format!("t{i}")).collect();
    format!(
        "---\ntitle: {title}\nsummary: About {title}.\ntags: [{}]\n---\n\nText.\n",
        tags.join(", ")
    )
}

#[test]
fn too_many_tags_is_a_warning_at_the_tags_line_and_the_rest_get_no_page() {
    let dir = guide("", &[("s/many.md", tagged("Many", 30))]);
    let (stdout, stderr) = build_ok(dir.path());
    assert!(
        stderr.contains(
            "content/s/many.md:4:1: warning: this question has 30 tags; only the first 20 are used"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("raise `[tags] max-per-question` in book.toml to use more"),
        "{stderr}"
    );
    assert!(stdout.contains(", 20 tags, "), "{stdout}");
    let site = Site::new(dir.path().join("book"));
    assert!(site.exists("tags/t20.html"));
    assert!(
        !site.exists("tags/t21.html"),
        "a tag past the limit has no page"
    );
    let page = site.doc("s/many.html");
    assert_eq!(
        texts(&page, ".meta .tag").len(),
        20,
        "its page shows the 20"
    );

    // `check` reports the same, and fails on it with --deny-warnings.
    let check = prepbook(dir.path())
        .args(["check", "--deny-warnings"])
        .output()
        .expect("run check");
    assert_eq!(check.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&check.stderr)
            .contains("content/s/many.md:4:1: warning: this question has 30 tags"),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn the_tag_limit_is_configurable() {
    let dir = guide(
        "[tags]\nmax-per-question = 3\n",
        &[
            ("s/four.md", tagged("Four", 4)),
            ("s/three.md", tagged("Three", 3)),
        ],
    );
    let (stdout, stderr) = build_ok(dir.path());
    assert!(
        stderr.contains(
            "content/s/four.md:4:1: warning: this question has 4 tags; only the first 3 are used"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("three.md"), "{stderr}");
    assert!(stdout.contains(", 3 tags, "), "{stdout}");

    let bad = guide(
        "[tags]\nmax-per-question = 0\n",
        &[("q.md", tagged("Q", 1))],
    );
    let out = prepbook(bad.path()).arg("build").output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("book.toml:4:20: error:") && stderr.contains("at least 1"),
        "{stderr}"
    );
}

#[test]
fn cards_show_a_few_tags_and_how_many_more() {
    let dir = guide(
        "",
        &[
            ("s/eight.md", tagged("Eight", 8)),
            ("s/five.md", tagged("Five", 5)),
        ],
    );
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    for page in ["s/index.html", "tags/t1.html", "index.html"] {
        if page == "index.html" {
            continue; // the home page lists sections, not questions, in this guide
        }
        let doc = site.doc(page);
        let sel = scraper::Selector::parse(".question-card").expect("selector");
        let cards: Vec<_> = doc.select(&sel).collect();
        assert_eq!(cards.len(), 2, "{page}");
        let tags_of = |card: &scraper::ElementRef<'_>, css: &str| -> Vec<String> {
            let sel = scraper::Selector::parse(css).expect("selector");
            card.select(&sel)
                .map(|e| e.text().collect::<String>())
                .collect()
        };
        // Cards are in title order: Eight, then Five.
        assert_eq!(
            tags_of(&cards[0], ".tag"),
            vec!["t1", "t2", "t3", "t4"],
            "{page}"
        );
        assert_eq!(
            tags_of(&cards[0], ".tag-more"),
            vec!["+4 more tags"],
            "{page}"
        );
        assert_eq!(
            tags_of(&cards[1], ".tag"),
            vec!["t1", "t2", "t3", "t4", "t5"],
            "{page}: five fit, no +1"
        );
        assert!(tags_of(&cards[1], ".tag-more").is_empty(), "{page}");
    }
    // The question's own page lists every tag.
    let own = site.doc("s/eight.html");
    assert_eq!(texts(&own, ".meta .tag").len(), 8);
}

#[test]
fn a_file_over_the_size_limit_is_an_error_with_its_size_and_the_limit() {
    let big = format!("{}\n{}", tagged("Big", 1), "word ".repeat(500));
    let dir = guide(
        "[build]\nmax-markdown-size = \"1 KB\"\n",
        &[("s/big.md", big), ("s/small.md", tagged("Small", 1))],
    );
    for command in ["build", "check"] {
        let out = prepbook(dir.path()).arg(command).output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("content/s/big.md: error: the file is 2.6 KB, over the 1 KB a Markdown file may have"),
            "{command}: {stderr}"
        );
        assert!(
            stderr.contains("raise `[build] max-markdown-size` in book.toml"),
            "{stderr}"
        );
    }
    assert!(
        !dir.path().join("book").exists(),
        "a failed build writes no site"
    );
}

#[test]
fn a_huge_file_is_refused_without_being_read() {
    // A sparse file of 64 GB: reading it would take minutes and more memory than the machine
    // has; refusing it by its size takes no time.
    let dir = guide("", &[("s/small.md", tagged("Small", 1))]);
    let huge = dir.path().join("content/s/huge.md");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(64_000_000_000))
        .expect("sparse file");
    let out = prepbook(dir.path())
        .args(["build", "--no-cache"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "content/s/huge.md: error: the file is 64 GB, over the 5 MB a Markdown file may have"
        ),
        "{stderr}"
    );
}

#[test]
fn an_overlong_tag_is_a_warning_and_not_used() {
    let long = "x".repeat(150);
    let text = format!("---\ntitle: Long\ntags: [ok, {long}]\n---\n\nText.\n");
    let dir = guide("", &[("q.md", text)]);
    let (stdout, stderr) = build_ok(dir.path());
    assert!(
        stderr.contains(
            "content/q.md:3:12: warning: a tag of 150 characters is not used; a tag has at most 100"
        ),
        "{stderr}"
    );
    assert!(stdout.contains(", 1 tag"), "{stdout}");
}
