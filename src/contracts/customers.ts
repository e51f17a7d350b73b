import { Type, type Static, type TSchema } from 'typebox';
import { DateTime, Strict, Uuid } from './common.ts';

/** Customers: the list, the 360, edits, merge/unmerge history, duplicate suggestions. */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const CustomerListQuery = Strict({
  /** Matches name, email, a linked identity's handle or display name (case-insensitive, substring). */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  tier: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  vip: Type.Optional(Type.Boolean()),
  /** Merged customers are hidden unless asked for. */
  includeMerged: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  /** The `nextCursor` of the previous page. */
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type CustomerListQuery = Static<typeof CustomerListQuery>;

export const IdentitySummary = Type.Object({
  id: Uuid,
  channelKind: Type.String(),
  handle: Type.String(),
  followers: Nullable(Type.Integer()),
  verified: Type.Boolean(),
});
export type IdentitySummary = Static<typeof IdentitySummary>;

export const CustomerSummary = Type.Object({
  id: Uuid,
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  tier: Nullable(Type.String()),
  isVip: Type.Boolean(),
  optedOut: Type.Boolean(),
  mergedIntoId: Nullable(Uuid),
  identities: Type.Array(IdentitySummary),
  maxFollowers: Type.Integer(),
  updatedAt: DateTime,
});
export type CustomerSummary = Static<typeof CustomerSummary>;

export const CustomerPage = Type.Object({ items: Type.Array(CustomerSummary), nextCursor: Nullable(Type.String()) });
export type CustomerPage = Static<typeof CustomerPage>;

/** How an identity came to be this customer's: its link, and the merge or split that moved it here, if any. */
export const CustomerIdentityView = Type.Object({
  id: Uuid,
  linkId: Uuid,
  channelKind: Type.String(),
  externalId: Type.String(),
  handle: Type.String(),
  displayName: Nullable(Type.String()),
  email: Nullable(Type.String()),
  followers: Nullable(Type.Integer()),
  verified: Type.Boolean(),
  profileUrl: Nullable(Type.String()),
  avatarUrl: Nullable(Type.String()),
  link: Type.Object({ confidence: Type.Number(), reason: Type.String(), linkedBy: Type.String(), linkedAt: DateTime }),
  movedBy: Nullable(
    Type.Object({ historyId: Uuid, kind: Type.String(), fromCustomerId: Uuid, reason: Type.String(), confidence: Nullable(Type.Number()), by: Type.String(), at: DateTime }),
  ),
});
export type CustomerIdentityView = Static<typeof CustomerIdentityView>;

export const CustomerConversationView = Type.Object({
  id: Uuid,
  channelId: Nullable(Uuid),
  channelKind: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  status: Type.String(),
  priority: Type.Integer(),
  sentiment: Nullable(Type.String()),
  intent: Nullable(Type.String()),
  createdAt: DateTime,
  lastMessageAt: DateTime,
  firstResponseAt: Nullable(DateTime),
  /** From the conversation's start to the first response. */
  firstResponseSeconds: Nullable(Type.Integer()),
  relievedAt: Nullable(DateTime),
  resolvedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
});
export type CustomerConversationView = Static<typeof CustomerConversationView>;

/** One day (in the workspace's time zone) of what the customer wrote, by sentiment. */
export const SentimentDay = Type.Object({
  day: Type.String({ format: 'date' }),
  mentions: Type.Integer(),
  negative: Type.Integer(),
  neutral: Type.Integer(),
  positive: Type.Integer(),
  averageScore: Nullable(Type.Number()),
});
export type SentimentDay = Static<typeof SentimentDay>;

export const Customer360 = Type.Object({
  id: Uuid,
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  tier: Nullable(Type.String()),
  isVip: Type.Boolean(),
  optedOut: Type.Boolean(),
  attributes: Type.Record(Type.String(), Type.Unknown()),
  notes: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  /** Set when this customer was merged: the customer it now lives in (following later merges). */
  mergedInto: Nullable(Type.Object({ id: Uuid, name: Nullable(Type.String()) })),
  identities: Type.Array(CustomerIdentityView),
  influence: Type.Object({ maxFollowers: Type.Integer(), isVerified: Type.Boolean(), networks: Type.Array(Type.String()) }),
  conversations: Type.Array(CustomerConversationView),
  conversationCounts: Type.Object({ total: Type.Integer(), open: Type.Integer(), resolved: Type.Integer() }),
  sentiment: Type.Array(SentimentDay),
});
export type Customer360 = Static<typeof Customer360>;

export const CustomerPatch = Strict({
  name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
  email: Type.Optional(Nullable(Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' }))),
  tier: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
  isVip: Type.Optional(Type.Boolean()),
  attributes: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 100 })),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 20_000 }))),
  optedOut: Type.Optional(Type.Boolean()),
});
export type CustomerPatch = Static<typeof CustomerPatch>;

export const MergeBody = Strict({
  otherId: Uuid,
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  /** The confidence of the suggestion that led to the merge, when there was one. */
  confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
});
export type MergeBody = Static<typeof MergeBody>;

export const UnlinkBody = Strict({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) });
export type UnlinkBody = Static<typeof UnlinkBody>;

export const IdentityParams = Strict({ id: Uuid, identityId: Uuid });
export type IdentityParams = Static<typeof IdentityParams>;

export const MergeIdParams = Strict({ mergeId: Uuid });
export type MergeIdParams = Static<typeof MergeIdParams>;

/** One entry of a customer's merge history: a merge, or an identity split off (undone = relinked). */
export const CustomerMergeView = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('merge'), Type.Literal('split')]),
  survivorId: Uuid,
  survivorName: Nullable(Type.String()),
  mergedId: Uuid,
  mergedName: Nullable(Type.String()),
  reason: Type.String(),
  confidence: Nullable(Type.Number()),
  mergedBy: Type.String(),
  createdAt: DateTime,
  movedLinkIds: Type.Array(Uuid),
  movedConversationIds: Type.Array(Uuid),
  undoneAt: Nullable(DateTime),
  undoneBy: Nullable(Type.String()),
});
export type CustomerMergeView = Static<typeof CustomerMergeView>;

/** The result of undoing a merge or a split: what went back, and which later conversations followed. */
export const UndoMergeResult = Type.Object({
  merge: CustomerMergeView,
  restoredLinkIds: Type.Array(Uuid),
  restoredConversationIds: Type.Array(Uuid),
  /** Conversations that arrived after the merge through the identities that went back, and went with them. */
  followedConversationIds: Type.Array(Uuid),
});
export type UndoMergeResult = Static<typeof UndoMergeResult>;

export const SuggestionReason = Type.Object({
  kind: Type.Union([Type.Literal('email'), Type.Literal('handle'), Type.Literal('name'), Type.Literal('url')]),
  detail: Type.String(),
  confidence: Type.Number(),
});
export type SuggestionReason = Static<typeof SuggestionReason>;

export const DuplicateSuggestion = Type.Object({
  customer: CustomerSummary,
  confidence: Type.Number(),
  reasons: Type.Array(SuggestionReason),
  /** A person undid a merge of these two before: shown, never merged automatically. */
  previouslyUnmerged: Type.Boolean(),
});
export type DuplicateSuggestion = Static<typeof DuplicateSuggestion>;
