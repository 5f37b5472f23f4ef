//! Updating a search index after one question changed, for `serve`: only the shards of the terms
//! whose postings changed, the question's metadata chunk (with its snippet text), the facets and the
//! manifest are made again. The result is the same as a fresh [`SearchIndex::write`].

use std::collections::{BTreeMap, BTreeSet};

use crate::content::{Guide, QuestionId};
use crate::search::index::{DocTerms, Postings, analyze};
use crate::search::tokenize::{Tokenizer, shard_key};
use crate::search::{
    CHUNK, SearchIndex, ShardContent, doc_chunk, facets, group_files, manifest, write_group,
};

/// What an update wrote and what it made obsolete (paths relative to the site root).
#[derive(Debug, Default)]
pub struct Update {
    /// Every file written, in the order written.
    pub written: Vec<String>,
    /// Files of the old index that the new one no longer has (a shard group split differently).
    pub removed: Vec<String>,
}

/// One question's terms, as the index sees them.
pub fn doc_terms(guide: &Guide, id: QuestionId) -> DocTerms {
    analyze(
        &Tokenizer::for_language(guide.config.language()),
        guide,
        &guide.questions[id],
    )
}

impl SearchIndex {
    /// Updates the index after question `id` changed in place (same id, same URL, same tags in
    /// the guide); `old` is what [`doc_terms`] gave before the change. Each new file goes to
    /// `emit`.
    pub fn update(
        &mut self,
        guide: &Guide,
        id: QuestionId,
        old: &DocTerms,
        emit: &(dyn Fn(String, String) + Sync),
    ) -> Update {
        let new = doc_terms(guide, id);
        let doc = id as u32;
        let mut keys: BTreeSet<String> = BTreeSet::new();
        let postings = &mut self.postings;
        for (term, entry) in &old.terms {
            if new.terms.get(term) == Some(entry) {
                continue;
            }
            if let Some(list) = postings.terms.get_mut(term) {
                list.retain(|p| p.0 != doc);
                if list.is_empty() {
                    postings.terms.remove(term);
                }
            }
            keys.insert(shard_key(term));
        }
        for (term, &(mask, tf)) in &new.terms {
            if old.terms.get(term) == Some(&(mask, tf)) {
                continue;
            }
            let list = postings.terms.entry(term.clone()).or_default();
            let at = list.partition_point(|p| p.0 < doc);
            list.insert(at, (doc, mask, tf));
            keys.insert(shard_key(term));
        }
        for word in old.words.keys() {
            if new.words.contains_key(word) {
                continue;
            }
            if let Some(entry) = postings.words.get_mut(word) {
                entry.1 = entry.1.saturating_sub(1);
                if entry.1 == 0 {
                    postings.words.remove(word);
                }
            }
            keys.insert(shard_key(word));
        }
        for (word, term) in &new.words {
            if old.words.contains_key(word) {
                continue;
            }
            postings
                .words
                .entry(word.clone())
                .or_insert((term.clone(), 0))
                .1 += 1;
            keys.insert(shard_key(word));
        }

        let mut update = Update::default();
        let written = std::sync::Mutex::new(Vec::new());
        let record = |path: String, text: String| {
            if let Ok(mut w) = written.lock() {
                w.push(path.clone());
            }
            emit(path, text);
        };
        for (key, (terms, words)) in groups(&self.postings, &keys) {
            let old_files = self.layout.get(&key).map(|l| group_files(&key, l));
            if terms.is_empty() && words.is_empty() {
                self.layout.remove(&key);
                update.removed.extend(old_files.unwrap_or_default());
                continue;
            }
            let layout = write_group(&self.postings, &key, &terms, &words, &record);
            let new_files = group_files(&key, &layout);
            for f in old_files.unwrap_or_default() {
                if !new_files.contains(&f) {
                    update.removed.push(f);
                }
            }
            self.layout.insert(key, layout);
        }
        for (p, t) in [
            doc_chunk(guide, id / CHUNK),
            facets(guide),
            manifest(guide, &self.layout, &self.postings),
        ] {
            record(p, t);
        }
        update.written = written.into_inner().unwrap_or_default();
        update
    }
}

/// The terms and words of each group in `keys` (a key with none left maps to empty lists).
fn groups<'p>(
    postings: &'p Postings,
    keys: &BTreeSet<String>,
) -> BTreeMap<String, ShardContent<'p>> {
    let mut groups: BTreeMap<String, ShardContent> = keys
        .iter()
        .map(|k| (k.clone(), (Vec::new(), Vec::new())))
        .collect();
    // Plain keys are the first two characters, so their terms sit together in the sorted
    // maps; hashed keys (`~xx`, other scripts) need a scan.
    let hashed = keys.iter().any(|k| k.starts_with('~'));
    let terms = &postings.terms;
    let words = &postings.words;
    for key in keys.iter().filter(|k| !k.starts_with('~')) {
        let Some(group) = groups.get_mut(key) else {
            continue;
        };
        for (term, _) in terms.range(key.clone()..) {
            if !term.starts_with(key.as_str()) {
                break;
            }
            if shard_key(term) == *key {
                group.0.push(term);
            }
        }
        for (word, (term, _)) in words.range(key.clone()..) {
            if !word.starts_with(key.as_str()) {
                break;
            }
            if shard_key(word) == *key {
                group.1.push((word, term));
            }
        }
    }
    if hashed {
        for term in terms.keys() {
            let key = shard_key(term);
            if key.starts_with('~')
                && let Some(group) = groups.get_mut(&key)
            {
                group.0.push(term);
            }
        }
        for (word, (term, _)) in words {
            let key = shard_key(word);
            if key.starts_with('~')
                && let Some(group) = groups.get_mut(&key)
            {
                group.1.push((word, term));
            }
        }
    }
    groups
}
