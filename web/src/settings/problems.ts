import { ApiError } from '../api/client.ts';

/**
 * The server's problems under one part of a request body, keyed by their path below it:
 * problemsUnder(err, '/body/definition') turns '/body/definition/when/all/0/value' into
 * 'when/all/0/value'. Nested editors (rule builder, calendars) show each next to its input.
 */
export const problemsUnder = (err: unknown, prefix: string): Record<string, string> => {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const p of err.problems) {
    if (p.path !== prefix && !p.path.startsWith(`${prefix}/`)) continue;
    const rest = p.path.slice(prefix.length + 1);
    out[rest] ??= p.message;
  }
  return out;
};

/** Problems at or below a path, joined for one input ('targets/firstResponse' also catches 'targets'). */
export const problemAt = (problems: Record<string, string>, path: string): string | undefined => {
  const hits = Object.entries(problems).filter(([p]) => p === path || p.startsWith(`${path}/`));
  return hits.length ? hits.map(([, m]) => m).join('; ') : undefined;
};
