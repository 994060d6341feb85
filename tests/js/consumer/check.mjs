// Run by install.test.mjs inside a scratch Node project where the packed
// `lectern` tarball was installed: uses the package exactly as a user would
// (`import ... from 'lectern'`) and prints one JSON report on stdout:
//   { checks: [{ name, ok, detail }], hostile: [{ name, outcome, kind, message, ms, readerable }] }
// Progress goes to stderr. argv: SAMPLE_PATH SAMPLE_URL

import init, { initSync, extract, isProbablyReaderable, toMarkdown, readerPage, version } from 'lectern';
import { readFileSync } from 'node:fs';

import { hostileInputs } from './hostile.mjs';

const [samplePath, sampleUrl] = process.argv.slice(2);
const sample = readFileSync(samplePath, 'utf8');
const checks = [];
const hostile = [];

function check(name, fn) {
  try {
    const detail = fn();
    checks.push({ name, ok: true, detail: detail ?? null });
  } catch (e) {
    checks.push({ name, ok: false, detail: describe(e) });
  }
  process.stderr.write(`${checks.at(-1).ok ? 'ok  ' : 'FAIL'} ${name}\n`);
}

function describe(e) {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}${e.kind ? ` (kind ${e.kind})` : ''}`;
  return `non-Error thrown: ${typeof e} ${String(e)}`;
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** A wasm trap (panic with panic=abort, stack overflow, OOM), as opposed to a JS Error with a kind. */
function isTrap(e) {
  return e instanceof WebAssembly.RuntimeError || /unreachable|RuntimeError/.test(String(e?.message ?? e));
}

function sampleArticle() {
  return extract(sample, { url: sampleUrl });
}

function checkSampleArticle(article) {
  assert(article && typeof article === 'object', 'extract did not return an object');
  const text = article.textContent;
  assert(typeof text === 'string', 'textContent is not a string');
  assert(text.includes('The harbor bridge reopened'), `article text lacks the story: ${text.slice(0, 200)}`);
  for (const clutter of ['Views:', 'veryGood!', 'Ranking']) {
    assert(!text.includes(clutter), `article text holds clutter ${JSON.stringify(clutter)}`);
    assert(!article.content.includes(clutter), `article content holds clutter ${JSON.stringify(clutter)}`);
  }
  return article;
}

function expectKind(kind, fn) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert(thrown !== undefined, `returned instead of throwing ${kind}`);
  assert(!isTrap(thrown), `trapped instead of throwing ${kind}: ${describe(thrown)}`);
  assert(thrown instanceof Error, `threw a non-Error: ${describe(thrown)}`);
  assert(thrown.kind === kind, `threw kind ${thrown.kind}, expected ${kind}: ${describe(thrown)}`);
  assert(typeof thrown.message === 'string' && thrown.message.length > 0, 'the Error has no message');
  // The instance must still work after the error.
  checkSampleArticle(sampleArticle());
  return thrown.message;
}

// --- the API surface ---------------------------------------------------------

check('exports are functions', () => {
  for (const [n, f] of Object.entries({ init, initSync, extract, isProbablyReaderable, toMarkdown, readerPage, version })) {
    assert(typeof f === 'function', `${n} is ${typeof f}`);
  }
});

// Top-level await: init() is a resolved no-op in Node, and calling it twice is harmless.
let initResult = null;
try {
  await init();
  await init();
} catch (e) {
  initResult = describe(e);
}
check('await init() resolves in Node', () => {
  assert(initResult === null, `init() rejected: ${initResult}`);
});

check('version()', () => version());

check('extract(sample, { url })', () => {
  const a = checkSampleArticle(sampleArticle());
  const keys = [
    'title', 'byline', 'dir', 'lang', 'content', 'textContent', 'length', 'excerpt',
    'siteName', 'publishedTime', 'leadImageUrl', 'wordCount', 'readingTimeMinutes', 'readerable',
  ];
  assert(
    JSON.stringify(Object.keys(a).sort()) === JSON.stringify([...keys].sort()),
    `article keys ${Object.keys(a).sort()}`,
  );
  assert(Object.getPrototypeOf(a) === Object.prototype, 'the article is not a plain object');
  for (const k of ['dir']) assert(a[k] === null, `${k} should be null (missing), got ${JSON.stringify(a[k])}`);
  assert(a.title === 'Harbor bridge reopens after two years of repairs', `title ${JSON.stringify(a.title)}`);
  assert(a.siteName === 'Harbor Times', `siteName ${JSON.stringify(a.siteName)}`);
  assert(a.lang === 'en', `lang ${JSON.stringify(a.lang)}`);
  assert(typeof a.length === 'number' && a.length > 500, `length ${a.length}`);
  assert(Number.isInteger(a.wordCount) && a.wordCount > 50, `wordCount ${a.wordCount}`);
  assert(Number.isInteger(a.readingTimeMinutes) && a.readingTimeMinutes >= 1, `readingTimeMinutes ${a.readingTimeMinutes}`);
  assert(
    a.leadImageUrl === null || a.leadImageUrl.startsWith('https://harbor-times.example/'),
    `leadImageUrl not absolute: ${a.leadImageUrl}`,
  );
  assert(!/<script|onerror=|javascript:/i.test(a.content), 'content is not sanitized');
  return { title: a.title, byline: a.byline, wordCount: a.wordCount, length: a.length };
});

check('extract(sample) without options', () => {
  checkSampleArticle(extract(sample));
  checkSampleArticle(extract(sample, undefined));
  checkSampleArticle(extract(sample, null));
  checkSampleArticle(extract(sample, {}));
});

check('options are honored (keepImages: false, keepClasses)', () => {
  const a = extract(sample, { url: sampleUrl, keepImages: false });
  assert(!/<img/i.test(a.content), 'keepImages: false left an <img>');
  const b = extract(sample, { url: sampleUrl, charThreshold: 100, nbTopCandidates: 3 });
  checkSampleArticle(b);
});

check('isProbablyReaderable(sample)', () => {
  const r = isProbablyReaderable(sample, { url: sampleUrl });
  assert(r === true, `got ${r}`);
  const n = isProbablyReaderable('<html><body><a href="/">Home</a></body></html>');
  assert(n === false, `a link-only page gave ${n}`);
});

check('toMarkdown(article)', () => {
  const md = toMarkdown(sampleArticle());
  assert(typeof md === 'string', `got ${typeof md}`);
  assert(md.includes('The harbor bridge reopened'), 'markdown lacks the story');
  assert(!md.includes('veryGood!'), 'markdown holds clutter');
  return md.length;
});

check('readerPage(article)', () => {
  const html = readerPage(sampleArticle());
  assert(typeof html === 'string', `got ${typeof html}`);
  assert(/<html/i.test(html), 'not an HTML page');
  assert(html.includes('The harbor bridge reopened'), 'reader page lacks the story');
  assert(html.includes('Harbor bridge reopens after two years of repairs'), 'reader page lacks the title');
  return html.length;
});

check("extract('') throws kind NoArticle", () => expectKind('NoArticle', () => extract('')));
check("extract of a link list throws kind NoArticle", () =>
  expectKind('NoArticle', () => extract('<html><body><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></body></html>')));
// The message names the option and the JS type it takes.
function expectOptionError(message, fn) {
  const got = expectKind('InvalidOptions', fn);
  assert(got === message, `message ${JSON.stringify(got)}, expected ${JSON.stringify(message)}`);
  return got;
}
check("charThreshold: 'x' throws kind InvalidOptions naming the option", () =>
  expectOptionError('option charThreshold: expected a non-negative integer (number), got string "x"', () =>
    extract(sample, { charThreshold: 'x' })));
check('charThreshold: -1 throws kind InvalidOptions naming the option', () =>
  expectOptionError('option charThreshold: expected a non-negative integer (number), got number -1', () =>
    extract(sample, { charThreshold: -1 })));
check('url: 42 throws kind InvalidOptions naming the option', () =>
  expectOptionError('option url: expected a string or null, got number 42', () => extract(sample, { url: 42 })));
check('an unknown option throws kind InvalidOptions naming it', () => {
  const got = expectKind('InvalidOptions', () => extract(sample, { charTreshold: 10 }));
  assert(got.startsWith('unknown option charTreshold; the options are url, charThreshold,'), got);
  return got;
});
check('a nested limits object throws kind InvalidOptions naming it', () =>
  expectOptionError(
    'unknown option limits; the limits are top-level options: maxInputBytes, maxElements, maxDepth, maxAttributes',
    () => extract(sample, { limits: { maxDepth: 8 } })));
check('an option set to undefined is not set', () => {
  checkSampleArticle(extract(sample, { url: sampleUrl, charThreshold: undefined }));
});
check("options 'x' (not an object) throws kind InvalidOptions", () =>
  expectOptionError('options must be an object, got string "x"', () => extract(sample, 'x')));
check('isProbablyReaderable with bad options throws kind InvalidOptions naming the option', () =>
  expectOptionError('option maxDepth: expected a non-negative integer (number), got string "deep"', () =>
    isProbablyReaderable(sample, { maxDepth: 'deep' })));
check('a non-string html throws kind InvalidInput', () => {
  for (const html of [12345, true, {}, null, undefined, Symbol('s')]) {
    expectKind('InvalidInput', () => extract(html, { url: sampleUrl }));
    expectKind('InvalidInput', () => isProbablyReaderable(html));
  }
});
check("url: 'not a url' throws kind InvalidUrl", () =>
  expectKind('InvalidUrl', () => extract(sample, { url: 'not a url' })));
check("url: '/relative/path' throws kind InvalidUrl", () =>
  expectKind('InvalidUrl', () => extract(sample, { url: '/news/story.html' })));
check('maxInputBytes below the page throws kind InputTooLarge', () =>
  expectKind('InputTooLarge', () => extract(sample, { url: sampleUrl, maxInputBytes: 1000 })));
check('maxElements below the page throws kind TooManyElements', () =>
  expectKind('TooManyElements', () => extract(sample, { url: sampleUrl, maxElements: 10 })));
check('toMarkdown of a non-article throws an Error', () => {
  let thrown;
  try {
    toMarkdown({ nope: true });
  } catch (e) {
    thrown = e;
  }
  assert(thrown instanceof Error && !isTrap(thrown), `got ${thrown === undefined ? 'a return' : describe(thrown)}`);
  checkSampleArticle(sampleArticle());
  return thrown.kind ?? null;
});

// --- hostile inputs: must return or throw a JS Error, never trap --------------

const hostileList = hostileInputs(sample);

for (const [name, make] of hostileList) {
  const input = make();
  const entry = { name, outcome: null, kind: null, message: null, ms: null, readerable: null, after: null };
  const t0 = performance.now();
  try {
    const a = extract(input, { url: sampleUrl });
    entry.outcome = a && typeof a === 'object' && typeof a.textContent === 'string' ? 'returned' : `returned ${typeof a}`;
  } catch (e) {
    entry.outcome = isTrap(e) ? 'trap' : e instanceof Error ? 'error' : 'non-error';
    entry.kind = e?.kind ?? null;
    entry.message = describe(e).slice(0, 500);
  }
  entry.ms = Math.round(performance.now() - t0);
  try {
    entry.readerable = isProbablyReaderable(input, { url: sampleUrl });
  } catch (e) {
    entry.readerable = isTrap(e) ? 'trap' : `error: ${describe(e).slice(0, 200)}`;
  }
  try {
    checkSampleArticle(sampleArticle());
    entry.after = 'ok';
  } catch (e) {
    entry.after = describe(e).slice(0, 500);
  }
  hostile.push(entry);
  process.stderr.write(`hostile: ${name}: ${entry.outcome}${entry.kind ? ` ${entry.kind}` : ''} in ${entry.ms} ms; sample after: ${entry.after}\n`);
}

check('after every hostile input the sample still extracts', () => checkSampleArticle(sampleArticle()) && null);

process.stdout.write(JSON.stringify({ checks, hostile }) + '\n');
