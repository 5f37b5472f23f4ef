//! Quantities written with a unit in `book.toml` (`"5 MB"`, `"10s"`): splitting the number from
//! its unit, and reading a string or a bare number through one serde visitor.

use std::marker::PhantomData;

/// `"1.5 MB"` -> `(1.5, "mb")`: the leading number and the rest, trimmed and lowercased.
pub fn split(text: &str) -> Option<(f64, String)> {
    let text = text.trim();
    let at = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(at);
    Some((number.parse().ok()?, unit.trim().to_ascii_lowercase()))
}

/// A value read from a number and a unit.
pub trait Quantity: Sized {
    /// What the value looks like, for serde's "expected ..." messages.
    const EXPECTING: &'static str;
    /// Parses a value written with its unit (or a bare number in the default unit).
    fn parse(text: &str) -> Option<Self>;
    /// Why `text` is not a value, and how to write one.
    fn not_a_value(text: &str) -> String;
    /// Why a bare number is not a value (out of range).
    const BAD_NUMBER: &'static str;
}

/// Reads a [`Quantity`] from a string (`"5 MB"`) or a bare number (`700`).
pub fn deserialize<'de, T: Quantity, D: serde::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    struct Visitor<T>(PhantomData<T>);
    impl<T: Quantity> Visitor<T> {
        fn number<E: serde::de::Error>(text: String) -> Result<T, E> {
            T::parse(&text).ok_or_else(|| E::custom(T::BAD_NUMBER))
        }
    }
    impl<T: Quantity> serde::de::Visitor<'_> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(T::EXPECTING)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            T::parse(v).ok_or_else(|| E::custom(T::not_a_value(v)))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<T, E> {
            Self::number(v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<T, E> {
            Self::number(v.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<T, E> {
            Self::number(v.to_string())
        }
    }
    d.deserialize_any(Visitor(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_splits_from_its_unit() {
        assert_eq!(split(" 1.5 MB "), Some((1.5, "mb".into())));
        assert_eq!(split("10s"), Some((10.0, "s".into())));
        assert_eq!(split("700"), Some((700.0, String::new())));
        assert_eq!(split("MB"), None);
    }
}
