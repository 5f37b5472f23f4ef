//! Code fence info strings (`py`, `sh`, `console`, `python,norun`) mapped to syntaxes of the
//! embedded pack and to the label shown on each code block.

/// What a fence's language resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Language {
    /// A syntax of the pack, by its exact name, with the label to show.
    Syntax { syntax: String, label: String },
    /// Plain text on purpose (`text`, `output`, no language at all).
    Plain { label: String },
    /// A language Prepbook cannot highlight; shown as plain text, reported as a warning.
    Unknown { token: String },
}

impl Language {
    pub fn label(&self) -> &str {
        match self {
            Language::Syntax { label, .. } | Language::Plain { label } => label,
            Language::Unknown { token } => token,
        }
    }

    /// The class on `<code>`, `language-python`, for readers' scripts and styles.
    pub fn css_token(&self) -> String {
        crate::urls::slugify(self.label())
    }
}

/// Known spellings: (aliases, syntax name in the pack, label). Checked before the pack itself,
/// so the common languages resolve without loading it.
const TABLE: &[(&[&str], &str, &str)] = &[
    (
        &[
            "python", "py", "python3", "py3", "pycon", "ipython", "pyi", "python2", "py2",
        ],
        "Python",
        "Python",
    ),
    (
        &[
            "bash",
            "sh",
            "shell",
            "zsh",
            "ksh",
            "shell-session",
            "shellsession",
            "terminal",
        ],
        "Bourne Again Shell (bash)",
        "Bash",
    ),
    (&["console"], "Bourne Again Shell (bash)", "Console"),
    (
        &[
            "sql",
            "postgresql",
            "postgres",
            "psql",
            "mysql",
            "sqlite",
            "plsql",
            "tsql",
        ],
        "SQL",
        "SQL",
    ),
    (&["json", "jsonc", "json5"], "JSON", "JSON"),
    (&["yaml", "yml"], "YAML", "YAML"),
    (&["toml"], "TOML", "TOML"),
    (
        &["javascript", "js", "mjs", "cjs", "node", "nodejs"],
        "JavaScript",
        "JavaScript",
    ),
    (&["jsx"], "JavaScript (Babel)", "JSX"),
    (
        &["typescript", "ts", "mts", "cts"],
        "TypeScript",
        "TypeScript",
    ),
    (&["tsx"], "TypeScriptReact", "TSX"),
    (&["rust", "rs"], "Rust", "Rust"),
    (&["go", "golang"], "Go", "Go"),
    (&["java"], "Java", "Java"),
    (&["c", "h"], "C", "C"),
    (&["cpp", "c++", "cxx", "cc", "hpp", "hxx"], "C++", "C++"),
    (&["cs", "csharp", "c#"], "C#", "C#"),
    (&["swift"], "Swift", "Swift"),
    (&["kotlin", "kt", "kts"], "Kotlin", "Kotlin"),
    (&["ruby", "rb"], "Ruby", "Ruby"),
    (&["php"], "PHP", "PHP"),
    (&["html", "htm", "xhtml"], "HTML", "HTML"),
    (&["xml", "svg"], "XML", "XML"),
    (&["css"], "CSS", "CSS"),
    (&["scss"], "SCSS", "SCSS"),
    (
        &["dockerfile", "docker", "containerfile"],
        "Dockerfile",
        "Dockerfile",
    ),
    (&["diff", "patch"], "Diff", "Diff"),
    (&["makefile", "make", "mk"], "Makefile", "Makefile"),
    (&["ini", "cfg", "conf", "editorconfig"], "INI", "INI"),
    (&["markdown", "md"], "Markdown", "Markdown"),
];

/// Spellings that mean "no highlighting", on purpose.
const PLAIN: &[&str] = &[
    "text",
    "txt",
    "plain",
    "plaintext",
    "output",
    "none",
    "nohighlight",
    "log",
];

/// The language token of a fence's info string: its first word, before any `,` or `{`.
/// (`python,norun` -> `python`, `rust {.numberLines}` -> `rust`).
pub fn token(info: &str) -> &str {
    let info = info.trim();
    let end = info
        .find(|c: char| c == ',' || c == '{' || c.is_whitespace())
        .unwrap_or(info.len());
    info[..end].trim_start_matches('.')
}

/// Resolves a token from the table alone (no pack needed). `None` means "ask the pack".
pub fn from_table(token: &str) -> Option<Language> {
    let lower = token.to_lowercase();
    if lower.is_empty() || PLAIN.contains(&lower.as_str()) {
        let label = if lower.is_empty() {
            "Text".to_string()
        } else {
            capitalize(&lower)
        };
        return Some(Language::Plain { label });
    }
    TABLE
        .iter()
        .find(|(aliases, _, _)| aliases.contains(&lower.as_str()))
        .map(|(_, syntax, label)| Language::Syntax {
            syntax: (*syntax).to_string(),
            label: (*label).to_string(),
        })
}

/// The language names a contributor can use, for hints.
pub fn common_names() -> String {
    TABLE
        .iter()
        .map(|(aliases, _, _)| aliases[0])
        .collect::<Vec<_>>()
        .join(", ")
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax_of(info: &str) -> Option<String> {
        match from_table(token(info)) {
            Some(Language::Syntax { syntax, .. }) => Some(syntax),
            _ => None,
        }
    }

    #[test]
    fn common_fence_spellings_map_to_the_right_syntax() {
        for (info, syntax) in [
            ("py", "Python"),
            ("python3", "Python"),
            ("python,norun", "Python"),
            ("Python", "Python"),
            ("sh", "Bourne Again Shell (bash)"),
            ("console", "Bourne Again Shell (bash)"),
            ("js", "JavaScript"),
            ("ts", "TypeScript"),
            ("cpp", "C++"),
            ("cs", "C#"),
            ("rs", "Rust"),
            ("rust {.numberLines}", "Rust"),
            ("golang", "Go"),
            ("yml", "YAML"),
            ("Dockerfile", "Dockerfile"),
        ] {
            assert_eq!(syntax_of(info).as_deref(), Some(syntax), "{info}");
        }
    }

    #[test]
    fn plain_and_unknown_are_told_apart() {
        assert_eq!(
            from_table(""),
            Some(Language::Plain {
                label: "Text".into()
            })
        );
        assert_eq!(
            from_table("output"),
            Some(Language::Plain {
                label: "Output".into()
            })
        );
        assert_eq!(from_table("brainfudge"), None);
    }

    #[test]
    fn labels_are_readable() {
        assert_eq!(
            from_table("cs").map(|l| l.label().to_string()).as_deref(),
            Some("C#")
        );
        assert_eq!(
            from_table("console").map(|l| l.css_token()).as_deref(),
            Some("console")
        );
    }
}
