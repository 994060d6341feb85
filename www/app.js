// Lectern's demo: the npm package used as a web developer would use it
// (`import init, { extract } from 'lectern'`, here from ./lectern/, the
// package's files as npm installs them), with the reader view of the
// extension (reader-view.js, reader.css).
import init, { extract, readerPage, toMarkdown, version } from './lectern/index.js';
import { applySettings, bindControls, normalizeSettings, renderArticle } from './reader-view.js';

const $ = (id) => document.getElementById(id);
const SETTINGS_KEY = 'lectern-reader-settings';

const state = { article: null, tab: 'reader', ready: false };

// --- Engine loading, with progress and a clear message when it cannot run.

async function loadEngine() {
  const status = $('engine-status');
  const progress = $('engine-progress');
  try {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      throw new Error('this browser cannot run WebAssembly');
    }
    const url = new URL('./lectern/lectern_bg.wasm', import.meta.url);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the engine did not download (HTTP ${response.status})`);
    const total = Number(response.headers.get('content-length')) || 0;
    let bytes;
    if (total && response.body) {
      const reader = response.body.getReader();
      bytes = new Uint8Array(total);
      let done = 0;
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        if (done + value.length > bytes.length) {
          const bigger = new Uint8Array(done + value.length);
          bigger.set(bytes.subarray(0, done));
          bytes = bigger;
        }
        bytes.set(value, done);
        done += value.length;
        progress.value = Math.min(1, done / total);
      }
      bytes = bytes.subarray(0, done);
    } else {
      bytes = new Uint8Array(await response.arrayBuffer());
    }
    await init({ module_or_path: bytes });
    state.ready = true;
    status.textContent = 'Engine ready.';
    $('version').textContent = version();
    $('run').disabled = false;
    document.documentElement.dataset.engine = 'ready';
    if ($('html').value) run(); // a sample picked while the engine loaded
  } catch (error) {
    status.textContent = `The engine cannot run here: ${error.message}. Try a current Chrome, Edge, Firefox or Safari.`;
    status.classList.add('failed');
    document.documentElement.dataset.engine = 'failed';
  }
}

// --- Input: samples, files (picker and drop), paste.

async function loadSamples() {
  const select = $('sample');
  try {
    const samples = await (await fetch('samples/index.json')).json();
    for (const s of samples) {
      const option = new Option(s.title, s.file);
      option.dataset.url = s.url ?? '';
      select.append(option);
    }
  } catch {
    select.disabled = true;
  }
  select.addEventListener('change', async () => {
    const option = select.selectedOptions[0];
    if (!option?.value) return;
    const html = await (await fetch(`samples/${option.value}`)).text();
    $('html').value = html;
    $('url').value = option.dataset.url;
    run();
  });
}

async function readFile(file) {
  if (!file) return;
  // Pages in legacy charsets: the engine decodes bytes itself, but this
  // textarea holds text, so decode as the browser would (UTF-8 by default).
  $('html').value = await file.text();
  $('url').value = '';
  $('sample').value = '';
  run();
}

$('file').addEventListener('change', (e) => readFile(e.target.files[0]));
const drop = $('drop-zone');
for (const target of [drop, document.body]) {
  target.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  target.addEventListener('dragleave', () => drop.classList.remove('over'));
  target.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    readFile(e.dataTransfer?.files?.[0]);
  });
}
$('run').addEventListener('click', () => run());

// --- Extraction and output.

function showMessage(text) {
  const m = $('message');
  m.textContent = text;
  m.hidden = !text;
}

function run() {
  if (!state.ready) return;
  const html = $('html').value;
  const url = $('url').value.trim() || null;
  // The original, beside the result: sandboxed with no permissions, so none
  // of its scripts, forms or links can run or navigate.
  $('original').srcdoc = html;
  showMessage('');
  let article;
  let elapsed;
  try {
    // One parse: the article carries the readerable verdict too.
    const start = performance.now();
    article = extract(html, { url });
    elapsed = performance.now() - start;
  } catch (error) {
    state.article = null;
    $('metadata').hidden = true;
    $('panel-reader').replaceChildren();
    for (const id of ['out-html', 'out-markdown', 'out-text']) $(id).textContent = '';
    $('copy').disabled = true;
    $('download').disabled = true;
    showMessage(error.kind === 'NoArticle'
      ? 'No article found on this page: it looks like a list, a form or a home page.'
      : `No article: ${error.message}`);
    return;
  }
  state.article = article;
  const fields = {
    title: article.title,
    byline: article.byline,
    siteName: article.siteName,
    publishedTime: article.publishedTime,
    lang: [article.lang, article.dir].filter(Boolean).join(', '),
    readingTime: `${article.readingTimeMinutes} min (${article.wordCount.toLocaleString()} words)`,
    readerable: article.readerable ? 'yes' : 'no',
    elapsed: `${elapsed.toFixed(1)} ms`,
  };
  for (const [field, value] of Object.entries(fields)) {
    $('metadata').querySelector(`[data-field="${field}"]`).textContent = value || '\u2014';
  }
  $('metadata').hidden = false;
  renderArticle($('panel-reader'), article, { originalUrl: url, linkTarget: '_blank' });
  for (const a of $('panel-reader').querySelectorAll('a[target="_blank"]')) a.rel = 'noopener noreferrer';
  $('out-html').textContent = article.content;
  $('out-markdown').textContent = toMarkdown(article);
  $('out-text').textContent = article.textContent;
  $('copy').disabled = false;
  $('download').disabled = false;
}

// --- Tabs (WAI-ARIA tabs pattern: arrow keys move between tabs).

const tabs = [...document.querySelectorAll('[role="tab"]')];
function selectTab(tab, focus = false) {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !selected;
  }
  state.tab = tab.id.replace('tab-', '');
  if (focus) tab.focus();
}
for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], true);
  });
}

// --- Copy and download what the selected tab shows.

function currentOutput() {
  const a = state.article;
  const base = (a.title || 'article').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'article';
  switch (state.tab) {
    case 'markdown':
      return { text: toMarkdown(a), type: 'text/markdown', name: `${base}.md` };
    case 'text':
      return { text: a.textContent, type: 'text/plain', name: `${base}.txt` };
    case 'html':
      return { text: a.content, type: 'text/html', name: `${base}.fragment.html` };
    default:
      // A standalone reader page: inline CSS, strict CSP, no script.
      return { text: readerPage(a), type: 'text/html', name: `${base}.html` };
  }
}

$('copy').addEventListener('click', async () => {
  if (!state.article) return;
  try {
    await navigator.clipboard.writeText(currentOutput().text);
    $('copy-status').textContent = 'Copied.';
  } catch {
    $('copy-status').textContent = 'The browser refused the clipboard; use Download.';
  }
});
$('download').addEventListener('click', () => {
  if (!state.article) return;
  const { text, type, name } = currentOutput();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
});

// --- Typography settings, kept in localStorage.

let stored;
try {
  stored = JSON.parse(localStorage.getItem(SETTINGS_KEY) || '{}');
} catch {
  stored = {};
}
const settings = applySettings(document.documentElement, normalizeSettings(stored));
bindControls($('controls'), settings, (next) => {
  const applied = applySettings(document.documentElement, next);
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(applied));
  } catch {
    // Private mode: settings last for this visit.
  }
});

loadSamples();
loadEngine();
