import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, schema, type Tx } from '../../platform/db/index.ts';
import { autoMergeExactEmail } from '../../modules/customers/index.ts';
import { seedPerson, type SeededPerson } from '../../modules/customers/testing.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';

interface Suggestion {
  customer: { id: string; name: string };
  confidence: number;
  reasons: { kind: string; detail: string; confidence: number }[];
  previouslyUnmerged: boolean;
}

describe('duplicate suggestions and the automatic exact-email merge', () => {
  let t: TestApp;
  let acme: SeededWorkspace;
  let agent: Credentials;
  let admin: Credentials;
  let jon: SeededPerson;
  const c: Record<string, SeededPerson> = {};

  const tenant = <T>(fn: (tx: Tx) => Promise<T>) => t.ctx.db.tenant(acme.id, fn);
  const suggestions = async (id: string): Promise<Suggestion[]> => {
    const res = await t.app.inject({ url: `/api/customers/${id}/suggestions`, headers: agent.headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const setAutoMerge = async (on: boolean) => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/workspace', headers: admin.headers, payload: { settings: { autoMergeExactEmail: on } } });
    assert.equal(res.statusCode, 200, res.body);
  };

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' } });
    acme = await seedWorkspace(t.ctx, 'acme');
    agent = await signInAs(t, acme.members.agent.email);
    admin = await signInAs(t, acme.members.admin.email);
    // Jon first, in a transaction of its own: the oldest customer survives an automatic merge.
    jon = await tenant((tx) =>
      seedPerson(tx, acme.id, {
        name: 'Jonathan Smith',
        email: 'jon@example.com',
        attributes: { website: 'https://jonsmith.dev' },
        identities: [{ channelKind: 'x', handle: 'jon_smith', displayName: 'Jon', profileUrl: 'https://x.com/jon_smith' }],
      }),
    );
    await tenant(async (tx) => {
      c.email = await seedPerson(tx, acme.id, { name: 'J. S.', identities: [{ channelKind: 'email', handle: 'JON@example.com', email: 'JON@example.com' }] });
      c.handle = await seedPerson(tx, acme.id, { name: 'JS', identities: [{ channelKind: 'bluesky', handle: 'jon-smith.bsky.social' }] });
      c.url = await seedPerson(tx, acme.id, { name: 'Web Person', attributes: { website: 'http://www.JonSmith.dev/' }, identities: [{ channelKind: 'mastodon', handle: 'wp@mastodon.social' }] });
      c.name = await seedPerson(tx, acme.id, { name: 'Jonathon Smith', identities: [{ channelKind: 'mastodon', handle: 'jsm@mastodon.social' }] });
      c.notSimilarEnough = await seedPerson(tx, acme.id, { name: 'Jon Smith', identities: [{ channelKind: 'mastodon', handle: 'other@mastodon.social' }] });
      c.unrelated = await seedPerson(tx, acme.id, { name: 'Zed Quinn', identities: [{ channelKind: 'x', handle: 'zq' }] });
      c.merged = await seedPerson(tx, acme.id, { name: 'Jonathan Smith', email: 'jon@example.com', identities: [] });
      await tx.update(schema.customers).set({ mergedIntoId: c.unrelated.customerId }).where(eq(schema.customers.id, c.merged.customerId));
    });
  });
  after(() => t.close());

  it('suggests the same email (0.95), a shared link (0.8), the same handle on two networks (0.7), similar names (0.4–0.6)', async () => {
    const list = await suggestions(jon.customerId);
    const byId = new Map(list.map((s) => [s.customer.id, s]));
    assert.deepEqual(
      list.map((s) => [s.customer.name, s.confidence, s.reasons.map((r) => r.kind)]),
      [
        ['J. S.', 0.95, ['email']],
        ['Web Person', 0.8, ['url']],
        ['JS', 0.7, ['handle']],
        ['Jonathon Smith', 0.43, ['name']],
      ],
    );
    assert.equal(byId.get(c.email!.customerId)!.reasons[0]!.detail, 'same email address (jon@example.com)');
    assert.match(byId.get(c.handle!.customerId)!.reasons[0]!.detail, /x \(jon_smith\) and bluesky \(jon-smith\.bsky\.social\)/);
    assert.match(byId.get(c.url!.customerId)!.reasons[0]!.detail, /jonsmith\.dev/);
    for (const absent of ['notSimilarEnough', 'unrelated', 'merged']) assert.ok(!byId.has(c[absent]!.customerId), `${absent} is not suggested`);
    assert.ok(list.every((s) => !s.previouslyUnmerged));
  });

  it('several hints add up, but only an email address reaches the automatic-merge confidence', async () => {
    // The handle match also shares Jon's display name: two hints, still below 0.95.
    await tenant((tx) => tx.update(schema.identities).set({ displayName: 'Jonathan Smith' }).where(eq(schema.identities.id, c.handle!.identityIds[0]!)));
    const handle = (await suggestions(jon.customerId)).find((s) => s.customer.id === c.handle!.customerId)!;
    assert.deepEqual(handle.reasons.map((r) => r.kind), ['handle', 'name']);
    assert.equal(handle.confidence, 0.88);
  });

  it('merges automatically only when the workspace enabled it; as the system, audited, reversible, and never again after an undo', async () => {
    await setAutoMerge(false);
    const off = await tenant((tx) => autoMergeExactEmail(tx, acme.id, [jon.customerId, c.handle!.customerId]));
    assert.deepEqual(off, { merges: [], events: [] });

    await setAutoMerge(true);
    const on = await tenant((tx) => autoMergeExactEmail(tx, acme.id, [c.email!.customerId, c.handle!.customerId, c.url!.customerId]));
    assert.equal(on.merges.length, 1, 'only the exact email address');
    const [merge] = on.merges;
    assert.equal(merge!.survivorId, jon.customerId, 'the oldest customer survives');
    assert.equal(merge!.mergedId, c.email!.customerId);
    assert.equal(merge!.mergedBy, 'system');
    assert.equal(merge!.confidence, 0.95);
    assert.match(merge!.reason, /same email address \(jon@example\.com\), merged automatically/);
    assert.deepEqual(on.events.map((e) => e.type), ['customer.merged']);
    const [audit] = await tenant((tx) => tx.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'customer.merged'), eq(schema.auditLog.subjectId, jon.customerId))));
    assert.equal(audit?.actorType, 'system');
    assert.equal(audit?.actorId, null);
    assert.equal(audit?.data.reason, merge!.reason);

    const undo = await t.app.inject({ method: 'POST', url: `/api/customer-merges/${merge!.id}/undo`, headers: agent.headers, payload: {} });
    assert.equal(undo.statusCode, 200, undo.body);
    const again = await tenant((tx) => autoMergeExactEmail(tx, acme.id, [c.email!.customerId, jon.customerId]));
    assert.deepEqual(again.merges, [], 'a pair a person separated stays separated');
    const suggested = (await suggestions(jon.customerId)).find((s) => s.customer.id === c.email!.customerId)!;
    assert.equal(suggested.previouslyUnmerged, true);
    await setAutoMerge(false);
  });
});
