/**
 * Opening an IMAP connection with imapflow, and telling what kind of failure an error is, so
 * health can say "a person must fix the password" apart from "the server is down".
 */
import { ImapFlow } from 'imapflow';
import type { HealthReport } from '../connector.ts';
import type { ImapSettings } from './email-config.ts';

export interface ImapTimings {
  /** How long the connection stays quiet before imapflow enters IDLE (ms). */
  autoIdleDelayMs: number;
  connectionTimeoutMs: number;
  socketTimeoutMs: number;
}

export const DEFAULT_IMAP_TIMINGS: ImapTimings = {
  // Short: the server only pushes EXISTS while IDLE is on, so a long quiet gap delays new mail.
  autoIdleDelayMs: 1_000,
  connectionTimeoutMs: 30_000,
  socketTimeoutMs: 5 * 60_000,
};

export const createImapClient = (imap: ImapSettings, timings: ImapTimings = DEFAULT_IMAP_TIMINGS): ImapFlow =>
  new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
    autoIdleDelay: timings.autoIdleDelayMs,
    connectionTimeout: timings.connectionTimeoutMs,
    greetingTimeout: Math.min(16_000, timings.connectionTimeoutMs),
    socketTimeout: timings.socketTimeoutMs,
    clientInfo: { name: 'Lookout' },
  });

type ImapError = Error & {
  code?: string;
  authenticationFailed?: boolean;
  mailboxMissing?: boolean;
  serverResponseCode?: string;
  responseText?: string;
};

/** Maps an imapflow/socket error to the health problem a person would act on. */
export const classifyImapError = (err: unknown): NonNullable<HealthReport['problem']> => {
  const e = (err ?? {}) as ImapError;
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED' || e.serverResponseCode === 'AUTHORIZATIONFAILED') {
    return 'auth';
  }
  if (e.mailboxMissing || e.serverResponseCode === 'NONEXISTENT' || e.code === 'NotFound') return 'misconfigured';
  if (e.code === 'ETHROTTLE' || e.serverResponseCode === 'LIMIT') return 'rate_limited';
  // Refused, reset, timed out, DNS: the link is down, which is also the safest reading of the rest.
  return 'unreachable';
};

/** A short human reason, without credentials (imapflow never puts them in messages). */
export const describeImapError = (err: unknown): string => {
  const e = (err ?? {}) as ImapError;
  const detail = e.responseText && e.responseText !== e.message ? ` (${e.responseText})` : '';
  return `${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}${detail}`;
};

/** Connects, giving up at once when the signal aborts (a stop should not wait out a timeout). */
export const connectUnlessAborted = async (client: ImapFlow, signal: AbortSignal): Promise<void> => {
  signal.throwIfAborted();
  const stop = () => client.close();
  signal.addEventListener('abort', stop, { once: true });
  try {
    await client.connect();
  } finally {
    signal.removeEventListener('abort', stop);
  }
};

/** Logs out politely when the connection still works; closes the socket otherwise. Never throws. */
export const closeQuietly = async (client: ImapFlow): Promise<void> => {
  try {
    if (client.usable) await client.logout();
    else client.close();
  } catch {
    client.close();
  }
};
