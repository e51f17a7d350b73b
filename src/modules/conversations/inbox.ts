import type { SQL } from 'drizzle-orm';
import { sql, type Database, type Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { searchConversationIds } from './search.ts';
import { SLA_AT_RISK_MS, slaView } from './sla-view.ts';
import { asDate, asDateRequired, asNumber, asString, rowsOf } from './sql-rows.ts';
import type { ConversationStatus } from './status.ts';
import type { InboxCounts, InboxFilters, InboxPage, InboxQueue, InboxRow, TagRef } from './types.ts';

/**
 * The inbox: one query per page, driven by the indexes.
 * - The work queues (needs response, unassigned) walk the partial index `conversations_open_queue`
 *   (open work by priority, oldest first); "waiting", "dismissed", "all" and searches walk
 *   `conversations_recent` (newest activity first).
 * - Keyset pagination: the cursor carries the last row's sort key (the timestamp as PostgreSQL
 *   wrote it, to the microsecond), so page N costs what page 1 costs and rows never repeat.
 * - The page's rows are picked first; channel, customer, author, snippet and tags are joined to
 *   those few rows only.
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

type Sort = 'priority' | 'recent';
interface PriorityCursor {
  s: 'priority';
  p: number;
  t: string;
  id: string;
}
interface RecentCursor {
  s: 'recent';
  t: string;
  id: string;
}
type Cursor = PriorityCursor | RecentCursor;

/** A timestamptz as PostgreSQL prints it: `2026-01-05 09:00:00.123456+00`. */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

const decodeCursor = (raw: string, sort: Sort): Cursor => {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    const okTime = typeof c.t === 'string' && PG_TIMESTAMP.test(c.t);
    const okId = typeof c.id === 'string' && /^[0-9a-f-]{36}$/i.test(c.id);
    if (c.s === sort && okTime && okId && (c.s === 'recent' || Number.isInteger(c.p))) return c;
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [{ path: '/querystring/cursor', message: 'use the nextCursor of the previous page with the same queue and sort' }]);
};

const QUEUE_SORT: Record<InboxQueue, Sort> = {
  needs_response: 'priority',
  mine: 'priority',
  my_team: 'priority',
  unassigned: 'priority',
  waiting: 'recent',
  dismissed: 'recent',
  all: 'recent',
};

const statusIn = (list: readonly ConversationStatus[]): SQL => sql`c.status in (${sql.join(list.map((s) => sql`${s}`), sql`, `)})`;

const queueConditions = (queue: InboxQueue, memberId: string | null, now: Date): SQL[] => {
  const notSnoozed = sql`(c.snoozed_until is null or c.snoozed_until <= ${now.toISOString()}::timestamptz)`;
  // Written exactly as the partial index's predicate, so the planner can use it.
  const awaitingUs = sql`c.status in ('new', 'open')`;
  const active = statusIn(['new', 'open', 'pending', 'relieved']);
  const me = memberId ?? '00000000-0000-0000-0000-000000000000';
  switch (queue) {
    case 'needs_response':
      return [awaitingUs, sql`c.needs_response`, notSnoozed];
    case 'unassigned':
      return [awaitingUs, sql`c.needs_response`, sql`c.assignee_id is null`, notSnoozed];
    case 'mine':
      return [active, sql`c.assignee_id = ${me}`];
    case 'my_team':
      return [active, sql`c.team_id in (select tm.team_id from team_members tm where tm.member_id = ${me})`];
    case 'waiting':
      return [sql`c.status = 'pending'`];
    case 'dismissed':
      return [sql`not c.needs_response`];
    case 'all':
      return [];
  }
};

const filterConditions = (f: InboxFilters, workspaceId: string, now: Date): SQL[] => {
  const out: SQL[] = [];
  if (f.status) out.push(sql`c.status = ${f.status}`);
  if (f.channelId) out.push(sql`c.channel_id = ${f.channelId}`);
  if (f.channelKind) out.push(sql`c.channel_id in (select ch.id from channels ch where ch.workspace_id = ${workspaceId} and ch.kind = ${f.channelKind})`);
  if (f.sentiment) out.push(sql`c.sentiment = ${f.sentiment}`);
  if (f.intent) out.push(sql`c.intent = ${f.intent}`);
  if (f.language) out.push(sql`c.language = ${f.language}`);
  if (f.minPriority !== undefined) out.push(sql`c.priority >= ${f.minPriority}`);
  if (f.maxPriority !== undefined) out.push(sql`c.priority <= ${f.maxPriority}`);
  if (f.minInfluence !== undefined) out.push(sql`c.influence >= ${f.minInfluence}`);
  if (f.isDrill !== undefined) out.push(sql`c.is_drill = ${f.isDrill}`);
  if (f.assigneeId) out.push(sql`c.assignee_id = ${f.assigneeId}`);
  if (f.teamId) out.push(sql`c.team_id = ${f.teamId}`);
  if (f.tag) {
    out.push(sql`exists (select 1 from conversation_tags ct join tags t on t.id = ct.tag_id
      where ct.conversation_id = c.id and lower(t.name) = lower(${f.tag}))`);
  }
  if (f.slaAtRisk) {
    const soon = sql`${new Date(now.getTime() + SLA_AT_RISK_MS).toISOString()}::timestamptz`;
    out.push(sql`(c.status not in ('resolved', 'closed') and c.sla_paused_at is null and (
      (c.first_response_at is null and c.first_response_due_at <= ${soon}) or
      (c.relieved_at is null and c.relief_due_at <= ${soon}) or
      (c.resolved_at is null and c.resolution_due_at <= ${soon})))`);
  }
  return out;
};

const cursorCondition = (c: Cursor): SQL =>
  c.s === 'priority'
    ? sql`c.priority <= ${c.p} and (c.priority < ${c.p} or (c.last_message_at, c.id) > (${c.t}::timestamptz, ${c.id}::uuid))`
    : sql`(c.last_message_at, c.id) < (${c.t}::timestamptz, ${c.id}::uuid)`;

const orderBy = (sort: Sort, alias: 'c' | 'p'): SQL =>
  // NULLS LAST as the indexes are built (the columns are never null, but the planner matches the words).
  sort === 'priority'
    ? sql.raw(`${alias}.priority desc nulls last, ${alias}.last_message_at asc, ${alias}.id asc`)
    : sql.raw(`${alias}.last_message_at desc nulls last, ${alias}.id desc nulls last`);

/** Queues counted for the tabs: the work queues. "All" and "Dismissed" are history, not work: not counted. */
const COUNTED = ['needs_response', 'mine', 'my_team', 'unassigned', 'waiting'] as const satisfies readonly InboxQueue[];
/**
 * Counting stops here: a tab says "1000+" rather than make every live refresh count a hundred
 * thousand rows. Each count walks at most this many index entries, so the five together stay cheap
 * at any size.
 */
export const INBOX_COUNT_CAP = 1000;

/** How many conversations each work queue holds for this viewer (the queues' own conditions, no filters). */
export const countInbox = async (db: Database, workspaceId: string, viewer: { memberId: string | null }, now: Date): Promise<InboxCounts> => {
  const parts = COUNTED.map((queue) => {
    const conds = [sql`c.workspace_id = ${workspaceId}`, ...queueConditions(queue, viewer.memberId, now)];
    // The work queues walk their partial index in its order: left to itself, the planner expects the
    // open conversations spread evenly through the table and scans it from the start, where the old
    // resolved ones are (64 ms instead of 5 at a million mentions). The others have selective
    // indexes (assignee, team, status) the planner finds on its own.
    const walk = queue === 'needs_response' || queue === 'unassigned' ? sql` order by ${orderBy('priority', 'c')}` : sql``;
    return sql`(select count(*)::int from (select 1 from conversations c where ${sql.join(conds, sql` and `)}${walk} limit ${INBOX_COUNT_CAP}) x) as ${sql.identifier(queue)}`;
  });
  const rows = await db.tenant(workspaceId, (tx) => rowsOf(tx, sql`select ${sql.join(parts, sql`, `)}`));
  const row = rows[0] ?? {};
  const counts = Object.fromEntries(COUNTED.map((q) => [q, Number(row[q] ?? 0)])) as InboxCounts['counts'];
  return { counts, cap: INBOX_COUNT_CAP };
};

export const listInbox = async (db: Database, workspaceId: string, viewer: { memberId: string | null }, f: InboxFilters, now: Date): Promise<InboxPage> => {
  const queue = f.queue ?? 'needs_response';
  const q = f.q?.trim();
  const sort: Sort = f.sort ?? (q ? 'recent' : QUEUE_SORT[queue]);
  const limit = Math.min(Math.max(f.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const conds: SQL[] = [sql`c.workspace_id = ${workspaceId}`, ...queueConditions(queue, viewer.memberId, now), ...filterConditions(f, workspaceId, now)];
  if (q) {
    const ids = await searchConversationIds(db, workspaceId, q);
    if (!ids.length) return { items: [], nextCursor: null };
    conds.push(sql`c.id = any(${`{${ids.join(',')}}`}::uuid[])`);
  }
  if (f.cursor) conds.push(cursorCondition(decodeCursor(f.cursor, sort)));

  return db.tenant(workspaceId, (tx) => pageOf(tx, workspaceId, conds, sort, limit, now));
};

const pageOf = async (tx: Tx, workspaceId: string, conds: SQL[], sort: Sort, limit: number, now: Date): Promise<InboxPage> => {
  const rows = await rowsOf(
    tx,
    sql`
    with page as (
      select c.* from conversations c where ${sql.join(conds, sql` and `)}
      order by ${orderBy(sort, 'c')} limit ${limit + 1}
    )
    select p.id, p.status, p.priority, p.needs_response, p.triage->'reasons' as reasons, p.sentiment, p.intent, p.language,
      p.channel_id, ch.kind as channel_kind, ch.name as channel_name, p.customer_id, cu.name as customer_name,
      lm.id as mention_id, lm.snippet, lm.author_followers, i.id as identity_id, i.handle, i.display_name, i.followers, i.verified,
      p.assignee_id, am.name as assignee_name, p.team_id, tm.name as team_name,
      p.first_response_due_at, p.relief_due_at, p.resolution_due_at, p.first_response_at, p.relieved_at, p.resolved_at,
      p.sla_paused_at, p.sla_paused_seconds, p.snoozed_until, p.last_message_at, p.last_message_at::text as cursor_t, p.is_drill
    from page p
    left join channels ch on ch.id = p.channel_id
    left join customers cu on cu.id = p.customer_id
    left join members am on am.id = p.assignee_id
    left join teams tm on tm.id = p.team_id
    left join lateral (
      select m.id, m.identity_id, m.author_followers, left(m.text, 600) as snippet from mentions m
      where m.conversation_id = p.id and not m.is_own order by m.authored_at desc limit 1
    ) lm on true
    left join identities i on i.id = lm.identity_id
    order by ${orderBy(sort, 'p')}`,
  );

  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const tagsOf = await tagsFor(tx, workspaceId, pageRows.map((r) => String(r.id)));
  const items = pageRows.map((r) => toInboxRow(r, tagsOf.get(String(r.id)) ?? [], now));
  const last = pageRows.at(-1);
  const nextCursor = more && last
    ? encodeCursor(sort === 'priority' ? { s: 'priority', p: asNumber(last.priority), t: String(last.cursor_t), id: String(last.id) } : { s: 'recent', t: String(last.cursor_t), id: String(last.id) })
    : null;
  return { items, nextCursor };
};

/** One line of plain text: whitespace collapsed, cut at a word near 200 characters. */
export const snippetOf = (text: string | null, max = 200): string => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
};

export const reasonsOf = (v: unknown): string[] => {
  const list = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
};

const toInboxRow = (r: Record<string, unknown>, tags: TagRef[], now: Date): InboxRow => ({
  id: String(r.id),
  status: r.status as ConversationStatus,
  priority: asNumber(r.priority),
  needsResponse: Boolean(r.needs_response),
  reasons: reasonsOf(r.reasons),
  sentiment: asString(r.sentiment),
  intent: asString(r.intent),
  language: asString(r.language),
  channel: r.channel_id && r.channel_kind ? { id: String(r.channel_id), kind: String(r.channel_kind), name: String(r.channel_name) } : null,
  customer: r.customer_id ? { id: String(r.customer_id), name: asString(r.customer_name) } : null,
  author: r.handle
    ? {
        identityId: asString(r.identity_id),
        handle: String(r.handle),
        displayName: asString(r.display_name),
        followers: r.followers === null || r.followers === undefined ? (r.author_followers === null ? null : asNumber(r.author_followers)) : asNumber(r.followers),
        verified: Boolean(r.verified),
      }
    : null,
  latestMentionId: asString(r.mention_id),
  snippet: snippetOf(asString(r.snippet)),
  tags,
  assignee: r.assignee_id ? { id: String(r.assignee_id), name: String(r.assignee_name ?? '') } : null,
  team: r.team_id ? { id: String(r.team_id), name: String(r.team_name ?? '') } : null,
  sla: slaView(
    {
      status: String(r.status),
      firstResponseDueAt: asDate(r.first_response_due_at),
      reliefDueAt: asDate(r.relief_due_at),
      resolutionDueAt: asDate(r.resolution_due_at),
      firstResponseAt: asDate(r.first_response_at),
      relievedAt: asDate(r.relieved_at),
      resolvedAt: asDate(r.resolved_at),
      slaPausedAt: asDate(r.sla_paused_at),
      slaPausedSeconds: asNumber(r.sla_paused_seconds ?? 0),
    },
    now,
  ),
  snoozedUntil: asDate(r.snoozed_until),
  lastMessageAt: asDateRequired(r.last_message_at),
  isDrill: Boolean(r.is_drill),
});

export const tagsFor = async (tx: Tx, workspaceId: string, conversationIds: string[]): Promise<Map<string, TagRef[]>> => {
  const out = new Map<string, TagRef[]>();
  if (!conversationIds.length) return out;
  const rows = await rowsOf<{ conversation_id: string; id: string; name: string; color: string | null }>(
    tx,
    sql`select ct.conversation_id, t.id, t.name, t.color from conversation_tags ct join tags t on t.id = ct.tag_id
        where ct.workspace_id = ${workspaceId} and ct.conversation_id = any(${`{${conversationIds.join(',')}}`}::uuid[]) order by lower(t.name)`,
  );
  for (const r of rows) out.set(r.conversation_id, [...(out.get(r.conversation_id) ?? []), { id: r.id, name: r.name, color: r.color }]);
  return out;
};
