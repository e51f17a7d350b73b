import { and, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors/index.ts';
import { recordAudit, type Actor } from '../access/index.ts';
import type { Work } from '../conversations/index.ts';
import { addIncidentEvent, getIncident } from '../incidents/index.ts';
import { describeSegment, mentioners, segmentCustomers, type Segment } from './audience.ts';
import { activeChannels, chooseReach, pathOf, type ConnectorLookup, type OutreachMode } from './reach.ts';
import { asDate, rowsOf } from './sql.ts';
import { suppressionReasons } from './suppression.ts';
import { renderFor } from './variables.ts';

export interface CampaignInput {
  name: string;
  body: string;
  mode?: OutreachMode;
  segment?: Segment;
  skipMentioners?: boolean;
}

export type RecipientState = 'included' | 'excluded' | 'suppressed' | 'queued' | 'sent' | 'failed';

export interface RecipientView {
  id: string;
  customerId: string;
  customerName: string | null;
  handle: string | null;
  reason: string | null;
  state: RecipientState;
  path: OutreachMode | null;
  channelId: string | null;
  channelName: string | null;
  channelKind: string | null;
  conversationId: string | null;
  messageId: string | null;
  error: string | null;
  preview: string;
}

export interface CampaignView {
  id: string;
  incidentId: string | null;
  incidentTitle: string | null;
  name: string;
  body: string;
  mode: OutreachMode;
  segment: Record<string, unknown>;
  state: 'draft' | 'sending' | 'sent' | 'cancelled';
  isDrill: boolean;
  sentAt: Date | null;
  createdAt: Date;
  counts: Record<string, number>;
  channelMix: Record<string, number>;
  recipients: RecipientView[];
}

const NO_PATH = 'no way to reach them (no public post to answer, no direct messages, no email)';

/**
 * A campaign from an incident, with its audience built: the customers who mentioned the incident
 * and those matching the segment, each with why they are in it, the path that reaches them (the
 * mode first, then its fallbacks), or why they are suppressed. Nothing is sent: the agent previews
 * and edits the audience, then sends.
 */
export const createCampaign = async (work: Work, actor: Actor, incidentId: string, input: CampaignInput, connectorFor: ConnectorLookup): Promise<string> => {
  const { tx, workspaceId } = work;
  const incident = await getIncident(tx, workspaceId, incidentId);
  const mode = input.mode ?? 'private';
  const segment = input.segment ?? {};
  const [campaign] = await tx
    .insert(schema.outreachCampaigns)
    .values({ workspaceId, incidentId, name: input.name, body: input.body, mode, segment: { ...segment }, createdBy: actor.memberId, isDrill: incident.isDrill, createdAt: work.now, updatedAt: work.now })
    .returning({ id: schema.outreachCampaigns.id });
  const campaignId = campaign!.id;

  const why = new Map<string, string>();
  if (!input.skipMentioners) for (const id of await mentioners(tx, incidentId)) why.set(id, 'mentioned the incident');
  const segmentReason = describeSegment(segment);
  for (const id of await segmentCustomers(tx, segment, incident.isDrill)) if (!why.has(id)) why.set(id, segmentReason);

  const customerIds = [...why.keys()];
  const suppressed = await suppressionReasons(tx, { workspaceId, campaignId, incidentId, isDrill: incident.isDrill, customerIds, now: work.now });
  const channels = await activeChannels(tx, workspaceId);
  const rows: (typeof schema.outreachRecipients.$inferInsert)[] = [];
  for (const customerId of customerIds) {
    const because = why.get(customerId)!;
    const suppression = suppressed.get(customerId);
    const reach = await chooseReach(tx, { customerId, incidentId, mode, isDrill: incident.isDrill, channels, connectorFor });
    const blocked = suppression ?? (reach ? null : NO_PATH);
    rows.push({
      workspaceId,
      campaignId,
      customerId,
      identityId: reach?.identityId ?? null,
      channelId: reach?.channelId ?? null,
      conversationId: reach?.conversationId ?? null,
      reason: blocked ? `${blocked} · ${because}` : because,
      state: blocked ? 'suppressed' : 'included',
      createdAt: work.now,
      updatedAt: work.now,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(schema.outreachRecipients).values(rows.slice(i, i + 500));
  await addIncidentEvent(work, actor, incidentId, 'outreach_created', { campaignId, name: input.name, audience: rows.length, suppressed: rows.filter((r) => r.state === 'suppressed').length });
  await recordAudit(tx, actor, { action: 'outreach.created', subjectType: 'outreach_campaign', subjectId: campaignId, data: { incidentId, audience: rows.length } });
  work.emit({ type: 'outreach.created', subjectId: campaignId, data: { campaignId, incidentId, isDrill: incident.isDrill } });
  return campaignId;
};

export const campaignForUpdate = async (tx: Tx, workspaceId: string, campaignId: string) => {
  const [c] = await tx
    .select()
    .from(schema.outreachCampaigns)
    .where(and(eq(schema.outreachCampaigns.workspaceId, workspaceId), eq(schema.outreachCampaigns.id, campaignId)))
    .for('update');
  if (!c) throw notFound('Outreach campaign');
  return c;
};

const draftOnly = (state: string) => {
  if (state !== 'draft') throw new AppError('CONFLICT', `This outreach was already ${state}; its audience and message can no longer change`);
};

/** The agent's edits of the audience: include or exclude people. Suppressed people stay suppressed. */
export const setRecipientsState = async (work: Work, actor: Actor, campaignId: string, recipientIds: string[], state: 'included' | 'excluded'): Promise<void> => {
  const c = await campaignForUpdate(work.tx, work.workspaceId, campaignId);
  draftOnly(c.state);
  const unique = [...new Set(recipientIds)];
  const changed = await work.tx
    .update(schema.outreachRecipients)
    .set({ state, updatedAt: work.now })
    .where(
      and(
        eq(schema.outreachRecipients.campaignId, campaignId),
        sql`${schema.outreachRecipients.id} in (${sql.join(unique.map((id) => sql`${id}`), sql`, `)})`,
        sql`${schema.outreachRecipients.state} in ('included', 'excluded')`,
      ),
    )
    .returning({ id: schema.outreachRecipients.id });
  if (changed.length < unique.length) {
    throw new AppError('CONFLICT', 'Some of these people are suppressed (or not in this audience) and cannot be included or excluded', [
      { path: '/body/recipientIds', message: `${unique.length - changed.length} of ${unique.length} cannot change` },
    ]);
  }
  await recordAudit(work.tx, actor, { action: `outreach.recipients_${state}`, subjectType: 'outreach_campaign', subjectId: campaignId, data: { recipientIds: unique } });
  work.emit({ type: 'outreach.updated', subjectId: campaignId, data: { campaignId, recipients: unique.length, state, isDrill: c.isDrill } });
};

export const updateCampaign = async (work: Work, actor: Actor, campaignId: string, patch: { name?: string; body?: string }): Promise<void> => {
  const c = await campaignForUpdate(work.tx, work.workspaceId, campaignId);
  draftOnly(c.state);
  await work.tx
    .update(schema.outreachCampaigns)
    .set({ ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.body !== undefined ? { body: patch.body } : {}), updatedAt: work.now })
    .where(eq(schema.outreachCampaigns.id, campaignId));
  await recordAudit(work.tx, actor, { action: 'outreach.updated', subjectType: 'outreach_campaign', subjectId: campaignId, data: { fields: Object.keys(patch) } });
  work.emit({ type: 'outreach.updated', subjectId: campaignId, data: { campaignId, isDrill: c.isDrill } });
};

interface RecipientRow {
  id: string;
  customer_id: string;
  customer_name: string | null;
  display_name: string | null;
  handle: string | null;
  reason: string | null;
  state: RecipientState;
  identity_id: string | null;
  channel_id: string | null;
  channel_name: string | null;
  channel_kind: string | null;
  conversation_id: string | null;
  message_id: string | null;
  outbox_state: string | null;
  outbox_error: string | null;
}

/** A queued recipient's state follows its message through the outbox. */
const progressOf = (r: RecipientRow): { state: RecipientState; error: string | null } => {
  if (r.state !== 'queued' || !r.message_id) return { state: r.state, error: r.state === 'failed' ? r.reason : null };
  if (r.outbox_state === 'sent') return { state: 'sent', error: null };
  if (r.outbox_state === 'failed' || r.outbox_state === 'rejected') return { state: 'failed', error: r.outbox_error };
  return { state: 'queued', error: null };
};

export const getCampaign = async (tx: Tx, workspaceId: string, campaignId: string): Promise<CampaignView> => {
  const [c] = await tx.select().from(schema.outreachCampaigns).where(and(eq(schema.outreachCampaigns.workspaceId, workspaceId), eq(schema.outreachCampaigns.id, campaignId)));
  if (!c) throw notFound('Outreach campaign');
  const [incident] = c.incidentId ? await tx.select({ title: schema.incidents.title }).from(schema.incidents).where(eq(schema.incidents.id, c.incidentId)) : [];
  const rows = await rowsOf<RecipientRow>(
    tx,
    sql`select r.id, r.customer_id, cu.name as customer_name, who.display_name, who.handle, r.reason, r.state, r.identity_id, r.channel_id,
          ch.name as channel_name, ch.kind as channel_kind, r.conversation_id, r.message_id, m.outbox_state, m.outbox_error
        from outreach_recipients r
        join customers cu on cu.id = r.customer_id
        left join channels ch on ch.id = r.channel_id
        left join messages m on m.id = r.message_id
        left join lateral (select i.display_name, i.handle from identities i
          where i.id = r.identity_id or i.id in (select ci.identity_id from customer_identities ci where ci.customer_id = cu.id and ci.unlinked_at is null)
          order by (i.id = r.identity_id) desc nulls last limit 1) who on true
        where r.campaign_id = ${campaignId}
        order by case r.state when 'suppressed' then 1 else 0 end, cu.name nulls last, r.id`,
  );
  const counts: Record<string, number> = {};
  const channelMix: Record<string, number> = {};
  const recipients = rows.map((r): RecipientView => {
    const { state, error } = progressOf(r);
    counts[state] = (counts[state] ?? 0) + 1;
    if (state !== 'suppressed' && state !== 'excluded' && r.channel_kind) channelMix[r.channel_kind] = (channelMix[r.channel_kind] ?? 0) + 1;
    return {
      id: r.id,
      customerId: r.customer_id,
      customerName: r.customer_name ?? r.display_name,
      handle: r.handle,
      reason: r.reason,
      state,
      path: pathOf({ channelId: r.channel_id, channelKind: r.channel_kind, identityId: r.identity_id }),
      channelId: r.channel_id,
      channelName: r.channel_name,
      channelKind: r.channel_kind,
      conversationId: r.conversation_id,
      messageId: r.message_id,
      error,
      preview: renderFor(c.body, { customerName: r.customer_name, displayName: r.display_name, handle: r.handle }, incident?.title ?? null),
    };
  });
  return {
    id: c.id,
    incidentId: c.incidentId,
    incidentTitle: incident?.title ?? null,
    name: c.name,
    body: c.body,
    mode: c.mode,
    segment: c.segment,
    state: c.state,
    isDrill: c.isDrill,
    sentAt: asDate(c.sentAt),
    createdAt: asDate(c.createdAt)!,
    counts,
    channelMix,
    recipients,
  };
};

export const listCampaigns = async (tx: Tx, workspaceId: string, incidentId: string) => {
  await getIncident(tx, workspaceId, incidentId);
  return tx
    .select({
      id: schema.outreachCampaigns.id,
      name: schema.outreachCampaigns.name,
      state: schema.outreachCampaigns.state,
      mode: schema.outreachCampaigns.mode,
      isDrill: schema.outreachCampaigns.isDrill,
      createdAt: schema.outreachCampaigns.createdAt,
      sentAt: schema.outreachCampaigns.sentAt,
    })
    .from(schema.outreachCampaigns)
    .where(and(eq(schema.outreachCampaigns.workspaceId, workspaceId), eq(schema.outreachCampaigns.incidentId, incidentId)))
    .orderBy(sql`${schema.outreachCampaigns.createdAt} desc`);
};
