import { and, asc, eq, isNull, schema, sql, type Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { actorRef, type Actor } from '../access/index.ts';
import { getConversationRow, type ConversationRow } from './conversation-detail.ts';
import type { MessageView } from './message-view.ts';
import { createReply } from './replies.ts';
import { resolveReplyChannel, type ChannelRow, type ConnectorLookup } from './reply-channel.ts';
import { asString, rowsOf } from './sql-rows.ts';
import { addTimeline, audit, type Work } from './work.ts';

/**
 * Move to private: from a public mention, the customer is offered a private path — a direct message
 * where the network has them, or an email to the address Lookout knows — with a short public reply
 * saying so. Both halves are replies of the same conversation (the guard, approvals and the outbox
 * treat them like any other), so the timeline shows the public invitation and the private message
 * side by side, each with its visibility.
 */
export type PrivatePath = 'dm' | 'email';
export const PRIVATE_PATHS: readonly PrivatePath[] = ['dm', 'email'];

/** The public half, unless the workspace sets `settings.movePrivateTemplate`. */
export const DEFAULT_MOVE_PRIVATE_TEMPLATE = "Let's take this private: {{private.invitation}}";
/** The private half, unless the agent writes one. */
export const DEFAULT_PRIVATE_OPENING = 'Following up on your public message: tell us here what happened, with any details you would rather not post publicly.';

/** What the public reply says the customer will find, per path. Never the address itself: that is private. */
const INVITATION: Record<PrivatePath, string> = {
  dm: 'we have sent you a direct message.',
  email: 'we have sent you an email at the address we have on file.',
};

export interface PrivatePathOption {
  path: PrivatePath;
  available: boolean;
  /** Why not, when it is not available. */
  reason: string | null;
  channel: { id: string; name: string; kind: string } | null;
  /** Where the private half goes: the handle for a DM, the email address for email. Shown to the agent only. */
  to: string | null;
}

export interface MoveToPrivateInput {
  path: PrivatePath;
  /** The private half's text (default DEFAULT_PRIVATE_OPENING). */
  message?: string;
  /** The public half's text (default: the workspace's template with the path's invitation). */
  publicText?: string;
  acknowledgeWarnings?: boolean;
}

export interface MoveToPrivateResult {
  publicReply: MessageView;
  privateMessage: MessageView;
}

const option = (path: PrivatePath, channel: ChannelRow | null, to: string | null, reason: string | null): PrivatePathOption => ({
  path,
  available: reason === null,
  reason,
  channel: channel ? { id: channel.id, name: channel.name, kind: channel.kind } : null,
  to,
});

/** The customer's latest public mention in the conversation: what the move starts from. */
const latestInbound = async (tx: Tx, c: ConversationRow) => {
  const [m] = await rowsOf(
    tx,
    sql`select mn.visibility, i.handle from mentions mn left join identities i on i.id = mn.identity_id
        where mn.conversation_id = ${c.id} and not mn.is_own order by mn.authored_at desc limit 1`,
  );
  return m ? { visibility: String(m.visibility), handle: asString(m.handle) } : null;
};

/** The address Lookout knows for the customer: theirs, or one of their linked identities'. */
const knownEmail = async (tx: Tx, c: ConversationRow): Promise<string | null> => {
  if (!c.customerId) return null;
  const [r] = await rowsOf(
    tx,
    sql`select coalesce(cu.email, (select i.email from customer_identities ci join identities i on i.id = ci.identity_id
          where ci.customer_id = cu.id and ci.unlinked_at is null and i.email is not null order by ci.linked_at desc limit 1)) as email
        from customers cu where cu.id = ${c.customerId}`,
  );
  return asString(r?.email);
};

const liveEmailChannel = async (tx: Tx, workspaceId: string): Promise<ChannelRow | null> => {
  const [ch] = await tx
    .select()
    .from(schema.channels)
    .where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.kind, 'email'), eq(schema.channels.status, 'active')))
    .orderBy(asc(schema.channels.createdAt))
    .limit(1);
  return ch ?? null;
};

/** Which private paths this conversation can take, and why the others cannot. */
export const privatePathOptions = async (tx: Tx, workspaceId: string, conversationId: string, connectorFor: ConnectorLookup): Promise<PrivatePathOption[]> => {
  const c = await getConversationRow(tx, workspaceId, conversationId);
  const inbound = await latestInbound(tx, c);
  const notPublic = !inbound || inbound.visibility !== 'public' ? 'The conversation is already private' : null;

  let dm: PrivatePathOption;
  try {
    const { channel, connector } = await resolveReplyChannel(tx, workspaceId, { conversationChannelId: c.channelId, isDrill: c.isDrill }, connectorFor);
    const canDm = connector?.limits.hasPrivateMessages === true && Boolean(connector.send) && channel.kind !== 'email' && channel.kind !== 'webchat';
    dm = option('dm', channel, inbound?.handle ? `@${inbound.handle}` : null, notPublic ?? (canDm ? null : `${channel.name} has no direct messages`));
  } catch (e) {
    dm = option('dm', null, null, e instanceof AppError ? e.message : 'No channel to send a direct message through');
  }

  const emailChannel = await liveEmailChannel(tx, workspaceId);
  const address = await knownEmail(tx, c);
  const emailReason = notPublic ?? (!emailChannel || !connectorFor('email')?.send ? 'Connect an email channel to offer email' : !address ? 'No email address is known for this customer' : null);
  return [dm, option('email', emailChannel, address, emailReason)];
};

/**
 * The customer's email identity, linked to them, so that the outbox addresses the email to them
 * (it sends to the customer's identity on the channel's network) and their answer threads back.
 */
const ensureEmailIdentity = async (work: Work, actor: Actor, customerId: string, address: string): Promise<void> => {
  const { tx, workspaceId } = work;
  const externalId = address.trim().toLowerCase();
  const [existing] = await tx
    .select({ id: schema.identities.id })
    .from(schema.identities)
    .where(and(eq(schema.identities.workspaceId, workspaceId), eq(schema.identities.channelKind, 'email'), eq(schema.identities.externalId, externalId)));
  const identityId =
    existing?.id ??
    (await tx.insert(schema.identities).values({ workspaceId, channelKind: 'email', externalId, handle: externalId, email: externalId }).returning({ id: schema.identities.id }))[0]!.id;
  const [link] = await tx
    .select({ customerId: schema.customerIdentities.customerId })
    .from(schema.customerIdentities)
    .where(and(eq(schema.customerIdentities.identityId, identityId), isNull(schema.customerIdentities.unlinkedAt)));
  if (link?.customerId === customerId) return;
  if (link) throw new AppError('CONFLICT', `${address} belongs to another customer; merge the two customers first`);
  const who = actorRef(actor);
  await tx.insert(schema.customerIdentities).values({ workspaceId, customerId, identityId, confidence: 1, reason: 'moved to private by email: the customer’s known address', linkedBy: `${who.actorType}:${who.actorId}`, linkedAt: work.now });
};

export const moveToPrivate = async (work: Work, actor: Actor, conversationId: string, input: MoveToPrivateInput, connectorFor: ConnectorLookup): Promise<MoveToPrivateResult> => {
  const { tx, workspaceId } = work;
  const c = await getConversationRow(tx, workspaceId, conversationId, { forUpdate: true });
  const chosen = (await privatePathOptions(tx, workspaceId, conversationId, connectorFor)).find((o) => o.path === input.path);
  if (!chosen?.available || !chosen.channel) throw new AppError('UNPROCESSABLE', chosen?.reason ?? 'Unknown private path', [{ path: '/body/path', message: chosen?.reason ?? 'unknown' }]);
  if (input.path === 'email') await ensureEmailIdentity(work, actor, c.customerId!, chosen.to!);

  const [ws] = await tx.select({ settings: schema.workspaces.settings }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  const template = typeof ws?.settings.movePrivateTemplate === 'string' && ws.settings.movePrivateTemplate.trim() ? ws.settings.movePrivateTemplate : DEFAULT_MOVE_PRIVATE_TEMPLATE;
  // The invitation is filled here; the other variables ({{customer.name}} …) by the reply path.
  const publicText = input.publicText?.trim() || template.replaceAll(/\{\{\s*private\.invitation\s*\}\}/g, INVITATION[input.path]);
  const ack = input.acknowledgeWarnings === true;

  // Private half first: by the time the public invitation is read, the message is on its way.
  const priv = await createReply(work, actor, conversationId, { text: input.message?.trim() || DEFAULT_PRIVATE_OPENING, visibility: 'private', channelId: chosen.channel.id, acknowledgeWarnings: ack }, connectorFor);
  const pub = await createReply(work, actor, conversationId, { text: publicText, visibility: 'public', acknowledgeWarnings: ack }, connectorFor);
  await addTimeline(work, actor, conversationId, 'moved_private', { path: input.path, channelId: chosen.channel.id, publicMessageId: pub.message.id, privateMessageId: priv.message.id });
  work.emit({ type: 'conversation.updated', subjectId: conversationId, data: { changes: { movedPrivate: { path: input.path } }, isDrill: c.isDrill } });
  await audit(work, actor, { action: 'conversation.moved_private', subjectType: 'conversation', subjectId: conversationId, data: { path: input.path, channelId: chosen.channel.id, publicMessageId: pub.message.id, privateMessageId: priv.message.id } });
  return { publicReply: pub.message, privateMessage: priv.message };
};
