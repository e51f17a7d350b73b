import { and, eq, schema, type Tx } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import type { Work, Who } from '../conversations/index.ts';
import { actorRef } from '../access/index.ts';

/** Rows, the timeline and the little helpers every incident change shares. */

export type IncidentRecord = typeof schema.incidents.$inferSelect;

export const getIncident = async (tx: Tx, workspaceId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<IncidentRecord> => {
  const q = tx.select().from(schema.incidents).where(and(eq(schema.incidents.workspaceId, workspaceId), eq(schema.incidents.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('Incident');
  return row;
};

export const whoRef = (who: Who): { actorType: 'member' | 'token' | 'system'; actorId: string | null } =>
  'system' in who ? { actorType: 'system', actorId: null } : actorRef(who);

export const memberOf = (who: Who): string | null => ('system' in who ? null : who.memberId);

export const SYSTEM = (workspaceId: string): Who => ({ system: true, workspaceId });

/** One row of the incident's timeline. */
export const addIncidentEvent = async (work: Work, who: Who, incidentId: string, type: string, data: Record<string, unknown> = {}): Promise<void> => {
  const ref = whoRef(who);
  await work.tx.insert(schema.incidentEvents).values({ workspaceId: work.workspaceId, incidentId, type, actorType: ref.actorType, actorId: ref.actorId, data, createdAt: work.now });
};

export const workspaceSettings = async (tx: Tx, workspaceId: string): Promise<Record<string, unknown>> => {
  const [w] = await tx.select({ settings: schema.workspaces.settings }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  return w?.settings ?? {};
};

/** The workspace's running drill, whose incidents are drill incidents. */
export const runningDrillId = async (tx: Tx, workspaceId: string): Promise<string | null> => {
  const [d] = await tx
    .select({ id: schema.drillRuns.id })
    .from(schema.drillRuns)
    .where(and(eq(schema.drillRuns.workspaceId, workspaceId), eq(schema.drillRuns.status, 'running')))
    .limit(1);
  return d?.id ?? null;
};
