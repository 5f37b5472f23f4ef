//! The Prepbook note type of an Anki package: its fields, its one card (question on the front,
//! short answer and answer on the back), and its CSS with the guide's code colours for Anki's
//! light and night modes. Written as the legacy (schema 11) JSON of the collection's `models`.

use serde_json::{Value, json};

/// The note type's id. The same in every export and every guide, so a newer package's notes
/// match the ones imported before (Anki updates a note only when its note type is the same).
/// Change it only with the fields, and say so in the release notes.
pub const NOTETYPE_ID: i64 = 1_733_300_000_001;

pub const NAME: &str = "Prepbook";

/// The fields, in the order of a note's values.
pub const FIELDS: [&str; 5] = ["Question", "Prompt", "Short answer", "Answer", "URL"];

const FRONT: &str = "<h2 class=\"pb-question\">{{Question}}</h2>\n\
{{#Prompt}}<div class=\"pb-prompt\">{{Prompt}}</div>{{/Prompt}}";

const BACK: &str = "{{FrontSide}}\n<hr id=\"answer\">\n\
{{#Short answer}}<p class=\"pb-short\"><strong>Short answer:</strong> {{Short answer}}</p>{{/Short answer}}\n\
<div class=\"pb-answer\">{{Answer}}</div>\n\
{{#URL}}<p class=\"pb-source\"><a href=\"{{text:URL}}\">{{text:URL}}</a></p>{{/URL}}";

/// The card's own look; the code colours come after it.
const CARD_CSS: &str = "\
.card { font-family: system-ui, -apple-system, \"Segoe UI\", sans-serif; font-size: 18px;
  line-height: 1.5; text-align: left; max-width: 46em; margin: 0 auto; padding: 0 1em;
  color: #1f2328; background: #ffffff; }
.card.nightMode, .card.night_mode { color: #e6edf3; background: #1f2329; }
.pb-question { font-size: 1.3em; margin: 0.5em 0; }
.pb-short { padding: 0.5em 0.75em; border-left: 4px solid #3b82f6;
  background: rgba(59, 130, 246, 0.1); }
.pb-source { font-size: 0.8em; opacity: 0.75; word-break: break-all; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { overflow-x: auto; padding: 0.75em 1em; border-radius: 6px; font-size: 0.85em;
  line-height: 1.45; border: 1px solid rgba(128, 128, 128, 0.3); }
.code-lang { font-size: 0.8em; opacity: 0.75; }
table { border-collapse: collapse; }
th, td { border: 1px solid rgba(128, 128, 128, 0.4); padding: 0.25em 0.5em; }
img { max-width: 100%; height: auto; }
a { color: #0969da; }
.nightMode a, .night_mode a { color: #7cb7ff; }
/* The site's heading links (`#`) mean nothing on a card. */
a.anchor { display: none; }
/* The site's copy buttons need its script, which a card does not have. */
.copy-code { display: none; }
";

/// A stable id for one of the note type's fields or templates (Anki 2.1.67 and later merge note
/// types by them): from the name, so it is the same in every export.
fn part_id(kind: &str, name: &str) -> i64 {
    let digest = sha1_smol::Sha1::from(format!("prepbook {kind} {name}")).digest();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest.bytes()[..8]);
    // 63 bits: positive, as Anki's own ids are.
    (u64::from_be_bytes(first) >> 1) as i64
}

/// The note type as the `models` JSON holds it; `code_css` is the highlighting for both modes.
pub fn notetype(code_css: &str, now: i64) -> Value {
    let fields: Vec<Value> = FIELDS
        .iter()
        .enumerate()
        .map(|(ord, name)| {
            json!({
                "name": name,
                "ord": ord,
                "sticky": false,
                "rtl": false,
                "font": "Arial",
                "size": 20,
                "description": "",
                "plainText": false,
                "collapsed": false,
                "excludeFromSearch": *name == "URL",
                "id": part_id("field", name),
            })
        })
        .collect();
    json!({
        "id": NOTETYPE_ID,
        "name": NAME,
        "type": 0,
        "mod": now,
        "usn": -1,
        "sortf": 0,
        "did": null,
        "tmpls": [{
            "name": "Question",
            "ord": 0,
            "qfmt": FRONT,
            "afmt": BACK,
            "bqfmt": "",
            "bafmt": "",
            "did": null,
            "bfont": "",
            "bsize": 0,
            "id": part_id("template", "Question"),
        }],
        "flds": fields,
        "css": format!("{CARD_CSS}{code_css}"),
        "latexPre": "",
        "latexPost": "",
        "latexsvg": false,
        // The card is made when the Question field is not empty.
        "req": [[0, "any", [0]]],
        "tags": [],
        "vers": [],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_the_templates_name_exists() {
        for template in [FRONT, BACK] {
            let mut rest = template;
            while let Some(open) = rest.find("{{") {
                let close = rest[open..].find("}}").expect("closed") + open;
                let name = rest[open + 2..close].trim_start_matches(['#', '/', '^']);
                let name = name.strip_prefix("text:").unwrap_or(name);
                assert!(
                    name == "FrontSide" || FIELDS.contains(&name),
                    "{{{{{name}}}}} is not a field"
                );
                rest = &rest[close + 2..];
            }
        }
    }

    #[test]
    fn part_ids_are_stable_positive_and_distinct() {
        let ids: Vec<i64> = FIELDS.iter().map(|f| part_id("field", f)).collect();
        assert!(ids.iter().all(|&i| i > 0));
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());
        assert_eq!(part_id("field", "Question"), ids[0]);
    }
}
