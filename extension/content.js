// Injected into the tab on demand, in the extension's isolated world. It
// never changes the page: the reader view is one element laid over it, and
// closing removes that element, so the DOM, the scroll position, form input
// and running scripts are all as the user left them.
(() => {
  if (globalThis.__lecternContent) return; // injected again by a later toggle
  globalThis.__lecternContent = true;

  const api = globalThis.browser ?? globalThis.chrome;
  // Page styles cannot reach inside the shadow root; inline !important beats
  // any page rule on the host element itself. Set through CSSOM, which a
  // page's CSP (style-src) does not block, unlike a style attribute.
  const HOST_STYLE = {
    all: 'initial', position: 'fixed', inset: '0', 'z-index': '2147483647',
    display: 'block', width: '100vw', height: '100vh', margin: '0', padding: '0',
    border: '0', opacity: '1', visibility: 'visible', transform: 'none',
  };
  const NOTICE_HOST_STYLE = {
    all: 'initial', position: 'fixed', top: '16px', right: '16px', 'z-index': '2147483647', display: 'block',
  };
  const NOTICE_STYLE = {
    font: '15px/1.4 system-ui, sans-serif', color: '#1f1d1a', background: '#fbfaf7',
    border: '1px solid #c9c2b6', 'border-radius': '6px', padding: '12px 16px', 'max-width': '360px',
    'box-shadow': '0 4px 16px rgba(0,0,0,.2)',
  };
  const FRAME_STYLE = {
    display: 'block', border: '0', width: '100%', height: '100%', background: 'Canvas', 'color-scheme': 'normal',
  };

  function style(node, rules, priority = '') {
    for (const [name, value] of Object.entries(rules)) node.style.setProperty(name, value, priority);
  }

  // The most a message between the extension's parts may hold: Chromium's
  // limit (64 MiB), on the message as serialized (JSON in UTF-8).
  const MESSAGE_LIMIT = 64 * 1024 * 1024;
  // Room for what wraps the reply in a message.
  const ENVELOPE = 1024;

  /** An upper bound on the reply's size as a message, in bytes. */
  function messageBytes(reply) {
    // JSON escapes make at most 6 bytes of one UTF-16 unit (UTF-8 at most 3):
    // most pages are far below the limit and are not serialized to be measured.
    const units = reply.html.length + reply.url.length;
    if (units * 6 + ENVELOPE <= MESSAGE_LIMIT) return units;
    return new TextEncoder().encode(JSON.stringify(reply)).byteLength + ENVELOPE;
  }

  let reader = null; // { host, frame, scrollX, scrollY, focused, locks }
  let notice = null;

  api.runtime.onMessage.addListener((msg, _sender, respond) => {
    switch (msg?.type) {
      case 'lectern:toggle':
        if (reader) {
          close();
          respond({ closed: true });
        } else {
          removeNotice();
          // After the page's scripts ran: what the user sees, not what the
          // server sent. Taken before the reader's host element is added.
          const reply = { html: document.documentElement.outerHTML, url: location.href };
          // A reply over the browser's message limit is dropped without a
          // word: measured here, and the background told only the size.
          const bytes = messageBytes(reply);
          if (bytes > MESSAGE_LIMIT) {
            respond({ tooLarge: bytes });
            break;
          }
          respond(reply);
          open(msg.token);
        }
        break;
      case 'lectern:show':
        show();
        respond({});
        break;
      case 'lectern:failed':
        close();
        showNotice(String(msg.message));
        respond({});
        break;
      case 'lectern:close':
        close();
        respond({});
        break;
      default:
        break;
    }
    return false;
  });

  // Opened hidden: the frame loads while the engine extracts, and shows
  // once the background says there is an article.
  function open(token) {
    if (reader) return;
    const host = document.createElement('lectern-reader');
    style(host, HOST_STYLE, 'important');
    host.style.setProperty('visibility', 'hidden', 'important');
    // Closed: page scripts cannot reach the frame through the host.
    const shadow = host.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    frame.src = `${api.runtime.getURL('reader.html')}#${encodeURIComponent(token)}`;
    frame.title = 'Reader view';
    style(frame, FRAME_STYLE);
    shadow.append(frame);
    reader = { host, frame, scrollX: window.scrollX, scrollY: window.scrollY, focused: document.activeElement };
    document.documentElement.append(host);
  }

  // While the reader shows, only the reader scrolls: the page's own
  // scrollbars would be drawn over it and move the hidden page. Locked the
  // way the host is styled (CSSOM, which a page's CSP does not block), and
  // given back exactly: each element's style attribute as it was, byte for
  // byte, or none if it had none.
  const OVERFLOW = ['overflow-x', 'overflow-y'];

  /** Whether `node`'s style attribute is what styles it (a page's CSP may have kept it from applying). */
  function inlineStyleApplies(node, attribute) {
    if (attribute === null) return true;
    const probe = document.createElement('div'); // never attached
    probe.setAttribute('style', attribute);
    return probe.style.cssText === node.style.cssText;
  }

  function lockScrolling() {
    const locks = [];
    const viaSheet = [];
    for (const [node, selector] of [[document.documentElement, ':root'], [document.body, 'body']]) {
      if (!node) continue;
      const attribute = node.getAttribute('style');
      // Setting the attribute back would apply what the page's CSP blocked:
      // such an element is locked by a stylesheet instead, its attribute untouched.
      if (!inlineStyleApplies(node, attribute)) {
        viaSheet.push(selector);
        continue;
      }
      const lock = {
        node,
        attribute,
        // The longhands: a page may set one without the other.
        saved: OVERFLOW.map((name) => [name, node.style.getPropertyValue(name), node.style.getPropertyPriority(name)]),
      };
      for (const name of OVERFLOW) node.style.setProperty(name, 'hidden', 'important');
      lock.locked = node.getAttribute('style');
      locks.push(lock);
    }
    if (viaSheet.length) {
      try {
        // A constructed sheet: not in the DOM, and no CSP applies to it.
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(`${viaSheet.join(', ')} { overflow: hidden !important; }`);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        locks.push({ sheet });
      } catch {
        // Left scrollable rather than changed for good.
      }
    }
    return locks;
  }

  function unlockScrolling(locks) {
    for (const { node, attribute, saved, locked, sheet } of locks) {
      if (sheet) {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
        continue;
      }
      const changed = node.getAttribute('style') !== locked;
      for (const [name, value, priority] of saved) {
        node.style.removeProperty(name);
        if (value) node.style.setProperty(name, value, priority);
      }
      // The page changed the style meanwhile: its change stays, ours is undone.
      if (changed) continue;
      if (attribute === null) {
        node.removeAttribute('style');
        continue;
      }
      // The declarations are back through CSSOM (never blocked); now the
      // attribute's exact text, whose serialization may differ.
      if (node.getAttribute('style') !== attribute) node.setAttribute('style', attribute);
    }
  }

  function show() {
    if (!reader) return;
    reader.locks ??= lockScrolling();
    reader.host.style.setProperty('visibility', 'visible', 'important');
    reader.frame.focus();
  }

  function close() {
    if (!reader) return;
    const { host, scrollX, scrollY, focused, locks } = reader;
    reader = null;
    host.remove();
    if (locks) unlockScrolling(locks);
    // Instant even if the page asks for smooth scrolling.
    window.scrollTo({ left: scrollX, top: scrollY, behavior: 'instant' });
    if (focused && focused !== document.body && typeof focused.focus === 'function') {
      focused.focus({ preventScroll: true });
    }
  }

  function showNotice(text) {
    removeNotice();
    const host = document.createElement('lectern-notice');
    style(host, NOTICE_HOST_STYLE, 'important');
    const shadow = host.attachShadow({ mode: 'open' });
    const box = document.createElement('div');
    box.setAttribute('role', 'status');
    box.textContent = text;
    style(box, NOTICE_STYLE);
    shadow.append(box);
    document.documentElement.append(host);
    const timer = setTimeout(removeNotice, 6000);
    notice = { host, timer };
  }

  function removeNotice() {
    if (!notice) return;
    clearTimeout(notice.timer);
    notice.host.remove();
    notice = null;
  }
})();
