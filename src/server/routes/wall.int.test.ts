import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deliver, seedChannel } from '../../modules/conversations/testing.ts';
import { eq, schema } from '../../platform/db/index.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';

/** The wall: what is happening now, from the workspace's own data only, with drills flagged. */
describe('GET /api/wall', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  let other: SeededWorkspace;
  let analyst: Credentials;
  let product: Credentials;
  const MIN = 60_000;

  before(async () => {
    t = await createTestApp();
    t.clock.set('2026-03-02T10:30:20Z');
    ws = await seedWorkspace(t.ctx, 'acme');
    other = await seedWorkspace(t.ctx, 'other');
    analyst = await signInAs(t, ws.members.analyst.email);
    product = await signInAs(t, ws.members.product.email);
    const x = await seedChannel(t.ctx, ws.id, 'x', 'Acme on X');
    const author = (handle: string, followers: number, verified = false) => ({ externalId: handle, handle, displayName: handle.toUpperCase(), followers, verified });
    // Two hours ago: in the day, not in the hour.
    t.clock.advance(-120 * MIN);
    await deliver(t.ctx, ws.id, x, [{ externalId: 'old', text: 'old news', author: author('old_timer', 900_000) }]);
    t.clock.advance(110 * MIN); // 10 minutes ago
    await deliver(t.ctx, ws.id, x, [
      { externalId: 'a', text: 'app down again', author: author('small_fry', 40), triage: { sentiment: 'negative' } },
      { externalId: 'b', text: 'still broken, error 503', author: author('reporter', 184_000, true), triage: { sentiment: 'negative' } },
    ]);
    t.clock.advance(9 * MIN); // a minute ago
    await deliver(t.ctx, ws.id, x, [
      { externalId: 'c', text: 'love the new feature', author: author('fan', 3_000), triage: { sentiment: 'positive' } },
      { externalId: 'd', text: 'second post by the reporter', author: author('reporter', 184_000, true), triage: { sentiment: 'negative' } },
    ]);
    await deliver(t.ctx, ws.id, x, [{ externalId: 'drill-1', text: 'DRILL login error', author: { externalId: 'drill:x', handle: 'drill_person', followers: 50 } }], { isDrill: true });
    t.clock.advance(MIN);
    const now = t.clock.now();
    await t.ctx.db.tenant(ws.id, async (tx) => {
      const [team] = await tx.insert(schema.teams).values({ workspaceId: ws.id, name: 'Social' }).returning();
      const convs = await tx.select().from(schema.conversations).where(eq(schema.conversations.workspaceId, ws.id));
      const byText = async (externalId: string) => {
        const [m] = await tx.select().from(schema.mentions).where(eq(schema.mentions.externalId, externalId));
        return convs.find((c) => c.id === m!.conversationId)!;
      };
      await tx.update(schema.conversations).set({ teamId: team!.id }).where(eq(schema.conversations.workspaceId, ws.id));
      await tx.update(schema.conversations).set({ firstResponseDueAt: new Date(now.getTime() + 10 * MIN) }).where(eq(schema.conversations.id, (await byText('a')).id));
      await tx.update(schema.conversations).set({ firstResponseDueAt: new Date(now.getTime() - 5 * MIN) }).where(eq(schema.conversations.id, (await byText('c')).id));
      await tx.update(schema.conversations).set({ firstResponseDueAt: new Date(now.getTime() + 5 * 60 * MIN) }).where(eq(schema.conversations.id, (await byText('b')).id));
      await tx.update(schema.conversations).set({ teamId: null, status: 'resolved' }).where(eq(schema.conversations.id, (await byText('old')).id));
      await tx.insert(schema.incidents).values([
        { workspaceId: ws.id, title: 'Login errors', severity: 7, source: 'alert', detectedAt: now, mentionCount: 3 },
        { workspaceId: ws.id, title: 'DRILL: login outage', severity: 9, source: 'drill', isDrill: true, detectedAt: now },
        { workspaceId: ws.id, title: 'Old and done', severity: 10, source: 'manual', status: 'resolved', detectedAt: now },
      ]);
      await tx.insert(schema.drillRuns).values({ workspaceId: ws.id, scenarioName: 'Login outage', scenario: {}, startedAt: now });
    });
    await t.ctx.db.tenant(other.id, async (tx) => {
      await tx.insert(schema.incidents).values({ workspaceId: other.id, title: 'Other workspace', severity: 10, source: 'manual', detectedAt: t.clock.now() });
    });
  });
  after(() => t.close());

  it('shows volume and sentiment, incidents by severity, SLA at risk, influential people, queues and the running drill', async () => {
    const res = await t.app.inject({ url: '/api/wall', headers: analyst.headers });
    assert.equal(res.statusCode, 200, res.body);
    const w = res.json();
    assert.equal(w.perMinute.length, 60);
    assert.equal(w.perHour.length, 24);
    assert.equal(w.perMinute.at(-1).at, '2026-03-02T10:30:00.000Z');
    const minute = (at: string) => w.perMinute.find((b: { at: string }) => b.at === at);
    assert.deepEqual(minute('2026-03-02T10:20:00.000Z'), { at: '2026-03-02T10:20:00.000Z', total: 2, negative: 2, positive: 0, drill: 0 });
    assert.deepEqual(minute('2026-03-02T10:29:00.000Z'), { at: '2026-03-02T10:29:00.000Z', total: 3, negative: 1, positive: 1, drill: 1 });
    assert.deepEqual(w.lastHour, { total: 5, negativeShare: 0.6, drill: 1 });
    assert.equal(w.perHour.reduce((s: number, b: { total: number }) => s + b.total, 0), 6, 'the day includes the post from two hours ago');

    assert.deepEqual(w.incidents.map((i: { title: string; isDrill: boolean }) => [i.title, i.isDrill]), [['DRILL: login outage', true], ['Login errors', false]]);
    assert.equal(w.sla.atRisk, 2);
    assert.equal(w.sla.breached, 1);
    assert.equal(w.sla.top.length, 2);
    assert.ok(new Date(w.sla.top[0].dueAt) < new Date(w.sla.top[1].dueAt), 'most urgent first');

    assert.deepEqual(w.influencers.map((p: { handle: string }) => p.handle), ['reporter', 'fan', 'drill_person', 'small_fry'], 'one line per person, by followers; the old post is out of the hour');
    assert.equal(w.influencers[0].text, 'second post by the reporter');
    assert.equal(w.influencers[0].verified, true);
    assert.equal(w.influencers[2].isDrill, true);

    assert.deepEqual(w.queues.map((q: { team: string; open: number }) => [q.team, q.open]), [['Social', 5]]);
    assert.equal(w.drill.scenarioName, 'Login outage');
    assert.ok(!res.body.includes('Other workspace'));
  });

  it('a role without incidents:read gets 403; an empty workspace gets zeros, not errors', async () => {
    assert.equal((await t.app.inject({ url: '/api/wall', headers: product.headers })).statusCode, 403);
    const otherAdmin = await signInAs(t, other.members.admin.email);
    const empty = (await t.app.inject({ url: '/api/wall', headers: otherAdmin.headers })).json();
    assert.equal(empty.lastHour.total, 0);
    assert.equal(empty.lastHour.negativeShare, 0);
    assert.deepEqual(empty.influencers, []);
    assert.equal(empty.drill, null);
  });

  it('each query is answered from an index, not a scan of the workspace (30 days of mentions seeded)', async () => {
    const [ch] = (await t.ctx.db.exec(`select id from channels where workspace_id = $1 limit 1`, [ws.id])).rows;
    await t.ctx.db.exec(
      `insert into mentions (workspace_id, channel_id, external_id, kind, visibility, text, authored_at, received_at)
       select $1, $2, 'bulk-' || g, 'post', 'public', 'bulk mention ' || g, t, t
       from generate_series(1, 30000) g, lateral (select now() - (g * interval '86 seconds') as t) x`,
      [ws.id, ch!.id],
    );
    await t.ctx.db.exec('analyze mentions');
    await t.ctx.db.exec('analyze conversations');
    await t.ctx.db.exec('analyze incidents');
    const plan = async (q: string) => JSON.stringify((await t.ctx.db.exec(`explain ${q.replaceAll('$1', `'${ws.id}'`)}`)).rows);
    const mentions = await plan(`select date_trunc('minute', authored_at), count(*) from mentions where workspace_id = $1 and received_at > now() - interval '1 hour' and authored_at > now() - interval '1 hour' group by 1`);
    assert.match(mentions, /mentions_workspace_received/, mentions);
    assert.doesNotMatch(mentions, /Seq Scan on mentions/, mentions);
    const day = await plan(`select date_trunc('hour', authored_at), count(*) from mentions where workspace_id = $1 and received_at > now() - interval '1 day' and authored_at > now() - interval '1 day' group by 1`);
    assert.doesNotMatch(day, /Seq Scan on mentions/, day);
    const res = await t.app.inject({ url: '/api/wall', headers: analyst.headers });
    assert.equal(res.statusCode, 200);
  });
});
