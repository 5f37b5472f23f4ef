//! Which classes a highlighted span needs. A theme rule is a selector: a chain of compounds
//! (`.hl-source.hl-js .hl-meta.hl-function`), each matching an element that has all of its
//! classes. Every `hl-` class lives inside one code block, so a selector can only ever match
//! within a single block, and only if each of its compounds fits some scope of that block.
//!
//! So for each block: find the selectors that are possible there, and give each span only the
//! classes of those selectors' compounds that its scope contains whole. Every rule then matches
//! exactly the elements it would match with every class written out, while most spans (most
//! `meta.*` scopes, JSON-only nesting rules in a Python block) disappear.

use syntect::highlighting::Theme;
use syntect::parsing::Scope;

/// The prefix of every highlight class (`hl-keyword`), so they never clash with the theme's own.
pub const CLASS_PREFIX: &str = "hl-";

/// A set of compound indices.
pub type Bits = Vec<u64>;

fn set(bits: &mut Bits, i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

fn has(bits: &Bits, i: usize) -> bool {
    bits[i / 64] & (1 << (i % 64)) != 0
}

/// The compounds and selectors of a pair of themes.
#[derive(Debug, Default)]
pub struct Selectors {
    /// Each compound as its atoms (`["meta", "function"]`).
    compounds: Vec<Vec<String>>,
    /// Each selector as the indices of its compounds.
    selectors: Vec<Vec<usize>>,
}

impl Selectors {
    pub fn from_themes(themes: &[&Theme]) -> Selectors {
        let mut s = Selectors::default();
        for theme in themes {
            for item in &theme.scopes {
                for sel in &item.scope.selectors {
                    let ids: Vec<usize> = sel
                        .extract_scopes()
                        .into_iter()
                        .map(|scope| {
                            let atoms: Vec<String> = scope
                                .build_string()
                                .split('.')
                                .map(str::to_string)
                                .collect();
                            match s.compounds.iter().position(|c| *c == atoms) {
                                Some(i) => i,
                                None => {
                                    s.compounds.push(atoms);
                                    s.compounds.len() - 1
                                }
                            }
                        })
                        .collect();
                    if !ids.is_empty() {
                        s.selectors.push(ids);
                    }
                }
            }
        }
        s
    }

    pub fn empty(&self) -> Bits {
        vec![0; self.compounds.len().div_ceil(64).max(1)]
    }

    /// The compounds `scope` contains whole.
    pub fn satisfied(&self, scope: Scope) -> Bits {
        let name = scope.build_string();
        let atoms: Vec<&str> = name.split('.').collect();
        let mut bits = self.empty();
        for (i, c) in self.compounds.iter().enumerate() {
            if c.iter().all(|a| atoms.contains(&a.as_str())) {
                set(&mut bits, i);
            }
        }
        bits
    }

    /// The compounds of every selector whose compounds are all in `present`.
    pub fn relevant(&self, present: &Bits) -> Bits {
        let mut bits = self.empty();
        for sel in &self.selectors {
            if sel.iter().all(|&c| has(present, c)) {
                for &c in sel {
                    set(&mut bits, c);
                }
            }
        }
        bits
    }

    /// The class attribute of a span for `scope` (`hl-keyword hl-control`), or "" for none.
    pub fn class_attr(&self, scope: Scope, satisfied: &Bits, relevant: &Bits) -> String {
        let name = scope.build_string();
        let mut keep: Vec<&str> = Vec::new();
        for (i, c) in self.compounds.iter().enumerate() {
            if has(satisfied, i) && has(relevant, i) {
                for a in c {
                    if !keep.contains(&a.as_str()) {
                        keep.push(a);
                    }
                }
            }
        }
        let mut out = String::new();
        // Atoms in the scope's own order, so equal spans get equal attributes.
        for atom in name.split('.').filter(|a| keep.contains(a)) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(CLASS_PREFIX);
            out.push_str(atom);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    use syntect::highlighting::{ScopeSelectors, StyleModifier, ThemeItem};

    fn theme(selectors: &[&str]) -> Theme {
        let mut t = Theme::default();
        for s in selectors {
            t.scopes.push(ThemeItem {
                scope: ScopeSelectors::from_str(s).expect("selector"),
                style: StyleModifier::default(),
            });
        }
        t
    }

    fn scope(s: &str) -> Scope {
        Scope::new(s).expect("scope")
    }

    #[test]
    fn a_span_keeps_only_classes_of_possible_rules() {
        let t = theme(&[
            "keyword.control",
            "meta meta.structure.dictionary.json string",
            "comment",
        ]);
        let sel = Selectors::from_themes(&[&t]);
        let kw = scope("keyword.control.flow.python");
        let meta = scope("meta.function-call.python");
        // A Python block: the JSON rule cannot match, so `meta` scopes need no class.
        let mut present = sel.empty();
        for s in [kw, meta] {
            let sat = sel.satisfied(s);
            for (i, w) in sat.iter().enumerate() {
                present[i] |= w;
            }
        }
        let relevant = sel.relevant(&present);
        assert_eq!(
            sel.class_attr(kw, &sel.satisfied(kw), &relevant),
            "hl-keyword hl-control"
        );
        assert_eq!(sel.class_attr(meta, &sel.satisfied(meta), &relevant), "");
        // A JSON block: the nesting rule is possible, so its `meta` spans keep their class.
        let dict = scope("meta.structure.dictionary.json");
        let string = scope("string.quoted.double.json");
        let json_meta = scope("meta.mapping.json");
        let mut present = sel.empty();
        for s in [dict, string, json_meta] {
            for (i, w) in sel.satisfied(s).iter().enumerate() {
                present[i] |= w;
            }
        }
        let relevant = sel.relevant(&present);
        assert_eq!(
            sel.class_attr(json_meta, &sel.satisfied(json_meta), &relevant),
            "hl-meta"
        );
        assert_eq!(
            sel.class_attr(dict, &sel.satisfied(dict), &relevant),
            "hl-meta hl-structure hl-dictionary hl-json"
        );
    }
}
