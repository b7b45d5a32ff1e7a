// The search page in headless Chromium, driven by playwright-core. Run by
// tests/testsuite/browser.rs, which builds the fixture of tests/search-vectors.json for a
// sub-path deploy, serves it and passes:
//   LECTERN_BASE_URL  http://127.0.0.1:PORT/archive/
//   LECTERN_CHROMIUM  the browser binary (Debian's /usr/bin/chromium)
//   LECTERN_PROFILE   an empty folder for the browser profile
//   LECTERN_EXPECT    JSON: "query|theme|order" → titles in the order `lectern search` gives
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.LECTERN_BASE_URL;
const expect = JSON.parse(process.env.LECTERN_EXPECT);
const basePath = new URL(base).pathname; // "/archive/"

// Titles of the fixture speeches (tests/search-vectors.json).
const XIAOGAN = '在孝感市工会工作会议上的讲话';
const JINGSHAN = '在京山县总工会全委会议上的讲话';
const R2024 = '2024年政府工作报告';
const R2021 = '2021年经济工作报告';
const ESCAPE = '职工之家 & <建家> 活动';
const XIANFA_1954 = '關於中華人民共和國憲法草案的報告';
const XIANFA_2018 = '关于宪法修正案的说明';

const context = await chromium.launchPersistentContext(process.env.LECTERN_PROFILE, {
  executablePath: process.env.LECTERN_CHROMIUM,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
context.setDefaultTimeout(15000);

let step = '';
const requests = [];
const problems = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });

  const titles = () => page.$$eval('.search-result .search-result-title a', (as) => as.map((a) => a.textContent));
  const status = () => page.textContent('#search-status');
  const waitForCount = (n) =>
    page.waitForFunction(
      (n) => document.querySelectorAll('.search-result').length === n && !document.querySelector('#search[aria-busy]'),
      n,
    );
  const waitForTitles = async (want) => {
    try {
      await page.waitForFunction(
        // Done with the query: its results, status and address are in place.
        (want) => JSON.stringify([...document.querySelectorAll('.search-result-title a')].map((a) => a.textContent)) === want &&
          !document.querySelector('#search[aria-busy]'),
        JSON.stringify(want),
        { timeout: 8000 },
      );
    } catch {
      assert.deepEqual(await titles(), want); // fails with a readable diff
    }
  };
  const param = (name) => new URL(page.url()).searchParams.get(name);

  step = 'a speech page does not load the index';
  await page.goto(base + 'speeches/xiaogan/');
  assert.equal(await page.textContent('h1'), XIAOGAN);
  assert.ok(!requests.some((p) => p.includes('/search/')), 'no search files on a speech page');

  step = 'the site-wide search box leads to the search page';
  await page.fill('#site-search-q', '维护 权益');
  await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press('#site-search-q', 'Enter')]);
  assert.equal(new URL(page.url()).pathname, basePath + 'search/');
  assert.equal(param('q'), '维护 权益');
  assert.equal(await page.inputValue('#search-input'), '维护 权益');
  await waitForCount(3);
  assert.deepEqual(await titles(), expect['维护 权益']);
  assert.deepEqual([...(await titles())].sort(), [R2024, XIAOGAN, JINGSHAN].sort());
  assert.equal(await status(), '找到 3 篇讲话');

  step = 'results show metadata and marked excerpts';
  const results = await page.$$eval('.search-result', (lis) =>
    lis.map((li) => ({
      href: li.querySelector('a').getAttribute('href'),
      meta: li.querySelector('.search-result-meta')?.textContent,
      marks: [...li.querySelectorAll('.search-result-excerpt mark')].map((m) => m.textContent),
    })),
  );
  for (const r of results) {
    assert.ok(r.marks.length > 0, `marks in ${r.href}`);
    for (const m of r.marks) assert.match(m, /^(维护|权益)+$/, 'marks hold the terms (adjacent ones merged)');
    assert.match(r.href, new RegExp(`^${basePath}speeches/[a-z0-9-]+/#:~:text=`));
    // [prefix-,]run[,-suffix]: the run holds a term.
    const directive = r.href.split('#:~:text=')[1].split(/-,|,-/).map(decodeURIComponent);
    const run = directive.length === 3 || r.href.includes('-,') ? directive[1] : directive[0];
    assert.ok(/维护|权益/.test(run), `text directive ${directive}`);
  }
  const meta2024 = results.find((r) => r.href.includes('/report-2024/')).meta;
  assert.equal(meta2024, '2024年3月5日 · 王伟 · 维权');
  const metaXiaogan = results.find((r) => r.href.includes('/xiaogan/')).meta;
  assert.equal(metaXiaogan, '2014年4月28日 · 张明 · 维权、基层建设');

  step = 'the index came from the sub-path, fetched lazily';
  const indexRequests = requests.filter((p) => p.includes('/search/') && !p.endsWith('/search/'));
  assert.ok(indexRequests.includes(basePath + 'search/manifest.json'));
  assert.ok(indexRequests.includes(basePath + 'search/docs.bin'));
  for (const p of indexRequests) assert.ok(p.startsWith(basePath + 'search/'), p);

  step = 'filter counts, and a theme filter shrinks the results';
  const filterCounts = await page.$$eval('.search-filter-theme label', (ls) =>
    ls.map((l) => [l.childNodes[1].textContent, l.querySelector('.count').textContent]),
  );
  assert.deepEqual(filterCounts, [['维权', '3'], ['基层建设', '2'], ['劳动竞赛', '1']]);
  await page.click('.search-filter-theme label:has(input[value="jiceng"])');
  await waitForTitles(expect['维护 权益|jiceng']);
  assert.deepEqual([...(await titles())].sort(), [XIAOGAN, JINGSHAN].sort());
  assert.equal(await status(), '找到 2 篇讲话');
  assert.equal(param('theme'), 'jiceng');
  assert.ok(await page.isChecked('input[name="theme"][value="jiceng"]'));
  assert.equal(await page.textContent('.search-filter-theme label:has(input[value="jiceng"]) .count'), '2');
  assert.ok(await page.isVisible('.search-clear'));

  step = 'sorting by date';
  await page.click('button[data-sort="date"]');
  await waitForTitles(expect['维护 权益|jiceng|date']);
  assert.deepEqual(await titles(), [XIAOGAN, JINGSHAN]);
  assert.equal(param('sort'), 'date');
  assert.equal(await page.getAttribute('button[data-sort="date"]', 'aria-pressed'), 'true');

  step = 'keyboard: arrows move through the results, Enter opens one';
  await page.focus('#search-input');
  const focused = () => page.evaluate(() => document.activeElement.id || document.activeElement.textContent);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), XIAOGAN);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), JINGSHAN);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), XIAOGAN);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'search-input');
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForURL(/\/speeches\/xiaogan\//), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, basePath + 'speeches/xiaogan/');
  assert.equal(await page.textContent('h1'), XIAOGAN);

  step = 'back on the search page, the URL kept the state';
  await page.goBack();
  await waitForTitles([XIAOGAN, JINGSHAN]);
  assert.equal(param('theme'), 'jiceng');
  assert.equal(param('sort'), 'date');

  step = 'a shared URL with filters';
  await page.goto(base + 'search/?q=' + encodeURIComponent('同志们') + '&theme=weiquan&sort=date');
  await waitForTitles(expect['同志们|weiquan|date']);
  assert.deepEqual(await titles(), [R2024, XIAOGAN, JINGSHAN]);
  assert.ok(await page.isChecked('input[name="theme"][value="weiquan"]'));

  step = 'clearing the filters';
  await page.click('.search-clear');
  await waitForCount(10);
  assert.equal(param('theme'), null);
  assert.equal(await status(), '找到 12 篇讲话');

  step = 'ten results, then more';
  await page.click('button[data-sort="relevance"]');
  await waitForTitles(expect['同志们'].slice(0, 10));
  assert.equal(param('sort'), null);
  await page.click('.search-more button');
  await waitForCount(12);
  assert.deepEqual(await titles(), expect['同志们']);
  assert.equal(await page.$('.search-more'), null);

  step = 'typing updates the results (debounced) and the URL';
  await page.fill('#search-input', '同志们，');
  await waitForCount(10);
  assert.ok(await page.isVisible('.search-more button'), 'a new query shows ten again');
  await page.fill('#search-input', '');
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 0);
  assert.equal(await page.$('.search-more'), null);
  assert.equal(await status(), '');
  assert.equal(param('q'), null);
  await page.type('#search-input', 'ＧＤＰ', { delay: 30 });
  await waitForTitles(expect['gdp']);
  assert.deepEqual([...(await titles())].sort(), [R2021, R2024].sort());
  assert.equal(param('q'), 'ＧＤＰ');
  const gdpMarks = await page.$$eval('.search-result-excerpt mark', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual([...new Set(gdpMarks)].sort(), ['GDP', 'Gdp', 'ＧＤＰ'].sort());

  step = 'data is text, never markup';
  await page.fill('#search-input', '建家');
  await waitForTitles([ESCAPE]);
  assert.equal(await page.$('.search-result 建家'), null);
  const titleHtml = await page.$eval('.search-result-title a', (a) => a.innerHTML);
  assert.equal(titleHtml, '职工之家 &amp; &lt;建家&gt; 活动');

  step = 'nothing matches';
  await page.fill('#search-input', '不存在的词语');
  await page.waitForFunction(() => document.querySelector('#search-status').textContent === '没有找到包含这些文字的讲话。');
  assert.equal((await titles()).length, 0);

  step = 'a query with nothing to search for says so';
  const noTerms = '没有可搜索的文字：请输入词语、人名或数字（标点和符号不参与搜索）。';
  for (const query of ['，。！', '\u200b\ufeff']) {
    await page.fill('#search-input', query);
    await page.waitForFunction((want) => document.querySelector('#search-status').textContent === want, noTerms);
    assert.equal((await titles()).length, 0);
  }

  step = 'a phrase is found whatever invisible characters the text holds, and marked whole';
  await page.fill('#search-input', '数字化转型');
  await waitForTitles(['数据安全座谈会讲话']);
  const invisibleMarks = await page.$$eval('.search-result-excerpt mark', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(invisibleMarks, ['数\u200b字\u00ad化转型']);

  step = '繁简: a traditional query finds the simplified texts, marked as written';
  const marksBy = () =>
    page.$$eval('.search-result', (lis) =>
      Object.fromEntries(
        lis.map((li) => [
          li.querySelector('.search-result-title a').textContent,
          [...li.querySelectorAll('.search-result-excerpt mark')].map((m) => m.textContent),
        ]),
      ),
    );
  await page.fill('#search-input', '勞動');
  await waitForTitles(expect['勞動']);
  assert.equal((await titles()).length, 5);
  const labourMarks = await marksBy();
  assert.deepEqual([...new Set(labourMarks[XIANFA_1954])], ['勞動'], 'the traditional text is marked in its characters');
  assert.deepEqual([...new Set(labourMarks[XIANFA_2018])], ['劳动']);
  assert.deepEqual([...new Set(labourMarks[JINGSHAN])], ['劳动']);

  step = '繁简: a simplified query finds the traditional text';
  await page.fill('#search-input', '宪法');
  await waitForTitles(expect['宪法']);
  assert.deepEqual([...(await titles())].sort(), [XIANFA_1954, XIANFA_2018].sort());
  const lawMarks = await marksBy();
  assert.deepEqual([...new Set(lawMarks[XIANFA_1954])], ['憲法']);
  const lawHref = await page.$eval(`.search-result-title a:text-is("${XIANFA_1954}")`, (a) => a.getAttribute('href'));
  assert.ok(decodeURIComponent(lawHref).includes('憲法'), `the text fragment names the text as written: ${lawHref}`);

  step = 'the search page without a query loads nothing until the first query';
  const fresh = await context.newPage();
  const freshRequests = [];
  fresh.on('request', (r) => freshRequests.push(new URL(r.url()).pathname));
  await fresh.goto(base + 'search/');
  await fresh.waitForLoadState('networkidle');
  assert.ok(!freshRequests.some((p) => p.endsWith('manifest.json')), 'no index before a query');
  await fresh.fill('#search-input', '鞭策');
  await fresh.waitForFunction(() => document.querySelectorAll('.search-result').length === 2);
  assert.ok(freshRequests.includes(basePath + 'search/manifest.json'));
  // Title matches first.
  assert.deepEqual(
    await fresh.$$eval('.search-result-title a', (as) => as.map((a) => a.textContent)),
    ['鞭策与鼓舞', XIAOGAN],
  );

  step = 'a result opens its speech at the matched passage (text fragment)';
  await fresh.fill('#search-input', '体健');
  await fresh.waitForFunction(() => document.querySelectorAll('.search-result').length === 1);
  const href = await fresh.getAttribute('.search-result-title a', 'href');
  assert.equal(
    decodeURIComponent(href),
    basePath + 'speeches/guwu/#:~:text=祝大家工作顺利、-,身体健康',
  );
  await Promise.all([fresh.waitForURL(/\/speeches\/guwu\//), fresh.click('.search-result-title a')]);
  // The passage is the last of about 3000 paragraphs.
  await fresh.waitForFunction(() => window.scrollY > 10000, null, { timeout: 10000 });
  await fresh.close();

  step = 'no errors on the pages';
  assert.deepEqual(problems, []);
  console.log('browser test: all steps passed');
} catch (error) {
  console.error(`browser test failed at step: ${step}`);
  console.error(error);
  process.exitCode = 1;
} finally {
  await context.close();
}
