import { and, eq, schema, sql } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors/index.ts';
import type { Connector } from '../channels/index.ts';
import type { Work, Who } from '../conversations/index.ts';
import { readDefinition } from './playbooks.ts';
import { addIncidentEvent, getIncident, memberOf, SYSTEM } from './store.ts';

/** Notes, checklist ticks, statements and the first public response: the rest of an incident's timeline. */

export const addIncidentNote = async (work: Work, who: Who, incidentId: string, text: string): Promise<void> => {
  const body = text.trim();
  if (!body) throw new AppError('VALIDATION_FAILED', 'A note needs some text', [{ path: '/body/text', message: 'empty' }]);
  const incident = await getIncident(work.tx, work.workspaceId, incidentId);
  await addIncidentEvent(work, who, incidentId, 'note', { text: body });
  work.emit({ type: 'incident.note_added', subjectId: incidentId, data: { incidentId, isDrill: incident.isDrill } });
};

/** Ticks (or unticks) a checklist step: who and when, and a timeline row. */
export const setChecklistItem = async (work: Work, who: Who, incidentId: string, itemId: string, done: boolean): Promise<void> => {
  const incident = await getIncident(work.tx, work.workspaceId, incidentId);
  const [item] = await work.tx
    .select()
    .from(schema.incidentChecklist)
    .where(and(eq(schema.incidentChecklist.workspaceId, work.workspaceId), eq(schema.incidentChecklist.incidentId, incidentId), eq(schema.incidentChecklist.id, itemId)))
    .for('update');
  if (!item) throw notFound('Checklist step');
  if (Boolean(item.doneAt) === done) return;
  await work.tx
    .update(schema.incidentChecklist)
    .set(done ? { doneAt: work.now, doneBy: memberOf(who) } : { doneAt: null, doneBy: null })
    .where(eq(schema.incidentChecklist.id, itemId));
  await addIncidentEvent(work, who, incidentId, done ? 'checklist_done' : 'checklist_undone', { itemId, title: item.title });
  work.emit({ type: 'incident.checklist_updated', subjectId: incidentId, data: { incidentId, itemId, done, isDrill: incident.isDrill } });
};

/** Networks where a statement can go out as a public post of the brand. */
const POSTING_KINDS = new Set(['bluesky', 'x', 'mastodon']);

export interface StatementResult {
  text: string;
  /** The queued public post, when one was queued. */
  messageId: string | null;
  /** Why it was only recorded (no channel chosen, the channel cannot post, a drill). */
  recordedOnly: string | null;
}

/**
 * Posts a statement (a playbook's pre-approved one by name, or a text written now): always a
 * timeline row and the incident's first public response; with a channel that can post publicly,
 * also a public post queued through the outbox (in a conversation of its own, so the outbox,
 * its retries and its audit work as for any reply). Drills never send: recorded only.
 */
export const postStatement = async (
  work: Work,
  who: Who,
  incidentId: string,
  input: { statementName?: string; text?: string; channelId?: string },
  connectorFor: (kind: string) => Connector | null,
): Promise<StatementResult> => {
  const incident = await getIncident(work.tx, work.workspaceId, incidentId, { forUpdate: true });
  let text = input.text?.trim() ?? '';
  let visibility: 'public' | 'internal' = 'public';
  if (input.statementName) {
    const [pb] = incident.playbookId
      ? await work.tx.select().from(schema.playbooks).where(and(eq(schema.playbooks.workspaceId, work.workspaceId), eq(schema.playbooks.id, incident.playbookId)))
      : [];
    const statement = pb ? readDefinition(pb.definition).statements.find((s) => s.name === input.statementName) : undefined;
    if (!statement) throw new AppError('VALIDATION_FAILED', "No statement of that name in the incident's playbook", [{ path: '/body/statementName', message: 'unknown statement' }]);
    text ||= statement.text;
    visibility = statement.visibility;
  }
  if (!text) throw new AppError('VALIDATION_FAILED', 'Choose a statement or write one', [{ path: '/body/text', message: 'empty' }]);

  let messageId: string | null = null;
  let recordedOnly: string | null = null;
  let channelId: string | null = null;
  if (input.channelId) {
    const [channel] = await work.tx.select().from(schema.channels).where(and(eq(schema.channels.workspaceId, work.workspaceId), eq(schema.channels.id, input.channelId)));
    if (!channel) throw new AppError('VALIDATION_FAILED', 'Unknown channel', [{ path: '/body/channelId', message: 'not a channel of this workspace' }]);
    channelId = channel.id;
    if (visibility !== 'public') recordedOnly = 'This statement is internal: it is never posted';
    else if (incident.isDrill) recordedOnly = 'Drill: nothing leaves Lookout';
    else if (!POSTING_KINDS.has(channel.kind) || !connectorFor(channel.kind)?.send) recordedOnly = `The ${channel.name} channel (${channel.kind}) cannot post public statements`;
    else messageId = await queuePublicPost(work, who, channel.id, incident.title, text);
  } else {
    recordedOnly = 'No channel chosen';
  }
  await addIncidentEvent(work, who, incidentId, 'statement_posted', { name: input.statementName ?? null, text, visibility, channelId, messageId, recordedOnly });
  work.emit({ type: 'incident.statement_posted', subjectId: incidentId, data: { incidentId, messageId, visibility, isDrill: incident.isDrill } });
  if (visibility === 'public') await stampFirstPublicResponse(work, [incidentId], 'statement');
  return { text, messageId, recordedOnly };
};

const queuePublicPost = async (work: Work, who: Who, channelId: string, title: string, text: string): Promise<string> => {
  const [conv] = await work.tx
    .insert(schema.conversations)
    .values({ workspaceId: work.workspaceId, channelId, subject: `Statement: ${title}`.slice(0, 300), status: 'closed', needsResponse: false, closedAt: work.now, lastMessageAt: work.now, createdAt: work.now, updatedAt: work.now })
    .returning({ id: schema.conversations.id });
  const [m] = await work.tx
    .insert(schema.messages)
    .values({
      workspaceId: work.workspaceId, conversationId: conv!.id, direction: 'outbound', channelId, authorMemberId: memberOf(who), visibility: 'public', body: text,
      outboxState: 'queued', nextAttemptAt: work.now, meta: { incidentStatement: true }, createdAt: work.now,
    })
    .returning({ id: schema.messages.id });
  work.emit({ type: 'message.queued', subjectId: m!.id, data: { messageId: m!.id, conversationId: conv!.id, channelId, isDrill: false } });
  return m!.id;
};

/** Sets `first_public_response_at` on incidents that have none yet; returns those stamped. */
const stampFirstPublicResponse = async (work: Work, incidentIds: readonly string[], via: string, data: Record<string, unknown> = {}): Promise<string[]> => {
  if (!incidentIds.length) return [];
  const rows = await work.tx
    .update(schema.incidents)
    .set({ firstPublicResponseAt: work.now, updatedAt: work.now })
    .where(and(eq(schema.incidents.workspaceId, work.workspaceId), sql`${schema.incidents.firstPublicResponseAt} is null`, sql`${schema.incidents.id} in (${sql.join(incidentIds.map((id) => sql`${id}`), sql`, `)})`))
    .returning({ id: schema.incidents.id, isDrill: schema.incidents.isDrill });
  for (const r of rows) {
    await addIncidentEvent(work, SYSTEM(work.workspaceId), r.id, 'first_public_response', { via, ...data });
    work.emit({ type: 'incident.updated', subjectId: r.id, data: { incidentId: r.id, changes: { firstPublicResponseAt: { from: null, to: work.now.toISOString() } }, isDrill: r.isDrill } });
  }
  return rows.map((r) => r.id);
};

/**
 * A public outbound message in a conversation linked to an incident is its first public response:
 * when sent, or for drill incidents when approved or queued (drills never send). Called by the
 * worker on `message.sent` / `message.queued` / `message.approved`.
 */
export const noteOutboundMessage = async (work: Work, messageId: string, event: 'sent' | 'queued' | 'approved'): Promise<string[]> => {
  const [m] = await work.tx
    .select({ conversationId: schema.messages.conversationId, visibility: schema.messages.visibility, isDrill: schema.messages.isDrill, direction: schema.messages.direction })
    .from(schema.messages)
    .where(and(eq(schema.messages.workspaceId, work.workspaceId), eq(schema.messages.id, messageId)));
  if (!m || m.direction !== 'outbound' || m.visibility !== 'public') return [];
  // Real messages count once sent; drill messages never are, so queued or approved counts.
  if ((event === 'sent') === m.isDrill) return [];
  const rows = (await work.tx.execute(sql`
    select distinct im.incident_id from incident_mentions im join incidents i on i.id = im.incident_id
    where im.workspace_id = ${work.workspaceId} and im.conversation_id = ${m.conversationId} and i.is_drill = ${m.isDrill}
      and i.first_public_response_at is null and i.status in ('detected', 'acknowledged', 'mitigating')`)) as unknown as { rows: { incident_id: string }[] };
  return stampFirstPublicResponse(work, rows.rows.map((r) => r.incident_id), 'reply', { messageId, conversationId: m.conversationId });
};
