//! `prepbook serve`: build the guide, serve the site over HTTP ([`server`], [`http`]), and
//! rebuild on every change, reloading the open pages. Changes come in bursts (an editor's atomic
//! save, a `git checkout`), so events are held back a moment ([`watch`]), then sorted
//! ([`watch::classify`]): an edit to questions is patched in ([`edit::edit`]), anything else
//! rebuilds the guide. The rebuilds run on this thread; the server answers from a tokio runtime
//! in the background. A failed rebuild keeps the last good site and shows its errors over the
//! open pages; the server never stops because of a mistake in the guide.

pub mod http;
pub mod live;
pub mod server;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{TryRecvError, channel};
use std::time::Instant;

use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, display_path, escape_controls};
use crate::edit::{self, Edited, Kept};
use crate::output;
use crate::site::{BuildOptions, load_config};
use live::Live;
use server::Server;
use watch::{Burst, Change, Sources, Watching};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser once it is built.
    pub open: bool,
    pub drafts: bool,
}

/// Why the server could not start (a mistake in the guide never stops it).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("there is no {CONFIG_FILE} in `{0}`")]
    NotAGuide(PathBuf),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the server: {0}")]
    Server(std::io::Error),
    #[error("cannot watch the guide's files: {0}")]
    Watch(#[from] notify_debouncer_full::notify::Error),
    #[error("cannot handle Ctrl+C: {0}")]
    Signal(#[from] ctrlc::Error),
}

enum Message {
    Changed(Burst),
    Stop,
}

/// Serves the guide until Ctrl+C.
pub fn serve(opts: &ServeOptions) -> Result<(), ServeError> {
    let root = output::absolute(&opts.root);
    if !root.join(CONFIG_FILE).is_file() {
        return Err(ServeError::NotAGuide(display_path(&root)));
    }
    // Serve rewrites the output folder without keeping a build record, so the next `build`
    // must not take the folder for the one it last wrote.
    if let Ok(config) = load_config(&root, &BuildOptions::default()) {
        crate::freshness::forget(&config);
    }
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = TcpListener::bind(addr).map_err(|source| ServeError::Listen { addr, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| ServeError::Listen { addr, source })?;

    let (tx, rx) = channel::<Message>();
    let stopping = AtomicBool::new(false);
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        if stopping.swap(true, Ordering::SeqCst) {
            // A second Ctrl+C while a long rebuild runs: stop at once.
            std::process::exit(130);
        }
        let _ = stop.send(Message::Stop);
    })?;

    let mut session = Session::new(root, opts.drafts);
    // Watching starts before the first build, so no change made from then on is missed.
    let mut watching = Watching::start(&session.sources(), tx.clone(), Message::Changed)?;
    session.rebuild_all(None, Instant::now());
    let server = Server::start(listener, http::router(Arc::clone(&session.live)))
        .map_err(ServeError::Server)?;
    let url = site_url(addr);
    say!("serving {url} (Ctrl+C to stop)");
    if opts.open {
        open_browser(&url);
    }

    while let Ok(Message::Changed(mut burst)) = rx.recv() {
        // Batches that came while the last rebuild ran are rebuilt together.
        let stop = loop {
            match rx.try_recv() {
                Ok(Message::Changed(more)) => {
                    burst.paths.extend(more.paths);
                    burst.since = burst.since.min(more.since);
                }
                Ok(Message::Stop) | Err(TryRecvError::Disconnected) => break true,
                Err(TryRecvError::Empty) => break false,
            }
        };
        if stop {
            break;
        }
        // A bug that panics on some content must not take the server down either.
        let rebuilt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            session.rebuild(&burst.paths, burst.since)
        }));
        if let Err(panic) = rebuilt {
            session.crashed(panic.as_ref());
        }
        let now = session.sources();
        if now != *watching.sources() || session.rewatch {
            // New folders (a `themes/` just made, another content folder): watch them too.
            match watching.update(&now) {
                Ok(()) => session.rewatch = false,
                Err(e) => say_err!("warning: cannot watch the guide's new folders: {e}"),
            }
        }
    }
    drop(watching);
    drop(server);
    session.finish();
    say_err!("stopped");
    Ok(())
}

/// Whether the last rebuild left something to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Broken {
    No,
    /// One question's edit failed; the kept guide still matches the site.
    File(String),
    /// The whole guide must be rebuilt.
    All,
}

/// The state of the rebuild loop.
struct Session {
    root: PathBuf,
    opts: BuildOptions,
    live: Arc<Live>,
    kept: Option<Kept>,
    broken: Broken,
    builds: u64,
    /// A full rebuild happened: watch the folders again (one may have appeared).
    rewatch: bool,
}

impl Session {
    fn new(root: PathBuf, drafts: bool) -> Session {
        let live = Arc::new(Live::new(root.join("book")));
        Session {
            opts: BuildOptions {
                drafts,
                ..BuildOptions::default()
            },
            root,
            live,
            kept: None,
            broken: Broken::No,
            builds: 0,
            rewatch: false,
        }
    }

    fn sources(&self) -> Sources {
        match &self.kept {
            Some(k) => Sources::of(&k.loaded.guide.config),
            None => match load_config(&self.root, &self.opts) {
                Ok(config) => Sources::of(&config),
                Err(_) => Sources::default_for(&self.root),
            },
        }
    }

    fn rebuild(&mut self, paths: &[PathBuf], first: Instant) {
        let guide = self.kept.as_ref().map(|k| &k.loaded.guide);
        let translations = self
            .kept
            .as_ref()
            .map_or(&[][..], |k| &k.loaded.translations[..]);
        let change = watch::classify(paths, &self.sources(), guide, translations);
        let change = match (change, &self.broken) {
            (Change::Edits { .. }, Broken::All) => {
                Change::Full("the last rebuild did not succeed".into())
            }
            (Change::Edits { questions, assets }, Broken::File(f))
                if !(assets.is_empty() && questions.len() == 1 && questions[0] == *f) =>
            {
                Change::Full(format!("`{f}` did not build"))
            }
            (change, _) => change,
        };
        match change {
            Change::Nothing => {}
            Change::Full(why) => self.rebuild_all(Some(&why), first),
            Change::Edits { questions, assets } => self.edit(&questions, &assets, first),
        }
    }

    fn edit(&mut self, questions: &[String], assets: &[String], first: Instant) {
        let Some(kept) = self.kept.as_mut() else {
            return self.rebuild_all(Some("there is no build to patch"), first);
        };
        let out = self.live.output();
        if !out.join(output::MARKER).is_file() {
            return self.rebuild_all(Some("the site folder is gone"), first);
        }
        match edit::edit(kept, questions, assets, &out) {
            Ok(Edited::Done {
                patch,
                pages,
                files,
                warnings,
                steps,
            }) => {
                if std::env::var_os("PREPBOOK_TIMINGS").is_some() {
                    for (name, took) in &steps {
                        say_err!("  {name:>8}: {:.1} ms", took.as_secs_f64() * 1000.0);
                    }
                }
                print_diagnostics(&warnings);
                if let Err(e) = self.live.publish(self.builds + 1, &out, || patch.apply()) {
                    self.kept = None;
                    self.broken = Broken::All;
                    let d = Diagnostic::error(
                        display_path(&out),
                        format!("cannot write the rebuilt files: {e}"),
                    );
                    return self.failed(&[d]);
                }
                self.builds += 1;
                self.broken = Broken::No;
                let took = first.elapsed().as_millis();
                if pages == 0 {
                    // Only files copied as they are (an image edited beside a question).
                    say!(
                        "rebuilt 0 pages in {took} ms ({} copied)",
                        count(files, "file")
                    );
                } else {
                    say!("rebuilt {} in {took} ms", count(pages, "page"));
                }
            }
            Ok(Edited::NeedsFullBuild(why)) => self.rebuild_all(Some(&why), first),
            Err(failed) => {
                self.broken = if failed.kept_is_stale {
                    self.kept = None;
                    Broken::All
                } else if assets.is_empty() && questions.len() == 1 {
                    Broken::File(questions[0].clone())
                } else {
                    Broken::All
                };
                self.failed(&failed.diagnostics);
            }
        }
    }

    /// Builds the whole guide; `why` is `None` for the first build.
    fn rebuild_all(&mut self, why: Option<&str>, first: Instant) {
        // The old guide goes first: two guides of 10,000 questions at once is a lot of memory.
        self.kept = None;
        self.rewatch = true;
        let build = self.builds + 1;
        let output = match load_config(&self.root, &self.opts) {
            Ok(config) => config.output_dir(),
            Err(_) => self.live.output(),
        };
        let live = Arc::clone(&self.live);
        let swap = |publish: &mut dyn FnMut() -> std::io::Result<()>| {
            live.publish(build, &output, publish)
        };
        match edit::full(&self.root, &self.opts, &swap) {
            Ok((kept, report)) => {
                self.kept = Some(kept);
                print_diagnostics(&report.warnings);
                self.builds = build;
                self.broken = Broken::No;
                let took = first.elapsed().as_millis();
                match why {
                    None => say!(
                        "built {} in {took} ms -> {}",
                        count(report.pages, "page"),
                        display_path(&report.output).display()
                    ),
                    // `why` may quote a file's name, which a guide's author chose.
                    Some(why) => say!(
                        "rebuilt {} in {took} ms (the whole guide: {})",
                        count(report.pages, "page"),
                        escape_controls(why, false)
                    ),
                }
            }
            Err(diagnostics) => {
                // Keep serving the last good site; before the first one, whatever an earlier
                // run left in the output folder.
                if self.builds == 0 {
                    self.live.set_output(output);
                }
                self.broken = Broken::All;
                self.failed(&diagnostics);
            }
        }
    }

    /// A rebuild panicked (a bug in Prepbook): say so, and rebuild everything next time.
    fn crashed(&mut self, panic: &(dyn std::any::Any + Send)) {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        self.kept = None;
        self.broken = Broken::All;
        let d = Diagnostic::error(
            display_path(&self.root),
            format!("Prepbook failed while rebuilding (a bug): {what}"),
        )
        .with_hint("the next change rebuilds the whole guide; please report this with the file you changed");
        self.failed(&[d]);
    }

    fn failed(&self, diagnostics: &[Diagnostic]) {
        print_diagnostics(diagnostics);
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        say_err!(
            "rebuild failed: {}, {}; still serving the last good site",
            count(errors, "error"),
            count(diagnostics.len() - errors, "warning")
        );
        self.live.failed(diagnostics);
    }

    /// Saves what later builds reuse.
    fn finish(&self) {
        if let Some(kept) = &self.kept {
            let _ = kept.loaded.highlighter.cache().save();
        }
    }
}

fn print_diagnostics(diags: &[Diagnostic]) {
    crate::diagnostics::render::print_all(diags);
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The address to open: a wildcard address is reached at `localhost`.
fn site_url(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("http://localhost:{}/", addr.port())
    } else {
        format!("http://{addr}/")
    }
}

/// Opens `url` in the default browser; failing to is only a warning.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        say_err!("warning: cannot open a browser ({e}); open {url} yourself");
    }
}
