import { Type, type Static, type TSchema } from 'typebox';
import { DateTime, Strict, Uuid } from './common.ts';

/**
 * Fire drills: the scenario file format (drills/*.yaml, documented in drills/README.md), drill
 * runs, their scored reports and the history per scenario.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Minutes = Type.Number({ minimum: 0, maximum: 7 * 24 * 60 });

/** The networks a scenario can play on (each gets a per-workspace DRILL channel of that kind). */
export const DRILL_CHANNEL_KINDS = ['bluesky', 'x', 'mastodon', 'email', 'webchat'] as const;
export const DrillChannelKind = Type.Union(DRILL_CHANNEL_KINDS.map((k) => Type.Literal(k)));
export type DrillChannelKind = (typeof DRILL_CHANNEL_KINDS)[number];

export const ScenarioAuthor = Strict({
  handle: Type.String({ minLength: 1, maxLength: 100 }),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  followers: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_000_000_000 })),
  verified: Type.Optional(Type.Boolean()),
});
export type ScenarioAuthor = Static<typeof ScenarioAuthor>;

export const ScenarioEntry = Strict({
  /** Minutes from the start of the drill. */
  at: Minutes,
  channel: DrillChannelKind,
  author: ScenarioAuthor,
  text: Type.String({ minLength: 1, maxLength: 5000 }),
  /** A name other entries can answer with `replyTo`. */
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
  replyTo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  /** A private message (DM, email) rather than a public post. */
  private: Type.Optional(Type.Boolean()),
  /** Repeat this entry: other people saying much the same thing. */
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  /** Spread the repeats over this many minutes (default 1). */
  over: Type.Optional(Type.Number({ minimum: 0, maximum: 24 * 60 })),
  /** Other wordings the repeats cycle through. */
  variations: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 5000 }), { maxItems: 100 })),
});
export type ScenarioEntry = Static<typeof ScenarioEntry>;

/** Who should have been alerted: members by role, or anyone by email address. */
export const ExpectedStakeholder = Type.Union([Strict({ role: Type.String({ minLength: 1, maxLength: 64 }) }), Strict({ email: Type.String({ minLength: 3, maxLength: 254 }) })]);
export type ExpectedStakeholder = Static<typeof ExpectedStakeholder>;

export const ScenarioExpectations = Strict({
  detectWithinMinutes: Type.Optional(Minutes),
  acknowledgeWithinMinutes: Type.Optional(Minutes),
  alertStakeholders: Type.Optional(Type.Array(ExpectedStakeholder, { maxItems: 50 })),
  publicStatementWithinMinutes: Type.Optional(Minutes),
  playbookSteps: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 })),
});
export type ScenarioExpectations = Static<typeof ScenarioExpectations>;

export const Scenario = Strict({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  /** The incident type a real one would be (outage, influencer, safety …): picks the playbook. */
  incidentType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  channels: Type.Array(DrillChannelKind, { minItems: 1, maxItems: DRILL_CHANNEL_KINDS.length }),
  timeline: Type.Array(ScenarioEntry, { minItems: 1, maxItems: 500 }),
  expected: ScenarioExpectations,
});
export type Scenario = Static<typeof Scenario>;

/** A shipped scenario, as the console lists it. */
export const ScenarioSummary = Type.Object({
  /** The file name without its extension: what `lookout drill run` and POST /api/drills take. */
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  incidentType: Nullable(Type.String()),
  channels: Type.Array(Type.String()),
  mentions: Type.Integer(),
  durationMinutes: Type.Number(),
  expected: ScenarioExpectations,
});
export type ScenarioSummary = Static<typeof ScenarioSummary>;

export const StartDrillBody = Strict({
  /** A shipped scenario's key … */
  scenario: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  /** … or an uploaded file's text (YAML or JSON). */
  file: Type.Optional(Type.String({ minLength: 1, maxLength: 500_000 })),
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** Compress the timeline: 10 plays a 30-minute scenario in 3 minutes. */
  speed: Type.Optional(Type.Number({ minimum: 0.1, maximum: 1000 })),
});
export type StartDrillBody = Static<typeof StartDrillBody>;

export const TimedScore = Type.Object({
  expectedWithinMinutes: Nullable(Type.Number()),
  /** Minutes from the drill's first mention; null when it never happened. */
  actualMinutes: Nullable(Type.Number()),
  met: Type.Boolean(),
  /** How late, in minutes, when it happened after the expected time. */
  lateByMinutes: Nullable(Type.Number()),
});
export type TimedScore = Static<typeof TimedScore>;

export const DrillReport = Type.Object({
  /** 0–100: the share of expectations met. */
  score: Type.Integer(),
  firstMentionAt: Nullable(DateTime),
  incidentId: Nullable(Uuid),
  detect: TimedScore,
  acknowledge: TimedScore,
  publicResponse: TimedScore,
  stakeholders: Type.Array(Type.Object({ expected: Type.String(), alerted: Type.Boolean(), via: Nullable(Type.String()) })),
  playbookSteps: Type.Array(Type.Object({ title: Type.String(), done: Type.Boolean(), doneAfterMinutes: Nullable(Type.Number()) })),
  misses: Type.Array(Type.String()),
  computedAt: DateTime,
});
export type DrillReport = Static<typeof DrillReport>;

export const DrillRunView = Type.Object({
  id: Uuid,
  scenarioName: Type.String(),
  scenarioKey: Nullable(Type.String()),
  status: Type.Union([Type.Literal('running'), Type.Literal('finished'), Type.Literal('cancelled')]),
  speed: Type.Number(),
  startedBy: Nullable(Type.String()),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
  /** Timeline progress: mentions injected so far of the total. */
  injected: Type.Integer(),
  total: Type.Integer(),
  /** When the timeline ends and when the drill finishes by itself (timeline + grace). */
  timelineEndsAt: DateTime,
  autoFinishAt: DateTime,
  expected: ScenarioExpectations,
  report: Nullable(DrillReport),
});
export type DrillRunView = Static<typeof DrillRunView>;

export const DrillHistory = Type.Array(
  Type.Object({
    scenarioName: Type.String(),
    runs: Type.Array(Type.Object({ id: Uuid, startedAt: DateTime, score: Type.Integer() })),
    /** Last score minus the first: positive means the team is getting better. */
    trend: Type.Number(),
  }),
);
export type DrillHistory = Static<typeof DrillHistory>;

export const DrillList = Type.Object({ runs: Type.Array(DrillRunView), history: DrillHistory });
export type DrillList = Static<typeof DrillList>;

export const DrillListQuery = Strict({ status: Type.Optional(Type.Union([Type.Literal('running'), Type.Literal('finished'), Type.Literal('cancelled')])) });
export type DrillListQuery = Static<typeof DrillListQuery>;

export const DrillIdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
