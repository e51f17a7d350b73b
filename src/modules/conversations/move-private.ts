import { and, asc, eq, isNull, schema, sql, type Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { actorRef, type Actor } from '../access/index.ts';
import { webchat } from '../channels/index.ts';
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
 *
 * The third path is a secure web chat link: the public invitation carries a signed, expiring link
 * (webchat/chat-link.ts) to a chat page on Lookout's own origin, bound to this conversation and
 * customer; the private half is the chat's opening message, waiting there for them.
 */
export type PrivatePath = 'dm' | 'email' | 'webchat';
export const PRIVATE_PATHS: readonly PrivatePath[] = ['dm', 'email', 'webchat'];

/** The public half, unless the workspace sets `settings.movePrivateTemplate`. */
export const DEFAULT_MOVE_PRIVATE_TEMPLATE = "Let's take this private: {{private.invitation}}";
/** The private half, unless the agent writes one. */
export const DEFAULT_PRIVATE_OPENING = 'Following up on your public message: tell us here what happened, with any details you would rather not post publicly.';

/** What the public reply says the customer will find, per path. Never the address itself: that is private. */
const INVITATION: Record<PrivatePath, string> = {
  dm: 'we have sent you a direct message.',
  email: 'we have sent you an email at the address we have on file.',
  webchat: 'continue with us in a secure chat: {{private.link}}',
};
/** Where the link goes in the public text; appended when the agent's text dropped it. */
const LINK_VARIABLE = /\{\{\s*private\.link\s*\}\}/g;

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
  /** The secure chat link (web chat path only). */
  link?: { url: string; expiresAt: string };
}

/** What signing a chat link needs: the server's public address and the link key (webchat.chatLinkKey). */
export interface ChatLinkSigning {
  publicUrl: string;
  key: string;
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

const liveChannel = async (tx: Tx, workspaceId: string, kind: 'email' | 'webchat'): Promise<ChannelRow | null> => {
  const [ch] = await tx
    .select()
    .from(schema.channels)
    .where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.kind, kind), eq(schema.channels.status, 'active')))
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

  const emailChannel = await liveChannel(tx, workspaceId, 'email');
  const address = await knownEmail(tx, c);
  const emailReason = notPublic ?? (!emailChannel || !connectorFor('email')?.send ? 'Connect an email channel to offer email' : !address ? 'No email address is known for this customer' : null);
  const chatChannel = await liveChannel(tx, workspaceId, 'webchat');
  const chatReason =
    notPublic ?? (!chatChannel || !connectorFor('webchat')?.send ? 'Add an active web chat channel to offer a secure chat link' : !c.customerId ? 'No customer is known for this conversation' : null);
  return [dm, option('email', emailChannel, address, emailReason), option('webchat', chatChannel, chatChannel ? 'a secure chat link, valid 7 days' : null, chatReason)];
};

/**
 * The identity of whoever opens this customer's chat links (`customer:<id>` on the web chat
 * network), linked to the customer, so their messages are filed as the customer's and the outbox
 * addresses the chat's replies to them.
 */
const ensureChatLinkIdentity = async (work: Work, actor: Actor, customerId: string, channelId: string): Promise<void> => {
  const { tx, workspaceId } = work;
  const [channel] = await tx.select().from(schema.channels).where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.id, channelId)));
  if (!channel) throw new AppError('UNPROCESSABLE', 'The web chat channel is gone');
  const network = typeof channel.config.network === 'string' ? channel.config.network : channel.kind;
  const externalId = webchat.linkVisitorKey(customerId);
  const [existing] = await tx
    .select({ id: schema.identities.id })
    .from(schema.identities)
    .where(and(eq(schema.identities.workspaceId, workspaceId), eq(schema.identities.channelKind, network), eq(schema.identities.externalId, externalId)));
  const [cu] = await tx.select({ name: schema.customers.name }).from(schema.customers).where(eq(schema.customers.id, customerId));
  const identityId =
    existing?.id ??
    (await tx.insert(schema.identities).values({ workspaceId, channelKind: network, externalId, handle: cu?.name ?? 'chat link visitor', displayName: cu?.name ?? null }).returning({ id: schema.identities.id }))[0]!.id;
  const [link] = await tx
    .select({ customerId: schema.customerIdentities.customerId })
    .from(schema.customerIdentities)
    .where(and(eq(schema.customerIdentities.identityId, identityId), isNull(schema.customerIdentities.unlinkedAt)));
  if (link) return;
  const who = actorRef(actor);
  await tx.insert(schema.customerIdentities).values({ workspaceId, customerId, identityId, confidence: 1, reason: 'moved to private by a secure chat link', linkedBy: `${who.actorType}:${who.actorId}`, linkedAt: work.now });
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

export const moveToPrivate = async (
  work: Work,
  actor: Actor,
  conversationId: string,
  input: MoveToPrivateInput,
  connectorFor: ConnectorLookup,
  links?: ChatLinkSigning,
): Promise<MoveToPrivateResult> => {
  const { tx, workspaceId } = work;
  const c = await getConversationRow(tx, workspaceId, conversationId, { forUpdate: true });
  const chosen = (await privatePathOptions(tx, workspaceId, conversationId, connectorFor)).find((o) => o.path === input.path);
  if (!chosen?.available || !chosen.channel) throw new AppError('UNPROCESSABLE', chosen?.reason ?? 'Unknown private path', [{ path: '/body/path', message: chosen?.reason ?? 'unknown' }]);
  if (input.path === 'email') await ensureEmailIdentity(work, actor, c.customerId!, chosen.to!);
  if (input.path === 'webchat') {
    if (!links) throw new Error('moveToPrivate: the web chat path needs the link signing key');
    await ensureChatLinkIdentity(work, actor, c.customerId!, chosen.channel.id);
  }

  const [ws] = await tx.select({ settings: schema.workspaces.settings }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  const template = typeof ws?.settings.movePrivateTemplate === 'string' && ws.settings.movePrivateTemplate.trim() ? ws.settings.movePrivateTemplate : DEFAULT_MOVE_PRIVATE_TEMPLATE;
  // The invitation is filled here; the other variables ({{customer.name}} …) by the reply path.
  let publicText = input.publicText?.trim() || template.replaceAll(/\{\{\s*private\.invitation\s*\}\}/g, INVITATION[input.path]);
  const ack = input.acknowledgeWarnings === true;

  // Private half first: by the time the public invitation is read, the message is on its way.
  const priv = await createReply(work, actor, conversationId, { text: input.message?.trim() || DEFAULT_PRIVATE_OPENING, visibility: 'private', channelId: chosen.channel.id, acknowledgeWarnings: ack }, connectorFor);
  let link: MoveToPrivateResult['link'];
  if (input.path === 'webchat' && links) {
    // A chat message's external id is Lookout's own (`webchat-out:<message id>`), known before the
    // send: written now, the visitor's messages thread onto the opening even if they answer before it is sent.
    await tx.update(schema.messages).set({ externalId: webchat.outboundMessageId(priv.message.id) }).where(eq(schema.messages.id, priv.message.id));
    const expiresAt = work.now.getTime() + webchat.CHAT_LINK_TTL_MS;
    const token = webchat.signChatLink(links.key, { workspaceId, conversationId, customerId: c.customerId!, channelId: chosen.channel.id, expiresAt });
    link = { url: webchat.chatLinkUrl(links.publicUrl, token), expiresAt: new Date(Math.floor(expiresAt / 1000) * 1000).toISOString() };
    publicText = publicText.match(LINK_VARIABLE) ? publicText.replaceAll(LINK_VARIABLE, link.url) : `${publicText} ${link.url}`;
  }
  const pub = await createReply(work, actor, conversationId, { text: publicText, visibility: 'public', acknowledgeWarnings: ack }, connectorFor);
  await addTimeline(work, actor, conversationId, 'moved_private', {
    path: input.path,
    channelId: chosen.channel.id,
    publicMessageId: pub.message.id,
    privateMessageId: priv.message.id,
    ...(link ? { linkExpiresAt: link.expiresAt } : {}),
  });
  work.emit({ type: 'conversation.updated', subjectId: conversationId, data: { changes: { movedPrivate: { path: input.path } }, isDrill: c.isDrill } });
  await audit(work, actor, { action: 'conversation.moved_private', subjectType: 'conversation', subjectId: conversationId, data: { path: input.path, channelId: chosen.channel.id, publicMessageId: pub.message.id, privateMessageId: priv.message.id } });
  return { publicReply: pub.message, privateMessage: priv.message, ...(link ? { link } : {}) };
};
