// Unit tests of the search.js engine: the pieces that must agree byte for byte
// with src/search/{normalize,format,query}.rs (the same cases as their unit tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const e = createRequire(import.meta.url)(path.join(repo, 'themes/default/static/search/search.js'));

const s = (chars) => chars.join('');

function putVarint(out, value) {
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
}

test('normalisation folds width and case and separates punctuation', () => {
  assert.equal(s(e.normalize('ＧＤＰ增长２０３５，维护“权益”')), 'gdp增长2035 维护 权益 ');
  assert.equal(s(e.normalize('Ⅻ①㊿ｶﾞ')), 'xii150ガ');
  assert.equal(s(e.normalize('İ')), 'i ', 'a combining mark from lower-casing is a separator');
  assert.equal(s(e.normalize('a\u0301')), 'á', 'NFKC composes before classifying');
  assert.equal(s(e.normalize('Σ')), 'σ');
  assert.equal(s(e.normalize('😀x')), ' x', 'a symbol outside the BMP is one separator');
  assert.equal(e.normalize('𠀀').length, 1, 'characters count as code points');
});

test('the mapped normalisation (for excerpts) gives the same characters', () => {
  for (const x of ['ＧＤＰ增长２０３５，维护“权益”', 'Ⅻ①㊿ｶﾞ', 'İ', 'a\u0301', 'A\u0301 中\u0301。\u0301', '😀x𠀀', '〇々〆〡〸〻〼', '\u1100\u1161\u11a8가', '㈱（ＡＢＣ）']) {
    assert.deepEqual(e.normalizeMapped(x).chars, e.normalize(x), x);
  }
  const m = e.normalizeMapped('㈱Ａ');
  assert.deepEqual(m.chars, [' ', '株', ' ', 'a']);
  assert.deepEqual(m.starts, [0, 0, 0, 1]);
  assert.deepEqual(m.ends, [1, 1, 1, 2]);
});

test('query terms split on any separator, each once', () => {
  assert.deepEqual(e.terms('维护，权益 维护').map(s), ['维护', '权益']);
  assert.equal(e.terms('“维护权益”').length, 1);
  assert.deepEqual(e.terms('，。!'), []);
  assert.deepEqual(e.terms('Ｈｅｌｌｏ World').map(s), ['hello', 'world']);
});

test('buckets are FNV-1a over UTF-8 bytes', () => {
  assert.equal(e.bucketOf('a', 0xffffffff), 0xe40c292c % 0xffffffff);
  assert.equal(e.bucketOf('', 0xffffffff), 0x811c9dc5);
  // FNV-1a 32 of "foobar" is 0xbf9cf968.
  assert.equal(e.bucketOf('foobar', 0xffffffff), 0xbf9cf968);
  const b = e.bucketOf('维权', 64);
  assert.ok(b >= 0 && b < 64 && Number.isInteger(b));
});

test('varints round trip and are bounds-checked', () => {
  const values = [0, 1, 127, 128, 300, 2 ** 31, 0xffffffff];
  const bytes = [];
  for (const v of values) putVarint(bytes, v);
  const r = new e.Reader(Uint8Array.from(bytes));
  for (const v of values) assert.equal(r.varint(), v);
  assert.ok(r.done());
  assert.throws(() => new e.Reader(Uint8Array.from([0x80])).varint(), /ends early/);
  assert.throws(() => new e.Reader(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).varint(), /overlong/);
});

test('gzip is unpacked and plain bytes pass through', async () => {
  const data = new TextEncoder().encode('讲话'.repeat(100));
  assert.deepEqual(await e.decompress(new Uint8Array(zlib.gzipSync(data))), data);
  const plain = new TextEncoder().encode('plain');
  assert.deepEqual(await e.decompress(plain), plain);
});

test('shards decode unigram counts and bigram positions', () => {
  const bytes = [];
  const str = (t) => {
    const b = new TextEncoder().encode(t);
    putVarint(bytes, b.length);
    bytes.push(...b);
  };
  str('权'); putVarint(bytes, 2);
  putVarint(bytes, 0); putVarint(bytes, (3 << 1) | 1); putVarint(bytes, 1); // doc 0: tf 3, in title, 1 whole
  putVarint(bytes, 5); putVarint(bytes, 2 << 1); putVarint(bytes, 0); // doc 5: tf 2
  str('权益'); putVarint(bytes, 1);
  putVarint(bytes, 4); putVarint(bytes, 2);
  putVarint(bytes, (7 << 2) | 3); putVarint(bytes, (10 << 2) | 2); // positions 7 (flags 3), 17 (flags 2)
  const shard = e.decodeShard(Uint8Array.from(bytes));
  assert.deepEqual(shard.get('权'), [
    [0, { tf: 3, inTitle: true, whole: 1 }],
    [5, { tf: 2, inTitle: false, whole: 0 }],
  ]);
  assert.deepEqual(shard.get('权益'), [[4, { positions: [(7 << 2) | 3, (17 << 2) | 2] }]]);
});

test('docs.bin is stored by column, years as runs', () => {
  const bytes = [];
  // 2 speeches; 1 run: 2014 × 2; speakers; themes; lens; title lens.
  for (const v of [2, 1, 2014, 2, 3, 0, 5, 0, 38, 3, 14, 9]) putVarint(bytes, v);
  assert.deepEqual(e.decodeDocs(Uint8Array.from(bytes)), [
    { year: 2014, speaker: 3, themes: 5, len: 38 * 32, titleLen: 14 },
    { year: 2014, speaker: 0, themes: 0, len: 3 * 32, titleLen: 9 },
  ]);
  const encode = (values) => {
    const out = [];
    for (const v of values) putVarint(out, v);
    return Uint8Array.from(out);
  };
  assert.throws(() => e.decodeDocs(encode([2, 1, 2014, 1])), /do not add up/);
  assert.throws(() => e.decodeDocs(encode([1, 1, 2014, 1, 3])), /ends early/);
});

test('covers reach every character', () => {
  assert.deepEqual(e.coverOffsets(3), [0, 1]);
  assert.deepEqual(e.coverOffsets(4), [0, 2]);
  assert.deepEqual(e.coverOffsets(5), [0, 2, 3]);
  assert.deepEqual(e.coverOffsets(8), [0, 2, 4, 6]);
});

const doc = (body) => ['标题', '2014年', '张明', '', '', '', '', '维权', '', body].join('\n');

test('excerpts centre on the first match in the body and mark every occurrence', () => {
  const text = doc('前面' + '甲'.repeat(60) + '维护ＧＤＰ权益，再说维护。' + '乙'.repeat(60));
  const ex = e.excerpt(text, 'gdp 维护');
  assert.equal(ex.match, '维护');
  const marks = ex.parts.filter((p) => p.mark).map((p) => p.text);
  assert.deepEqual(marks, ['维护ＧＤＰ', '维护']);
  const shown = ex.parts.map((p) => p.text).join('');
  assert.ok(shown.startsWith('…' + '甲'.repeat(40)));
  assert.ok(shown.endsWith('乙'.repeat(40 - 'ＧＤＰ权益，再说维护。'.length) + '…'));
  assert.ok(!shown.includes('前面'));
});

test('excerpts prefer the body, and fall back to the fields', () => {
  const inTitle = e.excerpt(doc('正文提到标题。'), '标题');
  assert.deepEqual(inTitle.parts.map((p) => [p.text, p.mark]), [['正文提到', false], ['标题', true], ['。', false]]);
  const onlyField = e.excerpt(doc('正文。'), '张明');
  assert.equal(onlyField.match, '张明');
  const none = e.excerpt(doc('正文。'), '没有');
  assert.equal(none.match, '');
  assert.equal(none.parts.map((p) => p.text).join(''), '正文。');
});

test('excerpt offsets survive characters that normalise to several', () => {
  const text = doc('㈱公司与第①条：ＡＢＣ株式');
  const ex = e.excerpt(text, '1条 abc');
  assert.equal(ex.match, '①条');
  assert.deepEqual(ex.parts.filter((p) => p.mark).map((p) => p.text), ['①条', 'ＡＢＣ']);
});

test('result links carry a text directive for the passage', () => {
  const directive = (body, query) => decodeURIComponent(e.excerpt(doc(body), query).fragment);
  // The whole run around the match, with the neighbouring runs of its line as context.
  assert.equal(
    directive('在加强基层组织建设、维护职工合法权益、帮扶困难职工群体。', '合法权'),
    '在加强基层组织建设、-,维护职工合法权益,-、帮扶困难职工群体',
  );
  assert.equal(directive('一段简短的讲话', '段简'), '一段简短的讲话');
  assert.equal(directive('第一段\n维护权益\n第三段', '权益'), '维护权益', 'context stays on the line');
  assert.equal(directive('国内生产总值（GDP）增长5.2%。', 'gdp'), '国内生产总值（-,GDP,-）增长5.2', '5.2 is one word');
  assert.equal(directive('Hello World 项目', 'world'), 'Hello-,World,-项目');
  // Dashes and commas are syntax in a text directive, so they are encoded.
  assert.equal(e.excerpt(doc('甲-乙，丙'), '乙').fragment, '%E7%94%B2%2D-,%E4%B9%99,-%EF%BC%8C%E4%B8%99');
  assert.equal(e.excerpt(doc('正文'), '没有').fragment, '');
  assert.equal(e.fragmentUrl('/a/speeches/x/', '%E7%BB%B4'), '/a/speeches/x/#:~:text=%E7%BB%B4');
  assert.equal(e.fragmentUrl('/x/#top', 'a'), '/x/#:~:text=a');
  assert.equal(e.fragmentUrl('/x/', ''), '/x/');
});
