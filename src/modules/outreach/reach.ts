import { sql, type Tx } from '../../platform/db/index.ts';
import type { Connector } from '../channels/index.ts';
import { rowsOf } from './sql.ts';

export type OutreachMode = 'public' | 'private' | 'email';
export type ConnectorLookup = (kind: string) => Connector | null;

/** How one customer is reached: the channel, and the conversation it joins (null: a new one). */
export interface Reach {
  path: OutreachMode;
  channelId: string;
  /** Set for direct messages: the customer's identity on that network. */
  identityId: string | null;
  conversationId: string | null;
}

/** The campaign's mode first, then what else may carry the message when that path is missing. */
export const FALLBACKS: Record<OutreachMode, OutreachMode[]> = {
  public: ['public', 'private', 'email'],
  private: ['private', 'email'],
  email: ['email', 'private'],
};

/**
 * A recipient row stores its path in existing columns: an email channel is email; an identity is a
 * direct message to it; otherwise it is a public reply in the conversation.
 */
export const pathOf = (r: { channelId: string | null; channelKind: string | null; identityId: string | null }): OutreachMode | null =>
  !r.channelId ? null : r.channelKind === 'email' ? 'email' : r.identityId ? 'private' : 'public';

export interface ActiveChannel {
  id: string;
  kind: string;
  name: string;
}

export const activeChannels = (tx: Tx, workspaceId: string): Promise<ActiveChannel[]> =>
  rowsOf<ActiveChannel>(tx, sql`select id, kind, name from channels where workspace_id = ${workspaceId} and status = 'active' order by created_at`);

const canSend = (connectorFor: ConnectorLookup, kind: string) => Boolean(connectorFor(kind)?.send);
/** Networks with direct messages; email and web chat are their own paths (web chat visitors cannot be reached once gone). */
const hasDirectMessages = (connectorFor: ConnectorLookup, kind: string) =>
  kind !== 'email' && kind !== 'webchat' && Boolean(connectorFor(kind)?.limits.hasPrivateMessages) && canSend(connectorFor, kind);

/** A public reply to the customer's latest public post, preferring the posts about this incident. */
const publicReach = async (tx: Tx, customerId: string, incidentId: string, connectorFor: ConnectorLookup, isDrill: boolean): Promise<Reach | null> => {
  const rows = await rowsOf<{ channel_id: string; conversation_id: string; kind: string }>(
    tx,
    sql`select m.channel_id, m.conversation_id, ch.kind from mentions m
        join conversations c on c.id = m.conversation_id
        join channels ch on ch.id = m.channel_id
        where c.customer_id = ${customerId} and not m.is_own and m.visibility = 'public' and m.is_drill = ${isDrill}
        order by exists (select 1 from incident_mentions im where im.incident_id = ${incidentId} and im.mention_id = m.id) desc, m.authored_at desc
        limit 20`,
  );
  const usable = rows.find((r) => isDrill || canSend(connectorFor, r.kind));
  return usable ? { path: 'public', channelId: usable.channel_id, identityId: null, conversationId: usable.conversation_id } : null;
};

/** A direct message on a network where Lookout knows the customer and the workspace has a live channel. */
const privateReach = async (tx: Tx, customerId: string, channels: ActiveChannel[], connectorFor: ConnectorLookup): Promise<Reach | null> => {
  const identities = await rowsOf<{ id: string; channel_kind: string }>(
    tx,
    sql`select i.id, i.channel_kind from customer_identities ci join identities i on i.id = ci.identity_id
        where ci.customer_id = ${customerId} and ci.unlinked_at is null order by ci.linked_at desc`,
  );
  for (const identity of identities) {
    if (!hasDirectMessages(connectorFor, identity.channel_kind)) continue;
    const channel = channels.find((c) => c.kind === identity.channel_kind);
    if (!channel) continue;
    // Join a private thread with them on that channel if there is one; a public thread stays public.
    const [conv] = await rowsOf<{ id: string }>(
      tx,
      sql`select c.id from conversations c where c.customer_id = ${customerId} and c.channel_id = ${channel.id}
          and exists (select 1 from mentions m where m.conversation_id = c.id and m.visibility = 'private')
          order by c.last_message_at desc limit 1`,
    );
    return { path: 'private', channelId: channel.id, identityId: identity.id, conversationId: conv?.id ?? null };
  }
  return null;
};

/** Email to the customer's address, through the workspace's email channel. */
const emailReach = async (tx: Tx, customerId: string, channels: ActiveChannel[], connectorFor: ConnectorLookup): Promise<Reach | null> => {
  const channel = channels.find((c) => c.kind === 'email' && canSend(connectorFor, c.kind));
  if (!channel) return null;
  const [who] = await rowsOf<{ email: string | null }>(
    tx,
    sql`select coalesce(cu.email, (select i.email from customer_identities ci join identities i on i.id = ci.identity_id
          where ci.customer_id = cu.id and ci.unlinked_at is null and i.email is not null order by ci.linked_at desc limit 1)) as email
        from customers cu where cu.id = ${customerId}`,
  );
  if (!who?.email) return null;
  const [conv] = await rowsOf<{ id: string }>(
    tx,
    sql`select id from conversations where customer_id = ${customerId} and channel_id = ${channel.id} order by last_message_at desc limit 1`,
  );
  return { path: 'email', channelId: channel.id, identityId: null, conversationId: conv?.id ?? null };
};

/** The first path of the mode's fallbacks that can reach the customer, or null. */
export const chooseReach = async (
  tx: Tx,
  opts: { customerId: string; incidentId: string; mode: OutreachMode; isDrill: boolean; channels: ActiveChannel[]; connectorFor: ConnectorLookup },
): Promise<Reach | null> => {
  for (const path of FALLBACKS[opts.mode]) {
    const reach =
      path === 'public'
        ? await publicReach(tx, opts.customerId, opts.incidentId, opts.connectorFor, opts.isDrill)
        : path === 'private'
          ? await privateReach(tx, opts.customerId, opts.channels, opts.connectorFor)
          : await emailReach(tx, opts.customerId, opts.channels, opts.connectorFor);
    if (reach) return reach;
  }
  return null;
};
