import { sql } from '../../platform/db/index.ts';
import type { Work } from '../conversations/index.ts';
import { listOf, rowsOf } from './sql.ts';

/**
 * A customer answers an outreach: the pipeline threads the answer into the conversation the
 * message went out in (by the sent message's external id). Here the answer's mention is linked to
 * the campaign's incident, so the incident sees it among its mentions and affected customers —
 * also when the outreach started a new conversation that had no link to the incident yet.
 */
export const linkOutreachReplies = async (work: Work, mentionIds: string[]): Promise<number> => {
  if (!mentionIds.length) return 0;
  const linked = await rowsOf<{ incident_id: string; mention_id: string; is_drill: boolean }>(
    work.tx,
    sql`insert into incident_mentions (workspace_id, incident_id, mention_id, conversation_id, customer_id, created_at)
        select distinct mn.workspace_id, oc.incident_id, mn.id, mn.conversation_id, c.customer_id, ${work.now.toISOString()}::timestamptz
        from mentions mn
        join conversations c on c.id = mn.conversation_id
        join outreach_recipients r on r.conversation_id = mn.conversation_id and r.message_id is not null
        join messages m on m.id = r.message_id
        join outreach_campaigns oc on oc.id = r.campaign_id
        where mn.id in ${listOf(mentionIds)} and not mn.is_own and oc.incident_id is not null and mn.authored_at >= m.created_at
        on conflict do nothing
        returning incident_id, mention_id, (select is_drill from incidents i where i.id = incident_id) as is_drill`,
  );
  const byIncident = new Map<string, { mentionIds: string[]; isDrill: boolean }>();
  for (const l of linked) {
    const entry = byIncident.get(l.incident_id) ?? { mentionIds: [], isDrill: Boolean(l.is_drill) };
    entry.mentionIds.push(l.mention_id);
    byIncident.set(l.incident_id, entry);
  }
  for (const [incidentId, { mentionIds: ids, isDrill }] of byIncident) {
    await work.tx.execute(
      sql`update incidents set mention_count = (select count(*) from incident_mentions where incident_id = ${incidentId}), updated_at = ${work.now.toISOString()}::timestamptz where id = ${incidentId}`,
    );
    work.emit({ type: 'incident.mention_linked', subjectId: incidentId, data: { incidentId, mentionIds: ids, isDrill, via: 'outreach_reply' } });
  }
  return linked.length;
};
