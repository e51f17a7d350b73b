import type { Database } from '../../platform/db/index.ts';
import type { SecretBox } from '../../platform/crypto/index.ts';
import type { Logger } from '../../platform/logger/index.ts';
import { openSecrets, recordChannelFailure, type ChannelRow, type ConnectorContext } from '../channels/index.ts';
import { acceptItems } from './accept.ts';

export interface ConnectorContextDeps {
  db: Database;
  box: SecretBox;
  log: Logger;
  /** New raw items were committed: wake the pipeline. */
  wake: () => void;
  signal?: AbortSignal;
  isDrill?: boolean;
}

/**
 * What a connector is given to do its work for one channel: `accept` commits to the raw store
 * (and the cursor, in the same transaction) before the connector acknowledges anything, and
 * `reportFailure` records why an item or a poll failed as part of the channel's health.
 */
export const createConnectorContext = (deps: ConnectorContextDeps, channel: ChannelRow): ConnectorContext => {
  const log = deps.log.child({ channelId: channel.id, workspaceId: channel.workspaceId, kind: channel.kind });
  let cursor: unknown = channel.cursor;
  return {
    channelId: channel.id,
    workspaceId: channel.workspaceId,
    config: channel.config,
    secrets: openSecrets(deps.box, channel),
    get cursor() {
      return cursor;
    },
    accept: async (items, nextCursor) => {
      const r = await acceptItems(deps.db, { workspaceId: channel.workspaceId, channelId: channel.id, items, cursor: nextCursor, isDrill: deps.isDrill });
      if (nextCursor !== undefined) cursor = nextCursor;
      if (r.added) deps.wake();
      return { added: r.added, duplicates: r.duplicates };
    },
    reportFailure: async (reason, detail) => {
      try {
        await recordChannelFailure(deps.db, channel.workspaceId, channel.id, reason, detail);
      } catch (err) {
        log.error({ err }, 'could not record a channel failure');
      }
      log.warn({ reason: reason.slice(0, 200), externalId: detail?.externalId }, 'channel failure');
    },
    log,
    signal: deps.signal ?? new AbortController().signal,
  };
};
