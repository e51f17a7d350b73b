import { and, asc, eq, inArray, schema, type Tx } from '../../platform/db/index.ts';
import { AppError, notFound, type FieldProblem } from '../../platform/errors/index.ts';
import type { SecretBox } from '../../platform/crypto/index.ts';
import { randomToken } from '../../platform/ids/index.ts';
import {
  RECIPIENT_SCHEMAS, RuleDefinitionInput, schemaProblems, type RecipientInput, type RecipientView, type RuleDefinition, type StoredRecipient,
} from './rule-definition.ts';

export type AlertRuleRow = typeof schema.alertRules.$inferSelect;

export interface AlertRuleView {
  id: string;
  name: string;
  position: number;
  isActive: boolean;
  definition: Omit<RuleDefinition, 'recipients' | 'escalation'> & {
    recipients: RecipientView[];
    escalation: { levels: { afterMinutes: number; recipients: RecipientView[] }[] };
  };
  updatedAt: Date;
}

/** Enough of a URL to recognise it, not enough to post to it (Slack's URL is the credential). */
export const urlHint = (url: string): string => {
  try {
    const u = new URL(url);
    const parts = u.pathname.split('/').filter(Boolean);
    const shown = parts.length > 1 ? `/${parts.slice(0, -1).join('/')}/…` : parts.length ? '/…' : '';
    return `${u.protocol}//${u.host}${shown}`;
  } catch {
    return '(invalid URL)';
  }
};

const viewRecipient = (r: StoredRecipient): RecipientView => {
  const { urlSealed: _u, secretSealed, ...rest } = r;
  return r.kind === 'webhook' ? { ...rest, hasSecret: Boolean(secretSealed) } : rest;
};

export const toAlertRuleView = (row: AlertRuleRow): AlertRuleView => {
  const d = row.definition as unknown as RuleDefinition;
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    isActive: row.isActive,
    definition: {
      ...d,
      recipients: d.recipients.map(viewRecipient),
      escalation: { levels: d.escalation.levels.map((l) => ({ afterMinutes: l.afterMinutes, recipients: l.recipients.map(viewRecipient) })) },
    },
    updatedAt: row.updatedAt,
  };
};

const storeRecipient = (box: SecretBox, input: RecipientInput, previous: Map<string, StoredRecipient>, path: string, problems: FieldProblem[]): StoredRecipient => {
  const before = input.id ? previous.get(input.id) : undefined;
  const id = input.id ?? `r_${randomToken(8)}`;
  const base = { id, kind: input.kind, ...(input.quietHours ? { quietHours: input.quietHours } : {}) };
  switch (input.kind) {
    case 'member':
      return { ...base, memberId: input.memberId, email: input.email ?? true };
    case 'email':
      return { ...base, address: input.address.toLowerCase() };
    case 'slack':
    case 'webhook': {
      const kept = before?.kind === input.kind ? before : undefined;
      if (!input.url && !kept?.urlSealed) problems.push({ path: `${path}/url`, message: 'is required' });
      const url = input.url ? { urlSealed: box.seal(input.url), urlHint: urlHint(input.url) } : { urlSealed: kept?.urlSealed ?? '', urlHint: kept?.urlHint ?? '' };
      if (input.kind === 'slack') return { ...base, ...url };
      // The receiver must know the secret to verify, and the API never shows it: the person sets it.
      if (!input.secret && !kept?.secretSealed) problems.push({ path: `${path}/secret`, message: 'is required (at least 16 characters; the receiver verifies signatures with it)' });
      return { ...base, ...url, secretSealed: input.secret ? box.seal(input.secret) : (kept?.secretSealed ?? '') };
    }
  }
};

/**
 * Checks a definition from the API and turns it into the stored form: every problem named by its
 * field (`/body/definition/recipients/1/url`), members checked to be of this workspace, URLs and
 * secrets sealed (kept from `previous` when an edit leaves them out).
 */
export const parseRuleDefinition = async (tx: Tx, box: SecretBox, workspaceId: string, input: unknown, previous?: RuleDefinition): Promise<RuleDefinition> => {
  const prefix = '/body/definition';
  const problems = schemaProblems(RuleDefinitionInput, input, prefix);
  if (problems.length) throw new AppError('VALIDATION_FAILED', 'The alert rule is not valid', problems);
  const d = input as RuleDefinitionInput;
  const prevById = new Map<string, StoredRecipient>();
  if (previous) for (const r of [previous.recipients, ...previous.escalation.levels.map((l) => l.recipients)].flat()) prevById.set(r.id, r);

  const levels = [d.recipients, ...(d.escalation?.levels ?? []).map((l) => l.recipients)];
  const pathOf = (level: number, i: number) => (level === 0 ? `${prefix}/recipients/${i}` : `${prefix}/escalation/levels/${level - 1}/recipients/${i}`);
  levels.forEach((list, level) =>
    list.forEach((r, i) => {
      const schemaOfKind = RECIPIENT_SCHEMAS[r.kind];
      problems.push(...schemaProblems(schemaOfKind, r, pathOf(level, i)));
    }),
  );
  if (!d.recipients.length) problems.push({ path: `${prefix}/recipients`, message: 'must name at least one recipient' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', 'The alert rule is not valid', problems);

  const memberIds = [...new Set(levels.flat().flatMap((r) => (r.kind === 'member' ? [r.memberId] : [])))];
  const known = memberIds.length
    ? new Set((await tx.select({ id: schema.members.id }).from(schema.members).where(and(eq(schema.members.workspaceId, workspaceId), inArray(schema.members.id, memberIds)))).map((m) => m.id))
    : new Set<string>();
  levels.forEach((list, level) =>
    list.forEach((r, i) => {
      if (r.kind === 'member' && !known.has(r.memberId)) problems.push({ path: `${pathOf(level, i)}/memberId`, message: 'is not a member of this workspace' });
    }),
  );
  const stored = levels.map((list, level) => list.map((r, i) => storeRecipient(box, r, prevById, pathOf(level, i), problems)));
  if (problems.length) throw new AppError('VALIDATION_FAILED', 'The alert rule is not valid', problems);

  const c = d.conditions ?? {};
  return {
    conditions: { minSeverity: c.minSeverity ?? 1, types: c.types ?? [], terms: c.terms ?? [], drills: c.drills ?? 'include', ...(c.hours ? { hours: c.hours } : {}) },
    recipients: stored[0]!,
    escalation: { levels: (d.escalation?.levels ?? []).map((l, i) => ({ afterMinutes: l.afterMinutes, recipients: stored[i + 1]! })) },
    ...(d.quietHours ? { quietHours: d.quietHours } : {}),
    grouping: { ...d.grouping },
  };
};

export interface AlertRuleInput {
  name: string;
  definition: unknown;
  position?: number;
  isActive?: boolean;
}

export const listAlertRules = (tx: Tx, workspaceId: string): Promise<AlertRuleRow[]> =>
  tx.select().from(schema.alertRules).where(eq(schema.alertRules.workspaceId, workspaceId)).orderBy(asc(schema.alertRules.position), asc(schema.alertRules.createdAt));

export const getAlertRule = async (tx: Tx, workspaceId: string, id: string): Promise<AlertRuleRow> => {
  const [row] = await tx.select().from(schema.alertRules).where(and(eq(schema.alertRules.workspaceId, workspaceId), eq(schema.alertRules.id, id)));
  if (!row) throw notFound('Alert rule');
  return row;
};

export const createAlertRule = async (tx: Tx, box: SecretBox, workspaceId: string, input: AlertRuleInput, now: Date): Promise<AlertRuleRow> => {
  const definition = await parseRuleDefinition(tx, box, workspaceId, input.definition);
  const [row] = await tx
    .insert(schema.alertRules)
    .values({ workspaceId, name: input.name, position: input.position ?? 0, isActive: input.isActive ?? true, definition: definition as never, createdAt: now, updatedAt: now })
    .returning();
  return row!;
};

export const updateAlertRule = async (tx: Tx, box: SecretBox, workspaceId: string, id: string, patch: Partial<AlertRuleInput>, now: Date): Promise<AlertRuleRow> => {
  const current = await getAlertRule(tx, workspaceId, id);
  const definition = patch.definition !== undefined ? await parseRuleDefinition(tx, box, workspaceId, patch.definition, current.definition as unknown as RuleDefinition) : undefined;
  const [row] = await tx
    .update(schema.alertRules)
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
      ...(definition ? { definition: definition as never } : {}),
      updatedAt: now,
    })
    .where(and(eq(schema.alertRules.workspaceId, workspaceId), eq(schema.alertRules.id, id)))
    .returning();
  return row!;
};

export const deleteAlertRule = async (tx: Tx, workspaceId: string, id: string): Promise<void> => {
  const rows = await tx.delete(schema.alertRules).where(and(eq(schema.alertRules.workspaceId, workspaceId), eq(schema.alertRules.id, id))).returning({ id: schema.alertRules.id });
  if (!rows.length) throw notFound('Alert rule');
};
