import { CSS } from './styles.ts';

/**
 * The widget's DOM: a launcher button and a chat panel in a shadow root. Every piece of text that
 * came from a person (messages, names, error details) is put in with textContent, never parsed as
 * HTML. Accessible by keyboard and screen reader: the panel is a labelled dialog, the
 * conversation a live log, Escape closes and focus returns to the launcher.
 */
export interface ChatView {
  isOpen(): boolean;
  open(): void;
  close(): void;
  /** Shows a message, or updates it when one with this id is already shown. Returns false if it was shown. */
  upsert(id: string, from: 'visitor' | 'agent', text: string, state?: 'sending' | 'sent' | 'failed', onRetry?: () => void): boolean;
  has(id: string): boolean;
  /** One line under the conversation: the link's state and the last sending problem, each in its slot. */
  setStatus(slot: 'connection' | 'send', text: string): void;
  setUnread(n: number): void;
}

export interface ViewHandlers {
  onOpen(): void;
  onSubmit(text: string): void;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};

const chatIcon = (): SVGSVGElement => {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z');
  svg.append(path);
  return svg;
};

const applyStyles = (root: ShadowRoot): void => {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(el('style', {}, CSS));
  }
};

const STATE_TEXT = { sending: 'Sending…', sent: '', failed: 'Not sent.' } as const;

export const mountView = (title: string, handlers: ViewHandlers): ChatView => {
  // A custom element name: the page's `div { … }` rules cannot reach the host either.
  const host = document.createElement('lookout-chat');
  const root = host.attachShadow({ mode: 'open' });
  applyStyles(root);

  const launcher = el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'panel', 'aria-label': 'Open chat' });
  const badge = el('span', { class: 'badge', 'aria-hidden': 'true', hidden: '' });
  launcher.append(chatIcon(), badge);

  const panel = el('section', { id: 'panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'title', hidden: '' });
  const header = el('header');
  const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Close chat' }, '×');
  header.append(el('h2', { id: 'title' }, title), close);
  // The live region wraps the list: a role on the <ol> itself would strip its list semantics.
  const log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
  const list = el('ol', { class: 'list' });
  const empty = el('li', { class: 'empty' }, 'Ask us anything. We reply here, usually within minutes.');
  list.append(empty);
  log.append(list);
  const status = el('p', { class: 'status', role: 'status' });
  const form = el('form', { 'aria-label': 'Send a message' });
  const input = el('textarea', { id: 'message', rows: '2', maxlength: '5000', placeholder: 'Write a message…', autocomplete: 'off' });
  const send = el('button', { type: 'submit', class: 'send' }, 'Send');
  form.append(el('label', { for: 'message', class: 'sr-only' }, 'Message'), input, send);
  panel.append(header, log, status, form);
  const wrapper = el('div', { class: 'lookout' });
  wrapper.append(panel, launcher);
  root.append(wrapper);

  const shown = new Map<string, HTMLLIElement>();
  const statusText = { connection: '', send: '' };
  let unread = 0;

  const view: ChatView = {
    isOpen: () => !panel.hidden,
    open() {
      panel.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
      launcher.setAttribute('aria-label', 'Close chat');
      view.setUnread(0);
      handlers.onOpen();
      input.focus();
      log.scrollTop = log.scrollHeight;
    },
    close() {
      panel.hidden = true;
      launcher.setAttribute('aria-expanded', 'false');
      view.setUnread(unread);
      launcher.focus();
    },
    has: (id) => shown.has(id),
    upsert(id, from, text, state = 'sent', onRetry) {
      let item = shown.get(id);
      const isNew = !item;
      if (!item) {
        empty.remove();
        item = el('li', { class: `msg ${from}` });
        shown.set(id, item);
        list.append(item);
      }
      item.dataset.id = id;
      item.dataset.state = state;
      item.replaceChildren(el('span', { class: from === 'agent' ? 'who' : 'sr-only' }, from === 'agent' ? 'Support' : 'You:'), el('p', {}, text));
      if (state !== 'sent') {
        const meta = el('span', { class: 'meta' }, STATE_TEXT[state]);
        if (state === 'failed' && onRetry) {
          const retry = el('button', { type: 'button', class: 'retry' }, 'Retry');
          retry.addEventListener('click', onRetry);
          meta.append(retry);
        }
        item.append(meta);
      }
      if (isNew) log.scrollTop = log.scrollHeight;
      return isNew;
    },
    setStatus(slot, text) {
      statusText[slot] = text;
      status.textContent = [statusText.send, statusText.connection].filter(Boolean).join(' ');
    },
    setUnread(n) {
      unread = n;
      const showBadge = n > 0 && panel.hidden;
      badge.hidden = !showBadge;
      badge.textContent = showBadge ? String(n) : '';
      if (panel.hidden) launcher.setAttribute('aria-label', showBadge ? `Open chat, ${n} unread` : 'Open chat');
    },
  };

  launcher.addEventListener('click', () => (panel.hidden ? view.open() : view.close()));
  close.addEventListener('click', () => view.close());
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') view.close();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    handlers.onSubmit(text);
  });

  document.body.append(host);
  return view;
};
