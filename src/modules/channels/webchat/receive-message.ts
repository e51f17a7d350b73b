import type { ConnectorContext, InboundAuthor, InboundItem } from '../connector.ts';
import type { WebchatMessageBody } from './contract.ts';
import type { WebchatHub } from './hub.ts';
import { resolveVisitor } from './identity.ts';

/**
 * A visitor who came through a secure chat link: who they are and the conversation their messages
 * join were read from the verified link, never from the body (whose `identity` is then ignored).
 */
export interface BoundVisitor {
  key: string;
  author: InboundAuthor;
  /** An external id on this channel of the linked conversation, so the pipeline threads the message there. */
  threadKey: string | null;
}

export type ReceiveOutcome =
  | { status: 202; id: string; duplicate: boolean; visitorKey: string }
  | { status: 401; reason: 'bad_identity_hash' | 'identity_not_configured' };

/** The external id of a visitor's message: the widget's own id for it, so a retried POST is one item. */
export const inboundMessageId = (clientMessageId: string) => `webchat:${clientMessageId}`;

/**
 * One message from the widget: who wrote it (a wrong identity hash is refused, nothing stored),
 * committed to the raw store through `ctx.accept` (idempotent by `clientMessageId`), then echoed to
 * the visitor's open streams so every tab shows it. The caller answers 202 only after this resolves.
 */
export const receiveVisitorMessage = async (
  ctx: ConnectorContext,
  hub: WebchatHub,
  body: WebchatMessageBody,
  meta: { now: Date; origin?: string | null; userAgent?: string | null; bound?: BoundVisitor | null },
): Promise<ReceiveOutcome> => {
  const bound = meta.bound ?? null;
  const visitor = bound ? { ok: true as const, key: bound.key, verified: true, author: bound.author } : resolveVisitor(ctx.secrets, body.visitorId, body.identity);
  if (!visitor.ok) {
    const problem = visitor.reason === 'identity_not_configured' ? 'misconfigured' : 'auth';
    // Not the channel's credentials failing: a page with a bad hash. Recorded, never a channel-wide 'auth' status.
    await ctx.reportFailure(`${problem === 'auth' ? 'identity' : problem}: ${visitor.reason} for a web chat message`);
    return { status: 401, reason: visitor.reason };
  }
  const id = inboundMessageId(body.clientMessageId);
  const item: InboundItem = {
    externalId: id,
    kind: 'chat',
    visibility: 'private',
    text: body.text,
    url: body.pageUrl ?? null,
    authoredAt: meta.now,
    author: visitor.author,
    ...(bound?.threadKey ? { inReplyTo: bound.threadKey } : {}),
    raw: {
      visitorId: body.visitorId,
      clientMessageId: body.clientMessageId,
      verified: visitor.verified,
      ...(bound ? { viaChatLink: true } : {}),
      pageUrl: body.pageUrl ?? null,
      origin: meta.origin ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  };
  const { added } = await ctx.accept([item]);
  await hub.publish({ channelId: ctx.channelId, visitorKey: visitor.key }, { id, from: 'visitor', text: body.text, at: meta.now.getTime() });
  return { status: 202, id, duplicate: added === 0, visitorKey: visitor.key };
};
