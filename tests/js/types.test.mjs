// The npm package's index.d.ts (bindings/wasm/npm) type-checks in a
// TypeScript project for Node.js (`--lib es2022 --types node`, no DOM lib)
// and in one for browsers (`--lib es2022,dom`): tsc (pinned in package.json)
// checks types/consumer.ts, which uses every export (and, with the DOM lib,
// types/consumer-dom.ts), against a scratch
// node_modules/lectern holding the package's package.json and index.d.ts.
// Needs no build of the package.
//
//   node --test tests/js/types.test.mjs

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { ROOT } from './helpers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const NPM = path.join(ROOT, 'bindings', 'wasm', 'npm');
const TSC = path.join(HERE, 'node_modules', 'typescript', 'bin', 'tsc');

// Flags and the programs checked with them.
const SETUPS = {
  'Node.js only (es2022, @types/node, no DOM)': [['--lib', 'es2022', '--types', 'node'], ['consumer.ts']],
  'browser (es2022 and DOM, no @types/node)': [['--lib', 'es2022,dom', '--types', ''], ['consumer.ts', 'consumer-dom.ts']],
  'both (es2022, DOM and @types/node)': [['--lib', 'es2022,dom', '--types', 'node'], ['consumer.ts', 'consumer-dom.ts']],
};

describe('index.d.ts type-checks', () => {
  let tmp;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-types-'));
    const pkg = path.join(tmp, 'node_modules', 'lectern');
    fs.mkdirSync(pkg, { recursive: true });
    for (const f of ['package.json', 'index.d.ts']) {
      fs.copyFileSync(path.join(NPM, f), path.join(pkg, f));
    }
    // @types/node from this test project, where tsc finds it by --types.
    fs.symlinkSync(path.join(HERE, 'node_modules', '@types'), path.join(tmp, 'node_modules', '@types'));
    for (const f of ['consumer.ts', 'consumer-dom.ts']) {
      fs.copyFileSync(path.join(HERE, 'types', f), path.join(tmp, f));
    }
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const [name, [flags, files]] of Object.entries(SETUPS)) {
    it(name, () => {
      const args = [
        TSC, '--noEmit', '--strict', '--target', 'es2022',
        '--module', 'nodenext', '--moduleResolution', 'nodenext',
        ...flags, ...files,
      ];
      const r = spawnSync(process.execPath, args, { cwd: tmp, encoding: 'utf8' });
      assert.equal(r.error, undefined, String(r.error));
      assert.equal(r.status, 0, `tsc ${flags.join(' ')}:\n${r.stdout}${r.stderr}`);
    });
  }
});
