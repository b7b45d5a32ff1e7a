// The search client the default theme ships, made from its source:
// themes/default/src/search.js, minified by esbuild into
// themes/default/static/search/search.js (about half the bytes in gzip).
//
//   node tools/search-js.mjs          writes the shipped file
//   node tools/search-js.mjs --check  exits 1 if it is not what the source makes
//
// tests/js/shipped.test.mjs runs the check, so a stale file fails the tests.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE = path.join(repo, 'themes/default/src/search.js');
export const SHIPPED = path.join(repo, 'themes/default/static/search/search.js');

/** The shipped file's bytes, as this checkout's esbuild makes them. */
export function build() {
  const { code } = transformSync(readFileSync(SOURCE, 'utf8'), {
    minify: true,
    // The browsers the search page supports (Unicode property escapes need these).
    target: ['chrome80', 'firefox78', 'safari14'],
    charset: 'utf8',
    legalComments: 'none',
    banner: '/* lectern search, minified from themes/default/src/search.js by tools/search-js.mjs; edit that file. */',
  });
  return code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = build();
  if (process.argv.includes('--check')) {
    if (readFileSync(SHIPPED, 'utf8') !== code) {
      console.error(`${path.relative(repo, SHIPPED)} is out of date: run node tools/search-js.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(SHIPPED, code);
  }
}
