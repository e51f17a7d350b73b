import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../platform/db/testing.ts';
import { EventBus, type StoredEvent } from '../platform/events/index.ts';
import { FakeClock } from '../platform/clock/index.ts';
import { schema } from '../platform/db/index.ts';
import { checkSlaClocks, slaWarningPoint, type SlaEmission } from './sla-scheduler.ts';

const at = (hhmm: string) => new Date(`2026-01-05T${hhmm}:00Z`);

describe('SLA scheduler', () => {
  let t: TestDatabase;
  let ws: string;
  let other: string;
  let policy: string;
  const seen = new Map<string, StoredEvent[]>();
  const bus = new EventBus();
  const clock = new FakeClock(at('09:00'));

  const workspace = async (slug: string) => {
    const [w] = await t.db.system((tx) => tx.insert(schema.workspaces).values({ slug, name: slug }).returning());
    bus.subscribe(w!.id, (evs) => seen.set(w!.id, [...(seen.get(w!.id) ?? []), ...evs]));
    return w!.id;
  };
  /** A conversation as the route stage leaves it: first response due in 1 h, relief in 4 h, resolution in 8 h. */
  const conversation = async (workspaceId: string, extra: Partial<typeof schema.conversations.$inferInsert> = {}) => {
    const [p] = await t.db.system((tx) => tx.insert(schema.slaPolicies).values({ workspaceId, name: 'Standard', definition: { targets: { firstResponse: 60 } } }).returning());
    const [c] = await t.db.system((tx) =>
      tx
        .insert(schema.conversations)
        .values({ workspaceId, slaPolicyId: p!.id, createdAt: at('09:00'), firstResponseDueAt: at('10:00'), reliefDueAt: at('13:00'), resolutionDueAt: at('17:00'), ...extra })
        .returning(),
    );
    return c!.id;
  };
  const check = async (hhmm: string, conversationId?: string): Promise<string[]> => {
    clock.set(at(hhmm));
    const out: SlaEmission[] = await checkSlaClocks(t.db, bus, clock);
    return out.filter((e) => !conversationId || e.conversationId === conversationId).map((e) => `${e.type} ${e.metric}`);
  };

  before(async () => {
    t = await createTestDatabase();
    ws = await workspace('sla-a');
    other = await workspace('sla-b');
    const [p] = await t.db.system((tx) => tx.insert(schema.slaPolicies).values({ workspaceId: ws, name: 'Tight', definition: { targets: { firstResponse: 60 }, warningFraction: 0.5 } }).returning());
    policy = p!.id;
  });
  after(() => t.cleanup());

  it('places the warning at the fraction of the time the clock ran, paused time excluded', () => {
    assert.deepEqual(slaWarningPoint(at('09:00'), at('10:00'), 0, 0.75), at('09:45'));
    // Paused 30 min, so the due time moved from 10:00 to 10:30; the clock still ran 60 min.
    assert.deepEqual(slaWarningPoint(at('09:00'), at('10:30'), 1800, 0.75), at('10:15'));
  });

  it('warns before the deadline, breaches at it, once each, with the timeline row and the event', async () => {
    const conv = await conversation(ws);
    assert.deepEqual(await check('09:30', conv), []);
    assert.deepEqual(await check('09:45', conv), ['sla.warning first_response']);
    assert.deepEqual(await check('09:50', conv), [], 'the warning goes out once');
    assert.deepEqual(await check('10:00', conv), ['sla.breached first_response']);
    assert.deepEqual(await check('10:05', conv), [], 'the breach goes out once');
    assert.deepEqual(await check('12:00', conv), ['sla.warning relief'], 'relief warns at 75% of its 4 h');

    const timeline = (await t.db.exec(`select type, data from conversation_events where conversation_id = '${conv}' order by id`)).rows;
    assert.deepEqual(
      timeline.map((r) => [r.type, (r.data as { metric: string }).metric]),
      [['sla.warning', 'first_response'], ['sla.breached', 'first_response'], ['sla.warning', 'relief']],
    );
    const events = (seen.get(ws) ?? []).filter((e) => e.subjectId === conv);
    assert.deepEqual(events.map((e) => e.type), ['sla.warning', 'sla.breached', 'sla.warning']);
    assert.equal(events[1]!.data.dueAt, at('10:00').toISOString());
    assert.equal(events[1]!.data.metric, 'first_response');
    assert.equal(typeof events[1]!.data.policyId, 'string');
  });

  it('uses the policy warning fraction', async () => {
    clock.set(at('09:00'));
    const conv = await conversation(ws, { slaPolicyId: policy });
    assert.deepEqual(await check('09:29', conv), []);
    assert.deepEqual(await check('09:30', conv), ['sla.warning first_response']);
  });

  it('emits only the breach for a clock already past due when first seen', async () => {
    const conv = await conversation(ws);
    assert.deepEqual(await check('10:10', conv), ['sla.breached first_response']);
  });

  it('stays quiet while paused, and counts from the moved due time after the resume', async () => {
    const conv = await conversation(ws, { slaPausedAt: at('09:20') });
    assert.deepEqual(await check('11:00', conv), []);
    // The conversations module resumes it at 11:20: 2 h paused, every running due time moves 2 h later.
    await t.db.exec(
      `update conversations set sla_paused_at = null, sla_paused_seconds = 7200, first_response_due_at = '2026-01-05T12:00:00Z', relief_due_at = '2026-01-05T15:00:00Z', resolution_due_at = '2026-01-05T19:00:00Z' where id = '${conv}'`,
    );
    assert.deepEqual(await check('11:30', conv), []);
    assert.deepEqual(await check('11:45', conv), ['sla.warning first_response']);
    assert.deepEqual(await check('12:00', conv), ['sla.breached first_response']);
  });

  it('stops a metric once its goal is reached, and every clock once resolved or closed', async () => {
    const answered = await conversation(ws, { firstResponseAt: at('09:10') });
    const resolved = await conversation(ws, { status: 'resolved', relievedAt: at('09:30'), resolvedAt: at('09:30') });
    const closed = await conversation(ws, { status: 'closed', closedAt: at('09:30') });
    const drill = await conversation(ws, { isDrill: true });
    clock.set(at('18:00'));
    const out = await checkSlaClocks(t.db, bus, clock);
    const of = (id: string) => out.filter((e) => e.conversationId === id).map((e) => `${e.type} ${e.metric}`);
    assert.deepEqual(of(answered), ['sla.breached relief', 'sla.breached resolution']);
    assert.deepEqual(of(resolved), []);
    assert.deepEqual(of(closed), []);
    assert.deepEqual(of(drill), []);
  });

  it('keeps each workspace to its own conversations and events', async () => {
    clock.set(at('09:00'));
    const mine = await conversation(ws);
    const theirs = await conversation(other, { firstResponseDueAt: at('10:20') });
    assert.deepEqual(await check('10:00', mine), ['sla.breached first_response']);
    const emitted = await checkSlaClocks(t.db, bus, clock);
    assert.deepEqual(emitted, [], 'nothing twice across workspaces either');
    assert.ok(!(seen.get(other) ?? []).some((e) => e.subjectId === mine));
    assert.ok((seen.get(ws) ?? []).some((e) => e.subjectId === mine));
    assert.deepEqual((seen.get(other) ?? []).filter((e) => e.subjectId === theirs).map((e) => e.type), ['sla.warning'], 'their first response is due at 10:20: warned at 10:00');
    const rows = (await t.db.exec(`select workspace_id from events where subject_id = '${theirs}'`)).rows;
    assert.ok(rows.length > 0 && rows.every((r) => r.workspace_id === other));
  });
});
