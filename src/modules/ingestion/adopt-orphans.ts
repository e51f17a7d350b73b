import { and, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { keyRows, paramList } from './sql-list.ts';

const CHUNK = 1000;

/**
 * Items do not always arrive in order: a reply can be stored before the post it answers (webhooks
 * retried late, a file imported in any order). These lookups let the threading stage put such
 * "orphans" back where they belong once the parent arrives, so the final threads do not depend
 * on arrival order.
 */

export interface OrphanChildren {
  /** Parent key → conversations of stored replies to it. */
  conversations: Map<string, string[]>;
  /** Parent key → brand replies to it that are in no conversation yet. */
  ownWithout: Map<string, string[]>;
}

/** Stored mentions that reply to one of the batch's items. */
export const findOrphanChildren = async (tx: Tx, workspaceId: string, items: { channelId: string; externalId: string }[]): Promise<OrphanChildren> => {
  const out = new Map<string, string[]>();
  const ownWithout = new Map<string, string[]>();
  const channelIds = [...new Set(items.map((i) => i.channelId))];
  const ids = [...new Set(items.map((i) => i.externalId))];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const res = (await tx.execute(sql`
      select m.channel_id as "channelId", m.in_reply_to_external_id as parent, m.conversation_id as "conversationId", m.external_id as "externalId", m.is_own as "isOwn"
      from ${keyRows(ids.slice(i, i + CHUNK))} as k(v)
      join mentions m on m.workspace_id = ${workspaceId} and m.channel_id in (${paramList(channelIds)}) and m.in_reply_to_external_id = k.v`)) as unknown as {
      rows: { channelId: string; parent: string | null; conversationId: string | null; externalId: string; isOwn: boolean }[];
    };
    for (const r of res.rows) {
      if (!r.parent) continue;
      const k = `${r.channelId}:${r.parent}`;
      if (!r.conversationId) {
        if (r.isOwn) ownWithout.set(k, [...(ownWithout.get(k) ?? []), r.externalId]);
        continue;
      }
      const list = out.get(k) ?? [];
      if (!list.includes(r.conversationId)) list.push(r.conversationId);
      out.set(k, list);
    }
  }
  return { conversations: out, ownWithout };
};

/** Moves everything of conversation `from` into `into` and removes `from`. */
export const mergeConversations = async (tx: Tx, workspaceId: string, pairs: { from: string; into: string }[]): Promise<void> => {
  for (const { from, into } of pairs) {
    if (from === into) continue;
    for (const table of [schema.mentions, schema.messages, schema.conversationEvents] as const) {
      await tx.update(table).set({ conversationId: into } as never).where(and(eq(table.workspaceId, workspaceId), eq(table.conversationId, from)));
    }
    await tx.execute(sql`
      update conversations c set
        priority = greatest(c.priority, f.priority),
        needs_response = c.needs_response or f.needs_response,
        influence = greatest(c.influence, f.influence),
        first_response_at = least(c.first_response_at, f.first_response_at),
        last_message_at = greatest(c.last_message_at, f.last_message_at),
        last_inbound_at = greatest(c.last_inbound_at, f.last_inbound_at),
        created_at = least(c.created_at, f.created_at)
      from conversations f where c.id = ${into} and f.id = ${from} and c.workspace_id = ${workspaceId}`);
    await tx.delete(schema.conversations).where(and(eq(schema.conversations.workspaceId, workspaceId), eq(schema.conversations.id, from)));
  }
};

/**
 * A brand post that opened no conversation (nobody had written yet) joins the conversation of the
 * first customer reply to it, and so its timeline (which reads mentions), so the thread reads whole.
 */
export const attachOwnParents = async (tx: Tx, workspaceId: string, links: { channelId: string; externalId: string; conversationId: string }[]): Promise<void> => {
  if (!links.length) return;
  // One statement for the batch; the first link to a brand post wins, as it would linking them one by one.
  await tx.execute(sql`
    with l as (
      select distinct on (channel_id, external_id) channel_id, external_id, conversation_id
      from rows from (jsonb_to_recordset(${JSON.stringify(links.map((l) => ({ channel_id: l.channelId, external_id: l.externalId, conversation_id: l.conversationId })))}::jsonb)
        as (channel_id uuid, external_id text, conversation_id uuid)) with ordinality as x(channel_id, external_id, conversation_id, n)
      order by channel_id, external_id, n
    )
    update mentions m set conversation_id = l.conversation_id
    from l
    where m.workspace_id = ${workspaceId} and m.channel_id = l.channel_id and m.external_id = l.external_id and m.conversation_id is null and m.is_own`);
};
