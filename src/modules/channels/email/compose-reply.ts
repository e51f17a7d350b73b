/**
 * The headers that make a reply thread in the customer's mail client (RFC 5322 §3.6.4):
 * In-Reply-To names the message answered, References carries the chain plus that message, and
 * the Subject keeps one "Re:". The Message-ID is derived from the outbox key, so a retried send
 * carries the same id and the recipient's client (and our Sent check) sees one message.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import { SendError, type OutboundMessage } from '../connector.ts';
import { messageIdsOf } from './parse-email.ts';
import type { EmailSettings } from './email-config.ts';

export interface ComposedReply {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  inReplyTo: string | null;
  references: string[];
  /** The message exactly as sent over SMTP and stored in the Sent mailbox. */
  source: Buffer;
}

/** Some clients and servers refuse very long References; keep the root and the latest ones. */
const MAX_REFERENCES = 20;

/** Re:, RE:, Aw:, Sv:, Antw: and Re[2]: all mean the same; a reply carries exactly one "Re: ". */
export const replySubject = (subject: string | null | undefined): string => {
  const base = (subject ?? '').replace(/^(\s*(re|aw|sv|antw|wg)(\[\d+\])?\s*:\s*)+/i, '').trim();
  return `Re: ${base || '(no subject)'}`;
};

export const outboxMessageId = (idempotencyKey: string, domain: string): string => {
  const key = idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 120);
  if (!key) throw new SendError('The reply has no idempotency key', 'rejected', false);
  return `<outbox-${key}@${domain}>`;
};

export const replyReferences = (references: string[] | undefined, inReplyTo: string | null): string[] => {
  const chain = messageIdsOf([...(references ?? []), inReplyTo ?? ''].join(' '));
  return chain.length <= MAX_REFERENCES ? chain : [chain[0] as string, ...chain.slice(-(MAX_REFERENCES - 1))];
};

const ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+$/;

const recipientsOf = (message: OutboundMessage): string[] => {
  const listed = message.to?.length ? message.to : [message.recipient?.email ?? message.recipient?.externalId ?? ''];
  const valid = listed.map((a) => a.trim().toLowerCase()).filter((a) => ADDRESS.test(a));
  if (valid.length === 0) throw new SendError('The reply has no valid email recipient', 'rejected', false);
  return [...new Set(valid)];
};

export const composeReply = async (settings: EmailSettings, message: OutboundMessage, now: Date): Promise<ComposedReply> => {
  const messageId = outboxMessageId(message.idempotencyKey, settings.domain);
  const inReplyTo = messageIdsOf(message.inReplyTo ?? '')[0] ?? null;
  const references = replyReferences(message.references, inReplyTo);
  const to = recipientsOf(message);
  // A new message (no parent) keeps its subject as written; a reply gets one "Re:".
  const subject = inReplyTo ? replySubject(message.subject) : (message.subject ?? '').trim() || '(no subject)';
  const from = settings.name ? { name: settings.name, address: settings.address } : settings.address;
  const composer = new MailComposer({
    from,
    to,
    subject,
    text: message.text,
    messageId,
    date: now,
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(references.length ? { references } : {}),
  });
  const source = await composer.compile().build();
  return { messageId, from: settings.address, to, subject, inReplyTo, references, source };
};
