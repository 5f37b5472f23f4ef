//! Search, built at build time in Rust and loaded by the browser as plain scripts, so it works
//! over HTTP under any path and from `file://` (where `fetch`, XHR and modules do not).
//!
//! Every file hands its data to `PrepbookData` (`register("search", name, data)`, or `packed`).
//! A reader's first query loads
//! only what it needs:
//!
//! - `search/index.js`: the manifest (document count, sections and their reading order, tags,
//!   which shards exist);
//! - `search/s/<key>.js`: a shard: the terms starting with one two-letter key, each with its
//!   postings (question id, fields, frequency), plus the words that stem to them. A shard over
//!   [`SPLIT`] bytes is split by the third letter; its group's word list (`search/w/<key>.js`)
//!   then serves typo matching. A shard of [`PACK_SHARD`] bytes or more is packed;
//! - `search/d/<folder>/<n>.js`: metadata (title, URL, section, difficulty, tags, summary) and
//!   snippet text of [`CHUNK`] questions, for the results shown, packed (gzipped, in base64:
//!   [`crate::packed`]); the registry hands on the plain JSON;
//! - `search/facets.js`: every question's section, difficulty, levels and tags, for filters and
//!   their counts (loaded when the reader filters, or on the search page).

pub mod encode;
pub mod index;
pub mod synonyms;
pub mod tokenize;
pub mod update;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::content::{Difficulty, Guide, Level};
use encode::{push_small, push_varint};
use index::Postings;

/// Questions per metadata chunk. A chunk holds each question's snippet text too, so a result
/// loads one small file; a chunk of 4 keeps a page of 20 results under 300 KB at 10,000
/// questions, and writes a quarter as many files as one per question.
pub const CHUNK: usize = 4;
/// A shard bigger than this (bytes of JSON) is split by the third letter.
pub const SPLIT: usize = 48 * 1024;
/// A shard of this many bytes of JSON or more is packed (a generated guide's shrink to about
/// a third); below it, gzip's header and base64 would take back most of what they save.
pub const PACK_SHARD: usize = 2048;
/// Where a metadata chunk's entry for a question keeps its snippet text (the last field).
pub const SNIPPET_FIELD: usize = 8;
/// Characters of a question's text kept for its snippet.
pub const FRAGMENT_CHARS: usize = 12_000;
/// How many metadata chunks share a folder (ext4 creates files slowly in a folder of thousands).
pub const CHUNK_FOLDER: usize = 100;

/// The search files of a guide: (path relative to the site root, contents).
pub struct SearchFiles {
    pub files: Vec<(String, String)>,
}

impl SearchFiles {
    /// Total bytes per kind of file.
    pub fn sizes(&self) -> BTreeMap<&'static str, usize> {
        let mut sizes = BTreeMap::new();
        for (path, text) in &self.files {
            *sizes.entry(kind_of(path)).or_insert(0) += text.len();
        }
        sizes
    }
}

fn kind_of(path: &str) -> &'static str {
    match path.split('/').nth(1) {
        Some("s") => "shards",
        Some("d") => "documents and snippet text",
        Some("w") => "word lists",
        Some("facets.js") => "facets",
        _ => "manifest",
    }
}

/// The terms and (word, term) pairs that go into one shard.
type ShardContent<'a> = (Vec<&'a String>, Vec<(&'a String, &'a String)>);

/// One registered data file, from its JSON.
fn file_json(name: &str, json: &str) -> (String, String) {
    (
        format!("search/{name}.js"),
        format!("PrepbookData.register(\"search\",\"{name}\",{json});\n"),
    )
}

/// A shard's file: packed ([`crate::packed`]) from [`PACK_SHARD`] bytes of JSON, where
/// gzip and base64 save more than they add.
fn shard_file(name: &str, json: &str) -> (String, String) {
    if json.len() < PACK_SHARD {
        return file_json(name, json);
    }
    (
        format!("search/{name}.js"),
        crate::packed::script("search", name, json.as_bytes()),
    )
}

fn file(name: &str, data: &Value) -> (String, String) {
    file_json(
        name,
        &serde_json::to_string(data).unwrap_or_else(|_| "null".into()),
    )
}

/// A key as a file name: hex of its UTF-8 bytes (keys hold `_`, `.` and any script).
pub fn key_file(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// Builds every search file of the guide in memory (for tests and the export).
pub fn build(guide: &Guide) -> SearchFiles {
    let files = std::sync::Mutex::new(Vec::new());
    for_each_file(guide, &|path, text| {
        if let Ok(mut f) = files.lock() {
            f.push((path, text));
        }
    });
    let mut files = files.into_inner().unwrap_or_default();
    files.sort();
    SearchFiles { files }
}

/// Makes every search file of the guide, in parallel, handing each to `emit` as soon as it is
/// made (a build writes it straight to the site).
pub fn for_each_file(guide: &Guide, emit: &(dyn Fn(String, String) + Sync)) {
    SearchIndex::write(guide, emit);
}

/// The search index of a loaded guide. A build drops it once the files are written; `serve`
/// keeps it, so that an edit to one question rewrites only the files that change
/// ([`SearchIndex::update`]).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct SearchIndex {
    postings: Postings,
    /// Each shard group's entry in the manifest: `0` for one file, or the list of its parts.
    #[serde(with = "crate::as_json")]
    layout: BTreeMap<String, Value>,
}

impl SearchIndex {
    /// Makes every search file of the guide, in parallel, handing each to `emit`.
    pub fn write(guide: &Guide, emit: &(dyn Fn(String, String) + Sync)) -> SearchIndex {
        let postings = Postings::build(guide);

        // Shards: terms and words grouped by their two-letter key.
        let mut groups: BTreeMap<String, ShardContent> = BTreeMap::new();
        for term in postings.terms.keys() {
            groups
                .entry(tokenize::shard_key(term))
                .or_default()
                .0
                .push(term);
        }
        for (word, (term, _)) in &postings.words {
            groups
                .entry(tokenize::shard_key(word))
                .or_default()
                .1
                .push((word, term));
        }
        let layout: BTreeMap<String, Value> = groups
            .par_iter()
            .map(|(key, (terms, words))| {
                (key.clone(), write_group(&postings, key, terms, words, emit))
            })
            .collect();

        guide
            .questions
            .par_chunks(CHUNK)
            .enumerate()
            .for_each(|(n, _)| {
                let (p, t) = doc_chunk(guide, n);
                emit(p, t);
            });
        let (p, t) = facets(guide);
        emit(p, t);
        let (p, t) = manifest(guide, &layout, &postings);
        emit(p, t);
        SearchIndex { postings, layout }
    }
}

/// Writes one shard group: a single shard, or, over [`SPLIT`] bytes, one shard per third letter
/// plus the group's word list. Returns the group's entry in the manifest.
fn write_group(
    postings: &Postings,
    key: &str,
    terms: &[&String],
    words: &[(&String, &String)],
    emit: &(dyn Fn(String, String) + Sync),
) -> Value {
    let whole = shard(postings, terms, words);
    if whole.len() <= SPLIT || key.starts_with('~') {
        let (p, t) = shard_file(&format!("s/{}", key_file(key)), &whole);
        emit(p, t);
        return json!(0);
    }
    // Split by the third character; the group's word list serves typo matching.
    let sub = |s: &str| s.chars().take(3).collect::<String>();
    let mut parts: BTreeMap<String, ShardContent> = BTreeMap::new();
    for t in terms {
        parts.entry(sub(t)).or_default().0.push(t);
    }
    for (w, t) in words {
        parts.entry(sub(w)).or_default().1.push((w, t));
    }
    for (part, (ts, ws)) in &parts {
        let (p, t) = shard_file(&format!("s/{}", key_file(part)), &shard(postings, ts, ws));
        emit(p, t);
    }
    let mut dict = serde_json::Map::new();
    for t in terms {
        dict.insert((*t).clone(), Value::from(0));
    }
    for (w, t) in words {
        dict.insert((*w).clone(), Value::from((*t).clone()));
    }
    let (p, t) = file(&format!("w/{}", key_file(key)), &Value::Object(dict));
    emit(p, t);
    json!(parts.keys().collect::<Vec<_>>())
}

/// The files a shard group with this manifest entry is written to.
fn group_files(key: &str, layout: &Value) -> Vec<String> {
    match layout.as_array() {
        Some(parts) => parts
            .iter()
            .filter_map(Value::as_str)
            .map(|p| format!("search/s/{}.js", key_file(p)))
            .chain([format!("search/w/{}.js", key_file(key))])
            .collect(),
        None => vec![format!("search/s/{}.js", key_file(key))],
    }
}

fn levels_mask(q: &crate::content::Question) -> u8 {
    q.levels
        .iter()
        .map(|l| 1u8 << Level::ALL.iter().position(|x| x == l).unwrap_or(0))
        .fold(0, |a, b| a | b)
}

fn difficulty_number(d: Option<Difficulty>) -> usize {
    d.map_or(0, |d| {
        Difficulty::ALL.iter().position(|x| *x == d).unwrap_or(0) + 1
    })
}

/// Metadata chunk `n`: title, URL, section, difficulty, levels, tags, summary (HTML), kind and the
/// text for the snippet under the result, of [`CHUNK`] questions.
fn doc_chunk(guide: &Guide, n: usize) -> (String, String) {
    let docs: Vec<Value> = guide
        .questions
        .iter()
        .skip(n * CHUNK)
        .take(CHUNK)
        .map(|q| {
            json!([
                q.title,
                q.url,
                q.section,
                difficulty_number(q.difficulty),
                levels_mask(q),
                q.tags,
                // Without links: a result is a link itself.
                q.summary.html_without_links,
                if q.kind == crate::content::Kind::Article {
                    1
                } else {
                    0
                },
                snippet_text(q),
            ])
        })
        .collect();
    // The snippet text makes these the index's bulk: they are packed ([`crate::packed`]).
    let name = chunk_name(n);
    let json = serde_json::to_vec(&docs).unwrap_or_else(|_| b"null".to_vec());
    (
        format!("search/{name}.js"),
        crate::packed::script("search", &name, &json),
    )
}

/// Where metadata chunk `n` is, below `search/` and without `.js`.
pub fn chunk_name(n: usize) -> String {
    format!("d/{}/{n}", n / CHUNK_FOLDER)
}

/// A question's text, for the snippet under its result.
fn snippet_text(q: &crate::content::Question) -> String {
    q.body.text.chars().take(FRAGMENT_CHARS).collect()
}

/// Facets: one character per question for section, one for difficulty and levels; tags as
/// posting lists.
fn facets(guide: &Guide) -> (String, String) {
    let mut sections = String::new();
    let mut kinds = String::new();
    for q in &guide.questions {
        push_varint(&mut sections, q.section as u32);
        push_small(
            &mut kinds,
            (difficulty_number(q.difficulty) as u8) | (levels_mask(q) << 2),
        );
    }
    let tags: Vec<String> = guide
        .tags
        .iter()
        .map(|t| {
            let mut s = String::new();
            let mut prev = 0u32;
            for &q in &t.questions {
                push_varint(&mut s, q as u32 - prev);
                prev = q as u32;
            }
            s
        })
        .collect();
    file("facets", &json!({ "s": sections, "k": kinds, "t": tags }))
}

/// The manifest: how the rest is laid out.
fn manifest(
    guide: &Guide,
    layout: &BTreeMap<String, Value>,
    postings: &Postings,
) -> (String, String) {
    let tokenizer = tokenize::Tokenizer::for_language(guide.config.language());
    let shards: serde_json::Map<String, Value> =
        layout.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let manifest = json!({
        "v": 1,
        "n": guide.questions.len(),
        "chunk": CHUNK,
        "chunkFolder": CHUNK_FOLDER,
        "sections": guide.sections.iter().map(|s| json!([s.title, s.url, s.parent])).collect::<Vec<_>>(),
        "order": section_order(guide),
        "tags": guide.tags.iter().map(|t| json!([t.name, t.url])).collect::<Vec<_>>(),
        "difficulties": Difficulty::ALL.iter().map(|d| d.name()).collect::<Vec<_>>(),
        "levels": Level::ALL.iter().map(|l| l.name()).collect::<Vec<_>>(),
        "shards": shards,
        // Synonym groups the guide can use; the browser expands queries with them.
        "syn": synonyms::groups(&tokenizer, &guide.config.search.synonyms, |t| postings.terms.contains_key(t)),
        // The stemmer of the guide's language: the browser loads its port (static/stem/).
        "stem": tokenizer.stemmer_name(),
    });
    file("index", &manifest)
}

/// Section ids in the guide's reading order (depth first, each folder's subsections sorted as
/// the guide sorts them): the search page lists its section filter in this order.
fn section_order(guide: &Guide) -> Vec<usize> {
    let mut order = Vec::with_capacity(guide.sections.len());
    let mut stack = vec![0];
    while let Some(s) = stack.pop() {
        order.push(s);
        if let Some(section) = guide.sections.get(s) {
            stack.extend(section.children.iter().rev());
        }
    }
    order
}

/// A shard's JSON: `t` maps each term to its postings, `w` each word to its term.
fn shard(postings: &Postings, terms: &[&String], words: &[(&String, &String)]) -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut out = String::from("{\"t\":{");
    let mut first = true;
    for term in terms {
        let Some(list) = postings.terms.get(*term) else {
            continue;
        };
        let mut s = String::with_capacity(list.len() * 3);
        let mut prev = 0u32;
        for &(doc, mask, tf) in list {
            push_varint(&mut s, doc - prev);
            prev = doc;
            // Four field bits and two bits of body frequency: one character.
            push_small(&mut s, mask | (tf << 4));
        }
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&quote(term));
        out.push(':');
        out.push_str(&quote(&s));
    }
    out.push_str("},\"w\":{");
    for (i, (word, term)) in words.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(word));
        out.push(':');
        out.push_str(&quote(term));
    }
    out.push_str("}}");
    out
}
