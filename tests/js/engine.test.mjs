// Unit tests of the search.js engine: the pieces that must agree byte for byte
// with src/search/{normalize,format,query}.rs (the same cases as their unit tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const e = createRequire(import.meta.url)(path.join(repo, 'themes/default/src/search.js'));

const s = (chars) => chars.join('');
// No folding: the tests of the other steps of normalisation.
const none = new Map();

function putVarint(out, value) {
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
}

test('normalisation folds width and case and separates punctuation', () => {
  assert.equal(s(e.normalize('ＧＤＰ增长２０３５，维护“权益”', none)), 'gdp增长2035 维护 权益 ');
  assert.equal(s(e.normalize('Ⅻ①㊿ｶﾞ', none)), 'xii150ガ');
  assert.equal(s(e.normalize('İ', none)), 'i ', 'a combining mark from lower-casing is a separator');
  assert.equal(s(e.normalize('a\u0301', none)), 'á', 'NFKC composes before classifying');
  assert.equal(s(e.normalize('Σ', none)), 'σ');
  assert.equal(s(e.normalize('😀x', none)), ' x', 'a symbol outside the BMP is one separator');
  assert.equal(e.normalize('𠀀', none).length, 1, 'characters count as code points');
});

test('the mapped normalisation (for excerpts) gives the same characters', () => {
  for (const x of ['ＧＤＰ增长２０３５，维护“权益”', 'Ⅻ①㊿ｶﾞ', 'İ', 'a\u0301', 'A\u0301 中\u0301。\u0301', '😀x𠀀', '〇々〆〡〸〻〼', '\u1100\u1161\u11a8가', '㈱（ＡＢＣ）']) {
    assert.deepEqual(e.normalizeMapped(x, none).chars, e.normalize(x, none), x);
  }
  const m = e.normalizeMapped('㈱Ａ', none);
  assert.deepEqual(m.chars, [' ', '株', ' ', 'a']);
  assert.deepEqual(m.starts, [0, 0, 0, 1]);
  assert.deepEqual(m.ends, [1, 1, 1, 2]);
});

test('format characters are removed, not separators (as normalize.rs does)', () => {
  const cases = [
    ['维\u200b护职工\u200d权益', '维护职工权益'],
    ['\ufeff合法\u00ad权益', '合法权益'],
    ['合\u202e法\u202c权\u2066益\u2069', '合法权益'],
    ['gdp\u2060增长\u200c\u200b', 'gdp增长'],
    ['e\u200b\u0301', 'é'],
  ];
  for (const [text, want] of cases) {
    assert.equal(s(e.normalize(text, none)), want, JSON.stringify(text));
    assert.deepEqual(e.normalizeMapped(text, none).chars, e.normalize(text, none), JSON.stringify(text));
  }
  assert.equal(e.terms('维\u200b护', none).length, 1);
  assert.deepEqual(e.terms('\u200b\ufeff\u00ad', none), []);
  // Offsets still point into the original text, around what was removed.
  const m = e.normalizeMapped('\u200b维\u200b护𠀀\u00ad', none);
  assert.deepEqual(m.chars, ['维', '护', '𠀀']);
  assert.deepEqual(m.starts, [1, 3, 4]);
  assert.deepEqual(m.ends, [2, 4, 6]);
});

test('query terms split on any separator, each once', () => {
  assert.deepEqual(e.terms('维护，权益 维护', none).map(s), ['维护', '权益']);
  assert.equal(e.terms('“维护权益”', none).length, 1);
  assert.deepEqual(e.terms('，。!', none), []);
  assert.deepEqual(e.terms('Ｈｅｌｌｏ World', none).map(s), ['hello', 'world']);
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

test('shards decode unigrams, then bigram and trigram positions across the segment', () => {
  const bytes = [];
  const v = (...values) => values.forEach((x) => putVarint(bytes, x));
  // An ideograph outside the table of the text code: two bytes.
  const ideograph = (c) => {
    const offset = c.codePointAt(0) - 0x4e00;
    bytes.push(160 + (offset >> 8), offset & 0xff);
  };
  // Two unigrams, 权 (U+6743) and 益 (U+76CA): speech gaps, count << 1 | in title, whole words.
  v(2);
  v(0x6743, 2, 0, 5, (3 << 1) | 1, 2 << 1, 1, 0); // speeches 0 and 5
  v(0x76ca - 0x6743, 1, 4, 1 << 1, 0);
  // Two bigrams, 权益 at positions 7 and 27 of the segment and 权责 (U+8D23) at 3.
  // The first character differs from the previous gram's (none: zeros), so the
  // second is in the text code; 责 follows the same first character, so it is
  // a difference. The count shares a number with how the flag planes are
  // stored: for 权益 start flags bit by bit (2), end flags all set (1).
  v(2);
  v(0x6743);
  ideograph('益');
  v((2 << 4) | (2 << 2) | 1, 7, 20);
  bytes.push(0b01);
  v(0, 0x8d23 - 0x76ca, 1 << 4, 3);
  // Trigrams run to the end: 权益保 at position 27 (保 is entry 43 of the table),
  // no flags; then 益损理 at 30 (理 is entry 19).
  v(0x6743);
  ideograph('益');
  bytes.push(43);
  v(1 << 4, 27);
  v(0x76ca - 0x6743);
  ideograph('损');
  bytes.push(19);
  v(1 << 4, 30);
  // Speech 0 takes positions 0–23, speech 1 starts at 24.
  const shard = e.decodeShard(Uint8Array.from(bytes), [0, 24]);
  assert.deepEqual(shard.get('权'), [
    [0, { tf: 3, inTitle: true, whole: 1 }],
    [5, { tf: 2, inTitle: false, whole: 0 }],
  ]);
  assert.deepEqual(shard.get('益'), [[4, { tf: 1, inTitle: false, whole: 0 }]]);
  assert.deepEqual(shard.get('权益'), [
    [0, { positions: [(7 << 2) | 3] }],
    [1, { positions: [(3 << 2) | 1] }],
  ]);
  assert.deepEqual(shard.get('权责'), [[0, { positions: [3 << 2] }]]);
  assert.deepEqual(shard.get('权益保'), [[1, { positions: [3 << 2] }]]);
  assert.deepEqual(shard.get('益损理'), [[1, { positions: [6 << 2] }]]);
  assert.throws(() => e.decodeShard(Uint8Array.from([1, 0x61, 1]), []), /ends early/);
});

test('stored speeches decode their fields from the text code', () => {
  const bytes = [];
  const text = (t) => {
    const codes = [];
    for (const c of t) {
      const cp = c.codePointAt(0);
      const i = ['，', '的', '\n', ' '].indexOf(c);
      if (i === 0) codes.push(0);
      else if (i === 1) codes.push(1);
      else if (cp >= 0x4e00 && cp <= 0x9fff) codes.push(160 + ((cp - 0x4e00) >> 8), (cp - 0x4e00) & 0xff);
      else if (cp < 13 * 256) codes.push(242 + (cp >> 8), cp & 0xff);
      else codes.push(255, cp >> 16, (cp >> 8) & 0xff, cp & 0xff);
    }
    putVarint(bytes, codes.length);
    bytes.push(...codes);
  };
  text('/s/x/');
  putVarint(bytes, 2);
  text('维权');
  text('基层建设');
  for (const field of ['讲话', '2014年', '张明', '', '', '京山', '', '工会', '同志们，😀的Ａ']) text(field);
  const doc = e.decodeStoredDoc(Uint8Array.from(bytes));
  assert.equal(doc.url, '/s/x/');
  assert.equal(doc.title, '讲话');
  assert.equal(doc.speaker, '张明');
  assert.deepEqual(doc.themes, ['维权', '基层建设']);
  assert.equal(doc.text, '讲话\n2014年\n张明\n\n\n京山\n\n维权 基层建设\n工会\n同志们，😀的Ａ');
  assert.deepEqual(doc.sections, []);

  // Sections after the body: a heading's line as a gap from the previous one's, and its id.
  bytes.length = 0;
  text('/s/x/');
  putVarint(bytes, 0);
  const body = '开头😀\n一、学习\n正文\n 二、落实 \n正文';
  for (const field of ['讲话', '2014年', '张明\n另起一行', '', '', '', '', '', body]) text(field);
  const fieldsEnd = bytes.length;
  putVarint(bytes, 2);
  putVarint(bytes, 1);
  text('一学习');
  putVarint(bytes, 2);
  text('二落实');
  const sectioned = e.decodeStoredDoc(Uint8Array.from(bytes));
  assert.deepEqual(
    sectioned.sections.map((s) => [s.id, s.title, sectioned.text.slice(s.start)]),
    [
      ['一学习', '一、学习', '一、学习\n正文\n 二、落实 \n正文'],
      ['二落实', '二、落实', ' 二、落实 \n正文'],
    ],
  );
  // A heading past the last line of the body is damage.
  bytes.length = fieldsEnd;
  putVarint(bytes, 1);
  putVarint(bytes, 5);
  text('x');
  assert.throws(() => e.decodeStoredDoc(Uint8Array.from(bytes)), /past the end of the body/);
});

test('the sections with matches: the most matches first, shown in the order of the text', () => {
  const text = doc('开头维护。\n一、学习\n维护\n二、落实\n正文\n三、维护权益\n维护维护');
  const sections = ['一、学习', '二、落实', '三、维护权益'].map((title, i) => ({
    id: 'h' + i,
    title,
    start: text.indexOf(title),
  }));
  const ex = e.excerpt(text, '维护', none);
  assert.equal(ex.at.length, 5);
  assert.deepEqual(ex.at, [...ex.at].sort((a, b) => a - b));
  const found = (limit) => e.matchedSections(sections, ex.at, limit).map((f) => [f.section.id, f.count]);
  // The match before the first heading belongs to no section; 二、落实 has none.
  assert.deepEqual(found(3), [['h0', 1], ['h2', 3]]);
  assert.deepEqual(found(1), [['h2', 3]]);
  assert.deepEqual(e.matchedSections([], ex.at, 3), []);
  assert.deepEqual(e.excerpt(text, '没有', none).at, []);
});

test('covers reach every character, with trigrams of split bigrams', () => {
  const cover = (term, split) => e.cover(Array.from(term), new Set(split));
  assert.deepEqual(cover('维护权', []), [[0, 2], [1, 2]]);
  assert.deepEqual(cover('维护权益', []), [[0, 2], [2, 2]]);
  assert.deepEqual(cover('维护合法权', []), [[0, 2], [2, 2], [3, 2]]);
  assert.deepEqual(cover('维护职工合法权益', []), [[0, 2], [2, 2], [4, 2], [6, 2]]);
  // The same cases as query.rs.
  assert.deepEqual(cover('规定或', ['规定']), [[0, 3]]);
  assert.deepEqual(cover('规定或者', ['规定', '或者']), [[0, 3], [2, 2]]);
  assert.deepEqual(cover('的规定', ['规定']), [[0, 2], [1, 2]]);
  assert.deepEqual(cover('依法规定或', ['规定']), [[0, 2], [2, 3]]);
  assert.deepEqual(cover('依法规定', ['法规']), [[0, 2], [2, 2]]);
  assert.deepEqual(cover('依法规定的', ['依法']), [[0, 3], [3, 2]]);
  assert.deepEqual(cover('依法规定', ['依法', '法规']), [[0, 3], [1, 3]]);
});

const doc = (body) => ['标题', '2014年', '张明', '', '', '', '', '维权', '', body].join('\n');

/** fold.bin's bytes for pairs [from, to] in code point order (format.rs encode_folding). */
function foldingBytes(pairs) {
  const bytes = [];
  putVarint(bytes, pairs.length);
  let previous = 0;
  for (const [from, to] of pairs) {
    const f = from.codePointAt(0);
    const d = to.codePointAt(0) - f;
    putVarint(bytes, f - previous);
    putVarint(bytes, d >= 0 ? 2 * d : -2 * d - 1);
    previous = f;
  }
  return Uint8Array.from(bytes);
}

// Pairs of OpenCC's table (the Rust tests check all of it), on both sides of
// their first character and outside the BMP.
const FOLDING = [['動', '动'], ['勞', '劳'], ['發', '发'], ['髮', '发'], ['𨋢', '𫐏']];

test('fold.bin decodes to a map of characters, and damage is an error', () => {
  const folding = e.decodeFolding(foldingBytes(FOLDING));
  assert.deepEqual([...folding], FOLDING);
  assert.deepEqual(e.decodeFolding(Uint8Array.from([0])), new Map());
  const bytes = foldingBytes(FOLDING);
  assert.throws(() => e.decodeFolding(bytes.subarray(0, bytes.length - 1)), /ends early/);
  assert.throws(() => e.decodeFolding(Uint8Array.from([...bytes, 0])), /after its last pair/);
  const varints = (...values) => {
    const out = [];
    values.forEach((v) => putVarint(out, v));
    return Uint8Array.from(out);
  };
  assert.throws(() => e.decodeFolding(varints(2, 0x52de, 2, 0, 2)), /not in order/, 'a character twice');
  assert.throws(() => e.decodeFolding(varints(1, 0xd800, 2)), /invalid character/, 'a surrogate');
  assert.throws(() => e.decodeFolding(varints(1, 0x41, 0x83)), /invalid character/, 'below zero');
  assert.throws(() => e.decodeFolding(foldingBytes([['勞', '勞']])), /itself/);
  assert.throws(() => e.decodeFolding(Uint8Array.from([0xff, 0xff, 0x03])), /more pairs/);
  assert.throws(() => e.normalize('勞動'), /folding/, 'normalising without a folding is a mistake');
});

test('folding is the last step, one character for one', () => {
  const folding = e.decodeFolding(foldingBytes(FOLDING));
  assert.equal(s(e.normalize('勞動，發展 头髮 𨋢', folding)), '劳动 发展 头发 𫐏');
  assert.deepEqual(e.terms('勞動 劳动', folding).map(s), ['劳动']);
  assert.equal(e.terms('勞動 劳动', none).length, 2);
  for (const x of ['勞動，發展', '勞́動', 'Ａ勞​動𨋢髮']) {
    assert.deepEqual(e.normalizeMapped(x, folding).chars, e.normalize(x, folding), x);
  }
  // Offsets are those of the text as written, and the excerpt shows it so.
  const m = e.normalizeMapped('開展勞動𨋢', folding);
  assert.deepEqual(m.chars, ['開', '展', '劳', '动', '𫐏']);
  assert.deepEqual(m.starts, [0, 1, 2, 3, 4]);
  assert.deepEqual(m.ends, [1, 2, 3, 4, 6]);
  const ex = e.excerpt(doc('我們要開展勞動競賽，劳动光荣。'), '劳动', folding);
  assert.equal(ex.match, '勞動');
  assert.deepEqual(ex.parts.filter((p) => p.mark).map((p) => p.text), ['勞動', '劳动']);
  assert.equal(decodeURIComponent(ex.fragment), '我們要開展勞動競賽,-，劳动光荣');
});

test('excerpts centre on the first match in the body and mark every occurrence', () => {
  const text = doc('前面' + '甲'.repeat(60) + '维护ＧＤＰ权益，再说维护。' + '乙'.repeat(60));
  const ex = e.excerpt(text, 'gdp 维护', none);
  assert.equal(ex.match, '维护');
  const marks = ex.parts.filter((p) => p.mark).map((p) => p.text);
  assert.deepEqual(marks, ['维护ＧＤＰ', '维护']);
  const shown = ex.parts.map((p) => p.text).join('');
  assert.ok(shown.startsWith('…' + '甲'.repeat(40)));
  assert.ok(shown.endsWith('乙'.repeat(40 - 'ＧＤＰ权益，再说维护。'.length) + '…'));
  assert.ok(!shown.includes('前面'));
});

test('excerpts prefer the body, and fall back to the fields', () => {
  const inTitle = e.excerpt(doc('正文提到标题。'), '标题', none);
  assert.deepEqual(inTitle.parts.map((p) => [p.text, p.mark]), [['正文提到', false], ['标题', true], ['。', false]]);
  const onlyField = e.excerpt(doc('正文。'), '张明', none);
  assert.equal(onlyField.match, '张明');
  const nothing = e.excerpt(doc('正文。'), '没有', none);
  assert.equal(nothing.match, '');
  assert.equal(nothing.parts.map((p) => p.text).join(''), '正文。');
});

test('excerpt offsets survive characters that normalise to several', () => {
  const text = doc('㈱公司与第①条：ＡＢＣ株式');
  const ex = e.excerpt(text, '1条 abc', none);
  assert.equal(ex.match, '①条');
  assert.deepEqual(ex.parts.filter((p) => p.mark).map((p) => p.text), ['①条', 'ＡＢＣ']);
});

test('a phrase with invisible characters in the text is found and marked whole', () => {
  const ex = e.excerpt(doc('我们要维\u200b护职工合\u00ad法权益。'), '维护职工合法权益', none);
  assert.equal(ex.match, '维\u200b护职工合\u00ad法权益');
  assert.deepEqual(ex.parts.filter((p) => p.mark).map((p) => p.text), ['维\u200b护职工合\u00ad法权益']);
});

test('result links carry a text directive for the passage', () => {
  const directive = (body, query) => decodeURIComponent(e.excerpt(doc(body), query, none).fragment);
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
  assert.equal(e.excerpt(doc('甲-乙，丙'), '乙', none).fragment, '%E7%94%B2%2D-,%E4%B9%99,-%EF%BC%8C%E4%B8%99');
  assert.equal(e.excerpt(doc('正文'), '没有', none).fragment, '');
  assert.equal(e.fragmentUrl('/a/speeches/x/', '%E7%BB%B4'), '/a/speeches/x/#:~:text=%E7%BB%B4');
  assert.equal(e.fragmentUrl('/x/#top', 'a'), '/x/#:~:text=a');
  assert.equal(e.fragmentUrl('/x/', ''), '/x/');
});
