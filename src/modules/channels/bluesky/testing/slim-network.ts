/**
 * The part of @atproto/dev-env's TestNetwork the connector talks to: PLC directory, PDS, AppView
 * (bsky, with its data plane and repo subscription) and bsync, which the AppView needs for mutes
 * and notification preferences. Ozone (moderation), the third-party PDS that hosts Ozone's service
 * profile, and the lexicon authority are left out: the connector never reaches them, and they
 * take more than half of TestNetwork.create's time. Each piece is dev-env's own class, assembled
 * as TestNetwork.create does (same order, same wiring, same network mocks).
 */
import { createServer } from 'node:net';
import { setTimeout as wait } from 'node:timers/promises';
import { TestBsky, TestBsync, TestPds, TestPlc, mockNetworkUtilities } from '@atproto/dev-env';

export interface BlueskyTestNet {
  plc: TestPlc;
  pds: TestPds;
  bsky: TestBsky;
  bsync: TestBsync;
  processAll(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A free loopback port: the AppView must know the PDS's port before the PDS exists. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });

export const createSlimNetwork = async (opts: {
  dbPostgresUrl: string;
  rateLimits: boolean;
}): Promise<BlueskyTestNet> => {
  const plc = await TestPlc.create({});
  const pdsPort = await freePort();
  const bsyncApiKey = 'bsync-api-key';
  const bsync = await TestBsync.create({ apiKeys: [bsyncApiKey], dbUrl: opts.dbPostgresUrl, dbSchema: 'bsync_lookout' });
  const bsky = await TestBsky.create({
    plcUrl: plc.url,
    pdsPort,
    bsyncApiKey,
    bsyncUrl: bsync.url,
    repoProvider: `ws://localhost:${pdsPort}`,
    dbPostgresSchema: 'appview_lookout',
    dbPostgresUrl: opts.dbPostgresUrl,
    redisHost: process.env['REDIS_HOST'] ?? '127.0.0.1:6379',
  });
  bsync.ctx.dataplaneClients = [bsky.ctx.dataplane];
  const pds = await TestPds.create({
    port: pdsPort,
    didPlcUrl: plc.url,
    bskyAppViewUrl: bsky.url,
    bskyAppViewDid: bsky.ctx.cfg.serverDid,
    rateLimitsEnabled: opts.rateLimits,
  });
  // As TestNetwork: before any event flows, so handle resolutions are not missed.
  mockNetworkUtilities(pds, bsky);

  /** TestNetwork.processAll without Ozone: until the AppView has indexed all the PDS sequenced. */
  const processAll = async (timeoutMs = 5000) => {
    await pds.processAll();
    await bsky.sub.processAll();
    await bsky.bsyncSub.processAll(await bsync.getStreamHeads(), timeoutMs);
    if (!bsky.sub.running) return;
    const started = Date.now();
    const lastSeq = await pds.ctx.sequencer.curr();
    if (!lastSeq) return;
    while (Date.now() - started < timeoutMs) {
      await bsky.sub.processAll();
      const cursor = await bsky.sub.getCursor();
      if (cursor && cursor >= lastSeq) return;
      await wait(5);
    }
    throw new Error(`The AppView did not index sequence ${lastSeq} within ${timeoutMs} ms`);
  };

  return {
    plc,
    pds,
    bsky,
    bsync,
    processAll,
    async close() {
      try {
        await processAll();
      } finally {
        await Promise.allSettled([bsky.close(), bsync.close(), pds.close(), plc.close()]);
      }
    },
  };
};
