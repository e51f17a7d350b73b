import { eq, schema, sql } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { actorRef, recordAudit, type Actor } from '../access/index.ts';
import { checkLength, type Work } from '../conversations/index.ts';
import { campaignForUpdate } from './campaigns.ts';
import { addIncidentEvent } from '../incidents/index.ts';
import { pathOf, type ConnectorLookup } from './reach.ts';
import { rowsOf } from './sql.ts';
import { suppressionReasons } from './suppression.ts';
import { renderFor } from './variables.ts';

interface Included {
  id: string;
  customer_id: string;
  customer_name: string | null;
  display_name: string | null;
  handle: string | null;
  reason: string | null;
  identity_id: string | null;
  channel_id: string;
  channel_name: string;
  channel_kind: string;
  conversation_id: string | null;
}

export interface SendOutcome {
  queued: number;
  suppressed: number;
  failed: number;
}

/**
 * Sends a draft campaign: every included recipient's message, rendered for them, enters the
 * outbox as an outbound message in their conversation (the one the path found, or a new one on
 * that channel), idempotent per recipient. The outbox worker sends them, each channel at its
 * own rate. Suppression is checked again first: someone may have opted out, or been contacted by
 * another outreach, since the audience was built. A drill campaign's messages are drill messages,
 * which the outbox refuses.
 */
export const sendCampaign = async (work: Work, actor: Actor, campaignId: string, connectorFor: ConnectorLookup): Promise<SendOutcome> => {
  const { tx, workspaceId, now } = work;
  const campaign = await campaignForUpdate(tx, workspaceId, campaignId);
  if (campaign.state !== 'draft') throw new AppError('CONFLICT', `This outreach was already ${campaign.state}`);
  const [incident] = campaign.incidentId ? await tx.select({ title: schema.incidents.title }).from(schema.incidents).where(eq(schema.incidents.id, campaign.incidentId)) : [];
  const rows = await rowsOf<Included>(
    tx,
    sql`select r.id, r.customer_id, cu.name as customer_name, who.display_name, who.handle, r.reason, r.identity_id, r.channel_id,
          ch.name as channel_name, ch.kind as channel_kind, r.conversation_id
        from outreach_recipients r join customers cu on cu.id = r.customer_id join channels ch on ch.id = r.channel_id
        left join lateral (select i.display_name, i.handle from identities i
          where i.id = r.identity_id or i.id in (select ci.identity_id from customer_identities ci where ci.customer_id = cu.id and ci.unlinked_at is null)
          order by (i.id = r.identity_id) desc nulls last limit 1) who on true
        where r.campaign_id = ${campaignId} and r.state = 'included'
        order by r.id
        for update of r`,
  );
  const suppressed = await suppressionReasons(tx, {
    workspaceId, campaignId, incidentId: campaign.incidentId, isDrill: campaign.isDrill, customerIds: rows.map((r) => r.customer_id), now,
  });
  const outcome: SendOutcome = { queued: 0, suppressed: 0, failed: 0 };
  for (const r of rows) {
    const why = suppressed.get(r.customer_id);
    if (why) {
      await setRecipient(work, r.id, { state: 'suppressed', reason: `${why} · ${r.reason ?? ''}`.replace(/ · $/, '') });
      outcome.suppressed++;
      continue;
    }
    const path = pathOf({ channelId: r.channel_id, channelKind: r.channel_kind, identityId: r.identity_id })!;
    const body = renderFor(campaign.body, { customerName: r.customer_name, displayName: r.display_name, handle: r.handle }, incident?.title ?? null);
    const connector = connectorFor(r.channel_kind);
    const length = connector ? checkLength(body, connector.limits, r.channel_name) : null;
    if (length && !length.ok) {
      await setRecipient(work, r.id, { state: 'failed', reason: length.reason ?? 'too long for the channel' });
      outcome.failed++;
      continue;
    }
    const conversationId = r.conversation_id ?? (await newConversation(work, campaign, r));
    const [m] = await tx
      .insert(schema.messages)
      .values({
        workspaceId,
        conversationId,
        direction: 'outbound',
        channelId: r.channel_id,
        authorMemberId: actor.memberId,
        visibility: path === 'public' ? 'public' : 'private',
        body,
        outboxState: 'queued',
        nextAttemptAt: now,
        meta: { outreachCampaignId: campaignId, outreachRecipientId: r.id, incidentId: campaign.incidentId, requestedBy: actorRef(actor) },
        isDrill: campaign.isDrill,
        idempotencyKey: `outreach:${r.id}`,
        createdAt: now,
      })
      .returning({ id: schema.messages.id });
    await setRecipient(work, r.id, { state: 'queued', conversationId, messageId: m!.id });
    await tx.insert(schema.conversationEvents).values({
      workspaceId, conversationId, type: 'reply_queued', actorType: actorRef(actor).actorType, actorId: actorRef(actor).actorId,
      data: { messageId: m!.id, visibility: path === 'public' ? 'public' : 'private', channelId: r.channel_id, state: 'queued', outreachCampaignId: campaignId }, createdAt: now,
    });
    work.emit({ type: 'message.queued', subjectId: m!.id, data: { messageId: m!.id, conversationId, channelId: r.channel_id, outreachCampaignId: campaignId, isDrill: campaign.isDrill } });
    outcome.queued++;
  }
  await tx.update(schema.outreachCampaigns).set({ state: 'sent', sentAt: now, updatedAt: now }).where(eq(schema.outreachCampaigns.id, campaignId));
  if (campaign.incidentId) await addIncidentEvent(work, actor, campaign.incidentId, 'outreach_sent', { campaignId, ...outcome });
  await recordAudit(tx, actor, { action: 'outreach.sent', subjectType: 'outreach_campaign', subjectId: campaignId, data: { ...outcome } });
  work.emit({ type: 'outreach.sent', subjectId: campaignId, data: { campaignId, incidentId: campaign.incidentId, ...outcome, isDrill: campaign.isDrill } });
  return outcome;
};

const setRecipient = (work: Work, id: string, set: Partial<typeof schema.outreachRecipients.$inferInsert>) =>
  work.tx.update(schema.outreachRecipients).set({ ...set, updatedAt: work.now }).where(eq(schema.outreachRecipients.id, id));

/** A customer Lookout has not talked with on that channel: a new conversation, waiting on them. */
const newConversation = async (work: Work, campaign: { id: string; name: string; isDrill: boolean }, r: Included): Promise<string> => {
  const [c] = await work.tx
    .insert(schema.conversations)
    .values({
      workspaceId: work.workspaceId, channelId: r.channel_id, customerId: r.customer_id, subject: campaign.name, status: 'pending', needsResponse: false,
      isDrill: campaign.isDrill, lastMessageAt: work.now, createdAt: work.now, updatedAt: work.now,
    })
    .returning({ id: schema.conversations.id });
  work.emit({ type: 'conversation.created', subjectId: c!.id, data: { mentionIds: [], priority: 0, channelId: r.channel_id, outreachCampaignId: campaign.id, isDrill: campaign.isDrill } });
  return c!.id;
};
