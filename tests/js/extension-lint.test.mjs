// The Firefox build of the extension passes Mozilla's linter (npm web-ext,
// the same checks as addons.mozilla.org), and both builds keep the promises
// made in the README: least permissions, no remote code, no inline scripts.
//
//   node --test tests/js/extension-lint.test.mjs

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

import { ROOT } from './helpers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.join(ROOT, 'dist', 'extension');
const skip = fs.existsSync(path.join(DIST, 'firefox', 'manifest.json'))
  ? false
  : `${DIST} not built: run ./build.sh extension first`;

const manifest = (browser) => JSON.parse(fs.readFileSync(path.join(DIST, browser, 'manifest.json'), 'utf8'));

describe('extension builds', { skip }, () => {
  it('web-ext lint reports no errors or warnings on the Firefox build', () => {
    const bin = path.join(HERE, 'node_modules', '.bin', 'web-ext');
    const run = spawnSync(bin, ['lint', '--source-dir', path.join(DIST, 'firefox'), '--output', 'json', '--no-config-discovery'], {
      encoding: 'utf8',
      env: { ...process.env, WEB_EXT_TELEMETRY: 'false' },
    });
    const report = JSON.parse(run.stdout);
    const show = (list) => list.map((m) => `${m.code}: ${m.message} (${m.file ?? ''})`).join('\n');
    assert.deepEqual(report.errors, [], show(report.errors));
    assert.deepEqual(report.warnings, [], show(report.warnings));
  });

  for (const browser of ['chromium', 'firefox']) {
    it(`${browser}: least permissions, no host access, strict CSP`, () => {
      const m = manifest(browser);
      assert.equal(m.manifest_version, 3);
      assert.deepEqual([...m.permissions].sort(), ['activeTab', 'contextMenus', 'scripting', 'storage']);
      assert.equal(m.host_permissions, undefined);
      assert.equal(m.optional_host_permissions, undefined);
      assert.equal(m.content_scripts, undefined, 'nothing runs on pages the user did not ask to read');
      const csp = m.content_security_policy.extension_pages;
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
      assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:/);
      // Only the reader frame is reachable from pages.
      assert.deepEqual(m.web_accessible_resources.map((r) => r.resources), [['reader.html']]);
    });
  }

  it('firefox: an event page and a gecko id; chromium: a service worker', () => {
    const ff = manifest('firefox');
    assert.deepEqual(ff.background.scripts, ['background.js']);
    assert.ok(ff.browser_specific_settings.gecko.id);
    assert.equal(manifest('chromium').background.service_worker, 'background.js');
  });

  it('the reader page has no inline script and loads nothing remote', () => {
    const html = fs.readFileSync(path.join(DIST, 'chromium', 'reader.html'), 'utf8');
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      assert.match(m[1], /\bsrc="[^":]+"/, 'every script is a file of the extension');
      assert.equal(m[2].trim(), '', 'no inline script');
    }
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'nothing loaded from the web');
  });

  it('store zips hold the same files as the unpacked builds', () => {
    const v = manifest('chromium').version;
    for (const browser of ['chromium', 'firefox']) {
      const zip = path.join(DIST, `lectern-${browser}-${v}.zip`);
      const list = spawnSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).stdout.split('\n').filter((f) => f && !f.endsWith('/')).sort();
      const files = [];
      const walk = (dir, prefix) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}${e.name}/`);
          else files.push(`${prefix}${e.name}`);
        }
      };
      walk(path.join(DIST, browser), '');
      assert.deepEqual(list, files.sort());
    }
  });
});
