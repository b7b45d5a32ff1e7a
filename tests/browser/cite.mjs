// A speech page's paragraph links and 引用本文 in headless Chromium: the ¶ link
// shows on keyboard focus and on hover, following it copies the paragraph's
// permanent address and offers its citation, the reference gets the reader's
// access date and copies, copying falls back when the clipboard API fails, the
// link is a plain link without JavaScript, and print shows the permalink.
// Run by tests/testsuite/browser.rs with LECTERN_BASE_URL, LECTERN_CHROMIUM and
// LECTERN_PROFILE.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.LECTERN_BASE_URL;
const permalink = `${base}speeches/2014-04-28-xiaogan/`;
const paragraph = 'p-9y1atk'; // 同志们： (pinned in src/load/anchors.rs)
const head = '王凯. 在全市工会工作会议上的讲话: 孝感市总工会十四届三次全委会议[Z/OL]. 孝感, 2014-04-28';
const pad = (n) => String(n).padStart(2, '0');
const now = new Date();
const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

const context = await chromium.launchPersistentContext(process.env.LECTERN_PROFILE, {
  executablePath: process.env.LECTERN_CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
context.setDefaultTimeout(15000);
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
const page = context.pages()[0] ?? (await context.newPage());
const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
const opacity = (locator) => locator.evaluate((a) => getComputedStyle(a).opacity);

await page.goto(permalink);
const link = page.locator(`a.anchor[href="#${paragraph}"]`);
assert.equal(await link.count(), 1);
assert.equal(await opacity(link), '0', 'the ¶ link is hidden until wanted');
assert.equal(await link.evaluate((a) => getComputedStyle(a, '::after').content), '"¶"');
assert.equal(await link.evaluate((a) => a.closest('p').id), paragraph);

// --- Keyboard: Tab reaches the link, which then shows ---

let reached = false;
for (let i = 0; i < 60 && !reached; i++) {
  await page.keyboard.press('Tab');
  reached = await link.evaluate((a) => document.activeElement === a);
}
assert.ok(reached, 'Tab reaches the ¶ link');
assert.equal(await opacity(link), '1', 'the focused ¶ link shows');
assert.equal(await link.evaluate((a) => a.getAttribute('aria-labelledby')), 'anchor-label-paragraph');
assert.equal(await page.locator('#anchor-label-paragraph').textContent(), '本段链接');

// Enter follows it: the address is copied and the menu offers the citation.
await page.keyboard.press('Enter');
await page.waitForSelector('.anchor-menu');
assert.equal(await page.locator('.anchor-menu-status').textContent(), '已复制链接');
assert.equal(await clipboard(), `${permalink}#${paragraph}`);
assert.equal(await page.evaluate(() => location.hash), `#${paragraph}`);
await page.keyboard.press('Tab');
assert.equal(await page.evaluate(() => document.activeElement.className), 'anchor-menu-cite');
await page.keyboard.press('Enter');
await page.waitForFunction(() => document.querySelector('.anchor-menu-status').textContent === '已复制引文');
assert.equal(await clipboard(), `${head}[${today}]. ${permalink}#${paragraph}.`);
await page.keyboard.press('Escape');
assert.equal(await page.locator('.anchor-menu').count(), 0);
assert.ok(await link.evaluate((a) => document.activeElement === a), 'Escape goes back to the link');

// --- Hover shows a heading's § and a paragraph's ¶ ---

const section = page.locator('.speech-body h2 > a.anchor').first();
assert.equal(await section.evaluate((a) => getComputedStyle(a, '::after').content), '"§"');
await page.locator('.speech-body h2').first().hover();
assert.equal(await opacity(section), '1', 'hovering a heading shows its §');

// --- 引用本文: the access date, and a button that copies the reference ---

assert.equal(await page.locator('.cite-accessed').textContent(), `[${today}]`);
await page.locator('.cite-copy').click();
await page.waitForFunction(() => document.querySelector('.cite-status').textContent === '已复制引文');
assert.equal(await clipboard(), `${head}[${today}]. ${permalink}.`);

// --- Without the clipboard API, copying falls back ---

const fallback = await context.newPage();
await fallback.addInitScript(() => {
  navigator.clipboard.writeText = () => Promise.reject(new Error('not allowed'));
});
await fallback.goto(permalink);
await page.evaluate(() => navigator.clipboard.writeText('before'));
await fallback.locator(`a.anchor[href="#${paragraph}"]`).click();
await fallback.waitForSelector('.anchor-menu');
const status = await fallback.locator('.anchor-menu-status').textContent();
if (status === '已复制链接') {
  assert.equal(await clipboard(), `${permalink}#${paragraph}`, 'the copy command copied it');
} else {
  assert.equal(await fallback.locator('.anchor-menu-url').inputValue(), `${permalink}#${paragraph}`);
}
console.log(`without the clipboard API: ${status}`);
await fallback.close();

// --- Print shows the permanent address, and no ¶ links ---

await page.emulateMedia({ media: 'print' });
assert.equal(await page.locator('.print-permalink').textContent(), `本文网址：${permalink}`);
assert.ok(await page.locator('.print-permalink').isVisible());
assert.equal(await link.evaluate((a) => getComputedStyle(a).display), 'none');
await page.emulateMedia({ media: 'screen' });
assert.ok(!(await page.locator('.print-permalink').isVisible()));
await context.close();

// --- Without JavaScript the ¶ is a plain link to the paragraph ---

const plain = await chromium.launch({
  executablePath: process.env.LECTERN_CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const noScript = await (await plain.newContext({ javaScriptEnabled: false })).newPage();
await noScript.goto(permalink);
await noScript.locator(`a.anchor[href="#${paragraph}"]`).focus();
await noScript.keyboard.press('Enter');
await noScript.waitForURL(`${permalink}#${paragraph}`);
assert.equal(await noScript.locator('.anchor-menu').count(), 0);
assert.equal(await noScript.locator('.cite-copy').isVisible(), false, 'no copy button without a script');
await plain.close();
console.log('cite: all checks passed');
