//! HTTP: answers requests from the current [`Snapshot`] with tiny_http, one thread
//! per request (an editor's browser, not the internet).
//!
//! Only keys of the snapshot are ever served, so there is no file system path to
//! escape from; requests that try anyway (`..` or `.` segments, raw or
//! percent-encoded; backslashes; anything not starting with `/`) get 400.

use std::io::Cursor;
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::reload::{self, Event, Hub, EVENTS_PATH};
use super::snapshot::{Current, Snapshot};

/// What a request URL means for the current snapshot.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the site, by its key.
    File(String),
    /// A directory URL without its trailing slash: where to send the browser.
    Redirect(String),
    NotFound,
    BadRequest,
    Events,
}

/// Maps a request target (`/speeches/x/?q=1`) to a file of the snapshot.
pub fn resolve(target: &str, snapshot: &Snapshot) -> Resolved {
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let path = path.split('#').next().unwrap_or_default();
    if !path.starts_with('/') || path.contains('\\') {
        return Resolved::BadRequest;
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::BadRequest;
    };
    if decoded.contains(['\\', '\0'])
        || decoded
            .split('/')
            .any(|segment| segment == ".." || segment == ".")
    {
        return Resolved::BadRequest;
    }
    if decoded == EVENTS_PATH {
        return Resolved::Events;
    }
    let key = &decoded[1..];
    if key.is_empty() || key.ends_with('/') {
        let index = format!("{key}index.html");
        return if snapshot.contains(&index) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if snapshot.contains(key) {
        return Resolved::File(key.to_string());
    }
    if snapshot.contains(&format!("{key}/index.html")) {
        let query = query.map(|q| format!("?{q}")).unwrap_or_default();
        return Resolved::Redirect(format!("{path}/{query}"));
    }
    Resolved::NotFound
}

/// Decodes `%XX` escapes; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a file of the site, by its name; text types say UTF-8.
pub fn content_type(key: &str) -> &'static str {
    let name = key.rsplit('/').next().unwrap_or(key);
    if name == "atom.xml" {
        return "application/atom+xml; charset=utf-8";
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

type Body = Response<Cursor<Vec<u8>>>;

fn bytes_response(status: u16, content_type: &str, bytes: &[u8]) -> Body {
    Response::from_data(bytes.to_vec())
        // Always a Content-Length (tiny_http would chunk bodies over 32 KiB):
        // the whole body is in memory anyway, and HEAD then tells the size.
        .with_chunked_threshold(usize::MAX)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        // The preview changes under the browser: never reuse a stale copy.
        .with_header(header("Cache-Control", "no-cache"))
}

fn text_response(status: u16, text: &str) -> Body {
    bytes_response(status, "text/plain; charset=utf-8", text.as_bytes())
}

/// The site's own 404 page, or (no good build yet) a bare page that still carries
/// the live reload script, so it shows the build error and reloads when fixed.
fn not_found(snapshot: &Snapshot) -> Body {
    match snapshot.get("404.html") {
        Some(page) => bytes_response(404, "text/html; charset=utf-8", &page),
        None => {
            let page = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404</title></head>\
                 <body><h1>404</h1><p>Nothing here (yet).</p>{}</body></html>",
                reload::script()
            );
            bytes_response(404, "text/html; charset=utf-8", page.as_bytes())
        }
    }
}

/// Answers one request. Event streams keep the calling thread until the page
/// goes away.
pub fn handle(request: Request, current: &Current, hub: &Arc<Hub>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = text_response(405, "lectern serve only answers GET and HEAD\n")
            .with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let snapshot = current.snapshot();
    let response = match resolve(request.url(), &snapshot) {
        Resolved::File(key) => {
            let bytes = snapshot.get(&key).unwrap_or_default();
            bytes_response(200, content_type(&key), &bytes)
        }
        Resolved::Redirect(location) => {
            text_response(301, "moved\n").with_header(header("Location", &location))
        }
        Resolved::NotFound => not_found(&snapshot),
        Resolved::BadRequest => text_response(400, "bad request\n"),
        Resolved::Events => {
            let events = hub.subscribe();
            let first = current.error().map(Event::BuildError);
            // tiny_http buffers chunked bodies in 8 KiB chunks, which would hold
            // events back; taking over the connection lets each one go out at
            // once. The body then ends when the connection closes.
            let response = Response::empty(200)
                .with_header(header("Content-Type", "text/event-stream; charset=utf-8"))
                .with_header(header("Cache-Control", "no-cache"));
            let stream = request.upgrade("lectern-events", response);
            reload::stream(stream, events, first);
            return;
        }
    };
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Sink;
    use crate::serve::snapshot::MemorySink;

    fn site() -> Snapshot {
        let sink = MemorySink::default();
        for key in [
            "index.html",
            "speeches/a/index.html",
            "style.css",
            "404.html",
        ] {
            sink.put(key, b"x").unwrap();
        }
        sink.into_snapshot()
    }

    #[test]
    fn directories_files_and_redirects() {
        let s = site();
        assert_eq!(resolve("/", &s), Resolved::File("index.html".into()));
        assert_eq!(resolve("/?q=1", &s), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/speeches/a/", &s),
            Resolved::File("speeches/a/index.html".into())
        );
        assert_eq!(
            resolve("/speeches/a?x=1", &s),
            Resolved::Redirect("/speeches/a/?x=1".into())
        );
        assert_eq!(
            resolve("/style.css", &s),
            Resolved::File("style.css".into())
        );
        assert_eq!(
            resolve("/%73tyle.css", &s),
            Resolved::File("style.css".into())
        );
        assert_eq!(resolve("/nope", &s), Resolved::NotFound);
        assert_eq!(resolve("/speeches/", &s), Resolved::NotFound);
        assert_eq!(resolve(EVENTS_PATH, &s), Resolved::Events);
    }

    #[test]
    fn no_way_out() {
        let s = site();
        for bad in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/site.toml",
            "/..%2fsite.toml",
            "/..%5csite.toml",
            "/\\..\\site.toml",
            "/speeches/../index.html",
            "/./index.html",
            "site.toml",
            "http://example.org/",
            "/%zz",
            "/%ff",
            "/a%00b",
        ] {
            assert_eq!(resolve(bad, &s), Resolved::BadRequest, "{bad}");
        }
    }

    #[test]
    fn text_types_say_utf8() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("search/d/0.bin"), "application/octet-stream");
        assert_eq!(content_type("logo.PNG"), "image/png");
    }
}
