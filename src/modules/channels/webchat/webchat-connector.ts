import { SendError, type Connector, type HealthReport } from '../connector.ts';
import { MAX_TEXT_LENGTH } from './contract.ts';
import { outboundMessageId } from './history.ts';
import { webchatHub, type WebchatHub } from './hub.ts';
import { IDENTITY_SECRET } from './identity.ts';
import { allowedOriginsOf } from './origins.ts';

/** `customer:` is the visitor who opened a secure chat link (chat-link.ts). */
const VISITOR_KEY = /^(visitor|user|customer):.+/;

/**
 * The web chat channel. Receiving is the widget's POST (see receive-message.ts, called by the
 * HTTP route); sending an agent's reply is handing it to the visitor's open streams through the
 * hub. The reply is already a row in the outbox (an outbound message of the visitor's
 * conversation on this channel): that row is what a visitor who was away receives when their
 * stream reconnects, so a send to nobody online is still a delivered reply.
 */
export const createWebchatConnector = (hub: WebchatHub, now: () => number = Date.now): Connector => ({
  kind: 'webchat',
  limits: { maxLength: MAX_TEXT_LENGTH, canThread: false, hasPrivateMessages: true },

  async send(ctx, message) {
    const visitorKey = message.recipient?.externalId;
    if (!visitorKey || !VISITOR_KEY.test(visitorKey)) {
      throw new SendError('A web chat reply needs the visitor (recipient with a visitor:, user: or customer: external id)', 'rejected', false);
    }
    if (message.text.length > MAX_TEXT_LENGTH) throw new SendError(`A web chat message holds at most ${MAX_TEXT_LENGTH} characters`, 'too_long', false);
    if (!message.text.trim()) throw new SendError('An empty reply cannot be sent', 'rejected', false);
    const externalId = outboundMessageId(message.idempotencyKey);
    const event = { id: externalId, from: 'agent' as const, text: message.text, at: now() };
    await hub.publish({ channelId: ctx.channelId, visitorKey }, event);
    return { externalId, raw: { visitorKey, deliveredAt: new Date(event.at).toISOString() } };
  },

  async checkHealth(ctx): Promise<HealthReport> {
    if (!allowedOriginsOf(ctx.config).length) {
      return { ok: false, problem: 'misconfigured', detail: 'no allowedOrigins: no web site can embed this chat yet' };
    }
    if (!ctx.secrets[IDENTITY_SECRET]) {
      // Still works for anonymous visitors; signed-in ones would be refused.
      return { ok: true, detail: 'no identitySecret: signed-in visitors cannot be verified, only anonymous chat works' };
    }
    return { ok: true };
  },
});

export const webchatConnector: Connector = createWebchatConnector(webchatHub);
