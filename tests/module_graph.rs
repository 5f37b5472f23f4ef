//! The library's modules depend on each other in one direction only: no module reaches, through
//! any chain of `crate::`, `super::` or child-module paths, back to itself. A cycle means two
//! modules can only be understood together; a contributor meets it as "where do I start?".
//!
//! Each file under `src/` is one module. A path to an item a module re-exports (`pub use`)
//! counts as a dependency on the module that defines the item, as the compiler sees it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of the library (`content::load`), with its source.
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("read src/");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).expect("below src/");
        let mut parts: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match parts.last().map(String::as_str) {
            // The binary is not part of the library.
            Some("main") if parts.len() == 1 => continue,
            Some("lib") if parts.len() == 1 => parts.clear(),
            Some("mod") => {
                parts.pop();
            }
            _ => {}
        }
        let text = std::fs::read_to_string(path).expect("read a module");
        // A module's unit tests (last in the file, by this project's habit) are not part of it.
        let code = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        out.insert(parts.join("::"), without_comments(code));
    }
    out
}

/// The code without `//` comments (doc links name modules without depending on them).
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // `"http://..."` in a string is not a comment, but holds no module path either.
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a module's code names: `crate::a::b::Item`, `super::x`, `child::y`, and every
/// path of a `use` tree (`use crate::a::{b, c::D}`), each as its list of segments.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if starts_word && (chars[i].is_alphabetic() || chars[i] == '_') {
            let (mut found, end) = path_at(&chars, i, false);
            out.append(&mut found);
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Reads a path starting at `i`, expanding `{...}` groups (where one name is a path too).
/// Returns the paths and where the text after them starts.
fn path_at(chars: &[char], mut i: usize, in_group: bool) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        let start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        if start == i {
            break;
        }
        prefix.push(chars[start..i].iter().collect::<String>());
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
            if chars.get(i) == Some(&'{') {
                let mut out = Vec::new();
                i += 1;
                loop {
                    while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                        i += 1;
                    }
                    if i >= chars.len() || chars[i] == '}' {
                        break;
                    }
                    let (inner, end) = path_at(chars, i, true);
                    for p in inner {
                        let mut full = prefix.clone();
                        full.extend(p.into_iter().filter(|s| s != "self"));
                        out.push(full);
                    }
                    if end == i {
                        i += 1; // `*` or anything else a group may hold
                    } else {
                        i = end;
                    }
                    // `x as y`
                    while chars.get(i).is_some_and(|c| !matches!(c, ',' | '}')) {
                        i += 1;
                    }
                }
                return (out, i + 1);
            }
            continue;
        }
        break;
    }
    if prefix.len() < if in_group { 1 } else { 2 } {
        return (Vec::new(), i);
    }
    (vec![prefix], i)
}

/// The module a path leads to, from module `from`: the deepest module it names, or, when it
/// then names an item that module re-exports, the module that defines the item.
fn resolve(
    path: &[String],
    from: &str,
    modules: &BTreeMap<String, String>,
    reexports: &BTreeMap<String, BTreeMap<String, Vec<String>>>,
) -> Option<String> {
    let mut at: Vec<String> = if from.is_empty() {
        Vec::new()
    } else {
        from.split("::").map(str::to_string).collect()
    };
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => {
            at.clear();
            rest = &path[1..];
        }
        Some("self") => rest = &path[1..],
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                at.pop();
                rest = &rest[1..];
            }
        }
        // A child module, or nothing of ours (`std::fs`, a local enum's variant).
        Some(first) if modules.contains_key(&join(&at, first)) => {}
        _ => return None,
    }
    for (n, segment) in rest.iter().enumerate() {
        let next = join(&at, segment);
        if modules.contains_key(&next) {
            at.push(segment.clone());
            continue;
        }
        // An item of `at`: follow a re-export to the module that defines it.
        let here = at.join("::");
        if let Some(target) = reexports.get(&here).and_then(|r| r.get(segment)) {
            let mut path = target.clone();
            path.extend(rest[n + 1..].iter().cloned());
            return resolve(&path, &here, modules, reexports);
        }
        break;
    }
    Some(at.join("::"))
}

fn join(at: &[String], name: &str) -> String {
    if at.is_empty() {
        name.to_string()
    } else {
        format!("{}::{name}", at.join("::"))
    }
}

/// Each module's `pub use` items: the name it re-exports and the path it comes from.
fn reexports(
    modules: &BTreeMap<String, String>,
) -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let mut out = BTreeMap::new();
    for (name, code) in modules {
        let mut map = BTreeMap::new();
        for statement in code.split(';') {
            let Some(at) = statement.find("pub use ") else {
                continue;
            };
            for path in paths(&statement[at + "pub use ".len()..]) {
                if let Some(last) = path.last() {
                    map.insert(last.clone(), path.clone());
                }
            }
        }
        out.insert(name.clone(), map);
    }
    out
}

/// The dependencies of every module, `a -> {b, c}`.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let reexports = reexports(&modules);
    let mut graph = BTreeMap::new();
    for (name, code) in &modules {
        let deps: BTreeSet<String> = paths(code)
            .iter()
            .filter_map(|p| resolve(p, name, &modules, &reexports))
            .filter(|d| d != name && !d.is_empty())
            // A module's own `mod child;` and its tests are part of it, not dependencies.
            .filter(|d| !(d.starts_with(name.as_str()) && d.ends_with("::tests")))
            .collect();
        graph.insert(name.clone(), deps);
    }
    graph
}

/// A cycle in `graph`, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = stack[from..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_module_graph_has_no_cycle() {
    let graph = graph();
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "these modules depend on each other in a circle: {}",
            cycle.join(" -> ")
        );
    }
}

#[test]
fn the_checker_sees_real_dependencies() {
    // Without these, an empty graph would pass the test above.
    let graph = graph();
    let deps = |m: &str| graph.get(m).cloned().unwrap_or_default();
    assert!(deps("serve").contains("edit"), "{:?}", deps("serve"));
    assert!(
        deps("incremental").contains("edit"),
        "{:?}",
        deps("incremental")
    );
    assert!(deps("content::load").contains("content::related"));
    // `crate::content::Guide` is defined in `content::model`, re-exported by `content`.
    assert!(
        deps("study").contains("content::model"),
        "{:?}",
        deps("study")
    );
    // And a cycle is found when there is one.
    let mut looped = graph.clone();
    looped
        .entry("urls".into())
        .or_default()
        .insert("site".into());
    let cycle = find_cycle(&looped).expect("a cycle through site and urls");
    assert!(cycle.contains(&"urls".to_string()), "{cycle:?}");
}

#[test]
fn paths_are_read_from_use_trees_and_code() {
    let found = paths("use crate::a::{self, b::C, d as e};\nlet x = super::f::g(1);");
    let found: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        vec!["crate::a", "crate::a::b::C", "crate::a::d", "super::f::g"]
    );
}
