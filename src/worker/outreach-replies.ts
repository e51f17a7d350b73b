import type { Database } from '../platform/db/index.ts';
import type { EventBus } from '../platform/events/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import { inWorkspace } from '../modules/conversations/index.ts';
import { linkOutreachReplies } from '../modules/outreach/index.ts';

/**
 * Customers' answers to an outreach arrive as ordinary mentions threaded into the outreach's
 * conversation; this links them to the campaign's incident (after the pipeline's commit).
 */
export const startOutreachReplies = (deps: { db: Database; bus: EventBus; clock: Clock; log: Logger }) => {
  const unsubscribe = deps.bus.subscribeAll((workspaceId, events) => {
    const mentionIds = events
      .filter((e) => e.type === 'conversation.message' || e.type === 'conversation.created')
      .flatMap((e) => (Array.isArray(e.data.mentionIds) ? (e.data.mentionIds as unknown[]).filter((x): x is string => typeof x === 'string') : []));
    if (!mentionIds.length) return;
    inWorkspace(deps, workspaceId, deps.clock.now(), (work) => linkOutreachReplies(work, mentionIds)).catch((err) =>
      deps.log.error({ err }, 'linking outreach replies failed'),
    );
  });
  return { stop: unsubscribe };
};
