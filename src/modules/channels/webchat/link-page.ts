/**
 * The page a secure chat link opens, on Lookout's own origin under its strict CSP: no inline
 * script, only the web chat widget (`/widget.js`, as any site embeds it) told by data attributes
 * to open at once in page mode with the link's token. Inline styles are allowed by the CSP.
 */
export type ChatLinkPageState = { kind: 'chat'; siteKey: string; token: string; title: string } | { kind: 'expired' } | { kind: 'invalid' } | { kind: 'paused' };

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1a1b1e;line-height:1.5}
main{max-width:36rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.5rem;margin:0 0 .5rem}
p{margin:0 0 .75rem}
.hint{font-size:.875rem;color:#495057}
`;

const layout = (title: string, body: string, script = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main>${script}</body></html>`;

export const renderChatLinkPage = (s: ChatLinkPageState): string => {
  switch (s.kind) {
    case 'chat':
      return layout(
        s.title,
        `<h1>${escape(s.title)}</h1><p>This private chat is only between you and our support team. Write below; we answer here.</p>
<p class="hint">Keep this link to yourself: anyone who has it can read this chat until it expires.</p>`,
        `<script src="/widget.js" data-site-key="${escape(s.siteKey)}" data-chat-link="${escape(s.token)}" data-title="${escape(s.title)}" async></script>`,
      );
    case 'expired':
      return layout('Link expired', '<h1>This chat link has expired</h1><p>For your security, chat links work for a limited time. Reply to our message and we will send you a new one.</p>');
    case 'paused':
      return layout('Chat unavailable', '<h1>This chat is unavailable right now</h1><p>Please try again later, or reply to our message.</p>');
    default:
      return layout('Link not valid', '<h1>This chat link is not valid</h1><p>Please check that you copied all of it, or reply to our message and we will send you a new one.</p>');
  }
};
