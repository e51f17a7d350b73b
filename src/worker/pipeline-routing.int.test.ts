import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../platform/db/testing.ts';
import { EventBus } from '../platform/events/index.ts';
import { FakeClock } from '../platform/clock/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { schema } from '../platform/db/index.ts';
import { acceptItems, PipelineRunner } from '../modules/ingestion/index.ts';
import { createStages } from './stages.ts';

/** The whole pipeline as `lookout start` runs it: triage enriches, rules route, SLA clocks start. */
describe('pipeline with triage and routing', () => {
  let t: TestDatabase;
  let ws: string;
  let channel: string;
  let billing: string;
  let agent: string;

  before(async () => {
    t = await createTestDatabase();
    const [w] = await t.db.system((tx) => tx.insert(schema.workspaces).values({ slug: 'r', name: 'R' }).returning());
    ws = w!.id;
    await t.db.tenant(ws, async (tx) => {
      const [c] = await tx.insert(schema.channels).values({ workspaceId: ws, kind: 'x', name: 'X' }).returning();
      channel = c!.id;
      const [m] = await tx.insert(schema.members).values({ workspaceId: ws, email: 'bo@r.test', name: 'Bo', role: 'agent', availability: 'online', capacity: 5 }).returning();
      agent = m!.id;
      const [offline] = await tx.insert(schema.members).values({ workspaceId: ws, email: 'al@r.test', name: 'Al', role: 'agent', availability: 'offline' }).returning();
      const [team] = await tx.insert(schema.teams).values({ workspaceId: ws, name: 'Billing', assignment: 'least_loaded' }).returning();
      billing = team!.id;
      await tx.insert(schema.teamMembers).values([{ workspaceId: ws, teamId: billing, memberId: agent }, { workspaceId: ws, teamId: billing, memberId: offline!.id }]);
      await tx.insert(schema.rules).values({
        workspaceId: ws,
        layer: 'data',
        name: 'Money questions go to Billing',
        position: 1,
        definition: { when: { any: [{ field: 'intent', op: 'eq', value: 'billing' }, { field: 'text', op: 'contains', value: 'refund' }] }, then: [{ type: 'assign_team', teamId: billing }, { type: 'add_tag', tag: 'billing' }] },
      });
      await tx.insert(schema.slaPolicies).values({ workspaceId: ws, name: 'Default', definition: { isDefault: true, targets: { firstResponse: 60, resolution: 1440 } } });
    });
  });
  after(() => t.cleanup());

  it('routes a refund complaint to Billing, assigns the online agent, tags it, starts the SLA clocks, and says why', async () => {
    const at = new Date('2026-01-05T09:00:00Z');
    await acceptItems(t.db, {
      workspaceId: ws,
      channelId: channel,
      items: [{ externalId: 'tw-1', kind: 'post', visibility: 'public', text: '@acme you charged me twice this month, I want a refund now', authoredAt: at, author: { externalId: '42', handle: 'payer', followers: 120_000 }, raw: {} }],
    });
    const bus = new EventBus();
    const types: string[] = [];
    bus.subscribe(ws, (evs) => types.push(...evs.map((e) => e.type)));
    await new PipelineRunner(t.db, createStages({ clock: new FakeClock(at), log: silentLogger() }), bus, new FakeClock('2026-01-05T09:00:05Z'), silentLogger()).drain();
    const c = (await t.db.exec(`select * from conversations`)).rows[0]!;
    assert.equal(c.team_id, billing);
    assert.equal(c.assignee_id, agent, 'the online agent, never the offline one');
    assert.ok(Number(c.priority) >= 50, `priority ${c.priority}`);
    const triage = c.triage as { reasons: string[] };
    assert.ok(triage.reasons.some((r) => /120k followers/.test(r)), JSON.stringify(triage.reasons));
    const fired = c.fired_rules as { ruleName: string; reasons: string[] }[];
    assert.equal(fired[0]!.ruleName, 'Money questions go to Billing');
    assert.ok(fired[0]!.reasons.length > 0);
    assert.equal(new Date(c.first_response_due_at as string).getTime(), new Date(c.created_at as string).getTime() + 60 * 60_000);
    const tags = (await t.db.exec(`select t.name from conversation_tags ct join tags t on t.id = ct.tag_id`)).rows.map((r) => r.name);
    assert.deepEqual(tags, ['billing']);
    const timeline = (await t.db.exec(`select type, data from conversation_events where conversation_id = '${c.id}'`)).rows;
    assert.equal(timeline[0]!.type, 'rules.fired');
    assert.deepEqual(types.sort(), ['conversation.created', 'conversation.routed']);
  });

  it('a customer writing again without an answer raises urgency: repeated contact and waiting time', async () => {
    const first = new Date('2026-01-05T09:00:00Z');
    await acceptItems(t.db, {
      workspaceId: ws,
      channelId: channel,
      items: [{ externalId: 'tw-2', kind: 'reply', visibility: 'public', inReplyTo: 'tw-1', text: '@acme hello?? still waiting for that refund', authoredAt: new Date(first.getTime() + 45 * 60_000), author: { externalId: '42', handle: 'payer', followers: 120_000 }, raw: {} }],
    });
    await new PipelineRunner(t.db, createStages({ clock: new FakeClock(first), log: silentLogger() }), new EventBus(), new FakeClock('2026-01-05T09:50:00Z'), silentLogger()).drain();
    const m = (await t.db.exec(`select triage from mentions where external_id = 'tw-2'`)).rows[0]!;
    const reasons = (m.triage as { reasons: string[] }).reasons.join(' | ');
    assert.match(reasons, /waiting 50 min/, reasons);
  });

  it('a rule that acknowledges queues the canned reply through the outbox, filled in for the customer', async () => {
    await t.db.tenant(ws, async (tx) => {
      const [canned] = await tx.insert(schema.cannedReplies).values({ workspaceId: ws, name: 'ack', body: 'Thanks {{customer.name}}, we are on it.' }).returning();
      await tx.insert(schema.rules).values({ workspaceId: ws, layer: 'data', name: 'Acknowledge outages', position: 0, definition: { when: { all: [{ field: 'text', op: 'contains', value: 'outage' }] }, then: [{ type: 'auto_acknowledge', cannedReplyId: canned!.id }] } });
    });
    await acceptItems(t.db, { workspaceId: ws, channelId: channel, items: [{ externalId: 'tw-9', kind: 'post', visibility: 'public', text: 'is there an outage? nothing loads', authoredAt: new Date('2026-01-05T10:00:00Z'), author: { externalId: '77', handle: 'dana', displayName: 'Dana' }, raw: {} }] });
    await new PipelineRunner(t.db, createStages({ clock: new FakeClock('2026-01-05T10:00:01Z'), log: silentLogger() }), new EventBus(), new FakeClock('2026-01-05T10:00:01Z'), silentLogger()).drain();
    const msg = (await t.db.exec(`select m.body, m.outbox_state, m.visibility from messages m join mentions n on n.conversation_id = m.conversation_id where n.external_id = 'tw-9' and m.direction = 'outbound'`)).rows;
    assert.equal(msg.length, 1);
    assert.equal(msg[0]!.body, 'Thanks Dana, we are on it.');
    assert.equal(msg[0]!.outbox_state, 'queued');
    assert.equal(msg[0]!.visibility, 'public');
  });
});
