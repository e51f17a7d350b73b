/**
 * The Sent mailbox as the record of what went out: SMTP does not store a copy (Gmail aside), so
 * the connector APPENDs one, and before sending looks there for the same Message-ID. Both are
 * best effort: a mailbox that cannot be read never blocks a reply.
 */
import type { ConnectorContext } from '../connector.ts';
import type { EmailSettings } from './email-config.ts';
import { closeQuietly, createImapClient, describeImapError, type ImapTimings } from './imap-client.ts';

export const findSentCopy = async (
  ctx: ConnectorContext,
  settings: EmailSettings,
  messageId: string,
  timings: ImapTimings,
): Promise<boolean> => {
  const mailbox = settings.imap.sentMailbox;
  if (!mailbox) return false;
  const client = createImapClient(settings.imap, timings);
  client.on('error', () => {});
  try {
    await client.connect();
    await client.mailboxOpen(mailbox, { readOnly: true });
    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return Array.isArray(found) && found.length > 0;
  } catch (err) {
    ctx.log.warn({ channelId: ctx.channelId, mailbox, reason: describeImapError(err) }, 'email: could not check the Sent mailbox');
    return false;
  } finally {
    await closeQuietly(client);
  }
};

export const storeSentCopy = async (
  ctx: ConnectorContext,
  settings: EmailSettings,
  source: Buffer,
  timings: ImapTimings,
): Promise<void> => {
  const mailbox = settings.imap.sentMailbox;
  if (!mailbox) return;
  const client = createImapClient(settings.imap, timings);
  client.on('error', () => {});
  try {
    await client.connect();
    await client.append(mailbox, source, ['\\Seen']);
  } catch (err) {
    ctx.log.warn({ channelId: ctx.channelId, mailbox, reason: describeImapError(err) }, 'email: could not store the reply in the Sent mailbox');
  } finally {
    await closeQuietly(client);
  }
};
