// The search page of an archive with 250 speakers, in headless Chromium: the
// first result is on the first screen of a phone and of a desktop, the filters
// beyond the most frequent are behind "more" and can be found by name, a role
// shows without a speaker, and nothing is searched while an input method is
// composing. Run by tests/browser.rs with LECTERN_BASE_URL, LECTERN_CHROMIUM
// and LECTERN_PROFILE.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.LECTERN_BASE_URL;
const context = await chromium.launchPersistentContext(process.env.LECTERN_PROFILE, {
  executablePath: process.env.LECTERN_CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
context.setDefaultTimeout(15000);
const page = context.pages()[0] ?? (await context.newPage());

for (const [width, height] of [[390, 844], [1280, 800]]) {
  await page.setViewportSize({ width, height });
  await page.goto(`${base}search/?q=${encodeURIComponent('工会')}`);
  await page.waitForSelector('.search-result');
  const first = await page.locator('.search-result').first().boundingBox();
  const filters = await page.locator('#search-filters').boundingBox();
  console.log(`${width}×${height}: filters ${Math.round(filters.height)} px high, first result at ${Math.round(first.y)} px`);
  assert.ok(first.y + 40 < height, `the first result starts at ${first.y} px, below the ${height} px screen`);
  // The speaker filter lists a few, the rest behind "more".
  const listed = await page.locator('.search-filter-speaker > label').count();
  assert.ok(listed <= 10, `${listed} speakers listed before "more"`);
  assert.equal(await page.locator('.search-filter-speaker .search-filter-more').count(), 1);
}

// A speaker found by name behind "more", and chosen.
await page.locator('.search-filter-speaker .search-filter-more > summary').click();
const options = page.locator('.search-filter-speaker .search-filter-options > label');
const all = await options.count();
assert.ok(all > 200, `${all} speakers behind "more"`);
const wanted = (await options.last().getAttribute('data-label'));
await page.fill('.search-filter-speaker .search-filter-find', wanted);
const visible = await page.locator('.search-filter-speaker .search-filter-options > label:not([hidden])').count();
assert.ok(visible >= 1 && visible < 5, `${visible} speakers match ${wanted}`);
await page.locator(`.search-filter-speaker label[data-label="${wanted}"]`).click();
await page.waitForFunction((name) => new URL(location.href).searchParams.get('speaker') === name, wanted);
await page.waitForFunction((name) => [...document.querySelectorAll('.search-result-meta')].every((m) => m.textContent.includes(name)), wanted);

// A role shows though there is no speaker.
await page.goto(`${base}search/?q=${encodeURIComponent('慰问信')}`);
await page.waitForSelector('.search-result');
assert.match(await page.locator('.search-result-meta').first().textContent(), /市总工会/);

// An input method: nothing is searched while composing, once when it ends.
await page.goto(`${base}search/`);
await page.waitForSelector('#search-input');
const status = await page.locator('#search-status').textContent();
const url = page.url();
await page.evaluate(() => {
  const input = document.getElementById('search-input');
  input.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
  for (const value of ['g', 'go', 'gong', 'gonghui']) {
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { data: value, isComposing: true, inputType: 'insertCompositionText' }));
  }
});
await page.waitForTimeout(600);
assert.equal(page.url(), url, 'the URL changed while composing');
assert.equal(await page.locator('#search-status').textContent(), status, 'the status changed while composing');
assert.equal(await page.locator('.search-result').count(), 0);
await page.evaluate(() => {
  const input = document.getElementById('search-input');
  input.value = '工会';
  input.dispatchEvent(new CompositionEvent('compositionend', { data: '工会' }));
  // Chromium sends a last input event after compositionend.
  input.dispatchEvent(new InputEvent('input', { data: '工会', isComposing: false, inputType: 'insertFromComposition' }));
});
await page.waitForSelector('.search-result');
await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === '工会');

await context.close();
console.log('scale test: all steps passed');
