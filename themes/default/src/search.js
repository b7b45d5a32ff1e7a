/* lectern search: the browser client of the index that `lectern build` writes
 * into search/. No dependencies. The theme ships it minified
 * (static/search/search.js, made by tools/search-js.mjs).
 *
 * Two parts:
 *  - the engine (no DOM): normalisation, the index files, matching and ranking.
 *    It mirrors src/search/{normalize,format,query}.rs step by step, so that the
 *    page and `lectern search` give the same results in the same order; the
 *    shared vectors in tests/search-vectors.json hold both to that.
 *    docs/search-format.md describes the files.
 *  - the search page UI (startUI), which runs only in a browser on a page with
 *    the #search container that templates/search.html renders.
 *
 * Opened from disk (file://, a copy made by `lectern build --offline`), the page
 * cannot fetch: it reads each index file from the script written beside it
 * (search/i/0-0.bin.js), and links to speeches name their index.html.
 *
 * In Node, `require('search.js')` returns the engine.
 */
(function (global) {
  'use strict';

  // This script's own address (it is ROOT/search/search.js): a copy read from
  // disk finds the rest of the site from it. Known only while it first runs.
  var scriptUrl = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : '';

  // ---------------------------------------------------------------- engine --

  // BEGIN shared with Rust: written by src/search/js.rs, do not edit (see there).
  /** The index format this engine reads (format.rs). */
  var FORMAT_VERSION = 7;
  /** A speech's length in docs.bin counts in these units. */
  var LEN_UNIT = 32;
  /** A title's end in docs.bin counts in these units. */
  var TITLE_UNIT = 32;
  /** A position starts a jieba word. */
  var FLAG_START = 2;
  /** A position ends a jieba word. */
  var FLAG_END = 1;
  /** BM25's term-frequency saturation (query.rs). */
  var K1 = 1.2;
  /** BM25's length normalisation (query.rs). */
  var B = 0.75;
  /** Bytes of one entry of a pack's directory (pack.rs). */
  var ENTRY_BYTES = 8;
  /** The largest part file a pack writes. */
  var MAX_PART_BYTES = 16777216;
  /** A stored speech's text: these fields, a line each, then the body. */
  var FIELDS_BEFORE_BODY = 9;
  /** The characters that stored text codes in one byte, in code order. */
  var TEXT_TABLE = Array.from("，的、\n。人第条法行和 定应十当民规政理管以有业会者关部；设一国用工务或）（门市二建机保生作地三本不员事公区主其在经制施产对责发等合为全动位处物府可单中进安资上五及实四出依大由水照护提方构级要院权监下证家通内体所自并委他时成同议任品查化年案得准划按展代期报审开改重组标件服表营职违项交共利款收情社六加立文分企据县防日办检");
  /** First byte of the two-byte codes of CJK ideographs. */
  var CJK_FIRST = 160;
  /** First byte of the two-byte codes below U+0D00. */
  var LOW_FIRST = 242;
  /** The byte before a code point written in three bytes. */
  var ESCAPE = 255;
  // END shared with Rust.

  var TEXT_CHAR = /^[\p{L}\p{N}]$/u;
  /** Format characters (zero-width spaces and joiners, the soft hyphen, the
   *  byte-order mark, bidirectional controls): invisible, so removed first. */
  var FORMAT_CHARS = /\p{Cf}/gu;
  var FORMAT_CHAR = /\p{Cf}/u;
  var NO_FOLDING = new Map();

  /** The folding of an index (search/fold.bin, see decodeFolding): a Map from
   *  a traditional character to its simplified form. `new Map()` folds nothing. */
  function checkFolding(folding) {
    if (!(folding instanceof Map)) throw new TypeError('normalising needs the folding of the index (a Map)');
    return folding;
  }

  /** Normalised text as an array of code points, separators kept as ' ':
   *  format characters removed, NFKC, then lower case per code point; letters
   *  and numbers are text, and folded with `folding` (traditional characters
   *  to simplified ones, one for one). */
  function normalize(text, folding) {
    checkFolding(folding);
    var out = [];
    for (var c of String(text).replace(FORMAT_CHARS, '').normalize('NFKC')) {
      for (var lower of c.toLowerCase()) {
        out.push(TEXT_CHAR.test(lower) ? folding.get(lower) || lower : ' ');
      }
    }
    return out;
  }

  /** The query's terms: its runs of text (arrays of code points), each once, in order. */
  function terms(query, folding) {
    var chars = normalize(query, folding);
    var out = [];
    var seen = new Set();
    var run = [];
    for (var i = 0; i <= chars.length; i++) {
      if (i === chars.length || chars[i] === ' ') {
        if (run.length) {
          var key = run.join('');
          if (!seen.has(key)) {
            seen.add(key);
            out.push(run);
          }
          run = [];
        }
      } else {
        run.push(chars[i]);
      }
    }
    return out;
  }

  var encoder = new TextEncoder();

  /** FNV-1a over the gram's UTF-8 bytes, modulo the number of buckets. */
  function bucketOf(gram, buckets) {
    var bytes = encoder.encode(gram);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0) % buckets;
  }

  /** Cursor over a decompressed index file; every read is bounds-checked. */
  function Reader(bytes) {
    this.bytes = bytes;
    this.at = 0;
  }
  Reader.prototype.done = function () {
    return this.at >= this.bytes.length;
  };
  /** LEB128: 7 bits a byte, low group first, high bit set on all but the last. */
  Reader.prototype.varint = function () {
    var value = 0;
    var shift = 0;
    for (;;) {
      if (this.at >= this.bytes.length) throw new Error('index file ends early');
      var byte = this.bytes[this.at++];
      if (shift > 28) throw new Error('index file has an overlong number');
      value = (value | ((byte & 0x7f) << shift)) >>> 0;
      if ((byte & 0x80) === 0) return value;
      shift += 7;
    }
  };
  Reader.prototype.bytesOf = function (len) {
    var end = this.at + len;
    if (end > this.bytes.length) throw new Error('index file ends early');
    var bytes = this.bytes.subarray(this.at, end);
    this.at = end;
    return bytes;
  };

  /** A string in the stored-text code: byte length, then a byte per table
   *  character, two per other CJK ideograph or code point below 3328, else
   *  255 and the code point in three bytes. */
  Reader.prototype.text = function () {
    var codes = new Reader(this.bytesOf(this.varint()));
    var out = '';
    while (!codes.done()) out += String.fromCodePoint(codes.codePoint());
    return out;
  };

  /** One character in the stored-text code, as a code point. */
  Reader.prototype.codePoint = function () {
    var first = this.bytesOf(1)[0];
    if (first < CJK_FIRST) return TEXT_TABLE[first].codePointAt(0);
    var cp;
    if (first < ESCAPE) {
      var base = first < LOW_FIRST ? 0x4e00 + ((first - CJK_FIRST) << 8) : (first - LOW_FIRST) << 8;
      cp = base | this.bytesOf(1)[0];
    } else {
      var b = this.bytesOf(3);
      cp = (b[0] << 16) | (b[1] << 8) | b[2];
    }
    return validCodePoint(cp);
  };

  /** Rust's char::from_u32: no surrogates, nothing above U+10FFFF. */
  function validCodePoint(cp) {
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new Error('index file has an invalid character');
    return cp;
  }

  /** The bytes of a base64 text (an index file read from disk, see startUI). */
  function base64Bytes(text) {
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /** Index files are gzip; a server may already have removed the compression
   *  (Content-Encoding), so bytes without the gzip magic pass through. */
  async function decompress(bytes) {
    if (!(bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)) return bytes;
    // Written and read directly: through a Blob's stream and a Response, one
    // small item took 4 ms in Chromium, this way 0.1 ms. Damaged data fails
    // the reads; the writer's own promises fail with them and are let go.
    var stream = new DecompressionStream('gzip');
    var writer = stream.writable.getWriter();
    writer.write(bytes).catch(function () {});
    writer.close().catch(function () {});
    var reader = stream.readable.getReader();
    var parts = [];
    var total = 0;
    for (;;) {
      var step = await reader.read();
      if (step.done) break;
      parts.push(step.value);
      total += step.value.length;
    }
    if (parts.length === 1) return parts[0];
    var out = new Uint8Array(total);
    var at = 0;
    for (var i = 0; i < parts.length; i++) {
      out.set(parts[i], at);
      at += parts[i].length;
    }
    return out;
  }

  /** fold.bin: the count, then per pair the gap from the previous pair's first
   *  code point (the first from 0) and the signed difference to its second
   *  (zigzag: 2d for d ≥ 0, else −2d − 1). Returns a Map of characters. */
  function decodeFolding(bytes) {
    var r = new Reader(bytes);
    var n = r.varint();
    if (n > bytes.length / 2) throw new Error('fold.bin: more pairs than the file can hold');
    var folding = new Map();
    var previous = 0;
    for (var i = 0; i < n; i++) {
      var gap = r.varint();
      if (gap === 0 && i > 0) throw new Error('fold.bin: the characters are not in order');
      var from = previous + gap;
      var zigzag = r.varint();
      var to = from + (zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2);
      if (to < 0) throw new Error('index file has an invalid character');
      validCodePoint(from);
      validCodePoint(to);
      if (from === to) throw new Error('fold.bin folds a character to itself');
      folding.set(String.fromCodePoint(from), String.fromCodePoint(to));
      previous = from;
    }
    if (!r.done()) throw new Error('fold.bin goes on after its last pair');
    return folding;
  }

  /** docs.bin, stored by column: the count, the years as (year, count) runs,
   *  then speaker, themes, len and title end for every speech in id order. */
  function decodeDocs(bytes) {
    var r = new Reader(bytes);
    var n = r.varint();
    var docs = new Array(n);
    var i = 0;
    for (var runs = r.varint(); runs > 0; runs--) {
      var year = r.varint();
      for (var count = r.varint(); count > 0; count--) docs[i++] = { year: year };
    }
    if (i !== n) throw new Error('docs.bin: the year runs do not add up');
    ['speaker', 'themes', 'len', 'titleEnd'].forEach(function (field) {
      for (var k = 0; k < n; k++) docs[k][field] = r.varint();
    });
    // Lengths and title ends are stored in units.
    for (var k = 0; k < n; k++) {
      docs[k].len *= LEN_UNIT;
      docs[k].titleEnd *= TITLE_UNIT;
    }
    return docs;
  }

  /** A shard: gram → [[local doc id, posting]], where a posting is
   *  {tf, inTitle, whole} for a unigram or {positions: [(pos << 2) | flags]} for
   *  a bigram or trigram. `starts` are where the segment's speeches start in its
   *  position space: positions count across the whole segment. */
  /** A shard's grams, each decoded when first asked for: a query needs one or
   *  two of the hundreds in a shard, so the others are only stepped over. */
  function Shard(bytes, starts) {
    this.bytes = bytes;
    this.starts = starts;
    this.at = new Map(); // gram → [offset of its postings, gram length]
    this.decoded = new Map();
  }
  Shard.prototype.get = function (gram) {
    if (this.decoded.has(gram)) return this.decoded.get(gram);
    var spot = this.at.get(gram);
    if (!spot) return undefined;
    var r = new Reader(this.bytes);
    r.at = spot[0];
    var list = spot[1] === 1 ? unigramPostings(r, r.varint()) : positionalPostings(r, this.starts);
    this.decoded.set(gram, list);
    return list;
  };

  /** Steps over `n` varints, checking only that the bytes are there. */
  Reader.prototype.skipVarints = function (n) {
    var bytes = this.bytes;
    while (n > 0) {
      if (this.at >= bytes.length) throw new Error('index file ends early');
      if ((bytes[this.at++] & 0x80) === 0) n--;
    }
  };

  function skipPostings(r, len) {
    if (len === 1) {
      r.skipVarints(3 * r.varint());
      return;
    }
    var header = r.varint();
    var n = header >>> 4;
    r.skipVarints(n);
    var planes = (((header >>> 2) & 3) === 2 ? 1 : 0) + ((header & 3) === 2 ? 1 : 0);
    r.bytesOf(planes * Math.ceil(n / 8));
  }

  function decodeShard(bytes, starts) {
    var r = new Reader(bytes);
    var shard = new Shard(bytes, starts);
    for (var len = 1; len <= 3; len++) {
      // Unigrams and bigrams are counted; trigrams run to the end.
      var count = len < 3 ? r.varint() : Infinity;
      var previous = [0, 0, 0];
      for (var read = 0; read < count && !(len === 3 && r.done()); read++) {
        // While the characters before it are the previous gram's, a character
        // is its difference from the previous gram's at its place; once one
        // differs, the rest are in the text code.
        var chars = [0, 0, 0];
        var same = true;
        for (var k = 0; k < len; k++) {
          chars[k] = same ? previous[k] + r.varint() : r.codePoint();
          same = same && chars[k] === previous[k];
        }
        previous = chars;
        shard.at.set(codePoints(chars.slice(0, len)), [r.at, len]);
        skipPostings(r, len);
      }
    }
    return shard;
  }

  function unigramPostings(r, n) {
    var docs = new Array(n);
    var doc = 0;
    for (var k = 0; k < n; k++) {
      doc += r.varint();
      docs[k] = [doc, null];
    }
    for (k = 0; k < n; k++) {
      var packed = r.varint();
      docs[k][1] = { tf: packed >>> 1, inTitle: (packed & 1) === 1, whole: 0 };
    }
    for (k = 0; k < n; k++) docs[k][1].whole = r.varint();
    return docs;
  }

  /** The number of positions with how each flag plane is stored, the positions
   *  across the segment, then the planes stored bit by bit; split by speech. */
  function positionalPostings(r, starts) {
    var header = r.varint();
    var n = header >>> 4;
    var positions = new Array(n);
    var position = 0;
    for (var j = 0; j < n; j++) {
      position += r.varint();
      if (position > 0xffffffff) throw new Error('index file has a number out of range');
      positions[j] = position;
    }
    var startFlags = readPlane(r, (header >>> 2) & 3, n);
    var endFlags = readPlane(r, header & 3, n);
    var list = [];
    // Positions ascend, so the speech whose span holds each one is found by
    // walking the starts along with them.
    var d = Math.max(lastAtMost(starts, n ? positions[0] : 0), 0);
    for (j = 0; j < n; j++) {
      while (d + 1 < starts.length && starts[d + 1] <= positions[j]) d++;
      var flags = (startFlags(j) ? FLAG_START : 0) | (endFlags(j) ? FLAG_END : 0);
      var local = ((positions[j] - (starts.length ? starts[d] : 0)) * 4 + flags) >>> 0;
      var last = list[list.length - 1];
      if (last && last[0] === d) last[1].positions.push(local);
      else list.push([d, { positions: [local] }]);
    }
    return list;
  }

  function codePoints(list) {
    return String.fromCodePoint.apply(null, list.map(validCodePoint));
  }

  /** One bit per position: 0 all clear, 1 all set, 2 stored a bit each (low bit first). */
  function readPlane(r, mode, n) {
    if (mode === 0) return function () { return false; };
    if (mode === 1) return function () { return true; };
    if (mode !== 2) throw new Error('index file has an unknown bit plane');
    var bits = r.bytesOf(Math.ceil(n / 8));
    return function (i) { return (bits[i >>> 3] & (1 << (i & 7))) !== 0; };
  }

  /** The index of the last element of an ascending array that is at most `value`, or −1. */
  function lastAtMost(sorted, value) {
    var lo = 0;
    var hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** A stored speech (search/d/): the URL, the theme names, then the other
   *  fields of the searchable text, which is rebuilt from them: title, date,
   *  speaker, role, occasion, place, organization, themes, tags, body, one a
   *  line; then, if the body has headings, its sections (see decodeSections). */
  function decodeStoredDoc(bytes) {
    var r = new Reader(bytes);
    var url = r.text();
    var themes = [];
    for (var k = r.varint(); k > 0; k--) themes.push(r.text());
    var fields = [];
    for (var i = 0; i < 10; i++) fields.push(i === 7 ? themes.join(' ') : r.text());
    var text = fields.join('\n');
    var body = text.length - fields[9].length;
    return {
      url: url,
      title: fields[0],
      date: fields[1],
      speaker: fields[2],
      role: fields[3],
      themes: themes,
      text: text,
      sections: r.done() ? [] : decodeSections(r, text, body),
    };
  }

  /** The sections of the body (`text` from `body`), one per heading: per
   *  heading, the gap in lines from the previous one, and its id on the page.
   *  [{id, title: its line, start: where that line starts in `text`}]; a
   *  section runs to the next one's start. */
  function decodeSections(r, text, body) {
    var sections = [];
    var at = body;
    for (var n = r.varint(); n > 0; n--) {
      for (var gap = r.varint(); gap > 0; gap--) {
        var next = text.indexOf('\n', at);
        if (next < 0) throw new Error('a section heading lies past the end of the body');
        at = next + 1;
      }
      var end = text.indexOf('\n', at);
      sections.push({ id: r.text(), title: text.slice(at, end < 0 ? text.length : end).trim(), start: at });
    }
    return sections;
  }

  /** Of `sections` (decodeSections), those holding some of the matches starting
   *  at `at` (ascending): [{section, count}], in order; at most `limit`, those
   *  with the most matches (the earlier of equals). */
  function matchedSections(sections, at, limit) {
    var found = [];
    var m = 0;
    sections.forEach(function (section, i) {
      var end = i + 1 < sections.length ? sections[i + 1].start : Infinity;
      var count = 0;
      for (; m < at.length && at[m] < end; m++) if (at[m] >= section.start) count++;
      if (count) found.push({ section: section, count: count });
    });
    // (The sort is stable.)
    var kept = found.slice().sort(function (a, b) { return b.count - a.count; }).slice(0, limit);
    return found.filter(function (f) { return kept.indexOf(f) >= 0; });
  }

  /** The grams that verify a term (an array of ≥ 3 characters) in a segment whose
   *  split bigrams are `split` (a Set), as [offset, length]: from the start, a
   *  trigram where the bigram there is split, else the bigram; a character left
   *  over at the end is covered by the trigram or, failing that, the bigram that
   *  ends the term. The last gram always ends the term. */
  function cover(term, split) {
    var len = term.length;
    var splits = function (at) { return split.has(term[at] + term[at + 1]); };
    var out = [];
    var at = 0;
    while (at + 2 <= len) {
      if (at + 3 <= len && splits(at)) {
        out.push([at, 3]);
        at += 3;
      } else {
        out.push([at, 2]);
        at += 2;
      }
    }
    if (at < len) out.push(splits(len - 3) ? [len - 3, 3] : [len - 2, 2]);
    return out;
  }

  var decoder = new TextDecoder('utf-8');

  function manifestPath() { return 'search/manifest.json'; }
  function docsPath() { return 'search/docs.bin'; }
  // Packs (see docs/search-format.md): a directory of 8-byte entries per segment,
  // pointing into parts; both are read with Range requests.
  function shardDirectoryPath(segment) { return 'search/i/' + segment + '.dir'; }
  function shardPartPath(segment, part) { return 'search/i/' + segment + '-' + part + '.bin'; }
  function storedDirectoryPath(segment) { return 'search/d/' + segment + '.dir'; }
  function storedPartPath(segment, part) { return 'search/d/' + segment + '-' + part + '.bin'; }
  // The same directories, compact: the items' lengths, read once there is time.
  function shardLengthsPath(segment) { return 'search/i/' + segment + '.len'; }
  function storedLengthsPath(segment) { return 'search/d/' + segment + '.len'; }

  /** Directory entries from the items' lengths, by the packing rule: items go
   *  end to end, and a new part starts where the next item would not fit. */
  function entriesFromLengths(bytes) {
    var r = new Reader(bytes);
    var entries = [];
    var part = -1;
    var used = 0;
    while (!r.done()) {
      var len = r.varint();
      if (len === 0) { entries.push({ part: 0, offset: 0, len: 0 }); continue; }
      if (part < 0 || used + len > MAX_PART_BYTES) { part++; used = 0; }
      entries.push({ part: part, offset: used, len: len });
      used += len;
    }
    return entries;
  }
  function foldingPath() { return 'search/fold.bin'; }

  function emptyResults() {
    return { hits: [], themes: new Map(), speakers: new Map(), years: new Map() };
  }

  /** The index of one built site. `fetchBytes(path)` returns the bytes (a
   *  Uint8Array) of a file under the site root, e.g. `search/manifest.json`;
   *  `fetchBytes(path, start, length)` returns that range of it, or the whole
   *  file when the server does not answer ranges (the index then slices it). */
  function Index(fetchBytes, manifest, docs, folding) {
    this.fetchBytes = fetchBytes;
    this.manifest = manifest;
    this.docs = docs;
    // The folding the texts were normalised with: queries and excerpts use it too.
    this.folding = folding;
    // Per segment, the bigrams that also have trigram postings.
    this.split = manifest.split.map(function (grams) { return new Set(grams); });
    this.shards = new Map(); // "segment-bucket" → Promise<shard>
    this.stored = new Map(); // id → Promise<stored doc>
    // Files a server sent whole instead of a range: path → Promise<bytes>.
    this.whole = new Map();
    this.rangeProbe = null;
    this.rangesIgnored = false;
    // Directory path → its entries, once its compact form has been read.
    this.directories = new Map();
    this.prefetching = null;
  }

  Index.open = async function (fetchBytes) {
    var manifestBytes = await fetchBytes(manifestPath());
    var manifest = JSON.parse(decoder.decode(manifestBytes));
    if (manifest.version !== FORMAT_VERSION) {
      throw new Error('the index has format ' + manifest.version + ', this page reads format ' + FORMAT_VERSION);
    }
    var read = async function (path, decode) {
      return decode(await decompress(await fetchBytes(path)));
    };
    var both = await Promise.all([read(docsPath(), decodeDocs), read(foldingPath(), decodeFolding)]);
    var docs = both[0];
    if (!Array.isArray(manifest.split) || manifest.split.length !== Math.ceil(docs.length / manifest.segment_size)) {
      throw new Error(manifestPath() + ' does not list the split bigrams of every segment');
    }
    return new Index(fetchBytes, manifest, docs, both[1]);
  };

  /** The query's terms, folded as the index was. */
  Index.prototype.terms = function (query) {
    return terms(query, this.folding);
  };

  /** An excerpt of a stored speech's text around the first match of the query (see excerpt). */
  Index.prototype.excerpt = function (text, query, radius) {
    return excerpt(text, query, this.folding, radius);
  };

  /** `length` bytes of a file from `start`. A server that ignores Range sends the
   *  whole file: it is kept, and later ranges of any file are cut from whole
   *  files, each fetched once. Until the first range has come back, the others
   *  wait for it, so that such a server is not asked for whole files at once. */
  Index.prototype.readRange = async function (path, start, length) {
    var self = this;
    if (!this.rangeProbe) {
      this.rangeProbe = this.fetchBytes(path, start, length).then(function (bytes) {
        if (bytes.length !== length) {
          self.rangesIgnored = true;
          self.whole.set(path, Promise.resolve(bytes));
        }
        return bytes;
      });
      this.rangeProbe.catch(function () { self.rangeProbe = null; });
      var first = await this.rangeProbe;
      if (!this.rangesIgnored) return first;
    } else {
      await this.rangeProbe;
      if (!this.rangesIgnored) return this.fetchBytes(path, start, length);
    }
    if (!this.whole.has(path)) {
      var promise = this.fetchBytes(path);
      promise.catch(function () { self.whole.delete(path); });
      this.whole.set(path, promise);
    }
    var file = await this.whole.get(path);
    if (file.length < start + length) throw new Error(path + ' ends early');
    return file.subarray(start, start + length);
  };

  /** Item `index` of a pack, decompressed: its directory entry (from the
   *  directory read whole, else an 8-byte range), then its bytes. */
  Index.prototype.readPacked = async function (directory, partPath, index) {
    var part, offset, length;
    var known = this.directories.get(directory);
    if (known && index < known.length) {
      part = known[index].part; offset = known[index].offset; length = known[index].len;
    } else {
      var entry = await this.readRange(directory, index * ENTRY_BYTES, ENTRY_BYTES);
      var view = new DataView(entry.buffer, entry.byteOffset, ENTRY_BYTES);
      var place = view.getUint32(0, true);
      part = place >>> 24; offset = place & 0xffffff; length = view.getUint32(4, true);
    }
    if (length === 0) return new Uint8Array(0);
    return decompress(await this.readRange(partPath(part), offset, length));
  };

  /** Reads every directory in its compact form, so that later queries go
   *  straight to the items: call it when the page has time, after the first
   *  results are shown. Failures only leave the directories to ranges. */
  Index.prototype.prefetchDirectories = function () {
    var self = this;
    if (this.prefetching) return this.prefetching;
    var loads = [];
    for (var segment = 0; segment < this.segments(); segment++) {
      [[shardDirectoryPath(segment), shardLengthsPath(segment)],
        [storedDirectoryPath(segment), storedLengthsPath(segment)]].forEach(function (paths) {
        loads.push(self.fetchBytes(paths[1]).then(decompress).then(function (bytes) {
          self.directories.set(paths[0], entriesFromLengths(bytes));
        }).catch(function () {}));
      });
    }
    this.prefetching = Promise.all(loads);
    return this.prefetching;
  };

  /** A stored speech: {url, title, date, speaker, themes, text}. */
  Index.prototype.storedDoc = function (id) {
    var self = this;
    if (!this.stored.has(id)) {
      var size = this.manifest.segment_size;
      var segment = Math.floor(id / size);
      var promise = this.readPacked(storedDirectoryPath(segment), function (part) {
        return storedPartPath(segment, part);
      }, id % size).then(decodeStoredDoc);
      promise.catch(function () { self.stored.delete(id); });
      this.stored.set(id, promise);
    }
    return this.stored.get(id);
  };

  /** Where each speech of a segment starts in the segment's position space:
   *  each takes its length rounded up to LEN_UNIT, as docs.bin gives it. */
  Index.prototype.starts = function (segment) {
    var size = this.manifest.segment_size;
    var out = [];
    var next = 0;
    for (var id = segment * size; id < Math.min(this.docs.length, (segment + 1) * size); id++) {
      out.push(next);
      next += this.docs[id].len;
    }
    return out;
  };

  Index.prototype.segments = function () {
    return Math.ceil(this.docs.length / this.manifest.segment_size);
  };

  Index.prototype.shard = function (segment, bucket) {
    var key = segment + '-' + bucket;
    var self = this;
    if (!this.shards.has(key)) {
      var directory = shardDirectoryPath(segment);
      var promise = this.readPacked(directory, function (part) {
        return shardPartPath(segment, part);
      }, bucket).then(function (bytes) {
        try {
          return decodeShard(bytes, self.starts(segment));
        } catch (e) {
          throw new Error('the shard of bucket ' + bucket + ' in ' + directory + ' is damaged: ' + e.message);
        }
      });
      promise.catch(function () { self.shards.delete(key); });
      this.shards.set(key, promise);
    }
    return this.shards.get(key);
  };

  /** A gram's postings in one segment, with the segment's speech numbers. */
  Index.prototype.postings = async function (gram, segment) {
    var shard = await this.shard(segment, bucketOf(gram, this.manifest.buckets));
    return shard.get(gram) || [];
  };

  /** Speeches whose normalised text contains the term: Map id → {tf, whole, inTitle}, ascending ids. */
  Index.prototype.matchTerm = async function (term) {
    var self = this;
    var docs = this.docs;
    var size = this.manifest.segment_size;
    var fetchGrams = function (grams, segment) {
      return Promise.all(grams.map(function (g) {
        return self.postings(term.slice(g[0], g[0] + g[1]).join(''), segment);
      }));
    };
    // Fetch every shard the term needs at once; then match exactly as query.rs does.
    var perSegment = [];
    for (var segment = 0; segment < this.segments(); segment++) {
      var grams = term.length <= 2 ? [[0, term.length]] : cover(term, this.split[segment]);
      perSegment.push({ grams: grams, lists: fetchGrams(grams, segment) });
    }
    var found = new Map();
    for (segment = 0; segment < perSegment.length; segment++) {
      var base = segment * size;
      var grams2 = perSegment[segment].grams;
      var all = await perSegment[segment].lists;
      if (term.length <= 2) {
        var list = all[0];
        for (var i = 0; i < list.length; i++) {
          var doc = base + list[i][0];
          var posting = list[i][1];
          var m;
          if (posting.positions === undefined) {
            m = { tf: posting.tf, whole: posting.whole, inTitle: posting.inTitle };
          } else {
            var positions = posting.positions;
            var whole = 0;
            for (var k = 0; k < positions.length; k++) {
              if ((positions[k] & 3) === (FLAG_START | FLAG_END)) whole++;
            }
            m = {
              tf: positions.length,
              whole: whole,
              inTitle: positions.length > 0 && positions[0] >>> 2 < docs[doc].titleEnd,
            };
          }
          found.set(doc, m);
        }
        continue;
      }
      var lists = [];
      for (var g = 0; g < all.length; g++) {
        var byDoc = new Map();
        for (var j = 0; j < all[g].length; j++) {
          if (all[g][j][1].positions !== undefined) byDoc.set(all[g][j][0], all[g][j][1].positions);
        }
        if (byDoc.size === 0) break;
        lists.push(byDoc);
      }
      if (lists.length < grams2.length) continue;
      matchCover(grams2, lists, base, docs, found);
    }
    return sortById(found);
  };

  /** Occurrences where every gram of the cover sits at its offset, per speech. */
  function matchCover(grams, lists, base, docs, found) {
    var first = lists[0];
    var rest = lists.slice(1);
    first.forEach(function (starts, local) {
      var others = [];
      for (var r = 0; r < rest.length; r++) {
        var l = rest[r].get(local);
        if (l === undefined) return;
        others.push(l);
      }
      var titleEnd = docs[base + local].titleEnd;
      var tf = 0;
      var whole = 0;
      var inTitle = false;
      for (var s = 0; s < starts.length; s++) {
        var packed = starts[s];
        var p = packed >>> 2;
        // The flags of the gram that ends the term.
        var endFlags = packed & 3;
        var allThere = true;
        for (var o = 1; o < grams.length; o++) {
          var list = others[o - 1];
          var at = findPosition(list, (p + grams[o][0]) >>> 0);
          if (at < 0) {
            allThere = false;
            break;
          }
          endFlags = list[at] & 3;
        }
        if (allThere) {
          tf++;
          if ((packed & FLAG_START) !== 0 && (endFlags & FLAG_END) !== 0) whole++;
          inTitle = inTitle || p < titleEnd;
        }
      }
      if (tf > 0) found.set(base + local, { tf: tf, whole: whole, inTitle: inTitle });
    });
  }

  function sortById(map) {
    return new Map(Array.from(map.entries()).sort(function (a, b) { return a[0] - b[0]; }));
  }

  /** Binary search for a position in packed, ascending `(position << 2) | flags`. */
  function findPosition(list, want) {
    var lo = 0;
    var hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      var q = list[mid] >>> 2;
      if (q === want) return mid;
      if (q < want) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Runs a query: {text, theme (slug or name), speaker, year, order: 'relevance' | 'date'}.
   *  Returns {hits: [{id, titleMatch, score}], themes, speakers, years} where the
   *  last three are Maps (slug / name / year → count) over the query's results
   *  with the other filters applied. */
  Index.prototype.search = async function (query) {
    var ts = this.terms(query.text || '');
    if (ts.length === 0 || this.docs.length === 0) return emptyResults();
    var matches = [];
    for (var t = 0; t < ts.length; t++) {
      var found = await this.matchTerm(ts[t]);
      if (found.size === 0) return emptyResults();
      matches.push(found);
    }
    var n = this.docs.length;
    var avgLen = Math.max(this.manifest.avg_len, 1.0);
    var docs = this.docs;
    var all = [];
    var idfs = matches.map(function (m) {
      var df = m.size;
      return Math.log(1.0 + (n - df + 0.5) / (df + 0.5));
    });
    // The terms' scores are added in order from 0, as query.rs adds them, so
    // both give the same floating-point sum. (This loop runs for thousands of
    // speeches on a page whose code is not yet optimised: it makes no arrays
    // or closures per speech.)
    var termCount = matches.length;
    matches[0].forEach(function (m0, doc) {
      var len = docs[doc].len;
      var norm = K1 * (1.0 - B + (B * len) / avgLen);
      var score = 0;
      var inTitle = true;
      for (var k = 0; k < termCount; k++) {
        var m = k === 0 ? m0 : matches[k].get(doc);
        if (m === undefined) return;
        // A whole jieba word counts twice: once as characters, once as a word.
        var tf = m.tf + m.whole;
        score += (idfs[k] * tf * (K1 + 1.0)) / (tf + norm);
        inTitle = inTitle && m.inTitle;
      }
      all.push({ id: doc, titleMatch: inTitle, score: Math.round(score * 1e6) / 1e6 });
    });
    return this.filterAndRank(all, query);
  };

  function given(value) {
    return value !== null && value !== undefined;
  }

  Index.prototype.filterAndRank = function (all, query) {
    var manifest = this.manifest;
    var docs = this.docs;
    var themeBit = null;
    if (given(query.theme)) {
      var ti = manifest.themes.findIndex(function (t) { return t.slug === query.theme || t.name === query.theme; });
      themeBit = ti < 0 ? 0 : 1 << ti;
    }
    var speakerId = null;
    if (given(query.speaker)) {
      var si = manifest.speakers.indexOf(query.speaker);
      speakerId = si < 0 ? 0xffffffff : si + 1;
    }
    var year = given(query.year) ? Number(query.year) : null;
    // Each facet counts the results with the other filters applied; counted
    // by number first, named at the end.
    var themeCount = manifest.themes.length;
    var themeCounts = new Int32Array(themeCount);
    var speakerCounts = new Int32Array(manifest.speakers.length + 1);
    var yearCounts = new Map();
    var hits = [];
    for (var h = 0; h < all.length; h++) {
      var d = docs[all[h].id];
      var themeOk = themeBit === null || (d.themes & themeBit) !== 0;
      var speakerOk = speakerId === null || d.speaker === speakerId;
      var yearOk = year === null || d.year === year;
      if (speakerOk && yearOk && d.themes !== 0) {
        for (var i = 0; i < themeCount; i++) {
          if ((d.themes & (1 << i)) !== 0) themeCounts[i]++;
        }
      }
      if (themeOk && yearOk) speakerCounts[d.speaker]++;
      // A page of the site that is not a speech has year 0: no year.
      if (themeOk && speakerOk && d.year > 0) yearCounts.set(d.year, (yearCounts.get(d.year) || 0) + 1);
      if (themeOk && speakerOk && yearOk) hits.push(all[h]);
    }
    var results = emptyResults();
    for (var ti2 = 0; ti2 < themeCount; ti2++) {
      if (themeCounts[ti2] > 0) results.themes.set(manifest.themes[ti2].slug, themeCounts[ti2]);
    }
    for (var sp = 1; sp < speakerCounts.length; sp++) {
      if (speakerCounts[sp] > 0) results.speakers.set(manifest.speakers[sp - 1], speakerCounts[sp]);
    }
    results.years = yearCounts;
    // Ids run oldest first, in the archive's date order: newest first is highest id first.
    var newer = function (a, b) { return b.id - a.id; };
    var byScore = function (a, b) { return b.score > a.score ? 1 : b.score < a.score ? -1 : 0; };
    hits.sort(function (a, b) {
      if (query.order === 'date') return newer(a, b) || byScore(a, b);
      return (b.titleMatch - a.titleMatch) || byScore(a, b) || newer(a, b);
    });
    results.hits = hits;
    return results;
  };

  // ------------------------------------------------------------- excerpts --

  /** Normalised text with, for each normalised character, the range of the
   *  original text (UTF-16 offsets) it came from. Normalises a base character
   *  with its combining marks at a time, which for real text gives the same
   *  characters as normalising the whole string. Folding is one character for
   *  one, so the ranges are those of the characters as written. */
  function normalizeMapped(text, folding) {
    checkFolding(folding);
    if (!FORMAT_CHAR.test(text)) return normalizeMappedVisible(text, folding);
    // Map the text without its format characters, then the offsets back.
    var visible = '';
    var origin = [];
    for (var at = 0; at < text.length; at++) {
      var code = text.charCodeAt(at);
      var width = code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? 2 : 1;
      var c = text.substr(at, width);
      if (!FORMAT_CHAR.test(c)) {
        visible += c;
        origin.push(at);
        if (width === 2) origin.push(at + 1);
      }
      at += width - 1;
    }
    var mapped = normalizeMappedVisible(visible, folding);
    return {
      chars: mapped.chars,
      starts: mapped.starts.map(function (s) { return origin[s]; }),
      ends: mapped.ends.map(function (e) { return origin[e - 1] + 1; }),
    };
  }

  /** normalizeMapped of a text without format characters. */
  function normalizeMappedVisible(text, folding) {
    var chars = [];
    var starts = [];
    var ends = [];
    var cluster = /[\u1100-\u115f]+[\u1160-\u11ff]*|\P{M}[\p{M}\uff9e\uff9f]*|[\p{M}\uff9e\uff9f]+/uy;
    var n = text.length;
    var at = 0;
    while (at < n) {
      var code = text.charCodeAt(at);
      var next = at + 1 < n ? text.charCodeAt(at + 1) : 0;
      // Fast path: a CJK ideograph or an ASCII letter or digit, not followed by
      // anything that could combine with it, normalises to itself (lower-cased).
      if (next < 0x300 || (next >= 0x3000 && next <= 0x9fff)) {
        if (code >= 0x4e00 && code <= 0x9fff) {
          var c0 = text.charAt(at);
          chars.push(folding.get(c0) || c0);
        } else if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
          chars.push(text.charAt(at));
        } else if (code >= 0x41 && code <= 0x5a) {
          chars.push(String.fromCharCode(code + 32));
        } else if (code < 0x80 || (code >= 0x3000 && code <= 0x303f && code !== 0x3005 && code !== 0x3006 && code !== 0x3007 && !(code >= 0x3021 && code <= 0x3029) && !(code >= 0x3031 && code <= 0x3035) && !(code >= 0x3038 && code <= 0x303c))) {
          // ASCII punctuation and space, CJK punctuation: separators.
          chars.push(' ');
        } else {
          code = -1;
        }
        if (code >= 0) {
          starts.push(at);
          ends.push(at + 1);
          at++;
          continue;
        }
      }
      cluster.lastIndex = at;
      var match = cluster.exec(text);
      var end = at + match[0].length;
      for (var c of match[0].normalize('NFKC')) {
        for (var lower of c.toLowerCase()) {
          chars.push(TEXT_CHAR.test(lower) ? folding.get(lower) || lower : ' ');
          starts.push(at);
          ends.push(end);
        }
      }
      at = end;
    }
    return { chars: chars, starts: starts, ends: ends };
  }

  /** Occurrences of the terms in normalised characters: [start, end) pairs, sorted. */
  function occurrences(chars, queryTerms) {
    var found = [];
    for (var t = 0; t < queryTerms.length; t++) {
      var term = queryTerms[t];
      var first = term[0];
      for (var i = 0; i + term.length <= chars.length; i++) {
        if (chars[i] !== first) continue;
        var k = 1;
        while (k < term.length && chars[i + k] === term[k]) k++;
        if (k === term.length) found.push([i, i + term.length]);
      }
    }
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    return found;
  }

  /** The speech's searchable text is its fields, one a line, the body last
   *  (normalize.rs search_fields): title, date, speaker, role, occasion, place,
   *  organization, themes, tags, body. Excerpts prefer matches in the body. */
  function bodyStart(text) {
    var at = -1;
    for (var i = 0; i < FIELDS_BEFORE_BODY; i++) {
      at = text.indexOf('\n', at + 1);
      if (at < 0) return 0;
    }
    return at + 1;
  }

  /** An excerpt of a stored speech's text around the first match of the query
   *  (a string, or its terms), both folded with `folding`:
   *  {parts: [{text, mark}], match: the original text of that match, or '' when
   *  nothing matches, fragment: a text directive for it (see textDirective),
   *  at: where every match starts in `text`, ascending}.
   *  The parts are the text as written: a traditional match of a simplified
   *  query is marked in its traditional characters.
   *  `radius` is the context kept either side, in characters. */
  function excerpt(text, query, folding, radius) {
    if (radius === undefined) radius = 40;
    text = String(text);
    var queryTerms = Array.isArray(query) ? query : terms(query, folding);
    var mapped = normalizeMapped(text, folding);
    var found = occurrences(mapped.chars, queryTerms);
    var body = bodyStart(text);
    var anchor = null;
    for (var i = 0; i < found.length; i++) {
      if (mapped.starts[found[i][0]] >= body) {
        anchor = found[i];
        break;
      }
    }
    // With a match in the body, the excerpt shows only the body.
    var floor = anchor === null ? 0 : body;
    if (anchor === null && found.length) anchor = found[0];
    if (anchor === null) {
      var end = forwardChars(text, body, 2 * radius);
      var plain = clean(text.slice(body, end)) + (end < text.length ? '…' : '');
      return { parts: [{ text: plain, mark: false }], match: '', fragment: '', at: [] };
    }
    var matchStart = mapped.starts[anchor[0]];
    var matchEnd = mapped.ends[anchor[1] - 1];
    var from = Math.max(floor, backChars(text, matchStart, radius));
    var to = forwardChars(text, matchEnd, radius);
    // Marked ranges inside the window, merged where they overlap.
    var marks = [];
    for (var j = 0; j < found.length; j++) {
      var s = mapped.starts[found[j][0]];
      var e = mapped.ends[found[j][1] - 1];
      if (s < from || e > to) continue;
      var last = marks[marks.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else marks.push([s, e]);
    }
    var parts = [];
    var at = from;
    var push = function (piece, mark) {
      if (piece) parts.push({ text: mark ? piece : clean(piece), mark: mark });
    };
    if (from > floor) parts.push({ text: '…', mark: false });
    for (var m = 0; m < marks.length; m++) {
      push(text.slice(at, marks[m][0]), false);
      push(text.slice(marks[m][0], marks[m][1]), true);
      at = marks[m][1];
    }
    push(text.slice(at, to), false);
    if (to < text.length) parts.push({ text: '…', mark: false });
    return {
      parts: parts,
      match: text.slice(matchStart, matchEnd),
      fragment: textDirective(text, mapped, anchor),
      at: found.map(function (f) { return mapped.starts[f[0]]; }),
    };
  }

  function clean(text) {
    return text.replace(/\s+/g, ' ');
  }

  function isLow(code) {
    return code >= 0xdc00 && code <= 0xdfff;
  }
  function backChars(text, at, n) {
    while (n-- > 0 && at > 0) {
      at--;
      if (at > 0 && isLow(text.charCodeAt(at))) at--;
    }
    return at;
  }
  function forwardChars(text, at, n) {
    while (n-- > 0 && at < text.length) {
      at++;
      if (at < text.length && isLow(text.charCodeAt(at))) at++;
    }
    return at;
  }

  /** The text directive that finds a match on the speech's page:
   *  `[prefix-,]run[,-suffix]`, each part percent-encoded.
   *  A text fragment only matches whole words, and browsers find words in Chinese
   *  with a dictionary, so the matched characters alone (合法权, or 段简 in 一段简短)
   *  often find nothing; and their first occurrence on the page may be elsewhere
   *  (the title, the search box's placeholder). So the directive names the whole
   *  run of text around the match, which starts and ends at separators (always
   *  word boundaries), with the neighbouring runs on the same line as prefix and
   *  suffix to pick out the passage. */
  var WORD_JOINER = /^[.,:;'\u2018\u2019\u00b7\u2024\u2027\uff0e\uff0c\uff1a\uff1b\uff07\ufe50\ufe52\ufe54\ufe55]$/;
  var ALPHANUMERIC = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}]$/u;

  function textDirective(text, mapped, anchor) {
    var chars = mapped.chars;
    // A separator, unless word breaking joins across it (5.2, U.S., 1,000, don't).
    var isSep = function (i) {
      if (chars[i] !== ' ') return false;
      return !(
        i > 0 && i + 1 < chars.length &&
        ALPHANUMERIC.test(chars[i - 1]) && ALPHANUMERIC.test(chars[i + 1]) &&
        WORD_JOINER.test(text.slice(mapped.starts[i], mapped.ends[i]))
      );
    };
    var runStart = anchor[0];
    while (runStart > 0 && !isSep(runStart - 1)) runStart--;
    var runEnd = anchor[1];
    while (runEnd < chars.length && !isSep(runEnd)) runEnd++;
    var from = mapped.starts[runStart];
    var to = mapped.ends[runEnd - 1];
    var prefix = '';
    var p = runStart;
    while (p > 0 && isSep(p - 1)) p--;
    if (p > 0) {
      while (p > 0 && !isSep(p - 1)) p--;
      var before = text.slice(mapped.starts[p], from);
      if (before.indexOf('\n') < 0) prefix = before.replace(/\s+$/, '');
    }
    var suffix = '';
    var q = runEnd;
    while (q < chars.length && isSep(q)) q++;
    if (q < chars.length) {
      while (q < chars.length && !isSep(q)) q++;
      var after = text.slice(to, mapped.ends[q - 1]);
      if (after.indexOf('\n') < 0) suffix = after.replace(/^\s+/, '');
    }
    var enc = function (piece) { return encodeURIComponent(piece).replace(/-/g, '%2D'); };
    return (prefix ? enc(prefix) + '-,' : '') + enc(text.slice(from, to)) + (suffix ? ',-' + enc(suffix) : '');
  }

  /** A link to the speech that, where the browser supports text fragments,
   *  scrolls to and highlights the matched passage. */
  function fragmentUrl(url, fragment) {
    if (!fragment) return url;
    return url.replace(/#.*$/, '') + '#:~:text=' + fragment;
  }

  var engine = {
    FORMAT_VERSION: FORMAT_VERSION,
    FLAG_START: FLAG_START,
    FLAG_END: FLAG_END,
    K1: K1,
    B: B,
    normalize: normalize,
    terms: terms,
    bucketOf: bucketOf,
    Reader: Reader,
    decompress: decompress,
    decodeDocs: decodeDocs,
    decodeFolding: decodeFolding,
    decodeShard: decodeShard,
    decodeStoredDoc: decodeStoredDoc,
    matchedSections: matchedSections,
    cover: cover,
    shardDirectoryPath: shardDirectoryPath,
    storedDirectoryPath: storedDirectoryPath,
    entriesFromLengths: entriesFromLengths,
    ENTRY_BYTES: ENTRY_BYTES,
    Index: Index,
    normalizeMapped: normalizeMapped,
    excerpt: excerpt,
    textDirective: textDirective,
    fragmentUrl: fragmentUrl,
  };

  if (typeof module === 'object' && module && module.exports) {
    module.exports = engine;
  } else {
    global.lecternSearch = engine;
  }

  // -------------------------------------------------------------------- UI --

  var PAGE = 10;
  // Options of a filter listed before "more".
  var FACET_SHOWN = 8;
  // Sections of a result listed under it.
  var SECTIONS_SHOWN = 3;
  var DEBOUNCE_MS = 150;

  function startUI(document, window) {
    var root = document.getElementById('search');
    if (!root) return;
    var input = document.getElementById('search-input');
    var form = input && input.form;
    var filtersEl = document.getElementById('search-filters');
    var statusEl = document.getElementById('search-status');
    var resultsEl = document.getElementById('search-results');
    if (!input || !filtersEl || !statusEl || !resultsEl) return;

    var basePath = root.getAttribute('data-base-path') || '/';
    if (basePath.charAt(basePath.length - 1) !== '/') basePath += '/';
    var t = function (key) {
      var value = root.getAttribute('data-t-' + key);
      return value === null ? '' : value;
    };

    // A copy opened from disk: index files come from scripts, links name index.html.
    var siteRoot = window.location.protocol === 'file:' && scriptUrl ? new URL('../', scriptUrl).href : null;
    var pageUrl = function (url) {
      if (!siteRoot) return url;
      var rel = url.indexOf(basePath) === 0 ? url.slice(basePath.length) : url.replace(/^\/+/, '');
      if (rel === '' || rel.charAt(rel.length - 1) === '/') rel += 'index.html';
      return siteRoot + rel;
    };
    var fromDisk = new Map();
    var readFromDisk = function (path) {
      if (!fromDisk.has(path)) {
        var promise = new Promise(function (resolve, reject) {
          var script = document.createElement('script');
          script.src = siteRoot + path + '.js';
          script.onload = function () {
            var files = window.lecternSearchFiles || {};
            var data = files[path];
            delete files[path];
            script.remove();
            if (typeof data === 'string') resolve(base64Bytes(data));
            else reject(new Error(path + '.js does not hold ' + path));
          };
          script.onerror = function () {
            script.remove();
            reject(new Error(path + '.js cannot be read: open a copy made with `lectern build --offline`'));
          };
          document.head.appendChild(script);
        });
        promise.catch(function () { fromDisk.delete(path); });
        fromDisk.set(path, promise);
      }
      return fromDisk.get(path);
    };

    var fetchBytes = siteRoot ? async function (path, start, length) {
      var bytes = await readFromDisk(path);
      return start === undefined ? bytes : bytes.subarray(start, start + length);
    } : async function (path, start, length) {
      var init = start === undefined ? undefined
        : { headers: { Range: 'bytes=' + start + '-' + (start + length - 1) } };
      var response = await window.fetch(basePath + path, init);
      if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
      if (init && response.status !== 206 && window.console) {
        console.warn('lectern search: the server ignores Range requests, so the search reads whole index files (' + path + ')');
      }
      return new Uint8Array(await response.arrayBuffer());
    };
    var indexPromise = null;
    var getIndex = function () {
      if (!indexPromise) {
        indexPromise = Index.open(fetchBytes);
        indexPromise.catch(function () { indexPromise = null; });
      }
      return indexPromise;
    };

    var params = new URLSearchParams(window.location.search);
    var state = {
      q: params.get('q') || '',
      theme: params.get('theme') || null,
      speaker: params.get('speaker') || null,
      year: /^\d+$/.test(params.get('year') || '') ? Number(params.get('year')) : null,
      order: params.get('sort') === 'date' ? 'date' : 'relevance',
      shown: PAGE,
    };
    input.value = state.q;

    var generation = 0;
    var current = null; // {index, results, terms}
    var timer = null;

    var el = function (tag, className, text) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined && text !== null) node.textContent = String(text);
      return node;
    };

    var updateUrl = function () {
      var p = new URLSearchParams();
      if (state.q) p.set('q', state.q);
      if (state.theme !== null) p.set('theme', state.theme);
      if (state.speaker !== null) p.set('speaker', state.speaker);
      if (state.year !== null) p.set('year', String(state.year));
      if (state.order === 'date') p.set('sort', 'date');
      var qs = p.toString();
      var url = window.location.pathname + (qs ? '?' + qs : '') + window.location.hash;
      try {
        window.history.replaceState(window.history.state, '', url);
      } catch (e) {
        /* file:// or a sandboxed frame: the URL just does not follow */
      }
    };

    var clear = function (node) {
      while (node.firstChild) node.removeChild(node.firstChild);
    };
    var removeMore = function () {
      var more = root.querySelector('.search-more');
      if (more) more.parentNode.removeChild(more);
    };

    // The results are busy from the keystroke until the last query's results
    // are shown, waiting for a pause in typing included.
    var settle = function () {
      if (timer === null) root.removeAttribute('aria-busy');
    };

    var run = async function () {
      var gen = ++generation;
      // Whether there is anything to search for does not depend on folding.
      if (terms(state.q, NO_FOLDING).length === 0) {
        current = null;
        clear(resultsEl);
        clear(filtersEl);
        removeMore();
        // Typed, but only punctuation, symbols or invisible characters: say
        // so, rather than "nothing found" or nothing at all.
        var typed = state.q.trim() !== '' || FORMAT_CHAR.test(state.q);
        statusEl.textContent = typed ? t('no-terms') : '';
        settle();
        updateUrl();
        return;
      }
      root.setAttribute('aria-busy', 'true');
      if (!indexPromise) statusEl.textContent = t('loading');
      var index;
      var results;
      try {
        index = await getIndex();
        results = await index.search({
          text: state.q,
          theme: state.theme,
          speaker: state.speaker,
          year: state.year,
          order: state.order,
        });
      } catch (e) {
        if (gen !== generation) return;
        settle();
        statusEl.textContent = t('error');
        if (window.console) window.console.error(e);
        updateUrl();
        return;
      }
      if (gen !== generation) return;
      current = { index: index, results: results, terms: index.terms(state.q) };
      // The filters are drawn with the first result, so that the page is
      // laid out once for both.
      await renderResults(gen, false, renderFilters);
      if (gen !== generation) return;
      settle();
      // The address follows the query once its results are shown: replacing
      // it takes the browser several milliseconds.
      updateUrl();
      // With the first results shown, read the directories for the next query.
      (window.requestIdleCallback || window.setTimeout)(function () { index.prefetchDirectories(); });
    };

    // The first keystroke after a pause searches at once; the keystrokes of a
    // burst of typing wait until it pauses.
    var lastRun = -Infinity;
    var schedule = function (delay) {
      var waiting = timer !== null;
      if (waiting) window.clearTimeout(timer);
      timer = null;
      var now = Date.now();
      if (!waiting && now - lastRun >= delay) {
        lastRun = now;
        run();
        return;
      }
      root.setAttribute('aria-busy', 'true');
      timer = window.setTimeout(function () {
        timer = null;
        lastRun = Date.now();
        run();
      }, delay);
    };

    // --- results ---

    var resultItem = function (doc, hitQuery) {
      var li = el('li', 'search-result');
      var ex = current.index.excerpt(doc.text, hitQuery);
      var heading = el('h2', 'search-result-title');
      var link = el('a', null, doc.title);
      link.href = fragmentUrl(pageUrl(doc.url), ex.fragment);
      heading.appendChild(link);
      li.appendChild(heading);
      var meta = [];
      if (doc.date) meta.push(doc.date);
      if (doc.speaker || doc.role) meta.push([doc.speaker, doc.role].filter(Boolean).join(' '));
      if (doc.themes && doc.themes.length) meta.push(doc.themes.join(t('list-sep')));
      if (meta.length) li.appendChild(el('p', 'search-result-meta', meta.join(t('meta-sep'))));
      var p = el('p', 'search-result-excerpt');
      for (var i = 0; i < ex.parts.length; i++) {
        var part = ex.parts[i];
        if (part.mark) p.appendChild(el('mark', null, part.text));
        else p.appendChild(document.createTextNode(part.text));
      }
      li.appendChild(p);
      var sections = matchedSections(doc.sections, ex.at, SECTIONS_SHOWN);
      if (sections.length) {
        var list = el('ul', 'search-result-sections');
        list.setAttribute('aria-label', t('sections'));
        sections.forEach(function (found) {
          var item = el('li', 'search-result-section');
          var to = el('a', null, found.section.title);
          to.href = pageUrl(doc.url) + '#' + found.section.id;
          item.appendChild(to);
          item.appendChild(el('span', 'count', found.count));
          list.appendChild(item);
        });
        li.appendChild(list);
      }
      return li;
    };

    /** Shows the results up to state.shown (after those shown if `append`),
     *  calling `withFirst` once the first is in place (or at once if none). */
    var renderResults = async function (gen, append, withFirst) {
      var hits = current.results.hits;
      var total = hits.length;
      var already = append ? resultsEl.querySelectorAll('.search-result').length : 0;
      var upto = Math.min(state.shown, total);
      var wanted = hits.slice(already, upto);
      var pending = wanted.map(function (h) { return current.index.storedDoc(h.id); });
      pending.forEach(function (p) { p.catch(function () {}); });
      if (!append && !pending.length) clear(resultsEl);
      var first = function () {
        if (withFirst) withFirst();
        withFirst = null;
      };
      if (!pending.length) first();
      // Each result is shown as soon as it and those above it have arrived.
      var firstNew = null;
      for (var i = 0; i < pending.length; i++) {
        var doc;
        try {
          doc = await pending[i];
        } catch (e) {
          if (gen !== generation) return;
          first();
          statusEl.textContent = t('error');
          if (window.console) window.console.error(e);
          return;
        }
        if (gen !== generation) return;
        if (!append && i === 0) clear(resultsEl);
        var li = resultItem(doc, current.terms);
        li.setAttribute('data-id', String(wanted[i].id));
        resultsEl.appendChild(li);
        if (!firstNew) firstNew = li;
        first();
      }
      removeMore();
      if (upto < total) {
        var more = el('p', 'more search-more');
        var button = el('button', null, t('more'));
        button.type = 'button';
        button.addEventListener('click', function () {
          state.shown += PAGE;
          var gen2 = generation;
          renderResults(gen2, true).then(function (added) {
            if (added) added.querySelector('a').focus();
          });
        });
        more.appendChild(button);
        resultsEl.parentNode.insertBefore(more, resultsEl.nextSibling);
      }
      statusEl.textContent = total === 0 ? t('no-results') : t('results-before') + total + t('results-after');
      return firstNew;
    };

    // --- filters and sorting ---

    var collator = window.Intl && window.Intl.Collator ? new window.Intl.Collator('zh') : null;
    // Each filter label's place in pinyin order (then code point order), worked
    // out once per index: sorting hundreds of names with the collator at every
    // query would cost more than the search.
    var labelOrders = new WeakMap();
    var labelOrder = function (index) {
      var order = labelOrders.get(index);
      if (order) return order;
      var labels = index.manifest.themes.map(function (th) { return th.name; })
        .concat(index.manifest.speakers);
      labels.sort(function (a, b) {
        return (collator ? collator.compare(a, b) : 0) || (a < b ? -1 : a > b ? 1 : 0);
      });
      order = new Map();
      labels.forEach(function (label, i) { if (!order.has(label)) order.set(label, i); });
      labelOrders.set(index, order);
      return order;
    };

    var renderFilters = function () {
      var active = document.activeElement;
      var focusKey = active && filtersEl.contains(active) ? active.getAttribute('data-key') : null;
      clear(filtersEl);
      var r = current.results;
      var manifest = current.index.manifest;

      // Options by count, most first, then in pinyin order (the default
      // collation of Chinese), then by code point.
      var order = labelOrder(current.index);
      var byCount = function (a, b) {
        return b.count - a.count || order.get(a.label) - order.get(b.label);
      };
      // The box of "more" compares names normalised as the search does (張
      // finds 张), without separators.
      var folding = current.index.folding;
      var findKey = function (text) {
        return normalize(text, folding).join('').replace(/ /g, '');
      };

      var group = function (name, legend, options, selected) {
        // options: [{value, label, count}], in the order they are listed in.
        var shown = options.filter(function (o) { return o.count > 0 || o.value === selected; });
        if (shown.length === 0) return;
        var fieldset = el('fieldset', 'search-filter search-filter-' + name);
        fieldset.appendChild(el('legend', null, legend));
        // Hundreds of speakers or decades of years would push the results off
        // the screen: the most frequent few (and the chosen one) are listed,
        // the rest wait behind "more", with a box to find one by name.
        // (The sort is stable: equal counts keep the order they are listed in.)
        var rank = shown.slice().sort(function (a, b) { return b.count - a.count; });
        var first = new Set(rank.slice(0, FACET_SHOWN));
        shown.forEach(function (o) { if (o.value === selected) first.add(o); });
        if (shown.length <= FACET_SHOWN + 2) shown.forEach(function (o) { first.add(o); });
        var option = function (o) {
          var label = el('label');
          var box = el('input');
          box.type = 'checkbox';
          box.name = name;
          box.value = String(o.value);
          box.checked = o.value === selected;
          box.setAttribute('data-key', name + ':' + o.value);
          box.addEventListener('change', function () {
            state[name] = box.checked ? o.value : null;
            state.shown = PAGE;
            run();
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(o.label));
          label.appendChild(el('span', 'count', o.count));
          if (box.checked) label.className = 'is-active';
          label.setAttribute('data-label', o.label);
          return label;
        };
        shown.forEach(function (o) { if (first.has(o)) fieldset.appendChild(option(o)); });
        var rest = shown.filter(function (o) { return !first.has(o); });
        if (rest.length) {
          var more = el('details', 'search-filter-more');
          more.appendChild(el('summary', null, t('more-options') + ' (' + rest.length + ')'));
          var find = el('input', 'search-filter-find');
          find.type = 'search';
          find.placeholder = t('filter-options');
          find.setAttribute('aria-label', t('filter-options') + ' ' + legend);
          find.setAttribute('data-key', name + ':find');
          var moreList = el('div', 'search-filter-options');
          // Hundreds of options are made only when someone opens the box.
          var made = false;
          var makeRest = function () {
            if (made) return;
            made = true;
            rest.forEach(function (o) { moreList.appendChild(option(o)); });
          };
          more.addEventListener('toggle', makeRest);
          find.addEventListener('input', function () {
            makeRest();
            var wanted = findKey(find.value);
            Array.prototype.forEach.call(moreList.children, function (label) {
              if (!label.findKey) label.findKey = findKey(label.getAttribute('data-label'));
              label.hidden = wanted !== '' && label.findKey.indexOf(wanted) < 0;
            });
          });
          more.appendChild(find);
          more.appendChild(moreList);
          if (focusKey && focusKey.indexOf(name + ':') === 0) makeRest();
          fieldset.appendChild(more);
        }
        filtersEl.appendChild(fieldset);
      };

      group('theme', t('theme'), manifest.themes.map(function (th) {
        return { value: th.slug, label: th.name, count: r.themes.get(th.slug) || 0 };
      }).sort(byCount), state.theme);
      group('speaker', t('speaker'), manifest.speakers.map(function (name) {
        return { value: name, label: name, count: r.speakers.get(name) || 0 };
      }).sort(byCount), state.speaker);
      // Years in their order, newest first: the most frequent listed, the rest behind "more".
      var years = Array.from(r.years.keys());
      if (state.year !== null && years.indexOf(state.year) < 0) years.push(state.year);
      years.sort(function (a, b) { return b - a; });
      group('year', t('year'), years.map(function (y) {
        return { value: y, label: String(y), count: r.years.get(y) || 0 };
      }), state.year);

      var sort = el('fieldset', 'search-sort');
      sort.appendChild(el('legend', null, t('sort')));
      [['relevance', t('sort-relevance')], ['date', t('sort-date')]].forEach(function (pair) {
        var button = el('button', null, pair[1]);
        button.type = 'button';
        button.setAttribute('aria-pressed', String(state.order === pair[0]));
        button.setAttribute('data-key', 'sort:' + pair[0]);
        button.setAttribute('data-sort', pair[0]);
        button.addEventListener('click', function () {
          if (state.order === pair[0]) return;
          state.order = pair[0];
          state.shown = PAGE;
          run();
        });
        sort.appendChild(button);
      });
      filtersEl.appendChild(sort);

      if (state.theme !== null || state.speaker !== null || state.year !== null) {
        var reset = el('button', 'search-clear', t('clear-filters'));
        reset.type = 'button';
        reset.setAttribute('data-key', 'clear');
        reset.addEventListener('click', function () {
          state.theme = state.speaker = state.year = null;
          state.shown = PAGE;
          run().then(function () { input.focus(); });
        });
        filtersEl.appendChild(reset);
      }
      if (focusKey) {
        var again = filtersEl.querySelector('[data-key="' + cssEscape(focusKey) + '"]');
        if (again) again.focus();
      }
    };

    var cssEscape = function (text) {
      return window.CSS && window.CSS.escape ? window.CSS.escape(text) : text.replace(/["\\]/g, '\\$&');
    };

    // --- events ---

    var links = function () {
      return Array.prototype.slice.call(resultsEl.querySelectorAll('.search-result-title a'));
    };

    // While an input method is composing (gong → 工会), the box holds pinyin,
    // not the query: search only once the characters are chosen.
    var composing = false;
    var typed = function () {
      // compositionend and the input event after it bring the same text.
      if (input.value === state.q) return;
      state.q = input.value;
      state.shown = PAGE;
      schedule(DEBOUNCE_MS);
    };
    input.addEventListener('compositionstart', function () { composing = true; });
    input.addEventListener('compositionend', function () {
      composing = false;
      typed();
    });
    input.addEventListener('input', function (event) {
      if (composing || event.isComposing) return;
      typed();
    });
    if (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        state.q = input.value;
        state.shown = PAGE;
        if (timer) window.clearTimeout(timer);
        timer = null;
        run();
      });
    }
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') {
        var all = links();
        if (all.length) {
          event.preventDefault();
          all[0].focus();
        }
      }
    });
    resultsEl.addEventListener('keydown', function (event) {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      if (event.key === 'ArrowDown') {
        if (at + 1 < all.length) all[at + 1].focus();
        else {
          var more = root.querySelector('.search-more button');
          if (more) more.focus();
        }
      } else if (at > 0) all[at - 1].focus();
      else input.focus();
    });
    root.addEventListener('keydown', function (event) {
      // From the "more" button, ArrowUp goes back to the last result.
      if (event.key === 'ArrowUp' && event.target.closest && event.target.closest('.search-more')) {
        var all = links();
        if (all.length) {
          event.preventDefault();
          all[all.length - 1].focus();
        }
      }
    });

    if (state.q) run();
  }

  if (typeof document !== 'undefined' && typeof window !== 'undefined') {
    var start = function () { startUI(document, window); };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
