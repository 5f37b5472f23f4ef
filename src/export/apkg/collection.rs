//! The `collection.anki2` inside an Anki package: an SQLite database in Anki's legacy layout
//! (schema 11), which every Anki since 2.1 imports. Tables `col` (the note types, decks and
//! options as JSON), `notes`, `cards`, and the empty `revlog` and `graves`.

use std::path::Path;

use rusqlite::{Connection, params};
use serde_json::{Map, Value, json};

/// Anki's legacy schema. Column types and names are what Anki reads; we add no index, since
/// Anki builds its own when it imports.
const SCHEMA: &str = "
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
  scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
  ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
  sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
  ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
  queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
  odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
  ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL,
  time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
";

/// The id of the deck every collection has ("Default"), and of the default deck options.
const DEFAULT_ID: i64 = 1;

/// What separates a note's field values in the `flds` column.
const FIELD_SEPARATOR: char = '\u{1f}';

/// A deck of the package.
pub struct Deck {
    pub id: i64,
    /// Parent and child joined by `::`.
    pub name: String,
    pub description: String,
}

/// A note, with its one card.
pub struct Note {
    pub guid: String,
    /// The note type's field values, in its order.
    pub fields: Vec<String>,
    /// The first field as plain text, for Anki's sorting and duplicate check.
    pub sort_text: String,
    pub tags: Vec<String>,
    /// The deck its card goes in.
    pub deck: i64,
}

/// Everything the collection holds.
pub struct Contents {
    /// The note type's JSON, with its `id`.
    pub notetype: Value,
    pub notetype_id: i64,
    pub decks: Vec<Deck>,
    pub notes: Vec<Note>,
    /// Seconds since the epoch: every note, card and deck is modified now, so Anki takes this
    /// package's notes as newer than those an earlier export left.
    pub now: i64,
}

/// Anki's note checksum: the first 32 bits of the SHA-1 of the sort field's text.
fn checksum(text: &str) -> i64 {
    let digest = sha1_smol::Sha1::from(text).digest().bytes();
    i64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]))
}

fn deck_json(id: i64, name: &str, description: &str, now: i64) -> Value {
    json!({
        "id": id,
        "name": name,
        "desc": description,
        "mod": now,
        "usn": -1,
        "dyn": 0,
        "conf": DEFAULT_ID,
        "collapsed": false,
        "browserCollapsed": false,
        "newToday": [0, 0],
        "revToday": [0, 0],
        "lrnToday": [0, 0],
        "timeToday": [0, 0],
        "extendNew": 0,
        "extendRev": 0,
    })
}

/// Anki's stock deck options (learning steps 1 and 10 minutes, 20 new cards a day, ...).
fn default_options(now: i64) -> Value {
    json!({
        "id": DEFAULT_ID,
        "name": "Default",
        "mod": now,
        "usn": -1,
        "maxTaken": 60,
        "autoplay": true,
        "timer": 0,
        "replayq": true,
        "dyn": false,
        "new": {
            "delays": [1.0, 10.0],
            "ints": [1, 4, 0],
            "initialFactor": 2500,
            "order": 1,
            "perDay": 20,
            "bury": false,
        },
        "rev": {
            "perDay": 200,
            "ease4": 1.3,
            "ivlFct": 1.0,
            "maxIvl": 36500,
            "hardFactor": 1.2,
            "bury": false,
        },
        "lapse": {
            "delays": [10.0],
            "mult": 0.0,
            "minInt": 1,
            "leechFails": 8,
            "leechAction": 1,
        },
    })
}

/// Writes the collection to a new SQLite file at `path`.
pub fn write(path: &Path, contents: &Contents) -> rusqlite::Result<()> {
    let now = contents.now;
    let mut db = Connection::open(path)?;
    db.execute_batch(SCHEMA)?;
    let tx = db.transaction()?;

    let mut decks = Map::new();
    decks.insert(
        DEFAULT_ID.to_string(),
        deck_json(DEFAULT_ID, "Default", "", now),
    );
    for d in &contents.decks {
        decks.insert(
            d.id.to_string(),
            deck_json(d.id, &d.name, &d.description, now),
        );
    }
    let mut models = Map::new();
    models.insert(contents.notetype_id.to_string(), contents.notetype.clone());
    let mut options = Map::new();
    options.insert(DEFAULT_ID.to_string(), default_options(now));
    let conf = json!({
        "activeDecks": [DEFAULT_ID],
        "curDeck": DEFAULT_ID,
        "curModel": contents.notetype_id,
        "nextPos": contents.notes.len() + 1,
        "newSpread": 0,
        "collapseTime": 1200,
        "timeLim": 0,
        "estTimes": true,
        "dueCounts": true,
        "sortType": "noteFld",
        "sortBackwards": false,
        "addToCur": true,
        "schedVer": 2,
    });
    let millis = now * 1000;
    tx.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            // The collection's first day starts at midnight UTC.
            now - now.rem_euclid(86_400),
            millis,
            conf.to_string(),
            Value::Object(models).to_string(),
            Value::Object(decks).to_string(),
            Value::Object(options).to_string(),
        ],
    )?;
    {
        let mut note_row =
            tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")?;
        let mut card_row = tx.prepare(
            "INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, '')",
        )?;
        for (i, note) in contents.notes.iter().enumerate() {
            // Anki's ids are creation times in milliseconds; ours count on from the export's.
            let id = millis + i as i64;
            let fields: Vec<&str> = note.fields.iter().map(String::as_str).collect();
            let tags = if note.tags.is_empty() {
                String::new()
            } else {
                format!(" {} ", note.tags.join(" "))
            };
            note_row.execute(params![
                id,
                note.guid,
                contents.notetype_id,
                now,
                tags,
                fields.join(&FIELD_SEPARATOR.to_string()),
                note.sort_text,
                checksum(&note.sort_text),
            ])?;
            // A new card; `due` is its place in the queue of new cards: the guide's order.
            card_row.execute(params![id, id, note.deck, now, i as i64 + 1])?;
        }
    }
    tx.commit()?;
    db.close().map_err(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_is_the_first_32_bits_of_the_sha1() {
        // SHA-1("abc") = a9993e36 4706816a ...
        assert_eq!(checksum("abc"), 0xa999_3e36);
    }
}
