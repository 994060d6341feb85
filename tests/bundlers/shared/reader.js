import init, { extract } from 'lectern';

// init() fetches and compiles lectern_bg.wasm the first time it runs and
// resolves at once after that, so it is called where the engine is needed:
// no top-level await, and no wasm download until a page is read.
export async function readArticle(html, url) {
  await init();
  return extract(html, { url });
}
