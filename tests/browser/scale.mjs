// The search page of an archive with 250 speakers, 30 themes and 75 years, in
// headless Chromium: the first result is on the first screen of a phone and of
// a desktop, the filters list the most frequent options (by count, then pinyin)
// with the rest behind "more", where they can be found by name; a role shows
// without a speaker; a result lists the sections that hold matches, linked to
// the page's headings; and nothing is searched while an input method is
// composing. Run by tests/testsuite/browser.rs with LECTERN_BASE_URL, LECTERN_CHROMIUM
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

// --- On the first screen, with small filters ---

for (const [width, height] of [[390, 844], [1280, 800]]) {
  await page.setViewportSize({ width, height });
  await page.goto(`${base}search/?q=${encodeURIComponent('工会')}`);
  await page.waitForSelector('.search-result');
  const first = await page.locator('.search-result').first().boundingBox();
  const filters = await page.locator('#search-filters').boundingBox();
  console.log(`${width}×${height}: filters ${Math.round(filters.height)} px high, first result at ${Math.round(first.y)} px`);
  assert.ok(first.y + 40 < height, `the first result starts at ${first.y} px, below the ${height} px screen`);
  assert.ok(filters.height < height / 3, `the filters are ${filters.height} px high on a ${height} px screen`);
  // Each filter lists a few, the rest behind "more".
  for (const name of ['theme', 'speaker', 'year']) {
    const listed = await page.locator(`.search-filter-${name} > label`).count();
    assert.ok(listed >= 8 && listed <= 10, `${listed} ${name} options listed before "more"`);
    assert.equal(await page.locator(`.search-filter-${name} .search-filter-more`).count(), 1, `${name} has "more"`);
  }
}

// --- Speakers by count, then in pinyin order ---

const listedSpeakers = await page.locator('.search-filter-speaker > label').evaluateAll((labels) =>
  labels.map((l) => [l.getAttribute('data-label'), Number(l.querySelector('.count').textContent)]));
const counts = listedSpeakers.map(([, n]) => n);
assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'listed speakers by count');
// 王建建 speaks 6 times; 50 speakers 5 times, two of each of the 25 surnames.
// In pinyin the first of those are chen, chen, gao, gao, guo, guo, he (in code
// point order they would start with 何, 刘, 吴).
assert.deepEqual(listedSpeakers.map(([name]) => name[0]), ['王', '陈', '陈', '高', '高', '郭', '郭', '何']);
// The rest, behind "more", go on by count. They are made when "more" is opened.
const behindMore = '.search-filter-speaker .search-filter-options > label';
assert.equal(await page.locator(behindMore).count(), 0, 'speakers behind "more" before it is opened');
await page.locator('.search-filter-speaker .search-filter-more > summary').click();
await page.waitForFunction((selector) => document.querySelector(selector), behindMore);
const restCounts = await page.locator('.search-filter-speaker .search-filter-options > label .count')
  .evaluateAll((spans) => spans.map((s) => Number(s.textContent)));
assert.ok(restCounts.length > 200, `${restCounts.length} speakers behind "more"`);
assert.deepEqual(restCounts, [...restCounts].sort((a, b) => b - a), 'speakers behind "more" by count');
assert.ok(restCounts[0] <= counts[counts.length - 1]);
// Years keep their order, newest first, in both parts.
const listedYears = await page.locator('.search-filter-year > label').evaluateAll((labels) =>
  labels.map((l) => Number(l.getAttribute('data-label'))));
assert.deepEqual(listedYears, [...listedYears].sort((a, b) => b - a));
const yearCounts = (where) => page.locator(`.search-filter-year ${where} .count`)
  .evaluateAll((spans) => spans.map((s) => Number(s.textContent)));
await page.locator('.search-filter-year .search-filter-more > summary').click();
await page.waitForFunction(() => document.querySelector('.search-filter-year .search-filter-options > label'));
const listedYearCounts = await yearCounts('> label');
const restYearCounts = await yearCounts('.search-filter-options > label');
assert.equal(listedYearCounts.length + restYearCounts.length, 75);
assert.ok(Math.min(...listedYearCounts) >= Math.max(...restYearCounts), 'the most frequent years are listed');

// --- Finding a speaker behind "more" ---

// (The speakers' "more" is open since the checks above.)
const options = page.locator('.search-filter-speaker .search-filter-options > label');
const visibleOptions = () => page.locator('.search-filter-speaker .search-filter-options > label:not([hidden])')
  .evaluateAll((labels) => labels.map((l) => l.getAttribute('data-label')));
// 張 is the traditional form of 张: the box folds as the search does.
await page.fill('.search-filter-speaker .search-filter-find', '張');
const zhang = await visibleOptions();
assert.equal(zhang.length, 10, `speakers found by 張: ${zhang}`);
assert.ok(zhang.every((name) => name.startsWith('张')), `speakers found by 張: ${zhang}`);
const wanted = await options.last().getAttribute('data-label');
await page.fill('.search-filter-speaker .search-filter-find', wanted);
assert.deepEqual(await visibleOptions(), [wanted]);
await page.locator(`.search-filter-speaker label[data-label="${wanted}"]`).click();
await page.waitForFunction((name) => new URL(location.href).searchParams.get('speaker') === name, wanted);
await page.waitForFunction((name) => [...document.querySelectorAll('.search-result-meta')].every((m) => m.textContent.includes(name)), wanted);
// The chosen speaker is listed, not hidden behind "more".
assert.equal(await page.locator(`.search-filter-speaker > label[data-label="${wanted}"] input:checked`).count(), 1);

// --- A role without a speaker ---

await page.goto(`${base}search/?q=${encodeURIComponent('慰问信')}`);
await page.waitForSelector('.search-result');
assert.match(await page.locator('.search-result-meta').first().textContent(), /市总工会/);

// --- Sections with matches, linked to the page's headings ---

const sectionsOf = async (query) => {
  await page.goto(`${base}search/?q=${encodeURIComponent(query)}`);
  await page.waitForSelector('.search-result');
  assert.equal(await page.locator('.search-result').count(), 1, `one result for ${query}`);
  return page.locator('.search-result .search-result-section a').evaluateAll((links) =>
    links.map((a) => [a.textContent, a.getAttribute('href'), Number(a.nextElementSibling.textContent)]));
};
const speech = '/speeches/sections/';
// Of the four sections with 书屋, the three with the most; none for the
// occurrence before the first heading or the one in the title.
assert.deepEqual(await sectionsOf('书屋'), [
  ['一、建设职工书屋', `${speech}#s-gekpmg`, 3],
  ['（一）借阅制度', `${speech}#s-5hkw3b`, 1],
  ['二、管好用好', `${speech}#s-0np55g-2`, 1],
]);
assert.deepEqual(await sectionsOf('管理员'), [['三、表彰先进', `${speech}#biaozhang`, 1]]);
// Results without headings list no sections.
await page.goto(`${base}search/?q=${encodeURIComponent('劳动竞赛')}`);
await page.waitForSelector('.search-result');
assert.equal(await page.locator('.search-result-sections').count(), 0);
// Every link leads to a heading of that text on the speech page.
for (const [title, href] of [
  ['一、建设职工书屋', `${speech}#s-gekpmg`],
  ['（一）借阅制度', `${speech}#s-5hkw3b`],
  ['二、管好用好', `${speech}#s-0np55g-2`],
  ['三、表彰先进', `${speech}#biaozhang`],
]) {
  await page.goto(new URL(href, base).href);
  const target = await page.evaluate(() => {
    const node = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    return node && [node.tagName, node.textContent.trim()];
  });
  assert.ok(target && /^H[23]$/.test(target[0]) && target[1] === title, `${href} leads to ${target}`);
}

// --- An input method: nothing is searched while composing, once when it ends ---

// Every URL the page writes, and every index file it asks for.
await page.addInitScript(() => {
  window.urlsWritten = [];
  const replace = history.replaceState.bind(history);
  history.replaceState = (state, title, url) => {
    window.urlsWritten.push(String(url));
    return replace(state, title, url);
  };
});
const indexRequests = [];
page.on('request', (request) => {
  if (new URL(request.url()).pathname.startsWith('/search/') && !request.url().endsWith('.js')) {
    indexRequests.push(request.url());
  }
});
const compose = (pinyin, chosen) => page.evaluate(([pinyin, chosen]) => {
  const input = document.getElementById('search-input');
  const statusEl = document.getElementById('search-status');
  const resultsEl = document.getElementById('search-results');
  // What the page shows while composing: every change of the status and results.
  window.changedWhileComposing = [];
  const observer = new MutationObserver((records) => window.changedWhileComposing.push(...records.map((r) => r.target.id || r.target.nodeName)));
  observer.observe(statusEl, { childList: true, characterData: true, subtree: true });
  observer.observe(resultsEl, { childList: true, subtree: true });
  window.stopObserving = () => {
    window.changedWhileComposing.push(...observer.takeRecords().map((r) => r.target.id || r.target.nodeName));
    observer.disconnect();
  };
  const before = input.value;
  input.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
  for (let i = 1; i <= pinyin.length; i++) {
    const value = pinyin.slice(0, i);
    input.value = before + value;
    input.dispatchEvent(new CompositionEvent('compositionupdate', { data: value }));
    input.dispatchEvent(new InputEvent('input', { data: value, isComposing: true, inputType: 'insertCompositionText' }));
  }
  window.endComposition = () => {
    input.value = before + chosen;
    input.dispatchEvent(new CompositionEvent('compositionend', { data: chosen }));
    // Chromium sends a last input event after compositionend.
    input.dispatchEvent(new InputEvent('input', { data: chosen, isComposing: false, inputType: 'insertFromComposition' }));
  };
}, [pinyin, chosen]);

// On an empty page: nothing is read, written or shown until compositionend.
await page.goto(`${base}search/`);
await page.waitForSelector('#search-input');
indexRequests.length = 0;
await compose('gonghui', '工会');
await page.waitForTimeout(600);
await page.evaluate(() => window.stopObserving());
assert.deepEqual(await page.evaluate(() => window.urlsWritten), [], 'URLs written while composing');
assert.deepEqual(indexRequests, [], 'index files read while composing');
assert.deepEqual(await page.evaluate(() => window.changedWhileComposing), [], 'changes shown while composing');
assert.equal(await page.locator('#search-status').textContent(), '');
await page.evaluate(() => window.endComposition());
await page.waitForSelector('.search-result');
await page.waitForTimeout(400);
assert.deepEqual(await page.evaluate(() => window.urlsWritten.map((u) => new URL(u, location.href).searchParams.get('q'))),
  ['工会'], 'one search, for what was chosen');
assert.ok(indexRequests.length > 0);

// On a page of results: they stay, and 没有找到 never flashes, until compositionend.
await page.goto(`${base}search/?q=${encodeURIComponent('工会')}`);
await page.waitForSelector('.search-result');
await page.waitForTimeout(400);
const shown = await page.locator('#search-status').textContent();
const ids = () => page.locator('.search-result').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
const resultsBefore = await ids();
await page.evaluate(() => {
  window.urlsWritten.length = 0;
  // The query is selected and typed over.
  document.getElementById('search-input').value = '';
});
await compose('laomo', '劳模');
await page.waitForTimeout(600);
await page.evaluate(() => window.stopObserving());
assert.deepEqual(await page.evaluate(() => window.urlsWritten), [], 'URLs written while composing');
assert.deepEqual(await page.evaluate(() => window.changedWhileComposing), [], 'changes shown while composing');
assert.equal(await page.locator('#search-status').textContent(), shown);
assert.deepEqual(await ids(), resultsBefore);
await page.evaluate(() => window.endComposition());
await page.waitForFunction(() => /慰问信/.test(document.getElementById('search-results').textContent));
await page.waitForTimeout(400);
assert.deepEqual(await page.evaluate(() => window.urlsWritten.map((u) => new URL(u, location.href).searchParams.get('q'))),
  ['劳模'], 'one search, for what was chosen');

await context.close();
console.log('scale test: all steps passed');
