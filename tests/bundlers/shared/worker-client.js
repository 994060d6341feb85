// One worker for the page; each call posts a page's HTML and waits for its answer.
const worker = new Worker(new URL('./extract-worker.js', import.meta.url), { type: 'module' });

export function readArticleInWorker(html, url) {
  return new Promise((resolve, reject) => {
    worker.addEventListener('message', ({ data }) => {
      if (data.error) reject(Object.assign(new Error(data.error), { kind: data.kind }));
      else resolve(data.article);
    }, { once: true });
    worker.postMessage({ html, url });
  });
}
