// Benchmark (not a test): time per page of the wasm package's `extract` next
// to the native engine's, over the same pages as parity.test.mjs.
//
//   node tests/js/bench.mjs [CORPUS_DIR] [--runs N] [--rounds N] [--json] [--only TEXT]
//
// wasm: `extract(html, { url })` in this Node process (the package's Node
// entry, so V8's wasm compiler), the fastest of N runs per page (default 3),
// after one warm-up pass over all pages; only `extract` is timed.
// native: examples/eval.rs (`cargo run --release --example eval -- DIR --json
// --runs N`), which times `lectern::extract` alone the same way, run on a
// temporary corpus of links to exactly the pages timed in wasm (pages whose
// bytes are not valid UTF-8 are left out of both). LECTERN_EVAL names a
// prebuilt eval binary instead of cargo run.
//
// The two sides alternate for --rounds rounds (default 2) to spread slow
// moments of a shared machine over both: wasm keeps each page's fastest time
// over all rounds; native keeps the lowest median and p95 of its rounds.
//
// Prints, per corpus, median and p95 milliseconds per page for both and the
// ratio wasm / native. Single-threaded both sides; run on an idle machine.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ABD_DIR,
  CORPUS,
  ROOT,
  RTP_DIR,
  importPkgForNode,
  loadCorpus,
  pkgManifest,
  pkgProblem,
  stats,
} from './helpers.mjs';

function parseArgs(argv) {
  const args = { corpus: CORPUS, runs: 3, rounds: 2, json: false, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Math.max(1, Number.parseInt(argv[++i], 10) || 3);
    else if (a === '--rounds') args.rounds = Math.max(1, Number.parseInt(argv[++i], 10) || 2);
    else if (a === '--json') args.json = true;
    else if (a === '--only') args.only = argv[++i];
    else if (a === '-h' || a === '--help') {
      console.log('usage: node tests/js/bench.mjs [CORPUS_DIR] [--runs N] [--rounds N] [--json] [--only TEXT]');
      process.exit(0);
    } else if (a.startsWith('-')) {
      console.error(`bench: unknown option ${a}`);
      process.exit(2);
    } else args.corpus = path.resolve(a);
  }
  return args;
}

/** Fastest of `runs` runs of `extract`, in ms, and whether it gave an article. */
function timeWasm(lectern, page, runs) {
  const options = page.url ? { url: page.url } : {};
  let best = Infinity;
  let ok = true;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    try {
      lectern.extract(page.html, options);
    } catch {
      ok = false;
    }
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, ok };
}

/** A corpus dir holding links to exactly `pages`, laid out as eval expects. */
function mirrorCorpus(src, dst, corpora) {
  const rtp = corpora[RTP_DIR];
  if (rtp?.pages.length) {
    fs.mkdirSync(path.join(dst, RTP_DIR), { recursive: true });
    for (const p of rtp.pages) {
      fs.symlinkSync(path.join(src, RTP_DIR, p.name), path.join(dst, RTP_DIR, p.name));
    }
  }
  const abd = corpora[ABD_DIR];
  if (abd?.pages.length) {
    const truth = JSON.parse(fs.readFileSync(path.join(src, ABD_DIR, 'ground-truth.json'), 'utf8'));
    const keep = Object.fromEntries(abd.pages.map((p) => [p.name, truth[p.name]]));
    fs.mkdirSync(path.join(dst, ABD_DIR, 'html'), { recursive: true });
    fs.writeFileSync(path.join(dst, ABD_DIR, 'ground-truth.json'), JSON.stringify(keep));
    for (const p of abd.pages) {
      const f = `${p.name}.html.gz`;
      fs.symlinkSync(path.join(src, ABD_DIR, 'html', f), path.join(dst, ABD_DIR, 'html', f));
    }
  }
}

function runNativeEval(corpusDir, runs) {
  const [cmd, args] = process.env.LECTERN_EVAL
    ? [process.env.LECTERN_EVAL, []]
    : ['cargo', ['run', '--release', '--locked', '--quiet', '--example', 'eval', '--']];
  const r = spawnSync(cmd, [...args, corpusDir, '--json', '--runs', String(runs)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error || r.status !== 0) {
    throw new Error(`native eval failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stderr}`);
  }
  return JSON.parse(r.stdout);
}

const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const problem = pkgProblem();
  if (problem) {
    console.error(`bench: ${problem}`);
    process.exit(1);
  }
  const corpora = loadCorpus(args.corpus, { only: args.only });
  if (Object.keys(corpora).length === 0) {
    console.log(`skipped: no corpus in ${args.corpus}`);
    return;
  }
  const lectern = await importPkgForNode();
  const log = args.json ? console.error : console.log;
  log(
    `lectern ${pkgManifest().version} bench: ${args.corpus} (fastest of ${args.runs} runs per page, ${args.rounds} rounds; ` +
      `Node ${process.version}, ${os.cpus().length} cores)`,
  );

  // Warm-up: one pass over every page, so V8 has tiered the hot functions up
  // from its baseline compiler and the wasm memory has grown to its peak.
  for (const c of Object.values(corpora)) for (const page of c.pages) timeWasm(lectern, page, 1);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-'));
  const best = {}; // corpus -> per-page fastest wasm times
  const errors = {};
  const nativeRounds = [];
  try {
    mirrorCorpus(args.corpus, tmp, corpora);
    for (let round = 0; round < args.rounds; round++) {
      for (const [name, c] of Object.entries(corpora)) {
        best[name] ??= c.pages.map(() => Infinity);
        errors[name] = 0;
        c.pages.forEach((page, i) => {
          const { ms, ok } = timeWasm(lectern, page, args.runs);
          best[name][i] = Math.min(best[name][i], ms);
          if (!ok) errors[name]++;
        });
      }
      nativeRounds.push(runNativeEval(tmp, args.runs));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const wasm = {};
  for (const [name, c] of Object.entries(corpora)) {
    wasm[name] = { pages: c.pages.length, skipped: c.skipped.length, errors: errors[name], timeMs: stats(best[name]) };
    if (c.skipped.length) log(`${name}: ${c.skipped.length} page(s) skipped (bytes not valid UTF-8)`);
  }
  const native = {};
  for (const name of Object.keys(corpora)) {
    const rounds = nativeRounds.map((r) => r[name]).filter(Boolean);
    if (rounds.length === 0) continue;
    const pick = (key) => Math.min(...rounds.map((r) => r.timeMs[key]));
    native[name] = {
      pages: rounds[0].pages,
      timeMs: { median: pick('median'), p95: pick('p95'), mean: pick('mean'), total: pick('total') },
    };
  }

  const rows = [];
  for (const name of Object.keys(wasm)) {
    const w = wasm[name].timeMs;
    const n = native[name]?.timeMs;
    rows.push({
      corpus: name,
      pages: wasm[name].pages,
      nativePages: native[name]?.pages ?? null,
      wasm: { median: w.median, p95: w.p95, mean: w.mean, total: w.total },
      native: n ? { median: n.median, p95: n.p95, mean: n.mean, total: n.total } : null,
      ratio: n ? { median: w.median / n.median, p95: w.p95 / n.p95, total: w.total / n.total } : null,
    });
  }
  if (args.json) {
    console.log(
      JSON.stringify({ version: pkgManifest().version, runs: args.runs, rounds: args.rounds, node: process.version, corpora: rows }, null, 2),
    );
    return;
  }
  console.log('');
  console.log(
    `${'corpus'.padEnd(24)} ${'pages'.padStart(5)}  ${'wasm median'.padStart(11)} ${'p95'.padStart(8)}  ` +
      `${'native median'.padStart(13)} ${'p95'.padStart(8)}  ${'ratio median'.padStart(12)} ${'p95'.padStart(6)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.corpus.padEnd(24)} ${String(r.pages).padStart(5)}  ${f2(r.wasm.median).padStart(8)} ms ${f2(r.wasm.p95).padStart(5)} ms  ` +
        `${f2(r.native?.median).padStart(10)} ms ${f2(r.native?.p95).padStart(5)} ms  ` +
        `${ratio(r.wasm.median, r.native?.median).padStart(12)} ${ratio(r.wasm.p95, r.native?.p95).padStart(6)}`,
    );
    if (r.nativePages !== null && r.nativePages !== r.pages) {
      console.log(`  note: native timed ${r.nativePages} pages, wasm ${r.pages}`);
    }
  }
}

await main();
