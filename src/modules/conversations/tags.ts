import { and, eq, inArray, schema, sql, type Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { getConversationRow } from './conversation-detail.ts';
import { tagsFor } from './inbox.ts';
import { rowsOf } from './sql-rows.ts';
import type { TagRef } from './types.ts';
import { addTimeline, type Who, type Work } from './work.ts';

export const MAX_TAG_LENGTH = 50;

/** "  Billing   issue " and "billing issue" are one tag; the first spelling is kept. */
export const normalizeTagNames = (names: readonly string[]): string[] => {
  const seen = new Map<string, string>();
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    if (!name) continue;
    if (name.length > MAX_TAG_LENGTH) throw new AppError('VALIDATION_FAILED', 'Tag too long', [{ path: '/body/tags', message: `at most ${MAX_TAG_LENGTH} characters: "${name.slice(0, 20)}…"` }]);
    if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()];
};

export const listTags = (tx: Tx, workspaceId: string): Promise<TagRef[]> =>
  rowsOf<TagRef>(tx, sql`select id, name, color from tags where workspace_id = ${workspaceId} order by lower(name)`);

/** Creates the tags that do not exist yet (by name, case-insensitive) and returns all of them. */
const ensureTags = async (tx: Tx, workspaceId: string, names: string[]): Promise<TagRef[]> => {
  if (!names.length) return [];
  const values = sql.join(names.map((n) => sql`(${workspaceId}::uuid, ${n})`), sql`, `);
  await tx.execute(sql`insert into tags (workspace_id, name) values ${values} on conflict (workspace_id, lower(name)) do nothing`);
  const lower = names.map((n) => n.toLowerCase());
  return rowsOf<TagRef>(tx, sql`select id, name, color from tags where workspace_id = ${workspaceId} and lower(name) in (${sql.join(lower.map((n) => sql`${n}`), sql`, `)})`);
};

/** Sets a conversation's tags to exactly these names, creating new tags as needed. */
export const setConversationTags = async (work: Work, who: Who, conversationId: string, names: readonly string[]): Promise<TagRef[]> => {
  const c = await getConversationRow(work.tx, work.workspaceId, conversationId);
  const wanted = await ensureTags(work.tx, work.workspaceId, normalizeTagNames(names));
  const current = (await tagsFor(work.tx, work.workspaceId, [conversationId])).get(conversationId) ?? [];
  const wantedIds = new Set(wanted.map((t) => t.id));
  const currentIds = new Set(current.map((t) => t.id));
  const added = wanted.filter((t) => !currentIds.has(t.id));
  const removed = current.filter((t) => !wantedIds.has(t.id));
  if (removed.length) {
    await work.tx
      .delete(schema.conversationTags)
      .where(and(eq(schema.conversationTags.conversationId, conversationId), inArray(schema.conversationTags.tagId, removed.map((t) => t.id))));
  }
  if (added.length) {
    await work.tx.insert(schema.conversationTags).values(added.map((t) => ({ workspaceId: work.workspaceId, conversationId, tagId: t.id, createdAt: work.now }))).onConflictDoNothing();
  }
  if (added.length || removed.length) {
    const diff = { added: added.map((t) => t.name), removed: removed.map((t) => t.name) };
    await addTimeline(work, who, conversationId, 'tags_changed', diff);
    work.emit({ type: 'conversation.updated', subjectId: conversationId, data: { changes: { tags: { ...diff, to: wanted.map((t) => t.name) } }, isDrill: c.isDrill } });
  }
  return wanted.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
};
