//! Sizes in `book.toml` (`"5 MB"`, `"2 MiB"`): read, checked and printed back in their units.

use serde::Deserialize;

use super::quantity::{self, Quantity};

/// A number of bytes, written in book.toml as `"5 MB"`, `"500 KB"`, `"2 MiB"` or a plain number
/// of bytes. KB, MB and GB are powers of 1000; KiB, MiB and GiB powers of 1024.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl ByteSize {
    /// Parses `"5 MB"`; `None` when it is not a size.
    pub fn parse(text: &str) -> Option<ByteSize> {
        let (number, unit) = quantity::split(text)?;
        let scale: u64 = match unit.as_str() {
            "" | "b" => 1,
            "kb" => 1_000,
            "mb" => 1_000_000,
            "gb" => 1_000_000_000,
            "kib" => 1 << 10,
            "mib" => 1 << 20,
            "gib" => 1 << 30,
            _ => return None,
        };
        let bytes = number * scale as f64;
        (bytes.is_finite() && bytes >= 1.0 && bytes < u64::MAX as f64)
            .then_some(ByteSize(bytes as u64))
    }
}

impl std::fmt::Display for ByteSize {
    /// `5 MB`, `1.5 MB`, `800 KB`, `12 bytes`: decimal units, at most one decimal.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0 as f64;
        let (value, unit) = match self.0 {
            0..1_000 => return write!(f, "{} bytes", self.0),
            1_000..1_000_000 => (n / 1e3, "KB"),
            1_000_000..1_000_000_000 => (n / 1e6, "MB"),
            _ => (n / 1e9, "GB"),
        };
        let rounded = (value * 10.0).round() / 10.0;
        if rounded.fract() == 0.0 {
            write!(f, "{rounded:.0} {unit}")
        } else {
            write!(f, "{rounded:.1} {unit}")
        }
    }
}

impl Quantity for ByteSize {
    const EXPECTING: &'static str = "a size such as \"5 MB\", \"500 KB\" or \"2 MiB\"";
    const BAD_NUMBER: &'static str = "a size must be more than 0 bytes";
    fn parse(text: &str) -> Option<Self> {
        ByteSize::parse(text)
    }
    fn not_a_value(text: &str) -> String {
        format!(
            "`{text}` is not a size: write a number and a unit, such as \"5 MB\", \"500 KB\" or \"2 MiB\""
        )
    }
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        quantity::deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_and_print_in_their_units() {
        assert_eq!(ByteSize::parse("5 MB"), Some(ByteSize(5_000_000)));
        assert_eq!(ByteSize::parse("1.5mb"), Some(ByteSize(1_500_000)));
        assert_eq!(ByteSize::parse("2 MiB"), Some(ByteSize(2 << 20)));
        assert_eq!(ByteSize::parse("700"), Some(ByteSize(700)));
        assert_eq!(ByteSize::parse("MB"), None);
        assert_eq!(ByteSize::parse("0 KB"), None);
        assert_eq!(ByteSize::parse("-1 KB"), None);
        assert_eq!(ByteSize(5_000_000).to_string(), "5 MB");
        assert_eq!(ByteSize(7_340_032).to_string(), "7.3 MB");
        assert_eq!(ByteSize(2_048).to_string(), "2 KB");
        assert_eq!(ByteSize(12).to_string(), "12 bytes");
    }
}
