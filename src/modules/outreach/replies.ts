import { sql } from '../../platform/db/index.ts';
import type { Work } from '../conversations/index.ts';
import { linkToIncident } from '../incidents/index.ts';
import { listOf, rowsOf } from './sql.ts';

/**
 * A customer answers an outreach: the pipeline threads the answer into the conversation the
 * message went out in (by the sent message's external id). Here the answer's mention is linked to
 * the campaign's incident — through the incidents module, so counts, reach, virality and the
 * timeline follow as for any link — also when the outreach started a new conversation that had no
 * link to the incident yet.
 */
export const linkOutreachReplies = async (work: Work, mentionIds: string[]): Promise<number> => {
  if (!mentionIds.length) return 0;
  const answers = await rowsOf<{ incident_id: string; mention_id: string }>(
    work.tx,
    sql`select distinct oc.incident_id, mn.id as mention_id
        from mentions mn
        join outreach_recipients r on r.conversation_id = mn.conversation_id and r.message_id is not null
        join messages m on m.id = r.message_id
        join outreach_campaigns oc on oc.id = r.campaign_id
        where mn.id in ${listOf(mentionIds)} and not mn.is_own and oc.incident_id is not null and mn.authored_at >= m.created_at`,
  );
  const byIncident = new Map<string, string[]>();
  for (const a of answers) byIncident.set(a.incident_id, [...(byIncident.get(a.incident_id) ?? []), a.mention_id]);
  let linked = 0;
  for (const [incidentId, ids] of byIncident) {
    linked += (await linkToIncident(work, { system: true, workspaceId: work.workspaceId }, incidentId, { mentionIds: ids }, { reason: 'outreach_reply' })).length;
  }
  return linked;
};
