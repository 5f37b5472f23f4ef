//! Front matter: any file text is split and parsed without a panic; the split gives back the
//! file's own text; every problem is a diagnostic pointing at a line of the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use prepbook::content::front_matter::{self, normalize, split};
use prepbook_fuzz::check_diagnostic_in;

fuzz_target!(|data: &[u8]| {
    let text = normalize(String::from_utf8_lossy(data).into_owned());
    let Ok(parts) = split(&text) else {
        assert!(
            text.starts_with("---"),
            "unclosed front matter without an opening fence"
        );
        return;
    };
    assert_eq!(&text[parts.body_offset..], parts.body);
    if let Some(yaml) = parts.yaml {
        let start = yaml.as_ptr() as usize - text.as_ptr() as usize;
        assert!(start + yaml.len() <= parts.body_offset);
    } else {
        assert_eq!(parts.body_offset, 0);
    }
    let (fm, diags) = front_matter::parse(&parts, &text, Path::new("q.md"));
    for d in &diags {
        check_diagnostic_in(d, &text);
    }
    assert!(
        fm.tags.iter().all(|t| !t.trim().is_empty()),
        "an empty tag: {:?}",
        fm.tags
    );
    for field in [&fm.title, &fm.slug, &fm.summary, &fm.description]
        .into_iter()
        .flatten()
    {
        assert!(
            !field.is_empty() && field.trim() == field,
            "untrimmed field {field:?}"
        );
    }
    assert!(
        fm.levels.windows(2).all(|w| w[0] < w[1]),
        "levels not sorted and distinct"
    );
    if fm.broken {
        assert!(
            diags.iter().any(|d| d.is_error()),
            "broken front matter without an error"
        );
    }
});
