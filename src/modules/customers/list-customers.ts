import { and, eq, isNull, schema, sql, type Database, type Tx } from '../../platform/db/index.ts';
import { badRequest } from '../../platform/errors/index.ts';
import { loadSummaries, type CustomerSummary } from './customer-summaries.ts';

export interface CustomerListOptions {
  q?: string;
  tier?: string;
  vip?: boolean;
  includeMerged?: boolean;
  limit?: number;
  cursor?: string;
}

export interface CustomerPage {
  items: CustomerSummary[];
  nextCursor: string | null;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The cursor is the last row's exact `updated_at` (microseconds, as PostgreSQL keeps it) and id. */
const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');
const decodeCursor = (cursor: string): [string, string] => {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && !Number.isNaN(Date.parse(v[0])) && /^[0-9a-f-]{36}$/i.test(v[1])) {
      return [v[0], v[1]];
    }
  } catch {
    // fall through to the problem below
  }
  throw badRequest('Invalid cursor', [{ path: '/querystring/cursor', message: 'the nextCursor of a previous page' }]);
};

/**
 * Customers, most recently changed first, searched by name, email, or a linked identity's
 * handle or display name; keyset-paginated so a deep page costs what the first one does.
 * A search finds its page on the system path, bound to the workspace, because `ILIKE` is not
 * leakproof and so could not use the trigram indexes under row-level security; the customers
 * shown are then read through the tenant wall.
 */
export const listCustomers = async (db: Database, workspaceId: string, opts: CustomerListOptions): Promise<CustomerPage> => {
  const c = schema.customers;
  const limit = opts.limit ?? 50;
  const pattern = opts.q ? likePattern(opts.q.trim()) : null;
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const findPage = (tx: Tx) =>
    tx
      .select({ id: c.id, at: sql<string>`to_char(${c.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
      .from(c)
      .where(
        and(
          eq(c.workspaceId, workspaceId),
          opts.includeMerged ? undefined : isNull(c.mergedIntoId),
          opts.tier ? eq(c.tier, opts.tier) : undefined,
          opts.vip === undefined ? undefined : eq(c.isVip, opts.vip),
          // One indexed lookup per column (an OR across them would scan the table).
          pattern
            ? sql`${c.id} in (
                select id from customers where workspace_id = ${workspaceId} and name ilike ${pattern}
                union select id from customers where workspace_id = ${workspaceId} and email ilike ${pattern}
                union select l.customer_id from identities i join customer_identities l on l.identity_id = i.id and l.workspace_id = ${workspaceId} and l.unlinked_at is null
                  where i.workspace_id = ${workspaceId} and i.handle ilike ${pattern}
                union select l.customer_id from identities i join customer_identities l on l.identity_id = i.id and l.workspace_id = ${workspaceId} and l.unlinked_at is null
                  where i.workspace_id = ${workspaceId} and i.display_name ilike ${pattern})`
            : undefined,
          after ? sql`(${c.updatedAt}, ${c.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        ),
      )
      // As the customers_recent index orders them (the columns are never null).
      .orderBy(sql`${c.updatedAt} desc nulls last`, sql`${c.id} desc nulls last`)
      .limit(limit + 1);
  const rows = pattern ? await db.system(findPage) : await db.tenant(workspaceId, findPage);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const items = await db.tenant(workspaceId, (tx) => loadSummaries(tx, workspaceId, page.map((r) => r.id)));
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null };
};
