//! `prepbook serve`, run as a user runs it: on a free port, with files edited under it. Every
//! wait polls until what a user would see happens, with a generous deadline (nothing is timed).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use scraper::{Html, Selector};

/// How long to wait for something before the test fails.
const DEADLINE: Duration = Duration::from_secs(60);

/// A running `prepbook serve`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
    lines: Receiver<String>,
    stdout: Vec<String>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prepbook"))
            .args(["serve", "--port", "0"])
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start prepbook serve");
        let (tx, lines) = channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().expect("stderr");
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if let Ok(mut s) = sink.lock() {
                    s.push_str(&line);
                    s.push('\n');
                }
            }
        });
        let mut server = Server {
            child,
            url: String::new(),
            lines,
            stdout: Vec::new(),
            stderr,
        };
        let line = server.wait_for_line(|l| l.starts_with("serving http://"));
        server.url = line
            .split_whitespace()
            .nth(1)
            .expect("a URL after `serving`")
            .trim_end_matches('/')
            .to_string();
        server
    }

    /// The port, as `127.0.0.1:PORT`.
    fn host(&self) -> &str {
        self.url.trim_start_matches("http://")
    }

    /// Waits for a line of standard output matching `want`; returns it.
    fn wait_for_line(&mut self, want: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            if let Some(l) = self.stdout.iter().find(|l| want(l)) {
                return l.clone();
            }
            let left = DEADLINE.saturating_sub(started.elapsed());
            match self.lines.recv_timeout(left) {
                Ok(line) => self.stdout.push(line),
                Err(_) => panic!(
                    "serve never printed the expected line. stdout:\n{}\nstderr:\n{}",
                    self.stdout.join("\n"),
                    self.stderr()
                ),
            }
        }
    }

    /// Waits until standard error holds `want`.
    fn wait_for_stderr(&self, want: &str) {
        let started = Instant::now();
        while !self.stderr().contains(want) {
            assert!(
                started.elapsed() < DEADLINE,
                "serve never printed `{want}`:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn get(&self, path: &str) -> Response {
        request(self.host(), "GET", path)
    }

    /// Polls `path` until `ok` holds for the response; returns it.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "{path} never showed {what}; last response {}:\n{}\nstderr:\n{}",
                r.status,
                r.body,
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__prepbook/status").body).expect("status is JSON")
    }

    /// Sends Ctrl+C (SIGINT) and waits for the process to end.
    fn interrupt(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -INT {pid}");
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // The stderr reader ends with the process.
                std::thread::sleep(Duration::from_millis(100));
                return (status, self.stderr());
            }
            assert!(started.elapsed() < DEADLINE, "serve did not stop on Ctrl+C");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

/// One HTTP/1.1 request, with the path sent exactly as given (no normalization).
fn request(host: &str, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(host).expect("connect");
    stream
        .set_read_timeout(Some(DEADLINE))
        .expect("read timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        headers: head.to_string(),
        body: body.to_string(),
    }
}

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join("content").join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{rel} has no `{from}`");
    // As editors do: write a new file, then rename it over the old one.
    let tmp = path.with_file_name(".prepbook-test-save.tmp");
    std::fs::write(&tmp, text.replacen(from, to, 1)).expect("write");
    std::fs::rename(&tmp, &path).expect("rename");
}

fn live_script(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("script[src=\"/__prepbook/live.js\"]").expect("selector");
    doc.select(&sel)
        .next()
        .and_then(|s| s.value().attr("data-build").map(str::to_string))
}

fn paragraph_texts(html: &str) -> Vec<String> {
    texts(&Html::parse_document(html), "main p")
}

#[test]
fn an_edit_is_rebuilt_and_served_and_a_broken_edit_shows_its_error_until_fixed() {
    let dir = fixture("basic");
    let mut server = Server::start(dir.path());

    let page = server.get("/python/gil.html");
    assert_eq!(page.status, 200);
    let first_build = live_script(&page.body).expect("pages get the live-reload script");
    let script = server.get("/__prepbook/live.js");
    assert_eq!(script.status, 200);
    assert!(script.headers.contains("text/javascript"));
    assert!(script.body.contains("EventSource"));
    assert!(
        live_script(
            &std::fs::read_to_string(dir.path().join("book/python/gil.html")).expect("read")
        )
        .is_none(),
        "the site on disk never holds the script"
    );

    // An edit: the page served changes, and the terminal says what was rebuilt.
    edit(
        dir.path(),
        "python/gil.md",
        "Reference counting is not thread-safe on its own.",
        "Reference counting is not thread-safe on its own, edited while serving.",
    );
    server.wait_for("/python/gil.html", "the edit", |r| {
        paragraph_texts(&r.body)
            .iter()
            .any(|p| p.contains("edited while serving"))
    });
    // A body edit changes only the question's own page (lists show its card, unchanged).
    let rebuilt = server.wait_for_line(|l| l.starts_with("rebuilt "));
    let words: Vec<&str> = rebuilt.split_whitespace().collect();
    assert!(
        matches!(words.as_slice(), ["rebuilt", "1", "page", "in", ms, "ms"] if ms.parse::<u64>().is_ok()),
        "{rebuilt}"
    );

    // A broken edit: the last good page is still served, and the error is what pages show.
    edit(
        dir.path(),
        "python/gil.md",
        "difficulty: Medium",
        "difficulty: meduim",
    );
    let status = {
        let started = Instant::now();
        loop {
            let s = server.status();
            if s["ok"] == false {
                break s;
            }
            assert!(started.elapsed() < DEADLINE, "the error never showed: {s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let errors = status["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{status}");
    let text = errors[0]["text"].as_str().unwrap_or("");
    assert!(
        text.starts_with("content/python/gil.md:4:13: error: unknown difficulty `meduim`"),
        "{text}"
    );
    assert!(text.contains("hint: did you mean `medium`?"), "{text}");
    let page = server.get("/python/gil.html");
    assert_eq!(page.status, 200, "the last good site is still served");
    assert!(
        paragraph_texts(&page.body)
            .iter()
            .any(|p| p.contains("edited while serving"))
    );
    let events = first_event(server.host());
    assert!(
        events.contains("\"ok\":false") && events.contains("unknown difficulty"),
        "an opened page is sent the error at once: {events}"
    );
    server.wait_for_stderr("rebuild failed: 1 error");

    // Fixed: the error clears, and pages are told of a new build.
    edit(
        dir.path(),
        "python/gil.md",
        "difficulty: meduim",
        "difficulty: easy",
    );
    let page = server.wait_for("/python/gil.html", "the fix", |r| {
        texts(
            &Html::parse_document(&r.body),
            "main .meta .difficulty-easy",
        )
        .iter()
        .any(|t| t.contains("Easy"))
    });
    let status = server.status();
    assert_eq!(status["ok"], true, "{status}");
    assert!(status["errors"].as_array().is_some_and(Vec::is_empty));
    let build = live_script(&page.body).expect("script");
    assert_ne!(build, first_build, "open pages see a new build and reload");
    assert_eq!(status["build"].as_str(), Some(build.as_str()));
}

/// The first event a page listening for rebuilds receives.
fn first_event(host: &str) -> String {
    let mut stream = TcpStream::connect(host).expect("connect");
    stream
        .set_read_timeout(Some(DEADLINE))
        .expect("read timeout");
    write!(
        stream,
        "GET /__prepbook/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");
    let mut reader = BufReader::new(stream);
    let mut seen = String::new();
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
        seen.push_str(&line);
        if line.starts_with("data: ") {
            break;
        }
        line.clear();
    }
    seen
}

#[test]
fn adding_a_question_rebuilds_the_whole_guide() {
    let dir = fixture("basic");
    let mut server = Server::start(dir.path());
    assert_eq!(server.get("/python/slots.html").status, 404);
    std::fs::write(
        dir.path().join("content/python/slots.md"),
        "---\ntitle: What do __slots__ do?\nsummary: They fix the attributes.\n---\n\nA new question.\n",
    )
    .expect("write");
    server.wait_for("/python/slots.html", "the new page", |r| r.status == 200);
    let line = server.wait_for_line(|l| l.contains("the whole guide"));
    assert!(line.contains("`python/slots.md` was added"), "{line}");
    let section = server.get("/python/index.html");
    assert!(
        texts(&Html::parse_document(&section.body), "main a")
            .iter()
            .any(|t| t.contains("What do __slots__ do?")),
        "the section lists it"
    );
}

#[test]
fn only_files_inside_the_site_are_served() {
    let dir = fixture("basic");
    std::fs::write(dir.path().join("secret.txt"), "TOP SECRET").expect("write");
    let server = Server::start(dir.path());
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("secret.txt"),
        dir.path().join("book/python/leak.txt"),
    )
    .expect("symlink");
    for path in [
        "/../secret.txt",
        "/python/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/python/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/%2fetc%2fpasswd",
        "//etc/passwd",
        "/etc/passwd",
        "/python/leak.txt",
        "/book.toml",
        "/%00",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("TOP SECRET"), "{path}");
        assert!(!r.body.contains("root:"), "{path}");
    }
    assert_eq!(request(server.host(), "POST", "/index.html").status, 405);
    assert_eq!(request(server.host(), "HEAD", "/index.html").body, "");
    let missing = server.get("/no-such-page.html");
    assert_eq!(missing.status, 404);
    assert!(
        live_script(&missing.body).is_some(),
        "the 404 page reloads too, so a page being created shows up"
    );
}

#[test]
fn a_deleted_site_is_built_whole_again_on_the_next_edit() {
    let dir = fixture("basic");
    let mut server = Server::start(dir.path());
    std::fs::remove_dir_all(dir.path().join("book")).expect("remove the site");
    assert_eq!(server.get("/index.html").status, 404);
    edit(
        dir.path(),
        "python/gil.md",
        "on its own.",
        "on its own, really.",
    );
    server.wait_for("/index.html", "the site again", |r| r.status == 200);
    let line = server.wait_for_line(|l| l.contains("the whole guide"));
    assert!(line.contains("the site folder is gone"), "{line}");
    assert_eq!(server.get("/databases/indexes.html").status, 200);
}

#[test]
fn a_folder_prepbook_did_not_write_is_never_served() {
    let dir = fixture("basic");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).expect("mkdir");
    std::fs::write(docs.join("notes.txt"), "PRIVATE NOTES").expect("write");
    std::fs::write(docs.join("index.html"), "<p>PRIVATE PAGE</p>").expect("write");
    let config = dir.path().join("book.toml");
    let text = std::fs::read_to_string(&config).expect("read");
    std::fs::write(&config, format!("{text}\n[build]\noutput-dir = \"docs\"\n")).expect("write");
    let server = Server::start(dir.path());
    let status = server.status();
    assert_eq!(
        status["ok"], false,
        "the build refuses the folder: {status}"
    );
    for path in ["/notes.txt", "/", "/index.html"] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("PRIVATE"), "{path}: {}", r.body);
    }
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let dir = fixture("basic");
    let server = Server::start(dir.path());
    assert_eq!(server.get("/index.html").status, 200);
    let (status, stderr) = server.interrupt();
    assert!(status.success(), "exit status {status:?}\n{stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("prepbook-tmp") || n.contains("prepbook-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(
        dir.path().join("book/index.html").is_file(),
        "the site stays"
    );
}

#[test]
fn a_guide_that_does_not_build_is_served_with_its_errors() {
    let dir = fixture("invalid");
    let server = Server::start(dir.path());
    let status = server.status();
    assert_eq!(status["ok"], false);
    assert_eq!(
        status["errors"].as_array().map(Vec::len),
        Some(9),
        "every error of the guide: {status}"
    );
    let page = server.get("/");
    assert_eq!(page.status, 404, "no site was built yet");
    assert!(live_script(&page.body).is_some(), "the errors show over it");
}

#[test]
fn serve_outside_a_guide_or_on_a_taken_port_fails_with_a_hint() {
    let empty = tempfile::tempdir().expect("temp dir");
    let out = prepbook(empty.path())
        .args(["serve", "--port", "0"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("there is no book.toml"), "{stderr}");
    assert!(stderr.contains("hint: run `prepbook init`"), "{stderr}");

    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let dir = fixture("basic");
    let out = prepbook(dir.path())
        .args(["serve", "--port", &port])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot listen on 127.0.0.1:"), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
}
