// A module worker: extraction runs here, off the page's main thread.
import init, { extract } from 'lectern';

self.onmessage = async ({ data: { html, url } }) => {
  try {
    await init();
    self.postMessage({ article: extract(html, { url }) });
  } catch (e) {
    self.postMessage({ error: e.message, kind: e.kind });
  }
};
