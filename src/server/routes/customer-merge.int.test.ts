import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray, schema, type Tx } from '../../platform/db/index.ts';
import type { StoredEvent } from '../../platform/events/index.ts';
import { seedChannel, seedConversation, seedPerson, type SeededPerson } from '../../modules/customers/testing.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';

describe('customer merge and unmerge over HTTP', () => {
  let t: TestApp;
  let acme: SeededWorkspace;
  let other: SeededWorkspace;
  let agent: Credentials;
  let analyst: Credentials;
  let otherAdmin: Credentials;
  let channels: { bluesky: string; x: string };
  const events: StoredEvent[] = [];

  const tenant = <T>(fn: (tx: Tx) => Promise<T>) => t.ctx.db.tenant(acme.id, fn);
  const post = (url: string, creds: Credentials, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: creds.headers, payload });
  const get = (url: string, creds: Credentials) => t.app.inject({ url, headers: creds.headers });
  const customerOf = async (conversationIds: string[]) =>
    Object.fromEntries(
      (await tenant((tx) => tx.select({ id: schema.conversations.id, customerId: schema.conversations.customerId }).from(schema.conversations).where(inArray(schema.conversations.id, conversationIds)))).map(
        (r) => [r.id, r.customerId],
      ),
    );
  const linksOf = (customerId: string) =>
    tenant((tx) => tx.select({ id: schema.customerIdentities.id }).from(schema.customerIdentities).where(eq(schema.customerIdentities.customerId, customerId))).then((r) =>
      r.map((l) => l.id).sort(),
    );
  const audit = (action: string) => tenant((tx) => tx.select().from(schema.auditLog).where(and(eq(schema.auditLog.workspaceId, acme.id), eq(schema.auditLog.action, action))));

  const seedPair = async () =>
    tenant(async (tx) => {
      const jo = await seedPerson(tx, acme.id, { name: 'Jo Smith', identities: [{ channelKind: 'bluesky', handle: 'jo.bsky.social', followers: 120 }] });
      const joX = await seedPerson(tx, acme.id, { name: 'Jo S', email: 'jo@example.com', tier: 'gold', identities: [{ channelKind: 'x', handle: 'jo_s', followers: 9000, verified: true }] });
      const joConversation = await seedConversation(tx, acme.id, { customerId: jo.customerId, channelId: channels.bluesky, identityId: jo.identityIds[0]! });
      const xConversation = await seedConversation(tx, acme.id, { customerId: joX.customerId, channelId: channels.x, identityId: joX.identityIds[0]!, status: 'resolved' });
      return { jo, joX, joConversation, xConversation };
    });

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' } });
    acme = await seedWorkspace(t.ctx, 'acme');
    other = await seedWorkspace(t.ctx, 'other');
    agent = await signInAs(t, acme.members.agent.email);
    analyst = await signInAs(t, acme.members.analyst.email);
    otherAdmin = await signInAs(t, other.members.admin.email);
    channels = await tenant(async (tx) => ({ bluesky: await seedChannel(tx, acme.id, 'bluesky'), x: await seedChannel(tx, acme.id, 'x') }));
    t.ctx.bus.subscribe(acme.id, (e) => events.push(...e));
  });
  after(() => t.close());

  it('merges, then unmerges back exactly — even after new conversations arrived on the survivor', async () => {
    const { jo, joX, joConversation, xConversation } = await seedPair();

    const merged = await post(`/api/customers/${jo.customerId}/merge`, agent, { otherId: joX.customerId, reason: 'same person, confirmed by DM', confidence: 0.7 });
    assert.equal(merged.statusCode, 200, merged.body);
    const merge = merged.json();
    assert.equal(merge.kind, 'merge');
    assert.deepEqual(merge.movedLinkIds, joX.linkIds);
    assert.deepEqual(merge.movedConversationIds, [xConversation]);
    assert.equal(merge.mergedBy, `member:${acme.members.agent.id}`);

    // The survivor now has both identities, both conversations, and what only the other knew.
    const survivor = (await get(`/api/customers/${jo.customerId}`, agent)).json();
    assert.deepEqual(survivor.identities.map((i: { handle: string }) => i.handle).sort(), ['jo.bsky.social', 'jo_s']);
    const moved = survivor.identities.find((i: { handle: string }) => i.handle === 'jo_s');
    assert.equal(moved.movedBy.historyId, merge.id);
    assert.equal(moved.movedBy.fromCustomerId, joX.customerId);
    assert.equal(moved.link.reason, 'first heard on x', 'the link keeps its own reason');
    assert.deepEqual(survivor.influence, { maxFollowers: 9000, isVerified: true, networks: ['bluesky', 'x'] });
    assert.equal(survivor.conversations.length, 2);
    assert.equal(survivor.email, 'jo@example.com');
    assert.equal(survivor.tier, 'gold');
    // The merged customer answers with a pointer to its survivor.
    const gone = (await get(`/api/customers/${joX.customerId}`, agent)).json();
    assert.deepEqual(gone.mergedInto, { id: jo.customerId, name: 'Jo Smith' });
    assert.deepEqual(gone.identities, []);

    // Later: a conversation through the survivor's own identity, and one through the moved identity.
    const { viaOwn, viaMoved } = await tenant(async (tx) => ({
      viaOwn: await seedConversation(tx, acme.id, { customerId: jo.customerId, channelId: channels.bluesky, identityId: jo.identityIds[0]! }),
      viaMoved: await seedConversation(tx, acme.id, { customerId: jo.customerId, channelId: channels.x, identityId: joX.identityIds[0]! }),
    }));

    const undone = await t.app.inject({ method: 'POST', url: `/api/customer-merges/${merge.id}/undo`, headers: agent.headers });
    assert.equal(undone.statusCode, 200, undone.body);
    const u = undone.json();
    assert.deepEqual(u.restoredLinkIds, joX.linkIds);
    assert.deepEqual(u.restoredConversationIds, [xConversation]);
    assert.deepEqual(u.followedConversationIds, [viaMoved]);
    assert.ok(u.merge.undoneAt);
    assert.equal(u.merge.undoneBy, `member:${acme.members.agent.id}`);

    assert.deepEqual(await customerOf([joConversation, xConversation, viaOwn, viaMoved]), {
      [joConversation]: jo.customerId,
      [xConversation]: joX.customerId,
      [viaOwn]: jo.customerId,
      [viaMoved]: joX.customerId,
    });
    assert.deepEqual(await linksOf(jo.customerId), [...jo.linkIds].sort());
    assert.deepEqual(await linksOf(joX.customerId), [...joX.linkIds].sort());
    const back = (await get(`/api/customers/${joX.customerId}`, agent)).json();
    assert.equal(back.mergedInto, null);
    assert.equal(back.identities[0].handle, 'jo_s');
    const restored = (await get(`/api/customers/${jo.customerId}`, agent)).json();
    assert.equal(restored.email, null, 'what the merge filled is emptied again');
    assert.equal(restored.tier, null);

    const again = await post(`/api/customer-merges/${merge.id}/undo`, agent);
    assert.equal(again.statusCode, 409);

    // Audited, announced, and in the history of both.
    const [mergedAudit] = await audit('customer.merged');
    assert.equal(mergedAudit?.actorType, 'member');
    assert.equal(mergedAudit?.actorId, acme.members.agent.id);
    assert.equal(mergedAudit?.data.reason, 'same person, confirmed by DM');
    assert.equal((await audit('customer.unmerged')).length, 1);
    assert.deepEqual(events.filter((e) => e.type.startsWith('customer.')).map((e) => e.type), ['customer.merged', 'customer.unmerged']);
    const history = (await get(`/api/customers/${joX.customerId}/merges`, analyst)).json();
    assert.equal(history.length, 1);
    assert.equal(history[0].survivorName, 'Jo Smith');
  });

  it('refuses merging a customer with itself, an already merged one, or one of another workspace', async () => {
    const { jo, joX } = await seedPair();
    const self = await post(`/api/customers/${jo.customerId}/merge`, agent, { otherId: jo.customerId, reason: 'x' });
    assert.equal(self.statusCode, 400);
    assert.equal(self.json().errors[0].path, '/body/otherId');

    const stranger = await t.ctx.db.tenant(other.id, (tx) => seedPerson(tx, other.id, { name: 'Stranger', identities: [{ channelKind: 'x', handle: 'stranger' }] }));
    const across = await post(`/api/customers/${jo.customerId}/merge`, agent, { otherId: stranger.customerId, reason: 'x' });
    assert.equal(across.statusCode, 404);
    const fromOther = await post(`/api/customers/${stranger.customerId}/merge`, otherAdmin, { otherId: jo.customerId, reason: 'x' });
    assert.equal(fromOther.statusCode, 404);
    assert.equal((await get(`/api/customers/${jo.customerId}`, otherAdmin)).statusCode, 404);
    assert.equal((await get(`/api/customers/${jo.customerId}/merges`, otherAdmin)).statusCode, 404);
    assert.equal((await post(`/api/customers/${jo.customerId}/identities/${jo.identityIds[0]}/unlink`, otherAdmin)).statusCode, 404);
    assert.equal((await get(`/api/customers/${jo.customerId}`, agent)).json().identities.length, 1, 'nothing moved');

    assert.equal((await post(`/api/customers/${jo.customerId}/merge`, agent, { otherId: joX.customerId, reason: 'same' })).statusCode, 200);
    const twice = await post(`/api/customers/${jo.customerId}/merge`, agent, { otherId: joX.customerId, reason: 'same' });
    assert.equal(twice.statusCode, 409);
    const intoMerged = await post(`/api/customers/${joX.customerId}/merge`, agent, { otherId: jo.customerId, reason: 'same' });
    assert.equal(intoMerged.statusCode, 409);
    const patchMerged = await t.app.inject({ method: 'PATCH', url: `/api/customers/${joX.customerId}`, headers: agent.headers, payload: { tier: 'x' } });
    assert.equal(patchMerged.statusCode, 409);
  });

  it('an analyst reads customers and their history but cannot merge, unmerge or unlink', async () => {
    const { jo, joX } = await seedPair();
    assert.equal((await get(`/api/customers/${jo.customerId}`, analyst)).statusCode, 200);
    assert.equal((await post(`/api/customers/${jo.customerId}/merge`, analyst, { otherId: joX.customerId, reason: 'x' })).statusCode, 403);
    const merge = (await post(`/api/customers/${jo.customerId}/merge`, agent, { otherId: joX.customerId, reason: 'x' })).json();
    assert.equal((await post(`/api/customer-merges/${merge.id}/undo`, analyst)).statusCode, 403);
    assert.equal((await post(`/api/customers/${jo.customerId}/identities/${jo.identityIds[0]}/unlink`, analyst)).statusCode, 403);
    assert.equal((await post(`/api/customer-merges/${merge.id}/undo`, otherAdmin)).statusCode, 404, "another workspace's merge is not found");
  });

  it('unlinks an identity into a new customer with its own conversations, and relinks it by undoing', async () => {
    const person: SeededPerson & { conversations: string[] } = await tenant(async (tx) => {
      const p = await seedPerson(tx, acme.id, {
        name: 'Sam',
        identities: [
          { channelKind: 'x', handle: 'sam', displayName: 'Sam' },
          { channelKind: 'mastodon', handle: 'sam@mastodon.social', displayName: 'Samantha K' },
        ],
      });
      const mixed = await seedConversation(tx, acme.id, { customerId: p.customerId, channelId: channels.x, identityId: p.identityIds[0]! });
      const onlyMastodon = await seedConversation(tx, acme.id, { customerId: p.customerId, channelId: channels.x, identityId: p.identityIds[1]! });
      return { ...p, conversations: [mixed, onlyMastodon] };
    });
    const [mixed, onlyMastodon] = person.conversations as [string, string];
    const res = await post(`/api/customers/${person.customerId}/identities/${person.identityIds[1]}/unlink`, agent, { reason: 'a different Sam' });
    assert.equal(res.statusCode, 200, res.body);
    const { split, newCustomerId } = res.json();
    assert.equal(split.kind, 'split');
    assert.equal(split.mergedId, newCustomerId);
    assert.deepEqual(split.movedConversationIds, [onlyMastodon]);
    const newcomer = (await get(`/api/customers/${newCustomerId}`, agent)).json();
    assert.equal(newcomer.name, 'Samantha K');
    assert.deepEqual(newcomer.identities.map((i: { handle: string }) => i.handle), ['sam@mastodon.social']);
    assert.equal(newcomer.identities[0].movedBy.kind, 'split');
    assert.deepEqual(await customerOf([mixed, onlyMastodon]), { [mixed]: person.customerId, [onlyMastodon]: newCustomerId });
    assert.equal((await audit('customer.identity_unlinked')).length, 1);

    const only = await t.app.inject({ method: 'POST', url: `/api/customers/${person.customerId}/identities/${person.identityIds[0]}/unlink`, headers: agent.headers });
    assert.equal(only.statusCode, 409, 'the only identity left cannot be split off');
    const notHis = await post(`/api/customers/${person.customerId}/identities/${person.identityIds[1]}/unlink`, agent);
    assert.equal(notHis.statusCode, 404);

    const relinked = await post(`/api/customer-merges/${split.id}/undo`, agent);
    assert.equal(relinked.statusCode, 200, relinked.body);
    assert.deepEqual(await linksOf(person.customerId), [...person.linkIds].sort());
    assert.deepEqual(await customerOf([mixed, onlyMastodon]), { [mixed]: person.customerId, [onlyMastodon]: person.customerId });
    assert.deepEqual((await get(`/api/customers/${newCustomerId}`, agent)).json().mergedInto, { id: person.customerId, name: 'Sam' });
    assert.equal((await audit('customer.identity_relinked')).length, 1);
  });

  it('an earlier merge cannot be undone past a later one that moved the same identities', async () => {
    const { jo, joX } = await seedPair();
    const third = await tenant((tx) => seedPerson(tx, acme.id, { name: 'Joanna', identities: [{ channelKind: 'email', handle: 'joanna@example.com' }] }));
    const first = (await post(`/api/customers/${jo.customerId}/merge`, agent, { otherId: joX.customerId, reason: 'one' })).json();
    const second = (await post(`/api/customers/${third.customerId}/merge`, agent, { otherId: jo.customerId, reason: 'two' })).json();
    const blocked = await post(`/api/customer-merges/${first.id}/undo`, agent);
    assert.equal(blocked.statusCode, 409);
    assert.match(blocked.json().detail, new RegExp(second.id));
    assert.equal((await post(`/api/customer-merges/${second.id}/undo`, agent)).statusCode, 200);
    assert.equal((await post(`/api/customer-merges/${first.id}/undo`, agent)).statusCode, 200);
    assert.deepEqual(await linksOf(joX.customerId), [...joX.linkIds].sort());
    assert.deepEqual(await linksOf(jo.customerId), [...jo.linkIds].sort());
    assert.deepEqual(await linksOf(third.customerId), [...third.linkIds].sort());
  });
});
