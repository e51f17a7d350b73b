import { and, desc, eq, inArray, schema, sql } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import type { Alert } from '../detection/index.ts';
import type { IncidentCreate } from '../../contracts/index.ts';
import type { Work, Who } from '../conversations/index.ts';
import { linkToIncident } from './links.ts';
import { normaliseMatchTerms, termsOverlap } from './matching.ts';
import { applyPlaybook } from './playbooks.ts';
import { checkOwner } from './owner.ts';
import { addIncidentEvent, memberOf, runningDrillId, SYSTEM, type IncidentRecord } from './store.ts';

/**
 * How incidents begin: declared by a person, or opened by a detection alert (which first joins
 * an open incident about the same terms, raising its severity if the alert is worse).
 */

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

interface NewIncident {
  title: string;
  severity: number;
  type: string | null;
  source: 'alert' | 'manual' | 'drill';
  ownerId: string | null;
  matchTerms: string[];
  topics: unknown[];
  isDrill: boolean;
  drillRunId: string | null;
  detectedAt: Date;
}

const insertIncident = async (work: Work, who: Who, n: NewIncident): Promise<IncidentRecord> => {
  const [row] = await work.tx
    .insert(schema.incidents)
    .values({ workspaceId: work.workspaceId, ...n, createdAt: work.now, updatedAt: work.now })
    .returning();
  const incident = row!;
  await addIncidentEvent(work, who, incident.id, 'created', {
    title: n.title, severity: n.severity, type: n.type, source: n.source, ownerId: n.ownerId, matchTerms: n.matchTerms, isDrill: n.isDrill,
  });
  work.emit({
    type: 'incident.opened',
    subjectId: incident.id,
    data: { incidentId: incident.id, severity: n.severity, title: n.title, type: n.type, terms: n.matchTerms, source: n.source, isDrill: n.isDrill, drillRunId: n.drillRunId },
  });
  if (n.type) await applyPlaybook(work, who, incident, n.type);
  return incident;
};

/**
 * A person declares an incident. It is a drill incident when what it starts from is drill
 * material (drill mentions or conversations), tied to the running drill.
 */
export const declareIncident = async (work: Work, who: Who, input: IncidentCreate): Promise<IncidentRecord> => {
  assertNotEmpty(input.title, '/body/title');
  if (input.ownerId) await checkOwner(work, input.ownerId);
  const mentionIds = input.mentionIds ?? [];
  const conversationIds = input.conversationIds ?? [];
  let isDrill = false;
  if (mentionIds.length || conversationIds.length) {
    const [d] = rowsOf<{ drill: boolean }>(
      await work.tx.execute(sql`
        select coalesce(bool_or(is_drill), false) as drill from (
          select is_drill from mentions where workspace_id = ${work.workspaceId} and id in (${sql.join([...mentionIds, '00000000-0000-0000-0000-000000000000'].map((id) => sql`${id}`), sql`, `)})
          union all
          select is_drill from conversations where workspace_id = ${work.workspaceId} and id in (${sql.join([...conversationIds, '00000000-0000-0000-0000-000000000000'].map((id) => sql`${id}`), sql`, `)})
        ) x`),
    );
    isDrill = Boolean(d?.drill);
  }
  const drillRunId = isDrill ? await runningDrillId(work.tx, work.workspaceId) : null;
  const incident = await insertIncident(work, who, {
    title: input.title.trim(),
    severity: input.severity,
    type: input.type ?? null,
    source: 'manual',
    ownerId: input.ownerId ?? memberOf(who),
    matchTerms: normaliseMatchTerms(input.matchTerms ?? []),
    topics: [],
    isDrill,
    drillRunId,
    detectedAt: work.now,
  });
  if (mentionIds.length || conversationIds.length) await linkToIncident(work, who, incident.id, { mentionIds, conversationIds }, { reason: 'declared' });
  return incident;
};

const titleOf = (alert: Alert): string => {
  const topic = alert.topics[0];
  const about = topic?.label || alert.terms.slice(0, 3).join(' · ');
  const what = alert.kind === 'volume' ? 'Spike in mentions' : alert.kind === 'negative' ? 'Rise in negative mentions' : alert.kind === 'complaint' ? 'Rise in complaints' : 'Spike';
  return about ? `${what}: ${about}` : what;
};

export interface SavedAlert {
  alertId: string;
  incidentId: string;
  opened: boolean;
}

/**
 * Saves one detector alert (a `detection_alerts` row and a `detection.alert` event) and gives it
 * an incident: an open incident of the same kind (drill or not) whose match terms overlap the
 * alert's terms, else a new one titled after its top topic.
 */
export const recordAlert = async (work: Work, alert: Alert, opts: { isDrill: boolean; drillRunId: string | null }): Promise<SavedAlert> => {
  const who = SYSTEM(work.workspaceId);
  const { signals, series, topics, observed, expected, upper, surprise, mentionCount } = alert;
  const [saved] = await work.tx
    .insert(schema.detectionAlerts)
    .values({
      workspaceId: work.workspaceId,
      detectedAt: alert.detectedAt,
      windowStart: alert.windowStart,
      severity: alert.severity,
      kind: alert.kind,
      terms: alert.terms,
      mentionIds: alert.mentionIds,
      explanation: JSON.parse(JSON.stringify({ signals, series, topics, observed, expected, upper, surprise, mentionCount })) as Record<string, unknown>,
      isDrill: opts.isDrill,
      createdAt: work.now,
    })
    .returning({ id: schema.detectionAlerts.id });
  const alertId = saved!.id;
  work.emit({ type: 'detection.alert', subjectId: alertId, data: { alertId, severity: alert.severity, terms: alert.terms, isDrill: opts.isDrill } });

  const open = await work.tx
    .select()
    .from(schema.incidents)
    .where(and(eq(schema.incidents.workspaceId, work.workspaceId), eq(schema.incidents.isDrill, opts.isDrill), inArray(schema.incidents.status, ['detected', 'acknowledged', 'mitigating'])))
    .orderBy(desc(schema.incidents.detectedAt));
  const same = open.find((i) => alert.terms.length > 0 && termsOverlap(i.matchTerms, alert.terms));
  let incident: IncidentRecord;
  if (same) {
    incident = same;
    await addIncidentEvent(work, who, same.id, 'alert_attached', { alertId, severity: alert.severity, terms: alert.terms });
    if (alert.severity > same.severity) {
      await work.tx.update(schema.incidents).set({ severity: alert.severity, updatedAt: work.now }).where(eq(schema.incidents.id, same.id));
      await addIncidentEvent(work, who, same.id, 'severity_changed', { from: same.severity, to: alert.severity, because: 'alert' });
      work.emit({ type: 'incident.updated', subjectId: same.id, data: { incidentId: same.id, changes: { severity: { from: same.severity, to: alert.severity } }, isDrill: same.isDrill } });
    }
  } else {
    incident = await insertIncident(work, who, {
      title: titleOf(alert).slice(0, 200),
      severity: alert.severity,
      type: null,
      source: opts.isDrill ? 'drill' : 'alert',
      ownerId: null,
      matchTerms: normaliseMatchTerms(alert.terms),
      topics: JSON.parse(JSON.stringify(topics)) as unknown[],
      isDrill: opts.isDrill,
      drillRunId: opts.drillRunId,
      detectedAt: alert.detectedAt,
    });
  }
  await work.tx.update(schema.detectionAlerts).set({ incidentId: incident.id }).where(eq(schema.detectionAlerts.id, alertId));
  const known = alert.mentionIds.length
    ? rowsOf<{ id: string }>(
        // A drill detector also sees live mentions: only the drill's own join a drill incident.
        await work.tx.execute(sql`select id from mentions where workspace_id = ${work.workspaceId} and is_drill = ${opts.isDrill} and id in (${sql.join(alert.mentionIds.map((id) => sql`${id}`), sql`, `)})`),
      ).map((r) => r.id)
    : [];
  if (known.length) await linkToIncident(work, who, incident.id, { mentionIds: known }, { reason: 'alert' });
  return { alertId, incidentId: incident.id, opened: !same };
};

export const assertNotEmpty = (v: string, path: string): void => {
  if (!v.trim()) throw new AppError('VALIDATION_FAILED', 'Must not be empty', [{ path, message: 'empty' }]);
};
