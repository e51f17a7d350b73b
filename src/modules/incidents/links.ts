import { and, eq, inArray, schema, sql, type Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import type { Work, Who } from '../conversations/index.ts';
import { matcherFor } from './matching.ts';
import { isOpen } from './status.ts';
import { addIncidentEvent, getIncident, SYSTEM, workspaceSettings, type IncidentRecord } from './store.ts';
import { hasCrossed, viralityThresholdOf } from './virality.ts';

/**
 * Mentions and conversations linked to an incident. Each link row carries the mention's
 * conversation and customer, so the affected customers are one query. After every change the
 * incident's mention count and reach are recomputed, and `viral_at` is stamped the first time
 * they cross the workspace's virality threshold.
 */

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;
const idList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);

/** The mentions behind the given mention and conversation ids (a conversation brings its customers' mentions). */
const resolveMentionIds = async (tx: Tx, workspaceId: string, links: { mentionIds?: string[]; conversationIds?: string[] }): Promise<string[]> => {
  const mentionIds = [...new Set(links.mentionIds ?? [])];
  const conversationIds = [...new Set(links.conversationIds ?? [])];
  const found: string[] = [];
  if (mentionIds.length) {
    const rows = rowsOf<{ id: string }>(await tx.execute(sql`select id from mentions where workspace_id = ${workspaceId} and id in (${idList(mentionIds)})`));
    const known = new Set(rows.map((r) => r.id));
    const unknown = mentionIds.filter((id) => !known.has(id));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', 'Unknown mention', unknown.map((id) => ({ path: '/body/mentionIds', message: `unknown mention ${id}` })));
    found.push(...known);
  }
  if (conversationIds.length) {
    const convs = rowsOf<{ id: string }>(await tx.execute(sql`select id from conversations where workspace_id = ${workspaceId} and id in (${idList(conversationIds)})`));
    const known = new Set(convs.map((r) => r.id));
    const unknown = conversationIds.filter((id) => !known.has(id));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', 'Unknown conversation', unknown.map((id) => ({ path: '/body/conversationIds', message: `unknown conversation ${id}` })));
    const rows = rowsOf<{ id: string }>(
      await tx.execute(sql`select id from mentions where workspace_id = ${workspaceId} and not is_own and conversation_id in (${idList(conversationIds)})`),
    );
    found.push(...rows.map((r) => r.id));
  }
  return [...new Set(found)];
};

/** Inserts link rows (ignoring those that exist); returns the mention ids newly linked. */
const insertLinks = async (tx: Tx, workspaceId: string, incidentId: string, mentionIds: readonly string[], now: Date): Promise<string[]> => {
  if (!mentionIds.length) return [];
  const rows = rowsOf<{ mention_id: string }>(
    await tx.execute(sql`
      insert into incident_mentions (workspace_id, incident_id, mention_id, conversation_id, customer_id, created_at)
      select m.workspace_id, ${incidentId}, m.id, m.conversation_id, c.customer_id, ${now.toISOString()}::timestamptz
      from mentions m left join conversations c on c.id = m.conversation_id
      where m.workspace_id = ${workspaceId} and m.id in (${idList(mentionIds)})
      on conflict (incident_id, mention_id) do nothing
      returning mention_id`),
  );
  return rows.map((r) => r.mention_id);
};

/**
 * Recomputes mention count and reach (followers of each distinct author, counted once), stamps
 * `viral_at` on the first crossing, and records it in the timeline.
 */
export const refreshCounts = async (work: Work, incident: IncidentRecord): Promise<IncidentRecord> => {
  const [counts] = rowsOf<{ n: number | string; reach: number | string | null }>(
    await work.tx.execute(sql`
      select count(*) as n,
        (select coalesce(sum(f), 0) from (
          select max(m.author_followers) as f from incident_mentions im join mentions m on m.id = im.mention_id
          where im.incident_id = ${incident.id}
          group by coalesce(m.identity_id::text, m.id::text)) a) as reach
      from incident_mentions where incident_id = ${incident.id}`),
  );
  const mentionCount = Number(counts?.n ?? 0);
  const reach = Math.min(Number(counts?.reach ?? 0), 2_147_483_647);
  const threshold = viralityThresholdOf(await workspaceSettings(work.tx, work.workspaceId));
  const goesViral = !incident.viralAt && hasCrossed({ mentionCount, reach }, threshold);
  const [row] = await work.tx
    .update(schema.incidents)
    .set({ mentionCount, reach, ...(goesViral ? { viralAt: work.now } : {}), updatedAt: work.now })
    .where(eq(schema.incidents.id, incident.id))
    .returning();
  if (goesViral) {
    await addIncidentEvent(work, SYSTEM(work.workspaceId), incident.id, 'went_viral', { mentionCount, reach, threshold });
    work.emit({ type: 'incident.updated', subjectId: incident.id, data: { incidentId: incident.id, changes: { viralAt: { from: null, to: work.now.toISOString() } }, isDrill: incident.isDrill } });
  }
  return row!;
};

const linkedEvent = (work: Work, incident: IncidentRecord, mentionIds: string[]) =>
  work.emit({ type: 'incident.mention_linked', subjectId: incident.id, data: { incidentId: incident.id, mentionIds, isDrill: incident.isDrill } });

/** A person (or the system, for an alert's mentions) links mentions and conversations to an incident. */
export const linkToIncident = async (
  work: Work,
  who: Who,
  incidentId: string,
  links: { mentionIds?: string[]; conversationIds?: string[] },
  opts: { reason?: string } = {},
): Promise<string[]> => {
  const incident = await getIncident(work.tx, work.workspaceId, incidentId, { forUpdate: true });
  const mentionIds = await resolveMentionIds(work.tx, work.workspaceId, links);
  // A drill incident holds drill mentions only, and a real one real mentions: outreach and
  // reports built on an incident must never reach real customers from a drill, or count a drill.
  if (mentionIds.length) {
    const [mixed] = rowsOf<{ n: number | string }>(
      await work.tx.execute(sql`select count(*) as n from mentions where workspace_id = ${work.workspaceId} and id in (${idList(mentionIds)}) and is_drill <> ${incident.isDrill}`),
    );
    if (Number(mixed?.n ?? 0) > 0) {
      throw new AppError('VALIDATION_FAILED', incident.isDrill ? 'A drill incident links drill mentions only' : 'Drill mentions cannot join a real incident', [
        { path: links.mentionIds?.length ? '/body/mentionIds' : '/body/conversationIds', message: 'drill and real mentions never mix' },
      ]);
    }
  }
  const added = await insertLinks(work.tx, work.workspaceId, incidentId, mentionIds, work.now);
  if (added.length) {
    await addIncidentEvent(work, who, incidentId, 'mentions_linked', { mentionIds: added.slice(0, 50), count: added.length, conversationIds: links.conversationIds ?? [], reason: opts.reason ?? 'manual' });
    await refreshCounts(work, incident);
    linkedEvent(work, incident, added);
  }
  return added;
};

export const unlinkFromIncident = async (work: Work, who: Who, incidentId: string, links: { mentionIds?: string[]; conversationIds?: string[] }): Promise<number> => {
  const incident = await getIncident(work.tx, work.workspaceId, incidentId, { forUpdate: true });
  const mentionIds = [...new Set(links.mentionIds ?? [])];
  const conversationIds = [...new Set(links.conversationIds ?? [])];
  if (!mentionIds.length && !conversationIds.length) throw new AppError('VALIDATION_FAILED', 'Name the mentions or conversations to unlink', [{ path: '/body', message: 'mentionIds or conversationIds' }]);
  const removed = await work.tx
    .delete(schema.incidentMentions)
    .where(
      and(
        eq(schema.incidentMentions.incidentId, incidentId),
        sql`(${mentionIds.length ? inArray(schema.incidentMentions.mentionId, mentionIds) : sql`false`} or ${conversationIds.length ? inArray(schema.incidentMentions.conversationId, conversationIds) : sql`false`})`,
      ),
    )
    .returning({ mentionId: schema.incidentMentions.mentionId });
  if (removed.length) {
    await addIncidentEvent(work, who, incidentId, 'mentions_unlinked', { mentionIds: removed.map((r) => r.mentionId).slice(0, 50), count: removed.length, conversationIds });
    await refreshCounts(work, incident);
    work.emit({ type: 'incident.updated', subjectId: incidentId, data: { incidentId, changes: { mentionsUnlinked: removed.length }, isDrill: incident.isDrill } });
  }
  return removed.length;
};

export interface FedMention {
  id: string;
  text: string;
  isDrill: boolean;
}

/**
 * New mentions attach themselves to the open incidents they match (drill mentions only to drill
 * incidents, real ones only to real ones). Run by the detection feed over each batch it reads.
 */
export const attachMatchingMentions = async (work: Work, mentions: readonly FedMention[]): Promise<Map<string, string[]>> => {
  const attached = new Map<string, string[]>();
  if (!mentions.length) return attached;
  const open = await work.tx
    .select()
    .from(schema.incidents)
    .where(and(eq(schema.incidents.workspaceId, work.workspaceId), inArray(schema.incidents.status, ['detected', 'acknowledged', 'mitigating'])));
  for (const incident of open) {
    if (!isOpen(incident.status)) continue;
    const matcher = matcherFor(incident.matchTerms);
    if (!matcher) continue;
    const ids = mentions.filter((m) => m.isDrill === incident.isDrill && matcher.matches(m.text)).map((m) => m.id);
    const added = await insertLinks(work.tx, work.workspaceId, incident.id, ids, work.now);
    if (!added.length) continue;
    await addIncidentEvent(work, SYSTEM(work.workspaceId), incident.id, 'mentions_linked', { mentionIds: added.slice(0, 50), count: added.length, reason: 'matched', matchTerms: incident.matchTerms });
    await refreshCounts(work, incident);
    linkedEvent(work, incident, added);
    attached.set(incident.id, added);
  }
  return attached;
};
