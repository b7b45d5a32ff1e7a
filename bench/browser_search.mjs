// Search in headless Chromium, lectern against Pagefind on the same built site.
// Prints numbers; passes or fails nothing.
//
//   node bench/browser_search.mjs --site public/ --pagefind pagefind-out/ [--queries 40] [--serve]
//
// --site is a site built by lectern (its search/ index), --pagefind the output
// of `pagefind --site public/ --glob "speeches/*/index.html" --output-path DIR`.
// One local HTTPS server with HTTP/2 and Range, as static hosts have (a
// self-signed certificate made with openssl; `--http1` serves plain HTTP/1.1,
// where the browser opens at most 6 connections), serves both. The
// queries are 2-4 character substrings of the speeches, sampled with a fixed
// seed through lectern's own stored texts, plus 1-character queries.
//
// For each query, alternating lectern and Pagefind:
// - cold: a new browser context (empty cache), navigation to a page that
//   searches for the query from its URL; the time is from navigation start to
//   the first result in the DOM (a MutationObserver notes it), not a
//   network-idle wait;
// - warm: on that loaded page, a second query: the time from asking (the call
//   of the API pages, the input event of the search page) to the first result
//   of the new query in the DOM.
// Four pages: lectern's and Pagefind's own search pages (cold and warm through
// their input boxes, each with its own debounce: lectern searches the first
// keystroke after a pause at once, Pagefind's Default UI waits 300 ms), and two
// API pages that search, load the first 10 results and show each as soon as it
// and those above it have arrived: lectern's engine (search/search.js) and
// Pagefind's API (pagefind/pagefind.js, with `result.data()` for each result).
// Bytes are what the browser fetched (transfer sizes of all requests) until the
// page settled after the first query, what it reads when idle included.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const site = path.resolve(args.site ?? 'public');
const pagefind = args.pagefind ? path.resolve(args.pagefind) : null;
const queryCount = Number(args.queries ?? 40);
const chromiumPath = args.chromium ?? '/usr/bin/chromium';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm' };

const LECTERN_API = `<!DOCTYPE html><meta charset="utf-8"><title>lectern API</title><ol id="out"></ol>
<script src="/search/search.js"></script><script>
var engine = window.lecternSearch;
var fetchBytes = async function (p, start, length) {
  var init = start === undefined ? undefined : { headers: { Range: 'bytes=' + start + '-' + (start + length - 1) } };
  var r = await fetch('/' + p, init);
  return new Uint8Array(await r.arrayBuffer());
};
var indexPromise = engine.Index.open(fetchBytes);
window.runQuery = async function (q) {
  var index = await indexPromise;
  var results = await index.search({ text: q });
  var pending = results.hits.slice(0, 10).map(function (h) { return index.storedDoc(h.id); });
  var out = document.getElementById('out');
  out.textContent = '';
  for (var i = 0; i < pending.length; i++) {
    var d = await pending[i];
    var li = document.createElement('li'); li.className = 'bench-result';
    li.textContent = d.title + ' ' + index.excerpt(d.text, q, 60).parts.map(function (p) { return p.text; }).join('');
    out.appendChild(li);
  }
  if (!pending.length) { var li = document.createElement('li'); li.className = 'bench-result'; li.textContent = 'none'; out.appendChild(li); }
};
runQuery(new URLSearchParams(location.search).get('q')).then(async function () {
  // As the search page does once its first results are shown.
  (await indexPromise).prefetchDirectories();
});
</script>`;

const PAGEFIND_API = `<!DOCTYPE html><meta charset="utf-8"><title>Pagefind API</title><ol id="out"></ol>
<script type="module">
const pagefind = await import('/pagefind/pagefind.js');
window.runQuery = async function (q) {
  const search = await pagefind.search(q);
  const pending = search.results.slice(0, 10).map((r) => r.data());
  const out = document.getElementById('out');
  out.textContent = '';
  for (const p of pending) {
    const d = await p;
    const li = document.createElement('li'); li.className = 'bench-result';
    li.textContent = d.meta.title + ' ' + d.excerpt;
    out.appendChild(li);
  }
  if (!pending.length) { const li = document.createElement('li'); li.className = 'bench-result'; li.textContent = 'none'; out.appendChild(li); }
};
runQuery(new URLSearchParams(location.search).get('q'));
</script>`;

// Pagefind's own search page (its Default UI, with its filters), as the
// counterpart of lectern's search page.
const PAGEFIND_UI = `<!DOCTYPE html><meta charset="utf-8"><title>Pagefind UI</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet"><div id="search"></div>
<script src="/pagefind/pagefind-ui.js"></script><script>
var ui = new PagefindUI({ element: '#search', showSubResults: true });
ui.triggerSearch(new URLSearchParams(location.search).get('q'));
</script>`;

function serve() {
  const handler = (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/bench/lectern.html') return send(res, 200, TYPES['.html'], Buffer.from(LECTERN_API));
    if (url.pathname === '/bench/pagefind.html') return send(res, 200, TYPES['.html'], Buffer.from(PAGEFIND_API));
    if (url.pathname === '/bench/pagefind-ui.html') return send(res, 200, TYPES['.html'], Buffer.from(PAGEFIND_UI));
    let file;
    if (url.pathname.startsWith('/pagefind/') && pagefind) file = path.join(pagefind, decodeURIComponent(url.pathname.slice('/pagefind/'.length)));
    else file = path.join(site, decodeURIComponent(url.pathname));
    if (file.endsWith('/') || (fs.existsSync(file) && fs.statSync(file).isDirectory())) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return send(res, 404, 'text/plain', Buffer.from('not found'));
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (range) {
      // Only the range is read, as a real server does: index parts are large.
      const size = fs.statSync(file).size;
      const [start, end] = [Number(range[1]), Math.min(Number(range[2]), size - 1)];
      const part = Buffer.alloc(end - start + 1);
      const fd = fs.openSync(file, 'r');
      fs.readSync(fd, part, 0, part.length, start);
      fs.closeSync(fd);
      return send(res, 206, type, part, { 'Content-Range': `bytes ${start}-${end}/${size}` });
    }
    send(res, 200, type, fs.readFileSync(file));
  };
  let server;
  if ('http1' in args) {
    server = http.createServer(handler);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-tls-'));
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    server = http2.createSecureServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert), allowHTTP1: true }, handler);
  }
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The caching headers GitHub Pages sends: without them a browser fetches the
// favicon again each time the search page updates its address.
const STARTED = new Date().toUTCString();
function send(res, status, type, body, extra = {}) {
  res.writeHead(status, { 'content-type': type, 'content-length': body.length, 'accept-ranges': 'bytes', 'cache-control': 'max-age=600', 'last-modified': STARTED, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.toLowerCase(), v])) });
  res.end(body);
}

// Queries: substrings of stored speeches, from lectern's engine in node.
const require = (await import('node:module')).createRequire(import.meta.url);
const engine = require(path.join(site, 'search/search.js'));
const index = await engine.Index.open(async (p, start, length) => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(site, p)));
  return start === undefined ? bytes : bytes.subarray(start, start + length);
});
let seed = 7;
const random = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const queries = [];
while (queries.length < queryCount) {
  const doc = await index.storedDoc(random(index.docs.length));
  // A run of Chinese characters, so the query is on the page as it is.
  const runs = doc.text.match(/\p{Script=Han}+/gu) ?? [];
  const len = queries.length % 4 === 3 ? 1 : 2 + random(3);
  const long = runs.filter((r) => [...r].length >= len);
  if (!long.length) continue;
  const text = [...long[random(long.length)]];
  const at = random(text.length - len + 1);
  queries.push(text.slice(at, at + len).join(''));
}

const server = await serve();
const origin = `${'http1' in args ? 'http' : 'https'}://127.0.0.1:${server.address().port}`;
if ('serve' in args) {
  // Only serve the pages (for profiling by hand), until interrupted.
  console.log(`serving ${origin}/bench/lectern.html?q=… and ${origin}/bench/pagefind.html?q=…`);
  await new Promise(() => {});
}
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--ignore-certificate-errors'] });

// Notes when the first element matching the selector is added after `mark()`.
const OBSERVER = (selector) => `
  window.__first = null;
  window.__mark = () => { window.__first = null; window.__start = performance.now(); window.__old = new Set(document.querySelectorAll(${JSON.stringify(selector)})); };
  // On the search page the query starts with the input event the typing
  // fires, not with the driver's call that types (a round trip of its own).
  document.addEventListener('input', () => { if (window.__first === null && window.__old) window.__start = performance.now(); }, true);
  new MutationObserver(() => {
    if (window.__first !== null) return;
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
      if (!window.__old || !window.__old.has(el)) { window.__first = performance.now(); return; }
    }
  }).observe(document, { childList: true, subtree: true });`;

const tools = {
  'lectern page': { url: (q) => `${origin}/search/?q=${encodeURIComponent(q)}`, selector: '.search-result', warm: async (page, q) => { await page.evaluate(() => window.__mark()); await page.fill('#search-input', q); } },
  'lectern API': { url: (q) => `${origin}/bench/lectern.html?q=${encodeURIComponent(q)}`, selector: '.bench-result', warm: (page, q) => page.evaluate((q) => { window.__mark(); return runQuery(q); }, q) },
};
if (pagefind) {
  tools['Pagefind API'] = { url: (q) => `${origin}/bench/pagefind.html?q=${encodeURIComponent(q)}`, selector: '.bench-result', warm: (page, q) => page.evaluate((q) => { window.__mark(); return runQuery(q); }, q) };
  tools['Pagefind UI'] = { url: (q) => `${origin}/bench/pagefind-ui.html?q=${encodeURIComponent(q)}`, selector: '.pagefind-ui__result', warm: async (page, q) => { await page.evaluate(() => window.__mark()); await page.fill('.pagefind-ui__search-input', q); } };
}

const results = Object.fromEntries(Object.keys(tools).map((t) => [t, { cold: [], warm: [], warm1: [], bytes: [], missed: [] }]));
for (let i = 0; i < queries.length; i++) {
  const q = queries[i];
  const next = queries[(i + 1) % queries.length];
  for (const [name, tool] of Object.entries(tools)) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    await context.addInitScript(OBSERVER(tool.selector));
    const page = await context.newPage();
    let bytes = 0;
    page.on('requestfinished', async (request) => {
      const sizes = await request.sizes().catch(() => null);
      if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    });
    await page.goto(tool.url(q));
    // Pagefind's UI shows no result element when it finds nothing (it misses
    // phrases that are not whole words): such a query counts as missed.
    const shown = () => page.waitForFunction(() => window.__first !== null, null, { timeout: 10000 }).then(() => true, () => false);
    if (!(await shown())) {
      results[name].missed.push(q);
      await context.close();
      continue;
    }
    results[name].cold.push(await page.evaluate(() => window.__first));
    // The second query comes when the page has settled, as a person types it.
    await page.waitForLoadState('networkidle');
    results[name].bytes.push(bytes);
    await tool.warm(page, next);
    if (!(await shown())) {
      results[name].missed.push(next);
      await context.close();
      continue;
    }
    const warm = await page.evaluate(() => window.__first - window.__start);
    (next.length === 1 ? results[name].warm1 : results[name].warm).push(warm);
    await context.close();
  }
}
await browser.close();
server.close();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
console.log(`${queries.length} queries (${queries.filter((q) => q.length === 1).length} of 1 character), site ${site}`);
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(13)} cold median ${median(r.cold).toFixed(0)} ms (max ${Math.max(...r.cold).toFixed(0)}), ` +
      `downloaded median ${(median(r.bytes) / 1024).toFixed(1)} KB; ` +
      `second query median ${median(r.warm).toFixed(0)} ms (2-4 characters), ${median(r.warm1).toFixed(0)} ms (1 character)` +
      (r.missed.length ? `; no result shown for ${r.missed.length} queries (${r.missed.join(' ')})` : ''),
  );
}
