//! Synonyms for search: the built-in list of the field's vocabulary (`synonyms.txt`, data kept
//! beside this file) and a guide's own (`[search] synonyms` in `book.toml`), as groups of
//! phrases that mean the same to a reader. Only the groups a guide can use (one of whose phrases
//! it contains) go into its manifest; the browser expands a query with them.

use crate::search::tokenize::Tokenizer;

/// The built-in list: one group per line, phrases separated by commas, `#` starts a comment.
pub const BUILT_IN: &str = include_str!("synonyms.txt");

/// At most this many groups reach the manifest, each of at most [`MAX_PHRASES`] phrases of at
/// most [`MAX_PHRASE_CHARS`] characters: `book.toml` cannot make the first query heavy.
pub const MAX_GROUPS: usize = 1000;
pub const MAX_PHRASES: usize = 16;
pub const MAX_PHRASE_CHARS: usize = 80;

/// The groups of a synonyms list in the built-in format.
pub fn parse_list(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// A phrase as the manifest keeps it: prepared as the language's text is (folded in English,
/// lowercased with its accents for a language's own stemmer), single spaces.
fn clean(tokenizer: &Tokenizer, phrase: &str) -> String {
    tokenizer
        .prepare(phrase)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A synonym group as the manifest holds it: which of its phrases the guide contains (bit `i`
/// for phrase `i`; the browser looks only those up in the index, the others only trigger the
/// group), then the phrases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub present: u32,
    pub phrases: Vec<String>,
}

impl serde::Serialize for Group {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.phrases.len() + 1))?;
        seq.serialize_element(&self.present)?;
        for p in &self.phrases {
            seq.serialize_element(p)?;
        }
        seq.end()
    }
}

/// The groups a guide can use, its own first, then the built-in ones: each cleaned, its empty
/// and repeated phrases dropped, kept when it still has two phrases and the guide contains every
/// term of one of them (`has_term`). Bounded by [`MAX_GROUPS`] and friends.
pub fn groups(
    tokenizer: &Tokenizer,
    own: &[Vec<String>],
    has_term: impl Fn(&str) -> bool,
) -> Vec<Group> {
    let present = |phrase: &str| {
        let tokens = tokenizer.tokens(phrase);
        !tokens.is_empty() && tokens.iter().all(|t| has_term(&t.term))
    };
    let mut out: Vec<Group> = Vec::new();
    for group in own.iter().cloned().chain(parse_list(BUILT_IN)) {
        let mut phrases: Vec<String> = Vec::new();
        for p in group.iter().map(|p| clean(tokenizer, p)) {
            if !p.is_empty()
                && p.chars().count() <= MAX_PHRASE_CHARS
                && !phrases.contains(&p)
                && phrases.len() < MAX_PHRASES
            {
                phrases.push(p);
            }
        }
        let mask = phrases
            .iter()
            .enumerate()
            .filter(|(_, p)| present(p))
            .fold(0u32, |m, (i, _)| m | 1 << i);
        if phrases.len() >= 2 && mask != 0 && !out.iter().any(|g| g.phrases == phrases) {
            out.push(Group {
                present: mask,
                phrases,
            });
            if out.len() == MAX_GROUPS {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_parses_into_groups_of_two_or_more() {
        let groups = parse_list(BUILT_IN);
        assert!(groups.len() > 100, "{} groups", groups.len());
        for g in &groups {
            assert!(g.len() >= 2, "a group of one: {g:?}");
            assert!(
                g.iter().all(|p| !p.trim().is_empty()),
                "an empty phrase in {g:?}"
            );
        }
    }

    #[test]
    fn only_groups_the_guide_can_use_are_kept_and_its_own_come_first() {
        // A guide whose text holds "lock" and "kubernetes" only.
        let has = |t: &str| t == "lock" || t == "kubernet";
        let own = vec![vec![" K8s ".to_string(), "Kubernetes".into(), "k8s".into()]];
        let kept = groups(&Tokenizer::default(), &own, has);
        assert_eq!(
            kept[0],
            Group {
                present: 0b10,
                phrases: vec!["k8s".into(), "kubernetes".into()]
            },
            "cleaned, repeats dropped, only `kubernetes` is in the guide"
        );
        assert!(
            kept.iter()
                .any(|g| g.phrases.contains(&"mutex".to_string()))
        );
        assert!(
            !kept
                .iter()
                .any(|g| g.phrases.contains(&"associative array".to_string())),
            "no phrase of the dict group is in this guide"
        );
        // A group left with one phrase means nothing.
        let one = groups(
            &Tokenizer::default(),
            &[vec!["lock".into(), "LOCK".into()]],
            has,
        );
        assert!(!one.iter().any(|g| g.phrases == ["lock"]));
        assert_eq!(
            serde_json::to_string(&kept[0]).expect("json"),
            r#"[2,"k8s","kubernetes"]"#
        );
    }
}
