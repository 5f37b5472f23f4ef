//! Compact text encodings for the index files: unsigned integers as base-64 varints (five value
//! bits per character, the sixth bit says "more follows"), so a posting list is a short string.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `n` as a varint: low five bits first.
pub fn push_varint(out: &mut String, mut n: u32) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(ALPHABET[low] as char);
            return;
        }
        out.push(ALPHABET[low | 32] as char);
    }
}

/// Appends a single value below 64 as one character.
pub fn push_small(out: &mut String, n: u8) {
    out.push(ALPHABET[usize::from(n & 63)] as char);
}

/// Decodes a string of varints (for tests; the browser has its own decoder).
pub fn read_varints(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut value, mut shift) = (0u32, 0u32);
    for b in s.bytes() {
        let Some(d) = ALPHABET.iter().position(|&a| a == b) else {
            continue;
        };
        value |= ((d & 31) as u32) << shift;
        if d & 32 != 0 {
            shift += 5;
        } else {
            out.push(value);
            value = 0;
            shift = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_and_small_numbers_take_one_character() {
        let mut s = String::new();
        for n in [0, 5, 31, 32, 1000, 70_000] {
            push_varint(&mut s, n);
        }
        assert_eq!(read_varints(&s), vec![0, 5, 31, 32, 1000, 70_000]);
        let mut one = String::new();
        push_varint(&mut one, 31);
        assert_eq!(one.len(), 1);
    }
}
