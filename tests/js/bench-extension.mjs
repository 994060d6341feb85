// Benchmark (not a test): time from the toolbar toggle to the article painted,
// in Chromium with the extension, over ../shared/corpus/readability-test-pages
// served live from 127.0.0.1; next to Readability.js (npm @mozilla/readability)
// run on the same live pages in the same browser session.
//
//   node tests/js/bench-extension.mjs [--limit N]
//
// Lectern: from just before Extensions.triggerAction (the real toolbar click)
// to the reader frame's 'lectern-article-painted' mark (set once the frame
// after rendering is painted): injection, page snapshot, messaging, wasm
// extraction in the service worker, frame load and render.
// Readability.js: in the page itself, clone the document, parse, render the
// article into an overlay, and wait for the next painted frame. It skips
// messaging and the frame, so it is the lower bound of an in-page reader.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { chromiumProblem, launch, serve, tabTargetOf, until } from './chromium.mjs';
import { CORPUS, RTP_DIR, ROOT, stats } from './helpers.mjs';

const limitArg = process.argv.indexOf('--limit');
const limit = limitArg > 0 ? Number(process.argv[limitArg + 1]) : Infinity;
const EXTENSION = path.join(ROOT, 'dist', 'extension', 'chromium');
const dir = path.join(CORPUS, RTP_DIR);
for (const [problem, why] of [
  [chromiumProblem(), chromiumProblem()],
  [!fs.existsSync(dir), `${dir} not found`],
  [!fs.existsSync(path.join(EXTENSION, 'manifest.json')), `${EXTENSION} not built: ./build.sh extension`],
]) {
  if (problem) {
    console.error(why);
    process.exit(2);
  }
}

const readabilitySource = fs.readFileSync(createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js'), 'utf8');
const cases = fs.readdirSync(dir).filter((c) => fs.existsSync(path.join(dir, c, 'source.html'))).sort().slice(0, limit);
const routes = {};
for (const c of cases) routes[`/rtp/${c}/`] = { file: path.join(dir, c, 'source.html') };
const site = await serve(routes);
const chrome = await launch({ extension: EXTENSION });
// Only the served pages load: the pages' images and scripts on other hosts
// get an empty answer, so the network does not time the run.
await chrome.context.route(
  (url) => !url.href.startsWith(`${site.origin}/`) && url.protocol.startsWith('http'),
  (route) => route.fulfill({ status: 204, body: '' }),
);

const page = await chrome.context.newPage();
const readerFrame = () => page.frames().find((f) => f.url().startsWith(`chrome-extension://${chrome.extensionId}/reader.html`));
const trigger = async () => {
  await chrome.cdp.send('Extensions.triggerAction', { id: chrome.extensionId, targetId: await tabTargetOf(chrome.cdp, page) });
};

const lectern = [];
const readability = [];
const failed = { lectern: [], readability: [] };
for (const c of cases) {
  await page.goto(`${site.origin}/rtp/${c}/`, { waitUntil: 'load' });
  await page.bringToFront();

  // Lectern, through the real toolbar action.
  try {
    const clicked = Date.now();
    await trigger();
    const frame = await until(() => readerFrame(page), 20_000, 'the reader frame');
    const painted = await frame.waitForFunction(() => {
      const [mark] = performance.getEntriesByName('lectern-article-painted');
      return mark ? performance.timeOrigin + mark.startTime : 0;
    }, null, { timeout: 20_000, polling: 20 });
    lectern.push((await painted.jsonValue()) - clicked);
    await trigger();
    await until(async () => !readerFrame(page), 10_000, 'the reader to close');
  } catch (error) {
    failed.lectern.push(`${c}: ${error.message.split('\n')[0]}`);
    await page.reload();
  }

  // Readability.js on the same live page.
  try {
    await page.addScriptTag({ content: readabilitySource });
    const ms = await page.evaluate(() => new Promise((resolve, reject) => {
      const start = performance.now();
      // eslint-disable-next-line no-undef
      const article = new Readability(document.cloneNode(true)).parse();
      if (!article) {
        reject(new Error('no article'));
        return;
      }
      const overlay = document.createElement('div');
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff';
      const title = document.createElement('h1');
      title.textContent = article.title;
      const body = document.createElement('div');
      body.innerHTML = article.content;
      overlay.append(title, body);
      document.documentElement.append(overlay);
      requestAnimationFrame(() => setTimeout(() => {
        resolve(performance.now() - start);
        overlay.remove();
      }, 0));
    }));
    readability.push(ms);
  } catch (error) {
    failed.readability.push(`${c}: ${error.message.split('\n')[0]}`);
  }
}

await chrome.close();
await site.close();

const fmt = (s) => `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, mean ${s.mean.toFixed(1)} ms`;
console.log(`readability-test-pages served from 127.0.0.1, ${cases.length} pages, Chromium ${chrome.browser.version?.() ?? ''}`.trim());
console.log(`Lectern extension, toggle to article painted: ${fmt(stats(lectern))} (${lectern.length} pages)`);
console.log(`Readability.js 0.6 in the page, parse to painted: ${fmt(stats(readability))} (${readability.length} pages)`);
for (const [who, list] of Object.entries(failed)) {
  if (list.length) console.log(`${who}: no article painted on ${list.length} pages: ${list.slice(0, 5).join('; ')}${list.length > 5 ? ' ...' : ''}`);
}
