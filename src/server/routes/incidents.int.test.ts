import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../platform/clock/index.ts';
import { eq, schema, sql } from '../../platform/db/index.ts';
import { deliver, seedChannel } from '../../modules/conversations/testing.ts';
import { handleMessageEvents } from '../../worker/incident-responses.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';

const T0 = new Date('2026-04-01T09:00:00Z');

describe('incidents and playbooks API', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  let other: SeededWorkspace;
  let admin: Credentials;
  let agent: Credentials;
  let otherAdmin: Credentials;
  let channelId: string;
  const clock = new FakeClock(T0);
  const mentionIds: string[] = [];
  const conversationIds: string[] = [];

  const call = (who: Credentials, method: string, url: string, payload?: unknown) =>
    t.app.inject({ method: method as 'GET', url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  const playbook = {
    name: 'Outage',
    incidentTypes: ['outage'],
    definition: {
      steps: [{ title: 'Confirm with engineering', ownerRole: 'supervisor' }, { title: 'Post the holding statement' }],
      statements: [
        { name: 'holding', text: 'We know about the problem and are working on it.', visibility: 'public' },
        { name: 'internal brief', text: 'Engineering is on it.', visibility: 'internal' },
      ],
      replies: [{ name: 'sorry', body: 'Sorry {{customer.name}}, we are on it.' }],
      stakeholders: { memberIds: [], emails: ['oncall@example.test'] },
    },
  };

  before(async () => {
    t = await createTestApp({ clock, config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' } });
    ws = await seedWorkspace(t.ctx, 'inc');
    other = await seedWorkspace(t.ctx, 'inc-other');
    admin = await signInAs(t, ws.members.admin.email);
    agent = await signInAs(t, ws.members.agent.email);
    otherAdmin = await signInAs(t, other.members.admin.email);
    channelId = await seedChannel(t.ctx, ws.id, 'x');
    await deliver(t.ctx, ws.id, channelId, [
      { externalId: 'm1', text: 'the app is down, login error', author: { externalId: 'a1', handle: 'ann', followers: 120 } },
      { externalId: 'm2', text: 'login error again!!', author: { externalId: 'a2', handle: 'bob', followers: 30 } },
      { externalId: 'm3', text: 'Cannot log in: login error 500', author: { externalId: 'a3', handle: 'cat', followers: 5 } },
    ]);
    const rows = await t.ctx.db.tenant(ws.id, (tx) => tx.select({ id: schema.mentions.id, conversationId: schema.mentions.conversationId }).from(schema.mentions).orderBy(schema.mentions.externalId));
    mentionIds.push(...rows.map((r) => r.id));
    conversationIds.push(...rows.map((r) => r.conversationId!));
  });
  after(() => t.close());

  it('playbooks: created, validated, listed, changed', async () => {
    const bad = await call(admin, 'POST', '/api/playbooks', { ...playbook, definition: { ...playbook.definition, steps: [{ title: '' }] } });
    assert.equal(bad.statusCode, 400, bad.body);
    const unknownOwner = await call(admin, 'POST', '/api/playbooks', { ...playbook, definition: { ...playbook.definition, steps: [{ title: 'x', ownerId: other.members.admin.id }] } });
    assert.equal(unknownOwner.statusCode, 400, unknownOwner.body);
    assert.equal((await call(agent, 'POST', '/api/playbooks', playbook)).statusCode, 403);
    const created = await call(admin, 'POST', '/api/playbooks', playbook);
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    assert.deepEqual(created.json().definition.steps.map((s: { title: string }) => s.title), ['Confirm with engineering', 'Post the holding statement']);
    const changed = await call(admin, 'PATCH', `/api/playbooks/${id}`, { incidentTypes: ['outage', 'login'] });
    assert.deepEqual(changed.json().incidentTypes, ['outage', 'login']);
    assert.equal((await call(agent, 'GET', '/api/playbooks')).json().length, 1);
    assert.equal((await call(otherAdmin, 'GET', `/api/playbooks/${id}`)).statusCode, 404);
    const doomed = await call(admin, 'POST', '/api/playbooks', { ...playbook, name: 'Doomed', incidentTypes: ['x'] });
    assert.equal((await call(admin, 'DELETE', `/api/playbooks/${doomed.json().id}`)).statusCode, 204);
    assert.equal((await call(admin, 'GET', `/api/playbooks/${doomed.json().id}`)).statusCode, 404);
  });

  it('declares an incident with its mentions, playbook checklist and affected customers; bad input is refused', async () => {
    assert.equal((await call(admin, 'POST', '/api/incidents', { title: 'x', severity: 11 })).statusCode, 400);
    assert.equal((await call(admin, 'POST', '/api/incidents', { title: '   ', severity: 3 })).statusCode, 400);
    assert.equal((await call(admin, 'POST', '/api/incidents', { title: 'x', severity: 3, mentionIds: ['00000000-0000-4000-8000-000000000009'] })).statusCode, 400);
    assert.equal((await call(admin, 'POST', '/api/incidents', { title: 'x', severity: 3, ownerId: other.members.admin.id })).statusCode, 400);
    assert.equal((await call(agent, 'POST', '/api/incidents', { title: 'x', severity: 3 })).statusCode, 403);

    const res = await call(admin, 'POST', '/api/incidents', { title: 'Login errors', severity: 6, type: 'login', matchTerms: ['login error'], mentionIds: mentionIds.slice(0, 2) });
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json();
    assert.equal(d.incident.status, 'detected');
    assert.equal(d.incident.source, 'manual');
    assert.equal(d.incident.owner.id, ws.members.admin.id, 'the declarer owns it by default');
    assert.equal(d.incident.mentionCount, 2);
    assert.equal(d.incident.reach, 150);
    assert.equal(d.incident.detectedAt, T0.toISOString());
    assert.deepEqual(d.checklist.map((c: { title: string }) => c.title), ['Confirm with engineering', 'Post the holding statement']);
    assert.equal(d.playbook.name, 'Outage');
    assert.deepEqual(d.timeline.map((e: { type: string }) => e.type), ['created', 'playbook_applied', 'mentions_linked']);
    assert.equal(d.affectedCustomers.length, 2);
    assert.ok(d.affectedCustomers.every((c: { openConversations: unknown[] }) => c.openConversations.length === 1));
    assert.equal(d.mentions.items.length, 2);
    // Its playbook's pre-approved replies are offered in its conversations.
    const offered = await call(agent, 'GET', `/api/incident-replies?conversationId=${conversationIds[0]}`);
    assert.deepEqual(offered.json().map((r: { name: string; incidentId: string }) => [r.name, r.incidentId]), [['sorry', d.incident.id]]);
    assert.deepEqual((await call(agent, 'GET', `/api/incident-replies?conversationId=${conversationIds[2]}`)).json(), []);
  });

  it('moves through its statuses with timestamps; invalid moves are 409; unknown and foreign ids are 404', async () => {
    const { id } = (await call(admin, 'POST', '/api/incidents', { title: 'Status walk', severity: 3 })).json().incident;
    clock.set(new Date(T0.getTime() + 5 * 60_000));
    const ack = await call(admin, 'PATCH', `/api/incidents/${id}`, { status: 'acknowledged', ownerId: ws.members.supervisor.id, severity: 5 });
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal(ack.json().incident.acknowledgedAt, clock.now().toISOString());
    assert.equal(ack.json().incident.owner.name, `supervisor of inc`);
    const back = await call(admin, 'PATCH', `/api/incidents/${id}`, { status: 'detected' });
    assert.equal(back.statusCode, 409);
    assert.match(back.json().detail, /acknowledged incident cannot become detected/);
    assert.equal((await call(admin, 'PATCH', `/api/incidents/${id}`, { status: 'bogus' })).statusCode, 400);
    assert.equal((await call(admin, 'PATCH', `/api/incidents/${id}`, { ownerId: other.members.admin.id })).statusCode, 400);
    const mitigating = await call(admin, 'PATCH', `/api/incidents/${id}`, { status: 'mitigating' });
    assert.ok(mitigating.json().incident.mitigatingAt);
    const resolved = await call(admin, 'PATCH', `/api/incidents/${id}`, { status: 'resolved' });
    assert.equal(resolved.json().incident.crisisDiverted, true, 'resolved before going viral');
    assert.ok(resolved.json().timeline.some((e: { type: string }) => e.type === 'crisis_diverted'));
    const again = await call(admin, 'PATCH', `/api/incidents/${id}`, { status: 'dismissed' });
    assert.equal(again.statusCode, 409);
    assert.match(again.json().detail, /closed/);

    assert.equal((await call(admin, 'GET', '/api/incidents/00000000-0000-4000-8000-000000000001')).statusCode, 404);
    assert.equal((await call(otherAdmin, 'GET', `/api/incidents/${id}`)).statusCode, 404);
    assert.equal((await call(otherAdmin, 'PATCH', `/api/incidents/${id}`, { status: 'dismissed' })).statusCode, 404);
    assert.equal((await call(otherAdmin, 'POST', `/api/incidents/${id}/notes`, { text: 'hi' })).statusCode, 404);
    assert.equal((await call(agent, 'PATCH', `/api/incidents/${id}`, { severity: 2 })).statusCode, 403);
    assert.equal((await call(agent, 'GET', `/api/incidents/${id}`)).statusCode, 200);
  });

  it('a type set later brings its checklist; steps are ticked with who and when; notes join the timeline', async () => {
    const { id } = (await call(admin, 'POST', '/api/incidents', { title: 'Checklist', severity: 4 })).json().incident;
    const typed = await call(admin, 'PATCH', `/api/incidents/${id}`, { type: 'outage' });
    const [step] = typed.json().checklist;
    assert.ok(step, 'checklist from the outage playbook');
    clock.set(new Date(T0.getTime() + 20 * 60_000));
    const ticked = await call(admin, 'POST', `/api/incidents/${id}/checklist/${step.id}`, { done: true });
    assert.equal(ticked.statusCode, 200, ticked.body);
    assert.equal(ticked.json().checklist[0].doneAt, clock.now().toISOString());
    assert.equal(ticked.json().checklist[0].doneBy, ws.members.admin.id);
    const unticked = await call(admin, 'POST', `/api/incidents/${id}/checklist/${step.id}`, { done: false });
    assert.equal(unticked.json().checklist[0].doneAt, null);
    assert.equal((await call(admin, 'POST', `/api/incidents/${id}/checklist/00000000-0000-4000-8000-000000000002`, { done: true })).statusCode, 404);
    const noted = await call(admin, 'POST', `/api/incidents/${id}/notes`, { text: 'Engineering says DNS' });
    assert.equal(noted.statusCode, 201);
    const types = noted.json().timeline.map((e: { type: string }) => e.type);
    assert.deepEqual(types.slice(-3), ['checklist_done', 'checklist_undone', 'note']);
    assert.ok(types.includes('checklist_done') && types.includes('checklist_undone') && types.includes('type_changed'));
    const note = noted.json().timeline.at(-1);
    assert.equal(note.type, 'note');
    assert.equal(note.data.text, 'Engineering says DNS');
    assert.equal(note.actorName, 'admin of inc');
  });

  it('links and unlinks mentions and conversations; crossing the virality threshold means no crisis diverted', async () => {
    await call(admin, 'PATCH', '/api/workspace', { settings: { viralityThreshold: { mentions: 3, reach: 1_000_000 } } });
    const { id } = (await call(admin, 'POST', '/api/incidents', { title: 'Viral', severity: 7 })).json().incident;
    const linked = await call(admin, 'POST', `/api/incidents/${id}/mentions`, { mentionIds: [mentionIds[0]], conversationIds: [conversationIds[1]] });
    assert.equal(linked.json().linked, 2);
    const unlinked = await call(admin, 'DELETE', `/api/incidents/${id}/mentions`, { conversationIds: [conversationIds[1]] });
    assert.equal(unlinked.json().unlinked, 1);
    assert.equal((await call(admin, 'DELETE', `/api/incidents/${id}/mentions`, {})).statusCode, 400);
    let d = (await call(admin, 'GET', `/api/incidents/${id}`)).json();
    assert.equal(d.incident.mentionCount, 1);
    assert.equal(d.incident.viralAt, null);
    await call(admin, 'POST', `/api/incidents/${id}/mentions`, { mentionIds });
    d = (await call(admin, 'GET', `/api/incidents/${id}?mentionLimit=2&mentionOffset=1`)).json();
    assert.equal(d.incident.mentionCount, 3);
    assert.equal(d.incident.viralAt, clock.now().toISOString());
    assert.equal(d.mentions.items.length, 2);
    assert.equal(d.mentions.offset, 1);
    const resolved = (await call(admin, 'PATCH', `/api/incidents/${id}`, { status: 'resolved' })).json();
    assert.equal(resolved.incident.crisisDiverted, false);
    await call(admin, 'PATCH', '/api/workspace', { settings: { viralityThreshold: null } });
  });

  it('statements: recorded with the first public response; an unknown name or an empty one is refused', async () => {
    const { id } = (await call(admin, 'POST', '/api/incidents', { title: 'Statement', severity: 4, type: 'outage' })).json().incident;
    assert.equal((await call(admin, 'POST', `/api/incidents/${id}/statements`, { statementName: 'nope' })).statusCode, 400);
    assert.equal((await call(admin, 'POST', `/api/incidents/${id}/statements`, {})).statusCode, 400);
    const internal = await call(admin, 'POST', `/api/incidents/${id}/statements`, { statementName: 'internal brief' });
    assert.equal(internal.statusCode, 201);
    assert.equal((await call(admin, 'GET', `/api/incidents/${id}`)).json().incident.firstPublicResponseAt, null, 'an internal brief is not a public response');
    clock.set(new Date(T0.getTime() + 30 * 60_000));
    const posted = await call(admin, 'POST', `/api/incidents/${id}/statements`, { statementName: 'holding', channelId });
    assert.equal(posted.statusCode, 201, posted.body);
    assert.equal(posted.json().text, 'We know about the problem and are working on it.');
    const d = (await call(admin, 'GET', `/api/incidents/${id}`)).json();
    assert.equal(d.incident.firstPublicResponseAt, clock.now().toISOString());
    const statement = d.timeline.filter((e: { type: string }) => e.type === 'statement_posted').at(-1);
    assert.equal(statement.data.name, 'holding');
    // X can post: the statement is queued through the outbox as a public post of its own.
    assert.ok(posted.json().messageId, posted.body);
    const [m] = await t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.messages).where(eq(schema.messages.id, posted.json().messageId)));
    assert.equal(m!.outboxState, 'queued');
    assert.equal(m!.visibility, 'public');
    assert.equal(m!.body, 'We know about the problem and are working on it.');
    // A feed cannot post: recorded only, and said why.
    const feeds = await seedChannel(t.ctx, ws.id, 'rss', 'feeds', { feeds: [] });
    const recorded = await call(admin, 'POST', `/api/incidents/${id}/statements`, { text: 'Update: fixed.', channelId: feeds });
    assert.equal(recorded.json().messageId, null);
    assert.match(recorded.json().recordedOnly, /cannot post/);
  });

  it('a public reply sent in a linked conversation is the first public response (drills: when queued)', async () => {
    const { id } = (await call(admin, 'POST', '/api/incidents', { title: 'Replies', severity: 4, conversationIds: [conversationIds[2]] })).json().incident;
    const insert = (visibility: 'public' | 'private', outboxState: 'sent' | 'queued') =>
      t.ctx.db.tenant(ws.id, async (tx) => {
        const [m] = await tx
          .insert(schema.messages)
          .values({ workspaceId: ws.id, conversationId: conversationIds[2]!, direction: 'outbound', visibility, body: 'on it', outboxState, channelId })
          .returning();
        return m!.id;
      });
    const event = (type: string, messageId: string) => [{ id: 1, workspaceId: ws.id, type, subjectId: messageId, data: { messageId }, createdAt: clock.now() }];
    const dm = await insert('private', 'sent');
    assert.deepEqual(await handleMessageEvents(t.ctx, ws.id, event('message.sent', dm)), [], 'a private reply is not public');
    const queued = await insert('public', 'queued');
    assert.deepEqual(await handleMessageEvents(t.ctx, ws.id, event('message.queued', queued)), [], 'a real reply counts once sent');
    clock.set(new Date(T0.getTime() + 45 * 60_000));
    assert.deepEqual(await handleMessageEvents(t.ctx, ws.id, event('message.sent', queued)), [id]);
    const d = (await call(admin, 'GET', `/api/incidents/${id}`)).json();
    assert.equal(d.incident.firstPublicResponseAt, clock.now().toISOString());
    // Only the first one counts.
    assert.deepEqual(await handleMessageEvents(t.ctx, ws.id, event('message.sent', queued)), []);

    // A drill incident (declared from drill material) counts a queued public reply: drills never send.
    await deliver(t.ctx, ws.id, channelId, [{ externalId: 'd1', text: 'drill: login error', author: { externalId: 'd-a', handle: 'drill_a' } }], { isDrill: true });
    const [drillMention] = await t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.mentions).where(eq(schema.mentions.externalId, 'd1')));
    const drillIncident = (await call(admin, 'POST', '/api/incidents', { title: 'Drill', severity: 4, mentionIds: [drillMention!.id] })).json().incident;
    assert.equal(drillIncident.isDrill, true);
    const [drillReply] = await t.ctx.db.tenant(ws.id, (tx) =>
      tx.insert(schema.messages).values({ workspaceId: ws.id, conversationId: drillMention!.conversationId!, direction: 'outbound', visibility: 'public', body: 'drill reply', outboxState: 'queued', channelId, isDrill: true }).returning(),
    );
    assert.deepEqual(await handleMessageEvents(t.ctx, ws.id, event('message.queued', drillReply!.id)), [drillIncident.id]);
    // Drill and real mentions never mix in one incident.
    const mixed = await call(admin, 'POST', `/api/incidents/${id}/mentions`, { mentionIds: [drillMention!.id] });
    assert.equal(mixed.statusCode, 400);
    assert.equal((await call(admin, 'POST', `/api/incidents/${drillIncident.id}/mentions`, { mentionIds: [mentionIds[0]] })).statusCode, 400);
  });

  it('lists open incidents first, worst first, with filters and paging; detection alerts are listed', async () => {
    const all = (await call(agent, 'GET', '/api/incidents?limit=100')).json();
    assert.ok(all.total >= 6);
    const statuses = all.items.map((i: { status: string }) => i.status);
    const firstClosed = statuses.findIndex((s: string) => s === 'resolved' || s === 'dismissed');
    assert.ok(statuses.slice(firstClosed).every((s: string) => s === 'resolved' || s === 'dismissed'), statuses.join(','));
    const open = (await call(agent, 'GET', '/api/incidents?status=open')).json().items;
    const sev = open.map((i: { severity: number }) => i.severity);
    assert.deepEqual(sev, [...sev].sort((a: number, b: number) => b - a));
    assert.equal((await call(agent, 'GET', '/api/incidents?status=resolved&limit=1')).json().items.length, 1);
    assert.equal((await call(agent, 'GET', '/api/incidents?isDrill=true')).json().total, 1);
    assert.equal((await call(agent, 'GET', '/api/incidents?minSeverity=7')).json().items.every((i: { severity: number }) => i.severity >= 7), true);
    assert.equal((await call(agent, 'GET', '/api/incidents?status=nope')).statusCode, 400);
    assert.equal((await call(otherAdmin, 'GET', '/api/incidents')).json().total, 0);
    const alerts = await call(agent, 'GET', '/api/detection-alerts');
    assert.equal(alerts.statusCode, 200);
    assert.deepEqual(alerts.json(), []);
    // The live console refreshes on these.
    const res = (await t.ctx.db.system((tx) => tx.execute(sql`select distinct type from events where type like 'incident.%' and workspace_id = ${ws.id}`))) as unknown as { rows: { type: string }[] };
    const types = res.rows.map((r) => r.type);
    for (const type of ['incident.opened', 'incident.updated', 'incident.status_changed', 'incident.mention_linked', 'incident.note_added', 'incident.checklist_updated', 'incident.statement_posted']) {
      assert.ok(types.includes(type), `${type} in ${types.join(', ')}`);
    }
  });
});
