import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { MIGRATIONS_DIR } from './paths.ts';

/**
 * Upgrades, not fresh installs: a database migrated by an earlier release, holding data, takes the
 * later migrations. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set (`npm run test:pg`).
 */

/** The migrations folder as an earlier release shipped it: up to and including `lastTag`. */
const migrationsUpTo = (lastTag: string): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  assert.ok(last >= 0, `no migration ${lastTag}`);
  for (const e of journal.entries.slice(last + 1)) rmSync(path.join(dir, `${e.tag}.sql`));
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
  return dir;
};

interface UpgradeDb {
  exec(text: string): Promise<Record<string, unknown>[]>;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

const openUpgradeDb = async (): Promise<UpgradeDb> => {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    const client = await PGlite.create({ extensions: { pg_trgm } });
    return {
      // exec, not query: the seed is several statements.
      exec: async (text) => ((await client.exec(text)).at(-1)?.rows ?? []) as Record<string, unknown>[],
      migrate: (folder) => migratePglite(drizzlePglite({ client }) as never, { migrationsFolder: folder }),
      close: () => client.close(),
    };
  }
  const name = `lookout_upgrade_${process.pid}_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database "${name}"`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  // One client, not a pool: its end() resolves once the connection is closed, so the drop below
  // never races a connection still closing (a pool's end() returns before its sockets close).
  const client = new pg.Client({ connectionString: u.toString() });
  client.on('error', () => {});
  await client.connect();
  return {
    exec: async (text) => (await client.query(text)).rows as Record<string, unknown>[],
    migrate: (folder) => migratePg(drizzlePg({ client }) as never, { migrationsFolder: folder }),
    close: async () => {
      await client.end();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
};

describe('database upgrades', () => {
  let db: UpgradeDb;
  const folders: string[] = [];
  before(async () => {
    db = await openUpgradeDb();
  });
  after(async () => {
    await db.close();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });

  it('0012: the copies of heard messages go, the timeline reads the same, a Lookout reply stays', async () => {
    const earlier = migrationsUpTo('0011_alert-planning-once');
    folders.push(earlier);
    await db.migrate(earlier);
    // What 0011's pipeline wrote for a customer's post and a brand post heard on the channel
    // (a mention each, and its copy in messages), and a reply Lookout sent.
    await db.exec(`
      insert into workspaces (id, slug, name) values ('00000000-0000-4000-8000-000000000001', 'up', 'Up');
      insert into channels (id, workspace_id, kind, name) values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'bluesky', 'Bluesky');
      insert into conversations (id, workspace_id, channel_id, status) values ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'open');
      insert into mentions (id, workspace_id, channel_id, external_id, kind, visibility, text, conversation_id, is_own, authored_at) values
        ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'at://c/1', 'post', 'public', 'my order is late', '00000000-0000-4000-8000-000000000003', false, '2026-01-01T10:00:00Z'),
        ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'at://b/1', 'reply', 'public', 'sorry, looking', '00000000-0000-4000-8000-000000000003', true, '2026-01-01T10:05:00Z');
      insert into messages (workspace_id, conversation_id, direction, mention_id, channel_id, visibility, body, external_id, outbox_state, sent_at, created_at) values
        ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', 'inbound', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000002', 'public', 'my order is late', 'at://c/1', null, null, '2026-01-01T10:00:00Z'),
        ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', 'outbound', '00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000002', 'public', 'sorry, looking', 'at://b/1', 'sent', '2026-01-01T10:05:00Z', '2026-01-01T10:05:00Z'),
        ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', 'outbound', null, '00000000-0000-4000-8000-000000000002', 'public', 'refund sent', 'at://b/2', 'sent', '2026-01-01T11:00:00Z', '2026-01-01T11:00:00Z');`);
    const timeline = `select direction, body, outbox_state from %s where conversation_id = '00000000-0000-4000-8000-000000000003' order by created_at`;
    const before = await db.exec(timeline.replace('%s', 'messages'));

    await db.migrate(MIGRATIONS_DIR);
    assert.deepEqual(await db.exec(timeline.replace('%s', 'timeline_messages')), before, 'the timeline reads as it did');
    assert.deepEqual((await db.exec(`select body from messages`)).map((r) => r.body), ['refund sent'], 'only what Lookout wrote is left in messages');
    // A deleted channel keeps the conversation's timeline.
    await db.exec(`delete from channels where id = '00000000-0000-4000-8000-000000000002'`);
    assert.equal((await db.exec(timeline.replace('%s', 'timeline_messages'))).length, 3);
  });
});
