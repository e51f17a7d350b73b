/**
 * `npm run seed:large`: seeds the configured database (DATABASE_URL, or the embedded one in
 * LOOKOUT_DATA_DIR / ./data) with a large workspace "large" — 1,000,000 mentions and 100,000 open
 * conversations by default (SEED_MENTIONS, SEED_OPEN_CONVERSATIONS) — to feel and measure the
 * console at scale. Sign in as admin@large.test with the password it prints.
 */
import { loadConfig } from '../src/platform/config/index.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { SecretBox } from '../src/platform/crypto/index.ts';
import { seedLarge } from '../bench/lib/seed-large.ts';

const sizes = {
  mentions: Number(process.env.SEED_MENTIONS ?? 1_000_000),
  openConversations: Number(process.env.SEED_OPEN_CONVERSATIONS ?? 100_000),
};
if (!Number.isInteger(sizes.mentions) || sizes.mentions < 1 || !Number.isInteger(sizes.openConversations) || sizes.openConversations < 1) {
  process.stderr.write('error: SEED_MENTIONS and SEED_OPEN_CONVERSATIONS must be positive integers\n');
  process.exit(1);
}
const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl?.reveal() ?? null, dataDir: config.dataDir });
try {
  await db.migrate();
  const started = Date.now();
  const seeded = await seedLarge(db, new SecretBox(config.secretKey.reveal()), sizes, (line) => process.stderr.write(`${line}\n`));
  process.stderr.write(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s — sign in as ${seeded.adminEmail} / ${seeded.password}\n`);
  process.stdout.write(`${JSON.stringify({ workspace: seeded.slug, ...sizes })}\n`);
} finally {
  await db.close();
}
