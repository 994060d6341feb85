// The browser extension end to end, in Debian's Chromium with the unpacked
// build from dist/extension/chromium (./build.sh extension): the real toolbar
// action is fired with the DevTools call Extensions.triggerAction, on pages
// served from 127.0.0.1, one of them under a strict CSP (default-src 'self').
//
//   node --test tests/js/extension.test.mjs
//
// Screenshots of the reader view (light and dark) go to dist/test-artifacts/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';

import { chromiumProblem, launch, serve, tabTargetOf, until } from './chromium.mjs';
import { ROOT } from './helpers.mjs';

const EXTENSION = path.join(ROOT, 'dist', 'extension', 'chromium');
const ARTIFACTS = path.join(ROOT, 'dist', 'test-artifacts');
const PAGES = path.join(ROOT, 'tests', 'js', 'pages');
const MIRROR = path.join(ROOT, '..', 'shared', 'fixtures', 'infinite-edge-capital');
const STRICT_CSP = { 'content-security-policy': "default-src 'self'" };
// Inline styles on <html> and <body>, oddly spaced, that closing the reader
// must give back byte for byte (under a strict CSP, still not applied).
const STYLED = fs.readFileSync(path.join(ROOT, 'samples', 'night-ferry.html'), 'utf8')
  .replace('<html lang="en">', '<html lang="en" style="scroll-behavior:smooth;  color:#222">')
  .replace('<body>', '<body style="margin:0 ;padding-bottom:1200px">');

// Over the 64 MiB an extension message can hold (ASCII, so as many bytes as
// characters): paragraphs of an article, no markup the engine would stop on.
const MESSAGE_LIMIT = 64 * 1024 * 1024;
function hugePage() {
  const paragraph = `<p>${'The ferry sails at night between the harbour town and the islands. '.repeat(15)}</p>\n`;
  const count = Math.ceil((MESSAGE_LIMIT + 1024 * 1024) / paragraph.length);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A long page</title></head><body><article><h1>A long page</h1>\n${paragraph.repeat(count)}</article></body></html>`;
}

const HUGE = hugePage();
assert.ok(HUGE.length > MESSAGE_LIMIT);

const skip = chromiumProblem()
  ?? (fs.existsSync(path.join(EXTENSION, 'manifest.json'))
    ? false
    : `${EXTENSION} not built: run ./build.sh extension first`);

describe('extension in Chromium', { skip }, () => {
  let chrome;
  let site;
  const swLog = []; // the background's console, shown when a step times out

  before(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const routes = {
      '/article': { file: path.join(ROOT, 'samples', 'night-ferry.html') },
      '/strict': { file: path.join(ROOT, 'samples', 'night-ferry.html'), headers: STRICT_CSP },
      '/sample': { file: path.join(ROOT, 'samples', 'harbor-bridge.html'), headers: STRICT_CSP },
      '/no-article': { file: path.join(PAGES, 'no-article.html') },
      // Inline styles on <html> and <body>, oddly spaced, that closing must give back byte for byte.
      '/styled': { body: STYLED },
      '/styled-strict': { body: STYLED, headers: STRICT_CSP },
      '/huge': { body: HUGE },
      '/rtl': { file: path.join(ROOT, 'tests', 'fixtures', 'rtl-arabic', 'source.html') },
    };
    if (fs.existsSync(MIRROR)) routes['/mirror'] = { file: path.join(MIRROR, 'source.html') };
    site = await serve(routes);
    chrome = await launch({ extension: EXTENSION });
    for (const worker of chrome.context.serviceWorkers()) {
      worker.on('console', (m) => swLog.push(`${m.type()}: ${m.text()}`));
    }
    // Nothing leaves the machine: third-party requests (the mirror page's
    // ads, trackers and images) get an empty answer.
    await chrome.context.route(
      (url) => !url.href.startsWith(`${site.origin}/`) && url.protocol.startsWith('http'),
      (route) => route.fulfill({ status: 204, body: '' }),
    );
  });

  after(async () => {
    await chrome?.close();
    await site?.close();
  });

  // A test that fails leaves no page behind for the next one to trip over.
  afterEach(async () => {
    for (const page of chrome?.context.pages() ?? []) {
      if (page.url() !== 'about:blank') await page.close().catch(() => {});
    }
  });

  async function openPage(route) {
    const page = await chrome.context.newPage();
    await page.goto(`${site.origin}${route}`, { waitUntil: 'domcontentloaded' });
    return page;
  }

  /** The real toolbar click. */
  async function clickAction(page) {
    await page.bringToFront();
    const targetId = await tabTargetOf(chrome.cdp, page);
    await chrome.cdp.send('Extensions.triggerAction', { id: chrome.extensionId, targetId });
  }

  function readerFrame(page) {
    return page.frames().find((f) => f.url().startsWith(`chrome-extension://${chrome.extensionId}/reader.html`));
  }

  async function openReader(page) {
    await clickAction(page);
    const frame = await until(() => readerFrame(page), 20_000, 'the reader frame')
      .catch(async (e) => {
        const host = await page.evaluate(() => Boolean(document.querySelector('lectern-reader')));
        throw new Error(`${e.message} (host element present: ${host}; background log: ${swLog.join(' | ')})`);
      });
    await frame.waitForSelector('.reader-article', { timeout: 20_000 });
    // Shown once the background has the article (it loads hidden).
    await until(
      () => page.evaluate(() => getComputedStyle(document.querySelector('lectern-reader')).visibility === 'visible'),
      10_000,
      'the reader to show',
    );
    return frame;
  }

  async function closeReader(page) {
    await clickAction(page);
    await until(
      async () => !readerFrame(page) && (await page.evaluate(() => !document.querySelector('lectern-reader'))),
      10_000,
      'the reader to close',
    );
  }

  it('binds a keyboard shortcut by default and shows the bound one in the toolbar tooltip', async () => {
    const [worker] = chrome.context.serviceWorkers();
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    const action = commands.find((c) => c.name === '_execute_action');
    assert.ok(action, `no _execute_action command: ${JSON.stringify(commands)}`);
    // An empty shortcut means the browser refused the suggested key.
    assert.equal(action.shortcut, 'Alt+Shift+K');
    // Set at runtime from commands.getAll(), so a shortcut the user changed shows too.
    await until(
      async () => (await worker.evaluate(() => chrome.action.getTitle({}))) === 'Toggle reader view (Alt+Shift+K)',
      5_000,
      'the tooltip to name the bound shortcut',
    ).catch(async (e) => {
      throw new Error(`${e.message}: ${await worker.evaluate(() => chrome.action.getTitle({}))}`);
    });
  });

  it('shows the article with its metadata on a page with a strict CSP, and restores the page exactly', async () => {
    const page = await openPage('/strict');
    await page.fill('#comment', 'A comment typed before reading');
    await page.evaluate(() => window.scrollTo(0, 300));
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    const scrollBefore = await page.evaluate(() => window.scrollY);

    const frame = await openReader(page);
    const text = await frame.locator('.reader-article').innerText();
    assert.match(text, /Night ferry service returns to the northern islands/);
    assert.match(text, /The night ferry between the harbour town/);
    assert.match(text, /The first sailing is planned for the evening of June 2/);
    for (const clutter of ['Subscribe today', 'Most read', 'Storm closes coastal road', 'All rights reserved', 'Your comment']) {
      assert.ok(!text.includes(clutter), `clutter in the reader view: ${clutter}`);
    }
    assert.equal(await frame.locator('.reader-byline').innerText(), 'Tomas Berglund');
    assert.equal(await frame.locator('.reader-site').innerText(), 'ISLAND COURIER'); // shown uppercase by CSS
    assert.equal(await frame.locator('.reader-date').getAttribute('datetime'), '2025-05-06T07:30:00Z');
    assert.match(await frame.locator('.reader-time').innerText(), /^\d+ min read$/);
    assert.equal(await frame.locator('.reader-original').getAttribute('href'), `${site.origin}/strict`);
    // The page's scripts cannot reach into the reader.
    assert.equal(await page.evaluate(() => document.querySelector('lectern-reader').shadowRoot), null);

    await closeReader(page);
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before);
    assert.equal(await page.evaluate(() => window.scrollY), scrollBefore);
    assert.equal(await page.inputValue('#comment'), 'A comment typed before reading');
    await page.close();
  });

  it('theme, font, size and width change the rendering at once and persist across toggles', async () => {
    const page = await openPage('/sample');
    let frame = await openReader(page);
    const look = (f) => f.evaluate(() => {
      const article = document.querySelector('.reader-article');
      const css = getComputedStyle(article);
      return {
        theme: document.documentElement.dataset.theme ?? 'system',
        background: getComputedStyle(document.documentElement).backgroundColor,
        font: css.fontFamily,
        size: css.fontSize,
        width: css.maxWidth,
      };
    });
    const initial = await look(frame);
    assert.equal(initial.theme, 'system');
    assert.equal(initial.size, '20px');
    await page.screenshot({ path: path.join(ARTIFACTS, 'extension-reader-light.png') });

    await frame.selectOption('#theme', 'dark');
    await frame.selectOption('#font', 'sans');
    await frame.selectOption('#width', 'wide');
    await frame.click('[data-action="larger"]');
    const changed = await look(frame);
    assert.equal(changed.theme, 'dark');
    assert.notEqual(changed.background, initial.background);
    assert.notEqual(changed.font, initial.font);
    assert.equal(changed.size, '22px');
    assert.notEqual(changed.width, initial.width);
    await page.screenshot({ path: path.join(ARTIFACTS, 'extension-reader-dark.png') });

    await closeReader(page);
    frame = await openReader(page);
    await until(async () => (await look(frame)).theme === 'dark', 5_000, 'the stored settings');
    assert.deepEqual(await look(frame), changed);
    assert.equal(await frame.inputValue('#theme'), 'dark');

    // Back to the defaults for the other tests.
    await frame.selectOption('#theme', 'system');
    await frame.selectOption('#font', 'serif');
    await frame.selectOption('#width', 'medium');
    await frame.click('[data-action="smaller"]');
    await closeReader(page);
    await page.close();
  });

  it('Escape and the back button close the reader from the keyboard', async () => {
    const page = await openPage('/article');
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    let frame = await openReader(page);
    // A real key event, sent through the reader frame's own DevTools session
    // (the frame is out of process). Playwright's press waits on the frame
    // that the key removes and could hang; the page's keyboard does not
    // always reach a focused out-of-process frame in headless Chromium.
    await frame.locator('#reader').focus();
    const keys = await chrome.context.newCDPSession(frame);
    const escape = { key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27, nativeVirtualKeyCode: 27 };
    await keys.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...escape });
    keys.send('Input.dispatchKeyEvent', { type: 'keyUp', ...escape }).catch(() => {});
    await until(async () => page.evaluate(() => !document.querySelector('lectern-reader')), 10_000, 'Escape to close');
    frame = await openReader(page);
    // A real click through the frame's session, for the same reason.
    const box = await frame.evaluate(() => {
      const r = document.getElementById('close').getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    const mouse = await chrome.context.newCDPSession(frame);
    await mouse.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...box, button: 'left', clickCount: 1 });
    mouse.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...box, button: 'left', clickCount: 1 }).catch(() => {});
    await until(async () => page.evaluate(() => !document.querySelector('lectern-reader')), 10_000, 'the button to close');
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before);
    await page.close();
  });

  /** A real left click on `selector` in the reader frame, through the frame's own session. */
  async function clickInFrame(frame, selector) {
    const box = await frame.evaluate((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }, selector);
    const mouse = await chrome.context.newCDPSession(frame);
    await mouse.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...box, button: 'left', clickCount: 1 });
    mouse.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...box, button: 'left', clickCount: 1 }).catch(() => {});
  }

  it('the "Original page" link closes the reader like the back button: no reload, typed input kept', async () => {
    const page = await openPage('/article');
    await page.fill('#name', 'Typed before reading');
    // Gone if the page is loaded again.
    await page.evaluate(() => { window.lecternTestMark = 'still this page'; });
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    const frame = await openReader(page);
    await clickInFrame(frame, '.reader-original');
    await until(
      async () => page.evaluate(() => !document.querySelector('lectern-reader')).catch(() => false),
      10_000,
      'the link to close the reader',
    );
    await page.waitForLoadState('domcontentloaded');
    assert.equal(await page.evaluate(() => window.lecternTestMark), 'still this page', 'the page was loaded again');
    assert.equal(await page.inputValue('#name'), 'Typed before reading');
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before);
    await page.close();
  });

  for (const [route, what] of [['/styled', ''], ['/styled-strict', ' (strict CSP)']]) {
    it(`only the reader scrolls while it is open; the page scrolls again, where it was, after${what}`, async () => {
      const page = await openPage(route);
      const state = () => page.evaluate(() => ({
        html: document.documentElement.getAttribute('style'),
        body: document.body.getAttribute('style'),
        // What the inline styles do (a strict CSP keeps them from applying).
        applied: [getComputedStyle(document.documentElement).color, getComputedStyle(document.body).paddingBottom],
        x: window.scrollX,
        y: window.scrollY,
        scrollbar: window.innerWidth - document.documentElement.clientWidth,
      }));
      // Halfway down (under the strict CSP the page is shorter: no padding).
      const top = await page.evaluate(() => {
        window.scrollTo({ top: Math.floor((document.documentElement.scrollHeight - window.innerHeight) / 2), behavior: 'instant' });
        return window.scrollY;
      });
      const before = await state();
      const html = await page.evaluate(() => document.documentElement.outerHTML);
      assert.ok(top > 0);
      assert.ok(before.scrollbar > 0, 'the page should show its own scrollbar');

      const frame = await openReader(page);
      const open = await state();
      assert.equal(open.scrollbar, 0, "the page's scrollbar is drawn over the reader");
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).overflowY), 'hidden');
      // The wheel where the page's scrollbar was: the reader scrolls, the page does not.
      const size = page.viewportSize() ?? await page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight }));
      await page.mouse.move(size.width - 5, size.height / 2);
      await page.mouse.wheel(0, 600);
      const readerY = () => frame.evaluate(() => window.scrollY);
      await until(async () => (await readerY()) > 0 || (await state()).y !== top, 5_000, 'something to scroll');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await state()).y, top, 'the page under the reader scrolled');
      assert.ok((await readerY()) > 0, 'the reader did not scroll');

      await closeReader(page);
      assert.deepEqual(await state(), before);
      assert.equal(await page.evaluate(() => document.documentElement.outerHTML), html);
      await page.close();
    });
  }

  it('draws no focus ring around the whole article, and does not hyphenate headings', async () => {
    const page = await openPage('/article');
    const frame = await openReader(page);
    const look = await frame.evaluate(() => {
      const main = document.getElementById('reader');
      const css = getComputedStyle(main);
      return {
        focused: document.activeElement === main,
        outline: css.outlineStyle === 'none' ? 'none' : `${css.outlineWidth} ${css.outlineStyle}`,
        title: getComputedStyle(document.querySelector('.reader-title')).hyphens,
        text: getComputedStyle(document.querySelector('.reader-content p')).hyphens,
      };
    });
    // Focused so that the keyboard scrolls the article at once, but no ring.
    assert.deepEqual(look, { focused: true, outline: 'none', title: 'none', text: 'auto' });
    await closeReader(page);
    await page.close();
  });

  it('cleans the mirror page: the AP story and none of the template', { skip: !fs.existsSync(MIRROR) && `${MIRROR} not found` }, async () => {
    const page = await openPage('/mirror');
    const frame = await openReader(page);
    const text = await frame.locator('.reader-content').innerText();
    const expected = fs.readFileSync(path.join(MIRROR, 'expected.txt'), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    const squash = (s) => s.replace(/\s+/g, ' ');
    for (const paragraph of expected) {
      assert.ok(squash(text).includes(squash(paragraph)), `missing from the reader view: ${paragraph.slice(0, 80)}`);
    }
    const all = await frame.locator('.reader-article').innerText();
    for (const line of fs.readFileSync(path.join(MIRROR, 'must-not-contain.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)) {
      assert.ok(!all.includes(line), `clutter in the reader view: ${line}`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'extension-mirror.png') });
    await closeReader(page);
    await page.close();
  });

  it('renders right-to-left articles right to left, in their language', async () => {
    const page = await openPage('/rtl');
    const frame = await openReader(page);
    const article = frame.locator('.reader-article');
    assert.equal(await article.getAttribute('dir'), 'rtl');
    assert.equal(await article.getAttribute('lang'), 'ar');
    assert.equal(await article.evaluate((el) => getComputedStyle(el).direction), 'rtl');
    await closeReader(page);
    await page.close();
  });

  it('says so when there is no article, and leaves the page as it was', async () => {
    const page = await openPage('/no-article');
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    await clickAction(page);
    const notice = page.locator('lectern-notice [role="status"]');
    await notice.waitFor({ timeout: 20_000 });
    assert.match(await notice.innerText(), /no article/i);
    await until(() => !readerFrame(page), 10_000, 'the hidden reader frame to go');
    const withoutNotice = await page.evaluate(() => {
      const copy = document.documentElement.cloneNode(true);
      copy.querySelector('lectern-notice')?.remove();
      return copy.outerHTML;
    });
    assert.equal(withoutNotice, before);
    await until(async () => page.evaluate(() => !document.querySelector('lectern-notice')), 15_000, 'the notice to go');
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before);
    await page.close();
  });

  it('says so when the page is too large to pass to the engine, and leaves the page as it was', async () => {
    const page = await openPage('/huge');
    await clickAction(page);
    const notice = page.locator('lectern-notice [role="status"]');
    await notice.waitFor({ timeout: 30_000 }).catch(async (e) => {
      throw new Error(`${e.message} (background log: ${swLog.join(' | ')})`);
    });
    assert.match(await notice.innerText(), /too large/i);
    assert.match(await notice.innerText(), /MiB/);
    assert.equal(readerFrame(page), undefined, 'a reader frame was opened');
    assert.equal(await page.evaluate(() => document.querySelectorAll('lectern-reader').length), 0);
    await page.close();
  });

  it('on a page where the browser lets no extension run, the button says so and is disabled there', async () => {
    const [worker] = chrome.context.serviceWorkers();
    const page = await chrome.context.newPage();
    await page.goto('chrome://version/');
    const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id);
    const state = () => worker.evaluate(async (id) => ({
      badge: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
      enabled: await chrome.action.isEnabled(id),
    }), tabId);
    const normal = await state();
    assert.equal(normal.enabled, true);
    await clickAction(page);
    const marked = await until(async () => {
      const now = await state();
      return now.badge === '!' && now;
    }, 10_000, 'the button to show the page is off limits').catch(async (e) => {
      throw new Error(`${e.message}: ${JSON.stringify(await state())}`);
    });
    assert.match(marked.title, /not available on this page/);
    assert.equal(marked.enabled, false);
    // Another page in the tab: the button works again.
    await page.goto(`${site.origin}/article`, { waitUntil: 'domcontentloaded' });
    await until(async () => (await state()).enabled, 10_000, 'the button to work again');
    assert.deepEqual(await state(), normal);
    await openReader(page);
    await closeReader(page);
    await page.close();
  });

  it('at phone width the toolbar is one opaque row that hides while reading down and comes back on the way up', async () => {
    const page = await chrome.context.newPage();
    await page.setViewportSize({ width: 375, height: 700 });
    await page.goto(`${site.origin}/article`, { waitUntil: 'domcontentloaded' });
    const frame = await openReader(page);
    const bar = () => frame.evaluate(() => {
      const toolbar = document.getElementById('controls');
      const r = toolbar.getBoundingClientRect();
      return {
        width: window.innerWidth,
        top: r.top,
        bottom: r.bottom,
        height: r.height,
        background: getComputedStyle(toolbar).backgroundColor,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    const shown = await bar();
    assert.equal(shown.width, 375);
    assert.ok(shown.height < 60, `the toolbar is ${shown.height}px high (more than one row)`);
    assert.match(shown.background, /^rgb\(/, `the toolbar lets the text show through: ${shown.background}`);
    assert.equal(shown.top, 0);
    assert.ok(shown.overflow <= 0, `the reader is ${shown.overflow}px wider than the screen`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'extension-phone.png') });

    // The wheel over the article, as a reader scrolls.
    await page.mouse.move(187, 400);
    await page.mouse.wheel(0, 500);
    await until(async () => (await bar()).bottom <= 0, 5_000, 'the toolbar to hide on scrolling down')
      .catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify(await bar())}`); });
    assert.ok(await frame.evaluate(() => window.scrollY) > 0);
    await page.mouse.wheel(0, -100);
    await until(async () => (await bar()).top >= 0, 5_000, 'the toolbar to come back on scrolling up')
      .catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify(await bar())}`); });
    assert.ok(await frame.evaluate(() => window.scrollY) > 0, 'scrolled back to the top');
    await closeReader(page);
    await page.close();
  });
});
