// The reader view's rendering and typography settings, shared by the
// extension's reader page and the demo site (www/), so both look alike.
// Article HTML comes from the engine already sanitized; the pages that use
// this module also forbid inline scripts by CSP, as a second wall.

/** Typography settings and their defaults. */
export const DEFAULT_SETTINGS = Object.freeze({
  theme: 'system', // 'system' follows prefers-color-scheme; or 'light', 'dark', 'sepia'
  font: 'serif', // or 'sans'
  fontSize: 20, // CSS pixels
  width: 'medium', // 'narrow', 'medium' or 'wide'
});

const THEMES = ['system', 'light', 'dark', 'sepia'];
const FONTS = ['serif', 'sans'];
const WIDTHS = ['narrow', 'medium', 'wide'];
export const MIN_FONT_SIZE = 14;
export const MAX_FONT_SIZE = 32;

/** Settings from storage, with anything unknown or out of range reset. */
export function normalizeSettings(value) {
  const s = { ...DEFAULT_SETTINGS, ...(value && typeof value === 'object' ? value : {}) };
  if (!THEMES.includes(s.theme)) s.theme = DEFAULT_SETTINGS.theme;
  if (!FONTS.includes(s.font)) s.font = DEFAULT_SETTINGS.font;
  if (!WIDTHS.includes(s.width)) s.width = DEFAULT_SETTINGS.width;
  const size = Number(s.fontSize);
  s.fontSize = Number.isFinite(size)
    ? Math.min(MAX_FONT_SIZE, Math.max(MIN_FONT_SIZE, Math.round(size)))
    : DEFAULT_SETTINGS.fontSize;
  return s;
}

/** Applies settings to an element (the reader's <html>); CSS does the rest. */
export function applySettings(root, settings) {
  const s = normalizeSettings(settings);
  if (s.theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = s.theme;
  root.dataset.font = s.font;
  root.dataset.width = s.width;
  root.style.setProperty('--reader-font-size', `${s.fontSize}px`);
  return s;
}

/**
 * Wires the controls inside `form` (elements named theme, font, width, and
 * buttons with data-action="smaller" / "larger") to `onChange(settings)`.
 * Returns a function that shows new settings in the controls.
 */
export function bindControls(form, initial, onChange) {
  let current = normalizeSettings(initial);
  const show = (s) => {
    current = normalizeSettings(s);
    for (const name of ['theme', 'font', 'width']) {
      const field = form.elements.namedItem(name);
      if (field) field.value = current[name];
    }
    const size = form.querySelector('[data-role="font-size"]');
    if (size) size.textContent = `${current.fontSize}px`;
    const smaller = form.querySelector('[data-action="smaller"]');
    const larger = form.querySelector('[data-action="larger"]');
    if (smaller) smaller.disabled = current.fontSize <= MIN_FONT_SIZE;
    if (larger) larger.disabled = current.fontSize >= MAX_FONT_SIZE;
  };
  const change = (patch) => {
    show({ ...current, ...patch });
    onChange(current);
  };
  form.addEventListener('change', (event) => {
    const { name, value } = event.target;
    if (['theme', 'font', 'width'].includes(name)) change({ [name]: value });
  });
  form.addEventListener('click', (event) => {
    const action = event.target.closest('[data-action]')?.dataset.action;
    if (action === 'smaller') change({ fontSize: current.fontSize - 2 });
    if (action === 'larger') change({ fontSize: current.fontSize + 2 });
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  show(current);
  return show;
}

/** A publication time as the reader's locale writes dates; the raw text otherwise. */
export function formatDate(value) {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

function element(tag, props = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value !== null && value !== undefined) node.setAttribute(key, value);
  }
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function isWebUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Renders `article` (the engine's Article object) into `container`: a header
 * with site, title, byline, date and reading time, the lead image when the
 * article has no picture of its own, and the article.
 * `options.originalUrl` adds a link to the page the article came from;
 * `options.linkTarget` sets where article links open (e.g. "_top").
 */
export function renderArticle(container, article, options = {}) {
  container.replaceChildren();
  const root = element('article', { class: 'reader-article', lang: article.lang || null, dir: article.dir || null });

  const header = element('header', { class: 'reader-header' });
  if (article.siteName) header.append(element('p', { class: 'reader-site' }, article.siteName));
  header.append(element('h1', { class: 'reader-title' }, article.title || 'Untitled'));
  const meta = element('p', { class: 'reader-meta' });
  if (article.byline) meta.append(element('span', { class: 'reader-byline' }, article.byline));
  const date = formatDate(article.publishedTime);
  if (date) meta.append(element('time', { class: 'reader-date', datetime: article.publishedTime }, date));
  if (article.readingTimeMinutes) {
    meta.append(element('span', { class: 'reader-time' }, `${article.readingTimeMinutes} min read`));
  }
  if (meta.childElementCount) header.append(meta);
  if (options.originalUrl && isWebUrl(options.originalUrl)) {
    const link = element('a', { class: 'reader-original', href: options.originalUrl, rel: 'noopener noreferrer' },
      new URL(options.originalUrl).host);
    if (options.linkTarget) link.target = options.linkTarget;
    const source = element('p', { class: 'reader-source' }, 'Original page: ');
    source.append(link);
    header.append(source);
  }
  root.append(header);

  const body = element('div', { class: 'reader-content' });
  // Sanitized by the engine (ammonia allowlist). Parsed in an inert document
  // (nothing runs or loads there) and moved in; the page's CSP also forbids
  // inline script and handlers in case anything slipped through.
  const parsed = new DOMParser().parseFromString(String(article.content), 'text/html');
  body.append(...parsed.body.childNodes);
  if (article.leadImageUrl && isWebUrl(article.leadImageUrl) && !body.querySelector('img')) {
    const figure = element('figure', { class: 'reader-lead' });
    figure.append(element('img', { src: article.leadImageUrl, alt: '', referrerpolicy: 'no-referrer' }));
    root.append(figure);
  }
  for (const img of body.querySelectorAll('img')) img.referrerPolicy = 'no-referrer';
  if (options.linkTarget) {
    for (const a of body.querySelectorAll('a[href]')) {
      if (isWebUrl(a.href)) a.target = options.linkTarget;
    }
  }
  root.append(body);
  container.append(root);
  return root;
}
