//! `related:` entries: a bare slug, or a path to another file (relative to this file or to the
//! content folder, with or without `.md`), resolved to questions of the guide.

use std::collections::HashMap;

use crate::content::discover::parent_dir;
use crate::content::model::{Guide, Question, QuestionId};
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::markdown::links::join;

/// Resolves every question's `related:` list, reporting entries that match nothing (or more than
/// one question) at the line they were written on.
pub fn resolve_related(guide: &mut Guide, diags: &Diagnostics) {
    let index = RelatedIndex::new(guide);
    let resolved: Vec<Vec<QuestionId>> = guide
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| index.resolve(guide, i, q, diags))
        .collect();
    for (q, list) in guide.questions.iter_mut().zip(resolved) {
        q.related = list;
    }
}

/// The names a `related:` entry may use for a question: its file path (with or without `.md`)
/// and its slug.
pub struct RelatedIndex {
    by_rel: HashMap<String, QuestionId>,
    by_slug: HashMap<String, Vec<QuestionId>>,
}

impl RelatedIndex {
    pub fn new(guide: &Guide) -> RelatedIndex {
        let mut by_rel = HashMap::new();
        let mut by_slug: HashMap<String, Vec<QuestionId>> = HashMap::new();
        for (i, q) in guide.questions.iter().enumerate() {
            let rel = &q.source.rel;
            by_rel.insert(rel.clone(), i);
            if let Some((stem, _)) = rel.rsplit_once('.') {
                by_rel.insert(stem.to_string(), i);
            }
            by_slug.entry(q.slug.clone()).or_default().push(i);
        }
        RelatedIndex { by_rel, by_slug }
    }

    /// The questions `q` (question `id` of `guide`, or its new version) names as related.
    pub fn resolve(
        &self,
        guide: &Guide,
        id: QuestionId,
        q: &Question,
        diags: &Diagnostics,
    ) -> Vec<QuestionId> {
        let mut list = Vec::new();
        for (entry, line, col) in &q.source.front.related {
            let entry = entry.trim();
            let dir = parent_dir(&q.source.rel);
            let by_path = join(dir, entry)
                .and_then(|p| self.by_rel.get(&p))
                .or_else(|| self.by_rel.get(entry.trim_start_matches("./")))
                .copied();
            let target = match by_path {
                Some(t) => Some(t),
                None => match self
                    .by_slug
                    .get(crate::urls::slugify(entry).as_str())
                    .map(Vec::as_slice)
                {
                    Some([one]) => Some(*one),
                    Some(many) => {
                        let paths: Vec<&str> = many
                            .iter()
                            .map(|&m| guide.questions[m].source.rel.as_str())
                            .collect();
                        diags.push(
                            Diagnostic::error(
                                &q.source.path,
                                format!("related entry `{entry}` matches several questions"),
                            )
                            .at(&q.source.text, *line, *col, entry.chars().count())
                            .with_hint(format!(
                                "write the path instead: one of {}",
                                paths.join(", ")
                            )),
                        );
                        continue;
                    }
                    None => None,
                },
            };
            match target {
                Some(t) if t == id => {}
                Some(t) => {
                    if !list.contains(&t) {
                        list.push(t);
                    }
                }
                None => {
                    let hint = match closest(entry, self.by_slug.keys().map(String::as_str)) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => "use the slug (file name without `.md`) of another question".into(),
                    };
                    let (l, c) = crate::content::front_matter::find_in_front(&q.source.text, entry);
                    let (l, c) = if l > 1 { (l, c) } else { (*line, *col) };
                    diags.push(
                        Diagnostic::error(
                            &q.source.path,
                            format!("related entry `{entry}` does not match any question"),
                        )
                        .at(&q.source.text, l, c, entry.chars().count())
                        .with_hint(hint),
                    );
                }
            }
        }
        list
    }
}
