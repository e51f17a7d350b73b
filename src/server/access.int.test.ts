import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSetupToken } from '../modules/access/index.ts';
import { createTestApp, seedWorkspace, signInAs, tokenFor, PASSWORD, type TestApp, type SeededWorkspace } from './testing.ts';

describe('access over HTTP', () => {
  let t: TestApp;
  let acme: SeededWorkspace;

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' } });
  });
  after(() => t.close());

  it('first run: the one-time setup link creates the workspace and its admin, then is spent', async () => {
    assert.deepEqual((await t.app.inject({ url: '/api/setup' })).json(), { needsSetup: true });
    const token = await createSetupToken(t.ctx.db, t.clock);
    const body = { token, workspaceName: 'Acme Inc', name: 'Ada', email: 'Ada@Acme.test', password: 'a long password' };
    const res = await t.app.inject({ method: 'POST', url: '/api/setup', payload: body });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = res.cookies.find((c) => c.name === 'lookout_session');
    assert.ok(cookie?.httpOnly, 'session cookie is httpOnly');
    assert.equal(cookie?.sameSite, 'Lax');
    const me = await t.app.inject({ url: '/api/session', headers: { cookie: `lookout_session=${cookie!.value}` } });
    assert.equal(me.json().role, 'admin');
    assert.equal(me.json().workspace.slug, 'acme-inc');
    assert.equal(me.json().member.email, 'ada@acme.test');
    const again = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { ...body, workspaceName: 'Other' } });
    assert.equal(again.statusCode, 401);
    assert.equal(again.json().code, 'UNAUTHENTICATED');
    assert.deepEqual((await t.app.inject({ url: '/api/setup' })).json(), { needsSetup: false });
    acme = await seedWorkspace(t.ctx, 'acme');
  });

  it('signs in, refuses a wrong password without telling which part was wrong, signs out', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: acme.members.agent.email, password: 'nope nope nope' } });
    assert.equal(wrong.statusCode, 401);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'ghost@acme.test', password: 'nope nope nope' } });
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().detail, unknown.json().detail);

    const creds = await signInAs(t, acme.members.agent.email);
    assert.equal((await t.app.inject({ url: '/api/session', headers: creds.headers })).statusCode, 200);
    const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: creds.headers });
    assert.equal(out.statusCode, 200);
    assert.equal((await t.app.inject({ url: '/api/session', headers: creds.headers })).statusCode, 401);
  });

  it('an expired session gets SESSION_EXPIRED', async () => {
    const creds = await signInAs(t, acme.members.analyst.email);
    t.clock.advance((t.ctx.config.sessionTtlHours + 1) * 3_600_000);
    const res = await t.app.inject({ url: '/api/members', headers: creds.headers });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'SESSION_EXPIRED');
    t.clock.set(new Date());
  });

  it('state-changing requests with a cookie need the CSRF token; tokens do not', async () => {
    const creds = await signInAs(t, acme.members.admin.email);
    const { 'x-csrf-token': _csrf, ...cookieOnly } = creds.headers;
    const res = await t.app.inject({ method: 'POST', url: '/api/teams', headers: cookieOnly, payload: { name: 'Billing' } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'CSRF_FAILED');
    const wrongToken = await t.app.inject({ method: 'POST', url: '/api/teams', headers: { ...cookieOnly, 'x-csrf-token': 'forged' }, payload: { name: 'Billing' } });
    assert.equal(wrongToken.json().code, 'CSRF_FAILED');
    const ok = await t.app.inject({ method: 'POST', url: '/api/teams', headers: creds.headers, payload: { name: 'Billing', memberIds: [acme.members.agent.id] } });
    assert.equal(ok.statusCode, 201, ok.body);
    const api = await tokenFor(t, acme.id, 'admin');
    const viaToken = await t.app.inject({ method: 'POST', url: '/api/teams', headers: api.headers, payload: { name: 'Tier 2' } });
    assert.equal(viaToken.statusCode, 201);
  });

  it('API tokens: shown once, stored hashed, revocable, bad tokens refused', async () => {
    const admin = await signInAs(t, acme.members.admin.email);
    const created = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: admin.headers, payload: { name: 'CRM sync', role: 'analyst' } });
    assert.equal(created.statusCode, 201);
    const { token, id } = created.json();
    assert.match(token, /^lk_/);
    const rows = await t.ctx.db.exec('select token_hash from api_tokens where id = $1', [id]);
    assert.notEqual(rows.rows[0]!.token_hash, token);
    const list = await t.app.inject({ url: '/api/tokens', headers: admin.headers });
    assert.ok(!JSON.stringify(list.json()).includes(token), 'the token never appears again');
    assert.equal((await t.app.inject({ url: '/api/members', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: admin.headers })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/api/members', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
    assert.equal((await t.app.inject({ url: '/api/members', headers: { authorization: 'Bearer lk_madeup' } })).statusCode, 401);
    assert.equal((await t.app.inject({ url: '/api/members', headers: { authorization: 'Basic abc' } })).statusCode, 401);
  });

  it('bad input gets a 4xx problem+json with a stable code and the field path, and writes nothing', async () => {
    const admin = await signInAs(t, acme.members.admin.email);
    const before = await t.ctx.db.exec('select count(*)::int as n from members');
    const send = (payload: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/members', headers: { ...admin.headers, 'content-type': 'application/json', ...headers }, payload });

    const malformed = await send('{"email": ');
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(malformed.json().code, 'MALFORMED_JSON');

    const wrongType = await send(JSON.stringify({ email: 'x@y.test', name: 'X', role: 'wizard' }));
    assert.equal(wrongType.json().code, 'VALIDATION_FAILED');
    assert.ok(wrongType.json().errors.some((e: { path: string }) => e.path === '/body/role'), wrongType.body);

    const unknownField = await send(JSON.stringify({ email: 'x@y.test', name: 'X', role: 'agent', isSuperuser: true }));
    assert.equal(unknownField.statusCode, 400);
    assert.ok(unknownField.json().errors.some((e: { path: string; message: string }) => e.path === '/body/isSuperuser' && e.message === 'unknown field'), unknownField.body);

    const badEmail = await send(JSON.stringify({ email: 'not-an-email', name: 'X', role: 'agent' }));
    assert.equal(badEmail.json().code, 'VALIDATION_FAILED');
    assert.equal(badEmail.json().errors[0].path, '/email');

    const huge = await send(JSON.stringify({ email: 'x@y.test', name: 'x'.repeat(2_000_000), role: 'agent' }));
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().code, 'PAYLOAD_TOO_LARGE');

    const notJson = await send('email=x', { 'content-type': 'text/plain' });
    assert.equal(notJson.statusCode, 415);

    const badId = await t.app.inject({ method: 'PATCH', url: '/api/members/not-a-uuid', headers: admin.headers, payload: { name: 'Y' } });
    assert.equal(badId.statusCode, 400);
    assert.equal(badId.json().errors[0].path, '/params/id');

    const missing = await t.app.inject({ method: 'PATCH', url: '/api/members/00000000-0000-4000-8000-000000000000', headers: admin.headers, payload: { name: 'Y' } });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'NOT_FOUND');

    const after = await t.ctx.db.exec('select count(*)::int as n from members');
    assert.equal(after.rows[0]!.n, before.rows[0]!.n, 'nothing was written');
    for (const r of [malformed, wrongType, unknownField, huge, badId]) assert.ok(!r.body.includes('    at '), 'no stack trace');
  });

  it('a workspace always keeps an active admin', async () => {
    const ws = await seedWorkspace(t.ctx, 'solo');
    const admin = await signInAs(t, ws.members.admin.email);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/members/${ws.members.admin.id}`, headers: admin.headers, payload: { role: 'agent' } });
    assert.equal(res.statusCode, 409);
  });

  it('changes are audited with who did them', async () => {
    const admin = await signInAs(t, acme.members.admin.email);
    await t.app.inject({ method: 'PATCH', url: `/api/members/${acme.members.agent.id}`, headers: admin.headers, payload: { capacity: 5, password: 'another long one' } });
    const audit = await t.app.inject({ url: '/api/audit', headers: admin.headers });
    const entry = audit.json().find((e: { action: string }) => e.action === 'member.updated');
    assert.equal(entry.actorId, acme.members.admin.id);
    assert.equal(entry.data.passwordChanged, true);
    assert.ok(!JSON.stringify(entry).includes('another long one'), 'the password is never in the audit log');
  });

  it('the OpenAPI document describes the routes', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/members'].post.requestBody);
  });

  it('unknown routes and health checks', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'NOT_FOUND');
    assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/readyz' })).json().ok, true);
    const res2 = await t.app.inject({ url: '/healthz' });
    assert.ok(res2.headers['content-security-policy'], 'security headers are set');
    assert.equal(res2.headers['x-content-type-options'], 'nosniff');
  });

  it('sign-in is rate-limited', async () => {
    const limited = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '3' } });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) {
        codes.push((await limited.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'a@b.test', password: PASSWORD } })).statusCode);
      }
      assert.deepEqual(codes, [401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
