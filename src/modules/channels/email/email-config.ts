/**
 * The email channel's settings, read from the channel's config and secrets and checked once, so
 * the rest of the connector works with typed, complete values.
 *
 * config:  { imap: { host, port, secure, user, mailbox?, sentMailbox? },
 *            smtp: { host, port, secure, user?, auth? }, address, name? }
 * secrets: { imapPassword, smtpPassword? }   (SMTP falls back to the IMAP user and password)
 */
import { badRequest, isAppError, type FieldProblem } from '../../../platform/errors/index.ts';

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  /** The mailbox customers write to. */
  mailbox: string;
  /** When set, each reply is also stored here, and a retried send that is already here is not sent again. */
  sentMailbox: string | null;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  /** Null when the relay takes mail without logging in (a local Postfix). */
  auth: { user: string; pass: string } | null;
}

export interface EmailSettings {
  imap: ImapSettings;
  smtp: SmtpSettings;
  /** The support address: mail from it is the brand's own, replies are sent from it. */
  address: string;
  name: string | null;
  /** The domain of `address`, used for the Message-IDs the connector makes. */
  domain: string;
}

type Reader = { problems: FieldProblem[] };

const section = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};

const text = (r: Reader, obj: Record<string, unknown>, key: string, path: string, required = true): string | null => {
  const value = obj[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (value !== undefined || required) r.problems.push({ path: `${path}/${key}`, message: 'must be a non-empty string' });
  return null;
};

const port = (r: Reader, obj: Record<string, unknown>, path: string): number => {
  const value = obj.port;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65536) return value;
  r.problems.push({ path: `${path}/port`, message: 'must be a port number' });
  return 0;
};

const flag = (r: Reader, obj: Record<string, unknown>, key: string, path: string, fallback: boolean): boolean => {
  const value = obj[key];
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  r.problems.push({ path: `${path}/${key}`, message: 'must be true or false' });
  return fallback;
};

const EMAIL_ADDRESS = /^[^\s@<>]+@([^\s@<>]+\.[^\s@<>]+|localhost)$/;

/** Throws a VALIDATION_FAILED AppError listing every problem at once. */
export const parseEmailSettings = (config: Record<string, unknown>, secrets: Record<string, string>): EmailSettings => {
  const r: Reader = { problems: [] };
  const imap = section(config.imap);
  const smtp = section(config.smtp);
  if (config.imap === undefined) r.problems.push({ path: '/config/imap', message: 'is required' });
  if (config.smtp === undefined) r.problems.push({ path: '/config/smtp', message: 'is required' });

  const address = (text(r, config, 'address', '/config') ?? '').toLowerCase();
  if (address && !EMAIL_ADDRESS.test(address)) r.problems.push({ path: '/config/address', message: 'must be an email address' });
  const imapPassword = text(r, secrets, 'imapPassword', '/secrets');
  const imapUser = text(r, imap, 'user', '/config/imap') ?? '';
  const smtpUser = text(r, smtp, 'user', '/config/smtp', false) ?? imapUser;
  const smtpPassword = text(r, secrets, 'smtpPassword', '/secrets', false) ?? imapPassword ?? '';

  const settings: EmailSettings = {
    imap: {
      host: text(r, imap, 'host', '/config/imap') ?? '',
      port: port(r, imap, '/config/imap'),
      secure: flag(r, imap, 'secure', '/config/imap', true),
      user: imapUser,
      password: imapPassword ?? '',
      mailbox: text(r, imap, 'mailbox', '/config/imap', false) ?? 'INBOX',
      sentMailbox: text(r, imap, 'sentMailbox', '/config/imap', false),
    },
    smtp: {
      host: text(r, smtp, 'host', '/config/smtp') ?? '',
      port: port(r, smtp, '/config/smtp'),
      secure: flag(r, smtp, 'secure', '/config/smtp', true),
      auth: flag(r, smtp, 'auth', '/config/smtp', true) ? { user: smtpUser, pass: smtpPassword } : null,
    },
    address,
    name: text(r, config, 'name', '/config', false),
    domain: address.split('@')[1] ?? '',
  };
  if (r.problems.length > 0) throw badRequest('The email channel is not configured correctly', r.problems);
  return settings;
};

/** One line naming every field at fault, for health and failure reports. */
export const describeSettingsError = (err: unknown): string =>
  isAppError(err) && err.fields.length ? err.fields.map((f) => `${f.path} ${f.message}`).join('; ') : String(err);
