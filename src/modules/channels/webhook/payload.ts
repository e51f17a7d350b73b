import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { InboundItem } from '../connector.ts';

/**
 * The JSON body a source pushes to the generic webhook channel: a batch of mentions. Strict
 * (unknown fields are refused, so a typo is a 400 rather than silently lost data); anything the
 * sender wants kept verbatim goes in `raw`. This schema is the one the OpenAPI document shows.
 */
export const MAX_ITEMS_PER_DELIVERY = 500;
/** Bodies above this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export const WebhookAuthor = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 512, description: 'Stable id of the author at the source' }),
    handle: Type.String({ minLength: 1, maxLength: 512, description: 'What the source calls them: @name, email, username' }),
    name: Type.Optional(Type.String({ maxLength: 512 })),
    followers: Type.Optional(Type.Integer({ minimum: 0 })),
    verified: Type.Optional(Type.Boolean()),
    profileUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 2048 })),
  },
  { additionalProperties: false },
);

export const WebhookItem = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 512, description: 'Unique per channel; a re-sent id is stored once' }),
    text: Type.String({ maxLength: 100_000 }),
    createdAt: Type.String({ format: 'date-time', description: 'When the author wrote it (RFC 3339)' }),
    url: Type.Optional(Type.String({ format: 'uri', maxLength: 2048 })),
    title: Type.Optional(Type.String({ maxLength: 1000 })),
    kind: Type.Optional(
      Type.Union(
        [
          Type.Literal('post'),
          Type.Literal('reply'),
          Type.Literal('dm'),
          Type.Literal('review'),
          Type.Literal('article'),
          Type.Literal('chat'),
          Type.Literal('repost'),
        ],
        {
          description: "Defaults to 'reply' when inReplyTo is set, else 'post'",
        },
      ),
    ),
    visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private')], { description: "Defaults to 'public'" })),
    inReplyTo: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'id of the item this one answers' })),
    threadRoot: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    author: WebhookAuthor,
    raw: Type.Optional(Type.Unknown({ description: 'Kept verbatim in the raw store' })),
  },
  { additionalProperties: false },
);

export const WebhookPayload = Type.Object(
  { items: Type.Array(WebhookItem, { minItems: 1, maxItems: MAX_ITEMS_PER_DELIVERY }) },
  { additionalProperties: false, description: 'A batch of mentions pushed by a signed source' },
);
export type WebhookPayload = Static<typeof WebhookPayload>;
export type WebhookItem = Static<typeof WebhookItem>;

export const examplePayload: WebhookPayload = {
  items: [
    {
      id: 'vendor-7f3a9c',
      text: 'Ordered the Acme Pro 3 two weeks ago and it still has not shipped. Anyone from @acme here?',
      createdAt: '2026-01-05T09:12:44Z',
      url: 'https://forum.example/t/acme-order-late/8812#p3',
      title: 'Acme order late',
      kind: 'post',
      visibility: 'public',
      author: {
        id: 'forum-user-5521',
        handle: 'kettle_drum',
        name: 'Kay Drummond',
        followers: 312,
        verified: false,
        profileUrl: 'https://forum.example/u/kettle_drum',
      },
      raw: { sentiment: -0.6, source: 'forum.example' },
    },
    {
      id: 'vendor-7f3aa0',
      text: 'Same here, order #A-1187.',
      createdAt: '2026-01-05T09:20:03Z',
      inReplyTo: 'vendor-7f3a9c',
      author: { id: 'forum-user-9001', handle: 'mo' },
    },
  ],
};

export interface FieldError {
  /** JSON Pointer into the body, e.g. `/items/3/author/id`; `` for the body itself. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; items: InboundItem[] } | { ok: false; errors: FieldError[] };

/** Validate a parsed JSON body and map it to InboundItems, or list every field that is wrong. */
export const parseWebhookPayload = (json: unknown): ParseResult => {
  if (!Value.Check(WebhookPayload, json)) return { ok: false, errors: fieldErrors(json) };
  return { ok: true, items: json.items.map(toInboundItem) };
};

/** The same from the raw body bytes, for a receiver that has not parsed JSON yet. */
export const parseWebhookBody = (rawBody: string | Buffer): ParseResult => {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody);
  } catch (err) {
    return { ok: false, errors: [{ path: '', message: `body is not JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  return parseWebhookPayload(json);
};

const MAX_ERRORS = 50;

const fieldErrors = (json: unknown): FieldError[] => {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  // A union of literals fails as one `const` error per choice, then `anyOf`: say it once.
  const choices = new Map<string, unknown[]>();
  for (const e of Value.Errors(WebhookPayload, json)) {
    const params = e.params as { requiredProperties?: string[]; additionalProperties?: string[]; allowedValue?: unknown };
    if (e.keyword === 'const') {
      choices.set(e.instancePath, [...(choices.get(e.instancePath) ?? []), params.allowedValue]);
      continue;
    }
    // A missing property is reported on its parent; name the property itself, as a caller expects.
    const paths =
      e.keyword === 'anyOf' && choices.has(e.instancePath)
        ? [{ path: e.instancePath, message: `must be one of ${choices.get(e.instancePath)?.join(', ')}` }]
        : e.keyword === 'required' && params.requiredProperties
        ? params.requiredProperties.map((p) => ({ path: `${e.instancePath}/${p}`, message: 'is required' }))
        : e.keyword === 'additionalProperties' && params.additionalProperties
          ? params.additionalProperties.map((p) => ({ path: `${e.instancePath}/${p}`, message: 'is not a known field' }))
          : e.keyword === 'boolean'
            ? [] // the additionalProperties error above already names the field
            : [{ path: e.instancePath, message: e.message }];
    for (const p of paths) {
      const key = `${p.path}\u0000${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
      if (out.length >= MAX_ERRORS) return out;
    }
  }
  return out;
};

const toInboundItem = (item: WebhookItem): InboundItem => ({
  externalId: item.id,
  kind: item.kind ?? (item.inReplyTo ? 'reply' : 'post'),
  visibility: item.visibility ?? 'public',
  text: item.text,
  title: item.title ?? null,
  url: item.url ?? null,
  authoredAt: new Date(item.createdAt),
  author: {
    externalId: item.author.id,
    handle: item.author.handle,
    displayName: item.author.name ?? null,
    followers: item.author.followers ?? null,
    verified: item.author.verified ?? null,
    profileUrl: item.author.profileUrl ?? null,
  },
  inReplyTo: item.inReplyTo ?? null,
  threadRoot: item.threadRoot ?? null,
  // The whole item as the source sent it, so a replay can re-derive everything.
  raw: item,
});
