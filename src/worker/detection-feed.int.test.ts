import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../platform/clock/index.ts';
import { schema, sql, eq } from '../platform/db/index.ts';
import { createDetector } from '../modules/detection/index.ts';
import { backgroundStream } from '../modules/detection/synthetic-stream.ts';
import { deliver, seedChannel, type TestItem } from '../modules/conversations/testing.ts';
import { createTestApp, seedWorkspace, type TestApp } from '../server/testing.ts';
import { DetectionFeed, saveDetectorState } from './detection-feed.ts';

const START = new Date('2026-03-02T00:00:00Z'); // a Monday
const T = new Date('2026-03-05T14:00:00Z'); // the Thursday afternoon the burst starts
const minutes = (n: number) => new Date(T.getTime() + n * 60_000);

const OVERHEATING = [
  'My battery is overheating since the update, phone too hot to hold',
  'battery overheating again on the X2, anyone else?',
  'Phone battery overheating while charging. Scary. @acme fix this',
  'Is the battery overheating thing a known issue? Mine is burning hot',
];

/** Mentions through the real pipeline, then dated as if they had arrived when written. */
const deliverAt = async (t: TestApp, workspaceId: string, channelId: string, items: TestItem[], opts: { isDrill?: boolean } = {}) => {
  await deliver(t.ctx, workspaceId, channelId, items, opts);
  await t.ctx.db.system((tx) => tx.execute(sql`update mentions set received_at = authored_at where workspace_id = ${workspaceId}`));
};

const burstItems = (prefix: string, count: number, from: number, span: number): TestItem[] =>
  Array.from({ length: count }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    text: OVERHEATING[i % OVERHEATING.length]!,
    author: { externalId: `${prefix}-author-${i}`, handle: `${prefix}_user_${i}`, followers: 100 + i },
    authoredAt: minutes(from + (i * span) / count),
    triage: { sentiment: 'negative' as const },
  }));

/** A detector that has seen three ordinary days, saved as the workspace's live detector just before T. */
const seedBaseline = async (t: TestApp, workspaceId: string) => {
  const detector = createDetector();
  for (const m of backgroundStream({ start: START, days: 3.58, peakPerHour: 60, seed: 3 })) {
    if (m.createdAt.getTime() < T.getTime()) detector.push(m);
  }
  detector.flush(T);
  await saveDetectorState(t.ctx.db, workspaceId, detector, new Date(T.getTime() - 1));
};

const incidentsOf = (t: TestApp, workspaceId: string) =>
  t.ctx.db.tenant(workspaceId, (tx) => tx.select().from(schema.incidents).where(eq(schema.incidents.workspaceId, workspaceId)));

describe('live detection feed', () => {
  let t: TestApp;
  let feed: DetectionFeed;
  const clock = new FakeClock(T);

  before(async () => {
    t = await createTestApp({ clock });
    feed = new DetectionFeed({ db: t.ctx.db, bus: t.ctx.bus, clock, log: t.ctx.log });
  });
  after(() => t.close());

  it('a burst in a workspace with a baseline opens an incident, and later matching mentions attach themselves', async () => {
    const ws = await seedWorkspace(t.ctx, 'burst');
    const events: string[] = [];
    t.ctx.bus.subscribe(ws.id, (evs) => events.push(...evs.map((e) => e.type)));
    const channel = await seedChannel(t.ctx, ws.id, 'x');
    await seedBaseline(t, ws.id);
    clock.set(minutes(1));
    await deliverAt(t, ws.id, channel, burstItems('spike', 40, 1, 14));

    clock.set(minutes(16));
    assert.equal(await feed.runOnce(), 40);
    clock.set(minutes(21));
    await feed.runOnce();

    const [incident, ...more] = await incidentsOf(t, ws.id);
    assert.ok(incident, 'an incident was opened');
    assert.equal(more.length, 0, 'one spike, one incident');
    assert.equal(incident.source, 'alert');
    assert.equal(incident.status, 'detected');
    assert.equal(incident.isDrill, false);
    assert.ok(incident.matchTerms.includes('battery overheating'), incident.matchTerms.join(', '));
    assert.match(incident.title, /battery overheating/);
    assert.ok(incident.mentionCount >= 10, `linked ${incident.mentionCount}`);
    assert.ok(incident.reach > 0);
    const alerts = await t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.detectionAlerts));
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.incidentId, incident.id);
    assert.ok((alerts[0]!.explanation as { series?: { observed: number[] } }).series?.observed.length, 'the alert keeps its series');
    assert.ok(events.includes('detection.alert') && events.includes('incident.opened') && events.includes('incident.mention_linked'), events.join(','));
    const [state] = await t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.detectorStates));
    assert.ok(state!.fedUntil && state!.fedUntil.getTime() >= minutes(14).getTime(), 'bookmark saved');

    // Later mentions that say the same thing attach themselves; others do not.
    clock.set(minutes(30));
    await deliverAt(t, ws.id, channel, [
      { externalId: 'late-1', text: 'still battery overheating here, day two', author: { externalId: 'late-a', handle: 'late_a', followers: 5000 }, authoredAt: minutes(29) },
      { externalId: 'late-2', text: 'love the new colours', author: { externalId: 'late-b', handle: 'late_b' }, authoredAt: minutes(29) },
    ]);
    assert.equal(await feed.runOnce(), 2);
    const [after1] = await incidentsOf(t, ws.id);
    assert.equal(after1!.mentionCount, incident.mentionCount + 1);
    assert.equal(after1!.reach, incident.reach + 5000);
    // Fed once only: a second pass reads nothing new.
    assert.equal(await feed.runOnce(), 0);
  });

  it('saves state with the bookmark once per bucket; a restart replays from the last save', async () => {
    const ws = await seedWorkspace(t.ctx, 'saves');
    const channel = await seedChannel(t.ctx, ws.id, 'x');
    await seedBaseline(t, ws.id);
    const savedBookmark = async () => (await t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.detectorStates)))[0]!.fedUntil!.getTime();
    clock.set(minutes(1));
    await deliverAt(t, ws.id, channel, [
      { externalId: 's1', text: 'first thought of the day', author: { externalId: 's-a', handle: 's_a' }, authoredAt: minutes(1) },
      { externalId: 's2', text: 'second thought of the day', author: { externalId: 's-b', handle: 's_b' }, authoredAt: minutes(1) },
    ]);
    clock.set(minutes(2));
    assert.equal(await feed.feedWorkspace(ws.id), 2);
    assert.equal(await savedBookmark(), T.getTime() - 1, 'the open bucket has not closed: nothing saved yet');
    assert.equal(await feed.feedWorkspace(ws.id), 0, 'this process remembers what it fed');
    const restarted = new DetectionFeed({ db: t.ctx.db, bus: t.ctx.bus, clock, log: t.ctx.log });
    assert.equal(await restarted.feedWorkspace(ws.id), 2, 'a restart feeds again from the saved bookmark');
    clock.set(minutes(6));
    assert.equal(await restarted.feedWorkspace(ws.id), 0);
    assert.equal(await savedBookmark(), minutes(1).getTime(), 'the bucket closed: state and bookmark saved');
    // The other process sees the newer save and loads it instead of its own memory.
    assert.equal(await feed.feedWorkspace(ws.id), 0);
  });

  it('catching up on history trains the detector but opens no incident for an old spike', async () => {
    const ws = await seedWorkspace(t.ctx, 'history');
    const channel = await seedChannel(t.ctx, ws.id, 'x');
    await seedBaseline(t, ws.id);
    clock.set(minutes(1));
    await deliverAt(t, ws.id, channel, burstItems('old', 40, 1, 14));
    clock.set(minutes(10 * 60));
    assert.equal(await feed.runOnce() >= 40, true);
    assert.equal((await incidentsOf(t, ws.id)).length, 0);
    const [state] = await t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.detectorStates));
    assert.ok(state!.fedUntil!.getTime() >= minutes(14).getTime(), 'fed all the same');
  });

  it('catching up on a long history saves the state when it reaches the end, not at every bucket on the way', async () => {
    const ws = await seedWorkspace(t.ctx, 'long-history');
    const channel = await seedChannel(t.ctx, ws.id, 'x');
    await seedBaseline(t, ws.id);
    const saved = async () => (await t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.detectorStates)))[0]!.fedUntil!.getTime();
    const before = await saved();
    clock.set(minutes(1));
    // 1,200 quiet mentions over ten hours: many buckets, three passes of the feed.
    await deliverAt(t, ws.id, channel, Array.from({ length: 1200 }, (_, i) => ({
      externalId: `h-${i}`, text: `ordinary remark number ${i % 50} about the product`, author: { externalId: `h-${i % 300}`, handle: `h_${i % 300}` }, authoredAt: minutes(1 + i / 2),
    })));
    clock.set(minutes(24 * 60));
    const history = new DetectionFeed({ db: t.ctx.db, bus: t.ctx.bus, clock, log: t.ctx.log });
    assert.ok((await history.feedWorkspace(ws.id)) >= 500);
    assert.equal(await saved(), before, 'a full pass over old mentions does not save');
    let fed = 0;
    for (let n = await history.feedWorkspace(ws.id); n; n = await history.feedWorkspace(ws.id)) fed += n;
    assert.ok(fed >= 200);
    assert.ok((await saved()) >= minutes(600).getTime(), 'saved with the bookmark at the end of the history');
    assert.equal((await incidentsOf(t, ws.id)).length, 0);
  });

  it('a silent or tiny stream opens nothing and raises no error', async () => {
    const quiet = await seedWorkspace(t.ctx, 'quiet');
    const tiny = await seedWorkspace(t.ctx, 'tiny');
    const channel = await seedChannel(t.ctx, tiny.id, 'x');
    clock.set(minutes(100));
    await deliverAt(t, tiny.id, channel, [
      { externalId: 'a', text: 'hello there', author: { externalId: 'u1', handle: 'u1' }, authoredAt: minutes(99) },
      { externalId: 'b', text: 'battery overheating?', author: { externalId: 'u2', handle: 'u2' }, authoredAt: minutes(99) },
    ]);
    await feed.runOnce();
    clock.set(minutes(200));
    await feed.runOnce();
    assert.equal((await incidentsOf(t, quiet.id)).length, 0);
    assert.equal((await incidentsOf(t, tiny.id)).length, 0);
    const states = await t.ctx.db.tenant(tiny.id, (tx) => tx.select().from(schema.detectorStates));
    assert.equal(states.length, 1, 'the tiny stream has a saved detector');
  });

  it('drill mentions never feed the live detector; a drill detector cloned from it opens a drill incident', async () => {
    const ws = await seedWorkspace(t.ctx, 'drill');
    const channel = await seedChannel(t.ctx, ws.id, 'x');
    await seedBaseline(t, ws.id);
    clock.set(minutes(0));
    const [run] = await t.ctx.db.tenant(ws.id, (tx) =>
      tx.insert(schema.drillRuns).values({ workspaceId: ws.id, scenarioName: 'overheating', scenario: {}, startedAt: minutes(0) }).returning(),
    );
    await feed.feedWorkspace(ws.id);
    clock.set(minutes(1));
    await deliverAt(t, ws.id, channel, burstItems('drill', 40, 1, 14), { isDrill: true });
    clock.set(minutes(16));
    await feed.runOnce();
    clock.set(minutes(21));
    await feed.runOnce();

    const incidents = await incidentsOf(t, ws.id);
    assert.equal(incidents.length, 1, JSON.stringify(incidents.map((i) => [i.title, i.isDrill])));
    assert.equal(incidents[0]!.isDrill, true);
    assert.equal(incidents[0]!.drillRunId, run!.id);
    assert.equal(incidents[0]!.source, 'drill');
    const drillIds = (await t.ctx.db.tenant(ws.id, (tx) => tx.select({ id: schema.mentions.id }).from(schema.mentions).where(eq(schema.mentions.isDrill, true)))).map((m) => m.id);
    const [during] = await t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.detectorStates));
    const saved = during!.state as { live: unknown; drill: { runId: string; state: unknown } };
    assert.equal(saved.drill.runId, run!.id);
    assert.ok(drillIds.some((id) => JSON.stringify(saved.drill.state).includes(id)), 'the drill detector saw the drill mentions');
    assert.ok(!drillIds.some((id) => JSON.stringify(saved.live).includes(id)), 'the live detector did not');
    const linked = await t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.incidentMentions).where(eq(schema.incidentMentions.incidentId, incidents[0]!.id)));
    assert.ok(linked.length > 0 && linked.every((l) => drillIds.includes(l.mentionId)), 'a drill incident links drill mentions only');

    // The drill ends; the live detector never saw its mentions, so the same burst for real is news.
    await t.ctx.db.tenant(ws.id, (tx) => tx.update(schema.drillRuns).set({ status: 'finished' }).where(eq(schema.drillRuns.id, run!.id)));
    clock.set(minutes(90));
    await deliverAt(t, ws.id, channel, burstItems('real', 40, 90, 14));
    clock.set(minutes(105));
    await feed.runOnce();
    clock.set(minutes(110));
    await feed.runOnce();
    const real = (await incidentsOf(t, ws.id)).filter((i) => !i.isDrill);
    assert.equal(real.length, 1, 'the real burst opened a real incident');
    const [state] = await t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.detectorStates));
    assert.equal((state!.state as { drill: unknown }).drill, null, 'the drill detector is gone with the drill');
  });
});
