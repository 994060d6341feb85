// Shared by the tests and the benchmark in tests/js: where things are, how to
// load the wasm package in-process, how to read the corpora, and how to run
// the native CLI. Not a test file itself (package.json lists the test files).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The repository root (tests/js/../..). */
export const ROOT = path.resolve(HERE, '..', '..');
/** The npm package built by `./build.sh wasm`; LECTERN_PKG overrides. */
export const PKG = path.resolve(process.env.LECTERN_PKG || path.join(ROOT, 'pkg'));
/** The shared corpora; LECTERN_CORPUS overrides. */
export const CORPUS = path.resolve(process.env.LECTERN_CORPUS || path.join(ROOT, '..', 'shared', 'corpus'));
/** The bundled sample page and the URL it is shown under (as in build.sh). */
export const SAMPLE = path.join(ROOT, 'samples', 'harbor-bridge.html');
export const SAMPLE_URL = 'https://harbor-times.example/news/2024/harbor-bridge.html';
/** The URL every readability test page was captured under (as in examples/eval.rs). */
export const RTP_URL = 'http://fakehost/test/page.html';
export const RTP_DIR = 'readability-test-pages';
export const ABD_DIR = 'article-benchmark-dev';

/** Why the package cannot be used, or null when pkg/ looks built. */
export function pkgProblem() {
  const manifest = path.join(PKG, 'package.json');
  if (!fs.existsSync(manifest)) {
    return `${PKG}/package.json not found: build the npm package first (./build.sh wasm)`;
  }
  return null;
}

/**
 * A warning when pkg/'s wasm is older than the newest file under src/ (the
 * package then may not be the engine the native side is built from), else null.
 */
export function pkgStaleness() {
  const wasm = fs.existsSync(PKG) ? fs.readdirSync(PKG).find((f) => f.endsWith('.wasm')) : null;
  if (!wasm) return null;
  const built = fs.statSync(path.join(PKG, wasm)).mtimeMs;
  let newest = 0;
  let newestFile = null;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (fs.statSync(full).mtimeMs > newest) {
        newest = fs.statSync(full).mtimeMs;
        newestFile = full;
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  return newest > built
    ? `warning: ${path.relative(ROOT, newestFile)} is newer than ${path.relative(ROOT, path.join(PKG, wasm))}: rebuild the package (./build.sh wasm)`
    : null;
}

export function pkgManifest() {
  return JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
}

/**
 * Imports the package in this process the way Node resolves `import 'lectern'`:
 * the "node" condition of exports["."] (falling back to "import"/"default").
 */
export async function importPkgForNode() {
  const manifest = pkgManifest();
  const dot = manifest.exports?.['.'];
  const entry =
    (typeof dot === 'string' ? dot : dot?.node ?? dot?.import ?? dot?.default) ?? manifest.main;
  if (!entry) throw new Error(`${PKG}/package.json has no exports["."] entry for Node`);
  const mod = await import(pathToFileURL(path.join(PKG, entry)).href);
  await mod.default?.(); // a resolved no-op in Node, by contract
  return mod;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes to a string when they are valid UTF-8 (BOM dropped), else null. */
export function utf8OrNull(bytes) {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The pages both sides are given, as { corpus, id, html, url }, plus the
 * pages skipped because their bytes are not valid UTF-8. `only` filters ids
 * (substring), like eval's --only.
 */
export function loadCorpus(dir = CORPUS, { only } = {}) {
  const corpora = {};
  const rtp = path.join(dir, RTP_DIR);
  if (fs.existsSync(rtp)) {
    const pages = [];
    const skipped = [];
    for (const name of fs.readdirSync(rtp).sort()) {
      const file = path.join(rtp, name, 'source.html');
      if (!fs.existsSync(file)) continue;
      if (only && !name.includes(only)) continue;
      const html = utf8OrNull(fs.readFileSync(file));
      if (html === null) skipped.push(name);
      else pages.push({ corpus: RTP_DIR, id: `${RTP_DIR}/${name}`, name, html, url: RTP_URL });
    }
    corpora[RTP_DIR] = { pages, skipped };
  }
  const abd = path.join(dir, ABD_DIR);
  if (fs.existsSync(path.join(abd, 'ground-truth.json'))) {
    const truth = JSON.parse(fs.readFileSync(path.join(abd, 'ground-truth.json'), 'utf8'));
    const pages = [];
    const skipped = [];
    for (const name of Object.keys(truth).sort()) {
      if (only && !name.includes(only)) continue;
      const file = path.join(abd, 'html', `${name}.html.gz`);
      if (!fs.existsSync(file)) {
        skipped.push(name);
        continue;
      }
      const html = utf8OrNull(zlib.gunzipSync(fs.readFileSync(file)));
      const url = typeof truth[name]?.url === 'string' ? truth[name].url : null;
      if (html === null) skipped.push(name);
      else pages.push({ corpus: ABD_DIR, id: `${ABD_DIR}/${name}`, name, html, url });
    }
    corpora[ABD_DIR] = { pages, skipped };
  }
  return corpora;
}

/** Writes the batch manifest ({"id","html","url"} per line); returns its path. */
export function writeManifest(file, pages) {
  const fd = fs.openSync(file, 'w');
  try {
    for (const p of pages) {
      const line = { id: p.id, html: p.html };
      if (p.url) line.url = p.url;
      fs.writeSync(fd, JSON.stringify(line) + '\n');
    }
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/**
 * The native CLI, built (or brought up to date: a no-op when it is) with
 * cargo unless LECTERN_BIN names one.
 */
export function nativeBinary() {
  if (process.env.LECTERN_BIN) return path.resolve(process.env.LECTERN_BIN);
  const r = spawnSync('cargo', ['build', '--release', '--locked', '-p', 'lectern-cli'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.error || r.status !== 0) {
    throw new Error(`cargo build --release -p lectern-cli failed (${r.error?.message ?? `exit ${r.status}`})`);
  }
  return path.join(ROOT, 'target', 'release', 'lectern');
}

/** Runs `lectern --batch MANIFEST --compact`; resolves to the parsed output lines. */
export function runNativeBatch(bin, manifest) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--batch', manifest, '--compact'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    let err = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${bin} --batch exited ${code}: ${err.trim()}`));
        return;
      }
      const text = Buffer.concat(out).toString('utf8');
      resolve(
        text
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l)),
      );
    });
  });
}

/** Median and 95th percentile (same definition as examples/eval.rs). */
export function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return { median: 0, p95: 0, mean: 0, max: 0, total: 0 };
  const median = n % 2 === 1 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  const total = v.reduce((a, b) => a + b, 0);
  return { median, p95: percentile(v, 0.95), mean: total / n, max: v[n - 1], total };
}

function percentile(sorted, q) {
  // Nearest rank, as in eval.rs: index ceil(q * n) - 1.
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}
