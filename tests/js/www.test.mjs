// The demo site (dist/www, from ./build.sh www) end to end in Debian's
// Chromium, served from 127.0.0.1 as the README says to serve it: pick the
// mirror sample, check the article, metadata and missing clutter; paste a
// hostile page and check that nothing of it ran. Screenshot in
// dist/test-artifacts/.
//
//   node --test tests/js/www.test.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { chromiumProblem, launch, serveDir } from './chromium.mjs';
import { ROOT } from './helpers.mjs';

const WWW = path.join(ROOT, 'dist', 'www');
const ARTIFACTS = path.join(ROOT, 'dist', 'test-artifacts');
const MIRROR = path.join(WWW, 'samples', 'infinite-edge-capital.html');
const MIRROR_FIXTURE = path.join(ROOT, '..', 'shared', 'fixtures', 'infinite-edge-capital');

const skip = chromiumProblem()
  ?? (fs.existsSync(path.join(WWW, 'index.html')) ? false : `${WWW} not built: run ./build.sh www first`);

// Every way a pasted page could try to run script in the demo. Each one
// would set window.__pwned (in the demo or its parent) or open a dialog.
const HOSTILE = `<!doctype html><html><head><title>Hostile page</title>
<script>parent.__pwned = 'script'; window.__pwned = 'script'; alert('script')</script>
<meta http-equiv="refresh" content="0;url=javascript:parent.__pwned='refresh'">
</head><body><article><h1>A hostile page with a real article</h1>
<img src="x" onerror="parent.__pwned = 'onerror'; alert('onerror')">
<p>This page carries a paragraph long enough to be taken for an article, so that the engine returns content and the reader view renders it.<img src=x onerror="top.__pwned='inline onerror'"></p>
<p>It also holds <a href="javascript:parent.__pwned='link'">a javascript link</a>, an <svg><script>parent.__pwned='svg'</script></svg> SVG script,
<iframe srcdoc="<script>top.__pwned='srcdoc'</script>"></iframe> a srcdoc frame and <object data="javascript:top.__pwned='object'"></object> an object.</p>
<p>A second paragraph keeps the text above the length threshold: readers deserve a clean view, and hostile pages deserve nothing but text.
<noscript><p title="</noscript><img src=x onerror=top.__pwned='mxss'>"></p></noscript> <form action="javascript:top.__pwned='form'"><button>Go</button></form></p>
<details open ontoggle="top.__pwned='ontoggle'"><summary>More</summary><p>Details text.</p></details>
</article></body></html>`;

describe('demo site in Chromium', { skip }, () => {
  let chrome;
  let site;
  let page;
  const problems = [];
  const dialogs = [];

  before(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    site = await serveDir(WWW);
    chrome = await launch();
    // Nothing leaves the machine: remote images in the samples get nothing.
    await chrome.context.route(
      (url) => !url.href.startsWith(`${site.origin}/`) && url.protocol.startsWith('http'),
      (route) => route.fulfill({ status: 204, body: '' }),
    );
    page = await chrome.context.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    await page.goto(`${site.origin}/`);
    await page.waitForFunction(() => document.documentElement.dataset.engine, null, { timeout: 60_000 });
  });

  after(async () => {
    await chrome?.close();
    await site?.close();
  });

  it('loads the engine (wasm served as application/wasm) and shows its version', async () => {
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), 'ready');
    assert.match(await page.locator('#version').innerText(), /^\d+\.\d+\.\d+/);
    assert.deepEqual(problems, []);
  });

  it('cleans the mirror sample: the AP story and its metadata, none of the template', { skip: !fs.existsSync(MIRROR) && 'the mirror sample needs ../shared/fixtures' }, async () => {
    await page.selectOption('#sample', 'infinite-edge-capital.html');
    await page.waitForSelector('#panel-reader .reader-article');
    const text = await page.locator('#panel-reader .reader-content').innerText();
    const squash = (s) => s.replace(/\s+/g, ' ');
    const expected = fs.readFileSync(path.join(MIRROR_FIXTURE, 'expected.txt'), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    for (const paragraph of expected) {
      assert.ok(squash(text).includes(squash(paragraph)), `missing: ${paragraph.slice(0, 80)}`);
    }
    const all = await page.locator('#panel-reader').innerText();
    for (const line of fs.readFileSync(path.join(MIRROR_FIXTURE, 'must-not-contain.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)) {
      assert.ok(!all.includes(line), `clutter shown: ${line}`);
    }
    const meta = JSON.parse(fs.readFileSync(path.join(MIRROR_FIXTURE, 'expected-metadata.json'), 'utf8'));
    assert.equal(await page.locator('[data-field="title"]').innerText(), meta.title);
    assert.match(await page.locator('[data-field="elapsed"]').innerText(), /^\d+(\.\d)? ms$/);
    assert.match(await page.locator('[data-field="readingTime"]').innerText(), /^\d+ min \(/);
    assert.equal(await page.locator('[data-field="readerable"]').innerText(), 'yes');
    // The original sits beside it, sandboxed.
    assert.equal(await page.locator('#original').getAttribute('sandbox'), '');
    await page.screenshot({ path: path.join(ARTIFACTS, 'www-mirror.png') });
  });

  it('shows the HTML, Markdown and text outputs in tabs, by keyboard too', async () => {
    await page.selectOption('#sample', 'harbor-bridge.html');
    await page.waitForFunction(() => document.querySelector('[data-field="title"]').textContent.includes('Harbor bridge'));
    await page.click('#tab-markdown');
    assert.match(await page.locator('#out-markdown').innerText(), /^# Harbor bridge reopens/m);
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-text');
    assert.equal(await page.locator('#panel-text').isVisible(), true);
    assert.match(await page.locator('#out-text').innerText(), /The harbor bridge reopened to traffic/);
    await page.click('#tab-html');
    assert.match(await page.locator('#out-html').innerText(), /^<(p|div|figure|h\d|article|section)/);
    await page.click('#tab-reader');
  });

  it('theme and font controls change the rendering', async () => {
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await page.selectOption('#theme', 'dark');
    assert.notEqual(await bg(), light);
    await page.screenshot({ path: path.join(ARTIFACTS, 'www-dark.png') });
    await page.selectOption('#theme', 'system');
    const size = () => page.evaluate(() => getComputedStyle(document.querySelector('.reader-article')).fontSize);
    const before = await size();
    await page.click('[data-action="larger"]');
    assert.notEqual(await size(), before);
    await page.click('[data-action="smaller"]');
  });

  it('runs nothing from a pasted hostile page, in the reader or in the original', async () => {
    await page.fill('#html', HOSTILE);
    await page.fill('#url', '');
    await page.click('#run');
    await page.waitForFunction(() => document.querySelector('[data-field="title"]').textContent.includes('hostile page'));
    await page.waitForTimeout(1000); // give any handler time to fire
    const text = await page.locator('#panel-reader .reader-content').innerText();
    assert.match(text, /long enough to be taken for an article/);
    const pwned = await page.evaluate(() => window.__pwned);
    assert.equal(pwned, undefined, `a vector ran: ${pwned}`);
    for (const frame of page.frames()) {
      assert.equal(await frame.evaluate(() => window.__pwned).catch(() => undefined), undefined, `ran in ${frame.url()}`);
    }
    assert.deepEqual(dialogs, []);
    const html = await page.locator('#panel-reader').innerHTML();
    assert.doesNotMatch(html, /<script|onerror|ontoggle|javascript:|<iframe|<object|<form/i);
    assert.equal(page.url(), `${site.origin}/`);
    assert.deepEqual(problems, []);
  });

  it('says so when a page has no article', async () => {
    await page.fill('#html', '<html><body><nav><a href="/a">A</a> <a href="/b">B</a></nav><form><input name="q"></form></body></html>');
    await page.click('#run');
    await page.waitForSelector('#message:not([hidden])');
    assert.match(await page.locator('#message').innerText(), /No article/);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.selectOption('#sample', 'night-ferry.html');
    await page.waitForSelector('#panel-reader .reader-article');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'www-phone.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
  });
});
