// The npm package as a user gets it: `npm pack` of pkg/ (or the tarball named
// by LECTERN_TGZ), installed offline into a scratch Node project, then used by
// a child `node` process through `import ... from 'lectern'`
// (consumer/check.mjs). Checks the API, typed errors, and that hostile input
// returns or throws a JS Error but never traps the wasm instance.
//
//   node --test tests/js/install.test.mjs

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { PKG, ROOT, SAMPLE, SAMPLE_URL, pkgManifest, pkgProblem } from './helpers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Set LECTERN_KEEP_TMP=1 to keep the scratch project for a look after a failure.
const KEEP = process.env.LECTERN_KEEP_TMP === '1';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function crateVersion() {
  const toml = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
  // The version is the workspace's (`[workspace.package]`), which every crate inherits.
  const section = toml.split(/^\[/m).find((s) => s.startsWith('workspace.package]'));
  return section?.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
}

const problem = process.env.LECTERN_TGZ ? null : pkgProblem();

describe('lectern npm package, installed from its tarball', () => {
  let tmp;
  let tgz;
  let project;
  let report;
  let childStderr = '';

  before(() => {
    // A missing pkg/ is a failure, not a skip: this suite is the package's test.
    assert.equal(problem, null, problem ?? '');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-install-'));
    if (process.env.LECTERN_TGZ) {
      tgz = path.resolve(process.env.LECTERN_TGZ);
    } else {
      const packed = JSON.parse(
        execFileSync(npm, ['pack', '--json', '--pack-destination', tmp], { cwd: PKG, encoding: 'utf8' }),
      );
      tgz = path.join(tmp, packed[0].filename);
    }
    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'lectern-scratch', private: true, version: '0.0.0', type: 'module' }, null, 2),
    );
    // The tarball has no dependencies, so this needs no registry.
    execFileSync(npm, ['install', tgz, '--no-audit', '--no-fund', '--offline', '--no-package-lock'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const f of ['check.mjs', 'hostile.mjs']) {
      fs.copyFileSync(path.join(HERE, 'consumer', f), path.join(project, f));
    }
    const r = spawnSync(process.execPath, ['check.mjs', SAMPLE, SAMPLE_URL], {
      cwd: project,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      timeout: 15 * 60 * 1000,
    });
    childStderr = r.stderr ?? '';
    if (r.status !== 0 || r.error) {
      throw new Error(
        `the consumer script failed (exit ${r.status}, signal ${r.signal}${r.error ? `, ${r.error.message}` : ''}):\n${childStderr.slice(-4000)}`,
      );
    }
    report = JSON.parse(r.stdout.trim().split('\n').at(-1));
  });

  after(() => {
    if (tmp && !KEEP) fs.rmSync(tmp, { recursive: true, force: true });
    else if (tmp) console.log(`# kept ${tmp}`);
  });

  it('packs a tarball holding every file the exports map names', () => {
    const list = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const installed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', 'lectern', 'package.json'), 'utf8'));
    assert.equal(installed.name, 'lectern');
    assert.equal(installed.type, 'module');
    assert.deepEqual(installed.exports['.'], { types: './index.d.ts', node: './node.js', default: './index.js' });
    assert.equal(installed.dependencies, undefined, 'the package must have no dependencies');
    for (const rel of ['package.json', 'index.js', 'node.js', 'index.d.ts']) {
      assert.ok(list.includes(`package/${rel}`), `the tarball lacks ${rel}: ${list.join(', ')}`);
    }
    assert.ok(list.some((f) => f.endsWith('.wasm')), `the tarball has no .wasm file: ${list.join(', ')}`);
    const types = fs.readFileSync(path.join(project, 'node_modules', 'lectern', 'index.d.ts'), 'utf8');
    for (const name of ['extract', 'isProbablyReaderable', 'toMarkdown', 'readerPage', 'version', 'initSync']) {
      assert.match(types, new RegExp(`export function ${name}\\b`), `index.d.ts does not declare ${name}`);
    }
    assert.match(types, /export default function init\b/, 'index.d.ts does not declare the default init');
  });

  it('version() equals pkg/package.json and Cargo.toml', () => {
    const v = report.checks.find((c) => c.name === 'version()');
    assert.ok(v?.ok, v?.detail);
    const manifest = process.env.LECTERN_TGZ ? null : pkgManifest();
    if (manifest) assert.equal(v.detail, manifest.version, 'version() vs pkg/package.json');
    assert.equal(v.detail, crateVersion(), 'version() vs Cargo.toml');
    assert.ok(path.basename(tgz).includes(`lectern-${v.detail}`), `tarball name ${path.basename(tgz)}`);
  });

  // One test per check the consumer ran.
  it('API checks in the consumer script', async (t) => {
    assert.ok(report.checks.length > 10, 'the consumer ran too few checks');
    for (const c of report.checks) {
      await t.test(c.name, () => assert.ok(c.ok, c.detail ?? 'failed'));
    }
  });

  it('hostile inputs return or throw a JS Error, never trap, and the instance still works', async (t) => {
    assert.ok(report.hostile.length > 10, 'the consumer ran too few hostile inputs');
    for (const h of report.hostile) {
      await t.test(`${h.name} (${h.outcome}${h.kind ? ` ${h.kind}` : ''}, ${h.ms} ms)`, () => {
        assert.ok(
          h.outcome === 'returned' || h.outcome === 'error',
          `${h.name}: ${h.outcome}: ${h.message} -- an engine bug (wasm trap), not a test problem`,
        );
        assert.ok(h.readerable === true || h.readerable === false || /^error: /.test(h.readerable),
          `isProbablyReaderable: ${h.readerable}`);
        assert.equal(h.after, 'ok', `the sample no longer extracts after ${h.name}`);
      });
    }
  });
});
