import { and, eq, schema, sql } from '../../platform/db/index.ts';
import type { AlertDeps } from './alert-deps.ts';
import { loadMembers, planTargets } from './plan-deliveries.ts';
import { recipientsByLevel, type RuleDefinition } from './rule-definition.ts';

interface Candidate {
  workspace_id: string;
  incident_id: string;
  rule_id: string;
  level: number;
  level_started_at: Date | string;
}

/**
 * Nobody acknowledged in time: for each incident still `detected` (not acknowledged on the incident,
 * no alert of it acknowledged), each rule whose current level has waited its `afterMinutes` goes
 * one level up — the current level's recipients are alerted again and the next level's added.
 * Returns how many escalations it made. Safe from several processes: the incident row is locked and
 * the level re-checked inside the transaction.
 */
export const escalateDue = async (deps: AlertDeps): Promise<number> => {
  const now = deps.clock.now();
  const candidates = await deps.db.system(async (tx) => {
    const res = await tx.execute(sql`
      select d.workspace_id, d.incident_id, d.rule_id, max(d.escalation_level)::int as level,
        (select min(x.created_at) from alert_deliveries x where x.incident_id = d.incident_id and x.rule_id = d.rule_id
           and x.escalation_level = max(d.escalation_level)) as level_started_at
      from alert_deliveries d join incidents i on i.id = d.incident_id
      where d.rule_id is not null and i.status = 'detected' and i.acknowledged_at is null
        and i.detected_at > ${new Date(now.getTime() - 7 * 86_400_000).toISOString()}::timestamptz
        and not exists (select 1 from alert_deliveries a where a.incident_id = d.incident_id and a.acknowledged_at is not null)
      group by d.workspace_id, d.incident_id, d.rule_id
      limit 500`);
    return (res as unknown as { rows: Candidate[] }).rows;
  });
  let made = 0;
  for (const c of candidates) {
    const started = new Date(c.level_started_at).getTime();
    const done = await deps.db.tenant(c.workspace_id, async (tx) => {
      const [rule] = await tx.select().from(schema.alertRules).where(and(eq(schema.alertRules.id, c.rule_id), eq(schema.alertRules.isActive, true)));
      if (!rule) return false;
      const d = rule.definition as unknown as RuleDefinition;
      const next = d.escalation.levels[c.level];
      if (!next || now.getTime() < started + next.afterMinutes * 60_000) return false;
      const [incident] = await tx.select().from(schema.incidents).where(eq(schema.incidents.id, c.incident_id)).for('update');
      if (!incident || incident.status !== 'detected' || incident.acknowledgedAt) return false;
      const [already] = await tx.execute(sql`
        select 1 from alert_deliveries where incident_id = ${c.incident_id} and rule_id = ${c.rule_id} and escalation_level > ${c.level} limit 1`).then((r) => (r as unknown as { rows: unknown[] }).rows);
      if (already) return false;
      const [ws] = await tx.select({ timeZone: schema.workspaces.timeZone, settings: schema.workspaces.settings }).from(schema.workspaces).where(eq(schema.workspaces.id, c.workspace_id));
      const levels = recipientsByLevel(d);
      const recipients = [...(levels[c.level]?.recipients ?? []), ...next.recipients];
      await planTargets(
        tx,
        deps,
        { incident, rule, level: c.level + 1, trigger: 'escalation', now, timeZone: ws?.timeZone ?? 'UTC', settings: ws?.settings ?? {}, members: await loadMembers(tx, c.workspace_id) },
        recipients,
      );
      await tx.insert(schema.incidentEvents).values({
        workspaceId: c.workspace_id,
        incidentId: c.incident_id,
        type: 'alert.escalated',
        actorType: 'system',
        data: { ruleId: rule.id, ruleName: rule.name, level: c.level + 1, afterMinutes: next.afterMinutes },
        createdAt: now,
      });
      return true;
    });
    if (done) made++;
  }
  return made;
};
