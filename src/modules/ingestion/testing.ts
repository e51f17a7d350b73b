import { schema, type Database } from '../../platform/db/index.ts';
import { FakeClock } from '../../platform/clock/index.ts';
import { EventBus } from '../../platform/events/index.ts';
import { silentLogger } from '../../platform/logger/index.ts';
import type { InboundItem } from '../channels/index.ts';
import { PipelineRunner } from './pipeline-runner.ts';
import { defaultStages, type PipelineStages } from './stages.ts';

/** Test helpers for the pipeline: a workspace with channels, items made to measure, a runner. */
export const seedChannels = async (db: Database, slug = 'acme') => {
  const [ws] = await db.system((tx) => tx.insert(schema.workspaces).values({ slug, name: slug }).returning());
  const channels = await db.tenant(ws!.id, (tx) =>
    tx
      .insert(schema.channels)
      .values([
        { workspaceId: ws!.id, kind: 'bluesky', name: 'Bluesky' },
        { workspaceId: ws!.id, kind: 'x', name: 'X' },
        { workspaceId: ws!.id, kind: 'email', name: 'Support mailbox' },
      ])
      .returning(),
  );
  return { workspaceId: ws!.id, bluesky: channels[0]!.id, x: channels[1]!.id, email: channels[2]!.id };
};

let seq = 0;
export const item = (over: Partial<InboundItem> & { author?: Partial<InboundItem['author']> } = {}): InboundItem => {
  seq++;
  const { author, ...rest } = over;
  return {
    externalId: `ext-${seq}`,
    kind: 'post',
    visibility: 'public',
    text: `my order #${seq} never arrived and nobody answers`,
    authoredAt: new Date(Date.UTC(2026, 0, 5, 9, 0, seq % 60)),
    author: { externalId: 'did:plc:jo', handle: 'jo.bsky.social', displayName: 'Jo', followers: 120, ...author },
    raw: { seq },
    ...rest,
  };
};

export const makeRunner = (db: Database, stages: PipelineStages = defaultStages, bus = new EventBus()) =>
  new PipelineRunner(db, stages, bus, new FakeClock('2026-01-05T10:00:00Z'), silentLogger(), { batchSize: 100 });
