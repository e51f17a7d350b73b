import { Type, type Static } from 'typebox';
import { DateTime, Strict, Uuid } from './common.ts';

/** Incidents (from a detection alert or declared by a person), their timeline and checklist, playbooks, detection alerts. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const IncidentStatus = Type.Union([
  Type.Literal('detected'), Type.Literal('acknowledged'), Type.Literal('mitigating'), Type.Literal('resolved'), Type.Literal('dismissed'),
]);
export type IncidentStatus = Static<typeof IncidentStatus>;

export const Severity = Type.Integer({ minimum: 1, maximum: 10 });
const Title = Type.String({ minLength: 1, maxLength: 200 });
/** outage, safety, influencer, billing …: a free word that picks the playbook. */
const IncidentType = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$' });
const Term = Type.String({ minLength: 1, maxLength: 100 });

/* ---------- playbooks ---------- */

export const PlaybookStep = Strict({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  /** A role (admin, supervisor, agent …) or a free job title ("legal", "on-call engineer"). */
  ownerRole: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  ownerId: Type.Optional(Uuid),
});
export const PlaybookStatement = Strict({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  text: Type.String({ minLength: 1, maxLength: 5000 }),
  visibility: Type.Union([Type.Literal('public'), Type.Literal('internal')]),
});
export const PlaybookReply = Strict({ name: Type.String({ minLength: 1, maxLength: 100 }), body: Type.String({ minLength: 1, maxLength: 5000 }) });
export const PlaybookStakeholders = Strict({
  memberIds: Type.Array(Uuid, { maxItems: 100 }),
  emails: Type.Array(Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' }), { maxItems: 100 }),
});
/** Steps with owners, pre-approved public statements and replies, the stakeholders to alert. */
export const PlaybookDefinition = Strict({
  steps: Type.Array(PlaybookStep, { maxItems: 100 }),
  statements: Type.Array(PlaybookStatement, { maxItems: 50 }),
  replies: Type.Array(PlaybookReply, { maxItems: 50 }),
  stakeholders: PlaybookStakeholders,
});
export type PlaybookDefinition = Static<typeof PlaybookDefinition>;

export const PlaybookCreate = Strict({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  incidentTypes: Type.Array(IncidentType, { maxItems: 20 }),
  definition: PlaybookDefinition,
  isActive: Type.Optional(Type.Boolean()),
});
export type PlaybookCreate = Static<typeof PlaybookCreate>;
export const PlaybookPatch = Type.Partial(PlaybookCreate, { additionalProperties: false });
export type PlaybookPatch = Static<typeof PlaybookPatch>;

export const PlaybookView = Type.Object({
  id: Uuid,
  name: Type.String(),
  incidentTypes: Type.Array(Type.String()),
  definition: PlaybookDefinition,
  isActive: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type PlaybookView = Static<typeof PlaybookView>;

/* ---------- incidents ---------- */

export const IncidentQuery = Strict({
  status: Type.Optional(Type.Union([IncidentStatus, Type.Literal('open')])),
  minSeverity: Type.Optional(Severity),
  isDrill: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});
export type IncidentQuery = Static<typeof IncidentQuery>;

export const IncidentCreate = Strict({
  title: Title,
  severity: Severity,
  type: Type.Optional(IncidentType),
  ownerId: Type.Optional(Uuid),
  /** Terms that make new mentions attach themselves ("login error", "outage"). */
  matchTerms: Type.Optional(Type.Array(Term, { maxItems: 20 })),
  mentionIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
  conversationIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
});
export type IncidentCreate = Static<typeof IncidentCreate>;

export const IncidentPatch = Strict({
  status: Type.Optional(IncidentStatus),
  ownerId: Type.Optional(Nullable(Uuid)),
  severity: Type.Optional(Severity),
  title: Type.Optional(Title),
  type: Type.Optional(Nullable(IncidentType)),
  matchTerms: Type.Optional(Type.Array(Term, { maxItems: 20 })),
});
export type IncidentPatch = Static<typeof IncidentPatch>;

export const IncidentNoteCreate = Strict({ text: Type.String({ minLength: 1, maxLength: 10_000 }) });
export const IncidentLinks = Strict({
  mentionIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
  conversationIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
});
export type IncidentLinks = Static<typeof IncidentLinks>;
export const ChecklistParams = Strict({ id: Uuid, itemId: Uuid });
export const ChecklistTick = Strict({ done: Type.Boolean() });
export const StatementPost = Strict({
  /** A statement of the incident's playbook, by name … */
  statementName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** … or a text written now. */
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
  /** Post it publicly on this channel (when the channel can post; drills never send). */
  channelId: Type.Optional(Uuid),
});
export type StatementPost = Static<typeof StatementPost>;

export const IncidentRow = Type.Object({
  id: Uuid,
  title: Type.String(),
  severity: Type.Integer(),
  status: IncidentStatus,
  type: Nullable(Type.String()),
  source: Type.String(),
  owner: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  playbookId: Nullable(Uuid),
  matchTerms: Type.Array(Type.String()),
  mentionCount: Type.Integer(),
  reach: Type.Integer(),
  viralAt: Nullable(DateTime),
  crisisDiverted: Type.Boolean(),
  isDrill: Type.Boolean(),
  drillRunId: Nullable(Uuid),
  detectedAt: DateTime,
  acknowledgedAt: Nullable(DateTime),
  mitigatingAt: Nullable(DateTime),
  firstPublicResponseAt: Nullable(DateTime),
  resolvedAt: Nullable(DateTime),
  dismissedAt: Nullable(DateTime),
  updatedAt: DateTime,
});
export type IncidentRow = Static<typeof IncidentRow>;

export const IncidentPage = Type.Object({ items: Type.Array(IncidentRow), total: Type.Integer() });
export type IncidentPage = Static<typeof IncidentPage>;

export const IncidentEventView = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  actorType: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
});
export type IncidentEventView = Static<typeof IncidentEventView>;

export const ChecklistItemView = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  title: Type.String(),
  ownerRole: Nullable(Type.String()),
  ownerId: Nullable(Uuid),
  doneAt: Nullable(DateTime),
  doneBy: Nullable(Uuid),
});
export type ChecklistItemView = Static<typeof ChecklistItemView>;

export const LinkedMentionView = Type.Object({
  id: Uuid,
  text: Type.String(),
  conversationId: Nullable(Uuid),
  customerId: Nullable(Uuid),
  author: Nullable(Type.Object({ handle: Type.String(), displayName: Nullable(Type.String()), followers: Nullable(Type.Integer()) })),
  channelKind: Nullable(Type.String()),
  authoredAt: DateTime,
  isDrill: Type.Boolean(),
});
export type LinkedMentionView = Static<typeof LinkedMentionView>;

export const AffectedCustomerView = Type.Object({
  id: Uuid,
  name: Nullable(Type.String()),
  mentionCount: Type.Integer(),
  openConversations: Type.Array(Type.Object({ id: Uuid, status: Type.String(), subject: Nullable(Type.String()) })),
});
export type AffectedCustomerView = Static<typeof AffectedCustomerView>;

export const TopicView = Type.Object({ label: Type.String(), terms: Type.Array(Type.String()), size: Type.Integer(), mentionIds: Type.Array(Type.String()) });
export const AlertSeriesView = Type.Object({
  name: Type.String(),
  bucketMinutes: Type.Number(),
  start: DateTime,
  observed: Type.Array(Type.Number()),
  expected: Type.Array(Type.Number()),
  upper: Type.Array(Type.Number()),
});
export type AlertSeriesView = Static<typeof AlertSeriesView>;

export const DetectionAlertView = Type.Object({
  id: Uuid,
  detectedAt: DateTime,
  windowStart: DateTime,
  severity: Type.Integer(),
  kind: Type.String(),
  terms: Type.Array(Type.String()),
  mentionIds: Type.Array(Type.String()),
  observed: Nullable(Type.Number()),
  expected: Nullable(Type.Number()),
  series: Nullable(AlertSeriesView),
  topics: Type.Array(TopicView),
  incidentId: Nullable(Uuid),
  isDrill: Type.Boolean(),
});
export type DetectionAlertView = Static<typeof DetectionAlertView>;

export const DetectionAlertQuery = Strict({
  incidentId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const IncidentDetailView = Type.Object({
  incident: IncidentRow,
  timeline: Type.Array(IncidentEventView),
  checklist: Type.Array(ChecklistItemView),
  mentions: Type.Object({ items: Type.Array(LinkedMentionView), total: Type.Integer(), offset: Type.Integer() }),
  affectedCustomers: Type.Array(AffectedCustomerView),
  topics: Type.Array(TopicView),
  /** Texts of a few mentions of each topic: what people are saying, in their words. */
  examples: Type.Array(Type.Object({ id: Uuid, text: Type.String() })),
  alerts: Type.Array(DetectionAlertView),
  playbook: Nullable(Type.Object({ id: Uuid, name: Type.String(), statements: Type.Array(PlaybookStatement), replies: Type.Array(PlaybookReply) })),
  viralityThreshold: Type.Object({ mentions: Type.Integer(), reach: Type.Integer() }),
});
export type IncidentDetailView = Static<typeof IncidentDetailView>;

export const IncidentRepliesQuery = Strict({ conversationId: Uuid });
export const IncidentReplyView = Type.Object({ incidentId: Uuid, incidentTitle: Type.String(), name: Type.String(), body: Type.String() });
export type IncidentReplyView = Static<typeof IncidentReplyView>;

export const IncidentDetailQuery = Strict({
  mentionOffset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  mentionLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
