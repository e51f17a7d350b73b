/**
 * Which web sites may embed a channel's chat: the channel's config `allowedOrigins`, a list of
 * origins (`https://www.acme.com`, `http://localhost:3000`) or one-level wildcards for a company's
 * subdomains (`https://*.acme.com`, which does not match `https://acme.com` itself). An empty or
 * missing list allows no site: a widget is switched on by naming where it lives.
 */
export const allowedOriginsOf = (config: Record<string, unknown>): string[] =>
  Array.isArray(config.allowedOrigins) ? config.allowedOrigins.filter((o): o is string => typeof o === 'string') : [];

const normalize = (origin: string): string | null => {
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
};

const matches = (origin: string, pattern: string): boolean => {
  const star = pattern.match(/^(https?):\/\/\*\.(.+)$/);
  if (!star) return normalize(pattern) === origin;
  const suffix = normalize(`${star[1]}://${star[2]}`);
  if (!suffix) return false;
  const want = new URL(suffix);
  const got = new URL(origin);
  return got.protocol === want.protocol && got.port === want.port && got.hostname.endsWith(`.${want.hostname}`);
};

/** Whether a browser's `Origin` header names an allowed site (`null` and garbage never are). */
export const isOriginAllowed = (origin: string | undefined, allowed: string[]): boolean => {
  if (!origin) return false;
  const o = normalize(origin);
  if (!o || o !== origin.replace(/\/$/, '')) return false;
  return allowed.some((p) => matches(o, p));
};
