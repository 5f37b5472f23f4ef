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

/// Reads one response from a connection that stays open: its head, then `Content-Length` bytes.
fn read_response(reader: &mut BufReader<TcpStream>) -> Response {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).expect("read a header line");
        assert!(
            n > 0,
            "the connection closed within a response head: {head}"
        );
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .expect("a Content-Length");
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("read the body");
    Response {
        status: head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0),
        headers: head,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// The value of header `name` in a response head, if it has one.
fn header(response: &Response, name: &str) -> Option<String> {
    response.headers.lines().find_map(|l| {
        let (n, value) = l.split_once(':')?;
        n.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().to_string())
    })
}

#[test]
fn other_methods_get_405_naming_the_allowed_ones() {
    let dir = fixture("basic");
    let server = Server::start(dir.path());
    for (method, path) in [
        ("POST", "/index.html"),
        ("PUT", "/python/gil.html"),
        ("DELETE", "/python/"),
        ("POST", "/__prepbook/status"),
        ("OPTIONS", "/no-such-page.html"),
    ] {
        let r = request(server.host(), method, path);
        assert_eq!(r.status, 405, "{method} {path}");
        let allow = header(&r, "allow").unwrap_or_else(|| panic!("{method} {path}: {}", r.headers));
        let allowed: Vec<&str> = allow.split(',').map(str::trim).collect();
        assert_eq!(allowed, ["GET", "HEAD"], "{method} {path}");
    }
}

#[test]
fn one_connection_answers_several_requests() {
    let dir = fixture("basic");
    let server = Server::start(dir.path());
    let stream = TcpStream::connect(server.host()).expect("connect");
    stream
        .set_read_timeout(Some(DEADLINE))
        .expect("read timeout");
    let mut writer = stream.try_clone().expect("clone the stream");
    let mut reader = BufReader::new(stream);
    for path in [
        "/python/gil.html",
        "/static/prepbook.js",
        "/no-such-page.html",
        "/index.html",
    ] {
        write!(
            writer,
            "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.host()
        )
        .expect("send on the same connection");
        let r = read_response(&mut reader);
        let expected = if path.starts_with("/no-such") {
            404
        } else {
            200
        };
        assert_eq!(r.status, expected, "{path}: {}", r.headers);
        assert!(
            header(&r, "connection").is_none_or(|c| !c.eq_ignore_ascii_case("close")),
            "{path}: the server keeps the connection open: {}",
            r.headers
        );
        if path.ends_with(".html") {
            assert!(live_script(&r.body).is_some(), "{path} is a whole page");
        }
    }
    // A HEAD on the same connection: the length of the page, and no body to skip.
    write!(
        writer,
        "HEAD /python/gil.html HTTP/1.1\r\nHost: {}\r\n\r\nGET /__prepbook/status HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host(),
        server.host()
    )
    .expect("send");
    let mut head = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("read");
        if line == "\r\n" || line.is_empty() {
            break;
        }
        head.push_str(&line);
    }
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let status = read_response(&mut reader);
    assert_eq!(
        status.status, 200,
        "the next answer follows the HEAD's head at once"
    );
    assert!(status.body.contains("\"ok\":true"), "{}", status.body);
}

#[test]
fn a_path_that_is_not_utf8_gets_an_answer() {
    let dir = fixture("basic");
    let server = Server::start(dir.path());
    for path in [
        &b"/\xff\xfe.html"[..],
        b"/python/\xc0\xae\xc0\xae/gil.html",
        b"/%ff%fe",
    ] {
        let mut stream = TcpStream::connect(server.host()).expect("connect");
        stream
            .set_read_timeout(Some(DEADLINE))
            .expect("read timeout");
        stream.write_all(b"GET ").expect("send");
        stream.write_all(path).expect("send");
        stream
            .write_all(b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .expect("send");
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw);
        let status: u16 = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        assert!(
            status == 400 || status == 404,
            "{}: {text}",
            String::from_utf8_lossy(path)
        );
    }
}

/// Opens a connection and sends a request's first line and one header line, leaving the head
/// unfinished.
fn slow_header_client(host: &str) -> TcpStream {
    let mut stream = TcpStream::connect(host).expect("connect");
    write!(stream, "GET /index.html HTTP/1.1\r\nHost: {host}\r\n").expect("send");
    stream
}

/// Sends one more header line on each of `clients` every `every`, from a thread, until `stop`.
fn keep_trickling(
    clients: Vec<TcpStream>,
    every: Duration,
    stop: Receiver<()>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut clients = clients;
        let mut n = 0;
        // Bounded: the test that started it ends within a few deadlines.
        while n < 100 && stop.recv_timeout(every).is_err() {
            n += 1;
            for c in &mut clients {
                let _ = write!(c, "X-Trickle-{n}: y\r\n");
            }
        }
    })
}

#[test]
fn idle_and_slow_clients_do_not_hold_up_a_request() {
    let dir = fixture("basic");
    let server = Server::start(dir.path());
    let idle: Vec<TcpStream> = (0..100)
        .map(|_| TcpStream::connect(server.host()).expect("connect"))
        .collect();
    let slow: Vec<TcpStream> = (0..4).map(|_| slow_header_client(server.host())).collect();
    let (stop, stopped) = channel();
    let trickle = keep_trickling(slow, Duration::from_secs(3), stopped);
    // While they are all open, a page is answered (the deadline only stops a hang).
    let page = server.get("/python/gil.html");
    assert_eq!(page.status, 200);
    assert!(
        paragraph_texts(&page.body)
            .iter()
            .any(|p| p.contains("Reference counting")),
        "the whole page"
    );
    let _ = stop.send(());
    trickle.join().expect("the trickling thread");
    drop(idle);
}

#[test]
fn a_client_that_never_finishes_its_request_head_is_disconnected() {
    let dir = fixture("basic");
    let server = Server::start(dir.path());
    let mut client = slow_header_client(server.host());
    client
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("read timeout");
    let started = Instant::now();
    let mut n = 0;
    let closed = loop {
        // Each line comes well within any sensible read timeout: only a limit on the whole
        // head can end this.
        if write!(client, "X-Trickle-{n}: y\r\n").is_err() {
            break true;
        }
        n += 1;
        let mut buf = [0u8; 512];
        match client.read(&mut buf) {
            Ok(0) => break true,
            // An answer (a 408, say) before closing is fine too.
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => break true,
        }
        if started.elapsed() > DEADLINE * 2 {
            break false;
        }
        std::thread::sleep(Duration::from_millis(800));
    };
    assert!(
        closed,
        "the connection was still open after {n} header lines"
    );
    // The server still answers others.
    assert_eq!(server.get("/index.html").status, 200);
}
