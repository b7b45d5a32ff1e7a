//! Live reload: a script injected into every served HTML page listens to
//! Server-Sent Events at [`EVENTS_PATH`]; the watcher broadcasts an event after
//! every rebuild.
//!
//! Events (the `data` of `build-error` is a JSON string, so it stays on one line):
//! - `reload`: a new build is in place; the page reloads itself;
//! - `build-error`: the last rebuild failed; the page shows the message (file,
//!   line, what is wrong) over itself, while the server keeps the last good site;
//! - `ok`: the error is gone but no file changed; the page removes the overlay.
//!
//! A client that connects while the site is broken gets `build-error` at once.
//! At most [`MAX_EVENT_STREAMS`] streams are open at a time (each holds a
//! thread); one more is refused, and a closed page's stream is given back
//! within about a second.

use crate::t;
use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::slots::{Slot, Slots};
use crate::fingerprint::Fingerprint;
use crate::sink::Sink;
use crate::sync::Unpoisoned;

/// Where the pages' script listens. Not under the site's base path: when serving,
/// the base path is always `/`.
pub const EVENTS_PATH: &str = "/__lectern/events";

/// How often an idle event stream gets a comment, so a closed tab is noticed and
/// its thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How often a stream looks whether its page has gone.
const POLL: Duration = Duration::from_secs(1);
/// Open event streams at most: far more than the tabs an editor keeps open
/// (a browser opens at most six connections to one server anyway).
pub const MAX_EVENT_STREAMS: usize = 32;

/// A sink that adds the live-reload [`script`] to every HTML page on its way
/// into `inner`: before the last `</body>`, or at the end when a page has none.
/// Fingerprints are passed on as they are: the script is the same for the
/// whole time a site is served.
pub struct LiveReload<'a> {
    pub inner: &'a dyn Sink,
    pub script: &'a str,
}

impl Sink for LiveReload<'_> {
    fn keep(&self, path: &str, fingerprint: Fingerprint) -> bool {
        self.inner.keep(path, fingerprint)
    }

    fn write(&self, path: &str, fingerprint: Fingerprint, bytes: &[u8]) -> std::io::Result<()> {
        if !path.ends_with(".html") {
            return self.inner.write(path, fingerprint, bytes);
        }
        let at = bytes
            .windows(7)
            .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
            .unwrap_or(bytes.len());
        let mut page = Vec::with_capacity(bytes.len() + self.script.len());
        page.extend_from_slice(&bytes[..at]);
        page.extend_from_slice(self.script.as_bytes());
        page.extend_from_slice(&bytes[at..]);
        self.inner.write(path, fingerprint, &page)
    }
}

/// The element added before `</body>` of every HTML page while serving.
pub fn script() -> String {
    // A JSON string is a JavaScript string literal.
    let title = serde_json::Value::String(t!("serve-overlay-title"));
    format!(
        r#"<script>/* lectern serve: live reload */
(() => {{
  const events = new EventSource("{EVENTS_PATH}");
  let overlay = null;
  const clear = () => {{ if (overlay) {{ overlay.remove(); overlay = null; }} }};
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("ok", clear);
  events.addEventListener("build-error", (e) => {{
    clear();
    overlay = document.createElement("div");
    overlay.id = "lectern-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,20,.92);color:#fdd;padding:2em;margin:0;" +
      "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
    const title = document.createElement("h2");
    title.textContent = {title};
    title.style.cssText = "color:#f88;font:bold 16px sans-serif;margin:0 0 1em";
    const text = document.createElement("pre");
    text.style.cssText = "white-space:pre-wrap;margin:0";
    text.textContent = JSON.parse(e.data);
    overlay.append(title, text);
    document.body.append(overlay);
  }});
}})();
</script>
"#
    )
}

/// One event for the open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Reload,
    Ok,
    BuildError(String),
}

impl Event {
    /// The event in the `text/event-stream` format.
    pub fn encode(&self) -> String {
        match self {
            Event::Reload => "event: reload\ndata: \n\n".to_string(),
            Event::Ok => "event: ok\ndata: \n\n".to_string(),
            Event::BuildError(message) => format!(
                "event: build-error\ndata: {}\n\n",
                serde_json::Value::String(message.clone())
            ),
        }
    }
}

/// The open event streams.
pub struct Hub {
    clients: Mutex<Vec<Sender<Event>>>,
    slots: Slots,
}

/// One open stream: its events, and its place among [`MAX_EVENT_STREAMS`].
pub struct Subscription {
    pub events: Receiver<Event>,
    _slot: Slot,
}

impl Default for Hub {
    fn default() -> Self {
        Hub::with_limit(MAX_EVENT_STREAMS)
    }
}

impl Hub {
    pub fn with_limit(streams: usize) -> Hub {
        Hub {
            clients: Mutex::default(),
            slots: Slots::new(streams),
        }
    }

    pub fn limit(&self) -> usize {
        self.slots.limit()
    }

    /// A new stream, or `None` when [`Hub::limit`] are open.
    pub fn subscribe(&self) -> Option<Subscription> {
        let slot = self.slots.take()?;
        let (tx, rx) = mpsc::channel();
        self.clients.lock().unpoisoned().push(tx);
        Some(Subscription {
            events: rx,
            _slot: slot,
        })
    }

    /// Sends to every open stream, forgetting the closed ones.
    pub fn broadcast(&self, event: &Event) {
        self.clients
            .lock()
            .unpoisoned()
            .retain(|client| client.send(event.clone()).is_ok());
    }
}

/// Writes events to one client until it goes away (a write fails, or `gone`
/// says so). `first` is sent right after the stream opens (the current build
/// error, if any).
pub fn stream(
    mut out: impl Write,
    subscription: Subscription,
    first: Option<Event>,
    mut gone: impl FnMut() -> bool,
) {
    let mut send = |text: &str| out.write_all(text.as_bytes()).and_then(|_| out.flush());
    if send("retry: 1000\n\n").is_err() {
        return;
    }
    if let Some(event) = first {
        if send(&event.encode()).is_err() {
            return;
        }
    }
    let mut last_sent = Instant::now();
    loop {
        let text = match subscription.events.recv_timeout(POLL) {
            Ok(event) => event.encode(),
            Err(RecvTimeoutError::Timeout) if gone() => return,
            Err(RecvTimeoutError::Timeout) if last_sent.elapsed() >= KEEP_ALIVE => {
                ": keep-alive\n\n".to_string()
            }
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if send(&text).is_err() {
            return;
        }
        last_sent = Instant::now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_stay_on_one_data_line() {
        let text = Event::BuildError("content/a.md:3: bad\n  help: fix \"it\"".into()).encode();
        assert_eq!(text.lines().filter(|l| !l.is_empty()).count(), 2, "{text}");
        assert!(text.ends_with("\"\n\n"), "{text}");
        assert!(text.starts_with("event: build-error\ndata: \""));
    }

    #[test]
    fn the_hub_forgets_closed_streams() {
        let hub = Hub::default();
        let open = hub.subscribe().unwrap();
        drop(hub.subscribe());
        hub.broadcast(&Event::Reload);
        assert_eq!(open.events.try_recv(), Ok(Event::Reload));
        assert_eq!(hub.clients.lock().unwrap().len(), 1);
    }

    #[test]
    fn streams_past_the_limit_are_refused_until_one_closes() {
        let hub = Hub::with_limit(2);
        let first = hub.subscribe().unwrap();
        let _second = hub.subscribe().unwrap();
        assert!(hub.subscribe().is_none());
        drop(first);
        assert!(hub.subscribe().is_some());
    }
}
