/**
 * What to ask for when connecting each kind of channel: configuration (stored as is, shown back)
 * and credentials (sealed at rest, write-only: the console only learns which ones are set).
 * The shapes follow each connector's config (src/modules/channels/<kind>).
 */
export type KindFieldType = 'text' | 'url' | 'number' | 'list' | 'boolean' | 'select';

export interface KindField {
  /** Dotted path inside `config`, or the secret's name. */
  key: string;
  label: string;
  type: KindFieldType;
  required?: boolean;
  secret?: boolean;
  description?: string;
  options?: string[];
  placeholder?: string;
}

export const KIND_LABELS: Record<string, string> = {
  email: 'Email (IMAP/SMTP)',
  bluesky: 'Bluesky',
  x: 'X',
  mastodon: 'Mastodon',
  rss: 'RSS / review feeds',
  webhook: 'Webhook',
  webchat: 'Web chat',
  import: 'Import',
};

export const KIND_FIELDS: Record<string, KindField[]> = {
  email: [
    { key: 'address', label: 'Support address', type: 'text', required: true, placeholder: 'support@example.com' },
    { key: 'name', label: 'Sender name', type: 'text' },
    { key: 'imap.host', label: 'IMAP host', type: 'text', required: true },
    { key: 'imap.port', label: 'IMAP port', type: 'number', required: true, placeholder: '993' },
    { key: 'imap.user', label: 'IMAP user', type: 'text', required: true },
    { key: 'imap.secure', label: 'IMAP over TLS', type: 'boolean' },
    { key: 'smtp.host', label: 'SMTP host', type: 'text', required: true },
    { key: 'smtp.port', label: 'SMTP port', type: 'number', required: true, placeholder: '465' },
    { key: 'smtp.secure', label: 'SMTP over TLS', type: 'boolean' },
    { key: 'imapPassword', label: 'IMAP password', type: 'text', secret: true, required: true },
    { key: 'smtpPassword', label: 'SMTP password', type: 'text', secret: true, description: 'Leave empty to use the IMAP password' },
  ],
  bluesky: [
    { key: 'service', label: 'Service URL', type: 'url', required: true, placeholder: 'https://bsky.social' },
    { key: 'identifier', label: 'Handle', type: 'text', required: true, placeholder: 'acme.bsky.social' },
    { key: 'searchTerms', label: 'Search terms', type: 'list', description: 'One per line; posts mentioning them are heard too' },
    { key: 'appPassword', label: 'App password', type: 'text', secret: true, required: true },
  ],
  x: [
    { key: 'userId', label: 'Account user id', type: 'text', required: true, description: "The brand account's numeric id" },
    { key: 'username', label: 'Username', type: 'text', required: true, placeholder: 'acme' },
    { key: 'searchQuery', label: 'Search query', type: 'text', description: 'X recent-search syntax' },
    { key: 'bearerToken', label: 'Bearer token', type: 'text', secret: true },
    { key: 'appKey', label: 'API key', type: 'text', secret: true },
    { key: 'appSecret', label: 'API key secret', type: 'text', secret: true },
    { key: 'accessToken', label: 'Access token', type: 'text', secret: true },
    { key: 'accessSecret', label: 'Access token secret', type: 'text', secret: true },
  ],
  mastodon: [
    { key: 'instanceUrl', label: 'Instance URL', type: 'url', required: true, placeholder: 'https://mastodon.social' },
    { key: 'acct', label: 'Account', type: 'text', required: true, placeholder: 'acme' },
    { key: 'searchQuery', label: 'Search query', type: 'text' },
    { key: 'replyVisibility', label: 'Reply visibility', type: 'select', options: ['public', 'unlisted'] },
    { key: 'accessToken', label: 'Access token', type: 'text', secret: true, required: true },
  ],
  rss: [{ key: 'feeds', label: 'Feed URLs', type: 'list', required: true, description: 'One URL per line (RSS, Atom or JSON Feed)' }],
  webhook: [{ key: 'signingSecret', label: 'Signing secret', type: 'text', secret: true, required: true, description: 'Senders sign each delivery with it (HMAC-SHA256)' }],
  webchat: [{ key: 'allowedOrigins', label: 'Allowed origins', type: 'list', required: true, description: 'Sites that may embed the chat, one per line, e.g. https://www.example.com' }],
  import: [],
};

export const fieldsOf = (kind: string): KindField[] => KIND_FIELDS[kind] ?? [];

const getPath = (o: Record<string, unknown>, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

const setPath = (o: Record<string, unknown>, path: string, value: unknown) => {
  const parts = path.split('.');
  let cur = o;
  for (const p of parts.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
  cur[parts.at(-1)!] = value;
};

/** Form values (all strings/booleans) from a channel's stored config; secrets always start empty. */
export const valuesFromConfig = (kind: string, config: Record<string, unknown>): Record<string, string | boolean> => {
  const out: Record<string, string | boolean> = {};
  for (const f of fieldsOf(kind)) {
    if (f.secret) out[f.key] = '';
    else {
      const v = getPath(config, f.key);
      if (f.type === 'boolean') out[f.key] = v === undefined ? true : v === true;
      else if (f.type === 'list') out[f.key] = Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x && 'url' in x ? String((x as { url: unknown }).url) : String(x))).join('\n') : '';
      else out[f.key] = v === undefined || v === null ? '' : String(v);
    }
  }
  return out;
};

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** The config and the secrets to send; an empty secret is left out (kept as it is on edit). */
export const configFromValues = (kind: string, values: Record<string, string | boolean>, base: Record<string, unknown> = {}) => {
  const config: Record<string, unknown> = structuredClone(base);
  const secrets: Record<string, string> = {};
  for (const f of fieldsOf(kind)) {
    const v = values[f.key];
    if (f.secret) {
      if (typeof v === 'string' && v !== '') secrets[f.key] = v;
      continue;
    }
    if (f.type === 'boolean') setPath(config, f.key, v === true);
    else if (f.type === 'number') setPath(config, f.key, v === '' ? undefined : Number(v));
    else if (f.type === 'list') setPath(config, f.key, kind === 'rss' && f.key === 'feeds' ? lines(String(v)).map((url) => ({ url })) : lines(String(v)));
    else setPath(config, f.key, String(v).trim() === '' ? undefined : String(v).trim());
  }
  return { config: JSON.parse(JSON.stringify(config)) as Record<string, unknown>, secrets };
};

/** Checks before sending: required fields, URLs, numbers. `hasSecret` says which credentials are already stored. */
export const validateKindValues = (kind: string, values: Record<string, string | boolean>, hasSecret: (name: string) => boolean): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const f of fieldsOf(kind)) {
    const v = values[f.key];
    const s = typeof v === 'string' ? v.trim() : '';
    if (f.type === 'boolean') continue;
    if (f.required && s === '' && !(f.secret && hasSecret(f.key))) errors[f.key] = `${f.label} is required`;
    else if (s && f.type === 'url' && !/^https?:\/\/\S+$/.test(s)) errors[f.key] = 'Enter a URL starting with https://';
    else if (s && f.type === 'number' && !/^\d+$/.test(s)) errors[f.key] = 'Enter a whole number';
    else if (s && f.type === 'list' && (f.key === 'feeds' || f.key === 'allowedOrigins')) {
      const bad = lines(s).find((l) => !/^https?:\/\/\S+$/.test(l));
      if (bad) errors[f.key] = `Not a URL: ${bad}`;
    }
  }
  return errors;
};
