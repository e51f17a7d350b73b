import { and, asc, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors/index.ts';
import { templateVariables } from './reply-text.ts';
import { audit, type Who, type Work } from './work.ts';

export type CannedReply = typeof schema.cannedReplies.$inferSelect;

export interface CannedReplyView {
  id: string;
  name: string;
  body: string;
  /** The variables it uses, e.g. ["customer.name", "agent.persona"]. */
  variables: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** Variables Lookout fills itself; others are given by the agent with the reply. */
export const BUILT_IN_VARIABLES = ['customer.name', 'customer.handle', 'agent.name', 'agent.persona'] as const;

export const toCannedView = (r: CannedReply): CannedReplyView => ({ id: r.id, name: r.name, body: r.body, variables: templateVariables(r.body), createdAt: r.createdAt, updatedAt: r.updatedAt });

const checkBody = (body: string): void => {
  // A brace that is not a well-formed variable would reach the customer as written.
  const stray = body.replace(/\{\{\s*[a-zA-Z]\w*(?:\.[a-zA-Z]\w*)*\s*\}\}/g, '');
  if (stray.includes('{{') || stray.includes('}}')) {
    throw new AppError('VALIDATION_FAILED', 'Malformed variable', [{ path: '/body/body', message: 'write variables as {{customer.name}}' }]);
  }
};

export const listCannedReplies = async (tx: Tx, workspaceId: string): Promise<CannedReplyView[]> =>
  (await tx.select().from(schema.cannedReplies).where(eq(schema.cannedReplies.workspaceId, workspaceId)).orderBy(asc(sql`lower(${schema.cannedReplies.name})`))).map(toCannedView);

export const getCannedReply = async (tx: Tx, workspaceId: string, id: string): Promise<CannedReply> => {
  const [r] = await tx.select().from(schema.cannedReplies).where(and(eq(schema.cannedReplies.workspaceId, workspaceId), eq(schema.cannedReplies.id, id)));
  if (!r) throw notFound('Canned reply');
  return r;
};

export const createCannedReply = async (work: Work, who: Who, input: { name: string; body: string }): Promise<CannedReplyView> => {
  checkBody(input.body);
  const [r] = await work.tx.insert(schema.cannedReplies).values({ workspaceId: work.workspaceId, name: input.name.trim(), body: input.body, createdAt: work.now, updatedAt: work.now }).returning();
  await audit(work, who, { action: 'canned_reply.created', subjectType: 'canned_reply', subjectId: r!.id, data: { name: r!.name } });
  return toCannedView(r!);
};

export const updateCannedReply = async (work: Work, who: Who, id: string, patch: { name?: string; body?: string }): Promise<CannedReplyView> => {
  await getCannedReply(work.tx, work.workspaceId, id);
  if (patch.body !== undefined) checkBody(patch.body);
  const [r] = await work.tx
    .update(schema.cannedReplies)
    .set({ ...(patch.name !== undefined ? { name: patch.name.trim() } : {}), ...(patch.body !== undefined ? { body: patch.body } : {}), updatedAt: work.now })
    .where(and(eq(schema.cannedReplies.workspaceId, work.workspaceId), eq(schema.cannedReplies.id, id)))
    .returning();
  await audit(work, who, { action: 'canned_reply.updated', subjectType: 'canned_reply', subjectId: id, data: { fields: Object.keys(patch) } });
  return toCannedView(r!);
};

export const deleteCannedReply = async (work: Work, who: Who, id: string): Promise<void> => {
  const r = await getCannedReply(work.tx, work.workspaceId, id);
  await work.tx.delete(schema.cannedReplies).where(and(eq(schema.cannedReplies.workspaceId, work.workspaceId), eq(schema.cannedReplies.id, id)));
  await audit(work, who, { action: 'canned_reply.deleted', subjectType: 'canned_reply', subjectId: id, data: { name: r.name } });
};
