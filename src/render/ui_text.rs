//! The templates' `t` function: `{{ t(key="study.show_answer") }}` is that UI string in the
//! page's language (the context's `lang`, else `site.language`), English where its table lacks
//! it. `n=3` picks the plural form and fills `{n}`; any other argument fills its `{name}`. The
//! text is returned as text, so Tera escapes it like any value. `strings_script()` names the
//! page language's table for the scripts.

use std::sync::Arc;

use tera::{Kwargs, State, Tera, TeraResult};

use crate::strings::{FALLBACK, UiStrings, fill, script_path};

/// Makes `t` available to every template of `tera`.
pub fn register(tera: &mut Tera, strings: Arc<UiStrings>) {
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let lang = page_language(state);
            let text = strings
                .get(lang.as_deref().unwrap_or(FALLBACK), key)
                .ok_or_else(|| {
                    tera::Error::message(format!(
                        "no UI string `{key}` in the theme's i18n/{FALLBACK}.toml"
                    ))
                })?;
            let n: Option<i64> = kwargs.get("n")?;
            let chosen = text.pick(n);
            if !chosen.contains('{') {
                return Ok(chosen.to_string());
            }
            let values: Vec<(&str, String)> = kwargs
                .iter()
                .filter_map(|(name, value)| {
                    let name = name.as_str()?;
                    (name != "key").then(|| (name, value.to_string()))
                })
                .collect();
            Ok(fill(chosen, &values))
        },
    );
    // `<script src="{{ root }}static/{{ strings_script() }}">`: the page language's table for
    // the theme's scripts (`crate::strings::script_path`).
    tera.register_function(
        "strings_script",
        |_: Kwargs, state: &State| -> TeraResult<String> {
            let lang = page_language(state);
            let path = script_path(lang.as_deref().unwrap_or(FALLBACK));
            Ok(path.trim_start_matches("static/").to_string())
        },
    );
}

/// The language of the page being rendered.
fn page_language(state: &State) -> Option<String> {
    if let Ok(Some(lang)) = state.get::<String>("lang") {
        return Some(lang);
    }
    let site: tera::Value = state.get("site").ok().flatten()?;
    site.get_from_path("language")
        .and_then(|v| v.as_str())
        .map(str::to_string)
}
