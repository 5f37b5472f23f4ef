//! A whole question file through the site's templates: every page of a one-question guide
//! renders, and no front matter text reaches the HTML as markup (no `<script` beyond the theme's
//! own and the body's raw HTML, no `<tag` written in a title, summary, description or tag).
#![no_main]

use std::collections::HashMap;
use std::mem::discriminant;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use prepbook::config::{Config, HighlightConfig};
use prepbook::content::discover::Discovered;
use prepbook::content::front_matter::{self, normalize, split};
use prepbook::content::load::assemble;
use prepbook::content::{Guide, SourcePage};
use prepbook::diagnostics::Diagnostics;
use prepbook::highlight::{HighlightCache, Highlighter};
use prepbook::progress::Progress;
use prepbook::render::{PageId, Renderer};
use prepbook::theme::Theme;
use prepbook_fuzz::{check_diagnostic, script_tags};

const BOOK_TOML: &str = "[book]\ntitle = \"Fuzzed guide\"\n";

struct Fixed {
    config: Config,
    theme: Theme,
    hl: Highlighter,
    /// `<script` elements of each kind of page, for a question with nothing unusual in it.
    baseline: HashMap<std::mem::Discriminant<PageId>, usize>,
    /// Every page of that question, one after the other: text found here is the theme's.
    baseline_html: String,
}

fn guide(fixed_config: &Config, hl: &Highlighter, text: String) -> Option<(Guide, Diagnostics)> {
    let path = PathBuf::from("content/q.md");
    let parts = split(&text).ok()?;
    let body_offset = parts.body_offset;
    let (front, diags) = front_matter::parse(&parts, &text, &path);
    let all = Diagnostics::default();
    all.extend(diags);
    let page = SourcePage {
        rel: "q.md".into(),
        path,
        text,
        body_offset,
        front,
    };
    let found = Discovered {
        markdown: vec!["q.md".into()],
        section_dirs: vec![String::new()],
        assets: Vec::new(),
        warnings: Vec::new(),
    };
    let guide = assemble(
        fixed_config.clone(),
        vec![page],
        &found,
        hl,
        &all,
        &Progress::hidden(),
    );
    Some((guide, all))
}

fn fixed() -> &'static Fixed {
    static FIXED: OnceLock<Fixed> = OnceLock::new();
    FIXED.get_or_init(|| {
        let config = Config::parse(BOOK_TOML, Path::new("book.toml"), Path::new("/guide"))
            .expect("the fixed book.toml parses");
        let theme = Theme::load(
            "default",
            Path::new("/nonexistent-theme"),
            Path::new("/guide"),
            &Diagnostics::default(),
        )
        .expect("default theme");
        let hl = Highlighter::new(&HighlightConfig::default(), HighlightCache::disabled())
            .expect("the default themes exist");
        let plain = "---\ntitle: Plain\ntags: [plain]\ndifficulty: easy\n---\nA body.\n";
        let (g, _) = guide(&config, &hl, plain.into()).expect("plain question");
        let renderer = Renderer::new(&g, &theme).expect("default templates compile");
        let mut baseline = HashMap::new();
        let mut baseline_html = String::new();
        for p in PageId::all(&g) {
            let (_, html) = renderer.render(p).expect("plain page renders");
            baseline.insert(discriminant(&p), script_tags(&html));
            baseline_html.push_str(&html);
        }
        Fixed {
            config,
            theme,
            hl,
            baseline,
            baseline_html,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let f = fixed();
    let text = normalize(String::from_utf8_lossy(data).into_owned());
    let Some((guide, diags)) = guide(&f.config, &f.hl, text) else {
        return;
    };
    for d in diags.take_sorted() {
        check_diagnostic(&d, None);
    }
    let q = &guide.questions.first();
    let source = q.map(|q| &q.source);
    let body = source.map_or("", |s| &s.text[s.body_offset..]);
    let body_scripts = script_tags(body);
    // Front matter text that would be markup if it reached the page unescaped.
    let fm = source.map(|s| &s.front);
    let markup: Vec<&str> = fm
        .into_iter()
        .flat_map(|fm| {
            [&fm.title, &fm.summary, &fm.description]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .chain(fm.tags.iter().map(String::as_str))
        })
        .filter(|s| {
            s.as_bytes()
                .windows(2)
                .any(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())
                && !body.contains(s.trim())
                && !f.baseline_html.contains(s.trim())
        })
        .collect();

    let renderer = Renderer::new(&guide, &f.theme).expect("default templates compile");
    for p in PageId::all(&guide) {
        let (url, html) = match renderer.render(p) {
            Ok(page) => page,
            Err(d) => panic!("page {p:?} failed to render: {d}"),
        };
        let allowed = f.baseline.get(&discriminant(&p)).copied().unwrap_or(0);
        if body_scripts == 0 {
            assert!(
                script_tags(&html) <= allowed,
                "{url}: {} <script> where the theme has {allowed}",
                script_tags(&html)
            );
        }
        for m in &markup {
            assert!(
                !html.contains(m.trim()),
                "{url}: front matter text {m:?} is in the page as markup"
            );
        }
    }
});
