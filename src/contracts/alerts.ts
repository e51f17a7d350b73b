import { Type, type Static } from 'typebox';
import { DateTime, Name, Strict, Uuid } from './common.ts';

/** A rule's definition travels as an object; the alerts module checks it field by field (errors name `/body/definition/...`). */
const Definition = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 20 });

export const AlertRuleView = Type.Object({
  id: Uuid,
  name: Type.String(),
  position: Type.Integer(),
  isActive: Type.Boolean(),
  /** conditions, recipients (Slack/webhook URLs as a hint only, `hasSecret` for webhooks), escalation, quietHours, grouping. */
  definition: Type.Record(Type.String(), Type.Unknown()),
  updatedAt: DateTime,
});
export type AlertRuleView = Static<typeof AlertRuleView>;

export const AlertRuleCreate = Strict({
  name: Name,
  definition: Definition,
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  isActive: Type.Optional(Type.Boolean()),
});
export type AlertRuleCreate = Static<typeof AlertRuleCreate>;

export const AlertRulePatch = Strict({
  name: Type.Optional(Name),
  definition: Type.Optional(Definition),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  isActive: Type.Optional(Type.Boolean()),
});
export type AlertRulePatch = Static<typeof AlertRulePatch>;

export const TestAlertResultView = Type.Object({ kind: Type.String(), target: Type.String(), ok: Type.Boolean(), error: Type.Union([Type.String(), Type.Null()]) });
export type TestAlertResultView = Static<typeof TestAlertResultView>;

export const ALERT_STATES = ['queued', 'sending', 'sent', 'failed', 'suppressed', 'acknowledged'] as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const AlertDeliveryView = Type.Object({
  id: Uuid,
  incidentId: Nullable(Type.String()),
  ruleId: Nullable(Type.String()),
  ruleName: Nullable(Type.String()),
  title: Nullable(Type.String()),
  severity: Nullable(Type.Integer()),
  kind: Type.Union([Type.Literal('console'), Type.Literal('email'), Type.Literal('slack'), Type.Literal('webhook')]),
  /** Member id, email address, or a hint of the URL (never the URL of a Slack webhook, never a secret). */
  target: Type.String(),
  memberId: Nullable(Type.String()),
  state: Type.Union(ALERT_STATES.map((s) => Type.Literal(s))),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(DateTime),
  lastError: Nullable(Type.String()),
  escalationLevel: Type.Integer(),
  foldedUpdates: Type.Integer(),
  isDrill: Type.Boolean(),
  sentAt: Nullable(DateTime),
  acknowledgedAt: Nullable(DateTime),
  acknowledgedBy: Nullable(Type.String()),
  createdAt: DateTime,
});
export type AlertDeliveryView = Static<typeof AlertDeliveryView>;

export const AlertDeliveryQuery = Strict({
  incidentId: Type.Optional(Uuid),
  state: Type.Optional(Type.Union(ALERT_STATES.map((s) => Type.Literal(s)))),
  /** Only the alerts addressed to me. */
  mine: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type AlertDeliveryQuery = Static<typeof AlertDeliveryQuery>;

/** The signed link of an alert email: the page posts its token back. */
export const AlertAckLinkBody = Strict({ token: Type.String({ minLength: 8, maxLength: 128 }) });
export const AlertAckLinkQuery = Strict({ token: Type.String({ minLength: 8, maxLength: 128 }) });
export const AlertAckLinkView = Type.Object({
  title: Type.String(),
  severity: Type.Integer(),
  isDrill: Type.Boolean(),
  acknowledgedAt: Nullable(DateTime),
});
export type AlertAckLinkView = Static<typeof AlertAckLinkView>;
