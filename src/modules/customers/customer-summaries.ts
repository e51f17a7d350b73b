import { and, eq, inArray, isNull, schema, type Tx } from '../../platform/db/index.ts';

export interface CustomerSummary {
  id: string;
  name: string | null;
  email: string | null;
  tier: string | null;
  isVip: boolean;
  optedOut: boolean;
  mergedIntoId: string | null;
  identities: { id: string; channelKind: string; handle: string; followers: number | null; verified: boolean }[];
  maxFollowers: number;
  updatedAt: Date;
}

type CustomerRow = Pick<CustomerSummary, 'id' | 'name' | 'email' | 'tier' | 'isVip' | 'optedOut' | 'mergedIntoId' | 'updatedAt'>;

const summaryColumns = {
  id: schema.customers.id,
  name: schema.customers.name,
  email: schema.customers.email,
  tier: schema.customers.tier,
  isVip: schema.customers.isVip,
  optedOut: schema.customers.optedOut,
  mergedIntoId: schema.customers.mergedIntoId,
  updatedAt: schema.customers.updatedAt,
};

/** Customer rows with their active identities (one query for the whole page). */
const withIdentities = async (tx: Tx, rows: CustomerRow[]): Promise<CustomerSummary[]> => {
  if (!rows.length) return [];
  const links = await tx
    .select({
      customerId: schema.customerIdentities.customerId,
      id: schema.identities.id,
      channelKind: schema.identities.channelKind,
      handle: schema.identities.handle,
      followers: schema.identities.followers,
      verified: schema.identities.verified,
    })
    .from(schema.customerIdentities)
    .innerJoin(schema.identities, eq(schema.identities.id, schema.customerIdentities.identityId))
    .where(and(inArray(schema.customerIdentities.customerId, rows.map((r) => r.id)), isNull(schema.customerIdentities.unlinkedAt)))
    .orderBy(schema.customerIdentities.linkedAt);
  const byCustomer = new Map<string, CustomerSummary['identities']>();
  for (const { customerId, ...identity } of links) {
    const list = byCustomer.get(customerId) ?? [];
    list.push(identity);
    byCustomer.set(customerId, list);
  }
  return rows.map((r) => {
    const identities = byCustomer.get(r.id) ?? [];
    return { ...r, identities, maxFollowers: Math.max(0, ...identities.map((i) => i.followers ?? 0)) };
  });
};

/** Summaries of the given customers, in the order of `ids`. */
export const loadSummaries = async (tx: Tx, workspaceId: string, ids: string[]): Promise<CustomerSummary[]> => {
  if (!ids.length) return [];
  const rows = await tx.select(summaryColumns).from(schema.customers).where(and(eq(schema.customers.workspaceId, workspaceId), inArray(schema.customers.id, ids)));
  const byId = new Map((await withIdentities(tx, rows)).map((s) => [s.id, s]));
  return ids.map((id) => byId.get(id)).filter((s): s is CustomerSummary => Boolean(s));
};
