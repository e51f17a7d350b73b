import type { ConnectorContext, InboundItem } from '../../connector.ts';

/**
 * A ConnectorContext that records what the connector hands over, as the channels runtime would
 * see it: accepted items (deduplicated by externalId, like the raw store), the cursor as stored
 * JSON (so a cursor that does not survive JSON fails the test), and reported failures.
 */
export interface RecordingContext {
  ctx: ConnectorContext;
  /** Items new to this channel, in the order accepted. */
  added: InboundItem[];
  /** Items of every accept call, duplicates included. */
  batches: InboundItem[][];
  failures: Array<{ reason: string; detail?: unknown }>;
  /** The cursor as last stored by `accept`. */
  cursor(): unknown;
  /** A context for the next poll: same channel, stored cursor and seen ids, fresh recordings. */
  next(): RecordingContext;
}

export const recordingContext = (opts: {
  channelId: string;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  cursor?: unknown;
  seen?: Set<string>;
}): RecordingContext => {
  const seen = opts.seen ?? new Set<string>();
  const added: InboundItem[] = [];
  const batches: InboundItem[][] = [];
  const failures: RecordingContext['failures'] = [];
  let cursor: unknown = opts.cursor ?? null;
  const ctx: ConnectorContext = {
    channelId: opts.channelId,
    workspaceId: 'ws-test',
    config: opts.config,
    secrets: opts.secrets,
    cursor,
    async accept(items, nextCursor) {
      // What the raw store would keep: JSON only.
      const stored = JSON.parse(JSON.stringify(items)) as unknown[];
      if (stored.length !== items.length) throw new Error('items did not survive JSON');
      batches.push(items);
      let fresh = 0;
      for (const item of items) {
        if (seen.has(item.externalId)) continue;
        seen.add(item.externalId);
        added.push(item);
        fresh++;
      }
      if (nextCursor !== undefined) cursor = JSON.parse(JSON.stringify(nextCursor));
      return { added: fresh, duplicates: items.length - fresh };
    },
    async reportFailure(reason, detail) {
      failures.push({ reason, detail });
    },
    log: { info() {}, warn() {}, error() {} },
    signal: new AbortController().signal,
  };
  return {
    ctx,
    added,
    batches,
    failures,
    cursor: () => cursor,
    next: () => recordingContext({ ...opts, cursor, seen }),
  };
};
