// The npm package in a real browser, with no bundler: a plain HTML page whose
// ES module script does `import init, { extract } from './pkg/index.js';
// await init();`, served with pkg/ and the sample page by a node:http server
// on 127.0.0.1, opened in Debian's Chromium through playwright-core.
//
//   node --test tests/js/browser.test.mjs
//
// Needs /usr/bin/chromium (apt-get install -y chromium; LECTERN_CHROMIUM
// overrides the path) and `npm ci` in tests/js (for playwright-core). Never
// downloads a browser.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { PKG, ROOT, SAMPLE_URL, importPkgForNode, pkgProblem } from './helpers.mjs';

const CHROMIUM = process.env.LECTERN_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const skip = fs.existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} not found: install it with apt-get install -y chromium (.ci/run does)`;

/** A 1x1 transparent GIF, for the article's images. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** The page every test opens: the way a site without a bundler would use the package. */
const PAGE = (initCall) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>lectern in a browser</title></head>
<body>
<main id="reader"></main>
<script type="module">
import init, { extract, isProbablyReaderable, toMarkdown, readerPage, version } from './pkg/index.js';

const out = {};
try {
  await ${initCall};
  const html = await (await fetch('./samples/harbor-bridge.html')).text();
  const article = extract(html, { url: ${JSON.stringify(SAMPLE_URL)} });
  out.article = article;
  out.readerable = isProbablyReaderable(html, { url: ${JSON.stringify(SAMPLE_URL)} });
  out.version = version();
  out.markdown = toMarkdown(article);
  out.readerPage = readerPage(article);
  // Show it as a reader would see it, and read the paragraphs back from the DOM.
  document.getElementById('reader').innerHTML = article.content;
  out.paragraphs = [...document.querySelectorAll('#reader p')].map((p) => p.textContent.trim());
  out.errors = {};
  for (const [name, run] of [
    ['empty', () => extract('')],
    ['badOptions', () => extract(html, { charThreshold: 'x' })],
    ['badUrl', () => extract(html, { url: 'not a url' })],
  ]) {
    try {
      run();
      out.errors[name] = { returned: true };
    } catch (e) {
      out.errors[name] = { isError: e instanceof Error, kind: e.kind, message: e.message, name: e.constructor.name };
    }
  }
  out.afterErrors = extract(html, { url: ${JSON.stringify(SAMPLE_URL)} }).title;
} catch (e) {
  out.fatal = String((e && e.stack) || e);
}
window.__lectern = out;
</script>
</body>
</html>
`;

function serve(pagesDir) {
  const roots = { '/pkg/': PKG, '/samples/': path.join(ROOT, 'samples'), '/': pagesDir };
  const served = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const prefix = Object.keys(roots).find((p) => url.pathname.startsWith(p));
    const base = roots[prefix];
    const file = path.resolve(base, decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html');
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      served.push({ path: url.pathname, status: 404 });
      return;
    }
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
    served.push({ path: url.pathname, status: 200, type });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, served, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

describe('lectern npm package in Chromium, no bundler', { skip }, () => {
  let tmp;
  let http;
  let context;
  let expected; // the same extraction in Node, for equality

  before(async () => {
    assert.equal(pkgProblem(), null, pkgProblem() ?? '');
    let chromium;
    try {
      ({ chromium } = await import('playwright-core'));
    } catch (e) {
      throw new Error(`playwright-core is not installed: run npm ci in tests/js (${e.message})`, { cause: e });
    }
    const node = await importPkgForNode();
    expected = node.extract(fs.readFileSync(path.join(ROOT, 'samples', 'harbor-bridge.html'), 'utf8'), { url: SAMPLE_URL });

    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-browser-'));
    const pages = path.join(tmp, 'www');
    fs.mkdirSync(pages);
    const wasmFile = fs.readdirSync(PKG).find((f) => f.endsWith('.wasm'));
    fs.writeFileSync(path.join(pages, 'index.html'), PAGE('init()'));
    fs.writeFileSync(
      path.join(pages, 'explicit.html'),
      PAGE(`init({ module_or_path: new URL('./pkg/${wasmFile}', location.href) })`),
    );
    http = await serve(pages);
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    // Nothing leaves the machine: the article's images (on the sample's made-up
    // host) get an empty answer from here instead of a DNS lookup.
    await context.route(
      (url) => !url.href.startsWith(`${http.origin}/`),
      (route) => route.fulfill({ status: 200, contentType: 'image/gif', body: GIF }),
    );
  });

  after(async () => {
    await context?.close();
    await new Promise((r) => (http ? http.server.close(r) : r()));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function open(pagePath) {
    const page = await context.newPage();
    const problems = [];
    const requests = [];
    const firstServed = http.served.length;
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${http.origin}${pagePath}`);
    await page.waitForFunction(() => window.__lectern !== undefined, null, { timeout: 60_000 });
    const out = await page.evaluate(() => window.__lectern);
    await page.close();
    return { out, problems, requests, served: http.served.slice(firstServed) };
  }

  for (const [pagePath, how] of [
    ['/index.html', 'await init()'],
    ['/explicit.html', 'await init({ module_or_path: url })'],
  ]) {
    it(`${how}, then extract the sample page`, async () => {
      const { out, problems, requests, served } = await open(pagePath);
      assert.equal(out.fatal, undefined, `the page failed: ${out.fatal}`);
      assert.deepEqual(problems, [], 'errors in the browser console');
      // Only the article's own images may point off the test server.
      const imageOrigin = new URL(SAMPLE_URL).origin;
      for (const u of requests) {
        assert.ok(
          u.startsWith(`${http.origin}/`) || u.startsWith(`${imageOrigin}/img/`),
          `the page fetched something unexpected: ${u}`,
        );
      }
      assert.ok(
        served.some((s) => s.path.endsWith('.wasm') && s.status === 200 && s.type === 'application/wasm'),
        'the .wasm file was not fetched from the server',
      );

      const a = out.article;
      assert.equal(a.title, 'Harbor bridge reopens after two years of repairs');
      assert.equal(a.siteName, 'Harbor Times');
      assert.ok(out.paragraphs.length >= 8, `only ${out.paragraphs.length} paragraphs: ${JSON.stringify(out.paragraphs)}`);
      assert.match(out.paragraphs[0], /^The harbor bridge reopened to traffic on Thursday morning/);
      assert.ok(out.paragraphs.some((p) => p.startsWith('Cyclists will have to wait')), 'the last paragraph is missing');
      for (const clutter of ['Views:', 'veryGood!', 'Ranking']) {
        assert.ok(!a.textContent.includes(clutter), `clutter in the article: ${clutter}`);
      }
      assert.equal(out.readerable, true);
      assert.equal(typeof out.markdown, 'string');
      assert.match(out.markdown, /The harbor bridge reopened/);
      assert.match(out.readerPage, /<html/i);
      // The browser's wasm gives exactly what Node's does.
      assert.deepEqual(a, expected);

      assert.deepEqual(
        { isError: out.errors.empty.isError, kind: out.errors.empty.kind },
        { isError: true, kind: 'NoArticle' },
        `extract('') gave ${JSON.stringify(out.errors.empty)}`,
      );
      assert.ok(out.errors.empty.message, 'the NoArticle Error has no message');
      assert.equal(out.errors.badOptions.kind, 'InvalidOptions', JSON.stringify(out.errors.badOptions));
      assert.equal(out.errors.badUrl.kind, 'InvalidUrl', JSON.stringify(out.errors.badUrl));
      assert.equal(out.afterErrors, a.title, 'the instance broke after the errors');
    });
  }
});
