/**
 * The email connector: IMAP in (poll, or a stream kept in IDLE), SMTP out, IMAP login as health.
 * Options exist so tests can shorten timings; production uses the defaults.
 */
import { SendError, type Connector, type ConnectorContext } from '../connector.ts';
import { describeSettingsError, parseEmailSettings, type EmailSettings } from './email-config.ts';
import { DEFAULT_FETCH_LIMITS, fetchNewMail, readCursor, type CursorHolder, type FetchLimits } from './fetch-new-mail.ts';
import { classifyImapError, closeQuietly, connectUnlessAborted, createImapClient, describeImapError, DEFAULT_IMAP_TIMINGS, type ImapTimings } from './imap-client.ts';
import { watchMailbox, type WatchOptions } from './watch-mailbox.ts';
import { DEFAULT_SMTP_TIMINGS, sendEmail, type SmtpTimings } from './send-email.ts';
import { checkEmailHealth } from './check-health.ts';

export interface EmailConnectorOptions {
  imap?: Partial<ImapTimings>;
  smtp?: Partial<SmtpTimings>;
  limits?: Partial<FetchLimits>;
  backoff?: Partial<WatchOptions['backoff']>;
  fallbackPollMs?: number;
  now?: () => Date;
}

/** Reads the settings, reporting a bad configuration as a failed poll before throwing it. */
const settingsOrReport = async (ctx: ConnectorContext): Promise<EmailSettings> => {
  try {
    return parseEmailSettings(ctx.config, ctx.secrets);
  } catch (err) {
    await ctx.reportFailure(`email: channel misconfigured: ${describeSettingsError(err)}`);
    throw err;
  }
};

export const createEmailConnector = (options: EmailConnectorOptions = {}): Connector => {
  const imapTimings: ImapTimings = { ...DEFAULT_IMAP_TIMINGS, ...options.imap };
  const smtpTimings: SmtpTimings = { ...DEFAULT_SMTP_TIMINGS, ...options.smtp };
  const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  const watch: WatchOptions = {
    timings: imapTimings,
    limits,
    backoff: { initialMs: 1_000, maxMs: 5 * 60_000, ...options.backoff },
    fallbackPollMs: options.fallbackPollMs ?? 5 * 60_000,
  };
  const now = options.now ?? (() => new Date());

  return {
    kind: 'email',
    limits: { maxLength: null, canThread: false, hasPrivateMessages: true },

    /**
     * One pass over the mailbox. On a network or login error the failure is reported and the
     * poll rejects; batches committed before the error keep their cursor, nothing after it does.
     */
    async poll(ctx) {
      const settings = await settingsOrReport(ctx);
      const holder: CursorHolder = { cursor: readCursor(ctx.cursor) };
      const client = createImapClient(settings.imap, imapTimings);
      client.on('error', () => {}); // surfaced through the failing command instead
      try {
        await connectUnlessAborted(client, ctx.signal);
        await fetchNewMail(client, ctx, settings, holder, limits);
      } catch (err) {
        if (ctx.signal.aborted) return; // stopped on purpose; what was committed stays committed
        const problem = classifyImapError(err);
        const reason = `email: poll failed (${problem}): ${describeImapError(err)}`;
        await ctx.reportFailure(reason);
        throw new Error(reason, { cause: err });
      } finally {
        await closeQuietly(client);
      }
    },

    async stream(ctx) {
      const settings = await settingsOrReport(ctx);
      await watchMailbox(ctx, settings, watch);
    },

    async send(ctx, message) {
      let settings: EmailSettings;
      try {
        settings = parseEmailSettings(ctx.config, ctx.secrets);
      } catch (err) {
        // Not retryable until someone fixes the channel; the outbox shows why.
        throw new SendError(`The email channel cannot send: ${describeSettingsError(err)}`, 'unsupported', false);
      }
      return sendEmail(ctx, settings, message, { smtp: smtpTimings, imap: imapTimings, now });
    },

    checkHealth: (ctx) => checkEmailHealth(ctx, imapTimings),
  };
};

export const emailConnector: Connector = createEmailConnector();
