/**
 * Sending a reply over SMTP with nodemailer, and mapping what the server said to a `SendError`
 * the outbox understands: a bad login needs a person, a 4xx is worth a retry, a 5xx is final.
 *
 * With `imap.sentMailbox` set, the reply is also stored there, and a retry first looks for its
 * Message-ID there: a send that went through but whose answer was lost is not sent twice.
 */
import nodemailer from 'nodemailer';
import { SendError, type ConnectorContext, type OutboundMessage, type SendResult } from '../connector.ts';
import type { EmailSettings } from './email-config.ts';
import { composeReply } from './compose-reply.ts';
import { findSentCopy, storeSentCopy } from './sent-copy.ts';
import type { ImapTimings } from './imap-client.ts';

export interface SmtpTimings {
  connectionTimeoutMs: number;
  socketTimeoutMs: number;
}

export const DEFAULT_SMTP_TIMINGS: SmtpTimings = { connectionTimeoutMs: 30_000, socketTimeoutMs: 60_000 };

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL']);

/** RFC 5321 reply codes: 4yz transient, 5yz permanent; 530/534/535 are authentication (RFC 4954). */
export const mapSmtpError = (err: unknown): SendError => {
  const e = (err ?? {}) as SmtpError;
  const said = (e.response ?? e.message ?? String(err)).slice(0, 500);
  const status = e.responseCode;
  if (e.code === 'EAUTH' || status === 530 || status === 534 || status === 535 || status === 454) {
    return new SendError(`SMTP login refused: ${said}`, 'auth', false);
  }
  if (status !== undefined && status >= 400 && status < 500) {
    const limited = /rate|too many|throttl|limit/i.test(said);
    return new SendError(`SMTP server deferred the reply: ${said}`, limited ? 'rate_limited' : 'network', true, limited ? 60_000 : undefined);
  }
  if (status !== undefined && status >= 500) {
    const tooBig = status === 552 || /size|too (big|large|long)/i.test(said);
    return new SendError(`SMTP server refused the reply: ${said}`, tooBig ? 'too_long' : 'rejected', false);
  }
  if (e.code && NETWORK_CODES.has(e.code)) return new SendError(`SMTP server unreachable: ${said}`, 'network', true);
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return new SendError(`SMTP refused the reply: ${said}`, 'rejected', false);
  return new SendError(`SMTP send failed: ${said}`, 'network', true);
};

export const sendEmail = async (
  ctx: ConnectorContext,
  settings: EmailSettings,
  message: OutboundMessage,
  timings: { smtp: SmtpTimings; imap: ImapTimings; now: () => Date },
): Promise<SendResult> => {
  const reply = await composeReply(settings, message, timings.now());
  const summary = {
    messageId: reply.messageId,
    from: reply.from,
    to: reply.to,
    subject: reply.subject,
    inReplyTo: reply.inReplyTo,
    references: reply.references,
  };

  if (settings.imap.sentMailbox && (await findSentCopy(ctx, settings, reply.messageId, timings.imap))) {
    ctx.log.info({ channelId: ctx.channelId, messageId: reply.messageId }, 'email: reply already sent, not sending again');
    return { externalId: reply.messageId, raw: { ...summary, alreadySent: true } };
  }

  const transport = nodemailer.createTransport({
    host: settings.smtp.host,
    port: settings.smtp.port,
    secure: settings.smtp.secure,
    ...(settings.smtp.auth ? { auth: settings.smtp.auth } : {}),
    connectionTimeout: timings.smtp.connectionTimeoutMs,
    greetingTimeout: Math.min(30_000, timings.smtp.connectionTimeoutMs),
    socketTimeout: timings.smtp.socketTimeoutMs,
  });
  let response: { response: string; accepted: unknown[]; rejected: unknown[] };
  try {
    response = await transport.sendMail({ envelope: { from: settings.address, to: reply.to }, raw: reply.source });
  } catch (err) {
    throw mapSmtpError(err);
  } finally {
    transport.close();
  }

  if (settings.imap.sentMailbox) await storeSentCopy(ctx, settings, reply.source, timings.imap);
  return {
    externalId: reply.messageId,
    raw: { ...summary, response: response.response, accepted: response.accepted.map(String), rejected: response.rejected.map(String) },
  };
};
