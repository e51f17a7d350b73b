import { sql, type Tx } from '../../platform/db/index.ts';
import { asDate, listOf, rowsOf } from './sql.ts';

/** Days after any outreach during which a customer gets no other one (workspaces.settings.outreach.suppressionDays). */
export const DEFAULT_SUPPRESSION_DAYS = 7;

export const suppressionDays = async (tx: Tx, workspaceId: string): Promise<number> => {
  const [ws] = await rowsOf<{ days: unknown }>(tx, sql`select settings->'outreach'->'suppressionDays' as days from workspaces where id = ${workspaceId}`);
  const n = Number(ws?.days);
  return ws?.days !== null && ws?.days !== undefined && Number.isFinite(n) && n >= 0 ? n : DEFAULT_SUPPRESSION_DAYS;
};

interface Facts {
  id: string;
  opted_out: boolean;
  contacted_for_incident: boolean;
  last_contact: Date | string | null;
  open_conversation: boolean;
}

/**
 * Why each customer must not get this campaign's message, if they must not:
 * - opted out of proactive messages;
 * - already contacted by an outreach about the same incident (never twice);
 * - contacted by any outreach within the window;
 * - already in an open conversation about the incident (someone is talking with them there).
 * Outreach of drills and of real incidents never suppress each other.
 */
export const suppressionReasons = async (
  tx: Tx,
  opts: { workspaceId: string; campaignId: string; incidentId: string | null; isDrill: boolean; customerIds: string[]; now: Date },
): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  if (!opts.customerIds.length) return out;
  const since = new Date(opts.now.getTime() - (await suppressionDays(tx, opts.workspaceId)) * 86_400_000);
  const incident = opts.incidentId;
  const facts = await rowsOf<Facts>(
    tx,
    sql`select cu.id, cu.opted_out,
          ${incident ? sql`exists (select 1 from outreach_recipients r join outreach_campaigns oc on oc.id = r.campaign_id
            where r.customer_id = cu.id and oc.incident_id = ${incident} and oc.id <> ${opts.campaignId} and oc.is_drill = ${opts.isDrill}
            and r.state in ('queued', 'sent'))` : sql`false`} as contacted_for_incident,
          (select max(r.updated_at) from outreach_recipients r join outreach_campaigns oc on oc.id = r.campaign_id
            where r.customer_id = cu.id and oc.id <> ${opts.campaignId} and oc.is_drill = ${opts.isDrill}
            and r.state in ('queued', 'sent') and r.updated_at >= ${since.toISOString()}::timestamptz) as last_contact,
          ${incident ? sql`exists (select 1 from incident_mentions im join conversations c on c.id = im.conversation_id
            where im.incident_id = ${incident} and c.customer_id = cu.id and c.status not in ('resolved', 'closed'))` : sql`false`} as open_conversation
        from customers cu where cu.id in ${listOf(opts.customerIds)}`,
  );
  for (const f of facts) {
    const last = asDate(f.last_contact);
    const why = f.opted_out
      ? 'opted out of proactive messages'
      : f.contacted_for_incident
        ? 'already contacted about this incident'
        : last
          ? `contacted by another outreach on ${last.toISOString().slice(0, 10)}`
          : f.open_conversation
            ? 'already in an open conversation about this incident'
            : null;
    if (why) out.set(f.id, why);
  }
  return out;
};
