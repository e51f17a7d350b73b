/**
 * A `ConnectorContext` that keeps what the connector hands it, in memory, so a test can look at
 * the accepted items, the committed cursors and the reported failures. It dedupes by external id
 * like the real raw store does.
 */
import type { ConnectorContext, InboundItem } from '../../connector.ts';

export interface FakeContext extends ConnectorContext {
  accepted: InboundItem[];
  /** The external ids of every accept call, duplicates included, to see what was delivered twice. */
  deliveries: string[][];
  cursors: unknown[];
  failures: { reason: string; externalId?: string; raw?: unknown }[];
  abort(): void;
  /** Resolves once `predicate` holds, re-checked after every accept/report; rejects after `ms`. */
  waitFor(predicate: () => boolean, what: string, ms?: number): Promise<void>;
  /** Make the next accept throw, as a database outage would. */
  failNextAccept(err: Error): void;
}

export const createFakeContext = (init: { config: Record<string, unknown>; secrets: Record<string, string>; cursor?: unknown }): FakeContext => {
  const controller = new AbortController();
  const seen = new Set<string>();
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  let acceptError: Error | null = null;
  const quiet = { info() {}, warn() {}, error() {} };

  const ctx: FakeContext = {
    channelId: 'channel-email-test',
    workspaceId: 'workspace-test',
    config: init.config,
    secrets: init.secrets,
    cursor: init.cursor ?? null,
    accepted: [],
    deliveries: [],
    cursors: [],
    failures: [],
    log: quiet,
    signal: controller.signal,
    async accept(items, cursor) {
      if (acceptError) {
        const err = acceptError;
        acceptError = null;
        throw err;
      }
      ctx.deliveries.push(items.map((i) => i.externalId));
      let added = 0;
      for (const item of items) {
        // The raw store keeps JSON: make sure what the connector gives survives it.
        JSON.stringify(item.raw);
        if (seen.has(item.externalId)) continue;
        seen.add(item.externalId);
        ctx.accepted.push(item);
        added++;
      }
      if (cursor !== undefined) {
        ctx.cursors.push(cursor);
        ctx.cursor = cursor;
      }
      notify();
      return { added, duplicates: items.length - added };
    },
    async reportFailure(reason, detail) {
      ctx.failures.push({ reason, ...detail });
      notify();
    },
    abort: () => controller.abort(),
    failNextAccept(err) {
      acceptError = err;
    },
    waitFor(predicate, what, ms = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
  };
  return ctx;
};
