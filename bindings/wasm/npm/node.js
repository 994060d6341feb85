// Node.js: the wasm module is compiled synchronously on import, so the
// functions work at once; `init()` is kept (a resolved no-op) so that code
// written for browsers runs unchanged.
import { readFileSync } from 'node:fs';
import { initSync } from './lectern.js';

initSync({ module: readFileSync(new URL('./lectern_bg.wasm', import.meta.url)) });

export { initSync, extract, isProbablyReaderable, toMarkdown, readerPage, errorKinds, version } from './lectern.js';

export default async function init() {}
