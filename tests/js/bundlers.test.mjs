// The npm package inside the bundlers web developers use: for each app under
// tests/bundlers/<name>/ (Vite, webpack, Rollup, esbuild, Parcel, a plain
// page), a scratch copy of the app and of the snippets it shares with the
// npm README (tests/bundlers/shared/) is installed with `npm ci` (pinned
// devDependencies, committed package-lock.json; needs the npm registry), gets
// the freshly built pkg/lectern-<version>.tgz installed into it, is built with
// its own `npm run build`, served by node:http (Vite: also by its dev server),
// and opened in one shared headless Chromium. The page must show the
// fixture's title and text, read on the main thread and in a module worker,
// and every wasm request must be answered 200 with application/wasm. It also
// prints, per bundler, the size the wasm and the JS add to the production
// build (the figures in the npm README), and checks that the README's code
// blocks are these very files.
//
//   cd tests/js && npm run test:bundlers      (LECTERN_ONLY=vite for one app)

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';

import { chromiumProblem, launch, serveDir } from './chromium.mjs';
import { PKG, ROOT, SAMPLE, pkgManifest, pkgProblem } from './helpers.mjs';

const APPS = path.join(ROOT, 'tests', 'bundlers');
const SHARED = path.join(APPS, 'shared');
const README = path.join(ROOT, 'bindings', 'wasm', 'npm', 'README.md');
const NAMES = ['vite', 'vite7', 'webpack', 'rollup', 'esbuild', 'parcel', 'plain'].filter(
  (n) => !process.env.LECTERN_ONLY || n === process.env.LECTERN_ONLY,
);
const KEEP = process.env.LECTERN_KEEP_TMP === '1';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TITLE = 'Harbor bridge reopens after two years of repairs';
const TEXT = 'The harbor bridge reopened to traffic on Thursday morning';

// Under CI a missing Chromium fails the suite instead of skipping it.
const skip = process.env.CI === 'true' ? false : chromiumProblem() ?? false;

/** Copies the shared snippets, then the app's own files (which win), into a scratch folder. */
function scratchApp(tmp, name) {
  const dir = path.join(tmp, name);
  fs.cpSync(SHARED, dir, { recursive: true });
  fs.cpSync(path.join(APPS, name), dir, { recursive: true, filter: (src) => !/node_modules|dist/.test(path.relative(APPS, src)) });
  return dir;
}

function run(cmd, args, cwd) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (e) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`.slice(-6000), { cause: e });
  }
}

/** Opens `url` in a fresh context; returns the page's outcome, what it shows, and the wasm responses. */
async function openApp(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const wasm = [];
    // Page and worker requests both reach the context.
    context.on('response', (r) => {
      if (new URL(r.url()).pathname.endsWith('.wasm')) {
        wasm.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] });
      }
    });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => window.__lectern, null, { timeout: 60_000 });
    const result = await page.evaluate(() => window.__lectern);
    const shown = await page.evaluate(() => ({
      title: document.querySelector('#title').textContent,
      workerTitle: document.querySelector('#worker-title').textContent,
      text: document.querySelector('#text').textContent,
    }));
    return { result, shown, wasm, errors };
  } finally {
    await context.close();
  }
}

function checkOutcome({ result, shown, wasm, errors }) {
  assert.equal(result.fatal, undefined, `the app failed: ${result.fatal}\npage errors: ${errors.join('\n')}`);
  assert.equal(shown.title, TITLE, 'the title shown on the page');
  assert.ok(shown.text.includes(TEXT), `the text shown on the page: ${shown.text.slice(0, 200)}`);
  assert.equal(shown.workerTitle, TITLE, 'the title read in the worker');
  assert.ok(result.workerText.includes(TEXT), 'the text read in the worker');
  assert.ok(wasm.length > 0, 'no .wasm request was seen');
  for (const w of wasm) {
    assert.equal(w.status, 200, `${w.url}: status ${w.status}`);
    assert.equal(w.type, 'application/wasm', `${w.url}: content-type ${w.type}`);
  }
}

/** Bytes of the build's .wasm and .js files, raw and gzipped. */
function buildSizes(dist) {
  const sum = { wasm: [0, 0], js: [0, 0] };
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const kind = e.name.endsWith('.wasm') ? 'wasm' : /\.m?js$/.test(e.name) ? 'js' : null;
        if (!kind) continue;
        const bytes = fs.readFileSync(full);
        sum[kind][0] += bytes.length;
        sum[kind][1] += zlib.gzipSync(bytes, { level: 9 }).length;
      }
    }
  };
  walk(dist);
  return sum;
}

const kb = (n) => `${(n / 1024).toFixed(0)} kB`;

/** Starts Vite's dev server in `dir` on a free port; returns { origin, stop }. */
async function viteDev(dir) {
  const port = await new Promise((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const proc = spawn(process.execPath, [path.join(dir, 'node_modules', 'vite', 'bin', 'vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vite did not start:\n${log}`)), 60_000);
    const onData = (chunk) => {
      log += chunk;
      if (/ready in/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`vite exited (${code}):\n${log}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: async () => {
      proc.kill();
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    },
  };
}

describe('the README snippets are the files the bundler tests build', () => {
  const readme = fs.readFileSync(README, 'utf8');
  // `<!-- file: tests/bundlers/... -->` precedes a fenced block holding that file.
  const blocks = [...readme.matchAll(/<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g)];

  it('every marked block equals its file', () => {
    assert.ok(blocks.length >= 8, `only ${blocks.length} marked blocks in the README`);
    for (const [, rel, body] of blocks) {
      assert.equal(body, fs.readFileSync(path.join(ROOT, rel), 'utf8'), `README block for ${rel}`);
    }
  });

  it('every app and shared snippet is shown', () => {
    const shown = new Set(blocks.map((b) => b[1]));
    for (const f of fs.readdirSync(SHARED).filter((f) => f !== 'main.js' && f !== 'index.html')) {
      assert.ok(shown.has(`tests/bundlers/shared/${f}`), `the README does not show shared/${f}`);
    }
    for (const name of ['vite', 'vite7', 'webpack', 'rollup', 'esbuild', 'parcel']) {
      assert.ok(shown.has(`tests/bundlers/${name}/package.json`), `the README does not show ${name}/package.json`);
    }
  });
});

describe('lectern npm package in bundlers, in Chromium', { skip }, () => {
  let tmp;
  let tgz;
  let chromium;
  const sizes = {};

  before(async () => {
    // A missing pkg/ is a failure, not a skip: this suite tests the package.
    const problem = pkgProblem();
    assert.equal(problem, null, problem ?? '');
    tgz = path.join(PKG, `lectern-${pkgManifest().version}.tgz`);
    assert.ok(fs.existsSync(tgz), `${tgz} not found: ./build.sh wasm packs it`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bundlers-'));
    chromium = await launch();
  });

  after(async () => {
    await chromium?.close();
    if (Object.keys(sizes).length) {
      console.log('production build sizes, as in the npm README:\n| build | wasm | JS |\n|---|---|---|');
      for (const [name, s] of Object.entries(sizes)) {
        console.log(`| ${name} | ${kb(s.wasm[0])} (${kb(s.wasm[1])} gzipped) | ${kb(s.js[0])} (${kb(s.js[1])} gzipped) |`);
      }
    }
    if (tmp && !KEEP) fs.rmSync(tmp, { recursive: true, force: true });
    else if (tmp) console.log(`# kept ${tmp}`);
  });

  // One after another: the machine's cores go to each build in turn.
  for (const name of NAMES) {
    describe(name, () => {
      let dir;
      let dist;

      before(() => {
        dir = scratchApp(tmp, name);
        run(npm, ['ci', '--no-audit', '--no-fund'], dir);
        // The package as a user installs it; --no-save keeps the committed lock untouched.
        run(npm, ['install', '--no-save', '--offline', '--no-audit', '--no-fund', tgz], dir);
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
        if (manifest.scripts?.build) {
          run(npm, ['run', 'build'], dir);
          dist = path.join(dir, 'dist');
        } else {
          dist = dir; // the plain page is served as it is
        }
      });

      it('the production build shows the article, read on the page and in a worker', async () => {
        const server = await serveDir(dist, { '/fixture.html': SAMPLE });
        try {
          checkOutcome(await openApp(chromium.browser, `${server.origin}/`));
        } finally {
          await server.close();
        }
        if (dist !== dir) sizes[name] = buildSizes(dist);
      });

      if (name.startsWith('vite')) {
        it('the dev server shows the article, read on the page and in a worker', async () => {
          // Vite serves public/ at the root.
          fs.mkdirSync(path.join(dir, 'public'), { recursive: true });
          fs.copyFileSync(SAMPLE, path.join(dir, 'public', 'fixture.html'));
          const dev = await viteDev(dir);
          try {
            checkOutcome(await openApp(chromium.browser, `${dev.origin}/`));
          } finally {
            await dev.stop();
          }
        });
      }
    });
  }
});
