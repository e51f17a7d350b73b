import { and, desc, eq, inArray, schema, sql, type Tx } from '../../platform/db/index.ts';

/** Conversations that rules sent to the product team, newest first, with what the customer said. */
export const listFeedback = async (tx: Tx, workspaceId: string, limit = 50) => {
  const rows = await tx
    .select({
      conversationId: schema.conversationEvents.conversationId,
      sentAt: schema.conversationEvents.createdAt,
      data: schema.conversationEvents.data,
      intent: schema.conversations.intent,
      sentiment: schema.conversations.sentiment,
      customerName: schema.customers.name,
      text: sql<string | null>`(select m.text from mentions m where m.conversation_id = ${schema.conversations.id} and not m.is_own order by m.authored_at limit 1)`,
    })
    .from(schema.conversationEvents)
    .innerJoin(schema.conversations, eq(schema.conversations.id, schema.conversationEvents.conversationId))
    .leftJoin(schema.customers, eq(schema.customers.id, schema.conversations.customerId))
    .where(and(eq(schema.conversationEvents.workspaceId, workspaceId), eq(schema.conversationEvents.type, 'feedback.sent')))
    .orderBy(desc(schema.conversationEvents.id))
    .limit(limit);
  return rows.map((r) => ({
    conversationId: r.conversationId,
    sentAt: r.sentAt,
    ruleName: (r.data.ruleName as string | null) ?? null,
    intent: r.intent,
    sentiment: r.sentiment,
    customerName: r.customerName,
    text: (r.text ?? '').slice(0, 500),
  }));
};

/** What was addressed to one member: rules that notify them, notes that @mention them. */
export const listMemberNotifications = async (tx: Tx, workspaceId: string, memberId: string, limit = 50) => {
  const rows = await tx
    .select()
    .from(schema.events)
    .where(and(eq(schema.events.workspaceId, workspaceId), inArray(schema.events.type, ['member.notified', 'member.mentioned']), eq(schema.events.subjectId, memberId)))
    .orderBy(desc(schema.events.id))
    .limit(limit);
  return rows.map((e) => ({ id: e.id, type: e.type, conversationId: (e.data.conversationId as string | undefined) ?? null, data: e.data, createdAt: e.createdAt }));
};
