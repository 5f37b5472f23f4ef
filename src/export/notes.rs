//! What makes a question an Anki note, whichever file carries it (the tab-separated text or the
//! `.apkg` package): which pages become notes, each note's stable GUID, its tags, its deck and
//! its language.

use std::collections::HashMap;

use serde_json::Value;

use crate::content::front_matter::key_position;
use crate::content::translations::Origin;
use crate::content::{Guide, Kind, Question, QuestionId, SectionId};
use crate::diagnostics::Diagnostic;

/// What separates a parent deck's name from its child's in Anki (`Guide::Section`).
pub const DECK_SEPARATOR: &str = "::";

/// The longest `id:` accepted, in bytes: an identity, not a text.
const MAX_ID_LEN: usize = 200;

/// The pages that become notes: questions in reading order (articles are not cards).
pub fn note_questions(guide: &Guide) -> impl Iterator<Item = (QuestionId, &Question)> {
    guide
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind == Kind::Question)
}

/// What identifies a question across exports: its front matter `id:` when it has one (so it
/// survives a move or a new slug), else its URL inside the guide.
fn identity(q: &Question) -> String {
    match own_id(q) {
        Some(id) => format!("id:{id}"),
        None => format!("url:{}", q.url),
    }
}

/// The question's `id:`, as text, when it has a usable one.
fn own_id(q: &Question) -> Option<String> {
    match q.front().extra.get("id")? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A note's GUID: the first 64 bits of the SHA-1 of its identity, written in letters and digits
/// (11 characters). The same question gives the same GUID in every export, so Anki updates the
/// note it imported before instead of adding a second one.
pub fn guid(q: &Question) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let digest = sha1_smol::Sha1::from(format!("prepbook\0{}", identity(q))).digest();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest.bytes()[..8]);
    let mut n = u64::from_be_bytes(first);
    let mut out = Vec::with_capacity(11);
    for _ in 0..11 {
        out.push(DIGITS[(n % 62) as usize]);
        n /= 62;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

/// Checks the `id:`s written in front matter: text or a number, short, and each used once (two
/// notes with one GUID would be one note in Anki).
pub fn check_ids(guide: &Guide) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut seen: HashMap<String, QuestionId> = HashMap::new();
    for (i, q) in note_questions(guide) {
        let Some(value) = q.front().extra.get("id") else {
            continue;
        };
        let at = |d: Diagnostic| match key_position(&q.source.text, "id") {
            Some((line, col)) => d.at(&q.source.text, line, col, 2),
            None => d,
        };
        let Some(id) = own_id(q) else {
            errors.push(at(Diagnostic::error(
                &q.source.path,
                format!("`id:` must be a word or a number, not `{value}`"),
            )
            .with_hint(
                "write a short name that stays with the question, e.g. `id: python-gil`",
            )));
            continue;
        };
        if id.len() > MAX_ID_LEN {
            errors.push(at(Diagnostic::error(
                &q.source.path,
                format!(
                    "`id:` is {} bytes long; at most {MAX_ID_LEN} are allowed",
                    id.len()
                ),
            )
            .with_hint("an id names the question; a few words are enough")));
        } else if let Some(&first) = seen.get(&id) {
            errors.push(at(Diagnostic::error(
                &q.source.path,
                format!(
                    "`id: {id}` is also the id of {}; Anki would take the two for one note",
                    guide.questions[first].source.path.display()
                ),
            )
            .with_hint("give each question an id of its own")));
        } else {
            seen.insert(id, i);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The language a question is written in, in the language's view `guide`: the view's own, or
/// the default language (`[book] language`) for a page shown untranslated.
pub fn language<'g>(guide: &'g Guide, q: &Question) -> &'g str {
    if q.source.origin == Origin::Fallback {
        &guide.config.book.language
    } else {
        guide.config.language()
    }
}

/// Anki tags cannot hold spaces.
fn anki_tag(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join("_")
}

/// A note's tags: the question's tags, then `difficulty::<d>`, `level::<l>` for each level,
/// `section::<slug>`, and in a translated guide `lang::<code>` (the note's [`language`]).
pub fn tags(guide: &Guide, q: &Question) -> Vec<String> {
    let mut tags: Vec<String> = q
        .tags
        .iter()
        .map(|&t| anki_tag(&guide.tags[t].slug))
        .collect();
    if let Some(d) = q.difficulty {
        tags.push(format!("difficulty::{}", d.name()));
    }
    for level in &q.levels {
        tags.push(format!("level::{}", level.name()));
    }
    tags.push(format!(
        "section::{}",
        anki_tag(&crate::urls::slugify(&guide.sections[q.section].title))
    ));
    if !guide.config.translations().is_empty() {
        tags.push(format!("lang::{}", language(guide, q)));
    }
    tags
}

/// One part of a deck name: one line, no separator inside (it would make a level of its own).
fn deck_part(title: &str) -> String {
    let one_line = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let part = one_line.replace(DECK_SEPARATOR, ":");
    if part.is_empty() {
        "Untitled".to_string()
    } else {
        part
    }
}

/// The deck of a section: the guide's title (in the language exported), then each section down
/// to it (`Guide::Section::Subsection`); the root section's deck is the guide's.
pub fn deck_name(guide: &Guide, section: SectionId) -> String {
    let mut parts = vec![deck_part(guide.config.title())];
    parts.extend(
        guide
            .ancestry(section)
            .into_iter()
            .map(|s| deck_part(&guide.sections[s].title)),
    );
    parts.join(DECK_SEPARATOR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deck_parts_are_one_line_without_a_separator() {
        assert_eq!(deck_part("C++ :: the  STL\n"), "C++ : the STL");
        assert_eq!(deck_part("  "), "Untitled");
        assert_eq!(anki_tag("big o"), "big_o");
    }
}
