// Hostile inputs for the wasm engine: each must make `extract` return or throw
// a JS Error, never trap. Shared by check.mjs (run in the scratch project next
// to this file), and by tests/js/hostile-native.mjs, which times the same
// inputs in the native CLI. `hostileInputs(sample)` takes the sample page's
// HTML (some inputs are built from it) and returns [name, makeInput] pairs.

export function hostileInputs(sample) {
  return HOSTILE(sample);
}

/** Deterministic bytes (xorshift32), so a failure reproduces. */
function randomBytes(n, seed = 0x2545f491) {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const para = (i) =>
  `<p>Paragraph ${i} of a long story, with commas, clauses, and enough words to score as article text.</p>`;

const HOSTILE = (sample) => [
  ['whitespace only', () => ' \n\t\r '.repeat(2000)],
  ['binary garbage (1 MiB random bytes as latin1)', () => Buffer.from(randomBytes(1 << 20)).toString('latin1')],
  ['NUL bytes only', () => '\0'.repeat(100_000)],
  ['NUL bytes inside the sample', () => sample.replaceAll('e', 'e\0').replaceAll('<p', '<\0p')],
  ['100,000 levels of <div> nesting', () => '<div>'.repeat(100_000) + para(0).repeat(20) + '</div>'.repeat(100_000)],
  ['100,000 levels of unclosed <div> nesting', () => '<html><body>' + '<div>'.repeat(100_000) + para(0).repeat(20)],
  ['100,000 levels of <span><b><i> nesting', () => '<p>' + '<span><b><i>'.repeat(34_000) + 'text, text, text.'.repeat(100)],
  ['200,000 sibling <p> elements', () => '<html><body><article>' + Array.from({ length: 200_000 }, (_, i) => para(i)).join('') + '</article></body></html>'],
  ['10 MB single text node', () => '<html><body><p>' + 'lorem, ipsum '.repeat(800_000) + '</p></body></html>'],
  ['50 MB page', () => '<html><body><article>' + para(0).repeat(500_000) + '</article></body></html>'],
  ['1,000,001 elements', () => '<html><body><article>' + '<p>word, words.</p>'.repeat(1_000_001) + '</article></body></html>'],
  ['5 MB single word', () => '<html><body><div>' + 'x'.repeat(5_000_000) + '</div></body></html>'],
  ['100,000 attributes on one element', () =>
    '<html><body><div ' + Array.from({ length: 100_000 }, (_, i) => `data-a${i}="v${i}"`).join(' ') + '>' + para(0).repeat(20) + '</div></body></html>'],
  ['100,000 duplicate attributes on one element', () =>
    '<html><body><div ' + 'class="x" '.repeat(100_000) + '>' + para(0).repeat(20) + '</div></body></html>'],
  ['unclosed tags everywhere', () =>
    '<html><body>' + Array.from({ length: 2_000 }, (_, i) => `<div><p><span><b><i><a href="/x${i}"><ul><li><table><tr><td>cell ${i}, text, more text`).join('')],
  ['misnested <table>/<template>', () =>
    '<html><body>' + Array.from({ length: 2_000 }, (_, i) =>
      `<table><template><tr><td><table><template></td></table><p>text ${i}, words, words</template><tbody><template><div></table></template>`).join('') + para(1).repeat(10)],
  ['misnested formatting (adoption agency)', () =>
    '<html><body>' + '<b><i><p>a</b>b</i>c</p>'.repeat(5_000) + para(2).repeat(10)],
  ['deep <table> nesting', () => '<table><tr><td>'.repeat(5_000) + para(3).repeat(10)],
  ['deep <template> nesting', () => '<template>'.repeat(10_000) + para(4).repeat(10)],
  ['deep <svg>/<math> nesting', () => '<body><svg>' + '<g>'.repeat(10_000) + '</svg><math>' + '<mrow>'.repeat(10_000) + '</math>' + para(5).repeat(10)],
  ['lone surrogates and odd code points', () =>
    '<p>' + '\uD800\uDFFF\uFFFE\uFFFF\u202E\u0085'.repeat(50_000) + '</p>' + para(6).repeat(10)],
  ['huge srcset and urls', () =>
    '<html><body><article>' + para(7).repeat(10) + `<img src="${'a/'.repeat(100_000)}" srcset="${Array.from({ length: 20_000 }, (_, i) => `i${i}.jpg ${i}w`).join(', ')}"></article></body></html>`],
  // Not HTML strings at all: a JS TypeError is fine, a trap is not.
  ['non-string html: extract(12345)', () => 12345],
  ['non-string html: extract(true)', () => true],
  ['non-string html: extract({})', () => ({})],
  ['non-string html: extract(null)', () => null],
  ['non-string html: extract(undefined)', () => undefined],
];
