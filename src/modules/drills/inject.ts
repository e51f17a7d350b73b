import type { Database } from '../../platform/db/index.ts';
import type { SecretBox } from '../../platform/crypto/index.ts';
import { acceptItems } from '../ingestion/index.ts';
import type { InboundItem } from '../channels/index.ts';
import type { DrillChannelKind } from '../../contracts/drills.ts';
import { drillTiming, ensureDrillChannels, recordOf, type DrillRunRow } from './drill-runs.ts';
import type { DrillItem } from './expand-timeline.ts';

/**
 * Feeds a drill's due mentions through the real ingestion pipeline (the raw store, then every
 * stage), marked is_drill. `from` is how many of the timeline's items were already handed over;
 * handing one over twice is harmless (the raw store is idempotent by channel + external id), which
 * is how a restarted process resumes: it starts again from 0 and only the missing ones are added.
 * Each mention is dated where the compressed timeline puts it.
 */
export const injectDue = async (deps: { db: Database; box: SecretBox }, run: DrillRunRow, now: Date, from: number): Promise<{ next: number; added: number; done: boolean }> => {
  const { items } = drillTiming(run);
  const speed = recordOf(run).speed;
  const start = run.startedAt.getTime();
  const dueAt = (d: DrillItem) => start + d.offsetMs / speed;
  let next = from;
  while (next < items.length && dueAt(items[next]!) <= now.getTime()) next++;
  if (next === from) return { next, added: 0, done: next >= items.length };
  const batch = items.slice(from, next);
  const kinds = [...new Set(batch.map((d) => d.channel))];
  const channels = await deps.db.tenant(run.workspaceId, (tx) => ensureDrillChannels(tx, deps.box, run.workspaceId, kinds));
  let added = 0;
  for (const kind of kinds) {
    const of = batch.filter((d) => d.channel === kind);
    const res = await acceptItems(deps.db, {
      workspaceId: run.workspaceId,
      channelId: channels.get(kind as DrillChannelKind)!,
      items: of.map((d): InboundItem => ({ ...d.item, authoredAt: new Date(dueAt(d)) })),
      isDrill: true,
      receivedAt: now,
    });
    added += res.added;
  }
  return { next, added, done: next >= items.length };
};
