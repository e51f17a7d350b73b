import { desc, eq, lt, and, type Tx, schema } from '../../platform/db/index.ts';
import { actorRef, type Actor } from './actor.ts';

export interface AuditEntry {
  action: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
}

/** Appends to the workspace's audit log inside the caller's transaction: the change and its record commit together. */
export const recordAudit = async (tx: Tx, actor: Actor | { system: true; workspaceId: string }, entry: AuditEntry): Promise<void> => {
  const who = 'system' in actor ? { actorType: 'system' as const, actorId: null } : actorRef(actor);
  await tx.insert(schema.auditLog).values({
    workspaceId: actor.workspaceId,
    actorType: who.actorType,
    actorId: who.actorId,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    data: entry.data ?? {},
  });
};

export const listAudit = (tx: Tx, workspaceId: string, opts: { before?: number; limit: number }) =>
  tx
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.workspaceId, workspaceId), opts.before ? lt(schema.auditLog.id, opts.before) : undefined))
    .orderBy(desc(schema.auditLog.id))
    .limit(opts.limit);
