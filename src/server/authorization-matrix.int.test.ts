import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../modules/access/index.ts';
import { SYSTEM_ACTOR, mergeCustomers } from '../modules/customers/index.ts';
import { seedPerson } from '../modules/customers/testing.ts';
import { deliver, seedChannel as seedConversationChannel } from '../modules/conversations/testing.ts';
import { createTestApp, seedWorkspace, signInAs, tokenFor, type Credentials, type SeededWorkspace, type TestApp } from './testing.ts';
import { schema } from '../platform/db/index.ts';

/**
 * Walks every route with every role, and with a member and a token of a second workspace.
 * A route that is added later is covered automatically; a route with an :id needs an entry in
 * `otherWorkspaceIds` (the test fails until it has one), so that cross-workspace access is tried.
 */
describe('authorization matrix', () => {
  let t: TestApp;
  let a: SeededWorkspace;
  let b: SeededWorkspace;
  const creds: Record<string, Credentials> = {};
  /** Ids of resources that belong to workspace B, by the route's URL prefix. */
  const otherWorkspaceIds: Record<string, string> = {};
  const fixtures: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '10000' } });
    a = await seedWorkspace(t.ctx, 'alpha');
    b = await seedWorkspace(t.ctx, 'beta');
    for (const role of ROLES) creds[`a:${role}`] = await signInAs(t, a.members[role].email);
    creds['b:admin'] = await signInAs(t, b.members.admin.email);
    creds['b:token'] = await tokenFor(t, b.id, 'admin');
    // One resource of each kind in B, for cross-workspace attempts, and in A for fixtures.
    const teamB = await t.app.inject({ method: 'POST', url: '/api/teams', headers: creds['b:admin']!.headers, payload: { name: 'B team' } });
    const tokB = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: creds['b:admin']!.headers, payload: { name: 'B tok', role: 'agent' } });
    Object.assign(otherWorkspaceIds, { '/api/members/': b.members.agent.id, '/api/teams/': teamB.json().id, '/api/tokens/': tokB.json().id });
    const teamA = await t.app.inject({ method: 'POST', url: '/api/teams', headers: creds['a:admin']!.headers, payload: { name: 'A team' } });
    Object.assign(fixtures, { '/api/members/': a.members.product.id, '/api/teams/': teamA.json().id, '/api/tokens/': '00000000-0000-4000-8000-000000000001' });
    // A customer and a merge of two customers in each workspace.
    const seedCustomers = (ws: SeededWorkspace) =>
      t.ctx.db.tenant(ws.id, async (tx) => {
        const keep = await seedPerson(tx, ws.id, { name: `${ws.slug} keeper`, identities: [{ channelKind: 'x', handle: `${ws.slug}_keeper` }] });
        const gone = await seedPerson(tx, ws.id, { name: `${ws.slug} merged`, identities: [{ channelKind: 'bluesky', handle: `${ws.slug}.bsky.social` }] });
        const { merge } = await mergeCustomers(tx, SYSTEM_ACTOR(ws.id), { survivorId: keep.customerId, otherId: gone.customerId, reason: 'fixture' });
        return { '/api/customers/': keep.customerId, '/api/customer-merges/': merge.id };
      });
    Object.assign(fixtures, await seedCustomers(a));
    Object.assign(otherWorkspaceIds, await seedCustomers(b));
    const seedChannel = async (who: string) => {
      const h = creds[who]!.headers;
      const ch = await t.app.inject({ method: 'POST', url: '/api/channels', headers: h, payload: { kind: 'rss', name: `${who} feeds`, config: { feeds: [] } } });
      const lq = await t.app.inject({ method: 'POST', url: '/api/listening-queries', headers: h, payload: { name: 'brand', query: 'acme -hiring' } });
      assert.equal(ch.statusCode, 201, ch.body);
      assert.equal(lq.statusCode, 201, lq.body);
      const rule = await t.app.inject({ method: 'POST', url: '/api/rules', headers: h, payload: { layer: 'data', name: 'vip', definition: { when: { all: [{ field: 'isVip', op: 'is', value: true }] }, then: [{ type: 'set_priority', value: 90 }] } } });
      const cal = await t.app.inject({ method: 'POST', url: '/api/business-calendars', headers: h, payload: { name: 'office', definition: { timeZone: 'Europe/Paris', weekly: { mon: [{ start: '09:00', end: '17:00' }] } } } });
      const sla = await t.app.inject({ method: 'POST', url: '/api/sla-policies', headers: h, payload: { name: 'default', definition: { isDefault: true, targets: { firstResponse: 60 } } } });
      const examples = ['refund', 'charged twice', 'invoice wrong', 'parcel late', 'delivery lost', 'tracking broken'].flatMap((text, i) => [0, 1, 2, 3].map((k) => ({ text: `${text} ${k}`, label: i < 3 ? 'billing' : 'shipping' })));
      const clf = await t.app.inject({ method: 'POST', url: '/api/classifiers', headers: h, payload: { name: 'topic', kind: 'topic', examples } });
      for (const r of [rule, cal, sla, clf]) assert.equal(r.statusCode, 201, r.body);
      return {
        '/api/channels/': ch.json().id as string,
        '/api/listening-queries/': lq.json().id as string,
        '/api/rules/': rule.json().id as string,
        '/api/business-calendars/': cal.json().id as string,
        '/api/sla-policies/': sla.json().id as string,
        '/api/classifiers/': clf.json().id as string,
      };
    };
    Object.assign(fixtures, await seedChannel('a:admin'));
    Object.assign(otherWorkspaceIds, await seedChannel('b:admin'));
    // A conversation (its mention, its inbound message) and a canned reply in each workspace.
    const seedConversation = async (ws: SeededWorkspace, who: string) => {
      const h = creds[who]!.headers;
      const channelId = await seedConversationChannel(t.ctx, ws.id, 'x', `${ws.slug} X`);
      await deliver(t.ctx, ws.id, channelId, [{ externalId: `${ws.slug}-1`, text: 'my order arrived broken', author: { externalId: `${ws.slug}-u1`, handle: `${ws.slug}_u1` } }]);
      const row = (await t.app.inject({ url: '/api/conversations?queue=all', headers: h })).json().items[0];
      const detail = (await t.app.inject({ url: `/api/conversations/${row.id}`, headers: h })).json();
      const messageId = detail.timeline.find((i: { kind: string }) => i.kind === 'message').message.id as string;
      const canned = await t.app.inject({ method: 'POST', url: '/api/canned-replies', headers: h, payload: { name: 'thanks', body: 'Thanks {{customer.name}}' } });
      assert.equal(canned.statusCode, 201, canned.body);
      return {
        '/api/conversations/': row.id as string, '/api/mentions/': row.latestMentionId as string, '/api/messages/': messageId,
        '/api/approvals/': messageId, '/api/canned-replies/': canned.json().id as string,
      };
    };
    Object.assign(fixtures, await seedConversation(a, 'a:admin'));
    Object.assign(otherWorkspaceIds, await seedConversation(b, 'b:admin'));
    // A playbook and an incident (with the playbook's checklist) in each workspace.
    const seedIncident = async (who: string) => {
      const h = creds[who]!.headers;
      const definition = { steps: [{ title: 'Confirm the cause' }], statements: [], replies: [], stakeholders: { memberIds: [], emails: [] } };
      const pb = await t.app.inject({ method: 'POST', url: '/api/playbooks', headers: h, payload: { name: 'Outage', incidentTypes: ['outage'], definition } });
      const inc = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: h, payload: { title: 'Outage', severity: 5, type: 'outage' } });
      assert.equal(pb.statusCode, 201, pb.body);
      assert.equal(inc.statusCode, 201, inc.body);
      return { '/api/incidents/': inc.json().incident.id as string, '/api/playbooks/': pb.json().id as string };
    };
    Object.assign(fixtures, await seedIncident('a:admin'));
    Object.assign(otherWorkspaceIds, await seedIncident('b:admin'));
    // An alert rule and an alert (a failed webhook delivery of the incident) in each workspace.
    const seedAlert = async (ws: SeededWorkspace, who: string, incidentId: string) => {
      const h = creds[who]!.headers;
      const rule = await t.app.inject({ method: 'POST', url: '/api/alert-rules', headers: h, payload: { name: 'On call', definition: { recipients: [{ kind: 'member', memberId: ws.members.admin.id, email: false }] } } });
      assert.equal(rule.statusCode, 201, rule.body);
      const [d] = await t.ctx.db.tenant(ws.id, (tx) =>
        tx.insert(schema.alertDeliveries).values({ workspaceId: ws.id, incidentId, ruleId: rule.json().id, kind: 'webhook', target: 'https://hooks.example/…', state: 'failed', attempts: 5, lastError: 'HTTP 500' }).returning(),
      );
      return { '/api/alert-rules/': rule.json().id as string, '/api/alerts/': d!.id };
    };
    Object.assign(fixtures, await seedAlert(a, 'a:admin', fixtures['/api/incidents/']!));
    Object.assign(otherWorkspaceIds, await seedAlert(b, 'b:admin', otherWorkspaceIds['/api/incidents/']!));
    // An outreach campaign of the incident in each workspace.
    const seedOutreach = async (ws: SeededWorkspace, incidentId: string) => {
      const [c] = await t.ctx.db.tenant(ws.id, (tx) => tx.insert(schema.outreachCampaigns).values({ workspaceId: ws.id, incidentId, name: 'Heads-up', body: 'Hi {{customer.name}}' }).returning());
      return { '/api/outreach/': c!.id };
    };
    Object.assign(fixtures, await seedOutreach(a, fixtures['/api/incidents/']!));
    Object.assign(otherWorkspaceIds, await seedOutreach(b, otherWorkspaceIds['/api/incidents/']!));
    // A running drill in each workspace (the walk finishes or cancels A's; later calls get 409).
    const seedDrill = async (who: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/drills', headers: creds[who]!.headers, payload: { scenario: 'influencer-viral-complaint' } });
      assert.equal(res.statusCode, 201, res.body);
      return { '/api/drills/': res.json().id as string };
    };
    Object.assign(fixtures, await seedDrill('a:admin'));
    Object.assign(otherWorkspaceIds, await seedDrill('b:admin'));
  });
  after(() => t.close());

  // A live stream never ends by itself: ask it for what is there and to close.
  const finite = (url: string): string => (url === '/api/events/stream' ? `${url}?once=true` : url);
  const fill = (url: string, ids: Record<string, string>): string => {
    if (!url.includes(':')) return finite(url);
    const prefix = Object.keys(ids).find((p) => url.startsWith(p));
    assert.ok(prefix, `no fixture id for ${url}: add one to the authorization matrix test`);
    return url.replace(/:[a-zA-Z]+/, ids[prefix]!);
  };

  const routes = () => t.app.routeEntries.filter((r) => r.url.startsWith('/api/') && r.access !== 'public');

  it('every non-public route refuses an anonymous caller with 401', async () => {
    for (const r of routes()) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url, fixtures), payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      assert.equal(res.statusCode, 401, `${r.method} ${r.url}: ${res.body}`);
    }
  });

  it('every route gives each role exactly what its permission allows', async () => {
    let checked = 0;
    for (const r of routes()) {
      for (const role of ROLES) {
        const allowed = r.access === 'signed-in' || ROLE_PERMISSIONS[role as Role].has(r.access as never);
        // Never sign ourselves out in the middle of the walk.
        if (r.method === 'DELETE' && r.url === '/api/session') continue;
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: fill(r.url, fixtures),
          headers: creds[`a:${role}`]!.headers,
          payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        });
        if (allowed) assert.ok(![401, 403].includes(res.statusCode) && res.statusCode < 500, `${role} ${r.method} ${r.url} should be allowed, got ${res.statusCode} ${res.body}`);
        else assert.equal(res.statusCode, 403, `${role} ${r.method} ${r.url} should be forbidden, got ${res.statusCode}`);
        checked++;
      }
    }
    assert.ok(checked >= 15 * ROLES.length - 5, `walked ${checked} route×role pairs`);
  });

  it('spot checks of the role table: analysts read only, agents cannot manage members, product sees no conversations', () => {
    assert.equal(ROLE_PERMISSIONS.analyst.has('conversations:reply'), false);
    assert.equal(ROLE_PERMISSIONS.analyst.has('conversations:read'), true);
    assert.equal(ROLE_PERMISSIONS.agent.has('rules:manage'), false);
    assert.equal(ROLE_PERMISSIONS.agent.has('members:manage'), false);
    assert.equal(ROLE_PERMISSIONS.product.has('conversations:read'), false);
    assert.equal(ROLE_PERMISSIONS.product.has('feedback:read'), true);
    assert.equal(ROLE_PERMISSIONS.supervisor.has('approvals:decide'), true);
  });

  it("a member or token of another workspace can neither read nor write this workspace's resources", async () => {
    for (const who of ['a:admin']) {
      for (const r of routes().filter((x) => x.url.includes(':'))) {
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: fill(r.url, otherWorkspaceIds),
          headers: creds[who]!.headers,
          payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        });
        assert.ok([400, 404].includes(res.statusCode), `${who} ${r.method} ${r.url} with B's id answered ${res.statusCode}`);
      }
    }
    // B's member and token list what they can see: nothing of A's appears.
    const aIds = [a.id, ...Object.values(a.members).map((m) => m.id), fixtures['/api/teams/']!, fixtures['/api/conversations/']!];
    for (const who of ['b:admin', 'b:token']) {
      for (const r of routes().filter((x) => x.method === 'GET' && !x.url.includes(':'))) {
        const res = await t.app.inject({ method: 'GET', url: finite(r.url), headers: creds[who]!.headers });
        assert.ok(res.statusCode < 500, `${who} GET ${r.url}: ${res.statusCode}`);
        for (const id of aIds) assert.ok(!res.body.includes(id), `${who} GET ${r.url} leaked ${id} of workspace A`);
      }
    }
    // And B's resources were untouched by A's attempts.
    const teamB = await t.app.inject({ url: `/api/teams/${otherWorkspaceIds['/api/teams/']}`, headers: creds['b:admin']!.headers });
    assert.equal(teamB.json().name, 'B team');
    const tokensB = await t.app.inject({ url: '/api/tokens', headers: creds['b:admin']!.headers });
    assert.ok(tokensB.json().every((tk: { revokedAt: string | null }) => tk.revokedAt === null));
  });
});
