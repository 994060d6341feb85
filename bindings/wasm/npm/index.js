// Browsers, bundlers and module workers: `await init()` before the functions
// (it loads the wasm once; later calls resolve at once, so it can sit where
// the engine is used instead of in a top-level await). The wasm file is found
// next to this module (`new URL(..., import.meta.url)`), which Vite, webpack 5,
// Parcel 2 and plain pages resolve; Rollup needs a plugin and esbuild a copy
// of the file (see README.md; tests/bundlers builds each).
export {
  default,
  initSync,
  extract,
  isProbablyReaderable,
  toMarkdown,
  readerPage,
  errorKinds,
  version,
} from './lectern.js';
