//! Data a page unpacks itself: bytes gzipped, then written in base64, which the theme's data
//! registry (themes/default/static/data.js) turns back into bytes with `DecompressionStream`, from
//! `file://` too. The site's bulky data files (study mode's card chunks, search's metadata and
//! snippet text), the single-file export's blocks and the Python runtime's files are kept so.
//!
//! A packed data file is a plain script like any other data file, calling
//! `PrepbookData.packed(kind, key, "<base64>")` where a plain one calls
//! `PrepbookData.register(kind, key, <JSON>)`: base64 holds no character that could close an
//! inline `<script>`.

use std::io::{Read, Write};

use base64::Engine;
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde_json::Value;

/// How hard to compress: a site's data files are written on every build, so they take the
/// quick level; what is written once and read often (the Python runtime) the smallest.
#[derive(Debug, Clone, Copy)]
pub enum Effort {
    /// flate2's default level (6).
    Build,
    /// The best level (9).
    Smallest,
}

/// `bytes` gzipped and in base64.
pub fn gzip_base64(bytes: &[u8], effort: Effort) -> String {
    let level = match effort {
        Effort::Build => Compression::default(),
        Effort::Smallest => Compression::best(),
    };
    let mut gz = GzEncoder::new(Vec::with_capacity(bytes.len() / 4), level);
    // Writing to memory cannot fail.
    let _ = gz.write_all(bytes);
    let packed = gz.finish().unwrap_or_default();
    base64::engine::general_purpose::STANDARD.encode(packed)
}

/// The bytes packed by [`gzip_base64`], or `None` if `b64` is not such data.
pub fn unpack(b64: &str) -> Option<Vec<u8>> {
    let packed = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()?;
    let mut raw = Vec::new();
    GzDecoder::new(&packed[..]).read_to_end(&mut raw).ok()?;
    Some(raw)
}

/// `PrepbookData.packed("kind","key","<json gzipped, in base64>");`: a data file the registry
/// inflates before it hands the JSON on.
pub fn script(kind: &str, key: &str, json: &[u8]) -> String {
    format!(
        "PrepbookData.packed({kind:?},{key:?},\"{}\");\n",
        gzip_base64(json, Effort::Build)
    )
}

/// What a data file registers, as `(kind, key, data)`, whether plain
/// (`PrepbookData.register(kind, key, <JSON>);`) or packed (see [`script`]). `None` when the
/// text is neither.
pub fn read_script(text: &str) -> Option<(String, String, Value)> {
    let text = text.trim();
    let (packed, rest) = match text.strip_prefix("PrepbookData.register(") {
        Some(rest) => (false, rest),
        None => (true, text.strip_prefix("PrepbookData.packed(")?),
    };
    let rest = rest.strip_suffix(");")?;
    let mut parts = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
    let kind = parts.next()?.ok()?;
    let rest = rest[parts.byte_offset()..].trim_start().strip_prefix(',')?;
    let mut parts = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
    let key = parts.next()?.ok()?;
    let rest = rest[parts.byte_offset()..].trim_start().strip_prefix(',')?;
    let value: Value = if packed {
        let b64: String = serde_json::from_str(rest).ok()?;
        serde_json::from_slice(&unpack(&b64)?).ok()?
    } else {
        serde_json::from_str(rest).ok()?
    };
    Some((kind.as_str()?.to_string(), key.as_str()?.to_string(), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_bytes_unpack_to_themselves() {
        let text = "a card's answer, ".repeat(200);
        for effort in [Effort::Build, Effort::Smallest] {
            let b64 = gzip_base64(text.as_bytes(), effort);
            assert!(b64.len() < text.len() / 4, "{} bytes", b64.len());
            assert_eq!(unpack(&b64).as_deref(), Some(text.as_bytes()));
        }
        assert_eq!(unpack("not base64!"), None);
        assert_eq!(unpack("aGVsbG8="), None, "base64, but not gzip");
    }

    #[test]
    fn a_packed_script_is_read_back_as_its_data() {
        let data = serde_json::json!([["Title", "<p>a</script> b</p>"], 3]);
        let script = script("study-cards", "7", data.to_string().as_bytes());
        assert!(script.starts_with("PrepbookData.packed(\"study-cards\",\"7\",\"H4sI"));
        assert!(!script.contains("</"), "nothing can close an inline script");
        assert_eq!(
            read_script(&script),
            Some(("study-cards".into(), "7".into(), data))
        );
    }

    #[test]
    fn a_plain_script_is_read_as_its_data() {
        let text = "PrepbookData.register(\"search\",\"d/0/0\",[[\"T\",1]]);\n";
        assert_eq!(
            read_script(text),
            Some((
                "search".into(),
                "d/0/0".into(),
                serde_json::json!([["T", 1]])
            ))
        );
        assert_eq!(read_script("alert(1);"), None);
    }
}
