//! Live reload: the state of the last rebuild, which pages listening for the next one receive
//! (as Server-Sent Events, see `http`), and the small script `serve` adds to every HTML page it
//! sends. The script reloads the page after a successful rebuild, and shows the errors of a
//! failed one over the page until they are fixed. A built site never contains it: it is added to
//! responses only.

use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use tokio::sync::{RwLockReadGuard, watch};

use crate::diagnostics::Diagnostic;

/// Where the server's own files live; no guide page can have this name (names starting with `_`
/// are partials, never built).
pub const PREFIX: &str = "/__prepbook/";
/// The event stream browsers listen to.
pub const EVENTS: &str = "/__prepbook/events";
/// The script added to pages.
pub const SCRIPT: &str = "/__prepbook/live.js";
/// The state of the last rebuild, as JSON (for tools and tests).
pub const STATUS: &str = "/__prepbook/status";

/// The script's source.
pub const SCRIPT_SOURCE: &str = include_str!("live.js");

/// What the server shares between the rebuild loop and the connections.
pub struct Live {
    /// Held for reading while a file of the site is found and opened, and for writing while
    /// files are swapped in, so no response ever mixes two versions of a file or finds one
    /// missing. An async lock: a request holds it across awaits, and a waiting rebuild goes
    /// before requests that come after it.
    site_lock: tokio::sync::RwLock<()>,
    /// The site folder being served.
    output: RwLock<PathBuf>,
    /// The last status; every page listening gets each new one.
    status: watch::Sender<Status>,
    /// Distinguishes this server's build numbers from an earlier run's, so a page served by a
    /// previous run reloads when it reconnects.
    run: String,
}

/// The outcome of the last build, as pages and the status endpoint see it.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// The build the site on disk comes from (`<run>-<n>`), `none` before the first success.
    pub build: String,
    /// Whether the last rebuild succeeded.
    pub ok: bool,
    /// The errors of the last rebuild when it failed.
    pub errors: Vec<Problem>,
}

/// One error, with its rustc-style text for the overlay.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// `path:line:col: error: message`, the source line, the caret and the hint.
    pub text: String,
}

impl Live {
    pub fn new(output: PathBuf) -> Live {
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let (status, _) = watch::channel(Status {
            build: "none".into(),
            ok: true,
            errors: Vec::new(),
        });
        Live {
            site_lock: tokio::sync::RwLock::new(()),
            output: RwLock::new(output),
            status,
            run: format!("{:x}", started.as_millis()),
        }
    }

    pub fn output(&self) -> PathBuf {
        self.output
            .read()
            .map(|o| o.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    pub fn set_output(&self, dir: PathBuf) {
        match self.output.write() {
            Ok(mut o) => *o = dir,
            Err(e) => *e.into_inner() = dir,
        }
    }

    pub fn status(&self) -> Status {
        self.status.borrow().clone()
    }

    /// The current status now, and every later one (a page may skip a status that a newer one
    /// replaced before it was sent, never the newest).
    pub fn subscribe(&self) -> watch::Receiver<Status> {
        self.status.subscribe()
    }

    /// Waits until no rebuild is swapping files in; files found and opened while the guard
    /// lives all come from one build.
    pub async fn reading(&self) -> RwLockReadGuard<'_, ()> {
        self.site_lock.read().await
    }

    /// Runs `swap` (which puts a rebuild's files in place, in the site folder `output`) while no
    /// file is being read, and marks the site as build number `build` before any file is read
    /// again, so a page always names the build it comes from. Then every open page reloads.
    /// Called from the rebuild loop's thread, never from the server's tasks.
    pub fn publish(
        &self,
        build: u64,
        output: &Path,
        swap: impl FnOnce() -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let _swapping = self.site_lock.blocking_write();
        swap()?;
        self.set_output(output.to_path_buf());
        self.status.send_modify(|s| {
            s.build = format!("{}-{build}", self.run);
            s.ok = true;
            s.errors.clear();
        });
        Ok(())
    }

    /// A rebuild failed: every open page shows its errors; the site stays as it was.
    pub fn failed(&self, diagnostics: &[Diagnostic]) {
        let errors = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| Problem {
                diagnostic: d.clone(),
                text: d.to_string(),
            })
            .collect();
        self.status.send_modify(|s| {
            s.ok = false;
            s.errors = errors;
        });
    }

    /// The build the site on disk comes from.
    pub fn build(&self) -> String {
        self.status.borrow().build.clone()
    }
}

/// The tag added to HTML pages: the script, and the build the page comes from.
pub fn script_tag(build: &str) -> String {
    format!("<script src=\"{SCRIPT}\" data-build=\"{build}\"></script>")
}

/// `html` with `tag` added before its last `</body>` (or at its end).
pub fn inject(html: &[u8], tag: &str) -> Vec<u8> {
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end_tag() {
        let html = b"<html><body><p>x</p></BODY></html>";
        let out = inject(html, "<script></script>");
        assert_eq!(
            String::from_utf8_lossy(&out),
            "<html><body><p>x</p><script></script></BODY></html>"
        );
        assert_eq!(inject(b"<p>no body", "<s>"), b"<p>no body<s>");
    }

    #[test]
    fn a_failed_status_carries_the_errors_as_rustc_text() {
        let live = Live::new(PathBuf::from("book"));
        let d = Diagnostic::error("content/a.md", "unknown difficulty `meduim`")
            .at("---\ndifficulty: meduim\n", 2, 13, 6)
            .with_hint("did you mean `medium`?");
        live.failed(&[d, Diagnostic::warning("content/b.md", "a warning")]);
        let status = live.status();
        assert!(!status.ok);
        assert_eq!(status.build, "none");
        assert_eq!(
            status.errors.len(),
            1,
            "warnings are not shown over the page"
        );
        assert!(
            status.errors[0]
                .text
                .starts_with("content/a.md:2:13: error: unknown difficulty `meduim`")
        );
        live.publish(3, Path::new("book"), || Ok(()))
            .expect("publish");
        let status = live.status();
        assert!(status.ok && status.errors.is_empty());
        assert!(status.build.ends_with("-3"));
    }
}
