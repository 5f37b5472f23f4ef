//! A code fence's info string read as Prepbook's options for Python: `python` (runnable),
//! `python,norun` (shown only), `python,browser` and `python,local` (the author overrides the
//! decision made from imports), and an exercise's three parts, `python,exercise`,
//! `python,tests` and `python,solution`.

use crate::highlight::languages;

/// The fence tokens that mean Python code a reader can run. (`pycon`, `ipython` and `pyi` are
/// sessions and stubs, not programs.)
const RUNNABLE_TOKENS: &[&str] = &["python", "py", "python3", "py3"];

/// What part a Python block plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An ordinary example.
    Example,
    /// An exercise's starter code.
    Exercise,
    /// An exercise's tests.
    Tests,
    /// An exercise's solution.
    Solution,
}

impl Role {
    /// The option that marks it (and the value of `data-role`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Example => "example",
            Role::Exercise => "exercise",
            Role::Tests => "tests",
            Role::Solution => "solution",
        }
    }
}

/// Where the author says a block runs, when they override the decision made from its imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Decided from the block's imports.
    Auto,
    /// `browser`: runnable in the page whatever it imports.
    Browser,
    /// `local`: needs a local Python whatever it imports.
    Local,
}

/// The options of a fence whose language is runnable Python.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PythonFence {
    pub role: Role,
    pub norun: bool,
    pub placement: Placement,
    /// Problems with the options (unknown, repeated, contradicting), for warnings.
    pub problems: Vec<String>,
}

/// The options Prepbook reads after `python,`.
pub const OPTIONS: &str = "norun, browser, local, exercise, tests, solution";

/// Reads a fence's info string; `None` when the block is not runnable Python.
pub fn python(info: &str) -> Option<PythonFence> {
    let token = languages::token(info);
    if !RUNNABLE_TOKENS.contains(&token.to_ascii_lowercase().as_str()) {
        return None;
    }
    let mut fence = PythonFence {
        role: Role::Example,
        norun: false,
        placement: Placement::Auto,
        problems: Vec::new(),
    };
    // Options follow the language after a comma or a space; attributes in braces
    // (`{.numberLines}`) are not options.
    let options = info.trim().split('{').next().unwrap_or("");
    let options = options.find([',', ' ', '\t']).map_or("", |i| &options[i..]);
    let mut roles = Vec::new();
    for option in options.split([',', ' ', '\t']).map(str::trim) {
        match option.to_ascii_lowercase().as_str() {
            "" => {}
            "norun" => fence.norun = true,
            "browser" | "local" if fence.placement != Placement::Auto => fence
                .problems
                .push("`browser` and `local` cannot both be given".into()),
            "browser" => fence.placement = Placement::Browser,
            "local" => fence.placement = Placement::Local,
            "exercise" => roles.push(Role::Exercise),
            "tests" | "test" => roles.push(Role::Tests),
            "solution" => roles.push(Role::Solution),
            other => fence.problems.push(format!("unknown option `{other}`")),
        }
    }
    if let Some(first) = roles.first() {
        fence.role = *first;
    }
    if roles.len() > 1 {
        fence
            .problems
            .push("a block is one of `exercise`, `tests` or `solution`, not several".into());
    }
    if fence.norun && fence.placement != Placement::Auto {
        fence
            .problems
            .push("`norun` says the block never runs; drop `browser` or `local`".into());
    }
    if fence.norun && fence.role != Role::Example {
        fence.problems.push(format!(
            "an exercise's `{}` block always runs under `prepbook test`; drop `norun`",
            fence.role.name()
        ));
        fence.norun = false;
    }
    Some(fence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_after_the_language() {
        let f = python("python").expect("python");
        assert_eq!(
            (f.role, f.norun, f.placement),
            (Role::Example, false, Placement::Auto)
        );
        assert!(python("python,norun").expect("norun").norun);
        assert_eq!(
            python("py, local").expect("local").placement,
            Placement::Local
        );
        assert_eq!(
            python("python,exercise,browser").map(|f| (f.role, f.placement)),
            Some((Role::Exercise, Placement::Browser))
        );
        assert_eq!(python("python,tests").map(|f| f.role), Some(Role::Tests));
        assert_eq!(
            python(".python,norun").map(|f| (f.norun, f.problems.len())),
            Some((true, 0))
        );
        assert_eq!(
            python("python3,solution {.numberLines}").map(|f| (f.role, f.problems.len())),
            Some((Role::Solution, 0))
        );
    }

    #[test]
    fn other_languages_and_sessions_are_not_runnable() {
        for info in ["pycon", "ipython", "bash", "", "text", "rust,ignore"] {
            assert_eq!(python(info), None, "{info}");
        }
    }

    #[test]
    fn contradictions_and_unknown_options_are_problems() {
        assert_eq!(
            python("python,nrun").map(|f| f.problems),
            Some(vec!["unknown option `nrun`".to_string()])
        );
        assert_eq!(
            python("python,norun,local").map(|f| f.problems.len()),
            Some(1)
        );
        assert_eq!(
            python("python,browser,local").map(|f| f.problems.len()),
            Some(1)
        );
        assert_eq!(
            python("python,tests,solution").map(|f| f.problems.len()),
            Some(1)
        );
        let f = python("python,solution,norun").expect("python");
        assert!(!f.norun && f.problems.len() == 1, "{f:?}");
    }
}
