/**
 * The floor under the ingest benchmark: only the writes every accepted mention must make, by the
 * pipeline's own statements, and nothing else — the receiver's raw-store commit, the mention row
 * (with the indexes the console and threading need: inbox order, threads, identities, duplicates,
 * full-text search) and the raw item marked done — no triage, identities, threading, conversations,
 * timeline messages, routing or events. Receivers and the writer run concurrently as in the real
 * benchmark. Whatever the pipeline does on top, it cannot go faster than this on the same machine.
 */
import { randomUUID } from 'node:crypto';
import { enterWorkspace, schema, sql, type Database } from '../../src/platform/db/index.ts';
import type { InboundItem } from '../../src/modules/channels/index.ts';
import { acceptItems, storeMentions } from '../../src/modules/ingestion/index.ts';

export interface FloorResult {
  perSec: number;
  /** CPU per 1,000 mentions: this process, and the database server's processes (PostgreSQL only; 0 on PGlite, which runs in this process). */
  nodeCpuPer1000: number;
  serverCpuPer1000: number;
}

/** `serverCpuMs`: the database server's CPU time so far (all its processes for this database). */
export const floorRate = async (db: Database, items: InboundItem[], opts: { chunk: number; batch: number; serverCpuMs?: () => Promise<number> }): Promise<FloorResult> => {
  const [ws] = await db.system((tx) => tx.insert(schema.workspaces).values({ slug: `floor-${Date.now()}`, name: 'Floor' }).returning());
  const [ch] = await db.tenant(ws!.id, (tx) => tx.insert(schema.channels).values({ workspaceId: ws!.id, kind: 'import', name: 'floor', config: {} }).returning());
  const workspaceId = ws!.id;
  let done = 0;
  let received = 0;
  const cpu0 = process.cpuUsage();
  const server0 = (await opts.serverCpuMs?.()) ?? 0;
  const t0 = performance.now();
  const writer = (async () => {
    while (done < items.length) {
      const n = await db.system(async (tx) => {
        await enterWorkspace(tx, workspaceId);
        const claimed = (await tx.execute(sql`
          select id, external_id, payload, received_at from raw_items where status = 'pending' and workspace_id = ${workspaceId}
          order by id limit ${opts.batch} for update skip locked`)) as unknown as { rows: { id: string | number; external_id: string; payload: { text: string; kind: string; visibility: string; authoredAt: string }; received_at: string | Date }[] };
        if (!claimed.rows.length) return 0;
        await storeMentions(tx, claimed.rows.map((r) => ({
          id: randomUUID(), workspaceId, channelId: ch!.id, rawItemId: Number(r.id), externalId: r.external_id, kind: r.payload.kind as 'post', visibility: r.payload.visibility as 'public',
          title: null, text: r.payload.text, url: null, language: null, identityId: null, conversationId: null, inReplyToExternalId: null, threadRootExternalId: null,
          matchedQueryIds: [], triage: null, priority: 0, sentiment: null, sentimentScore: null, intent: null, needsResponse: true, isOwn: false, isDrill: false,
          authorFollowers: 0, engagement: {}, contentHash: null, authoredAt: new Date(r.payload.authoredAt), receivedAt: new Date(r.received_at),
        })));
        await tx.execute(sql`update raw_items set status = 'done', processed_at = now(), attempts = attempts + 1
          where id in (select (jsonb_array_elements_text(${JSON.stringify(claimed.rows.map((r) => Number(r.id)))}::jsonb))::bigint)`);
        return claimed.rows.length;
      });
      done += n;
      if (!n) await new Promise((r) => setTimeout(r, 2));
    }
  })();
  for (let i = 0; i < items.length; i += opts.chunk) {
    while (received - done > opts.chunk * 8) await new Promise((r) => setTimeout(r, 2));
    await acceptItems(db, { workspaceId, channelId: ch!.id, items: items.slice(i, i + opts.chunk) });
    received += Math.min(opts.chunk, items.length - i);
  }
  await writer;
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const server = ((await opts.serverCpuMs?.()) ?? 0) - server0;
  const per1000 = (ms: number) => Math.round((ms / items.length) * 1000);
  return { perSec: Math.round(items.length / secs), nodeCpuPer1000: per1000((cpu.user + cpu.system) / 1000), serverCpuPer1000: per1000(server) };
};
