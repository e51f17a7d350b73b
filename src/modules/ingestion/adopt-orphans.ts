import { and, eq, inArray, isNull, schema, sql, type Tx } from '../../platform/db/index.ts';

const CHUNK = 500;

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
    const rows = await tx
      .select({ channelId: schema.mentions.channelId, parent: schema.mentions.inReplyToExternalId, conversationId: schema.mentions.conversationId, externalId: schema.mentions.externalId, isOwn: schema.mentions.isOwn })
      .from(schema.mentions)
      .where(and(eq(schema.mentions.workspaceId, workspaceId), inArray(schema.mentions.channelId, channelIds), inArray(schema.mentions.inReplyToExternalId, ids.slice(i, i + CHUNK))));
    for (const r of rows) {
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
 * first customer reply to it, with its message, so the thread reads whole.
 */
export const attachOwnParents = async (tx: Tx, workspaceId: string, links: { channelId: string; externalId: string; conversationId: string }[]): Promise<void> => {
  for (const l of links) {
    const rows = await tx
      .update(schema.mentions)
      .set({ conversationId: l.conversationId })
      .where(and(eq(schema.mentions.workspaceId, workspaceId), eq(schema.mentions.channelId, l.channelId), eq(schema.mentions.externalId, l.externalId), isNull(schema.mentions.conversationId), eq(schema.mentions.isOwn, true)))
      .returning();
    for (const m of rows) {
      await tx.insert(schema.messages).values({
        workspaceId,
        conversationId: l.conversationId,
        direction: 'outbound',
        mentionId: m.id,
        channelId: m.channelId,
        visibility: m.visibility,
        body: m.text,
        externalId: m.externalId,
        outboxState: 'sent',
        sentAt: m.authoredAt,
        isDrill: m.isDrill,
        createdAt: m.authoredAt,
      });
    }
  }
};
