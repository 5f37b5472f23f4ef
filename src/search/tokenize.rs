//! Text into search terms. The browser does exactly the same to a query
//! (`themes/default/static/search.js`), and a browser test checks the two agree on every word of
//! the bundled guide:
//!
//! 1. normalize: compatibility-decompose (NFKD), drop the accents (the marks of Unicode's
//!    combining diacritics blocks; the vowel signs of Tamil or Devanagari are letters' parts and
//!    stay), recompose (NFC, so Hangul stays whole), lowercase;
//! 2. split into words: runs of letters, marks, digits and `_`, where a `.` between two word
//!    characters joins (`functools.wraps`, `3.12`); Chinese, Japanese and Korean runs become
//!    overlapping two-character terms (bigrams), or one character when the run is a single one;
//! 3. an identifier (with `_` or `.`) is a term as written, and each of its parts is one too
//!    (`__slots__` -> `__slots__`, `slots`);
//! 4. a word is stemmed with the Snowball stemmer of the language (see [`stemmer_name`]):
//!    in English (and languages Snowball has no stemmer for, whose text stems its English words)
//!    a plain ASCII word of three letters or more (`decorators` -> `decor`); in another language
//!    a word of three letters or more with no digit (`décorateurs` -> `decor`). Other words
//!    are terms as they are. A language's own stemmer reads the word with its accents (step 1
//!    leaves them, `новый` is not `новыи`), and they are folded from the word and its stem
//!    after (see [`Tokenizer::prepare`]). The browser has a port of each stemmer (`static/stem/<name>.js`;
//!    English is inside search.js), and `tests/stemmers.rs` checks each port against
//!    rust-stemmers word for word.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::panic::AssertUnwindSafe;
use std::sync::Once;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Installs, once, a panic hook that is silent while a thread is inside rust-stemmers.
static QUIET_PANICS: Once = Once::new();

thread_local! {
    /// Whether this thread is inside rust-stemmers (its panics are caught: see `stem`).
    static STEMMING: Cell<bool> = const { Cell::new(false) };
    /// Each stemmer's stems computed so far, by its place in [`STEMMERS`].
    static STEMS: RefCell<Vec<FxHashMap<String, String>>> = RefCell::new(
        (0..STEMMERS.len()).map(|_| FxHashMap::default()).collect(),
    );
}

/// The Snowball stemmers, by the primary subtag of a language code (`pt-BR` -> `pt`), with the
/// name the browser's port goes by.
const STEMMERS: [(&str, &str, Algorithm); 20] = [
    ("ar", "arabic", Algorithm::Arabic),
    ("da", "danish", Algorithm::Danish),
    ("nl", "dutch", Algorithm::Dutch),
    ("en", "english", Algorithm::English),
    ("fi", "finnish", Algorithm::Finnish),
    ("fr", "french", Algorithm::French),
    ("de", "german", Algorithm::German),
    ("el", "greek", Algorithm::Greek),
    ("hu", "hungarian", Algorithm::Hungarian),
    ("it", "italian", Algorithm::Italian),
    ("no", "norwegian", Algorithm::Norwegian),
    ("nb", "norwegian", Algorithm::Norwegian),
    ("nn", "norwegian", Algorithm::Norwegian),
    ("pt", "portuguese", Algorithm::Portuguese),
    ("ro", "romanian", Algorithm::Romanian),
    ("ru", "russian", Algorithm::Russian),
    ("es", "spanish", Algorithm::Spanish),
    ("sv", "swedish", Algorithm::Swedish),
    ("ta", "tamil", Algorithm::Tamil),
    ("tr", "turkish", Algorithm::Turkish),
];

/// The name of the stemmer a language's text is stemmed with: its own when Snowball has one,
/// else `english` (a Chinese or Japanese page's English words are stemmed as before).
pub fn stemmer_name(language: &str) -> &'static str {
    stemmer(language).1
}

/// Every stemmer name, each once: the browser needs a port of each but English.
pub fn stemmer_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = STEMMERS.iter().map(|s| s.1).collect();
    names.dedup();
    names
}

/// A language's stemmer: its place in [`STEMMERS`], its name and its algorithm.
fn stemmer(language: &str) -> (usize, &'static str, Algorithm) {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    let place = |code: &str| STEMMERS.iter().position(|s| s.0.eq_ignore_ascii_case(code));
    let i = place(primary).or_else(|| place("en")).unwrap_or(0);
    (i, STEMMERS[i].1, STEMMERS[i].2)
}

/// Accents, as NFKD leaves them: the combining diacritical marks blocks.
fn is_accent(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// A word of the text and the term it is indexed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalized word as written (`decorators`), for prefix and typo matching.
    pub word: String,
    /// What the index is keyed by (`decor`).
    pub term: String,
}

/// Case, accents and compatibility forms folded away.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        // Nothing to decompose: most of a guide's text takes this path.
        return text.to_ascii_lowercase();
    }
    let folded: String = text.nfkd().filter(|c| !is_accent(*c)).nfc().collect();
    folded.to_lowercase()
}

/// Chinese, Japanese and Korean characters, which have no spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK Extension A
        | 0x4E00..=0x9FFF   // CJK Unified Ideographs
        | 0xF900..=0xFAFF   // CJK Compatibility Ideographs
        | 0xAC00..=0xD7AF   // Hangul syllables
        | 0x1100..=0x11FF   // Hangul jamo
        | 0x3130..=0x318F   // Hangul compatibility jamo
        | 0x20000..=0x2FA1F // CJK Extensions B-F, compatibility supplement
    )
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        // Most characters of a guide: no table to search.
        return c.is_ascii_alphanumeric() || c == '_';
    }
    (c.is_alphanumeric() || is_combining_mark(c)) && !is_cjk(c)
}

/// Splits normalized text into raw words (identifiers whole) and CJK runs.
pub fn words(normalized: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(normalized, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each raw word of normalized text, as [`words`] lists them, without allocating
/// a string per word.
pub fn for_each_word<'a>(normalized: &'a str, mut f: impl FnMut(&'a str)) {
    let chars: Vec<(usize, char)> = normalized.char_indices().collect();
    // The byte where character `i` ends.
    let end = |i: usize| chars[i].0 + chars[i].1.len_utf8();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if is_cjk(c) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i].1) {
                i += 1;
            }
            if i - start == 1 {
                f(&normalized[chars[start].0..end(start)]);
            } else {
                for j in start..i - 1 {
                    f(&normalized[chars[j].0..end(j + 1)]);
                }
            }
        } else if is_word_char(c) {
            let start = i;
            while i < chars.len()
                && (is_word_char(chars[i].1)
                    || (chars[i].1 == '.'
                        && i + 1 < chars.len()
                        && is_word_char(chars[i + 1].1)
                        && i > start))
            {
                i += 1;
            }
            f(&normalized[chars[start].0..end(i - 1)]);
        } else {
            i += 1;
        }
    }
}

/// The search tokens of some text: every word with its term, identifiers' parts included.
pub struct Tokenizer {
    stemmer: Stemmer,
    /// The stemmer's name (`english`, `french`, ...).
    name: &'static str,
    /// Its place in [`STEMMERS`], where [`STEMS`] keeps its stems.
    place: usize,
}

impl Default for Tokenizer {
    /// English.
    fn default() -> Self {
        Tokenizer::for_language("en")
    }
}

impl Tokenizer {
    /// The tokenizer of a language, by its code (`fr`, `pt-BR`, `zh`).
    pub fn for_language(language: &str) -> Tokenizer {
        let (place, name, algorithm) = stemmer(language);
        Tokenizer {
            stemmer: Stemmer::create(algorithm),
            name,
            place,
        }
    }

    /// The name of its stemmer, as [`stemmer_name`] gives it.
    pub fn stemmer_name(&self) -> &'static str {
        self.name
    }

    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.for_each_token(text, |word, term| {
            out.push(Token {
                word: word.to_string(),
                term: term.to_string(),
            })
        });
        out
    }

    /// Calls `f(word, term)` for each token of `text`, in the order [`Tokenizer::tokens`] lists
    /// them, without allocating strings for them: the index reads 42 MB of text at 10,000
    /// questions.
    pub fn for_each_token(&self, text: &str, mut f: impl FnMut(&str, &str)) {
        let prepared = self.prepare(text);
        for_each_word(&prepared, |word| {
            let folded = self.fold(word);
            if folded.is_empty() {
                return;
            }
            if word.contains(['_', '.']) {
                f(&folded, &folded);
                for part in word.split(['_', '.']).filter(|p| !p.is_empty()) {
                    let folded_part = self.fold(part);
                    if !folded_part.is_empty() {
                        self.with_term(part, |term| f(&folded_part, term));
                    }
                }
            } else {
                self.with_term(word, |term| f(&folded, term));
            }
        });
    }

    /// Text made ready to split into words: in English folded whole ([`normalize`]); in a
    /// language with its own stemmer only lowercased (and compatibility forms composed), as
    /// the stemmer reads accents (`новый` is not `новыи`), which go once a word is stemmed.
    pub fn prepare(&self, text: &str) -> String {
        if self.name == "english" {
            normalize(text)
        } else if text.is_ascii() {
            text.to_ascii_lowercase()
        } else {
            text.nfkc().collect::<String>().to_lowercase()
        }
    }

    /// A prepared word as the index lists it: accents folded.
    fn fold<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if self.name == "english" || word.is_ascii() {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(normalize(word))
        }
    }

    /// The index term of one plain word, as [`Tokenizer::prepare`] gives it.
    pub fn term(&self, word: &str) -> String {
        self.with_term(word, str::to_string)
    }

    /// Calls `f` with the index term of one plain prepared word: its stem, accents folded. A
    /// guide uses a few thousand distinct words many times over, so each thread remembers the
    /// stems it computed.
    fn with_term<R>(&self, word: &str, f: impl FnOnce(&str) -> R) -> R {
        if !self.stems(word) {
            return f(&self.fold(word));
        }
        STEMS.with(|cache| {
            if let Some(t) = cache.borrow().get(self.place).and_then(|c| c.get(word)) {
                return f(t);
            }
            let stem = self.stem(word);
            let t = self.fold(&stem).into_owned();
            let r = f(&t);
            if let Some(mine) = cache.borrow_mut().get_mut(self.place)
                && mine.len() < 200_000
            {
                mine.insert(word.to_string(), t);
            }
            r
        })
    }

    /// The stem of a word. rust-stemmers 1.2.0 panics on a few Greek words (`ισαισα`, where
    /// the algorithm rewrites past the word's end): such a word is kept as it is, quietly, and
    /// the browser's port does the same.
    fn stem(&self, word: &str) -> String {
        QUIET_PANICS.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !STEMMING.with(Cell::get) {
                    previous(info);
                }
            }));
        });
        STEMMING.with(|s| s.set(true));
        let stem = std::panic::catch_unwind(AssertUnwindSafe(|| self.stemmer.stem(word)));
        STEMMING.with(|s| s.set(false));
        match stem {
            Ok(s) => s.into_owned(),
            Err(_) => word.to_string(),
        }
    }

    /// Whether a plain word is stemmed: see the module's rule 4.
    fn stems(&self, word: &str) -> bool {
        if self.name == "english" {
            word.len() >= 3 && word.bytes().all(|b| b.is_ascii_lowercase())
        } else {
            word.chars().nth(2).is_some()
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || is_combining_mark(c))
        }
    }
}

/// The shard a term lives in: its first two characters (its first one, if that is all it has).
/// Non-ASCII keys are hashed into 256 buckets, so a Chinese guide does not need a file per
/// character pair; the first two characters still decide the shard, which is what typo
/// matching after the first two letters needs.
pub fn shard_key(term: &str) -> String {
    let first2: String = term.chars().take(2).collect();
    if first2
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
    {
        first2
    } else {
        format!("~{:02x}", fnv1a(&first2) & 0xff)
    }
}

/// FNV-1a over the string's code points (the browser computes the same).
pub fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in s.chars() {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Tokenizer::default()
            .tokens(text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn case_and_accents_fold() {
        assert_eq!(normalize("Café ÉLAN ﬁle"), "cafe elan file");
    }

    #[test]
    fn english_words_are_stemmed() {
        assert_eq!(terms("Decorators decorator"), vec!["decor", "decor"]);
        assert_eq!(terms("generators generator"), vec!["generat", "generat"]);
    }

    #[test]
    fn each_language_has_its_stemmer() {
        let fr = Tokenizer::for_language("fr");
        assert_eq!(fr.stemmer_name(), "french");
        let t: Vec<String> = fr
            .tokens("Les décorateurs")
            .into_iter()
            .map(|t| t.term)
            .collect();
        assert_eq!(t, vec!["le", "decor"]);
        assert_eq!(stemmer_name("pt-BR"), "portuguese");
        assert_eq!(stemmer_name("NB"), "norwegian");
        // Chinese has no Snowball stemmer: its pages' English words stem as in English.
        assert_eq!(stemmer_name("zh"), "english");
        let ru = Tokenizer::for_language("ru");
        assert_eq!(ru.term("книгами"), "книг");
        // The stemmer reads й, which folding would turn into и.
        let t: Vec<String> = ru
            .tokens("Новый новая")
            .into_iter()
            .map(|t| t.term)
            .collect();
        assert_eq!(t, vec!["нов", "нов"]);
        assert_eq!(
            ru.term("3книгами"),
            "3книгами",
            "a word with a digit is kept"
        );
    }

    #[test]
    fn a_word_the_greek_stemmer_fails_on_is_kept_as_written() {
        let el = Tokenizer::for_language("el");
        assert_eq!(el.term("ισαισα"), "ισαισα");
        assert_eq!(el.term("αδαιρετε"), "αδαιρετε");
        assert_eq!(el.term("ανθρωποι"), "ανθρωπ");
    }

    #[test]
    fn accents_go_and_vowel_signs_stay() {
        // Tamil's vowel signs and virama are marks, but parts of the word.
        assert_eq!(words(&normalize("பள்ளிக்கூடம் x")), vec!["பள்ளிக்கூடம்", "x"]);
        assert_eq!(normalize("Ελληνικά"), "ελληνικα");
    }

    #[test]
    fn identifiers_are_kept_whole_and_in_parts() {
        assert_eq!(terms("__slots__"), vec!["__slots__", "slot"]);
        assert_eq!(
            terms("functools.wraps"),
            vec!["functools.wraps", "functool", "wrap"]
        );
        assert_eq!(
            terms("asyncio.gather()"),
            vec!["asyncio.gather", "asyncio", "gather"]
        );
        assert_eq!(terms("Python 3.12."), vec!["python", "3.12", "3", "12"]);
    }

    #[test]
    fn cjk_text_becomes_bigrams() {
        assert_eq!(terms("判定字符"), vec!["判定", "定字", "字符"]);
        assert_eq!(terms("字 x"), vec!["字", "x"]);
        assert_eq!(
            terms("한국어"),
            vec!["한국", "국어"],
            "Hangul is not decomposed"
        );
    }

    #[test]
    fn shard_keys_are_the_first_two_letters() {
        assert_eq!(shard_key("decor"), "de");
        assert_eq!(shard_key("x"), "x");
        assert_eq!(shard_key("__slots__"), "__");
        assert!(shard_key("判定").starts_with('~'));
        assert_eq!(fnv1a("a"), 0xe40c_292c);
    }
}
