//! HTTP: answers requests from the current [`Snapshot`], one thread per
//! connection (an editor's browser, not the internet); [`wire`] reads and writes
//! the messages within fixed bounds.
//!
//! Only keys of the snapshot are ever served, so there is no file system path to
//! escape from; requests that try anyway (`..` or `.` segments, raw or
//! percent-encoded; backslashes; anything not starting with `/`) get 400.

use std::io::{BufReader, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::reload::{self, Event, Hub, Subscription, EVENTS_PATH};
use super::snapshot::{Current, Snapshot};
use super::wire::{self, HeadError, Request, Response};
use crate::t;

/// What a request URL means for the current snapshot.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A file of the site, by its key.
    File(String),
    /// A directory URL without its trailing slash: where to send the browser.
    Redirect(String),
    NotFound,
    BadRequest,
    Events,
}

/// Maps a request target (`/speeches/x/?q=1`) to a file of the snapshot.
pub(crate) fn resolve(target: &str, snapshot: &Snapshot) -> Resolved {
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
pub(crate) fn content_type(key: &str) -> &'static str {
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
        "jsonl" => "application/jsonl; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "bib" => "application/x-bibtex; charset=utf-8",
        "ris" => "application/x-research-info-systems; charset=utf-8",
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

fn bytes_response(status: u16, content_type: &str, bytes: &[u8]) -> Response {
    Response::new(status, content_type, bytes.to_vec())
}

/// A file, or the part of it a `Range` header asks for (the search reads its
/// index that way, as from a static host).
fn file_response(request: &Request, content_type: &str, bytes: &[u8]) -> Response {
    let whole = || bytes_response(200, content_type, bytes).with_header("Accept-Ranges", "bytes");
    // With If-Range the client holds a copy to validate; the preview keeps no
    // validators, so it sends the whole file, as RFC 9110 allows.
    let Some(range) = request
        .header("Range")
        .filter(|_| request.header("If-Range").is_none())
    else {
        return whole();
    };
    match byte_range(range, bytes.len()) {
        Some(Ok((start, end))) => bytes_response(206, content_type, &bytes[start..=end])
            .with_header(
                "Content-Range",
                &format!("bytes {start}-{end}/{}", bytes.len()),
            )
            .with_header("Accept-Ranges", "bytes"),
        Some(Err(())) => Response::text(416, &format!("{}\n", t!("serve-range-outside")))
            .with_header("Content-Range", &format!("bytes */{}", bytes.len())),
        None => whole(),
    }
}

/// One range of a `Range: bytes=…` header over a file of `len` bytes, as
/// inclusive (start, end): `a-b`, `a-` or `-n` (the last n bytes). `None` for a
/// header this server does not answer in part (several ranges, other units,
/// nonsense), which then gets the whole file; `Err` for a range outside the file.
fn byte_range(header: &str, len: usize) -> Option<Result<(usize, usize), ()>> {
    let spec = header.trim().strip_prefix("bytes=")?.trim();
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let number = |s: &str| -> Option<usize> {
        let s = s.trim();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let (start, end) = match (first.trim().is_empty(), last.trim().is_empty()) {
        // The last n bytes.
        (true, false) => {
            let n = number(last)?;
            if n == 0 {
                return Some(Err(()));
            }
            (len.saturating_sub(n), len.checked_sub(1)?)
        }
        (false, true) => (number(first)?, len.saturating_sub(1)),
        (false, false) => {
            let (start, end) = (number(first)?, number(last)?);
            if end < start {
                return None;
            }
            (start, end.min(len.saturating_sub(1)))
        }
        (true, true) => return None,
    };
    if start >= len {
        return Some(Err(()));
    }
    Some(Ok((start, end)))
}

/// The site's own 404 page, or (no good build yet) a bare page that still carries
/// the live reload script, so it shows the build error and reloads when fixed.
fn not_found(snapshot: &Snapshot) -> Response {
    match snapshot.get("404.html") {
        Some(page) => bytes_response(404, "text/html; charset=utf-8", &page),
        None => {
            let page = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404</title></head>\
                 <body><h1>404</h1><p>{}</p>{}</body></html>",
                t!("serve-nothing-here"),
                reload::script()
            );
            bytes_response(404, "text/html; charset=utf-8", page.as_bytes())
        }
    }
}

/// What every connection is answered from.
pub(crate) struct Service {
    pub current: Arc<Current>,
    pub hub: Arc<Hub>,
    /// The address and port listened on, for the `Host` check.
    pub bind: IpAddr,
    pub port: u16,
}

/// How long a connection may wait for the next request, or for its answer to be
/// taken, before it is closed.
const IDLE: Duration = Duration::from_secs(30);

/// Answers the requests of one connection until it closes.
pub(crate) fn serve_connection(stream: TcpStream, service: &Service) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(IDLE));
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut out = &stream;
    loop {
        let request = match wire::read_request(&mut reader) {
            Ok(request) => request,
            Err(HeadError::Closed) => return,
            Err(HeadError::Refused(status, text)) => {
                let _ = wire::write_response(&mut out, &Response::text(status, &text), false, true);
                wire::close_gently(&stream);
                return;
            }
        };
        let head_only = request.method == "HEAD";
        let close = !request.keep_alive() || request.has_body();
        match answer(&request, service) {
            Answer::Respond(response) => {
                if wire::write_response(&mut out, &response, head_only, close).is_err() {
                    return;
                }
                if close {
                    wire::close_gently(&stream);
                    return;
                }
            }
            Answer::Events(subscription) => {
                // The body is the stream, and it ends when the connection closes.
                let head = format!(
                    "{}Content-Type: text/event-stream; charset=utf-8\r\n\
                     Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
                    wire::status_line(200)
                );
                if out.write_all(head.as_bytes()).is_err() || head_only {
                    return;
                }
                let first = service.current.error().map(Event::BuildError);
                let probe = reader.get_ref();
                let _ = probe.set_read_timeout(Some(Duration::from_millis(10)));
                reload::stream(out, subscription, first, || client_gone(probe));
                return;
            }
        }
    }
}

/// Whether the other end of an event stream has closed it. Its page sends
/// nothing after the request, so anything readable is the end.
fn client_gone(stream: &TcpStream) -> bool {
    match stream.peek(&mut [0u8; 1]) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

enum Answer {
    Respond(Response),
    Events(Subscription),
}

fn answer(request: &Request, service: &Service) -> Answer {
    if let Some(refusal) = check_host(request, service) {
        return Answer::Respond(refusal);
    }
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Answer::Respond(
            Response::text(405, &format!("{}\n", t!("serve-get-and-head-only")))
                .with_header("Allow", "GET, HEAD"),
        );
    }
    let snapshot = service.current.snapshot();
    Answer::Respond(match resolve(&request.target, &snapshot) {
        Resolved::File(key) => {
            let bytes = snapshot.get(&key).unwrap_or_default();
            file_response(request, content_type(&key), &bytes)
        }
        Resolved::Redirect(location) => Response::text(301, &format!("{}\n", t!("serve-moved")))
            .with_header("Location", &location),
        Resolved::NotFound => not_found(&snapshot),
        Resolved::BadRequest => Response::text(400, &format!("{}\n", t!("serve-bad-request"))),
        Resolved::Events => match service.hub.subscribe() {
            Some(subscription) => return Answer::Events(subscription),
            None => Response::text(
                503,
                &format!(
                    "{}\n",
                    t!("serve-too-many-reloads", limit = service.hub.limit())
                ),
            )
            .with_header("Retry-After", "5"),
        },
    })
}

/// Refuses a request for a host this server is not. Listening on loopback,
/// the preview answers only to loopback names: a page whose own name was
/// pointed at 127.0.0.1 (DNS rebinding) would otherwise read the drafts.
/// Listening on another address, the computer may be reached under any name.
fn check_host(request: &Request, service: &Service) -> Option<Response> {
    let host = match request.header("Host") {
        Some(host) => host,
        // HTTP/1.0 had no Host, and no browser leaves it out.
        None if request.minor_version == 0 => return None,
        None => return Some(Response::text(400, &format!("{}\n", t!("serve-no-host")))),
    };
    if !service.bind.is_loopback() || is_loopback_host(host, service.bind) {
        return None;
    }
    let shown: String = host.chars().take(100).collect();
    Some(Response::text(
        403,
        &format!(
            "{}\n",
            t!(
                "serve-wrong-host",
                host = format!("{shown:?}"),
                address = SocketAddr::new(service.bind, service.port).to_string()
            )
        ),
    ))
}

/// Whether a `Host` value is `127.0.0.1`, `localhost`, `[::1]` or the bound
/// address, with or without a port.
pub(crate) fn is_loopback_host(host: &str, bind: IpAddr) -> bool {
    let host = host.trim();
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((name, after)) => (name, after),
            None => return false,
        },
        None => match host.find(':') {
            Some(at) => host.split_at(at),
            None => (host, ""),
        },
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let name_ok = name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| {
            ip == bind
                || ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
                || ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
        });
    port_ok && name_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::snapshot::MemorySink;
    use crate::sink::Sink;

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
    fn only_loopback_names_when_bound_to_loopback() {
        let bind = IpAddr::V4(Ipv4Addr::LOCALHOST);
        for host in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "localhost",
            "LocalHost:8080",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(is_loopback_host(host, bind), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "127.0.0.1:",
            "127.0.0.1:80x",
            "[::1]x",
            "::1",
            "[::1",
            "10.0.0.1",
            "",
        ] {
            assert!(!is_loopback_host(host, bind), "{host}");
        }
        let other = "127.0.0.2".parse().unwrap();
        assert!(is_loopback_host("127.0.0.2:1111", other));
    }

    #[test]
    fn byte_ranges() {
        assert_eq!(byte_range("bytes=0-3", 10), Some(Ok((0, 3))));
        assert_eq!(byte_range("bytes=4-", 10), Some(Ok((4, 9))));
        assert_eq!(byte_range("bytes=-3", 10), Some(Ok((7, 9))));
        assert_eq!(byte_range("bytes=-30", 10), Some(Ok((0, 9))));
        assert_eq!(byte_range("bytes=5-100", 10), Some(Ok((5, 9))));
        assert_eq!(byte_range("bytes=10-12", 10), Some(Err(())));
        assert_eq!(byte_range("bytes=-0", 10), Some(Err(())));
        assert_eq!(byte_range("bytes=0-1,4-5", 10), None);
        assert_eq!(byte_range("items=0-1", 10), None);
        assert_eq!(byte_range("bytes=3-1", 10), None);
        assert_eq!(byte_range("bytes=+1-2", 10), None);
        assert_eq!(byte_range("bytes=0-0", 0), Some(Err(())));
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
        assert_eq!(
            content_type("speeches/a/cite.ris"),
            "application/x-research-info-systems; charset=utf-8"
        );
    }
}
