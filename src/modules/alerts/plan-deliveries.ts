import { and, desc, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import type { SecretBox } from '../../platform/crypto/index.ts';
import { sha256Hex } from '../../platform/crypto/index.ts';
import { alertingSettingsOf, type AlertDeps } from './alert-deps.ts';
import { decideDelivery, type DeliveryKind, type Trigger } from './delivery-policy.ts';
import type { RuleDefinition, StoredRecipient } from './rule-definition.ts';
import { isQuiet, localTime, matchRule, type IncidentFacts } from './rule-matching.ts';

export type IncidentRow = typeof schema.incidents.$inferSelect;
/** A rule, or a playbook's stakeholders planned as one (no id: it does not escalate). */
type RuleLike = { id: string | null; name: string; definition: Record<string, unknown> };

/** One address an alert goes to: a member's console, an email address, a Slack or webhook URL. */
export interface Target {
  kind: DeliveryKind;
  /** What the delivery shows: member id, address, or a hint of the URL. */
  target: string;
  /** Identifies the recipient across rules (URLs by hash), for grouping and the rate cap. */
  recipientKey: string;
  memberId: string | null;
  sealed?: { url: string; secret?: string };
  quietHours?: StoredRecipient['quietHours'];
}

const topicTerms = (topics: unknown[]): string[] =>
  topics.flatMap((t) => {
    if (typeof t === 'string') return [t];
    if (!t || typeof t !== 'object') return [];
    const o = t as { label?: unknown; terms?: unknown };
    return [...(typeof o.label === 'string' ? [o.label] : []), ...(Array.isArray(o.terms) ? o.terms.filter((x): x is string => typeof x === 'string') : [])];
  });

export const factsOf = (i: IncidentRow): IncidentFacts => ({ severity: i.severity, type: i.type, title: i.title, terms: [...i.matchTerms, ...topicTerms(i.topics)], isDrill: i.isDrill });

/** A rule's recipient as concrete targets: a member is their console and (unless turned off) their email. */
export const targetsOf = (box: SecretBox, r: StoredRecipient, members: Map<string, { email: string }>): Target[] => {
  const q = r.quietHours ? { quietHours: r.quietHours } : {};
  switch (r.kind) {
    case 'member': {
      const m = members.get(r.memberId!);
      if (!m) return [];
      const consoleTarget: Target = { kind: 'console', target: r.memberId!, recipientKey: `console:${r.memberId}`, memberId: r.memberId!, ...q };
      return r.email === false ? [consoleTarget] : [consoleTarget, { kind: 'email', target: m.email, recipientKey: `email:${m.email.toLowerCase()}`, memberId: r.memberId!, ...q }];
    }
    case 'email':
      return [{ kind: 'email', target: r.address!, recipientKey: `email:${r.address}`, memberId: null, ...q }];
    case 'slack':
    case 'webhook': {
      if (!r.urlSealed) return [];
      const url = box.open(r.urlSealed);
      const sealed = { url: r.urlSealed, ...(r.secretSealed ? { secret: r.secretSealed } : {}) };
      return [{ kind: r.kind, target: r.urlHint ?? r.kind, recipientKey: `${r.kind}:${sha256Hex(url).slice(0, 24)}`, memberId: null, sealed, ...q }];
    }
  }
};

export const loadMembers = async (tx: Tx, workspaceId: string): Promise<Map<string, { email: string }>> =>
  new Map((await tx.select({ id: schema.members.id, email: schema.members.email }).from(schema.members).where(eq(schema.members.workspaceId, workspaceId))).map((m) => [m.id, { email: m.email }]));

/** What the alert says; kept on the delivery so a send never needs the rule again. */
const payloadOf = (i: IncidentRow, rule: RuleLike, t: Target, level: number, trigger: Trigger) => ({
  incidentId: i.id,
  title: i.title,
  severity: i.severity,
  status: i.status,
  type: i.type,
  terms: i.matchTerms.slice(0, 10),
  isDrill: i.isDrill,
  ruleName: rule.name,
  recipientKey: t.recipientKey,
  escalationLevel: level,
  trigger,
  foldedUpdates: 0,
  ...(t.sealed ? { sealed: t.sealed } : {}),
});

const historyOf = async (tx: Tx, workspaceId: string, groupKey: string, recipientKey: string, now: Date) => {
  const [latest] = await tx
    .select({ id: schema.alertDeliveries.id, state: schema.alertDeliveries.state, createdAt: schema.alertDeliveries.createdAt })
    .from(schema.alertDeliveries)
    .where(and(eq(schema.alertDeliveries.workspaceId, workspaceId), eq(schema.alertDeliveries.groupKey, groupKey)))
    .orderBy(desc(schema.alertDeliveries.createdAt))
    .limit(1);
  const [told] = await tx.execute(sql`
    select max((payload->>'severity')::int) as severity from alert_deliveries
    where workspace_id = ${workspaceId} and group_key = ${groupKey} and state <> 'suppressed'`).then((r) => (r as unknown as { rows: { severity: number | null }[] }).rows);
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const [count] = await tx.execute(sql`
    select count(*)::int as n from alert_deliveries
    where workspace_id = ${workspaceId} and payload->>'recipientKey' = ${recipientKey} and state <> 'suppressed' and created_at > ${hourAgo}::timestamptz`).then((r) => (r as unknown as { rows: { n: number }[] }).rows);
  return { latest: latest ?? null, maxAlertedSeverity: told?.severity === null || told?.severity === undefined ? null : Number(told.severity), sentLastHour: Number(count?.n ?? 0) };
};

export interface PlanResult {
  queued: number;
  suppressed: number;
  folded: number;
}

/**
 * Plans the alerts of one incident for the given rule recipients (level 0 on open/update, the next
 * level on escalation), applying grouping, drills, quiet hours and the rate cap per target.
 */
export const planTargets = async (
  tx: Tx,
  deps: Pick<AlertDeps, 'box'>,
  ctx: { incident: IncidentRow; rule: RuleLike; level: number; trigger: Trigger; now: Date; timeZone: string; settings: Record<string, unknown>; members: Map<string, { email: string }> },
  recipients: StoredRecipient[],
): Promise<PlanResult> => {
  const { incident, rule, now } = ctx;
  const d = rule.definition as unknown as RuleDefinition;
  const defaults = alertingSettingsOf(ctx.settings);
  const local = localTime(now, ctx.timeZone);
  const out: PlanResult = { queued: 0, suppressed: 0, folded: 0 };
  const seen = new Set<string>();
  for (const r of recipients) {
    for (const t of targetsOf(deps.box, r, ctx.members)) {
      // The same person named twice in one plan (a member and their address) gets one alert.
      if (seen.has(t.recipientKey)) continue;
      seen.add(t.recipientKey);
      const groupKey = `${incident.id}|${t.recipientKey}`;
      const decision = decideDelivery({
        trigger: ctx.trigger,
        kind: t.kind,
        severity: incident.severity,
        isDrill: incident.isDrill,
        isQuiet: isQuiet(t.quietHours ?? d.quietHours ?? defaults.quietHours, incident.severity, local),
        windowMinutes: d.grouping.windowMinutes ?? defaults.groupingMinutes,
        maxPerHour: d.grouping.maxPerHour ?? defaults.maxPerHour,
        now,
        history: await historyOf(tx, incident.workspaceId, groupKey, t.recipientKey, now),
      });
      if (decision.action === 'skip') continue;
      if (decision.action === 'fold') {
        await tx.execute(sql`
          update alert_deliveries set payload = payload || jsonb_build_object('severity', ${incident.severity}::int, 'title', ${incident.title}::text, 'status', ${incident.status}::text,
            'foldedUpdates', coalesce((payload->>'foldedUpdates')::int, 0) + 1)
          where id = ${decision.deliveryId}`);
        out.folded++;
        continue;
      }
      const queued = decision.action === 'queue';
      await tx.insert(schema.alertDeliveries).values({
        workspaceId: incident.workspaceId,
        incidentId: incident.id,
        ruleId: rule.id,
        kind: t.kind,
        target: t.target,
        memberId: t.memberId,
        groupKey,
        escalationLevel: ctx.level,
        state: queued ? 'queued' : 'suppressed',
        nextAttemptAt: queued ? now : null,
        lastError: queued ? null : decision.reason,
        payload: payloadOf(incident, rule, t, ctx.level, ctx.trigger),
        isDrill: incident.isDrill,
        createdAt: now,
      });
      if (queued) out.queued++;
      else out.suppressed++;
    }
  }
  return out;
};

/**
 * An incident opened or changed: every active rule that hears it plans its level-0 alerts.
 * `eventId`: the event that said so; given, an event is planned once however many processes read it.
 */
export const planIncidentAlerts = (deps: AlertDeps, workspaceId: string, incidentId: string, trigger: 'opened' | 'updated', eventId?: number): Promise<PlanResult> =>
  deps.db.tenant(workspaceId, async (tx) => {
    const total: PlanResult = { queued: 0, suppressed: 0, folded: 0 };
    // Locked so two planners (two events, two processes) never plan the same alert twice.
    const [incident] = await tx.select().from(schema.incidents).where(and(eq(schema.incidents.workspaceId, workspaceId), eq(schema.incidents.id, incidentId))).for('update');
    if (!incident || incident.status === 'resolved' || incident.status === 'dismissed') return total;
    if (eventId !== undefined) {
      // Another process's planner got to this event first (each reads the events in id order).
      if (incident.alertsPlannedEventId !== null && eventId <= incident.alertsPlannedEventId) return total;
      // Not through the query builder: this is bookkeeping, not a change anyone made to the incident.
      await tx.execute(sql`update incidents set alerts_planned_event_id = ${eventId} where workspace_id = ${workspaceId} and id = ${incidentId}`);
    }
    const [ws] = await tx.select({ timeZone: schema.workspaces.timeZone, settings: schema.workspaces.settings }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
    const rules = await tx.select().from(schema.alertRules).where(and(eq(schema.alertRules.workspaceId, workspaceId), eq(schema.alertRules.isActive, true))).orderBy(schema.alertRules.position);
    const now = deps.clock.now();
    const local = localTime(now, ws?.timeZone ?? 'UTC');
    const members = await loadMembers(tx, workspaceId);
    for (const rule of rules) {
      const d = rule.definition as unknown as RuleDefinition;
      if (!matchRule(d, factsOf(incident), local).matched) continue;
      const r = await planTargets(tx, deps, { incident, rule, level: 0, trigger, now, timeZone: ws?.timeZone ?? 'UTC', settings: ws?.settings ?? {}, members }, d.recipients);
      total.queued += r.queued;
      total.suppressed += r.suppressed;
      total.folded += r.folded;
    }
    const stakeholders = await playbookStakeholders(tx, incident);
    if (stakeholders) {
      const r = await planTargets(tx, deps, { incident, rule: stakeholders.rule, level: 0, trigger, now, timeZone: ws?.timeZone ?? 'UTC', settings: ws?.settings ?? {}, members }, stakeholders.recipients);
      total.queued += r.queued;
      total.suppressed += r.suppressed;
      total.folded += r.folded;
    }
    return total;
  });

/**
 * The stakeholders the incident's playbook names (`definition.stakeholders` {memberIds, emails},
 * as the incidents module saves it) are alerted like a rule's first recipients, whatever the rules say.
 */
const playbookStakeholders = async (tx: Tx, incident: IncidentRow): Promise<{ rule: RuleLike; recipients: StoredRecipient[] } | null> => {
  if (!incident.playbookId) return null;
  const [pb] = await tx.select().from(schema.playbooks).where(and(eq(schema.playbooks.id, incident.playbookId), eq(schema.playbooks.isActive, true)));
  const s = (pb?.definition.stakeholders ?? {}) as { memberIds?: unknown; emails?: unknown };
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const recipients: StoredRecipient[] = [
    ...strings(s.memberIds).map((memberId): StoredRecipient => ({ id: `pb_${memberId}`, kind: 'member', memberId, email: true })),
    ...strings(s.emails).map((address): StoredRecipient => ({ id: `pb_${address}`, kind: 'email', address: address.toLowerCase() })),
  ];
  if (!pb || !recipients.length) return null;
  const definition: RuleDefinition = { conditions: { minSeverity: 1, types: [], terms: [], drills: 'include' }, recipients, escalation: { levels: [] }, grouping: {} };
  return { rule: { id: null, name: `Playbook: ${pb.name}`, definition: definition as unknown as Record<string, unknown> }, recipients };
};
