import { sql, type Tx } from '../../platform/db/index.ts';
import type { DrillFacts } from './score.ts';
import { asDate, rowsOf } from './sql.ts';

/**
 * What happened during one drill, for scoring: its first mention, the first drill alert, the
 * drill's incident (the one opened with its drill_run_id, else the first drill incident detected
 * while it ran), the stakeholder deliveries of that incident and its checklist.
 */
export const loadDrillFacts = async (tx: Tx, workspaceId: string, run: { id: string; startedAt: Date; finishedAt: Date | null }, now: Date): Promise<DrillFacts> => {
  const until = (run.finishedAt ?? now).toISOString();
  const since = run.startedAt.toISOString();
  const [first] = await rowsOf<{ at: unknown }>(
    tx,
    sql`select min(received_at) as at from mentions where workspace_id = ${workspaceId} and is_drill and external_id like ${`drill:${run.id}:%`}`,
  );
  const [alert] = await rowsOf<{ at: unknown }>(
    tx,
    sql`select min(detected_at) as at from detection_alerts
        where workspace_id = ${workspaceId} and is_drill and detected_at >= ${since}::timestamptz and detected_at <= ${until}::timestamptz`,
  );
  const [incident] = await rowsOf<{ id: string; detected_at: unknown; acknowledged_at: unknown; first_public_response_at: unknown }>(
    tx,
    sql`select id, detected_at, acknowledged_at, first_public_response_at from incidents
        where workspace_id = ${workspaceId} and (drill_run_id = ${run.id}
          or (drill_run_id is null and is_drill and detected_at >= ${since}::timestamptz and detected_at <= ${until}::timestamptz))
        order by (drill_run_id = ${run.id}) desc nulls last, detected_at limit 1`,
  );
  const deliveries = incident
    ? await rowsOf<{ kind: string; target: string; state: string; name: string | null; email: string | null; role: string | null }>(
        tx,
        sql`select d.kind, d.target, d.state, m.name, m.email, m.role from alert_deliveries d left join members m on m.id = d.member_id
            where d.workspace_id = ${workspaceId} and d.incident_id = ${incident.id} order by d.created_at`,
      )
    : [];
  const checklist = incident
    ? await rowsOf<{ title: string; done_at: unknown }>(
        tx,
        sql`select title, done_at from incident_checklist where workspace_id = ${workspaceId} and incident_id = ${incident.id} order by position`,
      )
    : [];
  return {
    startedAt: run.startedAt,
    firstMentionAt: asDate(first?.at),
    firstAlertAt: asDate(alert?.at),
    incident: incident
      ? { id: incident.id, detectedAt: asDate(incident.detected_at)!, acknowledgedAt: asDate(incident.acknowledged_at), firstPublicResponseAt: asDate(incident.first_public_response_at) }
      : null,
    deliveries: deliveries.map((d) => ({ kind: d.kind, target: d.target, state: d.state, memberName: d.name, memberEmail: d.email, memberRole: d.role })),
    checklist: checklist.map((c) => ({ title: c.title, doneAt: asDate(c.done_at) })),
  };
};
