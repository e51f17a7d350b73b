import { randomUUID } from 'node:crypto';
import { and, bulkInsert, eq, inArray, schema, sql, type Tx } from '../../platform/db/index.ts';
import type { DomainEvent } from '../../platform/events/index.ts';
import type { InboundItem } from '../channels/index.ts';
import { clampText, contentHash, fromStored, threadKeys, type StoredItem } from './normalize.ts';
import { resolveAuthors } from './resolve-authors.ts';
import { storeMentions } from './store-mentions.ts';
import { unansweredSince } from './unanswered-since.ts';
import { keyRows } from './sql-list.ts';
import { beginStep, timed, timingBackend } from './stage-timings.ts';
import { findConversations, FOLLOW_UP_WINDOW_MS } from './find-conversations.ts';
import { attachOwnParents, findOrphanChildren, mergeConversations } from './adopt-orphans.ts';
import type { EnrichInput, PipelineStages, RoutableConversation } from './stages.ts';

export interface RawRow {
  id: number;
  channelId: string;
  externalId: string;
  payload: StoredItem;
  receivedAt: Date;
  isDrill: boolean;
  /** How many times the pipeline ran it before (replays): effects that count must happen once. */
  attempts?: number;
}

export interface BatchResult {
  events: DomainEvent[];
  stored: number;
  ignored: number;
  /** Mentions that existed already (a replay): re-enriched, not stored twice. */
  reprocessed: number;
}

type Outcome = { status: 'done' | 'ignored'; error: string | null };

const CHUNK = 500;
const chunks = <T>(xs: T[], n = CHUNK): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

const REOPENS = new Set(['pending', 'relieved', 'resolved']);

/**
 * Runs every stage after the raw store for one batch of one workspace, inside the caller's
 * transaction (already scoped to the workspace): normalize → drop noise → resolve identities →
 * enrich → thread into conversations → store mentions and messages → route → events.
 * All-or-nothing: if it throws, the transaction rolls back and the raw rows stay pending.
 * `prepared`: what `stages.prepare` gave for each raw row (by id), when the runner ran it ahead.
 */
export const processBatch = async (tx: Tx, workspaceId: string, rows: RawRow[], stages: PipelineStages, now: Date, prepared?: Map<number, unknown>): Promise<BatchResult> => {
  // Benchmarks only (collectStageTimings): what each step costs; otherwise T just runs the step.
  const pid = await timingBackend(tx);
  const T = <X>(name: string, step: () => Promise<X> | X): Promise<X> => timed(name, pid, step);
  const outcome = new Map<number, Outcome>();
  const entries = rows
    .map((row) => ({ row, item: fromStored(row.payload) }))
    .sort((a, b) => a.item.authoredAt.getTime() - b.item.authoredAt.getTime() || a.row.id - b.row.id);

  const channelIds = [...new Set(rows.map((r) => r.channelId))];
  const channelRows = await T('setup', () => tx.select({ id: schema.channels.id, kind: schema.channels.kind, config: schema.channels.config }).from(schema.channels).where(inArray(schema.channels.id, channelIds)));
  // Identities belong to a network: an import of X data and a live X channel share their authors.
  const kindOf = new Map(channelRows.map((c) => [c.id, typeof c.config.network === 'string' ? c.config.network : c.kind]));
  // Imports keep the source's own threads: no same-author follow-up joining.
  const noFollowUps = new Set(channelRows.filter((c) => c.config.followUps === false).map((c) => c.id));
  const [ws] = await T('setup', () => tx.select({ settings: schema.workspaces.settings }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId)));

  // Replays: a mention that exists already is re-enriched, never stored twice.
  // Only replayed rows (run before) can have mentions already: first deliveries skip the lookup.
  const rerun = entries.filter((e) => e.row.attempts !== 0).map((e) => e.row);
  const existing = rerun.length ? await T('existing', () => existingMentions(tx, workspaceId, rerun)) : new Map<string, { id: string; conversationId: string | null }>();
  const fresh = entries.filter((e) => !existing.has(`${e.row.channelId}:${e.row.externalId}`));
  const replayed = entries.filter((e) => existing.has(`${e.row.channelId}:${e.row.externalId}`));

  // Noise: reposts collapse into their original; keyword-search items need a listening query;
  // the same post from two sources is kept once.
  const matcher = fresh.some((e) => e.item.fromSearch) ? await stages.matchQueries(tx, workspaceId) : null;
  const matched = new Map<number, string[]>();
  const reposts: { channelId: string; original: string }[] = [];
  const hashes = new Map<number, string>();
  const kept: typeof fresh = [];
  const seenHashes = await T('hashes', () => recentHashes(tx, workspaceId, fresh.map((e) => contentHash(e.item)).filter((h): h is string => Boolean(h)), now));
  for (const e of fresh) {
    if (e.item.repostOf || e.item.kind === 'repost') {
      if (e.item.repostOf && !e.row.attempts) reposts.push({ channelId: e.row.channelId, original: e.item.repostOf });
      outcome.set(e.row.id, { status: 'ignored', error: `repost of ${e.item.repostOf ?? 'unknown'}` });
      continue;
    }
    if (e.item.fromSearch && matcher) {
      const ids = matcher(`${e.item.title ?? ''} ${e.item.text}`);
      if (!ids.length) {
        outcome.set(e.row.id, { status: 'ignored', error: 'no listening query matched' });
        continue;
      }
      matched.set(e.row.id, ids);
    }
    const h = contentHash(e.item);
    if (h && !e.item.isOwn && e.item.visibility === 'public') {
      // The same post heard through another channel is a duplicate; the same author saying the
      // same thing twice on one channel is two messages (a repeated complaint counts).
      const heardOn = seenHashes.get(h);
      if (heardOn && !heardOn.has(e.row.channelId)) {
        outcome.set(e.row.id, { status: 'ignored', error: 'duplicate of a mention from another source' });
        continue;
      }
      seenHashes.set(h, (heardOn ?? new Set()).add(e.row.channelId));
      hashes.set(e.row.id, h);
    }
    kept.push(e);
  }
  if (reposts.length) await countReposts(tx, workspaceId, reposts);

  const inbound = kept.filter((e) => !e.item.isOwn);
  const authors = await T('authors', () => resolveAuthors(
    tx,
    workspaceId,
    inbound.map((e) => ({ channelKind: kindOf.get(e.row.channelId) ?? 'unknown', author: e.item.author })),
  ));
  const threads = await T('threads', () => findConversations(tx, workspaceId, kept.map((e) => ({ channelId: e.row.channelId, keys: threadKeys(e.item) })), authors.customerIds()));
  const orphans = await T('orphans', () => findOrphanChildren(tx, workspaceId, kept.map((e) => ({ channelId: e.row.channelId, externalId: e.item.externalId }))));
  const merges: { from: string; into: string }[] = [];
  const ownParents: { channelId: string; externalId: string; conversationId: string }[] = [];

  // Enrichment of every inbound item in one call (the triage models are per-item and fast).
  // Urgency needs the conversation an item joins: how long the customer has been waiting for an
  // answer and how many times they wrote since the last one. Known before storing for items that
  // thread onto stored conversations (replies, follow-ups); a new conversation waits from now.
  const joins = new Map<number, string>();
  for (const e of inbound) {
    let c = threads.byKeys(e.row.channelId, threadKeys(e.item));
    const customerId = authors.customerOf(kindOf.get(e.row.channelId) ?? 'unknown', e.item.author.externalId);
    const window = FOLLOW_UP_WINDOW_MS[e.item.kind];
    if (!c && customerId && window && !noFollowUps.has(e.row.channelId)) c = threads.followUp(customerId, e.row.channelId, e.item.authoredAt, window);
    if (c) joins.set(e.row.id, c);
  }
  const waiting = await T('waiting', () => unansweredSince(tx, workspaceId, [...new Set(joins.values())]));
  const enrichInputs: EnrichInput[] = inbound.map((e) => {
    const customerId = authors.customerOf(kindOf.get(e.row.channelId) ?? 'unknown', e.item.author.externalId);
    const c = customerId ? authors.customer(customerId) : null;
    const w = waiting.get(joins.get(e.row.id) ?? '');
    return { item: e.item, channelKind: kindOf.get(e.row.channelId) ?? 'unknown', customer: c ? { tier: c.tier, isVip: c.isVip } : null, repeatContacts: w?.count ?? 0, waitingSince: w?.since ?? null, prepared: prepared?.get(e.row.id) };
  });
  const preloaded = inbound.length || replayed.length ? await T('preload', async () => stages.preloadEnrich?.(tx, workspaceId)) : undefined;
  const enrichments = await T('enrich', () => stages.enrich(enrichInputs, { workspaceId, settings: ws?.settings ?? {}, now, preloaded }));
  const enrichmentOf = new Map(inbound.map((e, i) => [e.row.id, enrichments[i]!]));

  const mentionRows: (typeof schema.mentions.$inferInsert)[] = [];
  const newConversations = new Map<string, typeof schema.conversations.$inferInsert>();
  const touched = new Map<string, { at: Date; inboundAt: Date | null; priority: number; needs: boolean; influence: number; reopen: boolean; responseAt: Date | null }>();
  const routables: RoutableConversation[] = [];
  const events: DomainEvent[] = [];

  const built = beginStep('build', pid);
  for (const e of kept) {
    const { item, row } = e;
    const channelKind = kindOf.get(row.channelId) ?? 'unknown';
    const mentionId = randomUUID();
    const isOwn = Boolean(item.isOwn);
    const identity = isOwn ? null : authors.identityOf(channelKind, item.author.externalId);
    const customerId = isOwn ? null : authors.customerOf(channelKind, item.author.externalId);
    const enrichment = enrichmentOf.get(row.id);

    let conversationId = threads.byKeys(row.channelId, threadKeys(item));
    // Replies that arrived before this item: join their conversation, or bring them into ours.
    const childConversations = orphans.conversations.get(`${row.channelId}:${item.externalId}`) ?? [];
    if (!conversationId && childConversations.length) conversationId = childConversations[0]!;
    for (const c of childConversations) if (conversationId && c !== conversationId) merges.push({ from: c, into: conversationId });
    if (!conversationId && !isOwn && customerId && FOLLOW_UP_WINDOW_MS[item.kind] && !noFollowUps.has(row.channelId)) {
      conversationId = threads.followUp(customerId, row.channelId, item.authoredAt, FOLLOW_UP_WINDOW_MS[item.kind]!);
    }
    let isNew = false;
    if (!conversationId && !isOwn) {
      conversationId = randomUUID();
      isNew = true;
      newConversations.set(conversationId, {
        id: conversationId,
        workspaceId,
        channelId: row.channelId,
        customerId,
        subject: item.title ?? null,
        status: 'new',
        priority: enrichment?.priority ?? 0,
        needsResponse: enrichment?.needsResponse ?? true,
        sentiment: enrichment?.sentiment ?? null,
        intent: enrichment?.intent ?? null,
        language: enrichment?.language ?? null,
        influence: item.author.followers ?? 0,
        triage: enrichment?.triage ?? {},
        lastMessageAt: item.authoredAt,
        lastInboundAt: item.authoredAt,
        isDrill: row.isDrill,
        createdAt: item.authoredAt < now ? item.authoredAt : now,
        updatedAt: now,
      });
      threads.remember(customerId, row.channelId, conversationId, item.authoredAt);
      // A brand post this item answers, which opened no conversation, joins this one.
      if (item.inReplyTo) {
        ownParents.push({ channelId: row.channelId, externalId: item.inReplyTo, conversationId });
        threads.rememberKey(row.channelId, item.inReplyTo, conversationId);
      }
    }
    threads.rememberKey(row.channelId, item.externalId, conversationId ?? null);
    // Brand replies to this item that arrived first and belong to no conversation join this one.
    if (conversationId) {
      for (const ownChild of orphans.ownWithout.get(`${row.channelId}:${item.externalId}`) ?? []) {
        ownParents.push({ channelId: row.channelId, externalId: ownChild, conversationId });
        threads.rememberKey(row.channelId, ownChild, conversationId);
      }
    }

    mentionRows.push({
      id: mentionId,
      workspaceId,
      channelId: row.channelId,
      rawItemId: row.id,
      externalId: item.externalId,
      kind: item.kind,
      visibility: item.visibility,
      title: item.title ?? null,
      text: clampText(item.text),
      url: item.url ?? null,
      language: enrichment?.language ?? null,
      identityId: identity,
      conversationId: conversationId ?? null,
      inReplyToExternalId: item.inReplyTo ?? null,
      threadRootExternalId: item.threadRoot ?? null,
      matchedQueryIds: matched.get(row.id) ?? [],
      triage: enrichment?.triage ?? null,
      priority: enrichment?.priority ?? 0,
      sentiment: enrichment?.sentiment ?? null,
      sentimentScore: enrichment?.sentimentScore ?? null,
      intent: enrichment?.intent ?? null,
      needsResponse: isOwn ? false : (enrichment?.needsResponse ?? true),
      isOwn,
      isDrill: row.isDrill,
      authorFollowers: item.author.followers ?? 0,
      engagement: item.engagement ?? {},
      contentHash: hashes.get(row.id) ?? null,
      authoredAt: item.authoredAt,
      receivedAt: row.receivedAt,
    });
    outcome.set(row.id, { status: 'done', error: null });
    if (!conversationId) continue;

    // The mention is its own timeline message (inbound, or outbound and sent for a brand post): timeline_messages.
    if (!isNew) {
      const t = touched.get(conversationId) ?? { at: item.authoredAt, inboundAt: null, priority: 0, needs: false, influence: 0, reopen: false, responseAt: null };
      t.at = item.authoredAt > t.at ? item.authoredAt : t.at;
      if (isOwn) t.responseAt ??= item.authoredAt;
      else {
        t.inboundAt = item.authoredAt;
        t.priority = Math.max(t.priority, enrichment?.priority ?? 0);
        t.needs ||= enrichment?.needsResponse ?? true;
        t.influence = Math.max(t.influence, item.author.followers ?? 0);
        t.reopen = true;
      }
      touched.set(conversationId, t);
    } else if (isOwn) {
      // unreachable: own items never open conversations
    }
    if (isOwn) {
      const nc = newConversations.get(conversationId);
      if (nc) {
        nc.firstResponseAt ??= item.authoredAt;
        nc.status = 'pending';
        nc.lastMessageAt = item.authoredAt;
      }
    }
    if (!isOwn && enrichment) {
      routables.push({ conversationId, isNew, mentionId, channelId: row.channelId, channelKind, customerId, item, enrichment, matchedQueryIds: matched.get(row.id) ?? [], isDrill: row.isDrill });
    }
  }
  built();

  for (const part of chunks([...newConversations.values()], 2000)) await T('insConv', () => bulkInsert(tx, schema.conversations, part));
  for (const part of chunks(mentionRows, 2000)) await T('insMent', () => storeMentions(tx, part));
  if (touched.size) await T('touched', () => updateTouched(tx, workspaceId, touched, now));
  if (ownParents.length) await T('ownParents', () => attachOwnParents(tx, workspaceId, ownParents));
  if (merges.length) await mergeConversations(tx, workspaceId, merges);

  const reprocessed = await T('reEnrich', () => reEnrich(tx, workspaceId, replayed, existing, kindOf, stages, ws?.settings ?? {}, now, preloaded));
  for (const e of replayed) outcome.set(e.row.id, { status: 'done', error: null });

  events.push(...(await T('route', () => stages.route(tx, workspaceId, routables, now))));
  const byConversation = new Map<string, { isNew: boolean; mentionIds: string[]; priority: number; isDrill: boolean }>();
  for (const r of routables) {
    const ev = byConversation.get(r.conversationId) ?? { isNew: r.isNew, mentionIds: [], priority: 0, isDrill: r.isDrill };
    ev.mentionIds.push(r.mentionId);
    ev.priority = Math.max(ev.priority, r.enrichment.priority);
    byConversation.set(r.conversationId, ev);
  }
  for (const [conversationId, ev] of byConversation) {
    events.push({ type: ev.isNew ? 'conversation.created' : 'conversation.message', subjectId: conversationId, data: { mentionIds: ev.mentionIds, priority: ev.priority, isDrill: ev.isDrill } });
  }
  for (const [conversationId, t] of touched) {
    if (t.responseAt && !byConversation.has(conversationId)) events.push({ type: 'conversation.message', subjectId: conversationId, data: { outbound: true } });
  }
  await T('markRaw', () => markRaw(tx, outcome));
  const ignored = [...outcome.values()].filter((o) => o.status === 'ignored').length;
  return { events, stored: mentionRows.length, ignored, reprocessed };
};

const existingMentions = async (tx: Tx, workspaceId: string, rows: RawRow[]): Promise<Map<string, { id: string; conversationId: string | null }>> => {
  const found = new Map<string, { id: string; conversationId: string | null }>();
  for (const part of chunks(rows)) {
    const hits = await tx
      .select({ id: schema.mentions.id, channelId: schema.mentions.channelId, externalId: schema.mentions.externalId, conversationId: schema.mentions.conversationId })
      .from(schema.mentions)
      .where(and(eq(schema.mentions.workspaceId, workspaceId), inArray(schema.mentions.rawItemId, part.map((r) => r.id))));
    for (const h of hits) found.set(`${h.channelId}:${h.externalId}`, { id: h.id, conversationId: h.conversationId });
  }
  return found;
};

/** Content hashes heard in the last week, with the channels they were heard on. */
const recentHashes = async (tx: Tx, workspaceId: string, hashes: string[], now: Date): Promise<Map<string, Set<string>>> => {
  const seen = new Map<string, Set<string>>();
  for (const part of chunks([...new Set(hashes)], 1000)) {
    const res = (await tx.execute(sql`
      select m.content_hash as h, m.channel_id from ${keyRows(part)} as k(v)
      join mentions m on m.workspace_id = ${workspaceId} and m.content_hash = k.v and m.received_at > ${new Date(now.getTime() - 7 * 86_400_000).toISOString()}::timestamptz`)) as unknown as { rows: { h: string; channel_id: string }[] };
    for (const r of res.rows) seen.set(r.h, (seen.get(r.h) ?? new Set()).add(r.channel_id));
  }
  return seen;
};

const countReposts = (tx: Tx, workspaceId: string, reposts: { channelId: string; original: string }[]) =>
  tx.execute(sql`
    update mentions m set engagement = m.engagement || jsonb_build_object('reposts', coalesce((m.engagement->>'reposts')::int, 0) + v.n)
    from (select channel_id, external_id, count(*)::int as n from jsonb_to_recordset(${JSON.stringify(reposts.map((r) => ({ channel_id: r.channelId, external_id: r.original })))}::jsonb)
          as x(channel_id uuid, external_id text) group by 1, 2) v
    where m.workspace_id = ${workspaceId} and m.channel_id = v.channel_id and m.external_id = v.external_id`);

const updateTouched = (tx: Tx, workspaceId: string, touched: Map<string, { at: Date; inboundAt: Date | null; priority: number; needs: boolean; influence: number; reopen: boolean; responseAt: Date | null }>, now: Date) => {
  const rows = [...touched].map(([id, t]) => ({ id, at: t.at.toISOString(), inbound_at: t.inboundAt?.toISOString() ?? null, priority: t.priority, needs: t.needs, influence: t.influence, reopen: t.reopen, response_at: t.responseAt?.toISOString() ?? null }));
  // A customer writing again reopens a conversation that was waiting on them or done; a brand reply
  // heard on the channel counts as the first response.
  return tx.execute(sql`
    update conversations c set
      last_message_at = greatest(c.last_message_at, v.at),
      last_inbound_at = coalesce(greatest(c.last_inbound_at, v.inbound_at), c.last_inbound_at, v.inbound_at),
      priority = greatest(c.priority, v.priority),
      needs_response = c.needs_response or v.needs,
      influence = greatest(c.influence, v.influence),
      first_response_at = coalesce(c.first_response_at, v.response_at),
      status = case when v.reopen and c.status in (${sql.join([...REOPENS].map((s) => sql`${s}`), sql`, `)}) then 'open'
                    when v.response_at is not null and not v.reopen and c.status in ('new', 'open') then 'pending'
                    else c.status end,
      updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, at timestamptz, inbound_at timestamptz, priority int, needs boolean, influence int, reopen boolean, response_at timestamptz)
    where c.workspace_id = ${workspaceId} and c.id = v.id`);
};

const reEnrich = async (
  tx: Tx,
  workspaceId: string,
  replayed: { row: RawRow; item: InboundItem }[],
  existing: Map<string, { id: string; conversationId: string | null }>,
  kindOf: Map<string, string>,
  stages: PipelineStages,
  settings: Record<string, unknown>,
  now: Date,
  preloaded: unknown,
): Promise<number> => {
  const inbound = replayed.filter((e) => !e.item.isOwn);
  if (!inbound.length) return 0;
  const results = stages.enrich(
    inbound.map((e) => ({ item: e.item, channelKind: kindOf.get(e.row.channelId) ?? 'unknown', customer: null, repeatContacts: 0, waitingSince: null })),
    { workspaceId, settings, now, preloaded },
  );
  const rows = inbound.map((e, i) => {
    const r = results[i]!;
    return { id: existing.get(`${e.row.channelId}:${e.row.externalId}`)!.id, triage: r.triage, priority: r.priority, sentiment: r.sentiment, score: r.sentimentScore, intent: r.intent, needs: r.needsResponse, language: r.language };
  });
  await tx.execute(sql`
    update mentions m set triage = v.triage, priority = v.priority, sentiment = v.sentiment, sentiment_score = v.score, intent = v.intent, needs_response = v.needs, language = v.language
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, triage jsonb, priority int, sentiment text, score real, intent text, needs boolean, language text)
    where m.workspace_id = ${workspaceId} and m.id = v.id`);
  return rows.length;
};

const markRaw = async (tx: Tx, outcome: Map<number, Outcome>) => {
  if (!outcome.size) return;
  const rows = [...outcome].map(([id, o]) => ({ id, status: o.status, error: o.error }));
  await tx.execute(sql`
    update raw_items r set status = v.status, error = v.error, processed_at = now(), attempts = r.attempts + 1
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id bigint, status text, error text)
    where r.id = v.id`);
};
