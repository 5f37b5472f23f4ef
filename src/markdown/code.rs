//! The HTML of a code block and of an exercise: the markup contract the theme's scripts build
//! on to run Python in the page (documented in docs/content/themes.md).
//!
//! Every code block is a `div.code-block` with `data-lang`. A runnable Python block adds
//! `data-run` (`browser`, `local` or `no`) and `data-role` (`example`, `exercise`, `tests`,
//! `solution`); one that runs in the browser carries its source, unhighlighted, in
//! `data-source`; one that needs a local Python names what it lacks in `data-needs` and says
//! so in a `.code-note`. An exercise is a `section.exercise` around its heading, task and
//! blocks, its tests and solution each in a closed `<details>`.

use crate::highlight::escape;
use crate::runnable::{CodeBlock, Exercise, Role, Run};

/// Names in code that carry a `.` or `_` between letters: `functools.wraps`, `__slots__`.
pub fn identifiers(code: &str) -> impl Iterator<Item = String> + '_ {
    code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .map(|w| w.trim_matches('.'))
        .filter(|w| (3..=60).contains(&w.len()))
        .filter(|w| w.contains(['_', '.']) && w.chars().any(char::is_alphabetic))
        .filter(|w| !w.contains(".."))
        .map(str::to_string)
}

/// `text` made safe inside a double-quoted attribute.
pub fn attribute(text: &str) -> String {
    escape(text).replace('"', "&quot;")
}

/// One code block: `inner` is the highlighted `<code>` content.
pub fn block_html(
    label: &str,
    token_class: &str,
    inner: &str,
    python: Option<&CodeBlock>,
    in_exercise: bool,
) -> String {
    let mut attrs = format!(" data-lang=\"{}\"", attribute(token_class));
    let mut note = String::new();
    if let Some(block) = python {
        let run = block.decision.run;
        attrs.push_str(&format!(
            " data-run=\"{}\" data-role=\"{}\"",
            run.name(),
            block.fence.role.name()
        ));
        match run {
            Run::Browser => attrs.push_str(&format!(" data-source=\"{}\"", attribute(&block.code))),
            Run::Local => {
                let needs = &block.decision.needs;
                if !needs.is_empty() {
                    attrs.push_str(&format!(" data-needs=\"{}\"", attribute(&needs.join(" "))));
                }
                note = local_note(needs);
            }
            Run::No => {}
        }
    }
    let block = format!(
        "<div class=\"code-block\"{attrs}><div class=\"code-head\"><span class=\"code-lang\">{label}</span>{note}<button type=\"button\" class=\"copy-code\" hidden>Copy</button></div><pre class=\"hl-code\" tabindex=\"0\"><code class=\"language-{token_class}\">{inner}</code></pre></div>\n"
    );
    let role = python.map(|b| b.fence.role);
    match role {
        Some(Role::Tests) if in_exercise => format!(
            "<details class=\"exercise-tests\"><summary>Tests</summary>\n{block}</details>\n"
        ),
        Some(Role::Solution) if in_exercise => format!(
            "<details class=\"exercise-solution\"><summary>Solution</summary>\n{block}</details>\n"
        ),
        _ => block,
    }
}

/// The note on a block that needs a local Python.
fn local_note(needs: &[String]) -> String {
    let what = if needs.is_empty() {
        "Runs with a local Python".to_string()
    } else {
        format!("Needs a local Python with {}", escape(&needs.join(", ")))
    };
    format!("<span class=\"code-note\">{what}</span>")
}

/// The opening tag of an exercise's section, once the exercise is read whole (`None` when it
/// is malformed: it is shown, and never run). `key` names the exercise in a reader's progress.
pub fn section_open(exercise: Option<&Exercise>, key: &str) -> String {
    let (run, needs) = match exercise {
        Some(e) => (e.run(), e.needs()),
        None => (Run::No, Vec::new()),
    };
    let mut attrs = format!(
        " data-exercise=\"{}\" data-run=\"{}\"",
        attribute(key),
        run.name()
    );
    if !needs.is_empty() {
        attrs.push_str(&format!(" data-needs=\"{}\"", attribute(&needs.join(" "))));
    }
    format!("<section class=\"exercise\"{attrs}>\n")
}

/// The end of an exercise's section.
pub const SECTION_CLOSE: &str = "</section>\n";
