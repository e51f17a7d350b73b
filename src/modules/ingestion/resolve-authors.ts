import { randomUUID } from 'node:crypto';
import { and, bulkInsert, eq, inArray, isNull, schema, type Tx } from '../../platform/db/index.ts';
import type { InboundAuthor } from '../channels/index.ts';

export interface ResolvedAuthors {
  identityOf(channelKind: string, externalId: string): string | null;
  customerOf(channelKind: string, externalId: string): string | null;
  customer(id: string): { tier: string | null; isVip: boolean } | null;
  customerIds(): string[];
}

const key = (kind: string, ext: string) => `${kind}\u0000${ext}`;
const CHUNK = 500;

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
  for (let i = 0; i < values.length; i += 2000) {
    const rows = await bulkInsert(
      tx,
      schema.identities,
      values.slice(i, i + 2000).map(({ channelKind, author }) => ({
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
    for (const r of rows) identity.set(key(String(r.channelKind), String(r.externalId)), String(r.id));
  }

  const identityIds = [...identity.values()];
  for (let i = 0; i < identityIds.length; i += CHUNK) {
    const links = await tx
      .select({ identityId: schema.customerIdentities.identityId, customerId: schema.customerIdentities.customerId })
      .from(schema.customerIdentities)
      .where(and(inArray(schema.customerIdentities.identityId, identityIds.slice(i, i + CHUNK)), isNull(schema.customerIdentities.unlinkedAt)));
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

  const customerIds = [...new Set(customerOfIdentity.values())];
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
