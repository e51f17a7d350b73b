import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, schema, type Tx } from '../../platform/db/index.ts';
import { seedChannel, seedConversation, seedPerson, type SeededPerson } from '../../modules/customers/testing.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';

const day = (d: string, hour = 12) => new Date(`${d}T${String(hour).padStart(2, '0')}:00:00Z`);

describe('customers over HTTP: list, 360, edit', () => {
  let t: TestApp;
  let acme: SeededWorkspace;
  let other: SeededWorkspace;
  let agent: Credentials;
  let analyst: Credentials;
  let product: Credentials;
  let otherAdmin: Credentials;
  let jo: SeededPerson;
  let resolved: string;

  const tenant = <T>(fn: (tx: Tx) => Promise<T>) => t.ctx.db.tenant(acme.id, fn);
  const get = (url: string, creds: Credentials) => t.app.inject({ url, headers: creds.headers });
  const patch = (url: string, creds: Credentials, payload: object) => t.app.inject({ method: 'PATCH', url, headers: creds.headers, payload });

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' } });
    acme = await seedWorkspace(t.ctx, 'acme');
    other = await seedWorkspace(t.ctx, 'other');
    agent = await signInAs(t, acme.members.agent.email);
    analyst = await signInAs(t, acme.members.analyst.email);
    product = await signInAs(t, acme.members.product.email);
    otherAdmin = await signInAs(t, other.members.admin.email);
    await tenant(async (tx) => {
      const bluesky = await seedChannel(tx, acme.id, 'bluesky');
      const x = await seedChannel(tx, acme.id, 'x');
      jo = await seedPerson(tx, acme.id, {
        name: 'Jo Smith',
        identities: [
          { channelKind: 'bluesky', handle: 'jo.bsky.social', displayName: 'Jo', followers: 1200, profileUrl: 'https://bsky.app/profile/jo.bsky.social' },
          { channelKind: 'x', handle: 'jo', displayName: 'Jo Smith', followers: 50_000, verified: true },
        ],
      });
      resolved = await seedConversation(tx, acme.id, {
        customerId: jo.customerId,
        channelId: bluesky,
        identityId: jo.identityIds[0]!,
        status: 'resolved',
        createdAt: day('2025-03-01', 9),
        firstResponseAt: new Date(day('2025-03-01', 9).getTime() + 300_000),
        resolvedAt: day('2025-03-02'),
        mentions: [
          { sentiment: 'negative', score: -0.8, at: day('2025-03-01', 9) },
          { sentiment: 'positive', score: 0.6, at: day('2025-03-02') },
        ],
      });
      await seedConversation(tx, acme.id, {
        customerId: jo.customerId,
        channelId: x,
        identityId: jo.identityIds[1]!,
        status: 'open',
        createdAt: day('2025-03-02', 15),
        mentions: [{ sentiment: 'neutral', score: 0, at: day('2025-03-02', 15) }],
      });
      for (const [i, name] of ['Ann Lee', 'Bo Chen', 'Cy Diaz'].entries()) {
        await seedPerson(tx, acme.id, { name, ...(i === 0 ? { tier: 'gold' } : {}), isVip: i === 1, identities: [{ channelKind: 'mastodon', handle: `${name.split(' ')[0]!.toLowerCase()}@mastodon.social` }] });
      }
    });
    await t.ctx.db.tenant(other.id, (tx) => seedPerson(tx, other.id, { name: 'Jo Elsewhere', identities: [{ channelKind: 'x', handle: 'jo_elsewhere' }] }));
  });
  after(() => t.close());

  it('the 360 shows identities on both networks, influence, conversations with outcomes, and sentiment by day', async () => {
    const res = await get(`/api/customers/${jo.customerId}`, analyst);
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json();
    assert.equal(c.name, 'Jo Smith');
    assert.equal(c.mergedInto, null);
    assert.deepEqual(
      c.identities.map((i: { channelKind: string; handle: string; followers: number; verified: boolean }) => [i.channelKind, i.handle, i.followers, i.verified]),
      [
        ['bluesky', 'jo.bsky.social', 1200, false],
        ['x', 'jo', 50_000, true],
      ],
    );
    assert.equal(c.identities[0].profileUrl, 'https://bsky.app/profile/jo.bsky.social');
    assert.deepEqual({ ...c.identities[0].link, linkedAt: typeof c.identities[0].link.linkedAt }, { confidence: 1, reason: 'first heard on bluesky', linkedBy: 'system', linkedAt: 'string' });
    assert.equal(c.identities[0].movedBy, null);
    assert.deepEqual(c.influence, { maxFollowers: 50_000, isVerified: true, networks: ['bluesky', 'x'] });

    assert.deepEqual(c.conversationCounts, { total: 2, open: 1, resolved: 1 });
    const done = c.conversations.find((v: { id: string }) => v.id === resolved);
    assert.equal(done.status, 'resolved');
    assert.equal(done.channelKind, 'bluesky');
    assert.equal(done.firstResponseSeconds, 300);
    assert.equal(done.resolvedAt, day('2025-03-02').toISOString());
    assert.equal(c.conversations[0].channelKind, 'x', 'newest first');

    assert.deepEqual(c.sentiment, [
      { day: '2025-03-01', mentions: 1, negative: 1, neutral: 0, positive: 0, averageScore: -0.8 },
      { day: '2025-03-02', mentions: 2, negative: 0, neutral: 1, positive: 1, averageScore: 0.3 },
    ]);
  });

  it('sentiment days follow the workspace time zone', async () => {
    await t.ctx.db.system((tx) => tx.update(schema.workspaces).set({ timeZone: 'Pacific/Honolulu' }).where(eq(schema.workspaces.id, acme.id)));
    const c = (await get(`/api/customers/${jo.customerId}`, agent)).json();
    await t.ctx.db.system((tx) => tx.update(schema.workspaces).set({ timeZone: 'UTC' }).where(eq(schema.workspaces.id, acme.id)));
    // 09:00 UTC on March 1st is still February 28th in Honolulu.
    assert.deepEqual(c.sentiment.map((d: { day: string; mentions: number }) => [d.day, d.mentions]), [['2025-02-28', 1], ['2025-03-02', 2]]);
  });

  it('lists and searches by name, email, handle; filters by tier and VIP; pages with a cursor', async () => {
    const names = async (qs: string) => ((await get(`/api/customers${qs}`, agent)).json().items as { name: string }[]).map((c) => c.name).sort();
    assert.deepEqual(await names(''), ['Ann Lee', 'Bo Chen', 'Cy Diaz', 'Jo Smith']);
    assert.deepEqual(await names('?q=smith'), ['Jo Smith']);
    assert.deepEqual(await names('?q=jo.bsky'), ['Jo Smith'], 'by a linked handle');
    assert.deepEqual(await names('?q=bo%40mastodon'), ['Bo Chen']);
    assert.deepEqual(await names('?q=%25'), [], 'LIKE wildcards are literal');
    assert.deepEqual(await names('?tier=gold'), ['Ann Lee']);
    assert.deepEqual(await names('?vip=true'), ['Bo Chen']);

    const first = (await get('/api/customers?limit=3', agent)).json();
    assert.equal(first.items.length, 3);
    assert.ok(first.nextCursor);
    const second = (await get(`/api/customers?limit=3&cursor=${first.nextCursor}`, agent)).json();
    assert.equal(second.items.length, 1);
    assert.equal(second.nextCursor, null);
    assert.equal(new Set([...first.items, ...second.items].map((c: { id: string }) => c.id)).size, 4);
    const jo360 = [...first.items, ...second.items].find((c: { name: string }) => c.name === 'Jo Smith');
    assert.equal(jo360.maxFollowers, 50_000);
    assert.equal(jo360.identities.length, 2);

    const bad = await get('/api/customers?cursor=nonsense', agent);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, '/querystring/cursor');
    assert.equal((await get('/api/customers?limit=1000', agent)).statusCode, 400);
  });

  it('an agent edits tier, VIP, attributes, notes and opt-out; audited without the free text', async () => {
    const res = await patch(`/api/customers/${jo.customerId}`, agent, {
      tier: 'platinum',
      isVip: true,
      email: 'Jo@Example.COM',
      attributes: { plan: 'business', accountId: 'A-1' },
      notes: 'Prefers DMs; private detail',
      optedOut: true,
    });
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json();
    assert.equal(c.tier, 'platinum');
    assert.equal(c.isVip, true);
    assert.equal(c.email, 'jo@example.com');
    assert.deepEqual(c.attributes, { plan: 'business', accountId: 'A-1' });
    assert.equal(c.notes, 'Prefers DMs; private detail');
    assert.equal(c.optedOut, true);
    const [row] = await tenant((tx) => tx.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'customer.updated'), eq(schema.auditLog.subjectId, jo.customerId))));
    assert.equal(row?.actorId, acme.members.agent.id);
    assert.deepEqual(row?.data, { fields: ['tier', 'isVip', 'email', 'attributes', 'notes', 'optedOut'], tier: 'platinum', isVip: true, optedOut: true });
    assert.ok(!JSON.stringify(row?.data).includes('private detail'));
  });

  it('refuses bad input, other roles and other workspaces', async () => {
    assert.equal((await patch(`/api/customers/${jo.customerId}`, agent, { colour: 'blue' })).statusCode, 400);
    assert.equal((await patch(`/api/customers/${jo.customerId}`, agent, { email: 'not an email' })).statusCode, 400);
    assert.equal((await patch(`/api/customers/${jo.customerId}`, analyst, { tier: 'x' })).statusCode, 403);
    assert.equal((await get(`/api/customers/${jo.customerId}`, product)).statusCode, 403);
    assert.equal((await get('/api/customers/not-a-uuid', agent)).statusCode, 400);
    assert.equal((await get(`/api/customers/${jo.customerId}`, otherAdmin)).statusCode, 404);
    assert.equal((await patch(`/api/customers/${jo.customerId}`, otherAdmin, { tier: 'stolen' })).statusCode, 404);
    assert.equal((await get(`/api/customers/${jo.customerId}/suggestions`, otherAdmin)).statusCode, 404);
    const theirs = (await get('/api/customers', otherAdmin)).json();
    assert.deepEqual(theirs.items.map((c: { name: string }) => c.name), ['Jo Elsewhere']);
  });
});
