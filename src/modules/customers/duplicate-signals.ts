import type { SQL } from 'drizzle-orm';
import { inArray, schema, sql, type Tx } from '../../platform/db/index.ts';

/**
 * The evidence that two customers are one person, each kind found through its own index: the
 * customer's own emails, handles, names and links are read first, then looked up as values
 * (a join against a subquery would make the planner scan every identity of the workspace).
 *
 * Every query names its workspace explicitly, because all but the email lookup are meant for the
 * system path: under row-level security PostgreSQL puts only leakproof operators into an index
 * scan, and neither the trigram operator nor the functions of the handle and link keys are, so a
 * tenant transaction would scan every identity (as modules/conversations' search explains).
 * Emails are compared as stored (lower-cased) with plain equality, which stays indexed in a tenant
 * transaction too — the automatic merge runs inside the pipeline's.
 */

export type SuggestionKind = 'email' | 'handle' | 'name' | 'url';

export interface SuggestionReason {
  kind: SuggestionKind;
  detail: string;
  confidence: number;
}

export interface Hint {
  customerId: string;
  reason: SuggestionReason;
}

export const EMAIL_CONFIDENCE = 0.95;
export const HANDLE_CONFIDENCE = 0.7;
export const URL_CONFIDENCE = 0.8;
/** Names at least this similar (pg_trgm) are suggested, at 0.4 (just similar) to 0.6 (identical). */
export const NAME_SIMILARITY_MIN = 0.6;
export const nameConfidence = (similarity: number) => Math.round((0.4 + ((Math.min(1, similarity) - NAME_SIMILARITY_MIN) / (1 - NAME_SIMILARITY_MIN)) * 0.2) * 100) / 100;

/** Networks whose handles are chosen by the person; an email address or a chat visitor name is not a handle. */
const NOT_HANDLES = ['email', 'rss', 'webchat', 'webhook', 'import'];
const MIN_KEY_LENGTH = 3;
const MIN_URL_LENGTH = 4;

const rowsOf = async <T>(tx: Tx, query: SQL): Promise<T[]> => ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
const handleKey = (col: SQL) => schema.handleKey(col);
const urlKey = (col: SQL) => schema.urlKey(col);
const notHandles = sql.join(NOT_HANDLES.map((k) => sql`${k}`), sql`, `);

/** Live links of identities to customers other than this one. */
const othersLink = (workspaceId: string, customerId: string) =>
  sql`join customer_identities l on l.identity_id = i.id and l.workspace_id = ${workspaceId} and l.unlinked_at is null and l.customer_id <> ${customerId}`;

export interface Profile {
  emails: string[];
  names: string[];
  handles: { kind: string; handle: string; key: string }[];
  urls: string[];
}

/** What the customer and its identities say of themselves, normalised as the indexes are. */
export const loadProfile = async (tx: Tx, workspaceId: string, customerId: string): Promise<Profile> => {
  const mine = sql`(select i.* from customer_identities l join identities i on i.id = l.identity_id
    where l.workspace_id = ${workspaceId} and i.workspace_id = ${workspaceId} and l.customer_id = ${customerId} and l.unlinked_at is null)`;
  const self = sql`customers where workspace_id = ${workspaceId} and id = ${customerId}`;
  const rows = await rowsOf<{ what: string; value: string | null; kind: string | null; handle: string | null }>(
    tx,
    sql`select 'email' as what, lower(email) as value, null as kind, null as handle from ${self}
      union all select 'name', name, null, null from ${self}
      union all select 'url', ${urlKey(sql`attributes->>'website'`)}, null, null from ${self} and attributes ? 'website'
      union all select 'email', lower(email), null, null from ${mine} a
      union all select 'name', display_name, null, null from ${mine} b
      union all select 'handle', ${handleKey(sql`handle`)}, channel_kind, handle from ${mine} c where channel_kind not in (${notHandles})
      union all select 'url', ${urlKey(sql`profile_url`)}, null, null from ${mine} d
      union all select 'url', ${urlKey(sql`attributes->>'website'`)}, null, null from ${mine} e where attributes ? 'website'`,
  );
  const values = (what: string, min: number) => [...new Set(rows.filter((r) => r.what === what && r.value && r.value.length >= min).map((r) => r.value!))];
  return {
    emails: values('email', 3),
    names: values('name', MIN_KEY_LENGTH),
    urls: values('url', MIN_URL_LENGTH),
    handles: rows.filter((r) => r.what === 'handle' && r.value && r.value.length >= MIN_KEY_LENGTH).map((r) => ({ kind: r.kind!, handle: r.handle!, key: r.value! })),
  };
};

/** Other live customers with one of these (lower-cased) email addresses, on the customer or on an identity. */
export const sameEmail = async (tx: Tx, workspaceId: string, customerId: string, emails: string[]): Promise<{ customerId: string; email: string }[]> => {
  if (!emails.length) return [];
  const rows = await rowsOf<{ customer_id: string; email: string }>(
    tx,
    sql`select c.id as customer_id, lower(c.email) as email from customers c
        where c.workspace_id = ${workspaceId} and ${inArray(sql`c.email`, emails)} and c.id <> ${customerId} and c.merged_into_id is null
      union
      select l.customer_id, lower(i.email) from identities i ${othersLink(workspaceId, customerId)}
        where i.workspace_id = ${workspaceId} and ${inArray(sql`i.email`, emails)}`,
  );
  return rows.map((r) => ({ customerId: r.customer_id, email: r.email }));
};

/** The same handle on two networks: `jo` on X and `jo.bsky.social` on Bluesky. */
export const sameHandle = async (tx: Tx, workspaceId: string, customerId: string, handles: Profile['handles']): Promise<Hint[]> => {
  if (!handles.length) return [];
  const rows = await rowsOf<{ customer_id: string; handle: string; kind: string; key: string }>(
    tx,
    sql`select l.customer_id, i.handle, i.channel_kind as kind, ${handleKey(sql`i.handle`)} as key from identities i ${othersLink(workspaceId, customerId)}
      where i.workspace_id = ${workspaceId} and ${inArray(handleKey(sql`i.handle`), handles.map((h) => h.key))} and i.channel_kind not in (${notHandles})`,
  );
  return rows.flatMap((r) => {
    const mine = handles.find((h) => h.key === r.key && h.kind !== r.kind);
    return mine ? [{ customerId: r.customer_id, reason: { kind: 'handle' as const, detail: `same handle on ${mine.kind} (${mine.handle}) and ${r.kind} (${r.handle})`, confidence: HANDLE_CONFIDENCE } }] : [];
  });
};

/** A shared link: one identity's website is another's profile, or both name the same site. */
export const sharedUrl = async (tx: Tx, workspaceId: string, customerId: string, urls: string[]): Promise<Hint[]> => {
  if (!urls.length) return [];
  const website = sql`attributes->>'website'`;
  const rows = await rowsOf<{ customer_id: string; url: string }>(
    tx,
    sql`select l.customer_id, ${urlKey(sql`i.profile_url`)} as url from identities i ${othersLink(workspaceId, customerId)}
        where i.workspace_id = ${workspaceId} and ${inArray(urlKey(sql`i.profile_url`), urls)}
      union
      select l.customer_id, ${urlKey(website)} from identities i ${othersLink(workspaceId, customerId)}
        where i.workspace_id = ${workspaceId} and i.attributes ? 'website' and ${inArray(urlKey(website), urls)}
      union
      select c.id, ${urlKey(website)} from customers c
        where c.workspace_id = ${workspaceId} and c.attributes ? 'website' and ${inArray(urlKey(website), urls)} and c.id <> ${customerId} and c.merged_into_id is null`,
  );
  return rows.map((r) => ({ customerId: r.customer_id, reason: { kind: 'url', detail: `shared link (${r.url})`, confidence: URL_CONFIDENCE } }));
};

/** Similar names (pg_trgm), the customer's name and its display names against everyone else's, through the trigram indexes. */
export const similarName = async (tx: Tx, workspaceId: string, customerId: string, names: string[]): Promise<Hint[]> => {
  const hints: Hint[] = [];
  for (const n of names) {
    const rows = await rowsOf<{ customer_id: string; theirs: string; similarity: number }>(
      tx,
      sql`select c.id as customer_id, c.name as theirs, similarity(c.name, ${n})::float8 as similarity from customers c
          where c.workspace_id = ${workspaceId} and c.name % ${n} and similarity(c.name, ${n}) >= ${NAME_SIMILARITY_MIN} and c.id <> ${customerId} and c.merged_into_id is null
        union all
        select l.customer_id, i.display_name, similarity(i.display_name, ${n})::float8 from identities i ${othersLink(workspaceId, customerId)}
          where i.workspace_id = ${workspaceId} and i.display_name % ${n} and similarity(i.display_name, ${n}) >= ${NAME_SIMILARITY_MIN}`,
    );
    for (const r of rows) {
      hints.push({
        customerId: r.customer_id,
        reason: { kind: 'name', detail: `similar names (“${n}” and “${r.theirs}”, ${Math.round(r.similarity * 100)}% alike)`, confidence: nameConfidence(r.similarity) },
      });
    }
  }
  return hints;
};

/** For the automatic merge: live customers sharing an exact email address with this one. */
export const findSameEmail = async (tx: Tx, workspaceId: string, customerId: string) => sameEmail(tx, workspaceId, customerId, (await loadProfile(tx, workspaceId, customerId)).emails);
