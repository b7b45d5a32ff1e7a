//! `lectern serve`: a live preview. Builds the site with the ordinary pipeline into
//! memory, serves it over HTTP on the loopback interface, watches the sources and
//! rebuilds on every change, and tells open pages to reload.
//!
//! - [`snapshot`]: the build being served, swapped atomically after each rebuild
//!   (why in memory rather than in a folder: see there);
//! - [`http`]: answering requests from the snapshot, and who may ask;
//! - [`wire`]: reading requests and writing answers within fixed bounds;
//! - [`slots`]: the limits on open connections and live reload streams;
//! - [`watch`]: the debounced file watcher;
//! - [`reload`]: the injected script and the Server-Sent Events it listens to.
//!
//! A rebuild is a run of the ordinary pipeline, [`pipeline::run`]; there is no
//! second rendering path. What makes it quick is what the pipeline can take over
//! from the last run: files unchanged since then are re-read from memory, not
//! from disk ([`Warm`]), and every page whose fingerprint did not change is taken
//! from the site being served instead of rendered again ([`MemorySink::after`]).
//! The archive-wide parts are the slow ones, so a rebuild goes in two steps:
//! first the pages ([`Pass::Preview`]: the last search index and related
//! speeches carried over), which the open pages reload to; then, once no more
//! changes are waiting, everything ([`Pass::Complete`]).
//! When a rebuild fails, the last good build stays in place and the open pages
//! show the error.

pub(crate) mod http;
pub mod reload;
mod slots;
pub(crate) mod snapshot;
pub(crate) mod watch;
pub mod wire;

use crate::diagnostic::Diagnostic;
use crate::t;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context as _};

use crate::config::Site;
use crate::pipeline::{self, BuildOptions, Pass, Target, Warm, WriteSite};
use crate::sync::Unpoisoned;
use reload::{Event, Hub, LiveReload};
use snapshot::{Current, MemorySink};

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports above the asked one are tried when it is taken.
const PORT_TRIES: u16 = 100;
/// Open connections at most (each holds a thread); one more is answered 503.
pub const MAX_CONNECTIONS: usize = 256;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// The address to listen on; loopback unless the editor asks otherwise.
    pub bind: IpAddr,
    /// The first port tried; the next free one is used when it is taken.
    pub port: u16,
    /// Open the site in a browser once it is served.
    pub open: bool,
    pub drafts: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            root: PathBuf::from("."),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            open: false,
            drafts: false,
        }
    }
}

/// Serves until Ctrl-C. Errors only when it cannot start (no free port, no
/// watcher); a broken site is served as an error overlay until it is fixed.
pub fn serve(options: &ServeOptions) -> anyhow::Result<()> {
    let root = options
        .root
        .canonicalize()
        .with_context(|| t!("serve-cannot-open-root", folder = options.root))?;
    let listener = bind(options.bind, options.port)?;
    let port = listener.local_addr()?.port();
    let url = format!("http://{}/", SocketAddr::new(browsable(options.bind), port));
    // Watching starts before the first build, so that no change is missed.
    let watching =
        watch::Watching::start(&root).with_context(|| t!("serve-cannot-watch", folder = root))?;

    let rebuilder = Arc::new(Rebuilder {
        options: BuildOptions {
            root: root.clone(),
            base_url: Some(url.clone()),
            drafts: options.drafts,
            ..BuildOptions::default()
        },
        script: reload::script(),
        warm: Mutex::new(Warm::keeping_speeches()),
        current: Arc::new(Current::default()),
        hub: Arc::new(Hub::default()),
    });
    rebuilder.run(Pass::Complete, None);

    let stopping = Arc::new(AtomicBool::new(false));
    {
        let stopping = stopping.clone();
        // The accept below blocks; a connection of our own wakes it to stop.
        let wake = SocketAddr::new(browsable(options.bind), port);
        ctrlc::set_handler(move || {
            stopping.store(true, Ordering::SeqCst);
            let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        })
        .with_context(|| t!("serve-cannot-catch-ctrl-c"))?;
    }
    {
        let rebuilder = rebuilder.clone();
        std::thread::spawn(move || {
            watching.run(
                |changed| rebuilder.run(Pass::Preview, changed),
                || rebuilder.complete(),
            );
            eprintln!("{}", Diagnostic::error(t!("serve-watcher-stopped")));
        });
    }

    println!("{}", t!("serve-serving", folder = root, url = url));
    println!("{}", t!("serve-watching"));
    let _ = std::io::stdout().flush();
    if options.open {
        if let Err(e) = open::that_detached(&url) {
            eprintln!(
                "{}",
                Diagnostic::warning(t!("serve-no-browser", error = e, url = url))
            );
        }
    }

    let service = Arc::new(http::Service {
        current: rebuilder.current.clone(),
        hub: rebuilder.hub.clone(),
        bind: options.bind,
        port,
    });
    let connections = slots::Slots::new(MAX_CONNECTIONS);
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let stream = match stream {
            Ok(stream) => stream,
            Err(e) => {
                // Out of file descriptors, most likely: let some close.
                eprintln!(
                    "{}",
                    Diagnostic::warning(t!("serve-cannot-accept", error = e))
                );
                std::thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        let Some(slot) = connections.take() else {
            refuse_connection(&stream);
            continue;
        };
        let service = service.clone();
        std::thread::spawn(move || {
            http::serve_connection(stream, &service);
            drop(slot);
        });
    }
    eprintln!("{}", t!("serve-stopped"));
    Ok(())
}

/// Answers a connection past [`MAX_CONNECTIONS`] without waiting for it: the
/// accepting thread must not block. What the client has sent already is read
/// away, so that closing does not reset the connection before the answer is read.
fn refuse_connection(stream: &TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let response = wire::Response::text(503, &format!("{}\n", t!("serve-too-many-connections")))
        .with_header("Retry-After", "5");
    let _ = wire::write_response(&mut &*stream, &response, false, true);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    if stream.set_nonblocking(true).is_ok() {
        let _ = std::io::copy(
            &mut std::io::Read::take(stream, 64 * 1024),
            &mut std::io::sink(),
        );
    }
}

/// Listens on `port`, or the next free port above it.
fn bind(address: IpAddr, port: u16) -> anyhow::Result<TcpListener> {
    let mut last = None;
    for port in (port..=port.saturating_add(PORT_TRIES)).take(PORT_TRIES as usize) {
        match TcpListener::bind((address, port)) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => {
                return Err(e).with_context(|| {
                    t!(
                        "serve-cannot-listen",
                        address = address.to_string(),
                        port = port
                    )
                })
            }
        }
    }
    Err(anyhow!(t!(
        "serve-no-free-port",
        port = port,
        address = address.to_string(),
        error = last.map(|e| e.to_string()).unwrap_or_default()
    )))
}

/// The address to put in links: the bound one, or loopback for "every interface".
fn browsable(bind: IpAddr) -> IpAddr {
    match bind {
        IpAddr::V4(a) if a.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(a) if a.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        other => other,
    }
}

/// Runs the pipeline and puts its result in place.
struct Rebuilder {
    options: BuildOptions,
    /// The live-reload script every page gets.
    script: String,
    warm: Mutex<Warm>,
    current: Arc<Current>,
    hub: Arc<Hub>,
}

impl Rebuilder {
    /// Builds the site, taking over what has not changed from the site being
    /// served, and serves it. `changed`: the paths the watcher saw change, if it
    /// can tell. With [`Pass::Preview`] the search index and the data download
    /// being served are kept as they are, for [`Rebuilder::complete`] to renew.
    fn run(&self, pass: Pass, changed: Option<Vec<PathBuf>>) {
        let started = Instant::now();
        let sink = MemorySink::after(self.current.snapshot());
        let mut warm = self.warm.lock().unpoisoned();
        warm.saw(changed);
        let mut target = Preview {
            sink: &sink,
            script: &self.script,
        };
        let ran = pipeline::run(&self.options, &mut warm, pass, &mut target)
            .map_err(|problems| pipeline::failure(&self.options.root, problems));
        match ran {
            Ok(report) => {
                let warnings = pipeline::failure(&self.options.root, report.warnings).diagnostics;
                for warning in &warnings {
                    eprintln!("{warning}");
                }
                if pass == Pass::Preview {
                    sink.carry_over(crate::search::format::DIR);
                    sink.copy_over(crate::urls::locations::DATA_DIR);
                }
                let was_broken = self.current.error().is_some();
                let written = sink.written();
                let snapshot = sink.into_snapshot();
                let files = snapshot.len();
                let changed = self.current.replace(snapshot);
                self.current.set_error(None);
                eprintln!(
                    "{}",
                    t!(
                        "serve-built",
                        speeches = report.speeches,
                        written = written,
                        files = files,
                        ms = started.elapsed().as_millis() as u64
                    )
                );
                if changed {
                    self.hub.broadcast(&Event::Reload);
                } else if was_broken {
                    self.hub.broadcast(&Event::Ok);
                }
            }
            Err(failure) => {
                let text = failure
                    .diagnostics
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n");
                eprintln!("{text}");
                if self.current.snapshot().is_empty() {
                    eprintln!("{}", t!("serve-failed-first"));
                } else {
                    eprintln!("{}", t!("serve-failed-again"));
                }
                self.current.set_error(Some(text.clone()));
                self.hub.broadcast(&Event::BuildError(text));
            }
        }
    }

    /// The second step of a rebuild: what the first left out, the search index
    /// and the related speeches of every page. Open pages reload only if some
    /// page changed (its related speeches); the next search reads the new index.
    fn complete(&self) {
        if self.current.error().is_some() {
            return;
        }
        let started = Instant::now();
        let sink = MemorySink::after(self.current.snapshot());
        let mut warm = self.warm.lock().unpoisoned();
        let mut target = Preview {
            sink: &sink,
            script: &self.script,
        };
        // A failure here is one the first step has reported already.
        if pipeline::run(&self.options, &mut warm, Pass::Complete, &mut target).is_ok() {
            let (written, pages) = (sink.written(), sink.pages_written());
            self.current.replace(sink.into_snapshot());
            if written > 0 {
                eprintln!(
                    "{}",
                    t!(
                        "serve-completed",
                        written = written,
                        ms = started.elapsed().as_millis() as u64
                    )
                );
            }
            if pages > 0 {
                self.hub.broadcast(&Event::Reload);
            }
        }
    }
}

/// Where `lectern serve` renders: into memory, with live reload.
struct Preview<'a> {
    sink: &'a MemorySink,
    script: &'a str,
}

impl Target for Preview<'_> {
    fn receive(&mut self, _site: &Site, write: &mut WriteSite) -> Result<usize, Vec<Diagnostic>> {
        write(&LiveReload {
            inner: self.sink,
            script: self.script,
        })
    }
}
