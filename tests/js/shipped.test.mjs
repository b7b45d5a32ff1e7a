// The theme ships search.js minified from its source; a stale copy fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { build, SHIPPED } from '../../tools/search-js.mjs';

test('the shipped search.js is what tools/search-js.mjs makes of the source', () => {
  assert.ok(
    readFileSync(SHIPPED, 'utf8') === build(),
    'themes/default/static/search/search.js is out of date: run node tools/search-js.mjs',
  );
});
