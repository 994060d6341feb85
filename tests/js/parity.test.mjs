// Native and wasm give the same answers: every page of both corpora in
// ../shared/corpus goes through the native CLI (`lectern --batch - --compact`
// reading a JSONL manifest) and through the wasm package's `extract` and
// `isProbablyReaderable` in this process, with the very same HTML string;
// the article objects (or error kinds) must be equal key for key.
//
//   node --test tests/js/parity.test.mjs
//
// Env: LECTERN_CORPUS (corpus dir), LECTERN_BIN (native CLI; default: built
// with cargo), LECTERN_PKG (package dir, default pkg/), LECTERN_ONLY (id substring).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';

import {
  ABD_DIR,
  CORPUS,
  RTP_DIR,
  importPkgForNode,
  loadCorpus,
  nativeBinary,
  pkgProblem,
  pkgStaleness,
  runNativeBatch,
  writeManifest,
} from './helpers.mjs';

const corpusMissing = !fs.existsSync(CORPUS) || ![RTP_DIR, ABD_DIR].some((d) => fs.existsSync(path.join(CORPUS, d)));
const skip = corpusMissing ? `corpus ${CORPUS} not found (parity runs where ../shared/corpus exists, as in CI)` : false;

/** The article keys every result carries (Readability's names). */
const ARTICLE_KEYS = [
  'title', 'byline', 'dir', 'lang', 'content', 'textContent', 'length', 'excerpt',
  'siteName', 'publishedTime', 'leadImageUrl', 'wordCount', 'readingTimeMinutes',
];

/** What one side said about a page, normalized: { article, readerable } or { errorKind }. */
function fromNative(line) {
  if ('errorKind' in line || 'error' in line) return { errorKind: line.errorKind, message: line.error };
  const { id, readerable, ...article } = line;
  return { article, readerable };
}

function fromWasm(lectern, page) {
  const options = page.url ? { url: page.url } : {};
  try {
    const { readerable, ...article } = lectern.extract(page.html, options);
    // One parse gives both; the separate check must agree with it.
    const alone = lectern.isProbablyReaderable(page.html, options);
    if (alone !== readerable) return { errorKind: `isProbablyReaderable ${alone} but extract().readerable ${readerable}` };
    return { article, readerable };
  } catch (e) {
    if (!(e instanceof Error) || typeof e.kind !== 'string') {
      return { errorKind: `untyped ${e?.constructor?.name}: ${e?.message ?? e}` };
    }
    return { errorKind: e.kind, message: e.message };
  }
}

/** The first key (in ARTICLE_KEYS order, then the rest) where the two differ, or null. */
function firstDifference(native, wasm) {
  if ('errorKind' in native || 'errorKind' in wasm) {
    if (native.errorKind === wasm.errorKind) return null;
    return {
      key: 'errorKind',
      native: native.errorKind ?? '(article)',
      wasm: wasm.errorKind ?? '(article)',
    };
  }
  const keys = [...new Set([...ARTICLE_KEYS, ...Object.keys(native.article), ...Object.keys(wasm.article)])];
  for (const key of keys) {
    const inN = key in native.article;
    const inW = key in wasm.article;
    if (!inN || !inW) return { key, native: inN ? native.article[key] : '(missing)', wasm: inW ? wasm.article[key] : '(missing)' };
    if (!isDeepStrictEqual(native.article[key], wasm.article[key])) {
      return { key, native: native.article[key], wasm: wasm.article[key] };
    }
  }
  if (native.readerable !== wasm.readerable) {
    return { key: 'readerable', native: native.readerable, wasm: wasm.readerable };
  }
  return null;
}

/** A short, readable view of two differing values: where they start to differ. */
function showDiff({ key, native, wasm }) {
  const n = typeof native === 'string' ? native : JSON.stringify(native);
  const w = typeof wasm === 'string' ? wasm : JSON.stringify(wasm);
  let i = 0;
  while (i < n.length && i < w.length && n[i] === w[i]) i++;
  const from = Math.max(0, i - 40);
  const cut = (s) => JSON.stringify(s.slice(from, i + 80));
  return `${key}: at char ${i}: native ${cut(n)} vs wasm ${cut(w)}`;
}

if (skip) it('native and wasm parity over the corpora', { skip }, () => {});
else describe('native and wasm parity over the corpora', () => {
  let lectern;
  let corpora;
  let tmp;
  let native; // id -> normalized native result

  before(async () => {
    assert.equal(pkgProblem(), null, pkgProblem() ?? '');
    const stale = pkgStaleness();
    if (stale) console.log(`# ${stale}`);
    lectern = await importPkgForNode();
    corpora = loadCorpus(CORPUS, { only: process.env.LECTERN_ONLY });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-parity-'));
    const pages = Object.values(corpora).flatMap((c) => c.pages);
    const manifest = writeManifest(path.join(tmp, 'pages.jsonl'), pages);
    const bin = nativeBinary();
    const lines = await runNativeBatch(bin, manifest);
    assert.equal(lines.length, pages.length, 'the native batch printed one line per page');
    native = new Map();
    lines.forEach((line, i) => {
      assert.equal(line.id, pages[i].id, `native line ${i} is out of order`);
      native.set(line.id, fromNative(line));
    });
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const name of [RTP_DIR, ABD_DIR]) {
    it(`${name}: every page gives the same article (or error kind) natively and in wasm`, (t) => {
      const corpus = corpora[name];
      if (!corpus) {
        t.skip(`${name} not found in ${CORPUS}`);
        return;
      }
      if (corpus.skipped.length > 0) {
        t.diagnostic(`${name}: skipped ${corpus.skipped.length} page(s) whose bytes are not valid UTF-8: ${corpus.skipped.join(', ')}`);
      }
      const mismatches = [];
      let articles = 0;
      const kinds = {};
      for (const page of corpus.pages) {
        const n = native.get(page.id);
        const w = fromWasm(lectern, page);
        if (n.errorKind) kinds[n.errorKind] = (kinds[n.errorKind] ?? 0) + 1;
        else articles++;
        const diff = firstDifference(n, w);
        if (diff) mismatches.push(`${page.name}: ${showDiff(diff)}`);
      }
      t.diagnostic(
        `${name}: ${corpus.pages.length} pages compared, ${articles} articles, errors ${JSON.stringify(kinds)}, ${mismatches.length} mismatches`,
      );
      assert.ok(corpus.pages.length > 0, `${name}: no page to compare`);
      assert.equal(mismatches.length, 0, `${mismatches.length} page(s) differ:\n${mismatches.join('\n')}`);
    });
  }
});
