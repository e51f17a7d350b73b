/** Real RFC 5322 messages for the tests, composed by nodemailer the way a mail client would. */
import MailComposer from 'nodemailer/lib/mail-composer';
import { randomUUID } from 'node:crypto';

export interface TestMessage {
  from: string;
  to: string;
  subject: string;
  text?: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  date?: Date;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export const newMessageId = (domain = 'customer.example.test'): string => `<${randomUUID()}@${domain}>`;

export const composeMessage = (m: TestMessage): Promise<Buffer> =>
  new MailComposer({
    from: m.from,
    to: m.to,
    subject: m.subject,
    messageId: m.messageId ?? newMessageId(),
    date: m.date ?? new Date('2026-01-05T09:00:00Z'),
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.html !== undefined ? { html: m.html } : {}),
    ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
    ...(m.references ? { references: m.references } : {}),
    ...(m.attachments ? { attachments: m.attachments } : {}),
  })
    .compile()
    .build();
