import type { Database } from '../../../platform/db/index.ts';
import { and, eq, schema, sql } from '../../../platform/db/index.ts';
import type { InboundItem } from '../../channels/index.ts';
import { acceptItems } from '../accept.ts';
import type { PipelineRunner } from '../pipeline-runner.ts';

export type ImportRow = { line: number; item: InboundItem } | { line: number; error: string };

export interface ImportStats {
  rows: number;
  added: number;
  duplicates: number;
  skipped: number;
  customers: number;
  conversations: number;
}

export interface ImportProgress {
  rows: number;
  added: number;
  skipped: number;
  fraction: number | null;
}

/**
 * Streams rows into the raw store in batches and runs the pipeline on each batch before reading
 * more (backpressure: memory stays at one batch whatever the file size). Idempotent and resumable:
 * the raw store ignores ids it has, so running it again, or after a crash, adds only what is new.
 * A bad row is reported with its line number and skipped, never fatal.
 */
export const runImport = async (opts: {
  db: Database;
  runner: PipelineRunner;
  workspaceId: string;
  channelId: string;
  rows: AsyncIterable<ImportRow>;
  batchSize?: number;
  onBadRow?: (line: number, reason: string) => void;
  onProgress?: (p: ImportProgress) => void;
  progressFraction?: () => number | null;
}): Promise<ImportStats> => {
  const stats = { rows: 0, added: 0, duplicates: 0, skipped: 0 };
  let batch: InboundItem[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const r = await acceptItems(opts.db, { workspaceId: opts.workspaceId, channelId: opts.channelId, items: batch });
    stats.duplicates += r.duplicates;
    stats.added += r.added;
    batch = [];
    await opts.runner.drain();
    opts.onProgress?.({ rows: stats.rows, added: stats.added, skipped: stats.skipped, fraction: opts.progressFraction?.() ?? null });
  };
  for await (const row of opts.rows) {
    stats.rows++;
    if ('error' in row) {
      stats.skipped++;
      opts.onBadRow?.(row.line, row.error);
      continue;
    }
    batch.push(row.item);
    if (batch.length >= (opts.batchSize ?? 1000)) await flush();
  }
  await flush();
  // Mentions new to the workspace: stored from this import's raw rows (duplicates and reposts are not).
  const counts = await opts.db.tenant(opts.workspaceId, async (tx) => {
    const [m] = await tx
      .select({
        mentions: sql<number>`count(*)::int`,
        customers: sql<number>`count(distinct ${schema.customerIdentities.customerId})::int`,
        conversations: sql<number>`count(distinct ${schema.mentions.conversationId})::int`,
      })
      .from(schema.mentions)
      .leftJoin(schema.customerIdentities, sql`${schema.customerIdentities.identityId} = ${schema.mentions.identityId} and ${schema.customerIdentities.unlinkedAt} is null`)
      .where(and(eq(schema.mentions.workspaceId, opts.workspaceId), eq(schema.mentions.channelId, opts.channelId)));
    return m!;
  });
  return { ...stats, customers: counts.customers, conversations: counts.conversations };
};
