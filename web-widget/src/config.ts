/**
 * What the company's script tag says:
 *   <script src="https://lookout.example/widget.js" data-site-key="ch_…" async></script>
 * plus, for a signed-in visitor, data-user-id / data-user-email / data-user-name and
 * data-user-hash = hex(HMAC-SHA256(identitySecret, userId)) computed on the company's server.
 */
export interface SignedInUser {
  userId: string;
  email?: string;
  name?: string;
  hash?: string;
}

export interface WidgetConfig {
  siteKey: string;
  /** Where Lookout lives: the directory the script was loaded from. */
  base: URL;
  user: SignedInUser | null;
  title: string;
  /**
   * A secure chat link's token (`data-chat-link`, set by Lookout's own /chat/<token> page): sent
   * with every request, it binds the chat to the link's conversation and customer; the panel opens
   * at once.
   */
  chatLink: string | null;
}

/** `document.currentScript` is only set while the script first runs: the caller reads it then. */
const findScript = (current: Element | null): HTMLScriptElement | null => {
  if (current instanceof HTMLScriptElement && current.dataset.siteKey) return current;
  return document.querySelector<HTMLScriptElement>('script[data-site-key][src]');
};

export const readConfig = (current: Element | null): WidgetConfig | null => {
  const script = findScript(current);
  const siteKey = script?.dataset.siteKey?.trim();
  if (!script || !siteKey || !/^ch_[A-Za-z0-9_-]{8,64}$/.test(siteKey)) {
    console.warn('Lookout chat: the script tag needs a data-site-key="ch_…" attribute');
    return null;
  }
  const d = script.dataset;
  const userId = d.userId?.trim();
  const user: SignedInUser | null = userId
    ? { userId, ...(d.userEmail ? { email: d.userEmail.trim() } : {}), ...(d.userName ? { name: d.userName.trim() } : {}), ...(d.userHash ? { hash: d.userHash.trim() } : {}) }
    : null;
  const chatLink = d.chatLink && /^[A-Za-z]{20,400}$/.test(d.chatLink) ? d.chatLink : null;
  return { siteKey, base: new URL('.', script.src), user: chatLink ? null : user, title: d.title?.trim() || 'Chat with us', chatLink };
};
