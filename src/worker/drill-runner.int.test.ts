import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PipelineRunner } from '../modules/ingestion/index.ts';
import { expandTimeline, findShippedScenario } from '../modules/drills/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../server/testing.ts';
import { DrillRunner } from './drill-runner.ts';
import { createStages } from './stages.ts';

/**
 * A drill end to end on a fake clock: started through the API, its timeline fed through the real
 * pipeline (triage and routing included) on the compressed schedule, resumed after a "restart",
 * finished and scored; bad input refused with reasons.
 */
describe('fire drills: API and runner', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  let admin: Credentials;
  let agent: Credentials;
  const MIN = 60_000;

  const runner = () => new DrillRunner({ ...t.ctx, log: silentLogger(), wakePipeline: () => {} });
  const pipeline = () => new PipelineRunner(t.ctx.db, createStages({ ...t.ctx, log: silentLogger() }), t.ctx.bus, t.ctx.clock, silentLogger()).drain();
  const post = (url: string, payload: unknown, who = admin) => t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const get = (url: string, who = admin) => t.app.inject({ url, headers: who.headers });
  const count = async (q: string, params: unknown[] = []) => Number((await t.ctx.db.exec(q, params)).rows[0]!.n);

  before(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'acme');
    admin = await signInAs(t, ws.members.admin.email);
    agent = await signInAs(t, ws.members.agent.email);
  });
  after(() => t.close());

  it('lists the shipped scenarios with their expectations', async () => {
    const res = await get('/api/drills/scenarios', agent);
    assert.equal(res.statusCode, 200, res.body);
    const list = res.json() as { key: string; mentions: number; expected: { detectWithinMinutes?: number } }[];
    assert.ok(list.length >= 3);
    const outage = list.find((s) => s.key === 'outage-bluesky-x');
    assert.ok(outage && outage.mentions > 20 && outage.expected.detectWithinMinutes === 8);
  });

  it('refuses bad input: nothing or both, an unknown scenario, a malformed file (with its line), an agent', async () => {
    const none = await post('/api/drills', {});
    assert.equal(none.statusCode, 400);
    const both = await post('/api/drills', { scenario: 'outage-bluesky-x', file: 'name: x' });
    assert.equal(both.statusCode, 400);
    assert.equal((await post('/api/drills', { scenario: 'no-such-thing' })).statusCode, 404);
    const bad = await post('/api/drills', { file: 'name: Broken\ndescription: d\nchannels: [x]\ntimeline:\n  - at: -1\n    channel: x\n    author: { handle: a }\n    text: hi\nexpected: {}\n', fileName: 'broken.yaml' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.match(bad.json().errors[0].message, /^line 5, column 5: "at" must be >= 0/);
    const syntax = await post('/api/drills', { file: 'name: [unclosed\n' });
    assert.equal(syntax.statusCode, 400);
    assert.match(syntax.json().detail ?? syntax.json().title, /line \d+/);
    assert.equal((await post('/api/drills', { scenario: 'outage-bluesky-x' }, agent)).statusCode, 403);
    assert.equal((await post('/api/drills', { scenario: 'outage-bluesky-x', speed: 0 })).statusCode, 400);
    assert.equal(await count(`select count(*)::int as n from drill_runs`), 0);
  });

  it('plays the timeline through the pipeline on the compressed schedule, marked drill; resumes after a restart; then scores it', async () => {
    const start = t.clock.now();
    const res = await post('/api/drills', { scenario: 'outage-bluesky-x', speed: 10 });
    assert.equal(res.statusCode, 201, res.body);
    const drill = res.json() as { id: string; total: number; status: string; timelineEndsAt: string };
    assert.equal(drill.status, 'running');
    assert.equal((await post('/api/drills', { scenario: 'influencer-viral-complaint' })).statusCode, 409, 'one drill at a time');

    const items = expandTimeline(findShippedScenario('outage-bluesky-x').scenario, drill.id);
    assert.equal(drill.total, items.length);
    // The last repeat of the last entry, played ten times faster.
    assert.equal(new Date(drill.timelineEndsAt).getTime() - start.getTime(), (items.at(-1)!.offsetMs) / 10);

    const first = runner();
    assert.equal(await first.tick(), items.filter((d) => d.offsetMs === 0).length);
    t.clock.advance(30_000); // scenario minute 5
    const added = await first.tick();
    assert.equal(added, items.filter((d) => d.offsetMs > 0 && d.offsetMs <= 5 * MIN).length);
    await pipeline();
    const drillMentions = await count(`select count(*)::int as n from mentions where is_drill`);
    assert.equal(drillMentions, items.filter((d) => d.offsetMs <= 5 * MIN).length);
    assert.equal(await count(`select count(*)::int as n from mentions where not is_drill`), 0);
    // The DRILL channels: the real kinds, paused, marked, without credentials.
    const channels = (await t.ctx.db.exec(`select kind, status, config, secrets_sealed from channels order by kind`)).rows;
    assert.deepEqual(channels.map((c) => [c.kind, c.status, (c.config as { drill?: boolean }).drill, c.secrets_sealed]), [['bluesky', 'paused', true, null], ['x', 'paused', true, null]]);
    // The inbox shows them as drills.
    const inbox = (await get('/api/conversations?queue=all&isDrill=true', agent)).json() as { items: { isDrill: boolean }[] };
    assert.ok(inbox.items.length > 0 && inbox.items.every((c) => c.isDrill));
    const real = (await get('/api/conversations?queue=all&isDrill=false', agent)).json() as { items: unknown[] };
    assert.equal(real.items.length, 0);

    // A restart: a new runner starts from the first item again; nothing is stored twice and the rest plays on.
    t.clock.set(drill.timelineEndsAt); // the whole timeline is due
    const second = runner();
    assert.equal(await second.tick(), items.filter((d) => d.offsetMs > 5 * MIN).length);
    await pipeline();
    assert.equal(await count(`select count(*)::int as n from raw_items where is_drill`), items.length);
    const notDone = (await t.ctx.db.exec(`select status, error, external_id from raw_items where is_drill and status <> 'done'`)).rows;
    assert.deepEqual(notDone, []);
    assert.equal(await count(`select count(*)::int as n from mentions where is_drill`), items.length);
    const progress = (await get(`/api/drills/${drill.id}`, agent)).json() as { injected: number; total: number; report: { score: number; misses: string[] } };
    assert.equal(progress.injected, progress.total);
    assert.ok(progress.report.misses.length > 0, 'a running drill shows its score so far');

    const done = await post(`/api/drills/${drill.id}/finish`, {});
    assert.equal(done.statusCode, 200, done.body);
    const report = done.json().report as { score: number; firstMentionAt: string; misses: string[]; stakeholders: unknown[] };
    assert.equal(report.firstMentionAt, start.toISOString());
    assert.equal(report.stakeholders.length, 3);
    assert.equal((await post(`/api/drills/${drill.id}/finish`, {})).statusCode, 409);
    const stored = (await t.ctx.db.exec(`select status, report from drill_runs where id = $1`, [drill.id])).rows[0]!;
    assert.equal(stored.status, 'finished');
    assert.equal((stored.report as { score: number }).score, report.score);
    // Finished: the runner leaves it alone.
    t.clock.advance(60 * MIN);
    assert.equal(await second.tick(), 0);
  });

  it('finishes by itself after the timeline and the grace period; a cancelled drill has no report; history per scenario', async () => {
    const res = await post('/api/drills', { scenario: 'outage-bluesky-x', speed: 100 });
    const drill = res.json() as { id: string; autoFinishAt: string };
    const r = runner();
    await r.tick();
    t.clock.set(new Date(new Date(drill.autoFinishAt).getTime() - 1000));
    await r.tick();
    assert.equal((await get(`/api/drills/${drill.id}`)).json().status, 'running');
    t.clock.advance(1000);
    await r.tick();
    const after = (await get(`/api/drills/${drill.id}`)).json();
    assert.equal(after.status, 'finished');
    assert.equal(typeof after.report.score, 'number');

    const other = (await post('/api/drills', { scenario: 'product-safety-issue' })).json() as { id: string };
    const cancelled = await post(`/api/drills/${other.id}/cancel`, {});
    assert.equal(cancelled.statusCode, 200);
    assert.equal(cancelled.json().status, 'cancelled');
    assert.equal(cancelled.json().report, null);

    const list = (await get('/api/drills', agent)).json() as { runs: { status: string }[]; history: { scenarioName: string; runs: unknown[] }[] };
    assert.deepEqual(list.runs.map((x) => x.status), ['cancelled', 'finished', 'finished']);
    assert.deepEqual(list.history.map((h) => [h.scenarioName, h.runs.length]), [['Login outage spreading on Bluesky and X', 2]]);
    assert.equal((await get('/api/drills/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await get('/api/drills/not-a-uuid')).statusCode, 400);
  });
});
