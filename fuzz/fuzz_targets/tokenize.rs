//! The search tokenizer: words come from the normalized text, terms are usable index keys, and
//! every shard key is a safe file name.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prepbook::search::tokenize::{Tokenizer, normalize, shard_key, words};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let normalized = normalize(&text);
    let tokenizer = Tokenizer::default();
    let tokens = tokenizer.tokens(&text);

    let raw = words(&normalized);
    for w in &raw {
        assert!(!w.is_empty(), "an empty word in {normalized:?}");
        assert!(
            normalized.contains(w.as_str()),
            "word {w:?} is not in {normalized:?}"
        );
        assert!(
            !w.chars().any(char::is_whitespace),
            "word {w:?} holds a space"
        );
        assert!(
            !w.starts_with('.') && !w.ends_with('.'),
            "word {w:?} has a stray dot"
        );
    }

    let mut streamed = Vec::new();
    tokenizer.for_each_token(&text, |word, term| {
        streamed.push((word.to_string(), term.to_string()))
    });
    assert_eq!(
        streamed.len(),
        tokens.len(),
        "tokens and for_each_token disagree"
    );

    for (t, (word, term)) in tokens.iter().zip(&streamed) {
        assert_eq!((&t.word, &t.term), (word, term));
        assert!(
            !t.word.is_empty() && !t.term.is_empty(),
            "empty token {t:?}"
        );
        assert!(
            normalized.contains(t.word.as_str()),
            "{t:?} is not in {normalized:?}"
        );
        assert!(
            !t.term.chars().any(char::is_whitespace),
            "term with a space: {t:?}"
        );
        if t.word.bytes().all(|b| b.is_ascii_lowercase()) {
            assert!(
                t.term.bytes().all(|b| b.is_ascii_lowercase()),
                "stem left a-z: {t:?}"
            );
        }

        let key = shard_key(&t.term);
        assert!(
            key != "." && key != ".." && !key.is_empty(),
            "shard key {key:?} for {t:?}"
        );
        let safe = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.~".contains(c);
        assert!(
            key.chars().all(safe),
            "shard key {key:?} is not a safe file name ({t:?})"
        );
    }
});
