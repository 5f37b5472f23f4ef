//! `book.toml`: any text is a config or a list of diagnostics pointing into the file, never a
//! panic; a config that parses answers every question the build asks of it.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use prepbook::config::Config;
use prepbook::highlight::{HighlightCache, Highlighter};
use prepbook_fuzz::check_diagnostic_in;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Config::parse(&text, Path::new("book.toml"), Path::new("/guide")) {
        Ok(config) => {
            if let Some(url) = config.base_url() {
                assert!(!url.is_empty() && !url.ends_with('/'), "base URL {url:?}");
            }
            let _ = (
                config.content_dir(),
                config.output_dir(),
                config.theme_dir(),
                config.cache_dir(),
            );
            // An unknown highlight theme is an error the build reports, not a panic.
            let _ = Highlighter::new(&config.highlight, HighlightCache::disabled());
        }
        Err(diags) => {
            assert!(!diags.is_empty(), "a refused config without a reason");
            for d in &diags {
                assert!(d.is_error());
                check_diagnostic_in(d, &text);
            }
        }
    }
});
