//! Reading one Markdown file of the content folder: at most `[build] max-markdown-size` bytes
//! of it, as UTF-8 text with its front matter parsed. Every problem comes back as a diagnostic.

use std::io::Read;
use std::path::Path;

use crate::config::ByteSize;
use crate::content::front_matter;
use crate::content::model::SourcePage;
use crate::diagnostics::{Diagnostic, display_path};

/// Reads and parses one Markdown file; one bigger than `max` is an error, and is not read.
pub fn read_page(
    content_dir: &Path,
    rel: &str,
    max: ByteSize,
) -> (Option<SourcePage>, Vec<Diagnostic>) {
    let abs = content_dir.join(rel);
    let path = display_path(&abs);
    let bytes = match read_at_most(&abs, max.0) {
        Ok(Ok(b)) => b,
        Ok(Err(size)) => {
            let d = Diagnostic::error(
                &path,
                format!("the file is {size}, over the {max} a Markdown file may have"),
            )
            .with_hint(
                "split it into several questions, or raise `[build] max-markdown-size` in book.toml",
            );
            return (None, vec![d]);
        }
        Err(e) => {
            return (
                None,
                vec![Diagnostic::error(
                    &path,
                    format!("cannot read the file: {e}"),
                )],
            );
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => front_matter::normalize(t),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let d = Diagnostic::error(&path, "the file is not valid UTF-8 text")
                .at_offset(&valid, offset, offset)
                .with_hint("save the file as UTF-8");
            return (None, vec![d]);
        }
    };
    let Ok(split) = front_matter::split(&text) else {
        let d = Diagnostic::error(&path, "front matter is not closed")
            .at(&text, 1, 1, 3)
            .with_hint("end the front matter with a line holding only `---`");
        return (None, vec![d]);
    };
    let body_offset = split.body_offset;
    let (front, diags) = front_matter::parse(&split, &text, &path);
    let page = SourcePage {
        rel: rel.to_string(),
        path,
        body_offset,
        front,
        text,
        origin: Default::default(),
        translation: None,
    };
    (Some(page), diags)
}

/// The bytes of the file at `path`, or its size when it has more than `max` (then at most
/// `max + 1` bytes are read: a file that grows while it is read is caught too).
fn read_at_most(path: &Path, max: u64) -> std::io::Result<Result<Vec<u8>, ByteSize>> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > max {
        return Ok(Err(ByteSize(len)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(Err(ByteSize(bytes.len() as u64)));
    }
    Ok(Ok(bytes))
}
