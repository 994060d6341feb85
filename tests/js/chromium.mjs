// Starts Debian's Chromium for the end-to-end tests and benchmarks, with or
// without the unpacked extension, and connects playwright-core to it.
//
// Chromium is started by hand (not by playwright's launcher) because firing
// the extension's toolbar action needs a browser-level DevTools session
// (Extensions.triggerAction on a tab target), which a persistent playwright
// context does not expose. Never downloads a browser.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.LECTERN_CHROMIUM || '/usr/bin/chromium';

/** Why Chromium cannot run here, or null. */
export function chromiumProblem() {
  return fs.existsSync(CHROMIUM)
    ? null
    : `${CHROMIUM} not found: install it with apt-get install -y chromium (.ci/run does)`;
}

// As root and headless on a machine with no network: no sandbox, nothing in
// the background that would try to reach Google.
const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--window-size=1000,800',
];

/**
 * Launches Chromium. `extension` is an unpacked extension folder to load.
 * Returns { browser, context, cdp, extensionId, close }.
 */
export async function launch({ extension } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-chromium-'));
  const args = [...BASE_ARGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0'];
  if (extension) {
    args.push(
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--enable-unsafe-extension-debugging',
    );
  }
  const proc = spawn(CHROMIUM, [...args, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${log}`)), 30_000);
    proc.stderr.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${log}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  const cdp = await browser.newBrowserCDPSession();
  let extensionId = null;
  if (extension) {
    let [worker] = context.serviceWorkers();
    if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 30_000 });
    extensionId = new URL(worker.url()).host;
  }
  const close = async () => {
    await browser.close().catch(() => {});
    proc.kill();
    await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    try {
      // Chromium's helper processes may still be writing for a moment.
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      // A leftover profile in the temp folder is harmless.
    }
  };
  return { browser, context, cdp, extensionId, close };
}

/** The DevTools "tab" target holding `page` (what Extensions.triggerAction wants). */
export async function tabTargetOf(cdp, page) {
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const url = page.url();
  const tabs = targetInfos.filter((t) => t.type === 'tab' && t.url === url);
  if (tabs.length !== 1) throw new Error(`expected one tab at ${url}, found ${tabs.length}`);
  return tabs[0].targetId;
}

/**
 * Serves `routes` ({ '/path': { file | body, type?, headers? } }) on 127.0.0.1.
 * Returns { origin, close }.
 */
export async function serve(routes) {
  const server = http.createServer((req, res) => {
    const route = routes[new URL(req.url, 'http://x').pathname];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = route.body ?? fs.readFileSync(route.file);
    res.writeHead(200, { 'content-type': route.type ?? 'text/html; charset=utf-8', ...(route.headers ?? {}) });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the files under `root` on 127.0.0.1 with their MIME types, and each
 * path of `files` ({ '/page.html': '/abs/file' }) from its own file.
 * Returns { origin, close }.
 */
export async function serveDir(root, files = {}) {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = Object.hasOwn(files, pathname) ? files[pathname] : path.join(root, pathname);
    if (!file.startsWith(root) && !Object.hasOwn(files, pathname)) file = root; // no escaping the folder
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** Waits for `check()` to return a truthy value (polling), or throws after `ms`. */
export async function until(check, ms = 15_000, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
