import { and, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { recordEvents, type DomainEvent } from '../../platform/events/index.ts';
import type { AlertDeps } from './alert-deps.ts';
import { ackUrl } from './ack-link.ts';
import { DRILL_SUPPRESSION, MAX_ATTEMPTS, retryDelayMs } from './delivery-policy.ts';
import { messageOf } from './send/alert-message.ts';
import { AlertSendError, sendEmail, sendSignedWebhook, sendSlack } from './send/transports.ts';

export type DeliveryRow = typeof schema.alertDeliveries.$inferSelect;

/** A claimed send still 'sending' this long is taken for lost and sent again (a duplicate alert beats a missing one). */
export const SEND_LEASE_MS = 2 * 60_000;

const rowsOf = async <T>(tx: Tx, q: ReturnType<typeof sql>): Promise<T[]> => ((await tx.execute(q)) as unknown as { rows: T[] }).rows;

/** Takes due alerts across workspaces (FOR UPDATE SKIP LOCKED: two workers never take one). */
export const claimDueDeliveries = (deps: AlertDeps, limit: number): Promise<{ id: string; workspace_id: string }[]> => {
  const now = deps.clock.now();
  return deps.db.system((tx) =>
    rowsOf<{ id: string; workspace_id: string }>(
      tx,
      sql`with due as (
            select id from alert_deliveries
            where state in ('queued', 'sending') and next_attempt_at <= ${now.toISOString()}::timestamptz
            order by next_attempt_at limit ${limit} for update skip locked)
          update alert_deliveries d set state = 'sending', attempts = d.attempts + 1,
            next_attempt_at = ${new Date(now.getTime() + SEND_LEASE_MS).toISOString()}::timestamptz
          from due where d.id = due.id
          returning d.id, d.workspace_id`,
    ),
  );
};

/** Writes the outcome, its incident timeline row and its events in one transaction, then wakes listeners. */
const commit = async (deps: AlertDeps, workspaceId: string, fn: (tx: Tx, emit: (e: DomainEvent) => void) => Promise<void>): Promise<void> => {
  const pending: DomainEvent[] = [];
  const stored = await deps.db.tenant(workspaceId, async (tx) => {
    await fn(tx, (e) => pending.push(e));
    return recordEvents(tx, workspaceId, pending);
  });
  deps.bus.committed(workspaceId, stored);
};

const timeline = (tx: Tx, d: DeliveryRow, type: string, now: Date, data: Record<string, unknown>, actor?: { type: 'member' | 'system'; id: string | null }) =>
  d.incidentId
    ? tx.insert(schema.incidentEvents).values({ workspaceId: d.workspaceId, incidentId: d.incidentId, type, actorType: actor?.type ?? 'system', actorId: actor?.id ?? null, data, createdAt: now })
    : Promise.resolve();

const summary = (d: DeliveryRow) => ({ incidentId: d.incidentId, deliveryId: d.id, kind: d.kind, target: d.target, escalationLevel: d.escalationLevel, isDrill: d.isDrill });

const recordSent = (deps: AlertDeps, d: DeliveryRow, now: Date): Promise<void> =>
  commit(deps, d.workspaceId, async (tx, emit) => {
    const [row] = await tx
      .update(schema.alertDeliveries)
      .set({ state: 'sent', sentAt: now, nextAttemptAt: null, lastError: null })
      .where(and(eq(schema.alertDeliveries.id, d.id), eq(schema.alertDeliveries.state, 'sending')))
      .returning({ id: schema.alertDeliveries.id });
    if (!row) return;
    await timeline(tx, d, 'alert.sent', now, { deliveryId: d.id, kind: d.kind, target: d.target, escalationLevel: d.escalationLevel, attempts: d.attempts });
    emit({ type: 'incident.alert_sent', subjectId: d.incidentId, data: summary(d) });
    // The console alert is the member's notification (GET /api/notifications lists member.notified).
    if (d.kind === 'console' && d.memberId) {
      const p = d.payload;
      emit({
        type: 'member.notified',
        subjectId: d.memberId,
        data: { memberId: d.memberId, incidentId: d.incidentId, deliveryId: d.id, title: p.title, severity: p.severity, escalationLevel: d.escalationLevel, isDrill: d.isDrill, message: `Incident (severity ${String(p.severity)}): ${String(p.title)}` },
      });
    }
  });

/** Retries with backoff while worth it, then `failed`; every failed attempt is on the incident's timeline. */
const recordFailure = (deps: AlertDeps, d: DeliveryRow, err: AlertSendError, now: Date): Promise<void> =>
  commit(deps, d.workspaceId, async (tx, emit) => {
    const retry = err.retryable && d.attempts < MAX_ATTEMPTS;
    const next = retry ? new Date(now.getTime() + retryDelayMs(d.attempts)) : null;
    const [row] = await tx
      .update(schema.alertDeliveries)
      .set({ state: retry ? 'queued' : 'failed', nextAttemptAt: next, lastError: err.message.slice(0, 1000) })
      .where(and(eq(schema.alertDeliveries.id, d.id), eq(schema.alertDeliveries.state, 'sending')))
      .returning({ id: schema.alertDeliveries.id });
    if (!row) return;
    const data = { ...summary(d), error: err.message.slice(0, 500), attempts: d.attempts, willRetry: retry, nextAttemptAt: next?.toISOString() ?? null };
    await timeline(tx, d, 'alert.failed', now, data);
    emit({ type: 'incident.alert_failed', subjectId: d.incidentId, data });
  });

const suppressAtSend = (deps: AlertDeps, d: DeliveryRow, reason: string): Promise<void> =>
  deps.db.tenant(d.workspaceId, async (tx) => {
    await tx.update(schema.alertDeliveries).set({ state: 'suppressed', nextAttemptAt: null, lastError: reason }).where(eq(schema.alertDeliveries.id, d.id));
  });

/** Sends one claimed alert by its kind and records the outcome. A failure never throws out of here. */
export const sendClaimed = async (deps: AlertDeps, claimed: { id: string; workspace_id: string }): Promise<'sent' | 'failed' | 'skipped'> => {
  const [d] = await deps.db.tenant(claimed.workspace_id, (tx) => tx.select().from(schema.alertDeliveries).where(eq(schema.alertDeliveries.id, claimed.id)));
  if (!d || d.state !== 'sending') return 'skipped';
  // Planned before a drill was known as one, or reached by a retry: a drill still never leaves.
  if (d.isDrill && d.kind !== 'console') {
    await suppressAtSend(deps, d, DRILL_SUPPRESSION);
    return 'skipped';
  }
  const now = deps.clock.now();
  const m = messageOf(
    { id: d.id, incidentId: d.incidentId, escalationLevel: d.escalationLevel, payload: d.payload },
    { publicUrl: deps.mail.publicUrl, ackUrl: d.kind === 'email' ? ackUrl(deps.mail.publicUrl, deps.mail.linkKey, d.id) : null },
  );
  const sealed = d.payload.sealed as { url?: string; secret?: string } | undefined;
  try {
    if (d.kind === 'email') await sendEmail(deps.mail, d.target, m);
    else if (d.kind === 'slack' || d.kind === 'webhook') {
      if (!sealed?.url) throw new AlertSendError('the rule no longer has this URL', false);
      const url = deps.box.open(sealed.url);
      if (d.kind === 'slack') await sendSlack(url, m);
      else {
        if (!sealed.secret) throw new AlertSendError('the webhook recipient has no signing secret', false);
        await sendSignedWebhook(url, deps.box.open(sealed.secret), m, now);
      }
    }
  } catch (err) {
    const e = err instanceof AlertSendError ? err : new AlertSendError(`error: ${(err as Error)?.message ?? String(err)}`, true);
    await recordFailure(deps, d, e, deps.clock.now());
    return 'failed';
  }
  await recordSent(deps, d, deps.clock.now());
  return 'sent';
};
