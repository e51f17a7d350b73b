import { randomUUID } from 'node:crypto';
import { and, bulkInsert, eq, inArray, isNull, schema, sql, type Tx } from '../../platform/db/index.ts';
import type { InboundAuthor } from '../channels/index.ts';

export interface ResolvedAuthors {
  identityOf(channelKind: string, externalId: string): string | null;
  customerOf(channelKind: string, externalId: string): string | null;
  customer(id: string): { tier: string | null; isVip: boolean } | null;
  customerIds(): string[];
}

const key = (kind: string, ext: string) => `${kind}\u0000${ext}`;
const CHUNK = 500;
const LOOKUP_CHUNK = 1000;

interface KnownRow {
  id: string;
  channel_kind: string;
  external_id: string;
  handle: string;
  display_name: string | null;
  email: string | null;
  followers: number | null;
  verified: boolean;
  profile_url: string | null;
  avatar_url: string | null;
  customer_id: string | null;
  tier: string | null;
  is_vip: boolean | null;
}
type Known = KnownRow;

/** Would the upsert below change this stored identity? (The same rules as its `do update`.) */
const changes = (k: Known, a: InboundAuthor): boolean => {
  return (
    a.handle !== k.handle ||
    (a.displayName != null && a.displayName !== k.display_name) ||
    (a.email != null && a.email.toLowerCase() !== k.email) ||
    (a.followers != null && a.followers !== k.followers) ||
    (Boolean(a.verified) && !k.verified) ||
    (a.profileUrl != null && a.profileUrl !== k.profile_url) ||
    (a.avatarUrl != null && a.avatarUrl !== k.avatar_url)
  );
};

/**
 * The identity stage: every author becomes (or updates) an identity on its network, and every
 * identity belongs to one customer. An identity already linked keeps its customer (following
 * merges); a new one joins the customer with the same email address when there is one (a strong,
 * recorded reason), else becomes a new customer. Nothing here merges two existing customers:
 * that is a person's decision (or a high-confidence suggestion), and reversible.
 */
export const resolveAuthors = async (tx: Tx, workspaceId: string, list: { channelKind: string; author: InboundAuthor }[]): Promise<ResolvedAuthors> => {
  const authors = new Map<string, { channelKind: string; author: InboundAuthor }>();
  for (const a of list) authors.set(key(a.channelKind, a.author.externalId), a);
  const identity = new Map<string, string>();
  const customerOfIdentity = new Map<string, string>();
  const customers = new Map<string, { tier: string | null; isVip: boolean }>();
  if (!authors.size) return view(identity, customerOfIdentity, customers);

  const values = [...authors.values()];
  // Most authors of a batch are known. One lookup gives their identity, its current fields, its
  // customer and the customer's tier; only new identities and ones whose fields changed are written.
  // Re-writing an unchanged identity costs a new row version and an entry in each of its ten
  // indexes (two of them GIN) — it was the larger part of this stage.
  const known = new Map<string, Known>();
  for (let i = 0; i < values.length; i += LOOKUP_CHUNK) {
    const keys = values.slice(i, i + LOOKUP_CHUNK).map((a) => ({ k: a.channelKind, e: a.author.externalId }));
    const res = (await tx.execute(sql`
      select i.id, i.channel_kind, i.external_id, i.handle, i.display_name, i.email, i.followers, i.verified, i.profile_url, i.avatar_url,
             ci.customer_id, c.tier, c.is_vip
      from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(k text, e text)
      join identities i on i.workspace_id = ${workspaceId} and i.channel_kind = k.k and i.external_id = k.e
      left join customer_identities ci on ci.identity_id = i.id and ci.unlinked_at is null
      left join customers c on c.id = ci.customer_id`)) as unknown as { rows: KnownRow[] };
    for (const r of res.rows) {
      known.set(key(r.channel_kind, r.external_id), r);
      identity.set(key(r.channel_kind, r.external_id), r.id);
      if (r.customer_id) {
        customerOfIdentity.set(r.id, r.customer_id);
        customers.set(r.customer_id, { tier: r.tier ?? null, isVip: Boolean(r.is_vip) });
      }
    }
  }

  const toWrite = values.filter((a) => {
    const k = known.get(key(a.channelKind, a.author.externalId));
    return !k || changes(k, a.author);
  });
  const written: string[] = [];
  for (let i = 0; i < toWrite.length; i += 2000) {
    const rows = await bulkInsert(
      tx,
      schema.identities,
      toWrite.slice(i, i + 2000).map(({ channelKind, author }) => ({
        workspaceId,
        channelKind,
        externalId: author.externalId,
        handle: author.handle,
        displayName: author.displayName ?? null,
        email: author.email?.toLowerCase() ?? null,
        followers: author.followers ?? null,
        verified: author.verified ?? false,
        profileUrl: author.profileUrl ?? null,
        avatarUrl: author.avatarUrl ?? null,
        attributes: {},
      })),
      {
        // What the network says now wins; what it did not say keeps what we knew.
        onConflict: `on conflict (workspace_id, channel_kind, external_id) do update set
          handle = excluded.handle,
          display_name = coalesce(excluded.display_name, identities.display_name),
          email = coalesce(excluded.email, identities.email),
          followers = coalesce(excluded.followers, identities.followers),
          verified = excluded.verified or identities.verified,
          profile_url = coalesce(excluded.profile_url, identities.profile_url),
          avatar_url = coalesce(excluded.avatar_url, identities.avatar_url),
          updated_at = now()`,
        returning: ['id', 'channelKind', 'externalId'],
      },
    );
    for (const r of rows) {
      const id = String(r.id);
      identity.set(key(String(r.channelKind), String(r.externalId)), id);
      if (!customerOfIdentity.has(id)) written.push(id);
    }
  }

  // Identities written above that the lookup did not link (new ones, or created meanwhile by
  // another worker, which may have linked them already).
  for (let i = 0; i < written.length; i += CHUNK) {
    const links = await tx
      .select({ identityId: schema.customerIdentities.identityId, customerId: schema.customerIdentities.customerId })
      .from(schema.customerIdentities)
      .where(and(inArray(schema.customerIdentities.identityId, written.slice(i, i + CHUNK)), isNull(schema.customerIdentities.unlinkedAt)));
    for (const l of links) customerOfIdentity.set(l.identityId, l.customerId);
  }

  // New identities: the customer with the same email, else a new customer.
  const unlinked = values.filter((a) => !customerOfIdentity.has(identity.get(key(a.channelKind, a.author.externalId))!));
  const emails = [...new Set(unlinked.map((a) => a.author.email?.toLowerCase()).filter((e): e is string => Boolean(e)))];
  const byEmail = new Map<string, string>();
  if (emails.length) {
    const rows = await tx
      .select({ id: schema.customers.id, email: schema.customers.email })
      .from(schema.customers)
      // Emails are stored lower-cased; a plain comparison keeps the index usable under row-level security.
      .where(and(eq(schema.customers.workspaceId, workspaceId), isNull(schema.customers.mergedIntoId), inArray(schema.customers.email, emails)));
    for (const r of rows) if (r.email) byEmail.set(r.email.toLowerCase(), r.id);
  }
  const newCustomers: (typeof schema.customers.$inferInsert)[] = [];
  const newLinks: (typeof schema.customerIdentities.$inferInsert)[] = [];
  for (const a of unlinked) {
    const identityId = identity.get(key(a.channelKind, a.author.externalId))!;
    if (customerOfIdentity.has(identityId)) continue; // two authors of one batch, same identity
    const email = a.author.email?.toLowerCase() ?? null;
    let customerId = email ? byEmail.get(email) : undefined;
    let reason = `same email address (${email})`;
    let confidence = 0.95;
    if (!customerId) {
      customerId = randomUUID();
      newCustomers.push({ id: customerId, workspaceId, name: a.author.displayName || a.author.handle, email });
      if (email) byEmail.set(email, customerId);
      reason = `first heard on ${a.channelKind}`;
      confidence = 1;
    }
    newLinks.push({ workspaceId, customerId, identityId, confidence, reason, linkedBy: 'system' });
    customerOfIdentity.set(identityId, customerId);
  }
  for (let i = 0; i < newCustomers.length; i += 2000) await bulkInsert(tx, schema.customers, newCustomers.slice(i, i + 2000));
  for (let i = 0; i < newLinks.length; i += 2000) await bulkInsert(tx, schema.customerIdentities, newLinks.slice(i, i + 2000));

  // Tier and VIP of customers the lookup did not bring (linked meanwhile, or just created).
  const customerIds = [...new Set(customerOfIdentity.values())].filter((id) => !customers.has(id));
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const rows = await tx
      .select({ id: schema.customers.id, tier: schema.customers.tier, isVip: schema.customers.isVip, mergedIntoId: schema.customers.mergedIntoId })
      .from(schema.customers)
      .where(inArray(schema.customers.id, customerIds.slice(i, i + CHUNK)));
    for (const r of rows) customers.set(r.id, { tier: r.tier, isVip: r.isVip });
  }
  return view(identity, customerOfIdentity, customers);
};

const view = (identity: Map<string, string>, customerOfIdentity: Map<string, string>, customers: Map<string, { tier: string | null; isVip: boolean }>): ResolvedAuthors => ({
  identityOf: (kind, ext) => identity.get(key(kind, ext)) ?? null,
  customerOf: (kind, ext) => {
    const id = identity.get(key(kind, ext));
    return id ? (customerOfIdentity.get(id) ?? null) : null;
  },
  customer: (id) => customers.get(id) ?? null,
  customerIds: () => [...new Set(customerOfIdentity.values())],
});
