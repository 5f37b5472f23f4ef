//! Markdown rendering, code highlighting included: any file renders without a panic; the answer
//! marker lands inside the HTML; heading ids are unique and escaped in their attribute; link
//! ranges and diagnostics point into the file; no `<script` appears that the author did not write.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use prepbook::config::HighlightConfig;
use prepbook::content::front_matter::{self, normalize, split};
use prepbook::highlight::{HighlightCache, Highlighter};
use prepbook::markdown::{MarkdownInput, Resolve, render};
use prepbook_fuzz::{check_diagnostic_in, script_tags};

/// A guide of three pages and a picture, for links to resolve against.
struct Guide;

impl Resolve for Guide {
    fn page_url(&self, path: &str) -> Option<String> {
        match path {
            "oop/slots.md" => Some("oop/slots.html".into()),
            "oop/mro.md" => Some("oop/mro.html".into()),
            "concurrency/gil.md" => Some("concurrency/gil.html".into()),
            "oop" => Some("oop/index.html".into()),
            _ => None,
        }
    }
    fn asset_url(&self, path: &str) -> Option<String> {
        (path == "oop/diagram.png").then(|| "oop/diagram.png".into())
    }
}

fn highlighter() -> &'static Highlighter {
    static HL: OnceLock<Highlighter> = OnceLock::new();
    HL.get_or_init(|| {
        Highlighter::new(&HighlightConfig::default(), HighlightCache::disabled())
            .expect("the default themes exist")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = normalize(String::from_utf8_lossy(data).into_owned());
    let path = Path::new("content/oop/mro.md");
    let (body_offset, fm) = match split(&text) {
        Ok(parts) => (
            parts.body_offset,
            front_matter::parse(&parts, &text, path).0,
        ),
        Err(_) => (0, Default::default()),
    };
    // Half the inputs look for a configured answer heading, half take the first heading.
    let answer_headings = if text.len().is_multiple_of(2) {
        vec![]
    } else {
        vec!["Answer".to_string()]
    };
    let input = MarkdownInput {
        text: &text,
        body_offset,
        path,
        rel: "oop/mro.md",
        page_url: "oop/mro.html",
        title: fm.title.as_deref(),
        answer_headings: &answer_headings,
    };
    let r = render(&input, &Guide, highlighter());

    let sentinels = |s: &str| s.matches("\u{1}prepbook-answer").count();
    assert!(
        sentinels(&r.html) <= sentinels(&text),
        "a sentinel was left in the HTML"
    );
    if let Some(at) = r.answer_start {
        assert!(
            r.html.is_char_boundary(at),
            "answer start {at} splits a character"
        );
    }
    let body = &text[body_offset..];
    assert!(
        script_tags(&r.html) <= script_tags(body),
        "rendering made a <script> the author did not write: {}",
        r.html
    );
    for (i, h) in r.headings.iter().enumerate() {
        assert!(!h.id.is_empty(), "an empty heading id");
        // The id reaches the HTML as an attribute value, escaped, whatever characters it has.
        let attr = h.id.replace('&', "&amp;").replace('<', "&lt;");
        let attr = attr.replace('>', "&gt;").replace('"', "&quot;");
        assert!(
            r.html.contains(&format!("id=\"{attr}\"")),
            "heading id {:?} is not written as id=\"{attr}\"",
            h.id
        );
        assert!(
            r.headings[..i].iter().all(|o| o.id != h.id),
            "heading id {:?} used twice",
            h.id
        );
        assert!((1..=6).contains(&h.level));
    }
    for l in &r.links {
        assert!(
            l.start <= l.end && l.end <= text.len(),
            "link range {l:?} is outside the file"
        );
    }
    for d in &r.diagnostics {
        check_diagnostic_in(d, &text);
    }
});
