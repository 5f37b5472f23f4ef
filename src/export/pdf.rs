//! Printing the guide to PDF with the system's Chromium (`--headless --print-to-pdf`), from a
//! print file in which every question is already rendered.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// A folder removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(what: &str) -> std::io::Result<TempDir> {
        let dir = std::env::temp_dir().join(format!("prepbook-{what}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Where Chromium is: `$CHROMIUM`, else the first of the usual names on the PATH.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
    {
        return Some(p);
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Prints `html_file` to `pdf` with Chromium. The error says what to do.
pub fn print(chromium: &Path, html_file: &Path, pdf: &Path) -> Result<(), String> {
    let profile = TempDir::new("chromium-profile")
        .map_err(|e| format!("cannot create a temporary profile for Chromium: {e}"))?;
    let url = format!("file://{}", html_file.display());
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
            // Lets the page's scripts finish before printing.
            "--virtual-time-budget=30000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&url)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", chromium.display()))?;
    // Chromium may write the file a moment after its process reports.
    for _ in 0..50 {
        if pdf.is_file() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!(
        "Chromium did not write the PDF ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
            .lines()
            .rev()
            .take(5)
            .collect::<Vec<_>>()
            .join("\n")
    ))
}
