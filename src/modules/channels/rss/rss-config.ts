import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/** One feed the channel reads. `kind` says what its entries are: blog articles or product reviews. */
export const RssFeedConfig = Type.Object({
  url: Type.String({ pattern: '^https?://', description: 'Feed URL (RSS 2.0, Atom, RSS 1.0/RDF or JSON Feed)' }),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Type.Optional(Type.Union([Type.Literal('article'), Type.Literal('review')])),
});
export type RssFeedConfig = Static<typeof RssFeedConfig>;

/** The channel's non-secret configuration. */
export const RssConfig = Type.Object({
  feeds: Type.Array(RssFeedConfig, { minItems: 1, maxItems: 500 }),
  /** Per-request budget; a feed slower than this is recorded as failed for this poll. */
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000 })),
  /** Larger bodies are refused rather than buffered. */
  maxBytes: Type.Optional(Type.Integer({ minimum: 1024, maximum: 50_000_000 })),
});
export type RssConfig = Static<typeof RssConfig>;

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 5_000_000;

export const parseRssConfig = (config: unknown): { ok: true; config: RssConfig } | { ok: false; detail: string } => {
  if (Value.Check(RssConfig, config)) return { ok: true, config };
  const first = [...Value.Errors(RssConfig, config)][0];
  return { ok: false, detail: first ? `${first.instancePath || '/'} ${first.message}` : 'invalid configuration' };
};
