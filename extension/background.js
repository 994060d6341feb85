// The extension's background (a service worker in Chromium, an event page in
// Firefox): the only place the wasm engine runs. Pages whose CSP forbids wasm
// cannot run it in a content script, and the page's own scripts must never
// see the engine or its output before it is sanitized.
import init, { extract } from './lectern/lectern.js';

const api = globalThis.browser ?? globalThis.chrome;
const ready = init({ module_or_path: api.runtime.getURL('lectern/lectern_bg.wasm') });

// Articles for reader frames, by one-time token: a promise, since the frame
// starts loading while the article is still being extracted. A page could
// frame reader.html itself, but without a live token it gets nothing.
const waiting = new Map();
// Tabs with a toggle in flight: a double click must not open two readers.
const busy = new Set();

const MENU_ID = 'lectern-toggle';

api.runtime.onInstalled.addListener(() => {
  api.contextMenus.create({ id: MENU_ID, title: 'Toggle reader view', contexts: ['page'] });
});

api.action.onClicked.addListener((tab) => toggle(tab));

// The tooltip names the shortcut the browser really bound: the suggested key
// may have been refused (taken by the browser or another extension) or
// changed by the user, so it is read back at every start, not written in the
// manifest. Firefox also says when the user changes it.
async function showShortcut() {
  const commands = await api.commands.getAll().catch(() => []);
  const shortcut = commands.find((c) => c.name === '_execute_action')?.shortcut;
  await api.action.setTitle({ title: shortcut ? `Toggle reader view (${shortcut})` : 'Toggle reader view' });
}
showShortcut();
api.commands.onChanged?.addListener(() => showShortcut());
api.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID) toggle(tab);
});

api.runtime.onMessage.addListener((msg, sender, respond) => {
  if (msg?.type === 'lectern:article') {
    takeArticle(msg.token).then(respond, () => respond(null));
    return true; // respond asynchronously
  }
  if (msg?.type === 'lectern:close') {
    const tabId = sender.tab?.id;
    if (tabId !== undefined) api.tabs.sendMessage(tabId, { type: 'lectern:close' }).catch(() => {});
    respond(null);
  }
  return false;
});

async function takeArticle(token) {
  const entry = waiting.get(token);
  waiting.delete(token);
  return entry ? entry.promise : null;
}

/** What the reader shows when extraction fails, by error kind. */
function failureMessage(error) {
  switch (error?.kind) {
    case 'NoArticle':
      return 'Reader view is not available: Lectern found no article on this page.';
    case 'InputTooLarge':
    case 'TooManyElements':
      return 'Reader view is not available: this page is too large to process.';
    default:
      return `Reader view is not available: ${error?.message ?? error}`;
  }
}

/** Sends `message` to the tab's content script, injecting it first if needed. */
async function tell(tabId, message) {
  try {
    return await api.tabs.sendMessage(tabId, message);
  } catch {
    // Not injected yet (or the page navigated since). Injected on demand
    // (activeTab): no host permission, nothing runs on pages the user never
    // asked to read. The script is idempotent.
    await api.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
    return api.tabs.sendMessage(tabId, message);
  }
}

async function toggle(tab) {
  const tabId = tab?.id;
  if (tabId === undefined || busy.has(tabId)) return;
  busy.add(tabId);
  const token = crypto.randomUUID();
  let deliver;
  let delivered = false;
  waiting.set(token, { promise: new Promise((resolve) => { deliver = resolve; }) });
  try {
    // The content script answers with the page (and starts loading a hidden
    // reader frame, so that the frame loads while the engine works), or says
    // it just closed the reader.
    const reply = await tell(tabId, { type: 'lectern:toggle', token });
    if (!reply || reply.closed) return;
    let article;
    try {
      await ready;
      article = extract(reply.html, { url: reply.url });
    } catch (error) {
      await api.tabs.sendMessage(tabId, { type: 'lectern:failed', message: failureMessage(error) });
      return;
    }
    deliver({ article, url: reply.url });
    delivered = true;
    await api.tabs.sendMessage(tabId, { type: 'lectern:show' });
  } catch (error) {
    // Pages the browser protects (settings, web stores, PDF viewer) refuse
    // script injection; there is nothing to read there.
    console.warn('Lectern: cannot toggle reader view on this tab:', error?.message ?? error);
  } finally {
    if (!delivered) {
      waiting.delete(token);
      deliver(null); // a frame already waiting gets nothing, and its host is gone
    }
    busy.delete(tabId);
  }
}
