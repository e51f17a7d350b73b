/**
 * One RFC 5322 message (as the IMAP server stored it) into an `InboundItem`, with mailparser.
 * A message that cannot be attributed to a sender is refused with a reason rather than guessed:
 * the caller records it as a failed item and moves on.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type ParsedMail, type AddressObject } from 'mailparser';
import type { InboundAttachment, InboundItem } from '../connector.ts';
import { stripQuotedReply } from './strip-quoted-reply.ts';

/** Where the message was found, kept in the raw payload so an item can be traced back to its UID. */
export interface MailboxPosition {
  mailbox: string;
  uidValidity: string;
  uid: number;
  internalDate?: Date | null;
}

export interface ParseOptions {
  /** The support address: a message from it is the brand's own. */
  ownAddress: string;
  /** Attachments up to this size carry their content as base64; larger ones only metadata. */
  maxInlineAttachmentBytes: number;
  now?: () => Date;
}

export type ParseResult =
  | { ok: true; item: InboundItem }
  | { ok: false; reason: string; externalId?: string; raw: unknown };

/** Bytes of the original message kept in a failure report, enough to see what went wrong. */
const FAILURE_EXCERPT_BYTES = 64 * 1024;

const MESSAGE_ID = /<[^<>\s]+>/g;

/** All `<id>` tokens of a header, in order: References may be folded, commented or repeated. */
export const messageIdsOf = (value: string | string[] | undefined): string[] => {
  const joined = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return [...new Set(joined.match(MESSAGE_ID) ?? [])];
};

const firstAddress = (from: AddressObject | undefined) => {
  const entry = from?.value.find((a) => a.address && a.address.includes('@'));
  return entry?.address ? { address: entry.address.toLowerCase(), name: entry.name || null } : null;
};

const attachmentsOf = (parsed: ParsedMail, maxInline: number): InboundAttachment[] =>
  parsed.attachments.map((a) => {
    const attachment: InboundAttachment = {
      filename: a.filename ?? (a.contentId ? `inline-${a.contentId.replace(/[<>]/g, '')}` : 'attachment'),
      contentType: a.contentType,
      size: a.size,
    };
    if (a.size <= maxInline) attachment.contentBase64 = a.content.toString('base64');
    return attachment;
  });

const validDate = (d: Date | null | undefined): Date | null => (d && !Number.isNaN(d.getTime()) ? d : null);

const failure = (reason: string, source: Buffer, position: MailboxPosition, externalId?: string): ParseResult => ({
  ok: false,
  reason,
  ...(externalId ? { externalId } : {}),
  raw: {
    ...position,
    size: source.length,
    sourceExcerpt: source.subarray(0, FAILURE_EXCERPT_BYTES).toString('utf8'),
    truncated: source.length > FAILURE_EXCERPT_BYTES,
  },
});

export const parseEmail = async (source: Buffer, position: MailboxPosition, options: ParseOptions): Promise<ParseResult> => {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(source, { skipTextToHtml: true, skipImageLinks: true });
  } catch (err) {
    return failure(`malformed MIME: ${(err as Error).message}`, source, position);
  }
  const messageId = messageIdsOf(parsed.messageId)[0];
  if (parsed.headerLines.length === 0) return failure('malformed MIME: the message has no header section', source, position);
  const from = firstAddress(parsed.from);
  if (!from) return failure('malformed MIME: no usable From address', source, position, messageId);

  // Without a Message-ID (some scripts send none), the content itself names the message, so a
  // re-read after a UIDVALIDITY change still finds it a duplicate.
  const externalId = messageId ?? `<sha256-${createHash('sha256').update(source).digest('hex').slice(0, 32)}@lookout.invalid>`;
  const fullText = (parsed.text ?? '').trim();
  const references = messageIdsOf(parsed.references);
  const inReplyTo = messageIdsOf(parsed.inReplyTo)[0] ?? references.at(-1) ?? null;
  const attachments = attachmentsOf(parsed, options.maxInlineAttachmentBytes);

  const item: InboundItem = {
    externalId,
    kind: 'email',
    visibility: 'private',
    text: stripQuotedReply(fullText),
    title: parsed.subject ?? null,
    authoredAt: validDate(parsed.date) ?? validDate(position.internalDate) ?? (options.now ?? (() => new Date()))(),
    author: { externalId: from.address, handle: from.address, displayName: from.name, email: from.address },
    inReplyTo,
    threadRoot: references[0] ?? null,
    references,
    isOwn: from.address === options.ownAddress.toLowerCase(),
    attachments,
    raw: {
      ...position,
      size: source.length,
      headerLines: parsed.headerLines,
      text: fullText,
      html: parsed.html || null,
      attachments: attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
    },
  };
  return { ok: true, item };
};
