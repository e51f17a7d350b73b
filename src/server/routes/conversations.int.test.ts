import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deliver, seedChannel } from '../../modules/conversations/testing.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';

interface Row {
  id: string;
  status: string;
  priority: number;
  snippet: string;
  latestMentionId: string;
  reasons: string[];
  isDrill: boolean;
  author: { handle: string; followers: number; verified: boolean } | null;
  channel: { kind: string; name: string };
  customer: { id: string; name: string } | null;
  tags: { name: string }[];
  assignee: { id: string } | null;
  sla: { atRisk: boolean; breached: boolean; pausedAt: string | null; pausedSeconds: number; reliefDueAt: string | null };
}

describe('conversations API', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  const as: Record<string, Credentials> = {};
  const ids: Record<string, string> = {};
  const minutesAgo = (m: number) => new Date(t.clock.now().getTime() - m * 60_000);

  const inbox = async (query: string, who = 'agent') => {
    const res = await t.app.inject({ url: `/api/conversations?${query}`, headers: as[who]!.headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: Row[]; nextCursor: string | null };
  };
  const handles = async (query: string, who = 'agent') => (await inbox(query, who)).items.map((r) => r.author?.handle ?? r.channel.kind);
  /** The tab counts say what the queues list (for this viewer: mine and my team are theirs). */
  const countsMatchQueues = async (who: string) => {
    const res = await t.app.inject({ url: '/api/conversations/counts', headers: as[who]!.headers });
    assert.equal(res.statusCode, 200, res.body);
    const { counts, cap } = res.json() as { counts: Record<string, number>; cap: number };
    assert.equal(cap, 1000);
    assert.deepEqual(Object.keys(counts).sort(), ['mine', 'my_team', 'needs_response', 'unassigned', 'waiting']);
    for (const [queue, n] of Object.entries(counts)) assert.equal(n, (await inbox(`queue=${queue}&limit=100`, who)).items.length, `${who}: ${queue}`);
    return counts;
  };
  const patch = (id: string, payload: object, who = 'agent') => t.app.inject({ method: 'PATCH', url: `/api/conversations/${id}`, headers: as[who]!.headers, payload });

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' } });
    ws = await seedWorkspace(t.ctx, 'acme');
    for (const role of ['admin', 'supervisor', 'agent', 'analyst'] as const) as[role] = await signInAs(t, ws.members[role].email);
    const x = await seedChannel(t.ctx, ws.id, 'x', 'Acme on X');
    const mail = await seedChannel(t.ctx, ws.id, 'email', 'Support mail');
    const jo = { externalId: '101', handle: 'jo', displayName: 'Jo Park', email: 'jo@example.com', followers: 120_000, verified: true };
    await deliver(t.ctx, ws.id, x, [
      { externalId: 'x1', text: 'My flight was cancelled and nobody answers!', author: jo, authoredAt: minutesAgo(50), triage: { priority: 90, sentiment: 'negative', intent: 'complaint', language: 'en', reasons: ['negative, 0.93', '120k followers'] } },
      { externalId: 'x2', text: 'where is my refund please', author: { externalId: '102', handle: 'sam', followers: 10 }, authoredAt: minutesAgo(20), triage: { priority: 60, sentiment: 'neutral', intent: 'billing', language: 'en' } },
      { externalId: 'x3', text: 'love the new app', author: { externalId: '103', handle: 'lee' }, authoredAt: minutesAgo(30), triage: { priority: 10, needsResponse: false, sentiment: 'positive', intent: 'praise' } },
      { externalId: 'x4', text: 'still waiting   for\n my   bags', author: { externalId: '104', handle: 'kim' }, authoredAt: minutesAgo(40), triage: { priority: 60, sentiment: 'negative', language: 'de' } },
    ]);
    await deliver(t.ctx, ws.id, mail, [
      { externalId: '<e1@example.com>', kind: 'email', visibility: 'private', title: 'Refund for the cancelled flight', text: 'Hello, I want my money back.', author: { externalId: 'jo@example.com', handle: 'jo@example.com', email: 'jo@example.com' }, authoredAt: minutesAgo(10), triage: { priority: 70, sentiment: 'negative' } },
    ]);
    await deliver(t.ctx, ws.id, x, [{ externalId: 'd1', text: 'DRILL: the app is down for everyone', author: { externalId: '199', handle: 'drill_bot' }, authoredAt: minutesAgo(5), triage: { priority: 95 } }], { isDrill: true });
    for (const r of (await inbox('queue=all&limit=100')).items) ids[r.author?.handle ?? r.channel.kind] = r.id;
  });
  after(() => t.close());

  it('the needs-response queue: by priority, then oldest first; dismissed mentions stay out', async () => {
    const page = await inbox('queue=needs_response');
    assert.deepEqual(page.items.map((r) => r.author!.handle), ['drill_bot', 'jo', 'jo@example.com', 'kim', 'sam']);
    const jo = page.items[1]!;
    assert.deepEqual(jo.reasons, ['negative, 0.93', '120k followers']);
    assert.deepEqual(jo.author, { identityId: jo.author!['identityId' as never], handle: 'jo', displayName: 'Jo Park', followers: 120000, verified: true });
    assert.equal(jo.channel.name, 'Acme on X');
    assert.equal(jo.customer!.name, 'Jo Park');
    assert.equal(page.items[3]!.snippet, 'still waiting for my bags');
    assert.deepEqual(await handles('queue=dismissed'), ['lee']);
  });

  it('filters: channel kind, sentiment, intent, priority, influence, language, drills', async () => {
    assert.deepEqual(await handles('queue=all&channelKind=email'), ['jo@example.com']);
    assert.deepEqual(await handles('queue=needs_response&sentiment=negative'), ['jo', 'jo@example.com', 'kim']);
    assert.deepEqual(await handles('queue=all&intent=billing'), ['sam']);
    assert.deepEqual(await handles('queue=needs_response&minPriority=65&maxPriority=92'), ['jo', 'jo@example.com']);
    assert.deepEqual(await handles('queue=all&minInfluence=100000'), ['jo']);
    assert.deepEqual(await handles('queue=all&language=de'), ['kim']);
    assert.deepEqual(await handles('queue=needs_response&isDrill=false'), ['jo', 'jo@example.com', 'kim', 'sam']);
    const bad = await t.app.inject({ url: '/api/conversations?minPriority=high', headers: as.agent!.headers });
    assert.equal(bad.statusCode, 400);
  });

  it('pages with a keyset cursor: every row once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await inbox(`queue=needs_response&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((r) => r.author!.handle));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ['drill_bot', 'jo', 'jo@example.com', 'kim', 'sam']);
    const recent: string[] = [];
    cursor = null;
    do {
      const page = await inbox(`queue=all&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      recent.push(...page.items.map((r) => r.author!.handle));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(recent, ['drill_bot', 'jo@example.com', 'sam', 'lee', 'kim', 'jo']);
    const wrong = await t.app.inject({ url: '/api/conversations?cursor=bm9wZQ', headers: as.agent!.headers });
    assert.equal(wrong.statusCode, 400);
  });

  it('searches mentions: whole words (text and subject), partial words, nothing', async () => {
    assert.deepEqual((await handles('queue=all&q=refund')).sort(), ['jo@example.com', 'sam']);
    assert.deepEqual(await handles('queue=all&q=cancelled flight'), ['jo@example.com', 'jo']);
    assert.deepEqual(await handles('queue=all&q=bagg'), []);
    assert.deepEqual(await handles('queue=all&q=wai'), ['kim']);
    assert.deepEqual(await handles('queue=all&q=zzzz'), []);
    assert.deepEqual(await handles('queue=all&q=100%25'), []);
  });

  it("detail: the customer's timeline across both channels, the triage explanation", async () => {
    const res = await t.app.inject({ url: `/api/conversations/${ids.jo}`, headers: as.analyst!.headers });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual(d.reasons, ['negative, 0.93', '120k followers']);
    assert.deepEqual(d.allowedStatuses, ['open', 'pending', 'relieved', 'resolved', 'closed']);
    assert.equal(d.customerConversations.length, 2);
    const messages = d.timeline.filter((i: { kind: string }) => i.kind === 'message');
    assert.deepEqual(messages.map((i: { message: { channel: { kind: string } } }) => i.message.channel.kind), ['x', 'email']);
    assert.deepEqual(messages.map((i: { isThisConversation: boolean }) => i.isThisConversation), [true, false]);
    assert.equal(messages[0].message.author.handle, 'jo');
    assert.equal(messages[0].message.mention.priority, 90);
    const unknown = await t.app.inject({ url: '/api/conversations/00000000-0000-4000-8000-000000000000', headers: as.agent!.headers });
    assert.equal(unknown.statusCode, 404);
  });

  it('status: pending pauses the SLA and leaves the needs-response queue; resuming counts the pause; bad moves are refused', async () => {
    const id = ids.kim!;
    await t.ctx.db.exec(`update conversations set relief_due_at = $1 where id = $2`, [new Date(t.clock.now().getTime() + 20 * 60_000), id]);
    assert.deepEqual(await handles('queue=all&slaAtRisk=true'), ['kim']);
    const pending = await patch(id, { status: 'pending' });
    assert.equal(pending.statusCode, 200, pending.body);
    assert.ok(pending.json().sla.pausedAt);
    assert.deepEqual(await handles('queue=waiting'), ['kim']);
    assert.ok(!(await handles('queue=needs_response')).includes('kim'));
    assert.deepEqual(await handles('queue=all&slaAtRisk=true'), [], 'a paused clock is not at risk');
    t.clock.advance(15 * 60_000);
    const open = await patch(id, { status: 'open' });
    assert.equal(open.json().sla.pausedAt, null);
    assert.equal(open.json().sla.pausedSeconds, 900);
    assert.equal(new Date(open.json().sla.reliefDueAt).getTime(), t.clock.now().getTime() + 20 * 60_000);
    const resolved = await patch(id, { status: 'resolved' });
    assert.ok(resolved.json().sla.resolvedAt && resolved.json().sla.relievedAt);
    const back = await patch(id, { status: 'pending' });
    assert.equal(back.statusCode, 422);
    assert.match(back.json().detail, /resolved conversation cannot become pending/);
    const detail = (await t.app.inject({ url: `/api/conversations/${id}`, headers: as.agent!.headers })).json();
    const changes = detail.timeline.filter((i: { event?: { type: string } }) => i.event?.type === 'status_changed').map((i: { event: { data: { to: string }; actor: { name: string } } }) => i.event.data.to);
    assert.deepEqual(changes, ['pending', 'open', 'resolved']);
  });

  it('assignment: mine, my team, unassigned; the assignee must be able to work conversations', async () => {
    const team = await t.app.inject({ method: 'POST', url: '/api/teams', headers: as.admin!.headers, payload: { name: 'Billing', memberIds: [ws.members.agent.id] } });
    assert.equal((await patch(ids.sam!, { assigneeId: ws.members.agent.id })).statusCode, 200);
    assert.equal((await patch(ids['jo@example.com']!, { teamId: team.json().id })).statusCode, 200);
    assert.deepEqual(await handles('queue=mine'), ['sam']);
    assert.deepEqual(await handles('queue=mine', 'supervisor'), []);
    assert.deepEqual(await handles('queue=my_team'), ['jo@example.com']);
    assert.ok(!(await handles('queue=unassigned')).includes('sam'));
    const analyst = await patch(ids.sam!, { assigneeId: ws.members.analyst.id });
    assert.equal(analyst.statusCode, 400);
    const snoozed = await patch(ids.jo!, { snoozedUntil: new Date(t.clock.now().getTime() + 3_600_000).toISOString() });
    assert.equal(snoozed.statusCode, 200);
    assert.ok(!(await handles('queue=needs_response')).includes('jo'));
    await countsMatchQueues('agent');
    await patch(ids.jo!, { snoozedUntil: null });
    await countsMatchQueues('agent');
    await countsMatchQueues('supervisor');
    const overridden = await patch(ids.jo!, { priority: 99 }, 'supervisor');
    assert.equal(overridden.json().priority, 99);
    const audit = (await t.app.inject({ url: '/api/audit', headers: as.admin!.headers })).json();
    assert.ok(audit.some((a: { action: string }) => a.action === 'conversation.priority_overridden'));
  });

  it('notes mention members by @name or @email; tags are set by name', async () => {
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/conversations/${ids.jo}/notes`,
      headers: as.agent!.headers,
      payload: { text: '@supervisor@acme.test can we refund? cc @admin of acme' },
    });
    assert.equal(note.statusCode, 201, note.body);
    assert.equal(note.json().visibility, 'internal');
    assert.deepEqual(note.json().meta.mentionedMemberIds.sort(), [ws.members.supervisor.id, ws.members.admin.id].sort());
    const events = await t.ctx.db.exec(`select subject_id from events where type = 'member.mentioned' order by id`);
    assert.deepEqual(events.rows.map((r) => r.subject_id).sort(), [ws.members.supervisor.id, ws.members.admin.id].sort());

    const tagged = await t.app.inject({ method: 'PUT', url: `/api/conversations/${ids.jo}/tags`, headers: as.agent!.headers, payload: { tags: ['Refund', 'vip ', 'refund'] } });
    assert.deepEqual(tagged.json().map((x: { name: string }) => x.name), ['Refund', 'vip']);
    assert.deepEqual(await handles('queue=all&tag=REFUND'), ['jo']);
    assert.deepEqual((await inbox('queue=all&tag=vip')).items[0]!.tags.map((x) => x.name), ['Refund', 'vip']);
    await t.app.inject({ method: 'PUT', url: `/api/conversations/${ids.jo}/tags`, headers: as.agent!.headers, payload: { tags: ['vip'] } });
    assert.deepEqual(await handles('queue=all&tag=refund'), []);
    const all = (await t.app.inject({ url: '/api/tags', headers: as.analyst!.headers })).json();
    assert.deepEqual(all.map((x: { name: string }) => x.name), ['Refund', 'vip']);
  });

  it('triage corrections: "this needed a response" and "dismiss" move queues and are kept for learning', async () => {
    const lee = (await inbox('queue=dismissed')).items[0]!;
    const res = await t.app.inject({ method: 'POST', url: `/api/mentions/${lee.latestMentionId}/needs-response`, headers: as.agent!.headers });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().conversationNeedsResponse, true);
    assert.ok((await handles('queue=needs_response')).includes('lee'));
    const samMention = (await inbox('queue=all&intent=billing')).items[0]!.latestMentionId;
    await t.app.inject({ method: 'POST', url: `/api/mentions/${samMention}/dismiss`, headers: as.agent!.headers });
    assert.deepEqual(await handles('queue=dismissed'), ['sam']);
    const feedback = await t.ctx.db.exec('select needs_response, member_id from triage_feedback order by id');
    assert.deepEqual(feedback.rows, [
      { needs_response: true, member_id: ws.members.agent.id },
      { needs_response: false, member_id: ws.members.agent.id },
    ]);
    const corrections = await t.ctx.db.exec(`select count(*)::int as n from events where type = 'triage.correction'`);
    assert.equal(corrections.rows[0]!.n, 2);
  });

  it('an analyst reads but cannot reply, note or change anything', async () => {
    assert.equal((await inbox('queue=all', 'analyst')).items.length, 6);
    const reply = await t.app.inject({ method: 'POST', url: `/api/conversations/${ids.jo}/replies`, headers: as.analyst!.headers, payload: { text: 'hi', visibility: 'public' } });
    assert.equal(reply.statusCode, 403);
    assert.equal((await patch(ids.jo!, { status: 'open' }, 'analyst')).statusCode, 403);
  });
});
