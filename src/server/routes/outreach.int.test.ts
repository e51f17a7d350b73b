import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DRILL_REFUSAL } from '../../modules/conversations/index.ts';
import { deliver, FakeConnector, seedChannel } from '../../modules/conversations/testing.ts';
import { silentLogger } from '../../platform/logger/index.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';
import { OutboxWorker } from '../../worker/outbox.ts';
import { startOutreachReplies } from '../../worker/outreach-replies.ts';

interface Recipient { id: string; customerId: string; customerName: string | null; handle: string | null; reason: string; state: string; path: string | null; channelKind: string | null; conversationId: string | null; messageId: string | null; error: string | null; preview: string }
interface Campaign { id: string; state: string; isDrill: boolean; counts: Record<string, number>; channelMix: Record<string, number>; recipients: Recipient[] }

describe('outreach from an incident', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  let sup: Credentials;
  let agent: Credentials;
  let fakeX: FakeConnector;
  let fakeMasto: FakeConnector;
  let fakeMail: FakeConnector;
  let x: string;
  let incident: string;
  let drillIncident: string;
  const worker = () => new OutboxWorker({ ...t.ctx, log: silentLogger() }, { connectors: { x: fakeX, mastodon: fakeMasto, email: fakeMail } });
  const sql = async <T = Record<string, unknown>>(q: string, params: unknown[] = []) => (await t.ctx.db.exec(q, params)).rows as T[];

  const customerOf = async (handle: string) => (await sql<{ id: string }>(`select ci.customer_id as id from identities i join customer_identities ci on ci.identity_id = i.id where i.handle = $1`, [handle]))[0]!.id;
  const conversationOf = async (handle: string) =>
    (await sql<{ id: string }>(`select m.conversation_id as id from mentions m join identities i on i.id = m.identity_id where i.handle = $1 order by m.authored_at limit 1`, [handle]))[0]!.id;

  const newIncident = async (title: string, handles: string[], isDrill = false) => {
    const [inc] = await sql<{ id: string }>(
      `insert into incidents (workspace_id, title, severity, status, source, is_drill, detected_at) values ($1, $2, 6, 'acknowledged', 'manual', $3, $4) returning id`,
      [ws.id, title, isDrill, t.clock.now()],
    );
    for (const h of handles) {
      await sql(
        `insert into incident_mentions (workspace_id, incident_id, mention_id, conversation_id, customer_id)
         select m.workspace_id, $1, m.id, m.conversation_id, c.customer_id from mentions m join identities i on i.id = m.identity_id join conversations c on c.id = m.conversation_id where i.handle = $2`,
        [inc!.id, h],
      );
    }
    return inc!.id;
  };

  const build = async (incidentId: string, payload: object, who: Credentials = sup) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/incidents/${incidentId}/outreach`, headers: who.headers, payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Campaign;
  };
  const get = async (id: string) => (await t.app.inject({ url: `/api/outreach/${id}`, headers: agent.headers })).json() as Campaign;
  const byHandle = (c: Campaign, handle: string) => c.recipients.find((r) => r.handle === handle)!;

  before(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'acme');
    sup = await signInAs(t, ws.members.supervisor.email);
    agent = await signInAs(t, ws.members.agent.email);
    fakeX = new FakeConnector('x');
    fakeMasto = new FakeConnector('mastodon', { maxLength: 500, canThread: true, hasPrivateMessages: true });
    fakeMail = new FakeConnector('email', { maxLength: null, canThread: false, hasPrivateMessages: true });
    // Four sends a minute, one at a time: the second X message must wait 15 s.
    x = await seedChannel(t.ctx, ws.id, 'x', 'Acme on X', { sendsPerMinute: 4, sendBurst: 1 });
    const masto = await seedChannel(t.ctx, ws.id, 'mastodon', 'Acme on Mastodon');
    await seedChannel(t.ctx, ws.id, 'email', 'Support mail');
    const earlier = new Date(t.clock.now().getTime() - 30 * 86_400_000);
    await deliver(t.ctx, ws.id, x, [
      { externalId: '101', text: 'my battery is overheating', author: { externalId: '1', handle: 'kim', displayName: 'Kim' } },
      { externalId: '102', text: 'battery overheating here too', author: { externalId: '2', handle: 'lee', displayName: 'Lee' } },
      { externalId: '103', text: 'battery got so hot', author: { externalId: '3', handle: 'oli', displayName: 'Oli' } },
      { externalId: '104', text: 'battery overheating, help!', author: { externalId: '4', handle: 'pat', displayName: 'Pat' } },
      { externalId: '105', text: 'overheating battery again', author: { externalId: '5', handle: 'max', displayName: 'Max' } },
    ]);
    await deliver(t.ctx, ws.id, masto, [{ externalId: 'm1', text: 'my battery died last month', authoredAt: earlier, author: { externalId: '@sam@m.social', handle: 'sam@m.social', displayName: 'Sam' } }]);
    await deliver(t.ctx, ws.id, x, [{ externalId: '9001', text: 'DRILL battery fire', author: { externalId: '99', handle: 'drilly', displayName: 'Drill Person' } }], { isDrill: true });
    // Everyone was answered and resolved, except Pat, who is still being helped.
    await sql(`update conversations set status = 'resolved', resolved_at = $1 where id not in (select m.conversation_id from mentions m join identities i on i.id = m.identity_id where i.handle = 'pat')`, [t.clock.now()]);
    await sql(`update customers set opted_out = true where id = $1`, [await customerOf('oli')]);
    await sql(`update customers set tier = 'gold' where id = $1`, [await customerOf('sam@m.social')]);
    incident = await newIncident('Battery overheating', ['kim', 'lee', 'oli', 'pat', 'max']);
    drillIncident = await newIncident('DRILL: battery fire', ['drilly'], true);
  });
  after(() => t.close());

  let first: Campaign;
  const waitFor = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail(`timed out waiting for ${what}`);
  };

  it('builds the audience from the mentions and the segment, each with why — or why suppressed', async () => {
    first = await build(incident, { name: 'Battery recall', body: 'Hi {{customer.name}}: about {{incident.title}}, here is what to do.', mode: 'public', segment: { tiers: ['gold'] } });
    assert.equal(first.state, 'draft');
    const states = Object.fromEntries(first.recipients.map((r) => [r.handle, r.state]));
    assert.deepEqual(states, { kim: 'included', lee: 'included', max: 'included', 'sam@m.social': 'included', oli: 'suppressed', pat: 'suppressed' });
    assert.equal(byHandle(first, 'kim').reason, 'mentioned the incident');
    assert.equal(byHandle(first, 'sam@m.social').reason, 'matches the segment: tier gold');
    assert.equal(byHandle(first, 'oli').reason, 'opted out of proactive messages · mentioned the incident');
    assert.equal(byHandle(first, 'pat').reason, 'already in an open conversation about this incident · mentioned the incident');
    assert.equal(byHandle(first, 'kim').path, 'public');
    assert.equal(byHandle(first, 'sam@m.social').path, 'public');
    assert.equal(byHandle(first, 'kim').conversationId, await conversationOf('kim'));
    assert.equal(byHandle(first, 'kim').preview, 'Hi Kim: about Battery overheating, here is what to do.');
    assert.deepEqual(first.channelMix, { x: 3, mastodon: 1 });
    // Agents may read it but not build or send it: that is a supervisor's decision about the incident.
    const denied = await t.app.inject({ method: 'POST', url: `/api/incidents/${incident}/outreach`, headers: agent.headers, payload: { name: 'n', body: 'b' } });
    assert.equal(denied.statusCode, 403);
    const list = (await t.app.inject({ url: `/api/incidents/${incident}/outreach`, headers: agent.headers })).json();
    assert.deepEqual(list.map((c: { id: string }) => c.id), [first.id]);
  });

  it('the agent excludes and includes people; suppressed people cannot be included', async () => {
    const lee = byHandle(first, 'lee');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/outreach/${first.id}/recipients`, headers: sup.headers, payload: { recipientIds: [lee.id], state: 'excluded' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(byHandle(res.json(), 'lee').state, 'excluded');
    const oli = byHandle(first, 'oli');
    const refused = await t.app.inject({ method: 'PATCH', url: `/api/outreach/${first.id}/recipients`, headers: sup.headers, payload: { recipientIds: [oli.id], state: 'included' } });
    assert.equal(refused.statusCode, 409);
    assert.equal(byHandle(await get(first.id), 'oli').state, 'suppressed');
  });

  it('sends through the outbox, each channel at its own rate: over the rate waits, never fails', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/outreach/${first.id}/send`, headers: sup.headers });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().counts, { queued: 3, excluded: 1, suppressed: 2 });
    const again = await t.app.inject({ method: 'POST', url: `/api/outreach/${first.id}/send`, headers: sup.headers });
    assert.equal(again.statusCode, 409, 'a campaign is sent once');

    const w = worker();
    await w.drain();
    assert.equal(fakeX.sent.length, 1, 'one X send now; the other waits for the next token');
    assert.equal(fakeMasto.sent.length, 1, 'another channel has its own bucket');
    const waiting = await sql<{ outbox_state: string; outbox_attempts: number; next_attempt_at: Date }>(
      `select outbox_state, outbox_attempts, next_attempt_at from messages where channel_id = $1 and outbox_state = 'queued'`, [x],
    );
    assert.equal(waiting.length, 1);
    assert.equal(waiting[0]!.outbox_attempts, 0, 'deferring is not an attempt');
    assert.equal(new Date(waiting[0]!.next_attempt_at).getTime(), t.clock.now().getTime() + 15_000);
    let view = await get(first.id);
    assert.deepEqual(view.counts, { sent: 2, queued: 1, excluded: 1, suppressed: 2 });

    t.clock.advance(14_000);
    await w.drain();
    assert.equal(fakeX.sent.length, 1, 'still too early');
    t.clock.advance(1_000);
    await w.drain();
    assert.equal(fakeX.sent.length, 2);
    view = await get(first.id);
    assert.deepEqual(view.counts, { sent: 3, excluded: 1, suppressed: 2 });
    // A public reply in the customer's own thread, with the message rendered for them.
    const kimSend = fakeX.sent.find((m) => m.inReplyTo === '101')!;
    assert.equal(kimSend.text, 'Hi Kim: about Battery overheating, here is what to do.');
    assert.equal(kimSend.isPrivate, false);
  });

  it('never twice: a second outreach about the same incident skips those already contacted', async () => {
    const second = await build(incident, { name: 'Follow-up', body: 'Update for {{customer.name}}', mode: 'public', segment: { tiers: ['gold'] } });
    for (const h of ['kim', 'max', 'sam@m.social']) assert.match(byHandle(second, h).reason, /^already contacted about this incident/, h);
    assert.equal(byHandle(second, 'lee').state, 'included', 'Lee was excluded from the first one, so never contacted');
  });

  it('any outreach within the window suppresses; after it, the customer can be reached again (a DM in a new conversation)', async () => {
    const other = await newIncident('Battery complaints', []);
    const body = { name: 'Topic', body: 'Hello {{customer.name}}', mode: 'private', segment: { topic: 'died', channelKinds: ['mastodon'] }, skipMentioners: true };
    const early = await build(other, body);
    assert.deepEqual(early.recipients.map((r) => r.handle), ['sam@m.social']);
    assert.match(early.recipients[0]!.reason, /^contacted by another outreach on \d{4}-\d{2}-\d{2} · matches the segment: on mastodon, talked about "died"$/);
    assert.equal(early.recipients[0]!.state, 'suppressed');

    t.clock.advance(8 * 86_400_000);
    // Sessions do not last eight days.
    sup = await signInAs(t, ws.members.supervisor.email);
    agent = await signInAs(t, ws.members.agent.email);
    const later = await build(other, body);
    const sam = later.recipients[0]!;
    assert.equal(sam.state, 'included');
    assert.equal(sam.path, 'private', 'Mastodon has direct messages');
    assert.equal(sam.conversationId, null, "Sam's only thread there is public: the DM starts a new conversation");
    await t.app.inject({ method: 'POST', url: `/api/outreach/${later.id}/send`, headers: sup.headers });
    await worker().drain();
    const dm = fakeMasto.sent.at(-1)!;
    assert.equal(dm.isPrivate, true);
    assert.equal(dm.recipient?.handle, 'sam@m.social');
    assert.equal(dm.text, 'Hello Sam');
    const sent = await get(later.id);
    assert.equal(sent.recipients[0]!.state, 'sent');
    assert.ok(sent.recipients[0]!.conversationId);
  });

  it("replies come back into the outreach's conversations and are linked to the incident", async () => {
    const linker = startOutreachReplies({ ...t.ctx, log: silentLogger() });
    try {
      const kimOut = (await get(first.id)).recipients.find((r) => r.handle === 'kim')!;
      const [kimMsg] = await sql<{ external_id: string }>(`select external_id from messages where id = $1`, [kimOut.messageId]);
      await deliver(t.ctx, ws.id, x, [{ externalId: '201', text: 'thanks, done', inReplyTo: kimMsg!.external_id, author: { externalId: '1', handle: 'kim', displayName: 'Kim' } }]);
      const [reply] = await sql<{ id: string; conversation_id: string }>(`select id, conversation_id from mentions where external_id = '201'`);
      assert.equal(reply!.conversation_id, kimOut.conversationId, 'threaded into the conversation the outreach went out in');
      await waitFor('the reply to be linked', async () => (await sql(`select 1 from incident_mentions where mention_id = $1 and incident_id = $2`, [reply!.id, incident])).length === 1);
    } finally {
      linker.stop();
    }
  });

  it("a drill incident's outreach produces drill messages that the outbox refuses", async () => {
    const before = fakeX.sent.length;
    const drill = await build(drillIncident, { name: 'Drill outreach', body: 'Hi {{customer.name}}', mode: 'public' });
    assert.equal(drill.isDrill, true);
    assert.deepEqual(drill.recipients.map((r) => [r.handle, r.state]), [['drilly', 'included']]);
    await t.app.inject({ method: 'POST', url: `/api/outreach/${drill.id}/send`, headers: sup.headers });
    const [m] = await sql<{ is_drill: boolean }>(`select is_drill from messages where id = (select message_id from outreach_recipients where campaign_id = $1)`, [drill.id]);
    assert.equal(m!.is_drill, true);
    await worker().drain();
    assert.equal(fakeX.sent.length, before, 'nothing left Lookout');
    const view = await get(drill.id);
    assert.deepEqual([view.recipients[0]!.state, view.recipients[0]!.error], ['failed', DRILL_REFUSAL]);
  });
});
