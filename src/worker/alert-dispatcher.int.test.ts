import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { FakeClock } from '../platform/clock/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { schema, sql } from '../platform/db/index.ts';
import { alertDepsFrom } from '../modules/alerts/index.ts';
import { openIncident, startReceiver, startSmtpInbox, type SmtpInbox } from '../modules/alerts/testing.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../server/testing.ts';
import { AlertDispatcher } from './alert-dispatcher.ts';

const MIN = 60_000;

describe('alert dispatcher', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  let admin: Credentials;
  let agent: Credentials;
  let smtp: SmtpInbox;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let dispatcher: AlertDispatcher;
  // Monday 10:00 UTC: inside business hours, outside the quiet hours used below.
  const clock = new FakeClock('2026-01-05T10:00:00Z');

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Credentials, payload?: unknown) =>
    t.app.inject({ method, url, headers: headers.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const deliveries = async (incidentId: string) => (await api('GET', `/api/alerts?incidentId=${incidentId}`, admin)).json() as { id: string; kind: string; target: string; state: string; attempts: number; lastError: string | null; escalationLevel: number; isDrill: boolean; nextAttemptAt: string | null; foldedUpdates: number; memberId: string | null }[];
  const timeline = async (incidentId: string) =>
    t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.incidentEvents).where(sql`incident_id = ${incidentId}`).orderBy(schema.incidentEvents.id));
  const createRule = async (name: string, definition: unknown) => {
    const res = await api('POST', '/api/alert-rules', admin, { name, definition });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const clearRules = () => t.ctx.db.tenant(ws.id, (tx) => tx.delete(schema.alertRules).where(sql`true`));

  before(async () => {
    smtp = await startSmtpInbox();
    receiver = await startReceiver();
    t = await createTestApp({ clock, config: { SMTP_URL: smtp.url, LOOKOUT_MAIL_FROM: 'alerts@lookout.test', LOOKOUT_PUBLIC_URL: 'https://lookout.example' } });
    ws = await seedWorkspace(t.ctx, 'alerts');
    admin = await signInAs(t, ws.members.admin.email);
    agent = await signInAs(t, ws.members.agent.email);
    dispatcher = new AlertDispatcher({ ...alertDepsFrom(t.ctx), log: silentLogger() }, { fromEventId: 0 });
  });
  after(async () => {
    await t.close();
    await smtp.close();
    await receiver.close();
  });
  beforeEach(async () => {
    clock.set('2026-01-05T10:00:00Z');
    await clearRules();
  });

  it('refuses a bad rule with the field named, and never shows URLs or secrets', async () => {
    const bad = await api('POST', '/api/alert-rules', admin, {
      name: 'bad',
      definition: { conditions: { minSeverity: 11 }, recipients: [{ kind: 'slack' }, { kind: 'member', memberId: '00000000-0000-4000-8000-000000000009' }, { kind: 'pager' }] },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    const paths = (bad.json().errors as { path: string }[]).map((e) => e.path);
    assert.ok(paths.includes('/body/definition/conditions/minSeverity'), paths.join());
    assert.ok(paths.includes('/body/definition/recipients/2/kind'), paths.join());

    const second = await api('POST', '/api/alert-rules', admin, { name: 'bad', definition: { recipients: [{ kind: 'slack' }, { kind: 'member', memberId: '00000000-0000-4000-8000-000000000009' }, { kind: 'webhook', url: 'https://example.test/hook' }] } });
    const paths2 = (second.json().errors as { path: string }[]).map((e) => e.path);
    assert.deepEqual(paths2.sort(), ['/body/definition/recipients/0/url', '/body/definition/recipients/1/memberId', '/body/definition/recipients/2/secret'].sort());

    const secret = 'whsec_never_shown_1234567890';
    const slackUrl = 'https://hooks.slack.com/services/T0001/B0001/SECRETxyz';
    const res = await api('POST', '/api/alert-rules', admin, { name: 'ok', definition: { recipients: [{ kind: 'slack', url: slackUrl }, { kind: 'webhook', url: `${receiver.url}/hook?key=abc`, secret }] } });
    assert.equal(res.statusCode, 201, res.body);
    for (const body of [res.body, (await api('GET', '/api/alert-rules', agent)).body]) {
      assert.ok(!body.includes(secret) && !body.includes('SECRETxyz') && !body.includes('key=abc'), body);
    }
    const r = res.json().definition.recipients;
    assert.equal(r[0].urlHint, 'https://hooks.slack.com/services/T0001/B0001/…');
    assert.equal(r[1].hasSecret, true);
    // An edit that sends the recipients back by id keeps their sealed URL and secret.
    const patched = await api('PATCH', `/api/alert-rules/${res.json().id}`, admin, { definition: { conditions: { minSeverity: 3 }, recipients: r.map((x: { id: string; kind: string }) => ({ id: x.id, kind: x.kind })) } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().definition.recipients[1].hasSecret, true);
    assert.equal((await api('POST', '/api/alert-rules', agent, { name: 'x', definition: { recipients: [] } })).statusCode, 403, 'agents read rules but do not edit them');
  });

  it('alerts the console, email, Slack and a signed webhook; the webhook verifies with the documented scheme', async () => {
    const secret = 'whsec_alerts_test_0123456789';
    await createRule('Outages', {
      conditions: { minSeverity: 5, types: ['outage'] },
      recipients: [
        { kind: 'member', memberId: ws.members.agent.id },
        { kind: 'email', address: 'cto@example.test' },
        { kind: 'slack', url: `${receiver.url}/slack` },
        { kind: 'webhook', url: `${receiver.url}/hook`, secret },
      ],
    });
    await createRule('Only safety', { conditions: { types: ['safety'] }, recipients: [{ kind: 'email', address: 'safety@example.test' }] });
    const mailsBefore = smtp.mails.length;
    const hitsBefore = receiver.hits.length;
    const incidentId = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), severity: 7 });
    await dispatcher.drain();

    const sent = await deliveries(incidentId);
    assert.deepEqual(sent.map((d) => `${d.kind}:${d.state}`).sort(), ['console:sent', 'email:sent', 'email:sent', 'slack:sent', 'webhook:sent']);
    assert.deepEqual(smtp.mails.slice(mailsBefore).flatMap((m) => m.to).sort(), ['agent@alerts.test', 'cto@example.test'], 'the rule for safety did not hear an outage');

    const mail = smtp.mails.find((m) => m.to.includes('cto@example.test'))!.parsed;
    assert.match(mail.subject ?? '', /severity 7\/10: Login errors after the update/);
    assert.match(mail.text ?? '', new RegExp(`https://lookout.example/incidents/${incidentId}`));
    assert.match(mail.text ?? '', /Acknowledge \(stops escalation\): https:\/\/lookout\.example\/alert-ack\/[0-9a-f-]+\?token=[0-9a-f]{32}/);

    const hits = receiver.hits.slice(hitsBefore);
    const slack = JSON.parse(hits.find((h) => h.path === '/slack')!.body);
    assert.match(slack.text, /Login errors after the update/);
    assert.equal(slack.blocks[0].type, 'header');
    assert.equal(slack.blocks[0].text.type, 'plain_text');
    assert.ok(slack.blocks[0].text.text.length <= 150);
    const actions = slack.blocks.find((b: { type: string }) => b.type === 'actions');
    assert.equal(actions.elements[0].url, `https://lookout.example/incidents/${incidentId}`);
    assert.ok(slack.blocks.every((b: { type: string }) => ['header', 'section', 'actions', 'context'].includes(b.type)));

    // The receiver's side, done by hand from the documented scheme: t=…,v1=hex HMAC-SHA256(secret, "t.body").
    const hook = hits.find((h) => h.path === '/hook')!;
    const header = String(hook.headers['x-lookout-signature']);
    const [, ts, v1] = header.match(/^t=(\d+),v1=([0-9a-f]{64})$/)!;
    assert.equal(Number(ts), Math.floor(clock.now().getTime() / 1000));
    assert.equal(createHmac('sha256', secret).update(`${ts}.${hook.body}`).digest('hex'), v1);
    assert.equal(createHmac('sha256', 'another secret').update(`${ts}.${hook.body}`).digest('hex') === v1, false);
    const body = JSON.parse(hook.body);
    assert.equal(body.type, 'incident.alert');
    assert.equal(body.incident.id, incidentId);
    assert.equal(hook.headers['x-lookout-delivery'], body.deliveryId);

    // The console alert is the member's notification.
    const notes = (await api('GET', '/api/notifications', agent)).json() as { type: string; data: { incidentId?: string } }[];
    assert.ok(notes.some((n) => n.type === 'member.notified' && n.data.incidentId === incidentId));
    const tl = await timeline(incidentId);
    assert.equal(tl.filter((e) => e.type === 'alert.sent').length, 5);
  });

  const incidentStatus = async (id: string) =>
    (await t.ctx.db.tenant(ws.id, (tx) => tx.select({ status: schema.incidents.status }).from(schema.incidents).where(sql`id = ${id}`)))[0]!.status;

  it('escalates to the next person after N minutes when nobody acknowledges, and not after an acknowledgement', async () => {
    await createRule('Escalating', {
      recipients: [{ kind: 'member', memberId: ws.members.agent.id, email: false }],
      escalation: { levels: [{ afterMinutes: 15, recipients: [{ kind: 'member', memberId: ws.members.supervisor.id, email: false }] }] },
    });
    const ignored = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), title: 'Checkout down' });
    const handled = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), title: 'Search slow' });
    const onIncident = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), title: 'Payments flaky' });
    await dispatcher.drain();
    const first = (await deliveries(handled))[0]!;
    assert.equal(first.memberId, ws.members.agent.id);

    clock.advance(5 * MIN);
    const ack = await api('POST', `/api/alerts/${first.id}/acknowledge`, agent, {});
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal(ack.json().state, 'acknowledged');
    assert.equal(await incidentStatus(handled), 'acknowledged', 'acknowledging its alert acknowledges the detected incident');
    // Acknowledging the incident itself counts too.
    await t.ctx.db.tenant(ws.id, (tx) => tx.update(schema.incidents).set({ status: 'acknowledged', acknowledgedAt: clock.now() }).where(sql`id = ${onIncident}`));

    clock.advance(9 * MIN); // 14 minutes: not yet
    await dispatcher.drain();
    assert.deepEqual((await deliveries(ignored)).map((d) => d.escalationLevel), [0]);

    clock.advance(1 * MIN); // 15 minutes
    await dispatcher.drain();
    const escalated = await deliveries(ignored);
    assert.deepEqual(
      escalated.filter((d) => d.escalationLevel === 1).map((d) => d.memberId).sort(),
      [ws.members.agent.id, ws.members.supervisor.id].sort(),
      'the first person is alerted again and the next level added',
    );
    assert.ok(escalated.every((d) => d.state === 'sent'));
    assert.ok((await timeline(ignored)).some((e) => e.type === 'alert.escalated' && e.data.level === 1));
    const supNotes = (await api('GET', '/api/notifications', await signInAs(t, ws.members.supervisor.email))).json() as { data: { incidentId?: string; escalationLevel?: number } }[];
    assert.ok(supNotes.some((n) => n.data.incidentId === ignored && n.data.escalationLevel === 1));

    clock.advance(60 * MIN);
    await dispatcher.drain();
    assert.deepEqual((await deliveries(handled)).map((d) => d.escalationLevel), [0], 'acknowledged alert: no escalation');
    assert.deepEqual((await deliveries(onIncident)).map((d) => d.escalationLevel), [0], 'acknowledged incident: no escalation');
    assert.equal((await deliveries(ignored)).filter((d) => d.escalationLevel === 2).length, 0, 'no level beyond the last');
    assert.ok((await timeline(handled)).some((e) => e.type === 'alert.acknowledged' && e.actorId === ws.members.agent.id));
  });

  it('retries a failing webhook with backoff, shows the failure on the incident, and never blocks the other alerts', async () => {
    receiver.script.set('/flaky', [500, 503]);
    receiver.script.set('/down', [500, 500, 500, 500, 500]);
    await createRule('Hooks', {
      recipients: [
        { kind: 'webhook', url: `${receiver.url}/flaky`, secret: 'whsec_flaky_0123456789' },
        { kind: 'webhook', url: `${receiver.url}/down`, secret: 'whsec_down_0123456789' },
        { kind: 'email', address: 'ops@example.test' },
      ],
    });
    const incidentId = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), title: 'Webhook trouble' });
    await dispatcher.drain();
    let list = await deliveries(incidentId);
    const flaky = () => list.find((d) => d.id === flakyId)!;
    const flakyId = list.find((d) => d.kind === 'webhook' && receiver.hits.some((h) => h.path === '/flaky' && h.headers['x-lookout-delivery'] === d.id))!.id;
    const downId = list.find((d) => d.kind === 'webhook' && d.id !== flakyId)!.id;
    assert.equal(list.find((d) => d.kind === 'email')!.state, 'sent', 'the email went out despite the failing webhooks');
    assert.equal(flaky().state, 'queued');
    assert.equal(flaky().attempts, 1);
    assert.match(flaky().lastError ?? '', /HTTP 500/);
    assert.equal(flaky().nextAttemptAt, new Date(clock.now().getTime() + 30_000).toISOString(), 'first backoff: 30 s');

    clock.advance(29_000);
    await dispatcher.drain();
    list = await deliveries(incidentId);
    assert.equal(flaky().attempts, 1, 'not before its time');
    clock.advance(1_000);
    await dispatcher.drain();
    list = await deliveries(incidentId);
    assert.equal(flaky().attempts, 2);
    assert.equal(flaky().nextAttemptAt, new Date(clock.now().getTime() + 60_000).toISOString(), 'second backoff: 1 min');
    clock.advance(60_000);
    await dispatcher.drain();
    list = await deliveries(incidentId);
    assert.equal(flaky().state, 'sent');
    assert.equal(flaky().attempts, 3);

    for (let i = 0; i < 5; i++) {
      clock.advance(30 * MIN);
      await dispatcher.drain();
    }
    const down = (await deliveries(incidentId)).find((d) => d.id === downId)!;
    assert.equal(down.state, 'failed');
    assert.equal(down.attempts, 5);
    const tl = await timeline(incidentId);
    const failures = tl.filter((e) => e.type === 'alert.failed' && e.data.deliveryId === downId);
    assert.equal(failures.length, 5, 'every failed attempt is on the incident timeline');
    assert.equal(failures.at(-1)!.data.willRetry, false);
    assert.ok(tl.some((e) => e.type === 'alert.sent' && e.data.deliveryId === flakyId));

    assert.equal((await api('POST', `/api/alerts/${downId}/retry`, agent, {})).statusCode, 403);
    const retry = await api('POST', `/api/alerts/${downId}/retry`, admin, {});
    assert.equal(retry.statusCode, 200, retry.body);
    assert.equal(retry.json().state, 'queued');
    await dispatcher.drain();
    assert.equal((await deliveries(incidentId)).find((d) => d.id === downId)!.state, 'sent', 'the receiver is back');
    assert.equal((await api('POST', `/api/alerts/${downId}/retry`, admin, {})).statusCode, 409, 'only failed alerts are retried');
  });

  it('a drill incident alerts only the console: email, Slack and webhook are recorded as suppressed and nothing leaves', async () => {
    await createRule('Everything', {
      recipients: [
        { kind: 'member', memberId: ws.members.agent.id },
        { kind: 'email', address: 'cto@example.test' },
        { kind: 'slack', url: `${receiver.url}/slack-drill` },
        { kind: 'webhook', url: `${receiver.url}/hook-drill`, secret: 'whsec_drill_0123456789' },
      ],
      escalation: { levels: [{ afterMinutes: 10, recipients: [{ kind: 'email', address: 'ceo@example.test' }] }] },
    });
    const mailsBefore = smtp.mails.length;
    const hitsBefore = receiver.hits.length;
    const incidentId = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), isDrill: true, title: 'DRILL outage' });
    await dispatcher.drain();
    clock.advance(11 * MIN);
    await dispatcher.drain();

    const list = await deliveries(incidentId);
    assert.ok(list.every((d) => d.isDrill));
    assert.deepEqual(list.filter((d) => d.kind === 'console').map((d) => d.state), ['sent', 'sent'], 'console alerts, escalation included');
    const external = list.filter((d) => d.kind !== 'console');
    // Level 0: the agent's email, cto, Slack, webhook; level 1 re-alerts those and adds ceo.
    assert.deepEqual(external.map((d) => d.kind).sort(), ['email', 'email', 'email', 'email', 'email', 'slack', 'slack', 'webhook', 'webhook']);
    assert.ok(external.every((d) => d.state === 'suppressed' && d.lastError === 'drill: nothing leaves Lookout'), JSON.stringify(external));
    assert.ok(external.some((d) => d.target === 'ceo@example.test'), 'the drill records who escalation would have reached');
    assert.equal(smtp.mails.length, mailsBefore, 'no email left');
    assert.equal(receiver.hits.length, hitsBefore, 'no webhook left');
  });

  it('groups updates into the alert of the window, re-alerts a raised severity later, and caps alerts per hour', async () => {
    await createRule('Grouped', { recipients: [{ kind: 'email', address: 'lead@example.test' }], grouping: { windowMinutes: 30, maxPerHour: 2 } });
    const incidentId = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), severity: 5, title: 'Refund delays' });
    await dispatcher.drain();
    const raise = async (severity: number) => {
      const stored = await t.ctx.db.tenant(ws.id, async (tx) => {
        await tx.update(schema.incidents).set({ severity }).where(sql`id = ${incidentId}`);
        const { recordEvents } = await import('../platform/events/index.ts');
        return recordEvents(tx, ws.id, [{ type: 'incident.updated', subjectId: incidentId, data: { incidentId, changes: { severity: { from: severity - 1, to: severity } }, isDrill: false } }]);
      });
      t.ctx.bus.committed(ws.id, stored);
      await dispatcher.drain();
    };
    clock.advance(10 * MIN);
    await raise(6);
    let list = await deliveries(incidentId);
    assert.equal(list.length, 1, 'folded into the first alert');
    assert.equal(list[0]!.foldedUpdates, 1);

    clock.advance(25 * MIN); // 35 minutes after the first alert: outside the window
    await raise(8);
    list = await deliveries(incidentId);
    assert.deepEqual(list.map((d) => d.state), ['sent', 'sent'], 'a raised severity after the window alerts again');

    const other = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), severity: 5, title: 'Another one' });
    await dispatcher.drain();
    const capped = await deliveries(other);
    assert.equal(capped[0]!.state, 'suppressed');
    assert.match(capped[0]!.lastError ?? '', /rate cap: 2 alerts per hour/);
  });

  it('two processes reading the same incident events plan each one once: one alert, each update folded once', async () => {
    await createRule('Once', { recipients: [{ kind: 'email', address: 'once@example.test' }], grouping: { windowMinutes: 30 } });
    // A second process's dispatcher, reading every event from the start (as after a restart).
    const second = new AlertDispatcher({ ...alertDepsFrom(t.ctx), log: silentLogger() }, { fromEventId: 0 });
    const incidentId = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), severity: 5, title: 'Login loop' });
    await Promise.all([dispatcher.drain(), second.drain()]);
    assert.equal((await deliveries(incidentId)).length, 1, 'one alert for one opening');
    clock.advance(5 * MIN);
    const stored = await t.ctx.db.tenant(ws.id, async (tx) => {
      await tx.update(schema.incidents).set({ severity: 6 }).where(sql`id = ${incidentId}`);
      const { recordEvents } = await import('../platform/events/index.ts');
      return recordEvents(tx, ws.id, [{ type: 'incident.updated', subjectId: incidentId, data: { incidentId, changes: { severity: { from: 5, to: 6 } }, isDrill: false } }]);
    });
    t.ctx.bus.committed(ws.id, stored);
    await second.drain();
    await dispatcher.drain();
    const list = await deliveries(incidentId);
    assert.equal(list.length, 1);
    assert.equal(list[0]!.foldedUpdates, 1, 'the update was folded once, not once per process');
  });

  it('quiet hours hold back email below the severity at night while the console records', async () => {
    await createRule('Night', { recipients: [{ kind: 'member', memberId: ws.members.agent.id }], quietHours: { from: '22:00', to: '07:00', minSeverity: 8 } });
    clock.set('2026-01-05T23:30:00Z');
    const minor = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), severity: 5, title: 'Minor at night' });
    const major = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), severity: 9, title: 'Major at night' });
    await dispatcher.drain();
    assert.deepEqual((await deliveries(minor)).map((d) => `${d.kind}:${d.state}`).sort(), ['console:sent', 'email:suppressed']);
    assert.deepEqual((await deliveries(major)).map((d) => `${d.kind}:${d.state}`).sort(), ['console:sent', 'email:sent']);
  });

  it("alerts the stakeholders named by the incident's playbook, without any rule", async () => {
    const [pb] = await t.ctx.db.tenant(ws.id, (tx) =>
      tx.insert(schema.playbooks).values({ workspaceId: ws.id, name: 'Safety', incidentTypes: ['safety'], definition: { steps: [], statements: [], replies: [], stakeholders: { memberIds: [ws.members.supervisor.id], emails: ['PR@example.test'] } } }).returning(),
    );
    const incidentId = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), type: 'safety', playbookId: pb!.id, title: 'Battery overheating' });
    await dispatcher.drain();
    const list = await deliveries(incidentId);
    assert.deepEqual(list.map((d) => `${d.kind}:${d.kind === 'console' ? d.memberId : d.target}:${d.state}`).sort(), [
      `console:${ws.members.supervisor.id}:sent`,
      `email:${ws.members.supervisor.email}:sent`,
      'email:pr@example.test:sent',
    ].sort());
    assert.equal((await api('GET', `/api/alerts?incidentId=${incidentId}`, admin)).json()[0].ruleName, 'Playbook: Safety');
  });

  it('the signed link in the email acknowledges without signing in; a wrong token does nothing', async () => {
    await createRule('Mail', { recipients: [{ kind: 'email', address: 'oncall@example.test' }] });
    const incidentId = await openIncident(t.ctx, ws.id, { detectedAt: clock.now(), title: 'Link ack' });
    await dispatcher.drain();
    const mail = smtp.mails.filter((m) => m.to.includes('oncall@example.test')).at(-1)!.parsed;
    const [, id, token] = (mail.text ?? '').match(/alert-ack\/([0-9a-f-]+)\?token=([0-9a-f]+)/)!;
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/alert-acks/${id}`, payload: { token: '0'.repeat(32) } })).statusCode, 404);
    const seen = await t.app.inject({ url: `/api/alert-acks/${id}?token=${token}` });
    assert.equal(seen.statusCode, 200, seen.body);
    assert.equal(seen.json().acknowledgedAt, null, 'opening the page acknowledges nothing');
    const ack = await t.app.inject({ method: 'POST', url: `/api/alert-acks/${id}`, payload: { token } });
    assert.equal(ack.statusCode, 200, ack.body);
    assert.ok(ack.json().acknowledgedAt);
    assert.ok((await timeline(incidentId)).some((e) => e.type === 'alert.acknowledged' && e.data.via === 'link'));
    assert.equal(await incidentStatus(incidentId), 'acknowledged');
  });
});
