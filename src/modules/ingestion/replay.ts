import { and, eq, gte, inArray, schema, type Database } from '../../platform/db/index.ts';

/**
 * Puts raw items back in the queue so every stage runs again (after a bug fix, a new model, a
 * channel's rules change). Safe because every stage is idempotent: a mention that exists is
 * re-enriched, not stored twice. Returns how many items were queued.
 */
export const queueReplay = async (db: Database, workspaceId: string, opts: { since?: Date; channelId?: string; includeFailed?: boolean } = {}): Promise<number> => {
  const rows = await db.tenant(workspaceId, (tx) =>
    tx
      .update(schema.rawItems)
      .set({ status: 'pending', error: null })
      .where(
        and(
          eq(schema.rawItems.workspaceId, workspaceId),
          opts.since ? gte(schema.rawItems.receivedAt, opts.since) : undefined,
          opts.channelId ? eq(schema.rawItems.channelId, opts.channelId) : undefined,
          inArray(schema.rawItems.status, opts.includeFailed === false ? ['done', 'ignored'] : ['done', 'ignored', 'failed']),
        ),
      )
      .returning({ id: schema.rawItems.id }),
  );
  return rows.length;
};
