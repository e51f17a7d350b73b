import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNEL_KINDS, type Connector } from '../modules/channels/index.ts';
import { DRILL_REFUSAL } from '../modules/conversations/index.ts';
import { deliver, FakeConnector, seedChannel } from '../modules/conversations/testing.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../server/testing.ts';
import { OutboxWorker } from './outbox.ts';
import { eq, schema } from '../platform/db/index.ts';

/**
 * Nothing a drill produces ever leaves Lookout: for every channel kind the registry knows, a reply
 * in a drill conversation is refused by the outbox and the connector's send is never called.
 * The same fake connectors do send a real reply, so the refusal is the drill's doing.
 */
describe('the outbox never sends a drill message, on any channel', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  let agent: Credentials;
  const fakes: Record<string, FakeConnector> = {};
  const conversations: Record<string, { drill: string; real: string }> = {};

  const conversationOf = async (channelId: string, isDrill: boolean) => {
    const rows = (await t.ctx.db.exec(`select id from conversations where channel_id = $1 and is_drill = $2`, [channelId, isDrill])).rows;
    if (!rows[0]) throw new Error(`no ${isDrill ? 'drill' : 'real'} conversation on ${JSON.stringify((await t.ctx.db.exec(`select kind from channels where id = $1`, [channelId])).rows)}: ${JSON.stringify((await t.ctx.db.exec(`select status, error from raw_items where channel_id = $1`, [channelId])).rows)}`);
    return String(rows[0].id);
  };

  before(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'acme');
    agent = await signInAs(t, ws.members.agent.email);
    for (const kind of CHANNEL_KINDS) {
      fakes[kind] = new FakeConnector(kind as Connector['kind'], { maxLength: null, canThread: false, hasPrivateMessages: true });
      const channelId = await seedChannel(t.ctx, ws.id, kind, `${kind} channel`);
      const author = { externalId: `${kind}-author`, handle: `${kind}_author`, email: 'author@example.net' };
      await deliver(t.ctx, ws.id, channelId, [{ externalId: `${kind}-drill-1`, text: `DRILL: ${kind} login error 503`, author }], { isDrill: true });
      await deliver(t.ctx, ws.id, channelId, [{ externalId: `${kind}-real-1`, text: `real: ${kind} where is my parcel`, author: { externalId: `${kind}-real`, handle: `${kind}_real`, email: 'real@example.net' } }]);
      conversations[kind] = { drill: await conversationOf(channelId, true), real: await conversationOf(channelId, false) };
    }
  });
  after(() => t.close());

  it(`covers every registered channel kind (${CHANNEL_KINDS.join(', ')})`, () => {
    assert.ok(CHANNEL_KINDS.length >= 8);
    assert.deepEqual(Object.keys(conversations).sort(), [...CHANNEL_KINDS].sort());
  });

  it('refuses every drill reply before any connector is asked to send; real replies on the same channels go out', async () => {
    // Queued directly, as any path might queue them (a reply, outreach, a playbook statement):
    // the outbox is the last wall, whatever the reply API would have allowed on that network.
    const queued: Record<string, { drill: string; real: string }> = {};
    for (const kind of CHANNEL_KINDS) {
      const queue = (conversationId: string, isDrill: boolean) =>
        t.ctx.db.tenant(ws.id, async (tx) => {
          const [c] = await tx.select().from(schema.conversations).where(eq(schema.conversations.id, conversationId));
          const [m] = await tx
            .insert(schema.messages)
            .values({ workspaceId: ws.id, conversationId, direction: 'outbound', channelId: c!.channelId, visibility: 'public', body: 'We are on it.', outboxState: 'queued', isDrill })
            .returning({ id: schema.messages.id });
          return m!.id;
        });
      queued[kind] = { drill: await queue(conversations[kind]!.drill, true), real: await queue(conversations[kind]!.real, false) };
    }
    const worker = new OutboxWorker({ ...t.ctx, log: silentLogger() }, { connectors: fakes });
    await worker.drain();
    for (const kind of CHANNEL_KINDS) {
      const row = async (id: string) => (await t.ctx.db.exec(`select outbox_state, outbox_error, is_drill, external_id from messages where id = $1`, [id])).rows[0]!;
      const drill = await row(queued[kind]!.drill);
      assert.equal(drill.is_drill, true, kind);
      assert.equal(drill.outbox_state, 'failed', `${kind}: the drill reply is refused`);
      assert.equal(drill.outbox_error, DRILL_REFUSAL, kind);
      assert.equal(drill.external_id, null, kind);
      const sentTexts = fakes[kind]!.sent.map((m) => m.idempotencyKey);
      assert.ok(!sentTexts.includes(queued[kind]!.drill), `${kind}: the connector was never asked to send the drill reply`);
      assert.deepEqual(sentTexts, [queued[kind]!.real], `${kind}: only the real reply was sent`);
      assert.equal((await row(queued[kind]!.real)).outbox_state, 'sent', kind);
    }
  });

  it('a drill reply cannot be retried into sending', async () => {
    const [m] = (await t.ctx.db.exec(`select id from messages where is_drill and outbox_state = 'failed' limit 1`)).rows;
    const res = await t.app.inject({ method: 'POST', url: `/api/messages/${m!.id}/retry`, headers: agent.headers, payload: {} });
    assert.equal(res.statusCode, 409, res.body);
    await new OutboxWorker({ ...t.ctx, log: silentLogger() }, { connectors: fakes }).drain();
    for (const kind of CHANNEL_KINDS) assert.equal(fakes[kind]!.sent.length, 1, kind);
  });
});
