// The reader page, framed over the tab by content.js. It asks the background
// for its article by the token in its address, renders it, and keeps the
// typography settings in storage.sync so they follow the user.
import { applySettings, bindControls, normalizeSettings, renderArticle } from './reader-view.js';

const api = globalThis.browser ?? globalThis.chrome;
const root = document.documentElement;
const main = document.getElementById('reader');
const status = document.getElementById('status');

let settings = normalizeSettings();
const show = bindControls(document.getElementById('controls'), settings, (next) => {
  settings = applySettings(root, next);
  api.storage.sync.set({ reader: settings }).catch(() => {});
});

// Another reader (tab or window) changed the settings: follow it.
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && changes.reader) {
    settings = applySettings(root, changes.reader.newValue);
    show(settings);
  }
});

function close() {
  api.runtime.sendMessage({ type: 'lectern:close' }).catch(() => {});
}
document.getElementById('close').addEventListener('click', close);
document.getElementById('print').addEventListener('click', () => window.print());
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !event.defaultPrevented) close();
});

// The toolbar stays at the top, over the article: while the reader scrolls
// down it slides away (on a phone it would cover lines of text), and comes
// back as soon as the reader scrolls up or reaches the top.
const toolbar = document.getElementById('controls');
let lastY = window.scrollY;
window.addEventListener('scroll', () => {
  const y = window.scrollY;
  if (Math.abs(y - lastY) < 4 && y > 0) return; // not every pixel of a slow scroll
  toolbar.classList.toggle('toolbar-hidden', y > lastY && y > toolbar.offsetHeight);
  lastY = y;
}, { passive: true });

main.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link) return;
  // "Original page" is the page under the reader: a plain click closes the
  // reader, as "Back to page" does, instead of loading the page again (which
  // would lose what the user typed there). Ctrl/middle click still opens a
  // new tab.
  if (link.classList.contains('reader-original')) {
    if (event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      close();
    }
    return;
  }
  // In-page links (footnotes) scroll the reader instead of the page below it.
  if (!link.hash || !main.dataset.url) return;
  const url = new URL(link.href);
  const page = new URL(main.dataset.url);
  if (url.origin + url.pathname + url.search !== page.origin + page.pathname + page.search) return;
  const target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
  if (target) {
    event.preventDefault();
    target.scrollIntoView();
  }
});

async function start() {
  const stored = await api.storage.sync.get('reader').catch(() => ({}));
  settings = applySettings(root, stored.reader);
  show(settings);

  const token = decodeURIComponent(location.hash.slice(1));
  const entry = await api.runtime.sendMessage({ type: 'lectern:article', token }).catch(() => null);
  if (!entry?.article) {
    status.textContent = 'This reader view has expired. Press the Lectern button again to reopen it.';
    return;
  }
  const { article, url } = entry;
  document.title = article.title ? `${article.title} (reader view)` : 'Reader view';
  main.dataset.url = url;
  status.remove();
  // Links open in the tab itself, replacing the page, as a click on the
  // original page would.
  renderArticle(main, article, { originalUrl: url, linkTarget: '_top' });
  main.focus({ preventScroll: true });
  // After the next frame is painted: the mark that tests/js/bench-extension.mjs
  // reads for "toggle to article painted".
  requestAnimationFrame(() => setTimeout(() => performance.mark('lectern-article-painted'), 0));
}

start();
