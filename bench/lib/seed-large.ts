/**
 * A large workspace for the console's speed checks: by default 1,000,000 mentions in 300,000
 * conversations of which 100,000 are open, 200,000 customers each with one identity, 20 agents in
 * four teams, four channels. Rows are written straight into the tables in big multi-row inserts
 * (the pipeline's own speed is bench:ingest's business; here only the shape of the data matters):
 * priorities, sentiments, intents, languages, influence, SLA deadlines, assignees, tags and
 * snoozes spread as a real inbox would have them, and texts drawn from a Zipf-distributed
 * vocabulary, so that a search for a common word, a rare word or a prefix costs what it would.
 *
 * Idempotent: the workspace remembers what was seeded (settings.seededLarge); seeding again with
 * the same or smaller sizes does nothing.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { enterWorkspace, schema, bulkInsert, type Database } from '../../src/platform/db/index.ts';
import { seededRandom } from '../../src/platform/random/index.ts';
import { createMember, createTeam, createWorkspace } from '../../src/modules/access/index.ts';
import { createChannel } from '../../src/modules/channels/index.ts';
import type { SecretBox } from '../../src/platform/crypto/index.ts';
import { createDetector } from '../../src/modules/detection/index.ts';
import { saveDetectorState } from '../../src/worker/detection-feed.ts';

export interface SeedSizes {
  mentions: number;
  openConversations: number;
}

export interface SeededLarge {
  workspaceId: string;
  slug: string;
  adminEmail: string;
  password: string;
  webhookKey: string;
  webhookSecret: string;
  /** Words of several frequencies present in the texts, for search benchmarks. */
  words: { common: string; medium: string; rare: string; prefix: string };
}

export const LARGE_SLUG = 'large';
export const LARGE_PASSWORD = 'large workspace password';
const WEBHOOK_SECRET = 'whsec_large_0123456789abcdef0123456789';

const SUPPORT_WORDS = (
  'order refund broken late delivery account login password charge charged billing app crash update battery screen ' +
  'support help thanks please still waiting week days hours shipping package tracking cancel subscription plan price ' +
  'error message phone email reset code store return exchange warranty replace replacement issue problem fixed working ' +
  'again today yesterday customer service agent chat call wifi connection slow outage down internet router bill ' +
  'overcharged double payment card declined failed install download version android iphone laptop tablet headphones ' +
  'speaker camera photo upload sync cloud storage backup data lost missing item wrong size color damaged box driver ' +
  'flight seat bag luggage gate delay delayed cancelled booking hotel room ticket train station refunding credit points ' +
  'reward loyalty coupon discount promo deal sale love great awesome terrible worst disappointed angry frustrated happy'
).split(/\s+/);

/** Pronounceable filler words, so the vocabulary has a long tail of rare terms. */
const pseudoWords = (n: number, rnd: () => number): string[] => {
  const c = 'bcdfghjklmnprstvwz';
  const v = 'aeiou';
  const out = new Set<string>();
  while (out.size < n) {
    let w = '';
    const syl = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < syl; i++) w += c[Math.floor(rnd() * c.length)]! + v[Math.floor(rnd() * v.length)]!;
    if (rnd() < 0.4) w += c[Math.floor(rnd() * c.length)]!;
    out.add(w);
  }
  return [...out];
};

/** Zipf sampler over ranks 0..n-1 (exponent ~1.1) by inverting the cumulative weights. */
const zipf = (n: number, rnd: () => number): (() => number) => {
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cum[i] = total += 1 / Math.pow(i + 1, 1.1);
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
};

const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;

/**
 * The seeded history is not a live stream: the live detector starts after it (as it would for a
 * workspace imported in bulk), rather than catching up on four weeks of it at the first start.
 */
const startDetectionAfterHistory = async (db: Database, workspaceId: string): Promise<void> => {
  const has = await db.system((tx) => tx.select().from(schema.detectorStates).where(eq(schema.detectorStates.workspaceId, workspaceId)));
  if (!has.length) await saveDetectorState(db, workspaceId, createDetector(), new Date());
};

export const seedLarge = async (db: Database, box: SecretBox, sizes: SeedSizes, log: (line: string) => void = () => {}): Promise<SeededLarge> => {
  const rnd = seededRandom(20261122);
  const vocab = [...SUPPORT_WORDS, ...pseudoWords(40_000, rnd)];
  const word = zipf(vocab.length, rnd);
  const words = { common: 'refund', medium: vocab[400]!, rare: vocab[30_000]!, prefix: 'subscri' };

  const existing = await db.system(async (tx) => (await tx.select().from(schema.workspaces).where(eq(schema.workspaces.slug, LARGE_SLUG)))[0]);
  const adminEmail = `admin@${LARGE_SLUG}.test`;
  if (existing) {
    const done = existing.settings.seededLarge as SeedSizes | undefined;
    const channel = await db.tenant(existing.id, async (tx) => (await tx.select().from(schema.channels).where(eq(schema.channels.kind, 'webhook')))[0]);
    if (done && done.mentions >= sizes.mentions && done.openConversations >= sizes.openConversations && channel?.publicKey) {
      log(`workspace "${LARGE_SLUG}" already seeded with ${done.mentions} mentions`);
      await startDetectionAfterHistory(db, existing.id);
      return { workspaceId: existing.id, slug: LARGE_SLUG, adminEmail, password: LARGE_PASSWORD, webhookKey: channel.publicKey, webhookSecret: WEBHOOK_SECRET, words };
    }
    throw new Error(`workspace "${LARGE_SLUG}" exists but was not seeded to this size: use a fresh database`);
  }

  const setup = await db.system(async (tx) => {
    const ws = await createWorkspace(tx, { slug: LARGE_SLUG, name: 'Large (seeded)' });
    await enterWorkspace(tx, ws.id);
    await createMember(tx, ws.id, { email: adminEmail, name: 'Admin', role: 'admin', password: LARGE_PASSWORD });
    const agents: string[] = [];
    for (let i = 0; i < 20; i++) agents.push((await createMember(tx, ws.id, { email: `agent${i}@${LARGE_SLUG}.test`, name: `Agent ${i}`, role: 'agent', password: null })).id);
    const teams: string[] = [];
    for (let t = 0; t < 4; t++) teams.push((await createTeam(tx, ws.id, { name: `Team ${t}`, memberIds: agents.slice(t * 5, t * 5 + 5) })).id);
    const webhook = await createChannel(tx, box, ws.id, { kind: 'webhook', name: 'Brand monitor', secrets: { signingSecret: WEBHOOK_SECRET } });
    const others = [];
    for (const kind of ['bluesky', 'x', 'email']) {
      const [c] = await tx.insert(schema.channels).values({ workspaceId: ws.id, kind, name: `${kind} (seeded)`, status: 'paused' }).returning();
      others.push(c!);
    }
    const tagRows = await tx.insert(schema.tags).values(['billing', 'bug', 'vip', 'shipping', 'outage'].map((name) => ({ workspaceId: ws.id, name }))).returning();
    return { ws, agents, teams, channels: [webhook, ...others], tags: tagRows.map((t) => t.id) };
  });
  const workspaceId = setup.ws.id;

  const nConversations = Math.max(sizes.openConversations * 3, Math.ceil(sizes.mentions / 4));
  const nCustomers = Math.max(1, Math.ceil(nConversations * 0.66));
  const now = Date.now();
  const DAY = 86_400_000;

  // Customers with one identity each.
  const customerIds: string[] = new Array(nCustomers);
  const identityIds: string[] = new Array(nCustomers);
  const followersOf = new Int32Array(nCustomers);
  const CHUNK = 5_000;
  for (let start = 0; start < nCustomers; start += CHUNK) {
    const end = Math.min(nCustomers, start + CHUNK);
    const customers: (typeof schema.customers.$inferInsert)[] = [];
    const identities: (typeof schema.identities.$inferInsert)[] = [];
    const links: (typeof schema.customerIdentities.$inferInsert)[] = [];
    for (let i = start; i < end; i++) {
      const cid = randomUUID();
      const iid = randomUUID();
      customerIds[i] = cid;
      identityIds[i] = iid;
      const channel = setup.channels[i % setup.channels.length]!;
      const followers = Math.floor(Math.pow(10, rnd() * rnd() * 6));
      followersOf[i] = followers;
      const handle = `${vocab[SUPPORT_WORDS.length + (i % 30_000)]}_${i}`;
      customers.push({ id: cid, workspaceId, name: `Customer ${i}`, tier: rnd() < 0.05 ? 'gold' : null, isVip: rnd() < 0.01, createdAt: new Date(now - 120 * DAY) });
      identities.push({ id: iid, workspaceId, channelKind: channel.kind, externalId: `ext-${i}`, handle, displayName: `Customer ${i}`, followers, verified: followers > 100_000 && rnd() < 0.3 });
      links.push({ workspaceId, customerId: cid, identityId: iid, confidence: 1, reason: 'first seen' });
    }
    await db.system(async (tx) => {
      await bulkInsert(tx, schema.customers, customers);
      await bulkInsert(tx, schema.identities, identities);
      await bulkInsert(tx, schema.customerIdentities, links);
    });
    if (start % 50_000 === 0) log(`customers ${end}/${nCustomers}`);
  }

  const sentiments = ['negative', 'neutral', 'positive'] as const;
  const intents = ['complaint', 'question', 'refund', 'bug_report', 'praise', 'feature_request', 'other'];
  const languages = ['en', 'en', 'en', 'en', 'es', 'fr', 'de'];
  const reasonsFor = (p: number, sentiment: string) =>
    [p > 70 ? 'Urgent wording' : null, sentiment === 'negative' ? 'Negative sentiment' : null, p > 50 ? 'Complaint' : null, 'Influential author'].filter(Boolean);
  const text = (): string => {
    const n = 8 + Math.floor(rnd() * 18);
    const out: string[] = [];
    if (rnd() < 0.3) out.push('@acme');
    for (let i = 0; i < n; i++) out.push(vocab[word()]!);
    if (rnd() < 0.15) out.push(`order #A${Math.floor(rnd() * 1e6)}`);
    return out.join(' ');
  };

  let mentionsLeft = sizes.mentions;
  const CONV_CHUNK = 1_000;
  for (let start = 0; start < nConversations; start += CONV_CHUNK) {
    const end = Math.min(nConversations, start + CONV_CHUNK);
    const conversations: (typeof schema.conversations.$inferInsert)[] = [];
    const mentions: (typeof schema.mentions.$inferInsert)[] = [];
    const convTags: (typeof schema.conversationTags.$inferInsert)[] = [];
    for (let k = start; k < end; k++) {
      const id = randomUUID();
      const c = k % nCustomers;
      const channel = setup.channels[c % setup.channels.length]!;
      // Spread the remaining mentions evenly over the remaining conversations (at least one each).
      const share = Math.max(1, Math.round(mentionsLeft / (nConversations - k)));
      const count = k === nConversations - 1 ? Math.max(1, mentionsLeft) : share;
      mentionsLeft -= count;
      const open = k < sizes.openConversations;
      const lastAt = now - Math.floor(rnd() * (open ? 14 : 90) * DAY);
      const priority = Math.min(100, Math.floor(rnd() * rnd() * 110));
      const sentiment = pick(sentiments, rnd);
      const assigned = open && rnd() < 0.4;
      const team = rnd() < 0.7 ? setup.teams[k % 4]! : null;
      const status = open ? (rnd() < 0.5 ? 'new' : 'open') : pick(['pending', 'relieved', 'resolved', 'resolved', 'closed'] as const, rnd);
      conversations.push({
        id,
        workspaceId,
        channelId: channel.id,
        customerId: customerIds[c]!,
        status,
        priority,
        needsResponse: open ? rnd() < 0.92 : rnd() < 0.5,
        sentiment,
        intent: pick(intents, rnd),
        language: pick(languages, rnd),
        influence: followersOf[c]!,
        teamId: team,
        assigneeId: assigned ? setup.agents[Math.floor(rnd() * 20)]! : null,
        triage: { reasons: reasonsFor(priority, sentiment) },
        firstResponseDueAt: open ? new Date(lastAt + (rnd() < 0.5 ? 1 : 24) * 3_600_000) : null,
        resolutionDueAt: open ? new Date(lastAt + 72 * 3_600_000) : null,
        resolvedAt: status === 'resolved' || status === 'closed' ? new Date(lastAt) : null,
        snoozedUntil: open && rnd() < 0.03 ? new Date(now + DAY) : null,
        lastMessageAt: new Date(lastAt),
        lastInboundAt: new Date(lastAt),
        createdAt: new Date(lastAt - count * 600_000),
        updatedAt: new Date(lastAt),
      });
      if (rnd() < 0.2) convTags.push({ workspaceId, conversationId: id, tagId: setup.tags[Math.floor(rnd() * setup.tags.length)]! });
      for (let j = 0; j < count; j++) {
        const at = new Date(lastAt - (count - 1 - j) * 600_000);
        const own = j > 0 && j % 2 === 1 && rnd() < 0.5;
        mentions.push({
          workspaceId,
          channelId: channel.id,
          externalId: `m-${k}-${j}`,
          kind: own ? 'reply' : 'post',
          visibility: 'public',
          text: own ? `Sorry to hear that, we are looking into it ${vocab[word()]}` : text(),
          identityId: own ? null : identityIds[c]!,
          conversationId: id,
          priority: own ? 0 : priority,
          sentiment: own ? 'neutral' : sentiment,
          needsResponse: !own,
          isOwn: own,
          authorFollowers: own ? 0 : followersOf[c]!,
          authoredAt: at,
          receivedAt: at,
        });
      }
    }
    await db.system(async (tx) => {
      await bulkInsert(tx, schema.conversations, conversations);
      await bulkInsert(tx, schema.mentions, mentions);
      if (convTags.length) await bulkInsert(tx, schema.conversationTags, convTags);
    });
    if (start % 20_000 === 0) log(`conversations ${end}/${nConversations}, mentions ${sizes.mentions - mentionsLeft}/${sizes.mentions}`);
  }

  await db.system(async (tx) => {
    await tx.update(schema.workspaces).set({ settings: { seededLarge: sizes } }).where(eq(schema.workspaces.id, workspaceId));
  });
  await startDetectionAfterHistory(db, workspaceId);
  await db.exec('analyze');
  const key = setup.channels[0]!.publicKey!;
  return { workspaceId, slug: LARGE_SLUG, adminEmail, password: LARGE_PASSWORD, webhookKey: key, webhookSecret: WEBHOOK_SECRET, words };
};
