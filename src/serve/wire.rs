//! HTTP/1.1 on the wire: reading a request head within fixed bounds, and writing
//! a response. Parsing is httparse's; what this module adds is the bounds, which
//! a server reading a line until it ends does not have (a request line of
//! 256 MB would be held in memory whole).
//!
//! The preview answers GET and HEAD only, so a request body is never read: a
//! request that announces one gets its answer and then the connection closes,
//! since the next request would start somewhere inside that body.

use std::io::{self, BufRead, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use crate::t;

/// The longest request line read (method, target, version): longer gets 414.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The longest head read (request line and headers together): longer gets 431.
pub const MAX_HEAD: usize = 32 * 1024;
/// The most header fields read: more gets 431.
pub const MAX_HEADERS: usize = 100;

/// One request head.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor_version: u8,
    /// Names as sent; look them up with [`Request::header`].
    headers: Vec<(String, String)>,
}

impl Request {
    /// The first value of a header, by case-insensitive name. A value that is
    /// not UTF-8 reads as absent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the connection stays open for another request: the HTTP/1.1
    /// default unless the client says `close`. HTTP/1.0 connections close after
    /// one answer (its `keep-alive` is not worth supporting for a preview).
    pub fn keep_alive(&self) -> bool {
        let connection = self.header("Connection").unwrap_or("").to_ascii_lowercase();
        self.minor_version >= 1 && !connection.split(',').any(|t| t.trim() == "close")
    }

    /// Whether a body follows the head.
    pub fn has_body(&self) -> bool {
        self.header("Transfer-Encoding").is_some()
            || self
                .header("Content-Length")
                .is_some_and(|n| n.trim() != "0")
    }
}

/// Why no request could be read.
#[derive(Debug, PartialEq, Eq)]
pub enum HeadError {
    /// The connection ended (or went idle) before a request began: nothing to answer.
    Closed,
    /// Answer with this status and close.
    Refused(u16, String),
}

/// Reads one request head, never holding more than [`MAX_HEAD`] bytes of it.
pub fn read_request(reader: &mut impl BufRead) -> Result<Request, HeadError> {
    let mut head = Vec::with_capacity(1024);
    // A client may send an empty line before the request line (RFC 9112 §2.2).
    let mut line_start = 0;
    loop {
        match read_line(reader, &mut head, MAX_REQUEST_LINE)? {
            Line::Ended if head[line_start..].iter().all(|&b| b == b'\r' || b == b'\n') => {
                if line_start > 0 {
                    // A second empty line: not a client, or not HTTP.
                    return Err(bad_request());
                }
                line_start = head.len();
            }
            Line::Ended => break,
            Line::TooLong => {
                return Err(HeadError::Refused(
                    414,
                    format!("{}\n", t!("serve-line-too-long")),
                ))
            }
            Line::Eof if head.is_empty() => return Err(HeadError::Closed),
            Line::Eof => return Err(bad_request()),
        }
    }
    loop {
        let line_start = head.len();
        let room = MAX_HEAD.saturating_sub(line_start);
        match read_line(reader, &mut head, room)? {
            Line::Ended if matches!(&head[line_start..], b"\r\n" | b"\n") => break,
            Line::Ended => continue,
            Line::TooLong => return Err(too_large()),
            Line::Eof => return Err(bad_request()),
        }
    }
    let mut fields = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut fields);
    match parsed.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => return Err(too_large()),
        Ok(httparse::Status::Partial) | Err(_) => return Err(bad_request()),
    }
    let (Some(method), Some(target), Some(minor_version)) =
        (parsed.method, parsed.path, parsed.version)
    else {
        return Err(bad_request());
    };
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        minor_version,
        headers: parsed
            .headers
            .iter()
            .filter_map(|h| {
                Some((
                    h.name.to_string(),
                    std::str::from_utf8(h.value).ok()?.into(),
                ))
            })
            .collect(),
    })
}

fn bad_request() -> HeadError {
    HeadError::Refused(400, format!("{}\n", t!("serve-bad-request")))
}

fn too_large() -> HeadError {
    HeadError::Refused(431, format!("{}\n", t!("serve-headers-too-large")))
}

enum Line {
    Ended,
    /// `limit` bytes came without a line end.
    TooLong,
    Eof,
}

/// Appends one line (through its `\n`) to `out`, reading at most `limit` bytes.
fn read_line(
    reader: &mut impl BufRead,
    out: &mut Vec<u8>,
    limit: usize,
) -> Result<Line, HeadError> {
    let before = out.len();
    let read = match reader.by_ref().take(limit as u64).read_until(b'\n', out) {
        Ok(read) => read,
        // An idle keep-alive connection timing out, or a reset: nothing to answer.
        Err(_) => return Err(HeadError::Closed),
    };
    Ok(if out.len() > before && out.ends_with(b"\n") {
        Line::Ended
    } else if read >= limit {
        Line::TooLong
    } else {
        Line::Eof
    })
}

/// A complete response; the body is in memory.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![
                ("Content-Type", content_type.to_string()),
                // The preview changes under the browser: never reuse a stale copy.
                ("Cache-Control", "no-cache".to_string()),
            ],
            body,
        }
    }

    pub fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, value.to_string()));
        self
    }
}

/// Writes the status line and headers, with a Content-Length (so HEAD tells
/// the size too), and the body unless `head_only`.
pub fn write_response(
    out: &mut impl Write,
    response: &Response,
    head_only: bool,
    close: bool,
) -> io::Result<()> {
    let mut bytes = status_line(response.status).into_bytes();
    for (name, value) in &response.headers {
        bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    bytes.extend_from_slice(format!("Content-Length: {}\r\n", response.body.len()).as_bytes());
    if close {
        bytes.extend_from_slice(b"Connection: close\r\n");
    }
    bytes.extend_from_slice(b"\r\n");
    if !head_only {
        bytes.extend_from_slice(&response.body);
    }
    out.write_all(&bytes)?;
    out.flush()
}

/// `HTTP/1.1 200 OK\r\n`, with the reason phrase of every status the preview sends.
pub fn status_line(status: u16) -> String {
    let reason = match status {
        200 => "OK",
        206 => "Partial Content",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        416 => "Range Not Satisfiable",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    };
    format!("HTTP/1.1 {status} {reason}\r\n")
}

/// Closes a connection whose client may still be sending (a request too large to
/// read, or a body): stops writing, so the answer is complete, and reads on for
/// a moment before closing. Closing with unread bytes would reset the
/// connection, and the client could lose the answer before reading it.
pub fn close_gently(stream: &TcpStream) {
    const DRAIN: u64 = 1024 * 1024;
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let _ = io::copy(&mut stream.take(DRAIN), &mut io::sink());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &[u8]) -> Result<Request, HeadError> {
        read_request(&mut io::BufReader::new(raw))
    }

    #[test]
    fn reads_heads_and_pipelined_requests() {
        let raw =
            b"\r\nGET /a HTTP/1.1\r\nHost: x\r\nconnection: Close\r\n\r\nHEAD /b HTTP/1.0\n\n";
        let mut reader = io::BufReader::new(&raw[..]);
        let first = read_request(&mut reader).unwrap();
        assert_eq!(
            (first.method.as_str(), first.target.as_str()),
            ("GET", "/a")
        );
        assert_eq!(first.header("HOST"), Some("x"));
        assert!(!first.keep_alive());
        let second = read_request(&mut reader).unwrap();
        assert_eq!((second.method.as_str(), second.minor_version), ("HEAD", 0));
        assert!(!second.keep_alive());
        assert_eq!(read_request(&mut reader).unwrap_err(), HeadError::Closed);
    }

    #[test]
    fn bounds_the_request_line_and_the_headers() {
        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_REQUEST_LINE));
        assert!(matches!(
            read(long_line.as_bytes()),
            Err(HeadError::Refused(414, _))
        ));
        let big_header = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert!(matches!(
            read(big_header.as_bytes()),
            Err(HeadError::Refused(431, _))
        ));
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X: 1\r\n".repeat(MAX_HEADERS + 1)
        );
        assert!(matches!(
            read(many.as_bytes()),
            Err(HeadError::Refused(431, _))
        ));
        let just_fits = format!(
            "GET /{} HTTP/1.1\r\n\r\n",
            "a".repeat(MAX_REQUEST_LINE - 20)
        );
        assert!(read(just_fits.as_bytes()).is_ok());
    }

    #[test]
    fn broken_heads_are_bad_requests() {
        for raw in [
            &b"GET / HTTP/1.1\r\nHost"[..],
            b"GET / HTTP/2.0\r\n\r\n",
            b"\r\n\r\nGET / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
        ] {
            assert!(
                matches!(read(raw), Err(HeadError::Refused(400, _))),
                "{}",
                String::from_utf8_lossy(raw)
            );
        }
    }

    #[test]
    fn bodies_are_noticed() {
        let with = read(b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n").unwrap();
        assert!(with.has_body());
        let without = read(b"GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").unwrap();
        assert!(!without.has_body());
    }
}
