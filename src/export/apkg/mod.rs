//! `prepbook export --format apkg`: the guide as an Anki package. A zip of a legacy collection
//! (`collection.anki2`, see [`collection`]), a `media` list and the images. One note of the
//! Prepbook note type ([`notetype`]) per question, one deck per section, and each note's GUID
//! from [`crate::export::notes::guid`], so importing a newer package updates the notes and keeps
//! their review history.

pub mod collection;
pub mod media;
pub mod notetype;

use std::io::{Cursor, Write};

use serde_json::{Map, Value};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::content::Guide;
use crate::diagnostics::{Diagnostic, display_path};
use crate::export::notes;
use crate::highlight::Highlighter;
use collection::{Contents, Deck, Note};
use media::Media;

/// The first id of the package's own decks (ids below are Anki's: 1 is "Default").
const FIRST_DECK_ID: i64 = 1_733_300_000_100;

/// A package, ready to write.
pub struct Package {
    pub bytes: Vec<u8>,
    pub notes: usize,
}

fn error(what: &str, e: impl std::fmt::Display) -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        "export",
        format!("cannot make the Anki package: {what}: {e}"),
    )]
}

/// Seconds since the epoch, now.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The decks: one per section that has questions in it or below it, the root's being the
/// guide's own deck. Returns them with each section's deck id (0 for a section without one).
fn decks(guide: &Guide) -> (Vec<Deck>, Vec<i64>) {
    let mut decks = Vec::new();
    let mut ids = vec![0; guide.sections.len()];
    for (s, section) in guide.sections.iter().enumerate() {
        if guide.cards_in(s) == 0 {
            continue;
        }
        let id = FIRST_DECK_ID + decks.len() as i64;
        ids[s] = id;
        decks.push(Deck {
            id,
            name: notes::deck_name(guide, s),
            // Anki shows a deck's description as HTML; ours are text.
            description: crate::highlight::escape(if s == 0 {
                guide.config.description()
            } else {
                &section.description
            }),
        });
    }
    (decks, ids)
}

/// Makes the package of `guide`, its code coloured by `highlighter`.
pub fn package(guide: &Guide, highlighter: &Highlighter) -> Result<Package, Vec<Diagnostic>> {
    notes::check_ids(guide)?;
    let now = now();
    let (decks, deck_ids) = decks(guide);
    let mut media = Media::new(guide);
    let base_url = guide.config.base_url();
    let mut note_list = Vec::new();
    for (_, q) in notes::note_questions(guide) {
        let url = match base_url {
            Some(base) => format!("{base}/{}", q.url),
            None => q.url.clone(),
        };
        note_list.push(Note {
            guid: notes::guid(q),
            fields: vec![
                crate::highlight::escape(&q.title),
                media.field(q.prompt_html(), &q.url),
                // A summary's links lead to URLs relative to the site root; without a base URL
                // they would lead nowhere from Anki, so they keep their text only.
                match base_url {
                    Some(_) => media.field(&q.summary.html, ""),
                    None => media.field(&q.summary.html_without_links, ""),
                },
                media.field(q.answer_html(), &q.url),
                url,
            ],
            sort_text: q.title.clone(),
            tags: notes::tags(guide, q),
            deck: deck_ids[q.section],
        });
    }
    let code_css = highlighter.stylesheet_scoped(".card ", &[".nightMode ", ".night_mode "]);
    let contents = Contents {
        notetype: notetype::notetype(&code_css, now),
        notetype_id: notetype::NOTETYPE_ID,
        decks,
        notes: note_list,
        now,
    };
    let dir = tempfile::tempdir().map_err(|e| error("a temporary folder", e))?;
    let db = dir.path().join("collection.anki2");
    collection::write(&db, &contents).map_err(|e| error("the collection", e))?;
    let db_bytes = std::fs::read(&db).map_err(|e| error("the collection", e))?;
    let bytes = zip(&db_bytes, &media)?;
    Ok(Package {
        bytes,
        notes: contents.notes.len(),
    })
}

/// The zip: the collection, the `media` list (`{"0": "name.png"}`), and each image under its
/// number.
fn zip(collection: &[u8], media: &Media) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let mut add = |name: &str, bytes: &[u8]| {
        zip.start_file(name, options)
            .and_then(|()| zip.write_all(bytes).map_err(Into::into))
            .map_err(|e| error(name, e))
    };
    add("collection.anki2", collection)?;
    let mut list = Map::new();
    for (i, (name, asset)) in media.files.iter().enumerate() {
        let bytes = std::fs::read(&asset.source).map_err(|e| {
            vec![Diagnostic::error(
                display_path(&asset.source),
                format!("cannot read the image for the Anki package: {e}"),
            )]
        })?;
        add(&i.to_string(), &bytes)?;
        list.insert(i.to_string(), Value::String(name.clone()));
    }
    add("media", Value::Object(list).to_string().as_bytes())?;
    zip.finish()
        .map(Cursor::into_inner)
        .map_err(|e| error("the zip", e))
}
