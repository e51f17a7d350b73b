import { AppError } from '../../platform/errors/index.ts';
import { and, desc, eq, schema, type Tx } from '../../platform/db/index.ts';
import { buildQuerySet, parseQuery } from '../listening/index.ts';

/** Listening queries: what a workspace listens for on its keyword-search sources. Validated when saved. */
export type ListeningQueryRow = typeof schema.listeningQueries.$inferSelect;

const validate = (query: string) => parseQuery(query, { path: '/body/query' });

const assertChannel = async (tx: Tx, workspaceId: string, channelId: string | null | undefined) => {
  if (!channelId) return;
  const [c] = await tx.select({ id: schema.channels.id }).from(schema.channels).where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.id, channelId)));
  if (!c) throw new AppError('VALIDATION_FAILED', 'Unknown channel', [{ path: '/body/channelId', message: 'no such channel in this workspace' }]);
};

export const listListeningQueries = (tx: Tx, workspaceId: string) =>
  tx.select().from(schema.listeningQueries).where(eq(schema.listeningQueries.workspaceId, workspaceId)).orderBy(schema.listeningQueries.name);

export const createListeningQuery = async (tx: Tx, workspaceId: string, input: { name: string; query: string; channelId?: string | null; isActive?: boolean }) => {
  validate(input.query);
  await assertChannel(tx, workspaceId, input.channelId);
  const [row] = await tx
    .insert(schema.listeningQueries)
    .values({ workspaceId, name: input.name, query: input.query, channelId: input.channelId ?? null, isActive: input.isActive ?? true })
    .returning();
  return row!;
};

export const updateListeningQuery = async (tx: Tx, workspaceId: string, id: string, patch: { name?: string; query?: string; channelId?: string | null; isActive?: boolean }) => {
  if (patch.query) validate(patch.query);
  await assertChannel(tx, workspaceId, patch.channelId);
  const [row] = await tx
    .update(schema.listeningQueries)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(schema.listeningQueries.workspaceId, workspaceId), eq(schema.listeningQueries.id, id)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'Listening query not found');
  return row;
};

export const deleteListeningQuery = async (tx: Tx, workspaceId: string, id: string) => {
  const rows = await tx.delete(schema.listeningQueries).where(and(eq(schema.listeningQueries.workspaceId, workspaceId), eq(schema.listeningQueries.id, id))).returning({ id: schema.listeningQueries.id });
  if (!rows.length) throw new AppError('NOT_FOUND', 'Listening query not found');
};

/** The pipeline's matcher: the workspace's active queries compiled once per batch. */
export const workspaceQueryMatcher = async (tx: Tx, workspaceId: string): Promise<((text: string) => string[]) | null> => {
  const rows = await tx
    .select({ id: schema.listeningQueries.id, query: schema.listeningQueries.query })
    .from(schema.listeningQueries)
    .where(and(eq(schema.listeningQueries.workspaceId, workspaceId), eq(schema.listeningQueries.isActive, true)));
  // A workspace with no queries yet keeps everything its search sources bring (their own terms chose it).
  if (!rows.length) return null;
  const set = buildQuerySet(rows, { onInvalid: 'skip' });
  return (text) => set.match(text);
};

/** The live preview of the console: what this query would have matched among recent mentions. */
export const previewListeningQuery = async (tx: Tx, workspaceId: string, query: string, limit = 20) => {
  const set = buildQuerySet([{ id: 'preview', query: validate(query) }]);
  const recent = await tx
    .select({ id: schema.mentions.id, text: schema.mentions.text, title: schema.mentions.title, authoredAt: schema.mentions.authoredAt, channelKind: schema.channels.kind })
    .from(schema.mentions)
    .innerJoin(schema.channels, eq(schema.channels.id, schema.mentions.channelId))
    .where(and(eq(schema.mentions.workspaceId, workspaceId), eq(schema.mentions.isOwn, false)))
    .orderBy(desc(schema.mentions.receivedAt))
    .limit(2000);
  const hits = recent.filter((m) => set.match(`${m.title ?? ''} ${m.text}`).length);
  return {
    scanned: recent.length,
    matched: hits.length,
    examples: hits.slice(0, limit).map((m) => ({ mentionId: m.id, text: m.text.slice(0, 280), authoredAt: m.authoredAt, channelKind: m.channelKind })),
  };
};
