//! A hook for the crash tests (`tests/crash_safety.rs`): with `PREPBOOK_PAUSE_AT=<step>`, a
//! build that reaches that step prints `prepbook: paused at <step>` on stderr and waits for a
//! line (or the end) on its standard input, so a test can kill it at a known moment. The steps:
//! `pages-staged` (every page written into the staging folder, not the rest), `publish` (the
//! staging folder complete, not yet moved), `exchanged` (the new site in place, the old one not
//! yet removed), `patch-apply` (an edit's files written beside the site, none moved in) and
//! `patch-half-applied` (the first of them moved in), `state-written` (the saved guide written
//! beside its final name in the cache, not yet renamed). Each is outside any loop over files.

use std::sync::OnceLock;

/// The variable that names the step to pause at.
pub const PAUSE_VAR: &str = "PREPBOOK_PAUSE_AT";

/// Pauses here when `PREPBOOK_PAUSE_AT` names `step`.
pub fn pause_at(step: &str) {
    static WANTED: OnceLock<Option<String>> = OnceLock::new();
    let wanted = WANTED.get_or_init(|| std::env::var(PAUSE_VAR).ok());
    if wanted.as_deref() != Some(step) {
        return;
    }
    say_err!("prepbook: paused at {step}");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}
