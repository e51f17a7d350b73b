import { Type, type Static } from 'typebox';
import { DateTime, Strict, Uuid } from './common.ts';

/** Check-in surveys: CSAT 1–5 or NPS 0–10 with a comment, the workspace's survey settings, scores. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SurveyKind = Type.Union([Type.Literal('csat'), Type.Literal('nps')]);
export type SurveyKind = Static<typeof SurveyKind>;

export const SURVEY_COMMENT_MAX = 2000;

/** The customer's answer. The score's range depends on the survey's kind (checked against it). */
export const SurveyAnswer = Strict({
  score: Type.Integer({ minimum: 0, maximum: 10 }),
  comment: Type.Optional(Type.String({ maxLength: SURVEY_COMMENT_MAX })),
});
export type SurveyAnswer = Static<typeof SurveyAnswer>;

export const SurveyTokenParams = Strict({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });

export const SurveyView = Type.Object({
  id: Uuid,
  kind: SurveyKind,
  trigger: Type.String(),
  state: Type.Union([Type.Literal('sent'), Type.Literal('answered'), Type.Literal('expired')]),
  score: Nullable(Type.Integer()),
  comment: Nullable(Type.String()),
  customerId: Nullable(Uuid),
  conversationId: Nullable(Uuid),
  isDrill: Type.Boolean(),
  sentAt: DateTime,
  answeredAt: Nullable(DateTime),
  expiresAt: Nullable(DateTime),
});
export type SurveyView = Static<typeof SurveyView>;

export const SurveySend = Strict({ kind: SurveyKind });
export type SurveySend = Static<typeof SurveySend>;

export const SurveySchedule = Strict({
  kind: Type.Union([Type.Literal('off'), SurveyKind]),
  everyDays: Type.Integer({ minimum: 1, maximum: 365 }),
  segment: Type.Optional(Strict({
    tiers: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
    vip: Type.Optional(Type.Boolean()),
  })),
});

export const SurveySettings = Strict({
  afterResolution: Type.Union([Type.Literal('off'), SurveyKind]),
  /** Minutes after the resolution before the check-in leaves. */
  delayMinutes: Type.Integer({ minimum: 0, maximum: 60 * 24 * 30 }),
  /** Days a link stays answerable. */
  expiresDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  schedule: Type.Optional(SurveySchedule),
});
export type SurveySettings = Static<typeof SurveySettings>;

export const ScoreSummary = Type.Object({
  sent: Type.Integer(),
  answered: Type.Integer(),
  /** Mean score, null without answers. */
  average: Nullable(Type.Number()),
  /** CSAT: share of 4–5; NPS: promoters − detractors in points (−100…100). */
  score: Nullable(Type.Number()),
  distribution: Type.Array(Type.Integer()),
});

export const SurveySummary = Type.Object({
  since: DateTime,
  csat: ScoreSummary,
  nps: ScoreSummary,
});
export type SurveySummary = Static<typeof SurveySummary>;

export const SurveySummaryQuery = Strict({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) });
