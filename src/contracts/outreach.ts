import { Type, type Static } from 'typebox';
import { DateTime, Name, Strict, Uuid } from './common.ts';

/** Proactive outreach from an incident: the audience, its suppression, the message, and progress. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const OutreachMode = Type.Union([Type.Literal('public'), Type.Literal('private'), Type.Literal('email')]);
export type OutreachMode = Static<typeof OutreachMode>;

/** Customers beyond those who mentioned the incident: every given criterion must hold. */
export const OutreachSegment = Strict({
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
  tiers: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
  vip: Type.Optional(Type.Boolean()),
  channelKinds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 20 })),
  /** Full-text match over the customer's past mentions. */
  topic: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
export type OutreachSegment = Static<typeof OutreachSegment>;

export const OutreachCreate = Strict({
  name: Name,
  body: Type.String({ minLength: 1, maxLength: 5000 }),
  mode: Type.Optional(OutreachMode),
  segment: Type.Optional(OutreachSegment),
  /** Leave out the customers who mentioned the incident (segment only). */
  skipMentioners: Type.Optional(Type.Boolean()),
});
export type OutreachCreate = Static<typeof OutreachCreate>;

export const OutreachPatch = Strict({
  name: Type.Optional(Name),
  body: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
});
export type OutreachPatch = Static<typeof OutreachPatch>;

export const RecipientState = Type.Union([
  Type.Literal('included'), Type.Literal('excluded'), Type.Literal('suppressed'), Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed'),
]);
export type RecipientState = Static<typeof RecipientState>;

export const RecipientsPatch = Strict({
  recipientIds: Type.Array(Uuid, { minItems: 1, maxItems: 5000 }),
  state: Type.Union([Type.Literal('included'), Type.Literal('excluded')]),
});
export type RecipientsPatch = Static<typeof RecipientsPatch>;

export const OutreachRecipientView = Type.Object({
  id: Uuid,
  customerId: Uuid,
  customerName: Nullable(Type.String()),
  handle: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  state: RecipientState,
  /** How the message reaches them: a public reply, a direct message, or email (null: no way). */
  path: Nullable(OutreachMode),
  channelId: Nullable(Uuid),
  channelName: Nullable(Type.String()),
  channelKind: Nullable(Type.String()),
  conversationId: Nullable(Uuid),
  messageId: Nullable(Uuid),
  error: Nullable(Type.String()),
  /** The message as this customer will read it. */
  preview: Type.String(),
});
export type OutreachRecipientView = Static<typeof OutreachRecipientView>;

export const OutreachCampaignView = Type.Object({
  id: Uuid,
  incidentId: Nullable(Uuid),
  incidentTitle: Nullable(Type.String()),
  name: Type.String(),
  body: Type.String(),
  mode: OutreachMode,
  segment: Type.Record(Type.String(), Type.Unknown()),
  state: Type.Union([Type.Literal('draft'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('cancelled')]),
  isDrill: Type.Boolean(),
  sentAt: Nullable(DateTime),
  createdAt: DateTime,
  counts: Type.Record(Type.String(), Type.Integer()),
  /** Recipients to be sent, per channel kind. */
  channelMix: Type.Record(Type.String(), Type.Integer()),
  recipients: Type.Array(OutreachRecipientView),
});
export type OutreachCampaignView = Static<typeof OutreachCampaignView>;

export const OutreachCampaignSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  state: Type.String(),
  mode: OutreachMode,
  isDrill: Type.Boolean(),
  createdAt: DateTime,
  sentAt: Nullable(DateTime),
});
export type OutreachCampaignSummary = Static<typeof OutreachCampaignSummary>;
