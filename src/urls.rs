//! Slugs and URLs. Every URL in the model is relative to the site root and ends in a file name
//! (`concurrency/index.html`, `concurrency/gil.html`); pages link to each other relatively, so the
//! site works under any path and from `file://`.

/// Turns free text into a URL slug: lowercase letters and digits (any script) joined by hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else if c == '_' && out.is_empty() {
            // A leading underscore carries meaning in identifiers (`__slots__`) but not in URLs.
        } else {
            pending_dash = true;
        }
    }
    out
}

/// The prefix that leads from a page at `url` back to the site root: `""` or `"../../"`.
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// A link from the page at `from` to the root-relative `to`, as short as possible.
pub fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = match from.rfind('/') {
        Some(i) => from[..i].split('/').collect(),
        None => Vec::new(),
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// Percent-encodes what a URL path cannot hold as is (spaces, quotes, `#`, `?`, non-ASCII stays).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            _ => out.push(c),
        }
    }
    out
}

/// Decodes `%XX` escapes in a link target written by an author.
pub fn decode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(v) = path
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_hyphenated_and_keep_any_script() {
        assert_eq!(slugify("What is the GIL?"), "what-is-the-gil");
        assert_eq!(slugify("01.01.Is Unique"), "01-01-is-unique");
        assert_eq!(slugify("  C++ / C#  "), "c-c");
        assert_eq!(slugify("__slots__"), "slots");
        assert_eq!(slugify("Ünïcode Straße"), "ünïcode-straße");
        assert_eq!(slugify("判定字符是否唯一"), "判定字符是否唯一");
        assert_eq!(slugify("README_EN"), "readme-en");
    }

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("a/b/q.html"), "../../");
    }

    #[test]
    fn relative_links_between_pages() {
        assert_eq!(relative("a/q.html", "a/r.html"), "r.html");
        assert_eq!(relative("a/q.html", "b/index.html"), "../b/index.html");
        assert_eq!(relative("index.html", "a/b/q.html"), "a/b/q.html");
        assert_eq!(relative("a/b/q.html", "a/index.html"), "../index.html");
        assert_eq!(relative("a/b/q.html", "index.html"), "../../index.html");
        assert_eq!(relative("a/q.html", "a/q.html"), "q.html");
    }

    #[test]
    fn percent_encoding_round_trips() {
        assert_eq!(
            encode_path("01.01.Is Unique/x.html"),
            "01.01.Is%20Unique/x.html"
        );
        assert_eq!(
            decode_path("01.01.Is%20Unique/README.md"),
            "01.01.Is Unique/README.md"
        );
        assert_eq!(decode_path("100%"), "100%");
    }
}
