import { schema, type Database, type Tx } from '../../platform/db/index.ts';
import { recordEvents, type DomainEvent, type EventBus } from '../../platform/events/index.ts';
import { actorRef, recordAudit, type Actor, type AuditEntry } from '../access/index.ts';

/**
 * One unit of work in a workspace: the change, its timeline rows, its audit rows and its domain
 * events commit in one transaction; the event bus is woken only after the commit, so a listener
 * never reads an event whose change is not there.
 */
export interface Work {
  tx: Tx;
  workspaceId: string;
  now: Date;
  emit(event: DomainEvent): void;
}

export interface WorkDeps {
  db: Database;
  bus: EventBus;
}

export const inWorkspace = async <T>(deps: WorkDeps, workspaceId: string, now: Date, fn: (work: Work) => Promise<T>): Promise<T> => {
  const pending: DomainEvent[] = [];
  const { result, stored } = await deps.db.tenant(workspaceId, async (tx) => {
    const result = await fn({ tx, workspaceId, now, emit: (e) => pending.push(e) });
    return { result, stored: await recordEvents(tx, workspaceId, pending) };
  });
  deps.bus.committed(workspaceId, stored);
  return result;
};

/** Who did something, as timelines record it. The outbox and the pipeline act as 'system'. */
export type Who = Actor | { system: true; workspaceId: string };

export const whoRef = (who: Who): { actorType: 'member' | 'token' | 'system'; actorId: string | null } =>
  'system' in who ? { actorType: 'system', actorId: null } : actorRef(who);

export const memberIdOf = (who: Who): string | null => ('system' in who ? null : who.memberId);

/** A row in the conversation's timeline (status changes, assignment, notes, replies …). */
export const addTimeline = async (work: Work, who: Who, conversationId: string, type: string, data: Record<string, unknown> = {}): Promise<void> => {
  const ref = whoRef(who);
  await work.tx.insert(schema.conversationEvents).values({ workspaceId: work.workspaceId, conversationId, type, actorType: ref.actorType, actorId: ref.actorId, data, createdAt: work.now });
};

export const audit = (work: Work, who: Who, entry: AuditEntry): Promise<void> => recordAudit(work.tx, who, entry);
