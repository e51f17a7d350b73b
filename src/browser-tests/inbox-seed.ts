import { schema } from '../platform/db/index.ts';
import { systemClock } from '../platform/clock/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { acceptItems, PipelineRunner } from '../modules/ingestion/index.ts';
import { createStages } from '../worker/stages.ts';
import type { Lookout } from './harness.ts';

/**
 * Puts conversations in a browser test's database the way production does: mentions accepted by
 * ingestion, then the real pipeline stages (triage, threading, rules, SLA). The pipeline publishes
 * on the test server's own event bus, so an open console hears about them live.
 */
export interface Mention {
  externalId: string;
  text: string;
  handle: string;
  displayName?: string;
  followers?: number;
}

export const workspaceIdOf = async (lookout: Lookout): Promise<string> => {
  const r = await lookout.server.ctx.db.exec(`select id from workspaces where slug = 'acme'`);
  return String(r.rows[0]!.id);
};

/** An X channel and a default SLA policy (so rows show a countdown). */
export const seedChannel = async (lookout: Lookout): Promise<{ workspaceId: string; channelId: string }> => {
  const workspaceId = await workspaceIdOf(lookout);
  const channelId = await lookout.server.ctx.db.tenant(workspaceId, async (tx) => {
    const [c] = await tx.insert(schema.channels).values({ workspaceId, kind: 'x', name: '@acme on X' }).returning();
    await tx.insert(schema.slaPolicies).values({ workspaceId, name: 'Default', definition: { isDefault: true, targets: { firstResponse: 60, resolution: 1440 } } });
    return c!.id;
  });
  return { workspaceId, channelId };
};

export const deliverMentions = async (lookout: Lookout, at: { workspaceId: string; channelId: string }, mentions: Mention[]): Promise<void> => {
  const { db, bus } = lookout.server.ctx;
  await acceptItems(db, {
    workspaceId: at.workspaceId,
    channelId: at.channelId,
    items: mentions.map((m) => ({
      externalId: m.externalId,
      kind: 'post',
      visibility: 'public',
      text: m.text,
      authoredAt: new Date(),
      author: { externalId: `u-${m.handle}`, handle: m.handle, displayName: m.displayName, followers: m.followers ?? 10 },
      raw: {},
    })),
  });
  await new PipelineRunner(db, createStages({ clock: systemClock, log: silentLogger() }), bus, systemClock, silentLogger()).drain();
};
