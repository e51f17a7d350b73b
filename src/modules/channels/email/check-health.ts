/**
 * Health: log in to IMAP and look at the mailbox. A refused login is reported as `auth` (a person
 * must renew the password), a missing mailbox as `misconfigured`, anything else as unreachable.
 */
import type { ConnectorContext, HealthReport } from '../connector.ts';
import { describeSettingsError, parseEmailSettings } from './email-config.ts';
import { classifyImapError, closeQuietly, createImapClient, describeImapError, type ImapTimings } from './imap-client.ts';

export const checkEmailHealth = async (ctx: ConnectorContext, timings: ImapTimings): Promise<HealthReport> => {
  let settings;
  try {
    settings = parseEmailSettings(ctx.config, ctx.secrets);
  } catch (err) {
    return { ok: false, problem: 'misconfigured', detail: describeSettingsError(err) };
  }
  const client = createImapClient(settings.imap, timings);
  client.on('error', () => {});
  try {
    await client.connect();
    const status = await client.status(settings.imap.mailbox, { messages: true });
    const messages = status ? (status.messages ?? 0) : 0;
    return { ok: true, detail: `${settings.imap.mailbox}: ${messages} messages` };
  } catch (err) {
    return { ok: false, problem: classifyImapError(err), detail: describeImapError(err) };
  } finally {
    await closeQuietly(client);
  }
};
