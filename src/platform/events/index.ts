import { EventEmitter } from 'node:events';
import { schema, type Tx } from '../db/index.ts';

/**
 * Domain events. Each one is written to the `events` table inside the transaction that caused
 * it (so it exists exactly when the change does), and after the commit the bus wakes whoever
 * listens for that workspace: the live console stream, rules, alerts, metrics. Listeners read
 * the rows by id, so ordering, resuming (SSE Last-Event-ID) and several processes (PostgreSQL
 * NOTIFY or NATS feeding `wake`) all work the same way.
 */
export interface DomainEvent {
  type: string;
  subjectId?: string | null;
  data?: Record<string, unknown>;
}

export interface StoredEvent {
  id: number;
  workspaceId: string;
  type: string;
  subjectId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export const recordEvents = async (tx: Tx, workspaceId: string, list: DomainEvent[]): Promise<StoredEvent[]> => {
  if (!list.length) return [];
  const rows = await tx
    .insert(schema.events)
    .values(list.map((e) => ({ workspaceId, type: e.type, subjectId: e.subjectId ?? null, data: e.data ?? {} })))
    .returning();
  return rows as StoredEvent[];
};

export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  /** Call after the transaction that recorded the events has committed. */
  committed(workspaceId: string, events: StoredEvent[]): void {
    if (!events.length) return;
    this.emitter.emit(`ws:${workspaceId}`, events);
    this.emitter.emit('any', workspaceId, events);
  }
  /** Listen to one workspace's committed events; returns the unsubscribe function. */
  subscribe(workspaceId: string, fn: (events: StoredEvent[]) => void): () => void {
    this.emitter.on(`ws:${workspaceId}`, fn);
    return () => this.emitter.off(`ws:${workspaceId}`, fn);
  }
  /** Listen to every workspace (workers: rules, alerts, detectors). */
  subscribeAll(fn: (workspaceId: string, events: StoredEvent[]) => void): () => void {
    this.emitter.on('any', fn);
    return () => this.emitter.off('any', fn);
  }
}
