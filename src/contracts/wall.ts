import { Type, type Static, type TSchema } from 'typebox';
import { DateTime, Uuid } from './common.ts';

/** The mission-control wall: what is happening now, for a big display. */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const WallBucket = Type.Object({
  at: DateTime,
  total: Type.Integer(),
  negative: Type.Integer(),
  positive: Type.Integer(),
  /** Of the total, drill mentions. */
  drill: Type.Integer(),
});
export type WallBucket = Static<typeof WallBucket>;

export const WallView = Type.Object({
  generatedAt: DateTime,
  /** Mentions per minute over the last hour and per hour over the last day, oldest first, gaps filled with zeros. */
  perMinute: Type.Array(WallBucket),
  perHour: Type.Array(WallBucket),
  lastHour: Type.Object({ total: Type.Integer(), negativeShare: Type.Number(), drill: Type.Integer() }),
  incidents: Type.Array(
    Type.Object({
      id: Uuid, title: Type.String(), severity: Type.Integer(), status: Type.String(), isDrill: Type.Boolean(),
      detectedAt: DateTime, mentionCount: Type.Integer(), reach: Type.Integer(),
    }),
  ),
  sla: Type.Object({
    atRisk: Type.Integer(),
    breached: Type.Integer(),
    top: Type.Array(Type.Object({ conversationId: Uuid, subject: Nullable(Type.String()), dueAt: DateTime, priority: Type.Integer(), isDrill: Type.Boolean() })),
  }),
  influencers: Type.Array(
    Type.Object({
      handle: Type.String(), displayName: Nullable(Type.String()), followers: Type.Integer(), verified: Type.Boolean(), channelKind: Type.String(),
      text: Type.String(), sentiment: Nullable(Type.String()), at: DateTime, isDrill: Type.Boolean(), conversationId: Nullable(Uuid),
    }),
  ),
  queues: Type.Array(Type.Object({ teamId: Nullable(Uuid), team: Type.String(), open: Type.Integer(), unassigned: Type.Integer() })),
  drill: Nullable(Type.Object({ id: Uuid, scenarioName: Type.String(), startedAt: DateTime })),
});
export type WallView = Static<typeof WallView>;
