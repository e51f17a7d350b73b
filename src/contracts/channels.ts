import { Type, type Static } from 'typebox';
import { DateTime, Name, Strict, Uuid } from './common.ts';

export const ChannelKind = Type.Union(['email', 'bluesky', 'rss', 'webhook', 'webchat', 'x', 'mastodon', 'import'].map((k) => Type.Literal(k)));

export const ChannelView = Type.Object({
  id: Uuid,
  kind: Type.String(),
  name: Type.String(),
  config: Type.Record(Type.String(), Type.Unknown()),
  /** Which credentials are set; their values never leave the server. */
  secretNames: Type.Array(Type.String()),
  status: Type.String(),
  health: Type.Record(Type.String(), Type.Unknown()),
  publicKey: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type ChannelView = Static<typeof ChannelView>;

const Secrets = Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 10_000 }), { maxProperties: 20 });

export const ChannelCreate = Strict({
  kind: ChannelKind,
  name: Name,
  config: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 })),
  secrets: Type.Optional(Secrets),
});
export type ChannelCreate = Static<typeof ChannelCreate>;

export const ChannelPatch = Strict({
  name: Type.Optional(Name),
  config: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 })),
  secrets: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()]), { maxProperties: 20 })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('paused')])),
});
export type ChannelPatch = Static<typeof ChannelPatch>;

export const ChannelFailureView = Type.Object({
  id: Type.Integer(),
  reason: Type.String(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
});

export const ChannelKindView = Type.Object({
  kind: Type.String(),
  maxLength: Type.Union([Type.Integer(), Type.Null()]),
  canThread: Type.Boolean(),
  hasPrivateMessages: Type.Boolean(),
  receives: Type.Array(Type.String()),
  canSend: Type.Boolean(),
});

export const HealthCheckView = Type.Object({ ok: Type.Boolean(), problem: Type.Union([Type.String(), Type.Null()]), detail: Type.Union([Type.String(), Type.Null()]) });

export const ListeningQueryView = Type.Object({
  id: Uuid,
  channelId: Type.Union([Uuid, Type.Null()]),
  name: Type.String(),
  query: Type.String(),
  isActive: Type.Boolean(),
  createdAt: DateTime,
});
export type ListeningQueryView = Static<typeof ListeningQueryView>;

export const ListeningQueryCreate = Strict({
  name: Name,
  query: Type.String({ minLength: 1, maxLength: 2000 }),
  channelId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  isActive: Type.Optional(Type.Boolean()),
});
export type ListeningQueryCreate = Static<typeof ListeningQueryCreate>;

export const ListeningQueryPatch = Strict({
  name: Type.Optional(Name),
  query: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  channelId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  isActive: Type.Optional(Type.Boolean()),
});
export type ListeningQueryPatch = Static<typeof ListeningQueryPatch>;

export const QueryPreviewBody = Strict({ query: Type.String({ minLength: 1, maxLength: 2000 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) });
export const QueryPreviewView = Type.Object({
  scanned: Type.Integer(),
  matched: Type.Integer(),
  examples: Type.Array(Type.Object({ mentionId: Uuid, text: Type.String(), authoredAt: DateTime, channelKind: Type.String() })),
});
