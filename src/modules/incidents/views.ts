import { and, asc, desc, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import type {
  AffectedCustomerView, ChecklistItemView, DetectionAlertView, IncidentDetailView, IncidentEventView, IncidentPage, IncidentQuery, IncidentRow, LinkedMentionView,
} from '../../contracts/index.ts';
import { readDefinition } from './playbooks.ts';
import { getIncident, workspaceSettings, type IncidentRecord } from './store.ts';
import { viralityThresholdOf } from './virality.ts';

/** What the API and the console read: the incident list, one incident with everything around it, detection alerts. */

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;
const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

const toRow = (r: IncidentRecord, ownerName: string | null): IncidentRow => ({
  id: r.id,
  title: r.title,
  severity: r.severity,
  status: r.status,
  type: r.type,
  source: r.source,
  owner: r.ownerId ? { id: r.ownerId, name: ownerName ?? '' } : null,
  playbookId: r.playbookId,
  matchTerms: r.matchTerms,
  mentionCount: r.mentionCount,
  reach: r.reach,
  viralAt: iso(r.viralAt),
  crisisDiverted: r.crisisDiverted,
  isDrill: r.isDrill,
  drillRunId: r.drillRunId,
  detectedAt: iso(r.detectedAt)!,
  acknowledgedAt: iso(r.acknowledgedAt),
  mitigatingAt: iso(r.mitigatingAt),
  firstPublicResponseAt: iso(r.firstPublicResponseAt),
  resolvedAt: iso(r.resolvedAt),
  dismissedAt: iso(r.dismissedAt),
  updatedAt: iso(r.updatedAt)!,
});

const ownerNames = async (tx: Tx, workspaceId: string): Promise<Map<string, string>> =>
  new Map((await tx.select({ id: schema.members.id, name: schema.members.name }).from(schema.members).where(eq(schema.members.workspaceId, workspaceId))).map((m) => [m.id, m.name]));

export const incidentRowView = async (tx: Tx, workspaceId: string, r: IncidentRecord): Promise<IncidentRow> =>
  toRow(r, r.ownerId ? ((await ownerNames(tx, workspaceId)).get(r.ownerId) ?? null) : null);

/** Open incidents first (worst first), then the closed ones, most recent first. */
export const listIncidents = async (tx: Tx, workspaceId: string, q: IncidentQuery): Promise<IncidentPage> => {
  const t = schema.incidents;
  const filters = [eq(t.workspaceId, workspaceId)];
  if (q.status === 'open') filters.push(sql`${t.status} in ('detected', 'acknowledged', 'mitigating')`);
  else if (q.status) filters.push(eq(t.status, q.status));
  if (q.minSeverity !== undefined) filters.push(sql`${t.severity} >= ${q.minSeverity}`);
  if (q.isDrill !== undefined) filters.push(eq(t.isDrill, q.isDrill));
  const where = and(...filters);
  const rows = await tx
    .select()
    .from(t)
    .where(where)
    .orderBy(sql`case when ${t.status} in ('detected', 'acknowledged', 'mitigating') then 0 else 1 end`, desc(t.severity), desc(t.detectedAt), desc(t.id))
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0);
  const [total] = await tx.select({ n: sql<number>`count(*)` }).from(t).where(where);
  const names = await ownerNames(tx, workspaceId);
  return { items: rows.map((r) => toRow(r, r.ownerId ? (names.get(r.ownerId) ?? null) : null)), total: Number(total?.n ?? 0) };
};

type AlertRecord = typeof schema.detectionAlerts.$inferSelect;

const toAlertView = (a: AlertRecord): DetectionAlertView => {
  const e = a.explanation as { series?: DetectionAlertView['series'] & { start: string }; topics?: DetectionAlertView['topics']; observed?: number; expected?: number };
  return {
    id: a.id,
    detectedAt: a.detectedAt.toISOString(),
    windowStart: a.windowStart.toISOString(),
    severity: a.severity,
    kind: a.kind,
    terms: a.terms,
    mentionIds: a.mentionIds,
    observed: typeof e.observed === 'number' ? e.observed : null,
    expected: typeof e.expected === 'number' ? e.expected : null,
    series: e.series && Array.isArray(e.series.observed) ? e.series : null,
    topics: Array.isArray(e.topics) ? e.topics : [],
    incidentId: a.incidentId,
    isDrill: a.isDrill,
  };
};

export const listDetectionAlerts = async (tx: Tx, workspaceId: string, q: { incidentId?: string; limit?: number }): Promise<DetectionAlertView[]> => {
  const t = schema.detectionAlerts;
  const rows = await tx
    .select()
    .from(t)
    .where(and(eq(t.workspaceId, workspaceId), ...(q.incidentId ? [eq(t.incidentId, q.incidentId)] : [])))
    .orderBy(desc(t.detectedAt))
    .limit(q.limit ?? 50);
  return rows.map(toAlertView);
};

const timelineOf = async (tx: Tx, incidentId: string): Promise<IncidentEventView[]> => {
  const rows = rowsOf<{ id: number | string; type: string; actor_type: string; actor_id: string | null; actor_name: string | null; data: Record<string, unknown>; created_at: Date | string }>(
    await tx.execute(sql`
      select e.id, e.type, e.actor_type, e.actor_id, e.data, e.created_at,
        case when e.actor_type = 'member' then (select name from members where id::text = e.actor_id) when e.actor_type = 'token' then (select name from api_tokens where id::text = e.actor_id) end as actor_name
      from incident_events e where e.incident_id = ${incidentId} order by e.created_at, e.id limit 1000`),
  );
  return rows.map((r) => ({ id: Number(r.id), type: r.type, actorType: r.actor_type, actorId: r.actor_id, actorName: r.actor_name, data: r.data, createdAt: iso(r.created_at)! }));
};

const checklistOf = async (tx: Tx, incidentId: string): Promise<ChecklistItemView[]> =>
  (await tx.select().from(schema.incidentChecklist).where(eq(schema.incidentChecklist.incidentId, incidentId)).orderBy(asc(schema.incidentChecklist.position))).map((c) => ({
    id: c.id, position: c.position, title: c.title, ownerRole: c.ownerRole, ownerId: c.ownerId, doneAt: iso(c.doneAt), doneBy: c.doneBy,
  }));

const mentionsOf = async (tx: Tx, incidentId: string, offset: number, limit: number): Promise<LinkedMentionView[]> => {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select m.id, m.text, im.conversation_id, im.customer_id, m.authored_at, m.is_drill, i.handle, i.display_name, i.followers, ch.kind as channel_kind
      from incident_mentions im join mentions m on m.id = im.mention_id
        left join identities i on i.id = m.identity_id left join channels ch on ch.id = m.channel_id
      where im.incident_id = ${incidentId}
      order by m.authored_at desc, m.id limit ${limit} offset ${offset}`),
  );
  return rows.map((r) => ({
    id: String(r.id),
    text: String(r.text),
    conversationId: (r.conversation_id as string | null) ?? null,
    customerId: (r.customer_id as string | null) ?? null,
    author: r.handle ? { handle: String(r.handle), displayName: (r.display_name as string | null) ?? null, followers: r.followers === null ? null : Number(r.followers) } : null,
    channelKind: (r.channel_kind as string | null) ?? null,
    authoredAt: iso(r.authored_at as string)!,
    isDrill: Boolean(r.is_drill),
  }));
};

/** Distinct customers behind the linked mentions (merged customers counted as their survivor), with their open conversations. */
const affectedCustomersOf = async (tx: Tx, incidentId: string): Promise<AffectedCustomerView[]> => {
  const rows = rowsOf<{ id: string; name: string | null; n: number | string; open: { id: string; status: string; subject: string | null }[] | null }>(
    await tx.execute(sql`
      with linked as (
        select coalesce(c.merged_into_id, c.id) as customer_id, count(*) as n
        from incident_mentions im join customers c on c.id = im.customer_id
        where im.incident_id = ${incidentId} group by 1)
      select c.id, c.name, l.n,
        (select json_agg(json_build_object('id', cv.id, 'status', cv.status, 'subject', cv.subject) order by cv.last_message_at desc)
           from conversations cv where cv.customer_id = c.id and cv.status not in ('resolved', 'closed')) as open
      from linked l join customers c on c.id = l.customer_id
      order by l.n desc, c.name nulls last limit 500`),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, mentionCount: Number(r.n), openConversations: r.open ?? [] }));
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const examplesOf = async (tx: Tx, workspaceId: string, ids: string[]): Promise<{ id: string; text: string }[]> => {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (!wanted.length) return [];
  return rowsOf<{ id: string; text: string }>(
    await tx.execute(sql`select id, text from mentions where workspace_id = ${workspaceId} and id in (${sql.join(wanted.map((id) => sql`${id}`), sql`, `)})`),
  );
};

export const getIncidentDetail = async (tx: Tx, workspaceId: string, id: string, opts: { mentionOffset?: number; mentionLimit?: number } = {}): Promise<IncidentDetailView> => {
  const incident = await getIncident(tx, workspaceId, id);
  const offset = opts.mentionOffset ?? 0;
  const [pb] = incident.playbookId ? await tx.select().from(schema.playbooks).where(eq(schema.playbooks.id, incident.playbookId)) : [];
  const alerts = await listDetectionAlerts(tx, workspaceId, { incidentId: id, limit: 20 });
  const definition = pb ? readDefinition(pb.definition) : null;
  const topics = (incident.topics as IncidentDetailView['topics']).length ? (incident.topics as IncidentDetailView['topics']) : (alerts[0]?.topics ?? []);
  return {
    incident: await incidentRowView(tx, workspaceId, incident),
    timeline: await timelineOf(tx, id),
    checklist: await checklistOf(tx, id),
    mentions: { items: await mentionsOf(tx, id, offset, opts.mentionLimit ?? 50), total: incident.mentionCount, offset },
    affectedCustomers: await affectedCustomersOf(tx, id),
    topics,
    examples: await examplesOf(tx, workspaceId, topics.flatMap((t) => t.mentionIds.slice(0, 3))),
    alerts,
    playbook: pb && definition ? { id: pb.id, name: pb.name, statements: definition.statements, replies: definition.replies } : null,
    viralityThreshold: viralityThresholdOf(await workspaceSettings(tx, workspaceId)),
  };
};
