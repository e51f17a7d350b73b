/**
 * The anonymous visitor id, kept in localStorage so a visitor finds their conversation again on
 * the next page and the next visit. Storage can be blocked (privacy modes, sandboxed frames):
 * then the id lives as long as the page, and chat still works.
 */
export const newId = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
};

const read = (key: string): string | null => {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
};

const write = (key: string, value: string): void => {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage refused: keep going without it.
  }
};

export const visitorIdFor = (siteKey: string): string => {
  const key = `lookout-chat:${siteKey}:visitor`;
  const found = read(key);
  if (found && /^[A-Za-z0-9_-]{16,64}$/.test(found)) return found;
  const id = newId();
  write(key, id);
  return id;
};

/** Whether this visitor has chatted before: then the live stream opens with the page, to show replies. */
export const hasChatted = (siteKey: string): boolean => read(`lookout-chat:${siteKey}:active`) === '1';
export const markChatted = (siteKey: string): void => write(`lookout-chat:${siteKey}:active`, '1');
