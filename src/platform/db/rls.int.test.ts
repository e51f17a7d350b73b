import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from './testing.ts';
import { enterWorkspace, schema, sql } from './index.ts';

describe('row-level security: the second wall', () => {
  let t: TestDatabase;
  let wsA: string;
  let wsB: string;

  before(async () => {
    t = await createTestDatabase();
    const [a, b] = await t.db.system((tx) => tx.insert(schema.workspaces).values([{ slug: 'a', name: 'A' }, { slug: 'b', name: 'B' }]).returning());
    wsA = a!.id;
    wsB = b!.id;
    await t.db.tenant(wsA, (tx) => tx.insert(schema.tags).values({ workspaceId: wsA, name: 'a-only' }));
    await t.db.tenant(wsB, (tx) => tx.insert(schema.tags).values({ workspaceId: wsB, name: 'b-only' }));
  });
  after(() => t.cleanup());

  it('a query that forgot its workspace filter still sees only its own workspace', async () => {
    const rows = await t.db.tenant(wsA, (tx) => tx.select().from(schema.tags));
    assert.deepEqual(rows.map((r) => r.name), ['a-only']);
    const raw = (await t.db.tenant(wsB, (tx) => tx.execute(sql`select name from tags`))) as unknown as { rows: unknown[] };
    assert.deepEqual((raw.rows as { name: string }[]).map((r) => r.name), ['b-only']);
  });

  it('cannot write a row into another workspace, nor move one there', async () => {
    const refusedByPolicy = (e: Error) => {
      // drizzle wraps the driver's error; PostgreSQL's own message is the cause.
      assert.match(String((e as { cause?: Error }).cause?.message ?? e.message), /row-level security/);
      return true;
    };
    await assert.rejects(t.db.tenant(wsA, (tx) => tx.insert(schema.tags).values({ workspaceId: wsB, name: 'smuggled' })), refusedByPolicy);
    await assert.rejects(t.db.tenant(wsA, (tx) => tx.update(schema.tags).set({ workspaceId: wsB }).where(sql`true`)), refusedByPolicy);
    const deleted = await t.db.tenant(wsA, (tx) => tx.delete(schema.tags).where(sql`name = 'b-only'`).returning());
    assert.equal(deleted.length, 0);
  });

  it('a transaction with no workspace set sees and writes nothing', async () => {
    const rows = await t.db.system(async (tx) => {
      await tx.execute(sql`select set_config('role', 'lookout_app', true)`);
      return tx.select().from(schema.tags);
    });
    assert.equal(rows.length, 0);
  });

  it('every table that has a workspace_id has row-level security on, with the tenant policy', async () => {
    const { rows } = await t.db.exec(`
      select c.relname as table, c.relrowsecurity as rls,
             exists (select 1 from pg_policies p where p.tablename = c.relname and p.policyname = c.relname || '_tenant_isolation') as has_policy
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from information_schema.columns col where col.table_name = c.relname and col.column_name = 'workspace_id')`);
    assert.ok(rows.length >= 20, `found ${rows.length} tenant tables`);
    for (const r of rows) {
      assert.equal(r.rls, true, `${r.table} has RLS off`);
      assert.equal(r.has_policy, true, `${r.table} lacks its tenant policy`);
    }
  });

  it('views read with the reader\'s rights, so the policies of the tables under them apply', async () => {
    const { rows } = await t.db.exec(`
      select c.relname as view, coalesce('security_invoker=true' = any(c.reloptions), false) as invoker
      from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'v'`);
    assert.ok(rows.some((r) => r.view === 'timeline_messages'));
    for (const r of rows) assert.equal(r.invoker, true, `${r.view} runs with its owner's rights`);
    // The timeline: each workspace sees its own heard messages and none of the other's.
    for (const [ws, text] of [[wsA, 'a heard'], [wsB, 'b heard']] as const) {
      await t.db.tenant(ws, async (tx) => {
        const [ch] = await tx.insert(schema.channels).values({ workspaceId: ws, kind: 'import', name: 'c', config: {} }).returning();
        const [c] = await tx.insert(schema.conversations).values({ workspaceId: ws, channelId: ch!.id, status: 'new' }).returning();
        await tx.insert(schema.mentions).values({ workspaceId: ws, channelId: ch!.id, externalId: text, kind: 'post', visibility: 'public', text, conversationId: c!.id, authoredAt: new Date() });
      });
    }
    const seen = await t.db.tenant(wsA, (tx) => tx.select({ body: schema.timelineMessages.body }).from(schema.timelineMessages));
    assert.deepEqual(seen.map((r) => r.body), ['a heard']);
  });

  it('the application role owns nothing (owners would bypass the policies)', async () => {
    const { rows } = await t.db.exec(`select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = 'lookout_app'`);
    assert.equal(rows[0]!.n, 0);
    const role = await t.db.exec(`select rolsuper, rolbypassrls from pg_roles where rolname = 'lookout_app'`);
    assert.deepEqual(role.rows[0], { rolsuper: false, rolbypassrls: false });
  });

  it('enterWorkspace scopes a system transaction that continues inside a workspace', async () => {
    const rows = await t.db.system(async (tx) => {
      await enterWorkspace(tx, wsB);
      return tx.select().from(schema.tags);
    });
    assert.deepEqual(rows.map((r) => r.name), ['b-only']);
  });
});
