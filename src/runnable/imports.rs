//! What a Python block imports (`import a.b`, `from a import b`, read line by line, strings
//! skipped), and whether the browser runtime has it: the list of modules it offers is data,
//! `browser_modules.txt`, kept beside this file.

use std::collections::HashSet;
use std::sync::OnceLock;

const BROWSER_MODULES: &str = include_str!("browser_modules.txt");

/// The modules the browser runtime offers, and the submodules taken back out.
struct BrowserModules {
    allowed: HashSet<&'static str>,
    denied: Vec<&'static str>,
}

fn browser_modules() -> &'static BrowserModules {
    static LIST: OnceLock<BrowserModules> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list = BrowserModules {
            allowed: HashSet::new(),
            denied: Vec::new(),
        };
        for line in BROWSER_MODULES.lines() {
            let name = line.split('#').next().unwrap_or("").trim();
            match name.strip_prefix('!') {
                Some(denied) => list.denied.push(denied.trim()),
                None if !name.is_empty() => {
                    list.allowed.insert(name);
                }
                None => {}
            }
        }
        list
    })
}

/// Whether the browser runtime can import `module` (a dotted name, `http.client`).
pub fn in_browser(module: &str) -> bool {
    let list = browser_modules();
    let top = module.split('.').next().unwrap_or(module);
    list.allowed.contains(top)
        && !list.denied.iter().any(|d| {
            module == *d
                || module
                    .strip_prefix(d)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
}

/// The modules `code` imports that the browser runtime lacks, in order of first import, each
/// once, by their package's name. A module the block writes itself (its name appears as `name.py` or as a quoted
/// `"name"`, as when it builds a package in a temporary folder) is not counted.
pub fn missing_in_browser(code: &str) -> Vec<String> {
    let mut missing: Vec<String> = Vec::new();
    for module in imported_modules(code) {
        let top = module.split('.').next().unwrap_or(&module);
        if in_browser(&module) || made_by_block(code, top) {
            continue;
        }
        // Name the package (`flask`), or the submodule when only it is left out (`http.server`).
        let name = if browser_modules().allowed.contains(top) {
            module.clone()
        } else {
            top.to_string()
        };
        if !missing.contains(&name) {
            missing.push(name);
        }
    }
    missing
}

fn made_by_block(code: &str, top: &str) -> bool {
    code.contains(&format!("{top}.py"))
        || code.contains(&format!("\"{top}\""))
        || code.contains(&format!("'{top}'"))
}

/// Every absolute module name `code` imports, dotted, in order (relative imports left out).
/// Lines inside triple-quoted strings and after `#` are not read.
pub fn imported_modules(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_string: Option<&str> = None;
    for line in code.lines() {
        let statement_line = in_string.is_none();
        in_string = triple_quotes_after(line, in_string);
        if !statement_line {
            continue;
        }
        let line = line.split('#').next().unwrap_or("");
        for statement in line.split(';') {
            imports_of(statement.trim(), &mut out);
        }
    }
    out
}

/// The modules of one statement, if it is an import.
fn imports_of(statement: &str, out: &mut Vec<String>) {
    if let Some(rest) = statement.strip_prefix("import ") {
        for part in rest.split(',') {
            let name = part.split_whitespace().next().unwrap_or("");
            if is_module_name(name) {
                out.push(name.to_string());
            }
        }
    } else if let Some(rest) = statement.strip_prefix("from ") {
        let mut words = rest.split_whitespace();
        if let (Some(name), Some("import")) = (words.next(), words.next())
            && is_module_name(name)
        {
            out.push(name.to_string());
        }
    }
}

fn is_module_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_'))
        && !name.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a triple-quoted string is open after `line`, given the one open before it.
fn triple_quotes_after<'q>(line: &str, mut open: Option<&'q str>) -> Option<&'q str> {
    let mut rest = line;
    loop {
        match open {
            Some(q) => match rest.find(q) {
                Some(i) => {
                    rest = &rest[i + 3..];
                    open = None;
                }
                None => return open,
            },
            None => {
                let code = rest.split('#').next().unwrap_or("");
                let next = ["\"\"\"", "'''"]
                    .into_iter()
                    .filter_map(|q| code.find(q).map(|i| (i, q)))
                    .min();
                match next {
                    Some((i, q)) => {
                        rest = &rest[i + 3..];
                        open = Some(q);
                    }
                    None => return None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_are_found_in_every_form() {
        let code = "import os, sys as system\nfrom collections.abc import Mapping\n\
                    def f():\n    import json; from . import sibling\n    from .pkg import x\n\
                    x = 1  # import fake\ntry:\n    import numpy as np\nexcept ImportError:\n    pass\n";
        assert_eq!(
            imported_modules(code),
            ["os", "sys", "collections.abc", "json", "numpy"]
        );
    }

    #[test]
    fn import_lines_in_docstrings_are_not_imports() {
        let code = "\"\"\"Usage:\nimport django\n\"\"\"\nimport math\ns = '''one''' ; import re\n";
        assert_eq!(imported_modules(code), ["math", "re"]);
    }

    #[test]
    fn the_standard_library_runs_in_the_browser_but_not_its_threads_or_servers() {
        for m in [
            "collections",
            "asyncio",
            "dataclasses",
            "sqlite3",
            "http",
            "__future__",
        ] {
            assert!(in_browser(m), "{m}");
        }
        for m in [
            "threading",
            "subprocess",
            "multiprocessing",
            "concurrent.futures",
            "http.server",
            "django",
            "flask",
            "requests",
            "httpx",
            // Third-party packages: the page's runtime loads no wheels yet.
            "numpy",
            "pandas",
        ] {
            assert!(!in_browser(m), "{m}");
        }
        assert!(in_browser("http.client") && in_browser("http.servers_of_mine"));
    }

    #[test]
    fn a_block_that_needs_a_server_names_what_it_lacks() {
        let code = "from flask import Flask\nimport json\nimport flask.views\nimport http.server\n";
        assert_eq!(missing_in_browser(code), ["flask", "http.server"]);
    }

    #[test]
    fn a_module_the_block_writes_itself_is_not_missing() {
        let code =
            "from pathlib import Path\nPath(d, 'shop.py').write_text('X = 1')\nimport shop\n";
        assert!(missing_in_browser(code).is_empty());
    }
}
