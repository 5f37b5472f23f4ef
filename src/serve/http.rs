//! A small HTTP/1.1 server over `std::net` for `serve`: a thread accepts connections and a few
//! worker threads answer them (GET and HEAD, one request per connection). It serves only files
//! inside the site folder: a path with `..` (written or percent-encoded), a backslash or a NUL,
//! and a file whose real location (symlinks resolved) is outside the folder, get a 404.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::output::MARKER;
use crate::serve::live::{self, Live};

/// Worker threads answering requests. Event streams are handed to [`Live`], so a worker is busy
/// only while it sends one file.
const WORKERS: usize = 4;
/// The longest request head read.
const MAX_HEAD: u64 = 16 * 1024;

/// Answers connections on `listener` in background threads, for as long as the process runs.
pub fn start(listener: TcpListener, live: Arc<Live>) {
    let (tx, rx) = channel::<TcpStream>();
    let rx = Arc::new(Mutex::new(rx));
    for _ in 0..WORKERS {
        let rx = Arc::clone(&rx);
        let live = Arc::clone(&live);
        std::thread::spawn(move || work(&rx, &live));
    }
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if tx.send(stream).is_err() {
                break;
            }
        }
    });
    // Pings find the pages that went away, so their streams are closed.
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(10));
            live.ping();
        }
    });
}

fn work(rx: &Mutex<Receiver<TcpStream>>, live: &Live) {
    loop {
        let next = match rx.lock() {
            Ok(r) => r.recv(),
            Err(_) => return,
        };
        let Ok(stream) = next else {
            return;
        };
        // A client that goes away mid-answer is not the server's problem.
        let _ = answer(stream, live);
    }
}

/// A parsed request line.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    method: String,
    target: String,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Option<Request>> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let request = Request {
        method: method.to_string(),
        target: target.to_string(),
    };
    // Read the rest of the head, so closing the connection does not reset it under the answer.
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim_end().is_empty() {
            break;
        }
    }
    Ok(Some(request))
}

fn answer(mut stream: TcpStream, live: &Live) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let Some(request) = read_request(&stream)? else {
        return respond(
            &mut stream,
            400,
            "text/plain; charset=utf-8",
            b"bad request",
            true,
        );
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"only GET and HEAD",
            head_only,
        );
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("");
    match path {
        live::EVENTS => {
            live.listen(stream);
            return Ok(());
        }
        live::SCRIPT => {
            return respond(
                &mut stream,
                200,
                "text/javascript; charset=utf-8",
                live::SCRIPT_SOURCE.as_bytes(),
                head_only,
            );
        }
        live::STATUS => {
            let json = serde_json::to_vec(&live.status()).unwrap_or_default();
            return respond(&mut stream, 200, "application/json", &json, head_only);
        }
        _ => {}
    }
    let root = live.output();
    // Only a site Prepbook wrote is served: never a folder of other files that `book.toml`
    // names as the output but that a build refused to replace.
    if !root.join(MARKER).is_file() {
        return not_found(&mut stream, live, &root, head_only);
    }
    match resolve(&root, &request.target) {
        Resolved::File(file) => {
            // Read while no rebuild swaps files in (afterwards the bytes are ours), with the
            // number of the build they come from.
            let (read, build) = {
                let _reading = live.site_lock.read().unwrap_or_else(|e| e.into_inner());
                let read = inside(&root, &file)
                    .then(|| std::fs::read(&file).ok())
                    .flatten();
                (read, live.build())
            };
            match read {
                Some(bytes) => send_file(&mut stream, &build, 200, &file, bytes, head_only),
                None => not_found(&mut stream, live, &root, head_only),
            }
        }
        Resolved::Redirect(to) => {
            let head = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            stream.write_all(head.as_bytes())
        }
        Resolved::NotFound => not_found(&mut stream, live, &root, head_only),
    }
}

fn not_found(
    stream: &mut TcpStream,
    live: &Live,
    root: &Path,
    head_only: bool,
) -> std::io::Result<()> {
    let (bytes, build) = {
        let _reading = live.site_lock.read().unwrap_or_else(|e| e.into_inner());
        let page = root
            .join(MARKER)
            .is_file()
            .then(|| std::fs::read(root.join("404.html")).ok())
            .flatten();
        (page, live.build())
    };
    let bytes = bytes.unwrap_or_else(|| {
        b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><p>There is no page here (yet).</p></body></html>\n".to_vec()
    });
    send_file(stream, &build, 404, Path::new("404.html"), bytes, head_only)
}

/// Sends a file of the site; an HTML page gets the live-reload script, naming `build`.
fn send_file(
    stream: &mut TcpStream,
    build: &str,
    code: u16,
    file: &Path,
    bytes: Vec<u8>,
    head_only: bool,
) -> std::io::Result<()> {
    let kind = content_type(file);
    let body = if kind.starts_with("text/html") {
        live::inject(&bytes, &live::script_tag(build))
    } else {
        bytes
    };
    respond(stream, code, kind, &body, head_only)
}

fn respond(
    stream: &mut TcpStream,
    code: u16,
    kind: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match code {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
    let head = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links need it.
    Redirect(String),
    NotFound,
}

/// Maps a request path onto the site folder `root`, refusing anything that could leave it.
fn resolve(root: &Path, target: &str) -> Resolved {
    let target = target.split(['?', '#']).next().unwrap_or("");
    if !target.starts_with('/') {
        return Resolved::NotFound;
    }
    let Some(decoded) = percent_decode(target) else {
        return Resolved::NotFound;
    };
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::NotFound,
            s if s.contains(['\\', '\0', ':']) => return Resolved::NotFound,
            s => file.push(s),
        }
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            // One leading slash: `//host/` would send the browser to another site.
            return Resolved::Redirect(format!("/{}/", target.trim_start_matches('/')));
        }
        file.push("index.html");
    }
    if file.is_file() {
        Resolved::File(file)
    } else {
        Resolved::NotFound
    }
}

/// Whether `file`, with every symlink resolved, is inside `root`.
fn inside(root: &Path, file: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(file)) {
        (Ok(root), Ok(file)) => file.starts_with(root),
        _ => false,
    }
}

/// `%xx` escapes decoded; `None` when the result is not UTF-8 or an escape is malformed.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("python")).expect("mkdir");
        std::fs::write(root.join("index.html"), "home").expect("write");
        std::fs::write(root.join("python/index.html"), "section").expect("write");
        std::fs::write(root.join("python/gil.html"), "gil").expect("write");
        dir
    }

    #[test]
    fn paths_map_into_the_site() {
        let dir = site();
        let root = dir.path();
        assert_eq!(resolve(root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(root, "/python/gil.html?x=1"),
            Resolved::File(root.join("python/gil.html"))
        );
        assert_eq!(
            resolve(root, "/python/"),
            Resolved::File(root.join("python/index.html"))
        );
        assert_eq!(
            resolve(root, "/python"),
            Resolved::Redirect("/python/".into())
        );
        assert_eq!(
            resolve(root, "/python/%67il.html"),
            Resolved::File(root.join("python/gil.html"))
        );
    }

    #[test]
    fn climbing_out_is_refused_however_it_is_written() {
        let dir = site();
        let root = dir.path();
        for target in [
            "/../secret",
            "/python/../../secret",
            "/%2e%2e/secret",
            "/%2E%2E%2Fsecret",
            "/python/..%2f..%2fsecret",
            "/..\\secret",
            "/%5c..%5csecret",
            "//etc/passwd",
            "/%2fetc%2fpasswd",
            "/C:/Windows/win.ini",
            "/%00",
            "/%zz",
            "/%c0%ae%c0%ae/secret",
            "etc/passwd",
            "http://example.com/",
        ] {
            assert_eq!(resolve(root, target), Resolved::NotFound, "{target}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_of_the_site_is_not_followed() {
        let dir = site();
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::write(outside.path().join("secret.txt"), "secret").expect("write");
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            dir.path().join("leak.txt"),
        )
        .expect("symlink");
        let Resolved::File(file) = resolve(dir.path(), "/leak.txt") else {
            panic!("the link itself is inside the site");
        };
        assert!(!inside(dir.path(), &file));
        assert!(inside(dir.path(), &dir.path().join("python/gil.html")));
    }
}
