// search.js against the shared vectors (tests/search-vectors.json), reading the
// index of the built fixture site from disk. tests/testsuite/search_vectors.rs builds the
// fixture and runs this file with LECTERN_SEARCH_OUTPUT set to its output folder;
// run alone (`node --test tests/js/`), it builds the fixture itself with
// target/debug/lectern (or $LECTERN_BIN) if that exists, and skips otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const engine = require(path.join(repo, 'themes/default/static/search/search.js'));
const file = JSON.parse(fs.readFileSync(path.join(repo, 'tests/search-vectors.json'), 'utf8'));

function writeFixture(site, root) {
  fs.mkdirSync(path.join(root, 'content'), { recursive: true });
  fs.writeFileSync(path.join(root, 'site.toml'), site.site_toml);
  for (const speech of site.speeches) {
    let text = '+++\n';
    for (const [key, value] of Object.entries(speech.front)) text += `${key} = ${JSON.stringify(value)}\n`;
    text += '+++\n\n' + speech.body;
    if (speech.repeat) {
      text += ('\n\n' + speech.repeat.paragraph).repeat(speech.repeat.times);
      if (speech.repeat.tail) text += '\n\n' + speech.repeat.tail;
    }
    text += '\n';
    const target = path.join(root, speech.file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}

function fixtureOutput() {
  if (process.env.LECTERN_SEARCH_OUTPUT) return process.env.LECTERN_SEARCH_OUTPUT;
  const bin = process.env.LECTERN_BIN || path.join(repo, 'target/debug/lectern');
  if (!fs.existsSync(bin)) return null;
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-vectors-')), 'site');
  writeFixture(file.site, root);
  execFileSync(bin, ['build', '--root', root], { stdio: 'ignore' });
  return path.join(root, 'public');
}

const output = fixtureOutput();
const skip = output ? false : 'no built fixture: set LECTERN_SEARCH_OUTPUT or build target/debug/lectern';
/** Reads a file of the built site, or a range of it, as a server with Range does. */
const read = (p, start, length) => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(output, p)));
  return start === undefined ? bytes : bytes.subarray(start, start + length);
};
const open = () => engine.Index.open(async (p, start, length) => read(p, start, length));
let indexPromise = null;
const index = () => (indexPromise ??= open());

const queryOf = (v) => ({
  text: v.query,
  theme: v.theme ?? null,
  speaker: v.speaker ?? null,
  year: v.year ?? null,
  order: v.order === 'date' ? 'date' : 'relevance',
});

const countsOf = (results) => ({
  themes: Object.fromEntries(results.themes),
  speakers: Object.fromEntries(results.speakers),
  years: Object.fromEntries([...results.years].map(([y, n]) => [String(y), n])),
});

for (const v of file.vectors) {
  test(`vector: ${v.name} (${v.query})`, { skip }, async () => {
    const idx = await index();
    const results = await idx.search(queryOf(v));
    const urls = [];
    for (const hit of results.hits) urls.push((await idx.storedDoc(hit.id)).url);
    if (v.ordered === false) assert.deepEqual([...urls].sort(), [...v.expected].sort());
    else assert.deepEqual(urls, v.expected);
    if (v.counts) assert.deepEqual(countsOf(results), v.counts);

    // Every result's excerpt marks occurrences of the terms, as written in the
    // text (folded, they are the folded terms), and the text fragment of its
    // link is the original text of one occurrence.
    const normalize = (text) => engine.normalize(text, idx.folding).join('');
    const terms = idx.terms(v.query).map((t) => t.join(''));
    for (const hit of results.hits) {
      const doc = await idx.storedDoc(hit.id);
      const ex = idx.excerpt(doc.text, v.query);
      const marks = ex.parts.filter((p) => p.mark).map((p) => p.text);
      assert.ok(marks.length > 0, `${doc.url} has a marked excerpt`);
      assert.ok(terms.includes(normalize(ex.match)), `${doc.url}: ${ex.match} is a term`);
      for (const mark of marks) {
        const norm = normalize(mark);
        assert.ok(terms.some((t) => norm.includes(t)), `${doc.url}: mark ${mark} holds a term`);
      }
      assert.ok(doc.text.includes(ex.match));
      const directive = decodeURIComponent(ex.fragment).split(/-,|,-/);
      assert.ok(directive.some((part) => part.includes(ex.match)), `${doc.url}: the text directive holds the match`);
    }
  });
}

test('excerpts see the same normalised text as the index', { skip }, async () => {
  const idx = await index();
  for (let id = 0; id < idx.docs.length; id++) {
    const doc = await idx.storedDoc(id);
    const chars = engine.normalizeMapped(doc.text, idx.folding).chars;
    assert.deepEqual(chars, engine.normalize(doc.text, idx.folding));
    // The title is padded with separators up to a multiple of 32 characters.
    const title = engine.normalize(doc.title, idx.folding).length;
    const titleEnd = Math.ceil((title + 1) / 32) * 32;
    assert.equal(idx.docs[id].titleEnd, titleEnd, `speech ${id}: docs.bin has where its title ends`);
    const len = chars.length + titleEnd - title - 1;
    assert.equal(Math.ceil(len / 32) * 32, idx.docs[id].len, `speech ${id}: docs.bin has its indexed length, in units of 32`);
  }
});

test('the index downloads only the shards a query needs', { skip }, async () => {
  const fetched = [];
  const idx = await engine.Index.open(async (p, start, length) => {
    fetched.push(start === undefined ? p : `${p}@${start}`);
    return read(p, start, length);
  });
  assert.deepEqual(fetched, ['search/manifest.json', 'search/docs.bin', 'search/fold.bin']);
  assert.ok(idx.manifest.buckets > 1, 'the fixture is big enough for several buckets');
  const entries = (grams) => new Set(grams.map((g) =>
    `${engine.shardDirectoryPath(0)}@${engine.bucketOf(g, idx.manifest.buckets) * engine.ENTRY_BYTES}`));
  await idx.search({ text: '维护职工合法权' });
  const directory = fetched.filter((p) => p.startsWith('search/i/0.dir@'));
  const buckets = entries(['维护', '职工', '合法', '法权']);
  assert.deepEqual(new Set(directory), buckets);
  assert.equal(directory.length, buckets.size, 'each shard is looked up once');
  const parts = fetched.filter((p) => p.startsWith('search/i/0-'));
  assert.equal(parts.length, buckets.size, 'each shard is read once, as a range of a part');

  // 规定 is split: 规定或者 needs the trigram 规定或 and the bigram 或者, not 规定's long list.
  assert.deepEqual(idx.manifest.split, [['规定']]);
  fetched.length = 0;
  await idx.search({ text: '规定或者' });
  assert.deepEqual(new Set(fetched.filter((p) => p.startsWith('search/i/0.dir@'))), entries(['规定或', '或者']));
});

test('a server that ignores Range gives the same results, each file fetched once', { skip }, async () => {
  const fetched = [];
  // Every request gets the whole file, as from a host without Range support.
  const idx = await engine.Index.open(async (p) => {
    fetched.push(p);
    return read(p);
  });
  const ranged = await index();
  for (const text of ['维护职工合法权', '规定或者', '工会']) {
    const [whole, parts] = [await idx.search({ text }), await ranged.search({ text })];
    assert.deepEqual(whole.hits.map((h) => h.id), parts.hits.map((h) => h.id), text);
    for (const hit of whole.hits.slice(0, 3)) {
      assert.deepEqual(await idx.storedDoc(hit.id), await ranged.storedDoc(hit.id));
    }
  }
  assert.ok(idx.rangesIgnored);
  const packs = fetched.filter((p) => p.startsWith('search/i/') || p.startsWith('search/d/'));
  assert.equal(packs.length, new Set(packs).size, `files fetched again: ${packs.join(' ')}`);
});

test('the folding of the index maps one character to one, once', { skip }, async () => {
  const idx = await index();
  const folding = idx.folding;
  assert.ok(folding.size > 2000, 'the index ships the OpenCC table');
  for (const [from, to] of folding) {
    assert.equal([...from].length, 1, `U+${from.codePointAt(0).toString(16)}`);
    assert.equal([...to].length, 1, `U+${from.codePointAt(0).toString(16)} folds to one character`);
    assert.ok(!folding.has(to), `${from} → ${to}: folding twice is folding once`);
    assert.equal(engine.normalize(to, folding).join(''), to, `${to} is normalised`);
  }
  for (const [t, s] of [['勞', '劳'], ['動', '动'], ['憲', '宪'], ['發', '发'], ['髮', '发']]) assert.equal(folding.get(t), s);
  assert.equal(folding.get('劳'), undefined, 'simplified characters stay');
});

test('the compact directories give the same entries as the directories', { skip }, async () => {
  const idx = await index();
  for (let segment = 0; segment < idx.segments(); segment++) {
    for (const [dir, len] of [[`search/i/${segment}.dir`, `search/i/${segment}.len`], [`search/d/${segment}.dir`, `search/d/${segment}.len`]]) {
      const raw = read(dir);
      const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
      const expected = [];
      for (let at = 0; at < raw.length; at += engine.ENTRY_BYTES) {
        const place = view.getUint32(at, true);
        expected.push({ part: place >>> 24, offset: place & 0xffffff, len: view.getUint32(at + 4, true) });
      }
      const entries = engine.entriesFromLengths(await engine.decompress(read(len)));
      assert.deepEqual(entries, expected.map((e) => (e.len === 0 ? { part: 0, offset: 0, len: 0 } : e)), dir);
    }
  }
  // With them loaded, a query reads no directory entry and finds the same.
  const fetched = [];
  const fresh = await engine.Index.open(async (p, start, length) => {
    fetched.push(p);
    return read(p, start, length);
  });
  await fresh.prefetchDirectories();
  fetched.length = 0;
  const [a, b] = [await fresh.search({ text: '维护职工合法权' }), await idx.search({ text: '维护职工合法权' })];
  assert.deepEqual(a.hits, b.hits);
  assert.deepEqual(await fresh.storedDoc(a.hits[0].id), await idx.storedDoc(a.hits[0].id));
  assert.ok(!fetched.some((p) => p.endsWith('.dir')), fetched.join(' '));
});
