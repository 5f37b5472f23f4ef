//! Study mode's data files: a small deck (what every card is: its URL, section, tags,
//! difficulty and levels) and the cards' contents (title, prompt, short answer, answer) split
//! into chunks that the study page loads only when it shows one of their cards.
//!
//! Each file is a plain script that hands its data to `PrepbookData.register(kind, key, data)`
//! (`themes/default/static/data.js`). Scripts load from `file://` where `fetch` cannot, and the
//! single-file export can inline the same text in `<script>` elements: the study page looks in
//! the registry before it asks for a file. `</` and `<!--` are escaped in the JSON, so no
//! string can close an inline `<script>`. The chunks repeat the HTML the question pages hold,
//! so they are packed (gzipped, in base64: [`crate::packed`]), a fifth to a ninth of their plain
//! size.

use rayon::prelude::*;
use serde::Serialize;

use crate::content::{Difficulty, Guide, Kind, Level, QuestionId};

/// Where the deck is written, relative to the site root.
pub const DECK_FILE: &str = "study/deck.js";

/// The version of the data format, checked by the study page.
pub const FORMAT: u32 = 1;

/// A chunk is closed once its cards' HTML reaches this many bytes: a card the reader has not
/// reached costs at most one chunk of this size (packed, a fifth to a ninth of it), and a
/// deck in order loads few files. A site of 10,000 questions has about 700 chunks.
const CHUNK_BYTES: usize = 192 * 1024;

/// Where chunk `i` is written, relative to the site root.
pub fn chunk_file(i: usize) -> String {
    format!("study/cards-{i}.js")
}

/// The deck: everything the study page and the progress counts need before any card is shown.
#[derive(Debug, Serialize)]
struct Deck<'a> {
    format: u32,
    guide: &'a str,
    /// Every section, the root first; `parent` is an index into this list.
    sections: Vec<DeckSection<'a>>,
    tags: Vec<DeckTag<'a>>,
    /// The index of each chunk's first card: card `i` is in the last chunk starting at or
    /// before `i`.
    chunks: Vec<usize>,
    /// One row per card, in reading order: `[path, section, difficulty, levels, [tags]]`.
    /// `path` is the URL relative to its section's folder without `.html`, or the whole URL
    /// after a `/` when it is not below that folder. `difficulty`: 0 none, 1 easy, 2 medium,
    /// 3 hard. `levels`: a bit set, 1 entry, 2 mid, 4 senior.
    cards: Vec<(String, usize, u8, u8, Vec<usize>)>,
}

#[derive(Debug, Serialize)]
struct DeckSection<'a> {
    title: &'a str,
    url: &'a str,
    parent: Option<usize>,
}

#[derive(Debug, Serialize)]
struct DeckTag<'a> {
    name: &'a str,
    url: &'a str,
}

/// What a chunk holds for each of its cards: `[title, prompt HTML, short answer, answer HTML]`.
type CardContent<'a> = (&'a str, &'a str, &'a str, &'a str);

/// Writes the data files of a guide with `write(path relative to the site root, bytes)`.
/// Chunks are made and written in parallel, one at a time per thread: the cards of a large
/// guide hold as much HTML as its pages, too much to keep in memory all at once.
pub fn write(guide: &Guide, write: &(dyn Fn(&str, &[u8]) + Sync)) {
    let cards = card_ids(guide);
    let starts = chunk_starts(guide, &cards);
    write(DECK_FILE, deck(guide, &cards, &starts).as_bytes());
    starts.par_iter().enumerate().for_each(|(i, &start)| {
        let end = starts.get(i + 1).copied().unwrap_or(cards.len());
        write(
            &chunk_file(i),
            chunk(guide, &cards[start..end], i).as_bytes(),
        );
    });
}

/// Where each chunk starts (the index of its first card), for `serve`: after an edit it
/// rewrites only the chunks that changed ([`write_edited`]).
pub fn chunk_layout(guide: &Guide) -> Vec<usize> {
    chunk_starts(guide, &card_ids(guide))
}

/// Writes the deck alone.
pub fn write_deck(guide: &Guide, write: &(dyn Fn(&str, &[u8]) + Sync)) {
    let cards = card_ids(guide);
    let starts = chunk_starts(guide, &cards);
    write(DECK_FILE, deck(guide, &cards, &starts).as_bytes());
}

/// After question `id` changed in place (same kind, same place), writes the chunks that differ
/// from those of the layout `before`: the one holding the question, and any whose cards moved
/// because the question's size moved a boundary. Returns whether the layout moved (the deck
/// lists it) and the chunk files that no longer exist.
pub fn write_edited(
    guide: &Guide,
    id: QuestionId,
    before: &[usize],
    write: &(dyn Fn(&str, &[u8]) + Sync),
) -> (bool, Vec<String>) {
    let cards = card_ids(guide);
    let starts = chunk_starts(guide, &cards);
    let edited = cards.iter().position(|&c| c == id);
    let bounds = |s: &[usize], i: usize| {
        s.get(i)
            .map(|&a| (a, s.get(i + 1).copied().unwrap_or(cards.len())))
    };
    let changed: Vec<usize> = (0..starts.len())
        .filter(|&i| {
            let now = bounds(&starts, i);
            now != bounds(before, i)
                || edited.is_some_and(|e| now.is_some_and(|(a, b)| a <= e && e < b))
        })
        .collect();
    changed.par_iter().for_each(|&i| {
        let end = starts.get(i + 1).copied().unwrap_or(cards.len());
        write(
            &chunk_file(i),
            chunk(guide, &cards[starts[i]..end], i).as_bytes(),
        );
    });
    let gone = (starts.len()..before.len()).map(chunk_file).collect();
    (starts != before, gone)
}

/// The text of `study/deck.js`.
fn deck(guide: &Guide, cards: &[QuestionId], starts: &[usize]) -> String {
    let deck = Deck {
        format: FORMAT,
        guide: &guide.config.book.title,
        sections: guide
            .sections
            .iter()
            .map(|s| DeckSection {
                title: &s.title,
                url: &s.url,
                parent: s.parent,
            })
            .collect(),
        tags: guide
            .tags
            .iter()
            .map(|t| DeckTag {
                name: &t.name,
                url: &t.url,
            })
            .collect(),
        chunks: starts.to_vec(),
        cards: cards.iter().map(|&q| deck_row(guide, q)).collect(),
    };
    script("study-deck", "", &deck)
}

/// The text of chunk `i`, holding `cards`.
fn chunk(guide: &Guide, cards: &[QuestionId], i: usize) -> String {
    let contents: Vec<CardContent<'_>> = cards
        .iter()
        .map(|&q| {
            let question = &guide.questions[q];
            (
                question.title.as_str(),
                question.prompt_html(),
                // Its links lead from the site root, where the study page is.
                question.summary.html.as_str(),
                question.answer_html(),
            )
        })
        .collect();
    // Serializing strings cannot fail.
    let json = serde_json::to_vec(&contents).unwrap_or_else(|_| b"null".to_vec());
    crate::packed::script("study-cards", &i.to_string(), &json)
}

/// The questions that are cards (articles are not), in reading order.
fn card_ids(guide: &Guide) -> Vec<QuestionId> {
    (0..guide.questions.len())
        .filter(|&q| guide.questions[q].kind == Kind::Question)
        .collect()
}

/// Splits the cards into chunks of about [`CHUNK_BYTES`]; returns each chunk's first card.
fn chunk_starts(guide: &Guide, cards: &[QuestionId]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut size = CHUNK_BYTES;
    for (i, &q) in cards.iter().enumerate() {
        if size >= CHUNK_BYTES {
            starts.push(i);
            size = 0;
        }
        let question = &guide.questions[q];
        size += question.title.len() + question.summary.html.len() + question.body.html.len();
    }
    starts
}

/// Question `q`'s URL relative to its section's folder without `.html`, or the whole URL after
/// a `/` when it is not below that folder: the short form the deck and the navigation use.
pub(crate) fn card_path(guide: &Guide, q: QuestionId) -> String {
    let question = &guide.questions[q];
    let section_url = &guide.sections[question.section].url;
    let folder = section_url.strip_suffix("index.html").unwrap_or("");
    question
        .url
        .strip_prefix(folder)
        .and_then(|rest| rest.strip_suffix(".html"))
        .filter(|rest| !rest.starts_with('/'))
        .map_or_else(|| format!("/{}", question.url), str::to_string)
}

fn deck_row(guide: &Guide, q: QuestionId) -> (String, usize, u8, u8, Vec<usize>) {
    let question = &guide.questions[q];
    let path = card_path(guide, q);
    let difficulty = match question.difficulty {
        None => 0,
        Some(Difficulty::Easy) => 1,
        Some(Difficulty::Medium) => 2,
        Some(Difficulty::Hard) => 3,
    };
    let levels = question.levels.iter().fold(0, |bits, l| {
        bits | match l {
            Level::Entry => 1,
            Level::Mid => 2,
            Level::Senior => 4,
        }
    });
    (
        path,
        question.section,
        difficulty,
        levels,
        question.tags.clone(),
    )
}

/// `PrepbookData.register("kind","key",<data>);`, safe to inline in a `<script>` element.
pub(crate) fn script<T: Serialize>(kind: &str, key: &str, data: &T) -> String {
    // Serializing plain structs of strings and numbers cannot fail; keep the page working
    // (an empty payload) rather than panic if it ever did.
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    // Inside a script element, only `</` (an end tag such as `</script>`) and `<!--` change how
    // HTML reads the text. `<` appears only inside JSON strings, where `\/` and `\u003c` are
    // escapes for `/` and `<`; escaping every `<` would make card HTML a fifth bigger.
    format!(
        "PrepbookData.register({kind:?},{key:?},{});\n",
        json.replace("</", "<\\/").replace("<!--", "\\u003c!--")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_register_their_data_and_cannot_close_a_script_element() {
        let s = script("study-cards", "3", &vec![("a</script><b><!-- c -->", 1)]);
        assert_eq!(
            s,
            "PrepbookData.register(\"study-cards\",\"3\",[[\"a<\\/script><b>\\u003c!-- c -->\",1]]);\n"
        );
    }

    #[test]
    fn chunk_files_are_numbered() {
        assert_eq!(chunk_file(0), "study/cards-0.js");
        assert_eq!(chunk_file(12), "study/cards-12.js");
    }
}
