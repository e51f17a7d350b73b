import { readConfig, type WidgetConfig } from './config.ts';
import { hasChatted, markChatted, newId, visitorIdFor } from './storage.ts';
import { ChatTransport, type ChatEvent } from './transport.ts';
import { mountView } from './view.ts';

/**
 * Lookout's web chat widget: one script tag on the company's site, a launcher and a chat panel
 * in a shadow root, messages up by POST and the conversation down by server-sent events.
 */
declare global {
  interface Window {
    LookoutChat?: { open(): void; close(): void };
  }
}

const start = (cfg: WidgetConfig): void => {
  if (window.LookoutChat) return; // the tag was pasted twice
  const visitorId = visitorIdFor(cfg.siteKey);
  let unread = 0;

  const transport = new ChatTransport(
    cfg,
    visitorId,
    (e: ChatEvent) => {
      const isNew = view.upsert(e.id, e.from, e.text, 'sent');
      if (isNew && e.from === 'agent' && !view.isOpen()) view.setUnread(++unread);
    },
    (state) => view.setStatus('connection', state === 'open' ? '' : 'Reconnecting…'),
  );

  const deliver = (clientMessageId: string, text: string): void => {
    const id = `webchat:${clientMessageId}`;
    view.upsert(id, 'visitor', text, 'sending');
    void transport.send(clientMessageId, text).then((r) => {
      if (r.ok) {
        view.upsert(id, 'visitor', text, 'sent');
        view.setStatus('send', '');
        return;
      }
      view.upsert(id, 'visitor', text, 'failed', r.canRetry ? () => deliver(clientMessageId, text) : undefined);
      view.setStatus('send', `Not sent: ${r.reason}`);
    });
  };

  const view = mountView(cfg.title, {
    onOpen: () => {
      unread = 0;
      transport.connect();
    },
    onSubmit: (text) => {
      if (!cfg.chatLink) markChatted(cfg.siteKey);
      transport.connect();
      deliver(newId(), text);
    },
  });

  // A returning visitor hears replies even before opening the panel; a new one costs no connection.
  // A secure chat link's page is there for the chat: open, connected, showing the agent's opening.
  if (cfg.chatLink) view.open();
  else if (hasChatted(cfg.siteKey)) transport.connect();
  window.LookoutChat = { open: () => view.open(), close: () => view.close() };
};

const cfg = readConfig(document.currentScript);
if (cfg) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => start(cfg), { once: true });
  else start(cfg);
}
