import { and, asc, eq, schema, type Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import type { Connector } from '../channels/index.ts';

export type ChannelRow = typeof schema.channels.$inferSelect;
export type ConnectorLookup = (kind: string) => Connector | null;

const unprocessable = (why: string, path = '/body/channelId') => new AppError('UNPROCESSABLE', why, [{ path, message: why }]);

/** An imported channel's authors belong to a network (config.network): its live channel answers them. */
const networkOf = (c: ChannelRow): string => (typeof c.config.network === 'string' ? c.config.network : c.kind);

/**
 * The channel a reply leaves through: the one asked for, else the conversation's. A channel that
 * cannot send (an import of X history) hands over to the workspace's live channel of that
 * network, so the customer is answered where they wrote. Drills never send, so any channel will do.
 */
export const resolveReplyChannel = async (
  tx: Tx,
  workspaceId: string,
  opts: { requestedId?: string | null; conversationChannelId: string | null; isDrill: boolean },
  connectorFor: ConnectorLookup,
): Promise<{ channel: ChannelRow; connector: Connector | null }> => {
  const id = opts.requestedId ?? opts.conversationChannelId;
  if (!id) throw unprocessable('This conversation has no channel; choose one to reply through');
  const [channel] = await tx.select().from(schema.channels).where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.id, id)));
  if (!channel) throw unprocessable('Unknown channel');
  const connector = connectorFor(channel.kind);
  if (connector?.send || opts.isDrill) return { channel, connector };
  if (!opts.requestedId && channel.kind === 'import') {
    const [live] = await tx
      .select()
      .from(schema.channels)
      .where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.kind, networkOf(channel)), eq(schema.channels.status, 'active')))
      .orderBy(asc(schema.channels.createdAt))
      .limit(1);
    const liveConnector = live ? connectorFor(live.kind) : null;
    if (live && liveConnector?.send) return { channel: live, connector: liveConnector };
    throw unprocessable(`This conversation was imported; connect a ${networkOf(channel)} channel to answer it there`);
  }
  throw unprocessable(`The ${channel.name} channel (${channel.kind}) cannot send replies`);
};

/** Email and web chat are private by nature; elsewhere a private reply needs direct messages. */
export const checkPrivatePath = (channel: ChannelRow, connector: Connector | null, visibility: 'public' | 'private'): void => {
  if (visibility !== 'private' || !connector) return;
  if (connector.limits.hasPrivateMessages || channel.kind === 'email' || channel.kind === 'webchat') return;
  throw unprocessable(`${channel.name} has no private messages; offer the customer email or a web chat link instead`, '/body/visibility');
};
