// Runs queries through search.js (the engine of the browser), reading a built
// site's index from disk, and prints each query's hits as JSON: what
// tests/testsuite/search_exact.rs compares with the Rust engine's, query by query.
//
//   node tests/js/run-queries.mjs SITE QUERIES.json   (QUERIES: an array of strings)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const engine = createRequire(import.meta.url)(path.join(repo, 'themes/default/src/search.js'));
const [site, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const index = await engine.Index.open(async (p, start, length) => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(site, p)));
  return start === undefined ? bytes : bytes.subarray(start, start + length);
});
const out = [];
for (const text of queries) {
  const results = await index.search({ text });
  out.push(results.hits.map((h) => [h.id, h.score, h.titleMatch]));
}
process.stdout.write(JSON.stringify(out));
