import { and, eq, schema, sql } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors/index.ts';
import { randomToken } from '../../platform/ids/index.ts';
import { sha256Hex } from '../../platform/crypto/index.ts';
import type { Connector } from '../channels/index.ts';
import type { Work, Who } from '../conversations/index.ts';
import { readSurveySettings, type SurveyKind } from './settings.ts';

export type ConnectorLookup = (kind: string) => Connector | null;
export type SurveyTrigger = 'resolution' | 'schedule' | 'manual' | 'incident';

export interface SurveyDelivery {
  /** The server's public address: links are `${publicUrl}/s/<token>`. */
  publicUrl: string;
  connectorFor: ConnectorLookup;
}

export const surveyLink = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/$/, '')}/s/${token}`;

/** The check-in's words. Short, because it may be a public reply on a network counting characters. */
export const surveyText = (kind: SurveyKind, link: string): string =>
  kind === 'csat'
    ? `How did we do? Rate your experience from 1 to 5 (it takes a few seconds): ${link}`
    : `How likely are you to recommend us to a friend, from 0 to 10? Tell us here: ${link}`;

const whoRef = (who: Who) => ('system' in who ? { actorType: 'system' as const, actorId: null } : { actorType: who.kind, actorId: (who.kind === 'member' ? who.memberId : who.tokenId) ?? 'unknown' });

/**
 * A check-in for a conversation's customer: a survey row keyed by the sha256 of a random 32-byte
 * token (the token itself only travels in the link), and the link as an outbound message in the
 * conversation through the outbox — privately where the channel can, as a public reply where it
 * cannot, or by email when the conversation's channel cannot send at all. Drill conversations
 * give drill messages, which never leave. Opted-out customers are never surveyed.
 */
export const sendSurvey = async (
  work: Work,
  who: Who,
  input: { conversationId: string; kind: SurveyKind; trigger: SurveyTrigger; incidentId?: string | null },
  delivery: SurveyDelivery,
): Promise<{ surveyId: string; messageId: string; token: string }> => {
  const { tx, workspaceId, now } = work;
  const [c] = await tx.select().from(schema.conversations).where(and(eq(schema.conversations.workspaceId, workspaceId), eq(schema.conversations.id, input.conversationId)));
  if (!c) throw notFound('Conversation');
  if (!c.customerId) throw new AppError('UNPROCESSABLE', 'This conversation has no customer to ask');
  const [customer] = await tx.select().from(schema.customers).where(eq(schema.customers.id, c.customerId));
  if (customer?.optedOut) throw new AppError('UNPROCESSABLE', 'This customer opted out of messages we start');
  const channel = await deliveryChannel(work, c.channelId, c.isDrill, Boolean(customer?.email), delivery.connectorFor);
  const connector = delivery.connectorFor(channel.kind);
  const isPrivate = channel.kind === 'email' || channel.kind === 'webchat' || Boolean(connector?.limits.hasPrivateMessages);

  const settings = await readSurveySettings(tx, workspaceId);
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + (settings.expiresDays ?? 14) * 86_400_000);
  const [survey] = await tx
    .insert(schema.surveys)
    .values({
      workspaceId, customerId: c.customerId, conversationId: c.id, incidentId: input.incidentId ?? null, kind: input.kind, trigger: input.trigger,
      tokenHash: sha256Hex(token), state: 'sent', isDrill: c.isDrill, sentAt: now, expiresAt, createdAt: now,
    })
    .returning({ id: schema.surveys.id });
  const [m] = await tx
    .insert(schema.messages)
    .values({
      workspaceId, conversationId: c.id, direction: 'outbound', channelId: channel.id, authorMemberId: 'system' in who ? null : who.memberId,
      visibility: isPrivate ? 'private' : 'public', body: surveyText(input.kind, surveyLink(delivery.publicUrl, token)), outboxState: 'queued', nextAttemptAt: now,
      meta: { surveyId: survey!.id, trigger: input.trigger }, isDrill: c.isDrill, idempotencyKey: `survey:${survey!.id}`, createdAt: now,
    })
    .returning({ id: schema.messages.id });
  await tx.update(schema.surveys).set({ messageId: m!.id }).where(eq(schema.surveys.id, survey!.id));
  const ref = whoRef(who);
  await tx.insert(schema.conversationEvents).values({
    workspaceId, conversationId: c.id, type: 'survey_sent', actorType: ref.actorType, actorId: ref.actorId,
    data: { surveyId: survey!.id, kind: input.kind, trigger: input.trigger, messageId: m!.id }, createdAt: now,
  });
  work.emit({ type: 'message.queued', subjectId: m!.id, data: { messageId: m!.id, conversationId: c.id, channelId: channel.id, surveyId: survey!.id, isDrill: c.isDrill } });
  work.emit({ type: 'survey.sent', subjectId: survey!.id, data: { surveyId: survey!.id, conversationId: c.id, customerId: c.customerId, kind: input.kind, trigger: input.trigger, isDrill: c.isDrill } });
  return { surveyId: survey!.id, messageId: m!.id, token };
};

/** The conversation's channel when it can send; else the workspace's email channel when the customer has an address. */
const deliveryChannel = async (work: Work, channelId: string | null, isDrill: boolean, hasEmail: boolean, connectorFor: ConnectorLookup) => {
  const [own] = channelId ? await work.tx.select().from(schema.channels).where(eq(schema.channels.id, channelId)) : [];
  if (own && (isDrill || connectorFor(own.kind)?.send)) return own;
  if (hasEmail) {
    const [mail] = await work.tx
      .select()
      .from(schema.channels)
      .where(and(eq(schema.channels.workspaceId, work.workspaceId), eq(schema.channels.kind, 'email'), eq(schema.channels.status, 'active')))
      .orderBy(sql`${schema.channels.createdAt}`)
      .limit(1);
    if (mail && connectorFor('email')?.send) return mail;
  }
  throw new AppError('UNPROCESSABLE', 'No way to reach this customer: the conversation’s channel cannot send and they have no email address');
};
