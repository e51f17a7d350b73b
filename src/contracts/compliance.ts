import { Type, type Static } from 'typebox';
import { Strict, Uuid } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** The compliance guard: settings (GET/PUT /api/compliance) and a check of draft text (POST /api/compliance/check). */

const Action = Type.Union([Type.Literal('block'), Type.Literal('warn')]);
const Setting = Type.Union([Type.Literal('block'), Type.Literal('warn'), Type.Literal('off')]);

export const ComplianceSettingsBody = Strict({
  builtins: Strict({ cardNumber: Setting, accountNumber: Setting, email: Setting, phone: Setting, address: Setting }),
  patterns: Type.Array(
    Strict({
      /** Omit for a new pattern: the server gives it one. */
      id: Type.Optional(Type.String({ maxLength: 64 })),
      name: Type.String({ maxLength: 200 }),
      /** A regular expression's source (JavaScript syntax), at most 200 characters. */
      pattern: Type.String({ maxLength: 1000 }),
      flags: Type.Optional(Type.String({ maxLength: 8 })),
      action: Action,
    }),
    { maxItems: 200 },
  ),
  forbiddenPromises: Type.Array(Strict({ phrase: Type.String({ maxLength: 500 }), action: Action }), { maxItems: 500 }),
  /** What a public reply outside the channel's business hours (its channel rule's calendar) gets. */
  businessHours: Setting,
  /** A supervisor approves every public reply before it leaves. */
  requireApprovalForPublicReply: Type.Boolean(),
  /** The public half of "move to private"; must contain {{private.invitation}}. Null or empty: the default. */
  movePrivateTemplate: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
});
export type ComplianceSettingsBody = Static<typeof ComplianceSettingsBody>;

export const ComplianceSettingsView = Type.Object({
  builtins: Type.Object({ cardNumber: Setting, accountNumber: Setting, email: Setting, phone: Setting, address: Setting }),
  patterns: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), pattern: Type.String(), flags: Type.Optional(Type.String()), action: Action })),
  forbiddenPromises: Type.Array(Type.Object({ phrase: Type.String(), action: Action })),
  businessHours: Setting,
  requireApprovalForPublicReply: Type.Boolean(),
  movePrivateTemplate: Type.Union([Type.String(), Type.Null()]),
});
export type ComplianceSettingsView = Static<typeof ComplianceSettingsView>;

export const ComplianceCheckBody = Strict({
  /** The conversation's channel is checked (business hours) unless channelId names another. */
  conversationId: Type.Optional(Uuid),
  channelId: Type.Optional(Uuid),
  text: Type.String({ maxLength: 20_000 }),
  visibility: Type.Union([Type.Literal('public'), Type.Literal('private')]),
});
export type ComplianceCheckBody = Static<typeof ComplianceCheckBody>;

export const ComplianceFinding = Type.Object({
  kind: Type.String({ enum: ['cardNumber', 'accountNumber', 'email', 'phone', 'address', 'pattern', 'forbiddenPromise', 'businessHours'] }),
  action: Action,
  /** Character offsets in the text (UTF-16, as JavaScript strings count); null for the reply as a whole. */
  span: Nullable(Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() })),
  message: Type.String(),
  patternId: Type.Optional(Type.String()),
});
export type ComplianceFinding = Static<typeof ComplianceFinding>;

export const ComplianceCheckView = Type.Object({
  findings: Type.Array(ComplianceFinding),
  /** Some finding blocks: the reply cannot be sent. */
  blocked: Type.Boolean(),
  /** Some finding warns: the reply needs acknowledgeWarnings: true. */
  needsAcknowledgement: Type.Boolean(),
});
export type ComplianceCheckView = Static<typeof ComplianceCheckView>;

/** Test one custom pattern against sample text before saving it (the settings page's live test box). */
export const CompliancePatternTestBody = Strict({ pattern: Type.String({ maxLength: 1000 }), flags: Type.Optional(Type.String({ maxLength: 8 })), text: Type.String({ maxLength: 5000 }) });
export const CompliancePatternTestView = Type.Object({
  problem: Nullable(Type.String()),
  matches: Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() })),
});
export type CompliancePatternTestView = Static<typeof CompliancePatternTestView>;

export const PrivatePathOption = Type.Object({
  path: Type.String({ enum: ['dm', 'email', 'webchat'] }),
  available: Type.Boolean(),
  reason: Nullable(Type.String()),
  channel: Nullable(Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() })),
  /** The handle or email address the private half goes to (shown to the agent, never posted publicly). */
  to: Nullable(Type.String()),
});
export type PrivatePathOption = Static<typeof PrivatePathOption>;

export const MovePrivateBody = Strict({
  /** webchat: a signed link, valid 7 days, to a chat on Lookout's own site bound to this conversation. */
  path: Type.Union([Type.Literal('dm'), Type.Literal('email'), Type.Literal('webchat')]),
  /** The private half; default: a short opening asking for the details. */
  message: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
  /** The public half; default: the workspace's template with the path's invitation. */
  publicText: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
  acknowledgeWarnings: Type.Optional(Type.Boolean()),
});
export type MovePrivateBody = Static<typeof MovePrivateBody>;

export const ReplyPreviewBody = Strict({
  text: Type.Optional(Type.String({ maxLength: 20_000 })),
  cannedReplyId: Type.Optional(Uuid),
  visibility: Type.Union([Type.Literal('public'), Type.Literal('private')]),
  channelId: Type.Optional(Uuid),
  variables: Type.Optional(Type.Record(Type.String({ pattern: '^[a-zA-Z]\\w*(\\.[a-zA-Z]\\w*)*$' }), Type.String({ maxLength: 2000 }), { maxProperties: 50 })),
});
export type ReplyPreviewBody = Static<typeof ReplyPreviewBody>;

export const ReplyPreviewView = Type.Object({
  body: Type.String(),
  missing: Type.Array(Type.String()),
  length: Nullable(Type.Object({ ok: Type.Boolean(), length: Type.Integer(), maxLength: Nullable(Type.Integer()), willThread: Type.Boolean(), reason: Type.Optional(Type.String()) })),
  parts: Type.Array(Type.String()),
  findings: Type.Array(ComplianceFinding),
  blocked: Type.Boolean(),
  needsAcknowledgement: Type.Boolean(),
});
export type ReplyPreviewView = Static<typeof ReplyPreviewView>;
