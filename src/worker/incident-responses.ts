import type { Database } from '../platform/db/index.ts';
import type { EventBus, StoredEvent } from '../platform/events/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import { inWorkspace } from '../modules/conversations/index.ts';
import { noteOutboundMessage } from '../modules/incidents/index.ts';

/**
 * An incident's first public response: a public reply sent in a conversation linked to it (for a
 * drill incident: approved or queued, since drills never send). Listens to the outbox's events
 * after they commit; a missed event only leaves the time unset, never blocks a send.
 */

const EVENTS: Record<string, 'sent' | 'queued' | 'approved'> = { 'message.sent': 'sent', 'message.queued': 'queued', 'message.approved': 'approved' };

export const handleMessageEvents = async (deps: { db: Database; bus: EventBus; clock: Clock }, workspaceId: string, events: readonly StoredEvent[]): Promise<string[]> => {
  const relevant = events.filter((e) => EVENTS[e.type] && typeof e.data.messageId === 'string');
  if (!relevant.length) return [];
  return inWorkspace(deps, workspaceId, deps.clock.now(), async (work) => {
    const stamped: string[] = [];
    for (const e of relevant) stamped.push(...(await noteOutboundMessage(work, e.data.messageId as string, EVENTS[e.type]!)));
    return stamped;
  });
};

export const startIncidentResponses = (deps: { db: Database; bus: EventBus; clock: Clock; log: Logger }): { stop(): void } => {
  const unsubscribe = deps.bus.subscribeAll((workspaceId, events) => {
    handleMessageEvents(deps, workspaceId, events).catch((err) => deps.log.error({ err, workspaceId }, 'first public response not recorded'));
  });
  return { stop: unsubscribe };
};
