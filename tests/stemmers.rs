//! The browser's stemmers (themes/default/static/stem/*.js, English inside search.js) against
//! rust-stemmers, which the build uses: word for word, over the crate's own vocabularies and
//! words generated from the endings each algorithm removes. A query stemmed differently from
//! the index finds nothing, so one differing word is a reader's failed search.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

use common::{node_runs, repo, require};
use prepbook::search::tokenize::{Tokenizer, stemmer_names};
use rust_stemmers::{Algorithm, Stemmer};

/// Each stemmer: its algorithm, the crate's vocabulary file (if it has one) and letters to make
/// words of (added to the vocabulary's; all there is when the vocabulary cannot be found).
fn algorithms() -> Vec<(&'static str, Algorithm, &'static str, &'static str)> {
    vec![
        (
            "arabic",
            Algorithm::Arabic,
            "ar",
            "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيًٌٍَُِّْ",
        ),
        (
            "danish",
            Algorithm::Danish,
            "",
            "abcdefghijklmnopqrstuvwxyzæøåé",
        ),
        (
            "dutch",
            Algorithm::Dutch,
            "",
            "abcdefghijklmnopqrstuvwxyzäëïöüáéíóúè",
        ),
        (
            "english",
            Algorithm::English,
            "en",
            "abcdefghijklmnopqrstuvwxyz'",
        ),
        (
            "finnish",
            Algorithm::Finnish,
            "fi",
            "abcdefghijklmnopqrstuvwxyzäöå",
        ),
        (
            "french",
            Algorithm::French,
            "fr",
            "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüÿœ",
        ),
        (
            "german",
            Algorithm::German,
            "ger",
            "abcdefghijklmnopqrstuvwxyzäöüß",
        ),
        (
            "greek",
            Algorithm::Greek,
            "el",
            "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
        ),
        (
            "hungarian",
            Algorithm::Hungarian,
            "",
            "abcdefghijklmnopqrstuvwxyzáéíóöőúüű",
        ),
        (
            "italian",
            Algorithm::Italian,
            "it",
            "abcdefghijklmnopqrstuvwxyzàèéìíòóùú",
        ),
        (
            "norwegian",
            Algorithm::Norwegian,
            "no",
            "abcdefghijklmnopqrstuvwxyzæøåéèêóòâô",
        ),
        (
            "portuguese",
            Algorithm::Portuguese,
            "pt",
            "abcdefghijklmnopqrstuvwxyzáàâãçéêíóôõú",
        ),
        (
            "romanian",
            Algorithm::Romanian,
            "ro",
            "abcdefghijklmnopqrstuvwxyzăâîșțşţ",
        ),
        (
            "russian",
            Algorithm::Russian,
            "ru",
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ),
        (
            "spanish",
            Algorithm::Spanish,
            "es",
            "abcdefghijklmnopqrstuvwxyzáéíóúüñ",
        ),
        (
            "swedish",
            Algorithm::Swedish,
            "",
            "abcdefghijklmnopqrstuvwxyzåäöé",
        ),
        (
            "tamil",
            Algorithm::Tamil,
            "",
            "அஆஇஈஉஊஎஏஐஒஓஔகஙசஞடணதநபமயரலவழளறனஜஷஸஹாிீுூெேைொோௌ்ஃ",
        ),
        (
            "turkish",
            Algorithm::Turkish,
            "",
            "abcçdefgğhıijklmnoöprsştuüvyzâîû",
        ),
    ]
}

/// rust-stemmers' source folder, where cargo unpacked it (its `test_data/` holds vocabularies).
fn crate_dir() -> Option<PathBuf> {
    // Offline, cargo can list only this platform's packages: another's may not be downloaded.
    let rustc = Command::new("rustc").arg("-vV").output().ok()?;
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))?;
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", &host])
        .current_dir(repo())
        .output()
        .ok()?;
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    meta["packages"].as_array()?.iter().find_map(|p| {
        (p["name"] == "rust-stemmers")
            .then(|| {
                PathBuf::from(p["manifest_path"].as_str()?)
                    .parent()
                    .map(PathBuf::from)
            })
            .flatten()
    })
}

/// A small deterministic generator (xorshift), so a failure names the same words every run.
struct Words(u64);

impl Words {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn random(&mut self, letters: &[char], min: usize, max: usize) -> String {
        let n = min + self.below(max - min + 1);
        (0..n).map(|_| letters[self.below(letters.len())]).collect()
    }
}

/// The stem, or the word itself where rust-stemmers panics (a few Greek words), as the build
/// does (src/search/tokenize.rs).
fn stem_or_keep(stemmer: &Stemmer, word: &str) -> String {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        stemmer.stem(word).into_owned()
    }))
    .unwrap_or_else(|_| word.to_string())
}

/// What `stemmer` removed from the end of `word`, if it kept the start.
fn ending(stemmer: &Stemmer, word: &str) -> Option<String> {
    let stem: Vec<char> = stem_or_keep(stemmer, word).chars().collect();
    let word: Vec<char> = word.chars().collect();
    let kept = word.iter().zip(&stem).take_while(|(a, b)| a == b).count();
    (kept < word.len()).then(|| word[kept..].iter().collect())
}

/// The vocabulary (or nothing) plus `n` generated words: random letters, then random stems
/// with one or two of the endings the algorithm was seen to remove, so every suffix rule runs.
fn words_for(stemmer: &Stemmer, vocabulary: Vec<String>, letters: &str, n: usize) -> Vec<String> {
    let mut alphabet: BTreeSet<char> = letters.chars().collect();
    alphabet.extend(vocabulary.iter().flat_map(|w| w.chars()));
    let alphabet: Vec<char> = alphabet.into_iter().collect();
    let mut endings: BTreeSet<String> = vocabulary
        .iter()
        .filter_map(|w| ending(stemmer, w))
        .collect();
    let mut rng = Words(0x2545_F491_4F6C_DD1D);
    let mut out = vocabulary;
    for _ in 0..n / 4 {
        let w = rng.random(&alphabet, 3, 12);
        endings.extend(ending(stemmer, &w));
        out.push(w);
    }
    for round in 0..2 {
        let list: Vec<String> = endings.iter().cloned().collect();
        if list.is_empty() {
            // No vocabulary, and no random word lost an ending: nothing to build on.
            break;
        }
        for _ in 0..n * 3 / 8 {
            let mut w = rng.random(&alphabet, 1, 7);
            w.push_str(&list[rng.below(list.len())]);
            if round == 1 && rng.below(3) == 0 {
                w.push_str(&list[rng.below(list.len())]);
            }
            endings.extend(ending(stemmer, &w));
            out.push(w);
        }
    }
    out
}

#[test]
fn every_browser_stemmer_stems_like_the_build() {
    if !require(node_runs(), "node") {
        return;
    }
    let data = crate_dir().map(|d| d.join("test_data"));
    if data.as_ref().is_none_or(|d| !d.is_dir()) {
        eprintln!("rust-stemmers' test_data not found: comparing generated words only");
    }
    let mut cases: BTreeMap<&str, Vec<[String; 2]>> = BTreeMap::new();
    for (name, algorithm, voc, letters) in algorithms() {
        let stemmer = Stemmer::create(algorithm);
        let vocabulary: Vec<String> = data
            .as_ref()
            .filter(|_| !voc.is_empty())
            .and_then(|d| std::fs::read_to_string(d.join(format!("voc_{voc}.txt"))).ok())
            .map(|t| {
                t.lines()
                    .map(|l| l.trim().to_lowercase())
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let mut words = words_for(&stemmer, vocabulary, letters, 40_000);
        if name == "greek" {
            // Words rust-stemmers panics on: the build keeps them as written, and so must the
            // port.
            words.extend(
                ["ισαισα", "ισαισατε", "αδαιρετε", "υωφελετε", "συρφεκθετε"].map(String::from),
            );
        }
        let pairs = words
            .into_iter()
            .map(|w| {
                let s = stem_or_keep(&stemmer, &w);
                [w, s]
            })
            .collect();
        cases.insert(name, pairs);
    }
    // Every stemmer the build can pick has a port here.
    for name in stemmer_names() {
        assert!(cases.contains_key(name), "{name} is not compared");
        if name != "english" {
            let port = repo().join(format!("themes/default/static/stem/{name}.js"));
            assert!(
                port.is_file(),
                "no browser port of the {name} stemmer: {}",
                port.display()
            );
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("stems.json");
    std::fs::write(&file, serde_json::to_string(&cases).expect("json")).expect("write");
    let out = Command::new("node")
        .arg(repo().join("tests/browser/lib/compare-stems.js"))
        .arg(&file)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "the browser's stemmers differ from the build's:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The whole tokenizer per language (accents folded, which words are stemmed), over text in
/// each language: the browser's tokens equal the build's.
#[test]
fn the_browser_tokenizes_every_language_like_the_build() {
    if !require(node_runs(), "node") {
        return;
    }
    let data = crate_dir().map(|d| d.join("test_data"));
    let codes = [
        ("ar", "ar"),
        ("da", ""),
        ("nl", ""),
        ("fi", "fi"),
        ("fr", "fr"),
        ("de", "ger"),
        ("el", "el"),
        ("hu", ""),
        ("it", "it"),
        ("nb", "no"),
        ("pt-BR", "pt"),
        ("ro", "ro"),
        ("ru", "ru"),
        ("es", "es"),
        ("sv", ""),
        ("ta", ""),
        ("tr", ""),
    ];
    for (code, voc) in codes {
        let tokenizer = Tokenizer::for_language(code);
        // Capitalized and accented words, words with digits and identifiers among the text.
        let mut text = String::from("Straße İstanbul ĞÜŞÖÇ x2y 3rd __init__ functools.wraps ");
        if let Some(t) = data
            .as_ref()
            .filter(|_| !voc.is_empty())
            .and_then(|d| std::fs::read_to_string(d.join(format!("voc_{voc}.txt"))).ok())
        {
            for (i, w) in t.lines().step_by(7).take(3000).enumerate() {
                if i % 5 == 0 {
                    text.push_str(&w.to_uppercase());
                } else {
                    text.push_str(w);
                }
                text.push(if i % 11 == 0 { '.' } else { ' ' });
            }
        }
        // A sentence of our own in each language, so that each is stemmed even without the
        // vocabularies.
        text.push_str(match code {
            "ar" => "المبرمجون يكتبون الدوال بسرعة ",
            "fi" => "Ohjelmointikielet nopeuttavat ohjelmien suorittamista ",
            "fr" => "Les programmeurs écrivent des fonctions réutilisables ",
            "de" => "Die Programmierer schreiben wiederverwendbare Funktionen ",
            "it" => "I programmatori scrivono funzioni riutilizzabili ",
            "nb" => "Programmererne skriver gjenbrukbare funksjoner ",
            "pt-BR" => "Os programadores escrevem funções reutilizáveis ",
            "ro" => "Programatorii scriu funcții reutilizabile ",
            "ru" => "Программисты пишут повторно используемые функции ",
            "es" => "Los programadores escriben funciones reutilizables ",
            "da" => "Programmeringssprog programmerne hurtigere kørsel ørerne",
            "nl" => "Programmeertalen programmeren snellere uitvoering geïnterpreteerd",
            "hu" => "Programozási nyelvek gyorsabban futtatható függvényekkel",
            "sv" => "Programmeringsspråk programmerarna snabbare körningar",
            "ta" => "நிரலாக்க மொழிகள் செயல்பாடுகளை வேகமாக இயக்குகின்றன",
            "tr" => "Programlama dilleri fonksiyonlarını çalıştırıyorlar",
            "el" => "Οι άνθρωποι προγραμματίζουν ισαισα αδαιρετε",
            _ => "",
        });
        assert!(
            tokenizer.tokens(&text).iter().any(|k| k.word != k.term),
            "{code}: nothing was stemmed, so nothing was compared"
        );
        common::assert_browser_tokens_equal(&tokenizer, &[text], code);
    }
}

/// What the browser's search engine (run in node over the built files) lists first for each
/// query, on the site in `folder`.
fn top_titles(site: &std::path::Path, queries: &[&str]) -> Vec<String> {
    let script = r#"
const { engineFor, top } = require(process.argv[1]);
(async () => {
  const out = [];
  for (const q of JSON.parse(process.argv[3])) {
    const { engine } = engineFor(process.argv[2]);
    out.push((await top(engine, q, 1))[0] || '');
  }
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"#;
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(repo().join("tests/browser/lib/node-search.js"))
        .arg(site)
        .arg(serde_json::to_string(queries).expect("json"))
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("titles")
}

/// The `multilingual` fixture: English, with French and Russian translations whose words a
/// reader types in other forms than the page uses.
#[test]
fn a_query_finds_a_page_that_uses_another_form_of_its_words() {
    if !require(node_runs(), "node") {
        return;
    }
    let dir = common::fixture("multilingual");
    common::build_ok(dir.path());
    let book = dir.path().join("book");
    // The French page says "itération paresseuse"; the reader types the plural noun and the
    // masculine adjective. English stemming leaves "iterateurs" and "iter" apart.
    assert_eq!(
        top_titles(&book.join("fr"), &["itérateurs", "iterateurs paresseux"]),
        [
            "Comment fonctionne un générateur ?",
            "Comment fonctionne un générateur ?"
        ]
    );
    // The Russian page says "декоратор"; the reader types the instrumental plural. It says
    // "вызываемый": stemmed with its "й" (folded to "и" first, the stemmer would not know
    // the ending), the plural finds it.
    assert_eq!(
        top_titles(&book.join("ru"), &["декораторами", "функцию", "вызываемые"]),
        [
            "Что такое декоратор?",
            "Что такое декоратор?",
            "Что такое декоратор?"
        ]
    );
    // The site carries the ports its languages use and no others.
    let mut ports: Vec<String> = std::fs::read_dir(book.join("static/stem"))
        .expect("static/stem")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ports.sort();
    assert_eq!(ports, ["french.js", "russian.js"]);
}

/// A Greek page with a word rust-stemmers panics on builds, and says nothing about it.
#[test]
fn a_word_the_stemmer_cannot_stem_does_not_stop_the_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("content")).expect("mkdir");
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"Οδηγός\"\nlanguage = \"el\"\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("content/question.md"),
        "---\ntitle: Τι είναι ισαισα;\ndifficulty: easy\n---\n\nΗ λέξη αδαιρετε και οι άνθρωποι.\n",
    )
    .expect("write");
    let (_, stderr) = common::build_ok(dir.path());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(dir.path().join("book/static/stem/greek.js").is_file());
}

/// An English guide (here with Chinese, which stems its English words) ships no port.
#[test]
fn a_guide_in_english_ships_no_stemmer() {
    let dir = common::fixture("bilingual");
    common::build_ok(dir.path());
    assert!(dir.path().join("book/static/search.js").is_file());
    assert!(!dir.path().join("book/static/stem").exists());
}

/// A build after editing a French page patches the French index, stemmed in French, and
/// equals a clean build.
#[test]
fn a_build_after_editing_a_french_page_stems_the_edit_in_french() {
    if !require(node_runs(), "node") {
        return;
    }
    let dir = common::fixture("multilingual");
    // A build patches an edit of fewer than a quarter of the questions.
    common::add_filler_questions(dir.path(), 12);
    // Keeping its saved state (`--no-cache` would make the next build whole).
    let first = common::prepbook(dir.path())
        .arg("build")
        .output()
        .expect("run");
    assert!(first.status.success());
    common::replace_in(
        &dir.path().join("content/python/generators.fr.md"),
        "s'arrête de nouveau.",
        "s'arrête de nouveau, comme un accumulateur suspendu.",
    );
    let out = common::prepbook(dir.path())
        .arg("build")
        .output()
        .expect("run");
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("(an edit: "), "{summary}");
    // "accumulation" reaches the edited page's "accumulateur" through its French stem (in
    // English the two stay apart).
    assert_eq!(
        top_titles(&dir.path().join("book/fr"), &["accumulation suspendue"]),
        ["Comment fonctionne un générateur ?"]
    );
    let clean = tempfile::tempdir().expect("temp dir");
    common::copy_dir(&dir.path().join("content"), &clean.path().join("content"));
    std::fs::copy(dir.path().join("book.toml"), clean.path().join("book.toml")).expect("copy");
    common::build_ok(clean.path());
    assert_eq!(
        common::files(&dir.path().join("book")),
        common::files(&clean.path().join("book"))
    );
}
