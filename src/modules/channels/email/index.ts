/**
 * Email channel: receives a support mailbox over IMAP (polling, or IDLE with reconnects), parses
 * each message with mailparser into an `InboundItem` (Message-ID as external id, In-Reply-To and
 * References for threading, attachments kept, quoted history stripped from `text`), and replies
 * over SMTP with nodemailer so the answer threads in the customer's mail client.
 *
 * Config `{ imap: {host, port, secure, user, mailbox?, sentMailbox?}, smtp: {host, port, secure,
 * user?, auth?}, address, name? }`, secrets `{ imapPassword, smtpPassword? }`. The poll cursor is
 * `{ uidValidity, lastUid }`.
 */
export { createEmailConnector, emailConnector, type EmailConnectorOptions } from './email-connector.ts';
export { parseEmailSettings, type EmailSettings } from './email-config.ts';
export { readCursor as readEmailCursor, type EmailCursor } from './fetch-new-mail.ts';
export { stripQuotedReply } from './strip-quoted-reply.ts';
