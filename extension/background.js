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
    case 'MessageTooLarge':
      return `Reader view is not available: this page is too large (${mib(error.bytes)} of HTML; an extension can pass at most 64 MiB).`;
    case 'InputTooLarge':
    case 'TooManyElements':
      return 'Reader view is not available: this page is too large to process.';
    default:
      return `Reader view is not available: ${error?.message ?? error}`;
  }
}

function mib(bytes) {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The browser refused to run the content script in a tab. */
class Restricted extends Error {}

/** Sends `message` to the tab's content script, injecting it first if needed. */
async function tell(tabId, message) {
  try {
    return await api.tabs.sendMessage(tabId, message);
  } catch {
    // Not injected yet (or the page navigated since). Injected on demand
    // (activeTab): no host permission, nothing runs on pages the user never
    // asked to read. The script is idempotent.
    try {
      await api.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
    } catch (error) {
      throw new Restricted(error?.message ?? String(error));
    }
    return api.tabs.sendMessage(tabId, message);
  }
}

// Pages the browser protects (its settings and internal pages, web stores,
// the PDF viewer) refuse script injection, so no notice can be shown in
// them: the button says it instead, disabled for that tab. Chromium and
// Firefox reset a tab's button when it navigates, so nothing listens to
// every tab's loads to undo it.
const RESTRICTED_TITLE = 'Reader view is not available on this page: the browser does not let extensions run here.';

async function markRestricted(tabId) {
  await Promise.all([
    api.action.setBadgeText({ tabId, text: '!' }),
    api.action.setTitle({ tabId, title: RESTRICTED_TITLE }),
    api.action.disable(tabId),
  ]).catch(() => {});
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
    if (reply.tooLarge) {
      await api.tabs.sendMessage(tabId, { type: 'lectern:failed', message: failureMessage({ kind: 'MessageTooLarge', bytes: reply.tooLarge }) });
      return;
    }
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
    if (error instanceof Restricted) await markRestricted(tabId);
    console.warn('Lectern: cannot toggle reader view on this tab:', error?.message ?? error);
  } finally {
    if (!delivered) {
      waiting.delete(token);
      deliver(null); // a frame already waiting gets nothing, and its host is gone
    }
    busy.delete(tabId);
  }
}
