// The test app around the README's snippets (reader.js, worker-client.js):
// reads the fixture page on the main thread and in a worker, shows both, and
// puts the outcome on window.__lectern for the test.
const url = new URL('fixture.html', location.href).href;

async function run() {
  const html = await (await fetch(url)).text();
  const { readArticle } = await import('./reader.js'); // lazy: the engine loads only now
  const article = await readArticle(html, url);
  document.querySelector('#title').textContent = article.title;
  document.querySelector('#text').textContent = article.textContent;
  const { readArticleInWorker } = await import('./worker-client.js');
  const inWorker = await readArticleInWorker(html, url);
  document.querySelector('#worker-title').textContent = inWorker.title;
  return { title: article.title, text: article.textContent, workerTitle: inWorker.title, workerText: inWorker.textContent };
}

run().then(
  (result) => { window.__lectern = result; },
  (e) => { window.__lectern = { fatal: String(e?.stack ?? e) }; },
);
