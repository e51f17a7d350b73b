import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../platform/db/testing.ts';
import type { Database } from '../platform/db/index.ts';
import { analyzeIfChanged } from './maintenance.ts';

const analyzedAt = async (db: Database): Promise<string | null> => {
  const r = await db.exec(`select coalesce(last_analyze, last_autoanalyze)::text as at from pg_stat_user_tables where relname = 'events'`);
  return (r.rows[0] as { at: string | null } | undefined)?.at ?? null;
};

describe('statistics maintenance', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  before(async () => ({ db, cleanup } = await createTestDatabase()));
  after(() => cleanup());

  it('analyzes when the event log moved, and not when nothing happened', async () => {
    const first = await analyzeIfChanged(db, -1);
    const at = await analyzedAt(db);
    assert.ok(at, 'ANALYZE ran');
    assert.equal(await analyzeIfChanged(db, first), first);
    assert.equal(await analyzedAt(db), at, 'nothing changed: no second ANALYZE');
  });
});
