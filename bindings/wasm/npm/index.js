// Browsers and bundlers: call `await init()` once, then use the functions.
// The wasm file is found next to this module (`new URL(..., import.meta.url)`),
// which Vite, webpack 5 and plain <script type="module"> pages all resolve.
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
