//! The connections `serve` keeps: HTTP/1.1 over hyper on a tokio runtime in the background,
//! answered by the router of [`super::http`]. Connections are kept alive between requests and
//! bounded in number; a client must send a request's head within [`HEADER_TIMEOUT`] (the wait
//! for the next request on a kept connection counts too), and a connection on which nothing
//! moves for [`IDLE_TIMEOUT`] is closed. So idle or slow clients cannot hold the server up: each
//! costs a task, not a thread.

use std::io;
use std::net::TcpListener;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::runtime::Runtime;
use tokio::sync::Semaphore;
use tokio::time::Instant;

/// The longest a client may take to send a request's head, from the moment the connection opens
/// or the last response was sent. Browsers send it at once and open a new connection when a
/// kept one was closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection on which no byte was read or written for this long is closed: a client that
/// stopped reading its answer, say. Event streams send a comment more often than this.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// The most connections open at once; more wait to be accepted until one closes. A browser keeps
/// about six per site, and one event stream per open page.
pub const MAX_CONNECTIONS: usize = 512;

/// The server, answering until it is dropped.
pub struct Server {
    runtime: Option<Runtime>,
}

impl Server {
    /// Answers connections on `listener` with `app`, in background threads.
    pub fn start(listener: TcpListener, app: Router) -> io::Result<Server> {
        listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .thread_name("prepbook-http")
            .enable_all()
            .build()?;
        let listener = {
            let _in_runtime = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        runtime.spawn(accept(listener, app));
        Ok(Server {
            runtime: Some(runtime),
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Open connections (event streams never end by themselves) are dropped, not waited for.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

async fn accept(listener: tokio::net::TcpListener, app: Router) {
    let open = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = Arc::clone(&open).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it was accepted: try
                // again shortly rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        tokio::spawn(async move {
            connection(stream, app).await;
            drop(slot);
        });
    }
}

/// Answers the requests of one connection until either side closes it or it times out.
async fn connection(stream: TcpStream, app: Router) {
    let moved = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let io = TokioIo::new(Watched {
        inner: stream,
        started,
        moved: Arc::clone(&moved),
    });
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .keep_alive(true);
    let answering = http.serve_connection(io, TowerToHyperService::new(app));
    tokio::pin!(answering);
    loop {
        let last = started + Duration::from_millis(moved.load(Ordering::Relaxed));
        tokio::select! {
            // An error here is the client's doing (it went away, or sent no valid request);
            // hyper has answered what it could.
            _ = answering.as_mut() => return,
            _ = tokio::time::sleep_until(last + IDLE_TIMEOUT) => {
                let now = started + Duration::from_millis(moved.load(Ordering::Relaxed));
                if now == last {
                    return; // dropping the connection closes it
                }
            }
        }
    }
}

/// A connection that notes when a byte last went through it, in milliseconds after `started`.
struct Watched {
    inner: TcpStream,
    started: Instant,
    moved: Arc<AtomicU64>,
}

impl Watched {
    fn touch(&self) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.moved.store(ms, Ordering::Relaxed);
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let read = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(read, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.touch();
        }
        read
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        written
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
