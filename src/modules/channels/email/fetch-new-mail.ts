/**
 * Reads the messages that arrived since the cursor, in small batches, and commits each batch with
 * the cursor that covers it. A batch is committed only after every message in it was either
 * turned into an item or reported as failed, so a connection lost mid-poll leaves the cursor at
 * the last committed batch and the next poll starts from there.
 */
import type { ImapFlow } from 'imapflow';
import type { ConnectorContext, InboundItem } from '../connector.ts';
import type { EmailSettings } from './email-config.ts';
import { parseEmail } from './parse-email.ts';

/** Where the last poll stopped. UIDs only mean something within one UIDVALIDITY. */
export interface EmailCursor {
  uidValidity: string;
  lastUid: number;
}

export interface FetchLimits {
  /** Messages per committed batch. */
  batchMessages: number;
  /** Bytes per batch (by the server's RFC822.SIZE), so a few huge mails do not fill memory. */
  batchBytes: number;
  maxInlineAttachmentBytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  batchMessages: 50,
  batchBytes: 16 * 1024 * 1024,
  maxInlineAttachmentBytes: 256 * 1024,
};

export const readCursor = (value: unknown): EmailCursor | null => {
  const c = value as Partial<EmailCursor> | null;
  return c && typeof c.uidValidity === 'string' && Number.isInteger(c.lastUid) && (c.lastUid ?? -1) >= 0
    ? { uidValidity: c.uidValidity, lastUid: c.lastUid as number }
    : null;
};

interface Pending {
  uid: number;
  size: number;
}

/** Splits UIDs into batches bounded by count and bytes (a single huge message is a batch alone). */
export const planBatches = (pending: Pending[], limits: Pick<FetchLimits, 'batchMessages' | 'batchBytes'>): Pending[][] => {
  const batches: Pending[][] = [];
  let current: Pending[] = [];
  let bytes = 0;
  for (const message of pending) {
    if (current.length > 0 && (current.length >= limits.batchMessages || bytes + message.size > limits.batchBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += message.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
};

/** The cursor as last committed; `fetchNewMail` moves it forward after each committed batch. */
export interface CursorHolder {
  cursor: EmailCursor | null;
}

/**
 * Polls the configured mailbox on an authenticated client. Throws on any IMAP error; the batches
 * committed before the error stay committed, and `holder.cursor` says how far they reached.
 */
export const fetchNewMail = async (
  client: ImapFlow,
  ctx: ConnectorContext,
  settings: EmailSettings,
  holder: CursorHolder,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<void> => {
  const mailbox = settings.imap.mailbox;
  const opened = await client.mailboxOpen(mailbox, { readOnly: true });
  const uidValidity = String(opened.uidValidity);
  const cursor = holder.cursor;
  let lastUid = 0;
  if (cursor && cursor.uidValidity === uidValidity) lastUid = cursor.lastUid;
  else if (cursor) {
    // The server renumbered the mailbox: read it again; the raw store drops what it already has.
    ctx.log.warn({ channelId: ctx.channelId, mailbox, was: cursor.uidValidity, now: uidValidity }, 'email: UIDVALIDITY changed, re-reading the mailbox');
  }
  // The first poll (or one after a renumbering) records the new UIDVALIDITY even when nothing is new.
  const isNewCursor = !cursor || cursor.uidValidity !== uidValidity;

  const hasNewMail = opened.exists > 0 && (opened.uidNext === undefined || opened.uidNext > lastUid + 1);
  // "n:*" always matches the highest UID, even when it is below n: filter.
  const listing = hasNewMail ? await client.fetchAll(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true }) : [];
  const pending = listing
    .filter((m) => m.uid > lastUid)
    .map((m) => ({ uid: m.uid, size: m.size ?? 0 }))
    .sort((a, b) => a.uid - b.uid);
  if (pending.length === 0) {
    if (isNewCursor) {
      await ctx.accept([], { uidValidity, lastUid });
      holder.cursor = { uidValidity, lastUid };
    }
    return;
  }

  for (const batch of planBatches(pending, limits)) {
    if (ctx.signal.aborted) break;
    const uids = batch.map((m) => m.uid);
    const messages = await client.fetchAll(uids.join(','), { uid: true, source: true, internalDate: true }, { uid: true });
    messages.sort((a, b) => a.uid - b.uid);
    const items: InboundItem[] = [];
    for (const message of messages) {
      if (!message.source) {
        await ctx.reportFailure(`email: the server returned no content for UID ${message.uid}`, { raw: { mailbox, uidValidity, uid: message.uid } });
        continue;
      }
      const internalDate = message.internalDate ? new Date(message.internalDate) : null;
      const result = await parseEmail(message.source, { mailbox, uidValidity, uid: message.uid, internalDate }, {
        ownAddress: settings.address,
        maxInlineAttachmentBytes: limits.maxInlineAttachmentBytes,
      });
      if (result.ok) items.push(result.item);
      else {
        await ctx.reportFailure(result.reason, { ...(result.externalId ? { externalId: result.externalId } : {}), raw: result.raw });
      }
    }
    // Messages expunged between the listing and the fetch are gone; the batch is still done.
    const next: EmailCursor = { uidValidity, lastUid: Math.max(...uids) };
    await ctx.accept(items, next);
    holder.cursor = next;
  }
};
