//! What `serve` answers, as an axum router: the site's files (tower-http sends the ones that are
//! not pages), each HTML page with the live-reload script added, the event stream pages listen
//! to, and the status. Only GET and HEAD are answered. Only files inside the site folder are
//! served: a path with `..` (written or percent-encoded), a backslash or a NUL, and a file whose
//! real location (symlinks resolved) is outside the folder, get a 404.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::WatchStream;
use tower::ServiceExt;
use tower_http::services::ServeFile;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::output::MARKER;
use crate::serve::live::{self, Live, Status};

/// How often a comment goes down an idle event stream, so a page that went away is noticed
/// (and an idle connection is not taken for a dead one).
const PING: Duration = Duration::from_secs(10);
/// How soon a page reconnects when its event stream breaks (the server restarting, say).
const RECONNECT: Duration = Duration::from_secs(1);
/// The request headers that would make a file's answer depend on what the browser already has.
/// Dropped: a page and the files it uses are always sent whole and as they are now, since a
/// rebuild can change a file twice within the second a `Last-Modified` date can tell apart.
const CONDITIONAL: [HeaderName; 6] = [
    header::RANGE,
    header::IF_RANGE,
    header::IF_MATCH,
    header::IF_NONE_MATCH,
    header::IF_MODIFIED_SINCE,
    header::IF_UNMODIFIED_SINCE,
];

/// Everything `serve` answers.
pub fn router(live: Arc<Live>) -> Router {
    Router::new()
        .route(live::EVENTS, get(events))
        .route(live::SCRIPT, get(script))
        .route(live::STATUS, get(status))
        .fallback(site)
        .layer(middleware::from_fn(only_get_and_head))
        // Browsers ask again for every file: it may have been rebuilt since.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(live)
}

async fn only_get_and_head(request: Request, next: Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        return next.run(request).await;
    }
    (
        StatusCode::METHOD_NOT_ALLOWED,
        [(header::ALLOW, "GET, HEAD")],
        "only GET and HEAD\n",
    )
        .into_response()
}

/// The status now and after every rebuild, as Server-Sent Events.
async fn events(State(live): State<Arc<Live>>) -> impl IntoResponse {
    let statuses = WatchStream::new(live.subscribe()).map(|s| Ok::<_, Infallible>(event(&s)));
    Sse::new(statuses).keep_alive(KeepAlive::new().interval(PING))
}

/// A status as one event.
fn event(status: &Status) -> Event {
    let data = serde_json::to_string(status).unwrap_or_else(|_| "{}".into());
    Event::default().event("status").retry(RECONNECT).data(data)
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        live::SCRIPT_SOURCE,
    )
}

async fn status(State(live): State<Arc<Live>>) -> Json<Status> {
    Json(live.status())
}

/// A file of the site.
async fn site(State(live): State<Arc<Live>>, request: Request) -> Response {
    // Found and opened while no rebuild swaps files in (afterwards the bytes are ours), with the
    // number of the build they come from.
    let _reading = live.reading().await;
    let build = live.build();
    let root = live.output();
    let target = request.uri().path().to_string();
    let found = tokio::task::spawn_blocking(move || find(&root, &target)).await;
    match found {
        Ok(Found::Page(bytes)) => page(StatusCode::OK, &build, &bytes),
        Ok(Found::File(file)) => send_file(request, &file, &build).await,
        Ok(Found::Redirect(to)) => match HeaderValue::try_from(to) {
            Ok(to) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response(),
            Err(_) => not_found(&build, None),
        },
        Ok(Found::Missing(page)) => not_found(&build, page.as_deref()),
        Err(_) => not_found(&build, None),
    }
}

/// What a request for a file of the site comes to.
enum Found {
    /// An HTML page, read whole: the script goes in.
    Page(Vec<u8>),
    /// Any other file, sent as it is.
    File(PathBuf),
    Redirect(String),
    /// Nothing there; the site's own 404 page when it has one.
    Missing(Option<Vec<u8>>),
}

/// Finds `target` in the site folder `root` (blocking: it reads the disk).
fn find(root: &Path, target: &str) -> Found {
    // Only a site Prepbook wrote is served: never a folder of other files that `book.toml`
    // names as the output but that a build refused to replace.
    if !root.join(MARKER).is_file() {
        return Found::Missing(None);
    }
    match resolve(root, target) {
        Resolved::File(file) if inside(root, &file) => {
            if !content_type(&file).starts_with("text/html") {
                return Found::File(file);
            }
            match std::fs::read(&file) {
                Ok(bytes) => Found::Page(bytes),
                Err(_) => Found::Missing(std::fs::read(root.join("404.html")).ok()),
            }
        }
        Resolved::Redirect(to) => Found::Redirect(to),
        Resolved::File(_) | Resolved::NotFound => {
            Found::Missing(std::fs::read(root.join("404.html")).ok())
        }
    }
}

/// An HTML page with the live-reload script, naming `build`.
fn page(code: StatusCode, build: &str, html: &[u8]) -> Response {
    let body = live::inject(html, &live::script_tag(build));
    (
        code,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The site's 404 page (a plain one without a site), reloading once the page exists.
fn not_found(build: &str, page_404: Option<&[u8]>) -> Response {
    let html = page_404.unwrap_or(
        b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><p>There is no page here (yet).</p></body></html>\n",
    );
    page(StatusCode::NOT_FOUND, build, html)
}

/// Sends a file that is not a page, whole, with tower-http (which also answers HEAD).
async fn send_file(mut request: Request, file: &Path, build: &str) -> Response {
    for name in CONDITIONAL {
        request.headers_mut().remove(name);
    }
    let Ok(response) = ServeFile::new(file).oneshot(request).await;
    if response.status() != StatusCode::OK {
        // The file went away after it was found (not by a rebuild: they wait for the lock).
        return not_found(build, None);
    }
    let mut response = response.map(Body::new);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(file)),
    );
    headers.remove(header::LAST_MODIFIED);
    headers.remove(header::ACCEPT_RANGES);
    response
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
/// `target` is the path of the request, as sent (percent-encoded, maybe with a query).
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

    /// Every way of writing "one folder up" that a server has been fooled by, tried where a
    /// file does wait one folder up: the site is `<tmp>/site`, and `<tmp>/secret` exists.
    #[test]
    fn climbing_out_finds_nothing_even_where_a_file_waits() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("python")).expect("mkdir");
        std::fs::write(root.join(MARKER), "").expect("write");
        std::fs::write(root.join("index.html"), "home").expect("write");
        std::fs::write(root.join("python/gil.html"), "gil").expect("write");
        std::fs::write(dir.path().join("secret"), "secret").expect("write");
        std::fs::create_dir_all(dir.path().join("private")).expect("mkdir");
        std::fs::write(dir.path().join("private/index.html"), "private").expect("write");
        for target in [
            "/../secret",
            "/./../secret",
            "/python/../../secret",
            "/python/./../../secret",
            "/%2e%2e/secret",
            "/%2E%2E/secret",
            "/.%2e/secret",
            "/%2e./secret",
            "/%2e%2e%2fsecret",
            "/python/%2e%2e%2f%2e%2e%2fsecret",
            "/python/..%2f..%2fsecret",
            "/python/%2e%2e/%2e%2e/secret",
            "/..%5csecret",
            "/%2e%2e%5csecret",
            "/python/..\\..\\secret",
            "/%252e%252e/secret",
            "/%252e%252e%252fsecret",
            "/%c0%ae%c0%ae/secret",
            "/%c0%af../secret",
            "/%e0%80%ae%e0%80%ae/secret",
            "/%ef%bc%8e%ef%bc%8e/secret",
            "/%u002e%u002e/secret",
            "/..;/secret",
            "/../private",
            "/../private/",
            "/%2e%2e/private/index.html",
            "/..%00/secret",
            "/%00../secret",
            "//../secret",
            "/.../secret",
            "/....//secret",
            "/%2f%2e%2e%2fsecret",
        ] {
            assert!(matches!(find(&root, target), Found::Missing(_)), "{target}");
        }
        assert!(matches!(find(&root, "/python/gil.html"), Found::Page(p) if p == b"gil"));
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
        // A linked folder too; and neither is found once the site is one Prepbook wrote.
        std::os::unix::fs::symlink(outside.path(), dir.path().join("elsewhere")).expect("symlink");
        std::fs::write(dir.path().join(MARKER), "").expect("write");
        for target in ["/leak.txt", "/elsewhere/secret.txt"] {
            assert!(
                matches!(find(dir.path(), target), Found::Missing(_)),
                "{target}"
            );
        }
        assert!(matches!(
            find(dir.path(), "/python/gil.html"),
            Found::Page(_)
        ));
    }
}
