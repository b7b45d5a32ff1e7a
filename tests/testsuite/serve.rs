//! `lectern serve` over real HTTP on 127.0.0.1: the binary runs as a child process
//! on a free port, and a plain HTTP/1.1 client over `TcpStream` talks to it.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::util::{lectern_path, Site};

/// Generous: a rebuild takes well under a second, but CI machines are busy.
const DEADLINE: Duration = Duration::from_secs(60);

const SITE_TOML: &str = "title = \"测试档案\"\nbase_url = \"https://example.org/archive/\"\n";
const SPEECH: &str = "content/2014-04-28-xiaogan.md";
const SPEECH_URL: &str = "/speeches/2014-04-28-xiaogan/";

fn speech(title: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = \"2014-04-28\"\nspeaker = \"李明\"\nthemes = [\"维权\"]\n+++\n\n同志们：\n\n{body}\n"
    )
}

/// A site in a temporary folder, served by `lectern serve`; killed when dropped.
struct Served {
    _site: Site,
    root: PathBuf,
    child: Child,
    /// `http://127.0.0.1:PORT/`
    url: String,
    port: u16,
}

impl Served {
    fn start() -> Served {
        Served::start_on(None)
    }

    /// Serves on `port`, or on a port that was free a moment ago.
    fn start_on(port: Option<u16>) -> Served {
        let site = Site::with_config(SITE_TOML);
        site.file(
            SPEECH,
            speech(
                "孝感工会工作会议讲话",
                "今天我们研究维护职工合法权益的工作。",
            ),
        )
        .file(
            "content/2015-laomo.md",
            speech("劳模表彰大会讲话", "向全市劳动模范致以崇高的敬意。")
                .replace("2014-04-28", "2015-05-01"),
        );
        let root = site.root.clone();
        // A free port now; if it is taken by the time lectern binds, lectern takes
        // the next one and says so, which is also tested.
        let port = port.unwrap_or_else(|| {
            TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        });
        let mut child = Command::new(lectern_path())
            .args(["serve", "--root"])
            .arg(&root)
            .args(["--port", &port.to_string()])
            .stdout(Stdio::piped())
            // Shown only when a test fails (see Drop).
            .stderr(fs::File::create(site.base.join("serve.log")).unwrap())
            .spawn()
            .expect("start lectern serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut served = Served {
            _site: site,
            root,
            child,
            url: String::new(),
            port: 0,
        };
        let started = Instant::now();
        while served.url.is_empty() {
            let left = DEADLINE.saturating_sub(started.elapsed());
            let line = rx
                .recv_timeout(left)
                .expect("lectern serve prints the address it serves at");
            if let Some(at) = line.find("http://") {
                served.url = line[at..].trim().to_string();
            }
        }
        let authority = served.url["http://".len()..].trim_end_matches('/');
        served.port = authority.rsplit(':').next().unwrap().parse().unwrap();
        assert!(
            authority.starts_with("127.0.0.1:"),
            "loopback by default: {}",
            served.url
        );
        served
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        stream
    }

    /// Sends `METHOD target` exactly as given (no normalisation of dots).
    fn request(&self, method: &str, target: &str) -> Reply {
        let mut stream = self.connect();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Reply::parse(&raw)
    }

    fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    /// A GET with one extra header line, e.g. `Range: bytes=0-7`.
    fn get_with(&self, target: &str, header: &str) -> Reply {
        let mut stream = self.connect();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{header}\r\nConnection: close\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Reply::parse(&raw)
    }

    /// Polls `target` until its body contains `needle`.
    fn wait_for_page(&self, target: &str, needle: &str) -> Reply {
        let started = Instant::now();
        loop {
            let reply = self.get(target);
            if reply.body.contains(needle) {
                return reply;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "{target} never showed {needle:?}; last reply: {} {}",
                reply.status,
                reply.body
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn events(&self) -> Events {
        let mut stream = self.connect();
        write!(
            stream,
            "GET /__lectern/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            stream,
            text: String::new(),
        };
        // The stream is open once the headers and the first line have come.
        events.wait_for("retry:");
        assert!(events.text.starts_with("HTTP/1.1 200"), "{}", events.text);
        assert!(events.text.contains("text/event-stream"), "{}", events.text);
        events
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            let log = fs::read_to_string(self.root.join("../serve.log")).unwrap_or_default();
            eprintln!("--- lectern serve said:\n{log}---");
        }
    }
}

struct Reply {
    status: u16,
    /// Lower-case names.
    headers: Vec<(String, String)>,
    body: String,
    bytes: Vec<u8>,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete reply");
        let head = String::from_utf8_lossy(&raw[..end]);
        let bytes = raw[end + 4..].to_vec();
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap();
        Reply {
            status: status.parse().unwrap(),
            headers: lines
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
                .collect(),
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// An open Server-Sent Events stream.
struct Events {
    stream: TcpStream,
    text: String,
}

impl Events {
    /// Reads until `needle` has arrived; returns everything after its first
    /// occurrence, and forgets what came before it.
    fn wait_for(&mut self, needle: &str) -> String {
        let started = Instant::now();
        let mut buf = [0u8; 4096];
        loop {
            if let Some(at) = self.text.find(needle) {
                let rest = self.text[at + needle.len()..].to_string();
                // Keep the headers of the reply readable for the first check.
                if needle != "retry:" {
                    self.text = rest.clone();
                }
                return rest;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "no {needle:?} in the event stream: {}",
                self.text
            );
            let n = self
                .stream
                .read(&mut buf)
                .expect("the event stream stays open");
            assert!(n > 0, "the event stream closed: {}", self.text);
            self.text.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }

    /// Whatever arrives within `wait`.
    fn drain(&mut self, wait: Duration) -> String {
        self.stream.set_read_timeout(Some(wait)).unwrap();
        let mut buf = [0u8; 4096];
        while let Ok(n) = self.stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            self.text.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        self.stream.set_read_timeout(Some(DEADLINE)).unwrap();
        std::mem::take(&mut self.text)
    }
}

/// Writes a file of the site, creating its folder if needed.
fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn serves_pages_with_their_types_and_local_links() {
    let site = Served::start();
    let home = site.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("孝感工会工作会议讲话"), "{}", home.body);
    // base_url is replaced by the local address, sub-path included.
    assert!(!home.body.contains("example.org"), "{}", home.body);
    assert!(!home.body.contains("/archive/"), "{}", home.body);
    assert!(
        home.body.contains(&format!("href=\"{SPEECH_URL}\"")),
        "{}",
        home.body
    );
    // The live reload script is in every page, before </body>.
    let script = home.body.find("/__lectern/events").expect("reload script");
    assert!(script < home.body.rfind("</body>").unwrap());

    let page = site.get(SPEECH_URL);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("维护职工合法权益"));

    let css = site.get("/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    let feed = site.get("/atom.xml");
    assert_eq!(
        feed.header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );
    assert!(feed.body.contains(&site.url), "permalinks are local");

    let head = site.request("HEAD", SPEECH_URL);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), page.header("content-length"));

    // A directory URL without its slash is redirected, the query kept.
    let redirect = site.get("/speeches/2014-04-28-xiaogan?x=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(
        redirect.header("location"),
        Some("/speeches/2014-04-28-xiaogan/?x=1")
    );

    let missing = site.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        missing.body,
        site.get("/404.html").body,
        "the site's 404 page"
    );

    let post = site.request("POST", "/");
    assert_eq!(post.status, 405);
}

/// The search reads its packed index with Range requests, as from a static host.
#[test]
fn byte_ranges_are_served_in_part() {
    let site = Served::start();
    let whole = site.get("/search/d/0.dir");
    assert_eq!(whole.status, 200);
    assert_eq!(whole.header("accept-ranges"), Some("bytes"));
    let total = whole.bytes.len();
    assert!(total >= 16, "{total} bytes");

    let part = site.get_with("/search/d/0.dir", "Range: bytes=8-15");
    assert_eq!(part.status, 206);
    assert_eq!(part.bytes, whole.bytes[8..16]);
    assert_eq!(
        part.header("content-range"),
        Some(format!("bytes 8-15/{total}").as_str())
    );
    let tail = site.get_with("/search/d/0.dir", "Range: bytes=-4");
    assert_eq!(
        (tail.status, &tail.bytes[..]),
        (206, &whole.bytes[total - 4..])
    );

    let outside = site.get_with("/search/d/0.dir", &format!("Range: bytes={total}-"));
    assert_eq!(outside.status, 416);
    assert_eq!(
        outside.header("content-range"),
        Some(format!("bytes */{total}").as_str())
    );
    // Several ranges, or a unit other than bytes: the whole file, as RFC 9110 allows.
    for header in ["Range: bytes=0-1,4-5", "Range: items=0-1"] {
        let reply = site.get_with("/search/d/0.dir", header);
        assert_eq!((reply.status, reply.bytes.len()), (200, total), "{header}");
    }
}

#[test]
fn no_request_gets_out_of_the_site() {
    let site = Served::start();
    fs::write(site.path("../secret.txt"), "SECRET").unwrap();
    for target in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/site.toml",
        "/..%2fsite.toml",
        "/..%5csite.toml",
        "/\\..\\site.toml",
        "/speeches/../../site.toml",
        "/../../secret.txt",
        "/%2e%2e/%2e%2e/secret.txt",
        "/site.toml",
        "/content/2014-04-28-xiaogan.md",
        "//etc/passwd",
        "/etc/passwd",
        "site.toml",
    ] {
        let reply = site.get(target);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{target}: {} {}",
            reply.status,
            reply.body
        );
        assert!(
            !reply.body.contains("example.org"),
            "{target} leaked site.toml"
        );
        assert!(!reply.body.contains("SECRET"), "{target} leaked a file");
        assert!(!reply.body.contains("root:"), "{target} leaked /etc/passwd");
    }
}

#[test]
fn an_edit_shows_up_and_open_pages_are_told_to_reload() {
    let site = Served::start();
    let mut events = site.events();
    write(
        &site.path(SPEECH),
        &speech("孝感工会工作会议讲话", "第一次修改之后的讲话正文。"),
    );
    site.wait_for_page(SPEECH_URL, "第一次修改之后的讲话正文");
    events.wait_for("event: reload");

    // A new speech, and a deleted one, in one burst.
    write(
        &site.path("content/2016-new.md"),
        &speech("新的讲话", "新讲话的正文。").replace("2014-04-28", "2016-01-01"),
    );
    fs::remove_file(site.path("content/2015-laomo.md")).unwrap();
    site.wait_for_page("/speeches/2016-new/", "新讲话的正文");
    let home = site.wait_for_page("/", "新的讲话");
    assert!(!home.body.contains("劳模表彰大会讲话"), "{}", home.body);
    assert_eq!(site.get("/speeches/2015-laomo/").status, 404);
    events.wait_for("event: reload");
}

#[test]
fn a_broken_speech_shows_its_error_while_the_last_good_site_is_served() {
    let site = Served::start();
    let mut events = site.events();
    write(
        &site.path(SPEECH),
        "+++\ntitle = = \"坏了\"\ndate = \"2014-04-28\"\n+++\n\n正文。\n",
    );
    let error = events.wait_for("event: build-error\ndata: ");
    let line = error.lines().next().unwrap();
    assert!(
        line.contains("content/2014-04-28-xiaogan.md:2"),
        "file and line: {line}"
    );
    // The last good build is still served.
    let page = site.get(SPEECH_URL);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("维护职工合法权益"), "{}", page.body);
    // A page opened now learns about the error at once.
    let mut late = site.events();
    late.wait_for("event: build-error");

    write(
        &site.path(SPEECH),
        &speech("孝感工会工作会议讲话", "修好之后的讲话正文。"),
    );
    site.wait_for_page(SPEECH_URL, "修好之后的讲话正文");
    events.wait_for("event: reload");
    // Fixed: a page opened now gets no error.
    let mut fresh = site.events();
    let after = fresh.drain(Duration::from_millis(500));
    assert!(!after.contains("build-error"), "{after}");
}

#[test]
fn a_taken_port_means_the_next_free_one() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    // The port above may be taken too, by chance: lectern then goes on searching.
    let site = Served::start_on(Some(port));
    assert!(
        site.port > port,
        "{} is taken, yet {} was printed",
        port,
        site.url
    );
    assert_eq!(site.get("/").status, 200);
    drop(taken);
}

#[test]
fn a_burst_of_new_edited_and_deleted_speeches_ends_equal_to_a_fresh_build() {
    let site = Served::start();
    // Like a `git checkout`: one speech edited, one deleted, fifty new ones.
    write(
        &site.path(SPEECH),
        &speech("孝感工会工作会议讲话", "今天我们研究劳动竞赛。"),
    );
    fs::remove_file(site.path("content/2015-laomo.md")).unwrap();
    for i in 1..=50 {
        write(
            &site.path(&format!("content/burst/b{i:02}.md")),
            &speech(&format!("第{i}次会议讲话"), &format!("第{i}篇的正文。"))
                .replace("2014-04-28", &format!("2013-01-{:02}", i % 28 + 1)),
        );
    }
    site.wait_for_page("/speeches/b50/", "第50篇的正文");
    for i in 1..=50 {
        let page = site.get(&format!("/speeches/b{i:02}/"));
        assert_eq!(page.status, 200, "b{i:02}");
    }
    site.wait_for_page("/years/2013/", "第50次会议讲话");

    // Every file of a fresh build is served, byte for byte but for the script.
    let fresh = site.path("../fresh");
    let built = Command::new(lectern_path())
        .args(["build", "--root"])
        .arg(&site.root)
        .args(["--base-url", &site.url, "--output"])
        .arg(&fresh)
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");
    // The pages come first; the search index follows a moment later.
    for index_file in ["search/manifest.json", "search/docs.bin"] {
        let want = fs::read(fresh.join(index_file)).unwrap();
        let started = Instant::now();
        while site.get(&format!("/{index_file}")).bytes != want {
            assert!(started.elapsed() < DEADLINE, "{index_file} never caught up");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    assert_eq!(site.get("/speeches/2015-laomo/").status, 404, "deleted");
    assert!(site.get(SPEECH_URL).body.contains("劳动竞赛"), "edited");
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&fresh) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&fresh).unwrap().to_string_lossy();
        if !entry.file_type().is_file() || rel == ".lectern-output" {
            continue;
        }
        let reply = site.get(&format!("/{rel}"));
        assert_eq!(reply.status, 200, "{rel}");
        let mut served = reply.bytes;
        if let Some(start) = reply.body.find("<script>/* lectern serve") {
            let end = start + reply.body[start..].find("</script>\n").unwrap() + 10;
            served.drain(start..end);
        }
        let want = fs::read(entry.path()).unwrap();
        if served != want {
            let at = served
                .iter()
                .zip(&want)
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{rel} differs at byte {at} (served {} bytes, built {}): served {:?} built {:?}",
                served.len(),
                want.len(),
                String::from_utf8_lossy(
                    &served[at.saturating_sub(40)..(at + 40).min(served.len())]
                ),
                String::from_utf8_lossy(&want[at.saturating_sub(40)..(at + 40).min(want.len())])
            );
        }
        files += 1;
    }
    assert!(files > 60, "{files} files compared");
}

/// What came back on a connection: a reply, or the server closing it.
enum Outcome {
    Reply(Reply),
    Closed,
}

impl Served {
    /// Sends `head` and then `filler` bytes (from another thread, so that a
    /// server that stops reading does not block the test), and reads the answer.
    /// A server that neither answers nor closes within 20 s fails the test.
    fn send(&self, head: &[u8], filler: usize) -> Outcome {
        let mut stream = self.connect();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut writer = stream.try_clone().unwrap();
        let head = head.to_vec();
        let sender = std::thread::spawn(move || {
            // The server may close or reset the connection half-way: fine.
            if writer.write_all(&head).is_err() {
                return;
            }
            let chunk = vec![b'a'; 1 << 20];
            let mut left = filler;
            while left > 0 {
                let n = left.min(chunk.len());
                if writer.write_all(&chunk[..n]).is_err() {
                    return;
                }
                left -= n;
            }
        });
        let mut raw = Vec::new();
        let outcome = match stream.read_to_end(&mut raw) {
            Ok(_) if raw.is_empty() => Outcome::Closed,
            Ok(_) => Outcome::Reply(Reply::parse(&raw)),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset && raw.is_empty() => {
                Outcome::Closed
            }
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                Outcome::Reply(Reply::parse(&raw))
            }
            Err(e) => panic!("neither an answer nor a close: {e}"),
        };
        drop(stream);
        sender.join().unwrap();
        outcome
    }

    /// The most memory the server has held so far, in bytes (Linux).
    fn peak_memory(&self) -> Option<u64> {
        let status = fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }
}

/// Asserts that the server refused with `status` or closed the connection.
fn refused_with(outcome: Outcome, status: u16, what: &str) {
    if let Outcome::Reply(reply) = outcome {
        assert_eq!(reply.status, status, "{what}: {}", reply.body);
        assert_eq!(reply.header("connection"), Some("close"), "{what}");
    }
}

#[test]
fn oversized_requests_are_refused_and_memory_stays_bounded() {
    let site = Served::start();
    assert_eq!(site.get("/").status, 200);
    let before = site.peak_memory();
    const FILLER: usize = 64 << 20;

    // A request line that never ends.
    let outcome = site.send(b"GET /", FILLER);
    refused_with(outcome, 414, "a 64 MiB request line");
    // A request line just too long, which is answered for sure.
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "a".repeat(lectern::serve::wire::MAX_REQUEST_LINE)
    );
    match site.send(long.as_bytes(), 0) {
        Outcome::Reply(reply) => assert_eq!(reply.status, 414, "{}", reply.body),
        Outcome::Closed => panic!("a request line of 8 KiB gets an answer"),
    }
    // A header that never ends, and headers that do but are too many.
    let outcome = site.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ", FILLER);
    refused_with(outcome, 431, "a 64 MiB header");
    let many = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{}\r\n",
        (0..5000)
            .map(|i| format!("X-{i}: 1\r\n"))
            .collect::<String>()
    );
    match site.send(many.as_bytes(), 0) {
        Outcome::Reply(reply) => assert_eq!(reply.status, 431, "{}", reply.body),
        Outcome::Closed => panic!("too many headers get an answer"),
    }

    if let (Some(before), Some(after)) = (before, site.peak_memory()) {
        let grown = after.saturating_sub(before);
        assert!(
            grown < 16 << 20,
            "the server grew by {} MiB reading oversized requests",
            grown >> 20
        );
    }
    // Still serving, on new connections and on one kept alive.
    assert_eq!(site.get(SPEECH_URL).status, 200);
    let mut stream = site.connect();
    let one = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", site.port);
    let last = format!(
        "HEAD /style.css HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        site.port
    );
    write!(stream, "{one}{last}").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert_eq!(text.matches("HTTP/1.1 200 OK\r\n").count(), 2, "{text}");
}

#[test]
fn only_loopback_names_reach_the_preview() {
    let site = Served::start();
    let ask = |host: &str, target: &str| {
        let head = format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        match site.send(head.as_bytes(), 0) {
            Outcome::Reply(reply) => reply,
            Outcome::Closed => panic!("{host}: no answer"),
        }
    };
    for host in [
        format!("127.0.0.1:{}", site.port),
        "127.0.0.1".to_string(),
        format!("localhost:{}", site.port),
        "LOCALHOST".to_string(),
        format!("[::1]:{}", site.port),
    ] {
        assert_eq!(ask(&host, SPEECH_URL).status, 200, "{host}");
    }
    // A page elsewhere whose name was pointed at 127.0.0.1 (DNS rebinding).
    for host in [
        format!("attacker.example:{}", site.port),
        "attacker.example".to_string(),
        format!("localhost.attacker.example:{}", site.port),
        format!("127.0.0.1.attacker.example:{}", site.port),
    ] {
        for target in [SPEECH_URL, "/__lectern/events", "/search/manifest.json"] {
            let reply = ask(&host, target);
            assert_eq!(reply.status, 403, "{host} {target}: {}", reply.body);
            assert!(
                reply
                    .body
                    .contains(&format!("http://127.0.0.1:{}/", site.port)),
                "says where to go: {}",
                reply.body
            );
            assert!(!reply.body.contains("维护职工"), "{}", reply.body);
        }
    }
    // HTTP/1.1 needs a Host; HTTP/1.0 had none.
    let none = site.send(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 0);
    refused_with(none, 400, "no Host");
    match site.send(b"GET / HTTP/1.0\r\n\r\n", 0) {
        Outcome::Reply(reply) => assert_eq!(reply.status, 200),
        Outcome::Closed => panic!("HTTP/1.0 without Host: no answer"),
    }
}

#[test]
fn live_reload_streams_past_the_limit_get_503() {
    let site = Served::start();
    let limit = lectern::serve::reload::MAX_EVENT_STREAMS;
    let mut open: Vec<Events> = (0..limit).map(|_| site.events()).collect();
    let head = format!(
        "GET /__lectern/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        site.port
    );
    match site.send(head.as_bytes(), 0) {
        Outcome::Reply(reply) => {
            assert_eq!(reply.status, 503, "{}", reply.body);
            assert!(
                reply.body.contains("close some preview tabs"),
                "{}",
                reply.body
            );
        }
        Outcome::Closed => panic!("one stream too many gets an answer"),
    }
    // Pages are still served, and the open streams still hear of rebuilds.
    assert_eq!(site.get(SPEECH_URL).status, 200);
    write(
        &site.path(SPEECH),
        &speech("孝感工会工作会议讲话", "限额之后的讲话正文。"),
    );
    site.wait_for_page(SPEECH_URL, "限额之后的讲话正文");
    open.last_mut().unwrap().wait_for("event: reload");
    // A closed tab gives its place back.
    drop(open.pop());
    let started = Instant::now();
    loop {
        let mut stream = site.connect();
        stream.write_all(head.as_bytes()).unwrap();
        let mut first = [0u8; 12];
        stream.read_exact(&mut first).unwrap();
        if &first == b"HTTP/1.1 200" {
            break;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "the closed stream's place never came back"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn connections_past_the_limit_get_503_and_the_rest_are_served() {
    let site = Served::start();
    // Connections that never send a request, each holding a place.
    let idle: Vec<TcpStream> = (0..lectern::serve::MAX_CONNECTIONS)
        .map(|_| site.connect())
        .collect();
    let started = Instant::now();
    let refused = loop {
        // The server may not have taken every idle connection yet.
        let mut stream = site.connect();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let reply = Reply::parse(&raw);
        if reply.status == 503 {
            break reply;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "never refused: {}",
            reply.status
        );
    };
    assert!(
        refused.body.contains("too many open connections"),
        "{}",
        refused.body
    );
    drop(idle);
    let started = Instant::now();
    while site.get("/").status != 200 {
        assert!(
            started.elapsed() < DEADLINE,
            "closed connections never gave their places back"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn ctrl_c_stops_the_server() {
    let mut site = Served::start();
    assert_eq!(site.get("/").status, 200);
    let sent = Command::new("kill")
        .args(["-INT", &site.child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = site.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < DEADLINE, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let log = fs::read_to_string(site.root.join("../serve.log")).unwrap();
    assert!(log.contains("Stopped."), "{log}");
}
