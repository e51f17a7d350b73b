import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { SecretBox } from '../../platform/crypto/index.ts';
import { sql, type Database } from '../../platform/db/index.ts';
import { seedLarge } from '../../../bench/lib/seed-large.ts';
import { SEARCH_WINDOW, searchConversations, type SearchStrategy, type SearchTuning } from './search.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * The ways a search is answered (walking the newest mentions, a time window of the index, the whole
 * index) must each give what the plain query gives — the newest matching mentions' conversations —
 * whatever the word's frequency; which way is taken only changes the cost.
 */
describe('search over many mentions', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let workspaceId: string;
  const mentions = 6_000;

  before(async () => {
    ({ db, cleanup } = await createTestDatabase());
    ({ workspaceId } = await seedLarge(db, new SecretBox('search-test-secret-key-0123456789abcdef'), { mentions, openConversations: 300 }));
  });
  after(() => cleanup());

  const plain = async (tsq: string): Promise<Set<string>> => {
    const rows = await db.system((tx) =>
      rowsOf<{ conversation_id: string }>(
        tx,
        sql`select conversation_id from mentions where workspace_id = ${workspaceId} and conversation_id is not null
            and search @@ to_tsquery('simple', ${tsq}) order by received_at desc limit ${SEARCH_WINDOW}`,
      ),
    );
    return new Set(rows.map((r) => r.conversation_id));
  };

  /** A word whose share of mentions lies in [lo, hi). */
  const wordWithShare = async (lo: number, hi: number): Promise<string> => {
    const rows = await db.system((tx) =>
      rowsOf<{ word: string }>(
        tx,
        sql`select word from ts_stat('select search from mentions') where ndoc >= ${Math.ceil(lo * mentions)} and ndoc < ${Math.ceil(hi * mentions)}
            and word ~ '^[a-z]+$' order by ndoc desc, word limit 1`,
      ),
    );
    assert.ok(rows[0], `a word with share in [${lo}, ${hi})`);
    return rows[0].word;
  };

  // Tunings that force each way, whatever the estimates say.
  const FORCE: Record<string, SearchTuning> = {
    walk: { walkLimit: 1_000, commonShare: 0, rareMatches: -1 },
    window: { walkLimit: 1_000, commonShare: 2, rareMatches: -1 },
    all: { walkLimit: 1_000, commonShare: 0, rareMatches: Number.MAX_SAFE_INTEGER },
  };

  it("every way gives the plain query's answer for common, middling, rare and absent words", async () => {
    const words = [await wordWithShare(0.2, 1), await wordWithShare(0.01, 0.03), await wordWithShare(1 / mentions, 3 / mentions), 'zzqxnowhere'];
    const taken = new Set<SearchStrategy>();
    for (const word of words) {
      const expected = await plain(`${word}:*`); // the last word is a prefix
      for (const [way, tuning] of Object.entries(FORCE)) {
        const { ids, strategy } = await searchConversations(db, workspaceId, word, tuning);
        taken.add(strategy);
        assert.ok(strategy.startsWith(way), `"${word}" forced ${way}, took ${strategy}`);
        assert.deepEqual(new Set(ids), expected, `"${word}" (${strategy})`);
      }
      const { ids } = await searchConversations(db, workspaceId, word);
      assert.deepEqual(new Set(ids), expected, `"${word}" with the default tuning`);
    }
    // A common word walks; a middling word's window holds its page; a short walk or window falls back to everything.
    for (const way of ['walk', 'window', 'all', 'walk+all', 'window+all'] as const) assert.ok(taken.has(way), `some search took "${way}" (${[...taken]})`);
  });

  it('matches the word being typed as a prefix, and every earlier word whole', async () => {
    const word = await wordWithShare(0.01, 0.03);
    const { ids } = await searchConversations(db, workspaceId, word.slice(0, -1));
    assert.ok(ids.length > 0);
    assert.deepEqual(new Set(ids), await plain(`${word.slice(0, -1)}:*`));
    assert.deepEqual((await searchConversations(db, workspaceId, `${word.slice(0, -1)} zzqxnowhere`)).ids, []);
  });
});
