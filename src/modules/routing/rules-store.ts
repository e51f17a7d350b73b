import { AppError } from '../../platform/errors/index.ts';
import { and, asc, eq, schema, type Tx } from '../../platform/db/index.ts';
import { testRule, validateChannelRule, validateDataRule, type DataRule, type RuleTestResult } from './rules/index.ts';
import { validateBusinessCalendar, validateSlaPolicy } from './sla/index.ts';
import { factsOf } from './route-conversations.ts';

/**
 * Rules, SLA policies and calendars as stored per workspace. Everything is validated when saved
 * (a bad regex, an unknown field, an operator that does not fit): refused with each problem and
 * its path under /body/definition, so the console can point at it.
 */
export type RuleRow = typeof schema.rules.$inferSelect;

const validateRule = (layer: 'channel' | 'data', name: string, definition: Record<string, unknown>) => {
  const candidate = { ...definition, id: 'rule', name };
  if (layer === 'data') validateDataRule(candidate, '/body/definition');
  else validateChannelRule(candidate, '/body/definition');
};

export const listRules = (tx: Tx, workspaceId: string) =>
  tx.select().from(schema.rules).where(eq(schema.rules.workspaceId, workspaceId)).orderBy(asc(schema.rules.layer), asc(schema.rules.position));

export const createRule = async (tx: Tx, workspaceId: string, input: { layer: 'channel' | 'data'; name: string; definition: Record<string, unknown>; position?: number; isActive?: boolean }) => {
  validateRule(input.layer, input.name, input.definition);
  const [row] = await tx
    .insert(schema.rules)
    .values({ workspaceId, layer: input.layer, name: input.name, definition: input.definition, position: input.position ?? 0, isActive: input.isActive ?? true })
    .returning();
  return row!;
};

export const getRule = async (tx: Tx, workspaceId: string, id: string): Promise<RuleRow> => {
  const [row] = await tx.select().from(schema.rules).where(and(eq(schema.rules.workspaceId, workspaceId), eq(schema.rules.id, id)));
  if (!row) throw new AppError('NOT_FOUND', 'Rule not found');
  return row;
};

export const updateRule = async (tx: Tx, workspaceId: string, id: string, patch: { name?: string; definition?: Record<string, unknown>; position?: number; isActive?: boolean }) => {
  const current = await getRule(tx, workspaceId, id);
  if (patch.definition || patch.name) validateRule(current.layer, patch.name ?? current.name, patch.definition ?? current.definition);
  const [row] = await tx.update(schema.rules).set({ ...patch, updatedAt: new Date() }).where(and(eq(schema.rules.workspaceId, workspaceId), eq(schema.rules.id, id))).returning();
  return row!;
};

export const deleteRule = async (tx: Tx, workspaceId: string, id: string) => {
  const rows = await tx.delete(schema.rules).where(and(eq(schema.rules.workspaceId, workspaceId), eq(schema.rules.id, id))).returning({ id: schema.rules.id });
  if (!rows.length) throw new AppError('NOT_FOUND', 'Rule not found');
};

/**
 * Put the rules of one layer in the given order (positions 0, 1, 2 …). The list must name every
 * rule of the layer exactly once, so a stale screen cannot silently drop a rule from the order.
 */
export const reorderRules = async (tx: Tx, workspaceId: string, layer: 'channel' | 'data', ids: readonly string[]): Promise<RuleRow[]> => {
  const current = (await listRules(tx, workspaceId)).filter((r) => r.layer === layer);
  const known = new Set(current.map((r) => r.id));
  const problems = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `/body/ids/${i}`, message: `no ${layer} rule with this id` }]));
  const given = new Set(ids);
  const missing = current.filter((r) => !given.has(r.id));
  if (missing.length) problems.push({ path: '/body/ids', message: `the new order leaves out ${missing.map((r) => r.name).join(', ')}` });
  if (problems.length) throw new AppError('VALIDATION_FAILED', 'The order does not match the rules', problems);
  for (const [position, id] of ids.entries()) {
    await tx.update(schema.rules).set({ position }).where(and(eq(schema.rules.workspaceId, workspaceId), eq(schema.rules.id, id)));
  }
  return (await listRules(tx, workspaceId)).filter((r) => r.layer === layer);
};

/** "Test this rule against a past mention": what it would see, whether it fires, and why. */
export const testRuleOnMention = async (tx: Tx, workspaceId: string, input: { name: string; definition: Record<string, unknown>; mentionId: string }): Promise<RuleTestResult> => {
  const [m] = await tx
    .select({ mention: schema.mentions, kind: schema.channels.kind, channelId: schema.channels.id })
    .from(schema.mentions)
    .innerJoin(schema.channels, eq(schema.channels.id, schema.mentions.channelId))
    .where(and(eq(schema.mentions.workspaceId, workspaceId), eq(schema.mentions.id, input.mentionId)));
  if (!m) throw new AppError('NOT_FOUND', 'Mention not found');
  const [customer] = m.mention.conversationId
    ? await tx
        .select({ tier: schema.customers.tier, isVip: schema.customers.isVip })
        .from(schema.conversations)
        .innerJoin(schema.customers, eq(schema.customers.id, schema.conversations.customerId))
        .where(eq(schema.conversations.id, m.mention.conversationId))
    : [];
  const facts = factsOf(
    {
      conversationId: m.mention.conversationId ?? '',
      isNew: false,
      channelId: m.channelId,
      channelKind: m.kind,
      customerId: null,
      text: m.mention.title ? `${m.mention.title}\n${m.mention.text}` : m.mention.text,
      visibility: m.mention.visibility,
      followers: m.mention.authorFollowers,
      verified: null,
      receivedAt: m.mention.receivedAt,
      isDrill: m.mention.isDrill,
      matchedQueryIds: m.mention.matchedQueryIds,
      language: m.mention.language,
      sentiment: m.mention.sentiment as 'negative' | 'neutral' | 'positive' | null,
      sentimentScore: m.mention.sentimentScore,
      intent: m.mention.intent,
      priority: m.mention.priority,
      triage: m.mention.triage ?? {},
    },
    customer ?? null,
  );
  return testRule({ ...(input.definition as unknown as DataRule), id: 'test', name: input.name }, facts);
};

type Named = 'sla_policies' | 'business_calendars';
const tableOf = (kind: Named) => (kind === 'sla_policies' ? schema.slaPolicies : schema.businessCalendars);

export const validateRoutingDefinition = (kind: Named, name: string, definition: Record<string, unknown>) => {
  if (kind === 'sla_policies') validateSlaPolicy({ ...definition, id: 'policy', name }, '/body/definition');
  else validateBusinessCalendar(definition, '/body/definition');
};

export const listNamed = (tx: Tx, kind: Named, workspaceId: string) => {
  const table = tableOf(kind);
  return tx.select().from(table).where(eq(table.workspaceId, workspaceId));
};

export const saveNamed = async (tx: Tx, kind: Named, workspaceId: string, input: { id?: string; name: string; definition: Record<string, unknown>; position?: number; calendarId?: string | null }) => {
  validateRoutingDefinition(kind, input.name, input.definition);
  if (kind === 'sla_policies' && input.calendarId) {
    const [cal] = await tx.select({ id: schema.businessCalendars.id }).from(schema.businessCalendars).where(and(eq(schema.businessCalendars.workspaceId, workspaceId), eq(schema.businessCalendars.id, input.calendarId)));
    if (!cal) throw new AppError('VALIDATION_FAILED', 'Unknown calendar', [{ path: '/body/calendarId', message: 'no such calendar in this workspace' }]);
  }
  const table = tableOf(kind);
  const values = { name: input.name, definition: input.definition, ...(kind === 'sla_policies' ? { position: input.position ?? 0, calendarId: input.calendarId ?? null } : {}) };
  if (input.id) {
    const rows = await tx.update(table).set({ ...values, updatedAt: new Date() } as never).where(and(eq(table.workspaceId, workspaceId), eq(table.id, input.id))).returning();
    if (!rows[0]) throw new AppError('NOT_FOUND', 'Not found');
    return rows[0];
  }
  const [row] = await tx.insert(table).values({ workspaceId, ...values } as never).returning();
  return row!;
};

export const deleteNamed = async (tx: Tx, kind: Named, workspaceId: string, id: string) => {
  const table = tableOf(kind);
  const rows = await tx.delete(table).where(and(eq(table.workspaceId, workspaceId), eq(table.id, id))).returning({ id: table.id });
  if (!rows.length) throw new AppError('NOT_FOUND', 'Not found');
};
