// The XSS corpus (tests/xss/vectors.txt) through the wasm package and then
// into real headless Chromium, rendered by the extension's own reader view
// (extension/reader-view.js renderArticle + extension/reader.css).
//
//   node --test tests/js/xss.test.mjs        (or: npm run test:xss)
//
// tests/xss.rs checks the same outputs statically; this proves them inert in
// a browser. Each vector is wrapped in tests/xss/article.html twice (between
// paragraphs, and mid-sentence), extracted in Node with the npm package, and
// every article is rendered, 50 to a page, into a page of our own served from
// 127.0.0.1. That page has NO Content-Security-Policy, unlike the extension's
// reader page: the sanitized output alone must be safe, not the output plus
// the CSP.
//
// Before anything renders, hooks record what a vector would do if it got
// through: window.__xss(id) calls (the payload of every vector, bound in
// every frame), dialogs, popups, any child frame, any navigation of the main
// page, uncaught page errors, cookies, and every request that leaves
// 127.0.0.1. Nothing is hovered, focused or clicked: what fires by itself
// (onerror, onload, autofocus, ontoggle, animations, meta refresh) is what
// is tested; what needs a click is the static test's business.
//
// Requests, decided as follows: an image request to any host is allowed when
// an <img>/<source> of the rendered reader asks for that URL (a plain
// `<img src="http://...">` is legitimate article content); everything else
// that leaves 127.0.0.1 fails, whatever its host: a stylesheet, script, font,
// frame, media, ping or beacon, and any image no <img> explains (a CSS
// background from a style that slipped through). Off-machine requests never
// go out: images get a 1x1 GIF when their path looks like an image (so onload
// vectors can fire) and everything else is aborted (so onerror vectors can).
//
// Needs pkg/ (./build.sh wasm) and /usr/bin/chromium (LECTERN_CHROMIUM
// overrides); skips with the reason when either is missing.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { chromiumProblem, launch, serve } from './chromium.mjs';
import { ROOT, importPkgForNode, pkgProblem, pkgStaleness } from './helpers.mjs';

const VECTORS = path.join(ROOT, 'tests', 'xss', 'vectors.txt');
const ARTICLE = path.join(ROOT, 'tests', 'xss', 'article.html');
const PAGE_URL = 'https://news.example/story.html';
const PER_PAGE = 50;
// Time for what fires by itself after render: image errors, animations,
// autofocus, a 0-second meta refresh.
const SETTLE_MS = 500;

const skip = chromiumProblem() ?? pkgProblem() ?? false;

/** A 1x1 transparent GIF, for off-machine image requests. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * Records of vectors.txt as { id, family, html }, by the rules in its header
 * (and tests/xss.rs's parse_vectors, which this mirrors): throws on anything
 * malformed rather than quietly testing fewer vectors.
 */
function parseVectors(text) {
  const chunks = [[]];
  for (const line of text.split('\n')) {
    if (line === '----') chunks.push([]);
    else chunks.at(-1).push(line);
  }
  const counters = new Map();
  const out = [];
  chunks.forEach((chunk, i) => {
    let start = chunk.findIndex((l) => l.trim() !== '');
    if (start < 0) start = chunk.length;
    let end = chunk.length;
    while (end > start && chunk[end - 1].trim() === '') end--;
    const lines = chunk.slice(start, end);
    if (i === 0) {
      if (!lines.every((l) => l.startsWith('#') && !l.startsWith('# family:'))) {
        throw new Error('vectors.txt: the block before the first ---- must be comment lines only');
      }
      return;
    }
    const m = /^# family: (.+)$/.exec(lines[0] ?? '');
    if (!m) throw new Error(`vectors.txt record ${i}: does not start with '# family: <name>'`);
    const family = m[1].trim();
    const html = lines.slice(1).join('\n');
    if (html.trim() === '') throw new Error(`vectors.txt record ${i} (${family}): empty fragment`);
    const n = (counters.get(family) ?? 0) + 1;
    counters.set(family, n);
    out.push({ id: `${family}-${String(n).padStart(2, '0')}`, family, html });
  });
  return out;
}

/** The article page around a vector, as tests/xss.rs builds it. */
function wrap(page, vector, inline) {
  // Function replacements: a vector's `$&` or `$'` must stay literal.
  return page.replace('{{BLOCK}}', () => (inline ? '' : vector)).replace('{{INLINE}}', () => (inline ? vector : ''));
}

/**
 * The harness page: the extension's reader view and stylesheet, no CSP, and
 * a module script that renders one batch the way extension/reader.js does
 * (same options), then says how many it rendered.
 */
const HARNESS = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>lectern xss harness</title>
<link rel="stylesheet" href="/reader.css">
</head>
<body>
<main id="reader"></main>
<script type="module">
import { renderArticle } from '/reader-view.js';
const batch = new URL(location.href).searchParams.get('batch');
const items = await (await fetch('/batch/' + batch + '.json')).json();
const main = document.getElementById('reader');
for (const item of items) {
  const section = document.createElement('section');
  section.dataset.vector = item.id + ' [' + item.variant + ']';
  main.append(section);
  renderArticle(section, item.article, { originalUrl: ${JSON.stringify(PAGE_URL)}, linkTarget: '_top' });
}
window.__rendered = items.length;
</script>
</body>
</html>
`;

/**
 * Runs in the page after it settles: what the rendered reader holds that the
 * request rule and the static checks need. Image URLs are resolved the way
 * the browser requests them; srcset is split as browsers split it.
 */
function inspectPage() {
  const abs = (u) => {
    try {
      return new URL(u, document.baseURI).href;
    } catch {
      return null;
    }
  };
  // A URL is a run of non-whitespace (trailing commas dropped), then
  // descriptors up to a comma: data: URLs hold commas of their own.
  const srcsetUrls = (srcset) => {
    const urls = [];
    let rest = srcset;
    for (;;) {
      rest = rest.replace(/^[\s,]+/, '');
      if (!rest) return urls;
      const token = /^\S+/.exec(rest)[0];
      rest = rest.slice(token.length);
      urls.push(token.replace(/,+$/, ''));
      if (!token.endsWith(',')) {
        let depth = 0;
        let cut = rest.length;
        for (let i = 0; i < rest.length; i++) {
          if (rest[i] === '(') depth++;
          else if (rest[i] === ')') depth = Math.max(0, depth - 1);
          else if (rest[i] === ',' && depth === 0) {
            cut = i;
            break;
          }
        }
        rest = rest.slice(cut);
      }
    }
  };
  const images = new Set();
  for (const el of document.querySelectorAll('#reader img, #reader source')) {
    if (el.getAttribute('src')) images.add(abs(el.getAttribute('src')));
    for (const u of srcsetUrls(el.getAttribute('srcset') ?? '')) images.add(abs(u));
  }
  // The same rules as tests/xss.rs, on the live DOM: a second opinion on
  // the wasm build's output and on anything the reader view adds.
  const forbidden = 'script,iframe,frame,frameset,object,embed,applet,form,input,button,base,meta,link,style,template,noscript,svg,math,portal,textarea,select';
  const problems = [];
  for (const section of document.querySelectorAll('#reader > section')) {
    const who = section.dataset.vector;
    for (const el of section.querySelectorAll(forbidden)) problems.push(`${who}: <${el.localName}> in the reader`);
    for (const el of section.querySelectorAll('*')) {
      // What a click or a load would use, as the browser resolved it.
      for (const prop of ['href', 'src']) {
        const value = typeof el[prop] === 'string' ? el[prop] : null;
        if (!value) continue;
        let protocol;
        try {
          protocol = new URL(value).protocol;
        } catch {
          continue; // not a URL the browser could follow either
        }
        const rasterData = /^data:image\/(png|jpe?g|gif|webp|avif)[;,]/i.test(value);
        if (!['http:', 'https:', 'mailto:', 'tel:'].includes(protocol) && !rasterData) {
          problems.push(`${who}: ${prop} of <${el.localName}> is ${value.slice(0, 80)}`);
        }
      }
      // The reader view adds target=_top to web links: each must still be noopener.
      if (el.hasAttribute('target') && !/(^|\s)noopener(\s|$)/i.test(el.getAttribute('rel') ?? '')) {
        problems.push(`${who}: <${el.localName} target=${el.getAttribute('target')}> without rel=noopener`);
      }
      for (const a of el.attributes) {
        if (/^on/i.test(a.name) || ['srcdoc', 'formaction', 'style', 'ping'].includes(a.name)) {
          problems.push(`${who}: ${a.name} on <${el.localName}>`);
        }
      }
    }
  }
  return { images: [...images].filter(Boolean), problems, cookie: document.cookie, sections: document.querySelectorAll('#reader > section > article').length };
}

describe('XSS corpus rendered by the reader view in Chromium', { skip }, () => {
  let chrome;
  let site;
  let batches; // [[{ id, variant, article }]]
  const noArticle = [];
  const extractErrors = [];
  let vectorCount = 0;

  before(async () => {
    const stale = pkgStaleness();
    if (stale) console.warn(stale);
    const vectors = parseVectors(fs.readFileSync(VECTORS, 'utf8'));
    vectorCount = vectors.length;
    const page = fs.readFileSync(ARTICLE, 'utf8');
    const lectern = await importPkgForNode();
    const items = [];
    for (const v of vectors) {
      for (const variant of ['block', 'inline']) {
        try {
          const article = lectern.extract(wrap(page, v.html, variant === 'inline'), { url: PAGE_URL });
          items.push({ id: v.id, variant, article });
        } catch (e) {
          if (e?.kind === 'NoArticle') noArticle.push(`${v.id} [${variant}]`);
          else extractErrors.push(`${v.id} [${variant}]: ${e?.kind ?? ''} ${e?.message ?? e}`);
        }
      }
    }
    batches = [];
    for (let i = 0; i < items.length; i += PER_PAGE) batches.push(items.slice(i, i + PER_PAGE));

    const routes = {
      '/harness.html': { body: HARNESS },
      '/reader-view.js': { file: path.join(ROOT, 'extension', 'reader-view.js'), type: 'text/javascript; charset=utf-8' },
      '/reader.css': { file: path.join(ROOT, 'extension', 'reader.css'), type: 'text/css; charset=utf-8' },
    };
    batches.forEach((b, i) => {
      routes[`/batch/${i}.json`] = { body: JSON.stringify(b), type: 'application/json' };
    });
    site = await serve(routes);
    chrome = await launch();
  });

  after(async () => {
    await chrome?.close();
    await site?.close();
  });

  it('extracts an article from (nearly) every wrapped vector', () => {
    assert.deepEqual(extractErrors, [], 'extract failed with something other than NoArticle');
    console.log(`xss: ${vectorCount} vectors x 2 placements; NoArticle: ${noArticle.length}${noArticle.length ? ` (${noArticle.join(', ')})` : ''}`);
    // NoArticle is fine for a vector, but not for the corpus: nothing
    // rendered would prove nothing.
    const rendered = batches.reduce((n, b) => n + b.length, 0);
    assert.ok(rendered >= vectorCount * 2 * 0.95, `only ${rendered} of ${vectorCount * 2} extractions gave an article`);
  });

  it('nothing runs, navigates, frames, pops up or phones out', { timeout: 600_000 }, async () => {
    const events = []; // every finding, as text naming the batch and, where known, the vector
    const perBatch = [];
    let images = 0;
    for (const index of batches.keys()) {
      const found = await renderBatch(index);
      events.push(...found.events);
      perBatch.push(found.sections);
      images += found.images;
    }
    console.log(`xss: ${batches.length} pages rendered; ${images} off-machine image requests, each from an <img>/<source> of the reader`);
    // Findings first: a page that navigated away also rendered nothing.
    assert.deepEqual(events, [], `the reader view let something through:\n${events.join('\n')}`);
    const expected = batches.map((b) => b.length);
    assert.deepEqual(perBatch, expected, 'not every article was rendered: the harness is broken and proves nothing');
  });

  /** Renders one batch in a fresh page with every hook armed; returns what fired. */
  async function renderBatch(index) {
    // One context serves every batch: start each without the last one's cookies,
    // so a cookie is blamed on the batch that set it.
    await chrome.context.clearCookies();
    const page = await chrome.context.newPage();
    const events = [];
    const where = `batch ${index}`;
    const harnessUrl = `${site.origin}/harness.html?batch=${index}`;
    const requests = [];
    // Installed in every frame before any script of the page runs.
    await page.exposeBinding('__xss', (source, id) => {
      events.push(`${where}: __xss(${JSON.stringify(String(id))}) ran in ${source.frame === page.mainFrame() ? 'the reader page' : `a frame at ${source.frame.url()}`}`);
    });
    page.on('dialog', (d) => {
      events.push(`${where}: ${d.type()} dialog: ${JSON.stringify(d.message())}`);
      d.dismiss().catch(() => {});
    });
    page.on('popup', (p) => events.push(`${where}: popup opened: ${p.url()}`));
    page.on('frameattached', (f) => events.push(`${where}: a frame was attached (${f.url() || 'no url yet'})`));
    page.on('pageerror', (e) => events.push(`${where}: uncaught error in the page: ${e.message}`));
    page.on('websocket', (ws) => events.push(`${where}: websocket to ${ws.url()}`));
    let mainNavigations = 0;
    page.on('framenavigated', (f) => {
      if (f !== page.mainFrame()) {
        events.push(`${where}: a frame navigated to ${f.url()}`);
        return;
      }
      // The harness's own load is the one allowed; a same-document hash
      // change is not a navigation away.
      const url = f.url().split('#')[0];
      if (url !== harnessUrl || ++mainNavigations > 1) events.push(`${where}: the page navigated to ${f.url()}`);
    });
    await page.route('**/*', (route) => {
      const req = route.request();
      const url = req.url();
      if (url.startsWith(`${site.origin}/`)) return route.continue();
      requests.push({ url, type: req.resourceType() });
      if (req.resourceType() === 'image' && /\.(png|jpe?g|gif|webp|avif)([?#]|$)/i.test(new URL(url).pathname)) {
        return route.fulfill({ status: 200, contentType: 'image/gif', body: GIF });
      }
      return route.abort();
    });

    await page.goto(harnessUrl, { waitUntil: 'load' });
    let sections = 0;
    let allowedImages = 0;
    try {
      // Rendering a batch takes well under a second; a page hijacked away never gets there.
      await page.waitForFunction(() => window.__rendered !== undefined, null, { timeout: 10_000 });
      await page.waitForTimeout(SETTLE_MS);
      const seen = await page.evaluate(inspectPage);
      sections = seen.sections;
      for (const p of seen.problems) events.push(`${where}: ${p}`);
      if (seen.cookie) events.push(`${where}: a cookie was set: ${seen.cookie}`);
      const images = new Set(seen.images);
      for (const r of requests) {
        if (r.type === 'image' && images.has(r.url)) {
          allowedImages++;
          continue;
        }
        const id = /xss\.invalid\/([a-z-]+-\d+)/.exec(r.url)?.[1];
        events.push(`${where}: ${r.type} request to ${r.url}${id ? ` (vector ${id})` : ''} that no <img> of the reader explains`);
      }
    } catch (e) {
      // A navigation away destroys the context the checks run in; that is
      // already recorded by framenavigated, but say what was lost.
      events.push(`${where}: could not inspect the page (${e.message.split('\n')[0]})`);
    } finally {
      await page.close();
    }
    return { events, sections, images: allowedImages };
  }
});
