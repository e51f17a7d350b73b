import type { AppContext } from '../server/context.ts';

/**
 * Background work of one process: the pipeline stages fed by the PostgreSQL queue, connector
 * polls, the outbox, schedulers. Returns a handle that stops everything and waits for it.
 */
export const startWorkers = async (_ctx: AppContext): Promise<{ stop(): Promise<void> }> => {
  return { stop: async () => {} };
};
