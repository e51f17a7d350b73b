import { Value } from 'typebox/value';
import { and, asc, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors/index.ts';
import { PlaybookDefinition, type PlaybookCreate, type PlaybookPatch, type PlaybookView } from '../../contracts/index.ts';
import type { Work, Who } from '../conversations/index.ts';
import { addIncidentEvent, type IncidentRecord } from './store.ts';

/**
 * Playbooks: contingency plans written ahead, attached to incident types. When an incident gets
 * a type and an active playbook covers it, the playbook's steps become the incident's checklist.
 * Definitions are validated when saved and again when read (a row edited by hand must not break
 * an incident page).
 */

type PlaybookRow = typeof schema.playbooks.$inferSelect;

const EMPTY: PlaybookDefinition = { steps: [], statements: [], replies: [], stakeholders: { memberIds: [], emails: [] } };

/** A stored definition as the current schema reads it; anything unreadable is left out. */
export const readDefinition = (raw: unknown): PlaybookDefinition => {
  const merged = { ...EMPTY, ...(typeof raw === 'object' && raw ? raw : {}) };
  return Value.Check(PlaybookDefinition, merged) ? (merged as PlaybookDefinition) : EMPTY;
};

const toView = (r: PlaybookRow): PlaybookView => ({
  id: r.id,
  name: r.name,
  incidentTypes: r.incidentTypes,
  definition: readDefinition(r.definition),
  isActive: r.isActive,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const checkOwners = async (tx: Tx, workspaceId: string, def: PlaybookDefinition): Promise<void> => {
  const ids = [...new Set([...def.steps.flatMap((s) => (s.ownerId ? [s.ownerId] : [])), ...def.stakeholders.memberIds])];
  if (!ids.length) return;
  const found = await tx.execute(sql`select id from members where workspace_id = ${workspaceId} and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  const known = new Set((found as unknown as { rows: { id: string }[] }).rows.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new AppError('VALIDATION_FAILED', 'A step owner or stakeholder is not a member of this workspace', unknown.map((id) => ({ path: '/body/definition', message: `unknown member ${id}` })));
};

const getRow = async (tx: Tx, workspaceId: string, id: string): Promise<PlaybookRow> => {
  const [r] = await tx.select().from(schema.playbooks).where(and(eq(schema.playbooks.workspaceId, workspaceId), eq(schema.playbooks.id, id)));
  if (!r) throw notFound('Playbook');
  return r;
};

export const listPlaybooks = async (tx: Tx, workspaceId: string): Promise<PlaybookView[]> =>
  (await tx.select().from(schema.playbooks).where(eq(schema.playbooks.workspaceId, workspaceId)).orderBy(asc(schema.playbooks.name))).map(toView);

export const getPlaybook = async (tx: Tx, workspaceId: string, id: string): Promise<PlaybookView> => toView(await getRow(tx, workspaceId, id));

export const createPlaybook = async (work: Work, input: PlaybookCreate): Promise<PlaybookView> => {
  await checkOwners(work.tx, work.workspaceId, input.definition);
  const [r] = await work.tx
    .insert(schema.playbooks)
    .values({ workspaceId: work.workspaceId, name: input.name.trim(), incidentTypes: [...new Set(input.incidentTypes)], definition: input.definition, isActive: input.isActive ?? true, createdAt: work.now, updatedAt: work.now })
    .returning();
  work.emit({ type: 'playbook.saved', subjectId: r!.id, data: { playbookId: r!.id } });
  return toView(r!);
};

export const updatePlaybook = async (work: Work, id: string, patch: PlaybookPatch): Promise<PlaybookView> => {
  await getRow(work.tx, work.workspaceId, id);
  if (patch.definition) await checkOwners(work.tx, work.workspaceId, patch.definition);
  const [r] = await work.tx
    .update(schema.playbooks)
    .set({
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.incidentTypes !== undefined ? { incidentTypes: [...new Set(patch.incidentTypes)] } : {}),
      ...(patch.definition !== undefined ? { definition: patch.definition } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
      updatedAt: work.now,
    })
    .where(and(eq(schema.playbooks.workspaceId, work.workspaceId), eq(schema.playbooks.id, id)))
    .returning();
  work.emit({ type: 'playbook.saved', subjectId: id, data: { playbookId: id } });
  return toView(r!);
};

/** Incidents keep their checklist (it is their record); they only lose the link to the plan. */
export const deletePlaybook = async (work: Work, id: string): Promise<void> => {
  await getRow(work.tx, work.workspaceId, id);
  await work.tx.update(schema.incidents).set({ playbookId: null }).where(and(eq(schema.incidents.workspaceId, work.workspaceId), eq(schema.incidents.playbookId, id)));
  await work.tx.delete(schema.playbooks).where(and(eq(schema.playbooks.workspaceId, work.workspaceId), eq(schema.playbooks.id, id)));
  work.emit({ type: 'playbook.deleted', subjectId: id, data: { playbookId: id } });
};

/** The active playbook for an incident type (the oldest, when several claim it). */
export const playbookForType = async (tx: Tx, workspaceId: string, type: string): Promise<PlaybookView | null> => {
  const rows = await tx
    .select()
    .from(schema.playbooks)
    .where(and(eq(schema.playbooks.workspaceId, workspaceId), eq(schema.playbooks.isActive, true), sql`${schema.playbooks.incidentTypes} ? ${type}`))
    .orderBy(asc(schema.playbooks.createdAt))
    .limit(1);
  return rows[0] ? toView(rows[0]) : null;
};

/**
 * Gives an incident its type's playbook: the link, and the steps as checklist rows after any the
 * incident already has (a second type adds its steps; ticked steps stay ticked).
 */
export const applyPlaybook = async (work: Work, who: Who, incident: IncidentRecord, type: string): Promise<string | null> => {
  const playbook = await playbookForType(work.tx, work.workspaceId, type);
  if (!playbook || playbook.id === incident.playbookId) return null;
  const [last] = await work.tx
    .select({ position: sql<number>`coalesce(max(${schema.incidentChecklist.position}), -1)` })
    .from(schema.incidentChecklist)
    .where(eq(schema.incidentChecklist.incidentId, incident.id));
  const start = Number(last?.position ?? -1) + 1;
  if (playbook.definition.steps.length) {
    await work.tx.insert(schema.incidentChecklist).values(
      playbook.definition.steps.map((s, i) => ({
        workspaceId: work.workspaceId, incidentId: incident.id, position: start + i, title: s.title, ownerRole: s.ownerRole ?? null, ownerId: s.ownerId ?? null, createdAt: work.now,
      })),
    );
  }
  await work.tx.update(schema.incidents).set({ playbookId: playbook.id }).where(eq(schema.incidents.id, incident.id));
  await addIncidentEvent(work, who, incident.id, 'playbook_applied', { playbookId: playbook.id, name: playbook.name, steps: playbook.definition.steps.length });
  return playbook.id;
};

/**
 * The pre-approved replies of the playbooks of the open incidents a conversation is linked to:
 * the composer offers them next to the canned replies while the incident runs.
 */
export const incidentRepliesFor = async (
  tx: Tx,
  workspaceId: string,
  conversationId: string,
): Promise<{ incidentId: string; incidentTitle: string; name: string; body: string }[]> => {
  const rows = (await tx.execute(sql`
    select distinct i.id, i.title, p.definition from incidents i
      join incident_mentions im on im.incident_id = i.id
      join playbooks p on p.id = i.playbook_id
    where i.workspace_id = ${workspaceId} and im.conversation_id = ${conversationId}
      and i.status in ('detected', 'acknowledged', 'mitigating')
    order by i.title`)) as unknown as { rows: { id: string; title: string; definition: unknown }[] };
  return rows.rows.flatMap((r) => readDefinition(r.definition).replies.map((reply) => ({ incidentId: r.id, incidentTitle: r.title, name: reply.name, body: reply.body })));
};
