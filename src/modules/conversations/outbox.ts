import { and, eq, schema, sql, type Database, type Tx } from '../../platform/db/index.ts';
import type { InboundAuthor, OutboundMessage, SendResult } from '../channels/index.ts';
import type { ChannelRow } from './reply-channel.ts';
import { asJson, asString, rowsOf } from './sql-rows.ts';
import { statusChange } from './status.ts';
import { addTimeline, inWorkspace, type WorkDeps } from './work.ts';

/**
 * The outbox's steps, each its own short transaction; the worker (src/worker/outbox.ts) runs them:
 * claim (queued → sending, with a lease) → load what the send needs → the connector sends outside
 * any transaction → record the outcome. A crash between claim and record leaves the row in
 * 'sending': when its lease expires it becomes 'failed' with an "unknown" reason and waits for a
 * person, because resending blindly could post twice.
 */
export const OUTBOX_MAX_ATTEMPTS = 5;
/** A send still 'sending' this long after its claim is taken for lost (the process died mid-send). */
export const SEND_LEASE_MS = 5 * 60_000;
export const DRILL_REFUSAL = 'drill: nothing leaves Lookout';
export const UNKNOWN_OUTCOME = 'unknown: the process stopped during the send; check the channel before retrying';

const SYSTEM = (workspaceId: string) => ({ system: true as const, workspaceId });

export interface Claimed {
  id: string;
  workspaceId: string;
}

/** Takes due queued messages across workspaces; several workers never take the same row. */
export const claimDueMessages = (db: Database, now: Date, limit: number): Promise<Claimed[]> =>
  db.system(async (tx) => {
    const at = now.toISOString();
    const rows = await rowsOf<{ id: string; workspace_id: string }>(
      tx,
      sql`with due as (
            select id from messages
            where outbox_state = 'queued' and (next_attempt_at <= ${at}::timestamptz or next_attempt_at is null)
            order by next_attempt_at nulls first limit ${limit} for update skip locked)
          update messages m set outbox_state = 'sending', outbox_attempts = m.outbox_attempts + 1,
            next_attempt_at = ${new Date(now.getTime() + SEND_LEASE_MS).toISOString()}::timestamptz
          from due where m.id = due.id
          returning m.id, m.workspace_id`,
    );
    return rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id }));
  });

/** Sends whose lease ran out: marked failed, never resent on their own. */
export const failLostSends = async (deps: WorkDeps, now: Date): Promise<number> => {
  const lost = await deps.db.system((tx) =>
    rowsOf<{ id: string; workspace_id: string }>(
      tx,
      sql`select id, workspace_id from messages where outbox_state = 'sending' and next_attempt_at <= ${now.toISOString()}::timestamptz limit 500`,
    ),
  );
  for (const m of lost) {
    await inWorkspace(deps, m.workspace_id, now, async (work) => {
      const [row] = await work.tx
        .update(schema.messages)
        .set({ outboxState: 'failed', outboxError: UNKNOWN_OUTCOME, nextAttemptAt: null })
        .where(and(eq(schema.messages.id, m.id), eq(schema.messages.outboxState, 'sending'), sql`${schema.messages.nextAttemptAt} <= ${now.toISOString()}::timestamptz`))
        .returning({ conversationId: schema.messages.conversationId, isDrill: schema.messages.isDrill });
      if (!row) return;
      await addTimeline(work, SYSTEM(work.workspaceId), row.conversationId, 'reply_failed', { messageId: m.id, reason: UNKNOWN_OUTCOME });
      work.emit({ type: 'message.failed', subjectId: m.id, data: { messageId: m.id, conversationId: row.conversationId, reason: UNKNOWN_OUTCOME, isDrill: row.isDrill } });
    });
  }
  return lost.length;
};

export interface SendJob {
  messageId: string;
  workspaceId: string;
  conversationId: string;
  attempts: number;
  isDrill: boolean;
  channel: ChannelRow | null;
  outbound: OutboundMessage;
}

/**
 * What the connector needs to thread the reply, from the conversation's latest inbound mention on
 * this channel (or the conversation's own channel, for imported history answered live): the item
 * answered, the thread's root, email's References and Subject, and the recipient.
 */
export const loadSendJob = (db: Database, claimed: Claimed): Promise<SendJob | null> =>
  db.tenant(claimed.workspaceId, async (tx) => {
    const [m] = await tx.select().from(schema.messages).where(and(eq(schema.messages.workspaceId, claimed.workspaceId), eq(schema.messages.id, claimed.id)));
    if (!m || m.outboxState !== 'sending') return null;
    const [channel] = m.channelId ? await tx.select().from(schema.channels).where(eq(schema.channels.id, m.channelId)) : [];
    const [conv] = await tx
      .select({ channelId: schema.conversations.channelId, customerId: schema.conversations.customerId, subject: schema.conversations.subject })
      .from(schema.conversations)
      .where(eq(schema.conversations.id, m.conversationId));
    const channels = [m.channelId, conv?.channelId].filter((x): x is string => Boolean(x));
    const [parent] = channels.length
      ? await rowsOf(
          tx,
          sql`select mn.channel_id, mn.external_id, mn.thread_root_external_id, mn.title, mn.visibility, ri.payload, i.external_id as author_id, i.channel_kind as author_network, i.handle, i.display_name, i.email
              from mentions mn left join raw_items ri on ri.id = mn.raw_item_id left join identities i on i.id = mn.identity_id
              where mn.conversation_id = ${m.conversationId} and not mn.is_own and mn.channel_id in (${sql.join(channels.map((c) => sql`${c}`), sql`, `)})
              order by mn.authored_at desc limit 1`,
        )
      : [];
    // The author heard on another network (a public post, before a move to email or a chat link) is
    // not who this channel reaches: the customer's own identity on this channel's network is.
    const network = channel ? (typeof channel.config.network === 'string' ? channel.config.network : channel.kind) : null;
    const elsewhere = Boolean(parent?.author_id && network && parent.author_network !== network);
    const there = elsewhere && channel ? await customerIdentityOn(tx, conv?.customerId ?? null, network!) : null;
    const recipient = there ?? (parent?.author_id ? authorOf(parent) : channel ? await customerIdentityOn(tx, conv?.customerId ?? null, channel.kind) : null);
    const payload = parent?.payload ? asJson<{ references?: unknown }>(parent.payload) : null;
    const references = Array.isArray(payload?.references) ? payload.references.filter((r): r is string => typeof r === 'string') : [];
    // On email, an author heard on another network is not an address: the customer's own email is.
    const heardOnThisChannel = parent?.author_id && parent.channel_id === channel?.id;
    const email = recipient?.email ?? (channel?.kind === 'email' ? ((heardOnThisChannel ? recipient?.externalId : null) ?? (await customerEmail(tx, conv?.customerId ?? null))) : null);
    return {
      messageId: m.id,
      workspaceId: claimed.workspaceId,
      conversationId: m.conversationId,
      attempts: m.outboxAttempts,
      isDrill: m.isDrill,
      channel: channel ?? null,
      outbound: {
        idempotencyKey: m.id,
        text: m.body,
        inReplyTo: asString(parent?.external_id),
        threadRoot: asString(parent?.thread_root_external_id) ?? asString(parent?.external_id),
        subject: asString(parent?.title) ?? conv?.subject ?? null,
        references,
        ...(email ? { to: [email] } : {}),
        isPrivate: m.visibility === 'private',
        recipient,
      },
    };
  });

const authorOf = (r: Record<string, unknown>): InboundAuthor => ({
  externalId: String(r.author_id),
  handle: String(r.handle ?? r.author_id),
  displayName: asString(r.display_name),
  email: asString(r.email),
});

/** Moving to a private path on another network: the customer's identity there, if Lookout knows one. */
const customerIdentityOn = async (tx: Tx, customerId: string | null, kind: string): Promise<InboundAuthor | null> => {
  if (!customerId) return null;
  const [r] = await rowsOf(
    tx,
    sql`select i.external_id as author_id, i.handle, i.display_name, i.email from customer_identities ci join identities i on i.id = ci.identity_id
        where ci.customer_id = ${customerId} and ci.unlinked_at is null and i.channel_kind = ${kind} order by ci.linked_at desc limit 1`,
  );
  return r ? authorOf(r) : null;
};

/** A proactive email (outreach, survey) to a customer known by their address only, not by an email identity. */
const customerEmail = async (tx: Tx, customerId: string | null): Promise<string | null> => {
  if (!customerId) return null;
  const [c] = await tx.select({ email: schema.customers.email }).from(schema.customers).where(eq(schema.customers.id, customerId));
  return c?.email ?? null;
};

/** The channel took it: the id it gave is written back; the first reply starts the wait on the customer. */
export const recordSent = (deps: WorkDeps, job: SendJob, result: SendResult, now: Date): Promise<void> =>
  inWorkspace(deps, job.workspaceId, now, async (work) => {
    const [m] = await work.tx
      .update(schema.messages)
      .set({
        outboxState: 'sent',
        outboxError: null,
        externalId: result.externalId,
        sentAt: now,
        nextAttemptAt: null,
        meta: sql`${schema.messages.meta} || ${JSON.stringify({ externalIds: result.externalIds ?? [result.externalId], url: result.url ?? null })}::jsonb`,
      })
      // A send outlived its lease and was marked unknown meanwhile: the truth wins.
      .where(and(eq(schema.messages.id, job.messageId), sql`(${schema.messages.outboxState} = 'sending' or (${schema.messages.outboxState} = 'failed' and ${schema.messages.outboxError} = ${UNKNOWN_OUTCOME}))`))
      .returning({ id: schema.messages.id });
    if (!m) return;
    const [c] = await work.tx.select().from(schema.conversations).where(eq(schema.conversations.id, job.conversationId)).for('update');
    const who = SYSTEM(work.workspaceId);
    await addTimeline(work, who, job.conversationId, 'reply_sent', { messageId: job.messageId, externalId: result.externalId, url: result.url ?? null });
    work.emit({ type: 'message.sent', subjectId: job.messageId, data: { messageId: job.messageId, conversationId: job.conversationId, externalId: result.externalId, url: result.url ?? null } });
    if (!c) return;
    const moveToPending = c.status === 'new' || c.status === 'open';
    await work.tx
      .update(schema.conversations)
      .set({ ...(moveToPending ? statusChange(c, 'pending', now) : {}), firstResponseAt: c.firstResponseAt ?? now, lastMessageAt: now, updatedAt: now })
      .where(eq(schema.conversations.id, c.id));
    if (moveToPending) await addTimeline(work, who, c.id, 'status_changed', { from: c.status, to: 'pending', because: 'replied' });
    work.emit({
      type: 'conversation.updated',
      subjectId: c.id,
      data: { changes: { ...(moveToPending ? { status: { from: c.status, to: 'pending' } } : {}), ...(c.firstResponseAt ? {} : { firstResponseAt: { from: null, to: now } }) }, isDrill: c.isDrill },
    });
  });

/** Backoff between automatic attempts: 30 s, 1 min, 2 min, 4 min … at most 30 min. */
export const backoffMs = (attempts: number): number => Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));

/**
 * The send failed. Retryable failures (rate limit, network) go back to the queue with a backoff
 * until OUTBOX_MAX_ATTEMPTS; the others — and the last attempt — stay failed with the reason, for
 * a person to read and retry.
 */
export const recordFailure = (deps: WorkDeps, job: Pick<SendJob, 'messageId' | 'workspaceId' | 'conversationId' | 'attempts' | 'isDrill'>, failure: { reason: string; retryable: boolean; retryAfterMs?: number }, now: Date): Promise<'retrying' | 'failed'> =>
  inWorkspace(deps, job.workspaceId, now, async (work) => {
    const retry = failure.retryable && job.attempts < OUTBOX_MAX_ATTEMPTS;
    const next = retry ? new Date(now.getTime() + Math.max(failure.retryAfterMs ?? 0, backoffMs(job.attempts))) : null;
    const [m] = await work.tx
      .update(schema.messages)
      .set({ outboxState: retry ? 'queued' : 'failed', outboxError: failure.reason.slice(0, 1000), nextAttemptAt: next })
      .where(and(eq(schema.messages.id, job.messageId), eq(schema.messages.outboxState, 'sending')))
      .returning({ id: schema.messages.id });
    if (!m) return retry ? 'retrying' : 'failed';
    const data = { messageId: job.messageId, conversationId: job.conversationId, reason: failure.reason, attempts: job.attempts, isDrill: job.isDrill };
    if (retry) {
      work.emit({ type: 'message.retrying', subjectId: job.messageId, data: { ...data, nextAttemptAt: next!.toISOString() } });
      return 'retrying';
    }
    await addTimeline(work, SYSTEM(work.workspaceId), job.conversationId, 'reply_failed', { messageId: job.messageId, reason: failure.reason });
    work.emit({ type: 'message.failed', subjectId: job.messageId, data });
    return 'failed';
  });

/** Sends per minute a channel takes when its config does not say (`channel.config.sendsPerMinute`). */
export const DEFAULT_SENDS_PER_MINUTE: Readonly<Record<string, number>> = { x: 30, bluesky: 30, mastodon: 30, email: 60, webchat: 120, webhook: 60 };
const FALLBACK_SENDS_PER_MINUTE = 30;

const positive = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);

/**
 * A channel's send rate: its configured sends per minute, else its kind's default; and the burst
 * it may send at once (`config.sendBurst`, else a quarter of a minute's worth), so an outreach to a
 * thousand customers neither trips the network's limits nor looks like spam.
 */
export const sendRateOf = (channel: { kind: string; config: Record<string, unknown> }): { perMinute: number; burst: number } => {
  const perMinute = positive(channel.config.sendsPerMinute) ?? DEFAULT_SENDS_PER_MINUTE[channel.kind] ?? FALLBACK_SENDS_PER_MINUTE;
  const burst = Math.max(1, Math.floor(positive(channel.config.sendBurst) ?? Math.ceil(perMinute / 4)));
  return { perMinute, burst };
};

/**
 * A claimed message whose channel is over its send rate goes back to the queue until `until`:
 * deferred, not failed, and the claim does not count as an attempt.
 */
export const deferSend = (db: Database, claimed: Claimed, until: Date): Promise<void> =>
  db.tenant(claimed.workspaceId, async (tx) => {
    await tx
      .update(schema.messages)
      .set({ outboxState: 'queued', outboxAttempts: sql`greatest(${schema.messages.outboxAttempts} - 1, 0)`, nextAttemptAt: until })
      .where(and(eq(schema.messages.id, claimed.id), eq(schema.messages.outboxState, 'sending')));
  });
