//! The progress bar: shown on a terminal only once a build has run for a second, so quick builds
//! print nothing but their summary.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Counts work done; draws a bar on stderr when it is a terminal and the work is slow.
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    terminal: bool,
}

const DELAY: Duration = Duration::from_secs(1);

impl Progress {
    pub fn new() -> Progress {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len}") {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress {
            bar,
            started: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// A progress that never draws (for tests and `serve`'s rebuilds).
    pub fn hidden() -> Progress {
        Progress {
            terminal: false,
            ..Progress::new()
        }
    }

    /// Starts a phase of `len` steps.
    pub fn phase(&self, message: &'static str, len: usize) {
        self.bar.set_message(message);
        self.bar.set_length(len as u64);
        self.bar.set_position(0);
    }

    pub fn tick(&self) {
        self.bar.inc(1);
        if self.terminal && self.bar.is_hidden() && self.started.elapsed() > DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}
