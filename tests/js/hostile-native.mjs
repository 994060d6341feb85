// Diagnostic, not a test: times the hostile inputs of consumer/hostile.mjs in
// the native CLI and in the wasm package side by side, to tell an engine-wide
// slow path from a wasm-only one.
//
//   node tests/js/hostile-native.mjs [NAME_SUBSTRING]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { hostileInputs } from './consumer/hostile.mjs';
import { SAMPLE, SAMPLE_URL, importPkgForNode, nativeBinary } from './helpers.mjs';

const only = process.argv[2];
const bin = nativeBinary();
const { extract } = await importPkgForNode();
const sample = fs.readFileSync(SAMPLE, 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-hostile-'));

console.log(`${'input'.padEnd(48)} ${'native'.padStart(18)} ${'wasm'.padStart(18)}`);
try {
  for (const [name, make] of hostileInputs(sample)) {
    if (only && !name.includes(only)) continue;
    const input = make();
    if (typeof input !== 'string') continue;
    const file = path.join(tmp, 'page.html');
    fs.writeFileSync(file, input);
    let t0 = performance.now();
    const r = spawnSync(bin, [file, '--url', SAMPLE_URL, '--compact'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const nativeMs = performance.now() - t0;
    const native = r.status === 0 ? 'ok' : `exit ${r.status}${r.signal ? ` ${r.signal}` : ''}`;
    t0 = performance.now();
    let wasm;
    try {
      extract(input, { url: SAMPLE_URL });
      wasm = 'ok';
    } catch (e) {
      wasm = e.kind ?? e.constructor.name;
    }
    const wasmMs = performance.now() - t0;
    const cell = (s, ms) => `${s} ${ms.toFixed(0).padStart(6)} ms`.padStart(18);
    console.log(`${name.slice(0, 48).padEnd(48)} ${cell(native, nativeMs)} ${cell(wasm, wasmMs)}`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
