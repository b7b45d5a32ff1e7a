// An offline copy (`lectern build --offline`) in headless Chromium, opened from
// disk: pages are styled, their links lead to pages (index.html), the header's
// search box leads to the search page, which reads the index from the scripts
// beside its files and shows what `lectern search` finds, and a result leads to
// its speech. Every request is a file:// one, and none fails. Run by
// tests/testsuite/browser.rs with:
//   LECTERN_SITE      the copy's folder as a file:// URL, ending in /
//   LECTERN_CHROMIUM  the browser binary (Debian's /usr/bin/chromium)
//   LECTERN_PROFILE   an empty folder for the browser profile
//   LECTERN_EXPECT    JSON: query → titles in the order `lectern search` gives
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const site = process.env.LECTERN_SITE;
const expect = JSON.parse(process.env.LECTERN_EXPECT);
assert.ok(site.startsWith('file:///') && site.endsWith('/'), site);

const context = await chromium.launchPersistentContext(process.env.LECTERN_PROFILE, {
  executablePath: process.env.LECTERN_CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
context.setDefaultTimeout(15000);

let step = '';
const requests = [];
const problems = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  const titles = () => page.$$eval('.search-result .search-result-title a', (as) => as.map((a) => a.textContent));

  step = 'the home page, styled';
  await page.goto(`${site}index.html`);
  assert.equal(
    await page.$eval('#site-search-q', (input) => getComputedStyle(input.labels[0]).position),
    'absolute',
    'style.css applies (the search label is visually hidden)',
  );

  step = 'every link of the home page names a file';
  const links = await page.$$eval('a[href], link[href], script[src], form[action]', (els) =>
    els.map((e) => e.href || e.src || e.action));
  const local = links.filter((l) => l.startsWith('file:'));
  assert.ok(local.length > 10, `${local.length} local links`);
  for (const link of local) {
    const path = new URL(link).pathname;
    assert.ok(/\.(html|xml|css|svg|js|jsonl|csv|txt)$/.test(path), `${link} names no file`);
    assert.ok(link.startsWith(site), `${link} leads out of the copy`);
  }

  step = 'a speech from the home page';
  const first = page.locator('.speech-item-title a').first();
  const title = await first.textContent();
  await first.click();
  await page.waitForURL(/\/speeches\/[^/]+\/index\.html$/);
  assert.equal((await page.textContent('h1')).trim(), title);

  // The first query from the header's box (hidden on the search page), the
  // others typed into the search page's own.
  for (const [i, [query, want]] of Object.entries(expect).entries()) {
    step = `searching ${query}`;
    if (i === 0) {
      await page.fill('#site-search-q', query);
      await page.press('#site-search-q', 'Enter');
      await page.waitForURL((url) => url.pathname.endsWith('/search/index.html') && url.searchParams.get('q') === query);
    } else {
      await page.fill('#search-input', query);
    }
    const shown = want.slice(0, 10);
    try {
      await page.waitForFunction(
        (shown) => !document.querySelector('#search[aria-busy]')
          && JSON.stringify([...document.querySelectorAll('.search-result-title a')].map((a) => a.textContent)) === JSON.stringify(shown),
        shown,
      );
    } catch (e) {
      assert.deepEqual(await titles(), shown, query);
      throw e;
    }
  }

  step = 'a result leads to its speech';
  const result = page.locator('.search-result .search-result-title a').first();
  const resultTitle = await result.textContent();
  assert.match(await result.getAttribute('href'), /^file:\/\/\/.*\/speeches\/[^/]+\/index\.html(#.*)?$/);
  await result.click();
  await page.waitForURL(/\/speeches\/[^/]+\/index\.html/);
  assert.equal((await page.textContent('h1')).trim(), resultTitle);

  step = 'requests';
  const outside = requests.filter((r) => !r.startsWith(site));
  assert.deepEqual(outside, [], 'every request is for a file of the copy');
  assert.ok(requests.some((r) => r.endsWith('/search/manifest.json.js')), 'the index came from its scripts');
  assert.ok(!requests.some((r) => r.endsWith('/search/manifest.json')), 'no fetch of the index files');
  assert.deepEqual(problems, []);
  console.log(`offline copy: ${requests.length} files read, ${Object.keys(expect).length} searches`);
} catch (e) {
  console.error(`failed at: ${step}`);
  const page = context.pages()[0];
  if (page) {
    console.error(`at ${page.url()}: ${await page.textContent('#search-status').catch(() => '(no search status)')}`);
    console.error(await page.$$eval('.search-result-title a', (as) => as.map((a) => a.textContent)).catch(() => []));
  }
  console.error(problems.join('\n'));
  throw e;
} finally {
  await context.close();
}
