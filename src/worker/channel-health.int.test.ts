import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../platform/db/testing.ts';
import { EventBus } from '../platform/events/index.ts';
import { FakeClock } from '../platform/clock/index.ts';
import { schema } from '../platform/db/index.ts';
import { acceptItems } from '../modules/ingestion/index.ts';
import { recordChannelFailure } from '../modules/channels/index.ts';
import { checkChannelHealth } from './channel-health.ts';

describe('channel health monitor', () => {
  let t: TestDatabase;
  let ws: string;
  let channel: string;
  before(async () => {
    t = await createTestDatabase();
    const [w] = await t.db.system((tx) => tx.insert(schema.workspaces).values({ slug: 'h', name: 'H' }).returning());
    ws = w!.id;
    const [c] = await t.db.tenant(ws, (tx) => tx.insert(schema.channels).values({ workspaceId: ws, kind: 'bluesky', name: 'B', createdAt: new Date(Date.now() - 7 * 86_400_000) }).returning());
    channel = c!.id;
  });
  after(() => t.cleanup());

  it('records counts, raises channel.unhealthy once when the credentials are refused, and channel.recovered after', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe(ws, (evs) => seen.push(...evs.map((e) => e.type)));
    const clock = new FakeClock(new Date());
    await acceptItems(t.db, { workspaceId: ws, channelId: channel, items: [{ externalId: 'a', kind: 'post', visibility: 'public', text: 'hi there acme', authoredAt: new Date(), author: { externalId: 'x', handle: 'x' }, raw: {} }] });
    assert.equal(await checkChannelHealth(t.db, bus, clock), 0);
    await recordChannelFailure(t.db, ws, channel, 'auth: app password revoked');
    assert.equal(await checkChannelHealth(t.db, bus, clock), 1);
    assert.equal(await checkChannelHealth(t.db, bus, clock), 0, 'raised once, not every minute');
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(seen, ['channel.unhealthy']);
    const health = (await t.db.exec(`select health from channels where id = '${channel}'`)).rows[0]!.health as Record<string, unknown>;
    assert.equal(health.itemsLastHour, 1);
    assert.equal((health.alert as { problem: string }).problem, 'auth');
    await t.db.exec(`update channels set status = 'active', health = health || '{"problem": null, "consecutiveErrors": 0}'::jsonb where id = '${channel}'`);
    assert.equal(await checkChannelHealth(t.db, bus, clock), 1);
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(seen, ['channel.unhealthy', 'channel.recovered']);
  });
});
