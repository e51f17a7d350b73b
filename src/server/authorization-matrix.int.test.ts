import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../modules/access/index.ts';
import { createTestApp, seedWorkspace, signInAs, tokenFor, type Credentials, type SeededWorkspace, type TestApp } from './testing.ts';

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
  });
  after(() => t.close());

  const fill = (url: string, ids: Record<string, string>): string => {
    if (!url.includes(':')) return url;
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
    const aIds = [a.id, ...Object.values(a.members).map((m) => m.id), fixtures['/api/teams/']!];
    for (const who of ['b:admin', 'b:token']) {
      for (const r of routes().filter((x) => x.method === 'GET' && !x.url.includes(':'))) {
        const res = await t.app.inject({ method: 'GET', url: r.url, headers: creds[who]!.headers });
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
