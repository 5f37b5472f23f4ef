//! The search index, built at build time: for every term, which questions hold it and in which
//! fields (title, tags, summary, body). A page's `aliases` and `keywords` count as its title, its
//! headings (but the standard ones every answer has) as its summary: a match there says the page
//! is about the word. Questions are analysed in parallel, then the postings are
//! grouped into shards by the terms' first two letters.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::content::{Guide, Question};
use crate::search::tokenize::Tokenizer;

/// Where a term was found; a match in a higher field ranks higher. Aliases and keywords are
/// indexed as the title, headings as the summary.
pub const TITLE: u8 = 8;
pub const TAGS: u8 = 4;
pub const SUMMARY: u8 = 2;
pub const BODY: u8 = 1;

/// One question's terms: the fields each is in and how often it occurs in the body (capped at 3).
#[derive(Debug, Default, Clone)]
pub struct DocTerms {
    pub terms: FxHashMap<String, (u8, u8)>,
    /// Words whose term differs from the word as written (`decorators` -> `decor`).
    pub words: FxHashMap<String, String>,
}

/// Analyses one question's fields.
pub fn analyze(tokenizer: &Tokenizer, guide: &Guide, q: &Question) -> DocTerms {
    let mut doc = DocTerms::default();
    let mut add = |text: &str, field: u8| {
        tokenizer.for_each_token(text, |word, term| {
            let seen = |entry: &mut (u8, u8)| {
                entry.0 |= field;
                if field == BODY {
                    entry.1 = (entry.1 + 1).min(3);
                }
            };
            match doc.terms.get_mut(term) {
                Some(entry) => seen(entry),
                None => {
                    let mut entry = (0, 0);
                    seen(&mut entry);
                    doc.terms.insert(term.to_string(), entry);
                }
            }
            if word != term && !doc.words.contains_key(word) {
                doc.words.insert(word.to_string(), term.to_string());
            }
        });
    };
    add(&q.title, TITLE);
    let front = q.front();
    add(&front.aliases.join("\n"), TITLE);
    add(&front.keywords.join("\n"), TITLE);
    let tags: Vec<&str> = q
        .tags
        .iter()
        .map(|&t| guide.tags[t].name.as_str())
        .collect();
    add(&tags.join(" "), TAGS);
    add(&q.summary.text, SUMMARY);
    // The headings every answer has ("How to answer") say nothing about what it is about.
    let standard = |h: &str| {
        crate::scaffold::ANSWER_HEADINGS
            .iter()
            .map(|s| s.to_string())
            .chain(guide.config.study.answer_headings.iter().cloned())
            .any(|s| s.eq_ignore_ascii_case(h.trim()))
    };
    let headings: Vec<&str> = q
        .body
        .headings
        .iter()
        .map(|h| h.text.as_str())
        .filter(|h| !standard(h))
        .collect();
    add(&headings.join("\n"), SUMMARY);
    add(&q.body.text, BODY);
    add(&q.body.code_identifiers.join(" "), BODY);
    doc
}

/// A posting: (question id, fields mask, body frequency).
pub type Posting = (u32, u8, u8);

/// Every term's postings and every word's term, for the whole guide.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Postings {
    pub terms: BTreeMap<String, Vec<Posting>>,
    /// Each word's term, and how many questions use the word (so `serve` can drop a word when
    /// the last question using it changes).
    pub words: BTreeMap<String, (String, u32)>,
}

impl Postings {
    /// Analyses every question in parallel; each thread folds its questions into partial maps
    /// (hash maps: a string-keyed B-tree spent a tenth of a large build comparing keys), which
    /// are then merged and sorted once, so no per-question map outlives its question.
    pub fn build(guide: &Guide) -> Postings {
        type Terms = FxHashMap<String, Vec<Posting>>;
        type Words = FxHashMap<String, (String, u32)>;
        let tokenizer = Tokenizer::for_language(guide.config.language());
        let (terms, words) = guide
            .questions
            .par_iter()
            .enumerate()
            .fold(
                <(Terms, Words)>::default,
                |(mut terms, mut words), (id, q)| {
                    let doc = analyze(&tokenizer, guide, q);
                    for (term, (mask, tf)) in doc.terms {
                        terms.entry(term).or_default().push((id as u32, mask, tf));
                    }
                    // The earliest question's term for a word wins, whatever the threads did.
                    for (word, term) in doc.words {
                        words.entry(word).or_insert((term, 0)).1 += 1;
                    }
                    (terms, words)
                },
            )
            .reduce(
                <(Terms, Words)>::default,
                |(mut terms, mut words), (b_terms, b_words)| {
                    for (term, list) in b_terms {
                        terms.entry(term).or_default().extend(list);
                    }
                    for (word, (term, n)) in b_words {
                        words.entry(word).or_insert((term, 0)).1 += n;
                    }
                    (terms, words)
                },
            );
        let mut postings = Postings {
            terms: terms.into_iter().collect(),
            words: words.into_iter().collect(),
        };
        postings
            .terms
            .par_iter_mut()
            .for_each(|(_, list)| list.sort_unstable_by_key(|p| p.0));
        postings
    }
}
