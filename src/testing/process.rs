//! One run of Python: files written into a fresh temporary folder, the command started there
//! with stdin closed and its output captured into files (no pipe to fill up), waited for up to
//! a time limit, then killed with everything it started. [`stop_all`] ends every run under way
//! (on Ctrl+C), since runs in process groups of their own do not get the terminal's signal.

use std::fs::File;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use wait_timeout::ChildExt;

use crate::config::Command as PythonCommand;

/// How a run ended.
#[derive(Debug)]
pub enum Outcome {
    /// It exited by itself: its exit code (`None` when a signal ended it), stdout and stderr.
    Exited {
        code: Option<i32>,
        stdout: String,
        stderr: String,
    },
    /// It was still running at the time limit, and was killed; what it wrote by then.
    TimedOut { stdout: String, stderr: String },
}

/// The process ids of the runs under way.
static RUNNING: Mutex<Vec<u32>> = Mutex::new(Vec::new());
static STOPPED: AtomicBool = AtomicBool::new(false);

/// Kills every run under way, and starts no other.
pub fn stop_all() {
    STOPPED.store(true, Ordering::SeqCst);
    let running = RUNNING.lock().map(|r| r.clone()).unwrap_or_default();
    for pid in running {
        kill_group(pid);
    }
}

/// Whether [`stop_all`] was called.
pub fn stopped() -> bool {
    STOPPED.load(Ordering::SeqCst)
}

/// Runs `python script args...` in a new temporary folder holding `files` (name, text).
pub fn run(
    python: &PythonCommand,
    files: &[(&str, &str)],
    script_args: &[&str],
    limit: Duration,
) -> std::io::Result<Outcome> {
    let dir = tempfile::Builder::new()
        .prefix("prepbook-test-")
        .tempdir()?;
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text)?;
    }
    let stdout_path = dir.path().join(".stdout");
    let stderr_path = dir.path().join(".stderr");
    let (program, args) = python.program();
    let mut command = Command::new(program);
    command
        .args(args)
        .args(script_args)
        .current_dir(dir.path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .stdin(Stdio::null())
        .stdout(File::create(&stdout_path)?)
        .stderr(File::create(&stderr_path)?);
    new_process_group(&mut command);
    if stopped() {
        return Err(std::io::Error::from(std::io::ErrorKind::Interrupted));
    }
    let mut child = command.spawn()?;
    let pid = child.id();
    if let Ok(mut running) = RUNNING.lock() {
        running.push(pid);
    }
    let status = child.wait_timeout(limit);
    if let Ok(mut running) = RUNNING.lock() {
        running.retain(|p| *p != pid);
    }
    let status = status?;
    if status.is_none() {
        kill_group(pid);
        let _ = child.kill();
        let _ = child.wait();
    }
    let read = |p: &std::path::Path| {
        std::fs::read(p)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    };
    let (stdout, stderr) = (read(&stdout_path), read(&stderr_path));
    Ok(match status {
        Some(status) => Outcome::Exited {
            code: status.code(),
            stdout,
            stderr,
        },
        None => Outcome::TimedOut { stdout, stderr },
    })
}

/// Starts the child in a process group of its own, so that a timeout ends what it started too.
#[cfg(unix)]
fn new_process_group(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
}

#[cfg(not(unix))]
fn new_process_group(_: &mut Command) {}

/// Kills the process group a run leads (its own children too). Elsewhere than Linux, only the
/// run itself is killed, by the caller.
fn kill_group(pid: u32) {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{Pid, Signal, kill_process_group};
        if let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) {
            let _ = kill_process_group(pid, Signal::KILL);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = pid;
}

/// The last `n` lines of `text`, for a diagnostic.
pub fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_lines_are_kept() {
        assert_eq!(last_lines("a\nb\nc\n\n", 2), "b\nc");
        assert_eq!(last_lines("only", 5), "only");
        assert_eq!(last_lines("", 5), "");
    }
}
