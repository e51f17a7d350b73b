import type { SQL } from 'drizzle-orm';
import { and, desc, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { recordEvents } from '../../platform/events/index.ts';
import { conflict, notFound } from '../../platform/errors/index.ts';
import type { AlertDeps } from './alert-deps.ts';
import type { DeliveryRow } from './deliveries.ts';

export interface DeliveryView {
  id: string;
  incidentId: string | null;
  ruleId: string | null;
  ruleName: string | null;
  title: string | null;
  severity: number | null;
  kind: DeliveryRow['kind'];
  target: string;
  memberId: string | null;
  state: DeliveryRow['state'];
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  escalationLevel: number;
  foldedUpdates: number;
  isDrill: boolean;
  sentAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  createdAt: Date;
}

/** The delivery as the API shows it: never the sealed URL or secret kept in its payload. */
export const toDeliveryView = (d: DeliveryRow): DeliveryView => ({
  id: d.id,
  incidentId: d.incidentId,
  ruleId: d.ruleId,
  ruleName: typeof d.payload.ruleName === 'string' ? d.payload.ruleName : null,
  title: typeof d.payload.title === 'string' ? d.payload.title : null,
  severity: typeof d.payload.severity === 'number' ? d.payload.severity : null,
  kind: d.kind,
  target: d.target,
  memberId: d.memberId,
  state: d.state,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt,
  lastError: d.lastError,
  escalationLevel: d.escalationLevel,
  foldedUpdates: Number(d.payload.foldedUpdates ?? 0),
  isDrill: d.isDrill,
  sentAt: d.sentAt,
  acknowledgedAt: d.acknowledgedAt,
  acknowledgedBy: d.acknowledgedBy,
  createdAt: d.createdAt,
});

export interface DeliveryFilter {
  incidentId?: string;
  state?: DeliveryRow['state'];
  memberId?: string;
  limit?: number;
}

export const listDeliveries = async (tx: Tx, workspaceId: string, f: DeliveryFilter = {}): Promise<DeliveryRow[]> => {
  const where: SQL[] = [eq(schema.alertDeliveries.workspaceId, workspaceId)];
  if (f.incidentId) where.push(eq(schema.alertDeliveries.incidentId, f.incidentId));
  if (f.state) where.push(eq(schema.alertDeliveries.state, f.state));
  if (f.memberId) where.push(eq(schema.alertDeliveries.memberId, f.memberId));
  return tx.select().from(schema.alertDeliveries).where(and(...where)).orderBy(desc(schema.alertDeliveries.createdAt), desc(schema.alertDeliveries.escalationLevel)).limit(f.limit ?? 100);
};

export const getDelivery = async (tx: Tx, workspaceId: string, id: string): Promise<DeliveryRow> => {
  const [d] = await tx.select().from(schema.alertDeliveries).where(and(eq(schema.alertDeliveries.workspaceId, workspaceId), eq(schema.alertDeliveries.id, id)));
  if (!d) throw notFound('Alert');
  return d;
};

/**
 * Someone is on it: the alert is acknowledged, which stops escalation for its incident (escalation
 * looks for any acknowledged alert of the incident); escalation alerts still queued for that
 * incident are held back. By a member (API) or by the signed link in the email (no member: the
 * delivery's own member, if it had one). Acknowledging twice changes nothing.
 */
export const acknowledgeDelivery = async (deps: AlertDeps, workspaceId: string, id: string, by: { memberId: string | null; via: 'console' | 'link' }): Promise<DeliveryRow> => {
  const now = deps.clock.now();
  const { row, stored } = await deps.db.tenant(workspaceId, async (tx) => {
    const d = await getDelivery(tx, workspaceId, id);
    if (d.acknowledgedAt) return { row: d, stored: [] };
    const memberId = by.memberId ?? d.memberId;
    const [row] = await tx
      .update(schema.alertDeliveries)
      .set({ acknowledgedAt: now, acknowledgedBy: memberId, ...(d.state === 'sent' ? { state: 'acknowledged' as const } : {}) })
      .where(eq(schema.alertDeliveries.id, id))
      .returning();
    if (d.incidentId) {
      await tx
        .update(schema.alertDeliveries)
        .set({ state: 'suppressed', nextAttemptAt: null, lastError: 'acknowledged before it was sent' })
        .where(and(eq(schema.alertDeliveries.incidentId, d.incidentId), eq(schema.alertDeliveries.state, 'queued'), sql`${schema.alertDeliveries.escalationLevel} > 0`));
      await tx.insert(schema.incidentEvents).values({
        workspaceId,
        incidentId: d.incidentId,
        type: 'alert.acknowledged',
        actorType: memberId ? 'member' : 'system',
        actorId: memberId,
        data: { deliveryId: id, kind: d.kind, target: d.target, via: by.via },
        createdAt: now,
      });
    }
    const stored = await recordEvents(tx, workspaceId, [
      { type: 'incident.alert_acknowledged', subjectId: d.incidentId, data: { incidentId: d.incidentId, deliveryId: id, memberId, via: by.via, isDrill: d.isDrill } },
    ]);
    return { row: row!, stored };
  });
  deps.bus.committed(workspaceId, stored);
  return row;
};

/** A failed alert, sent again now with a fresh set of attempts. */
export const retryDelivery = async (deps: AlertDeps, workspaceId: string, id: string): Promise<DeliveryRow> => {
  const now = deps.clock.now();
  return deps.db.tenant(workspaceId, async (tx) => {
    const d = await getDelivery(tx, workspaceId, id);
    if (d.state !== 'failed') throw conflict(`Only a failed alert can be retried; this one is ${d.state}`);
    const [row] = await tx
      .update(schema.alertDeliveries)
      .set({ state: 'queued', attempts: 0, nextAttemptAt: now })
      .where(and(eq(schema.alertDeliveries.id, id), eq(schema.alertDeliveries.state, 'failed')))
      .returning();
    return row!;
  });
};

/** The workspace of a delivery, for the signed acknowledgement link (no one is signed in): crosses workspaces by nature. */
export const workspaceOfDelivery = async (deps: Pick<AlertDeps, 'db'>, id: string): Promise<string | null> => {
  const rows = await deps.db.system((tx) => tx.select({ workspaceId: schema.alertDeliveries.workspaceId }).from(schema.alertDeliveries).where(eq(schema.alertDeliveries.id, id)));
  return rows[0]?.workspaceId ?? null;
};
