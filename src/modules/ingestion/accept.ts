import { and, bulkInsert, eq, schema, sql, type Database, type Tx } from '../../platform/db/index.ts';
import type { InboundItem } from '../channels/index.ts';
import { toStored } from './normalize.ts';

export interface AcceptInput {
  workspaceId: string;
  channelId: string;
  items: InboundItem[];
  /** The connector's new cursor: written in the same transaction as the items it covers. */
  cursor?: unknown;
  isDrill?: boolean;
  receivedAt?: Date;
}

export interface AcceptResult {
  added: number;
  duplicates: number;
  /** External ids of the rows that were new. */
  addedExternalIds: string[];
}

// Rows per INSERT statement (one JSON parameter each).
const CHUNK = 2000;

/**
 * The first durable step: commits items to the raw store, idempotent by (channel, external id).
 * Only after this resolves may a receiver acknowledge (answer the webhook, advance the poll cursor,
 * count the import row). Duplicates are counted, not stored twice.
 */
export const acceptItems = async (db: Database, input: AcceptInput): Promise<AcceptResult> => {
  // Within one delivery the same id twice is one item.
  const unique = new Map<string, InboundItem>();
  for (const item of input.items) if (!unique.has(item.externalId)) unique.set(item.externalId, item);
  const items = [...unique.values()];
  const addedExternalIds: string[] = [];
  await db.tenant(input.workspaceId, async (tx) => {
    for (let i = 0; i < items.length; i += CHUNK) {
      const rows = await bulkInsert(
        tx,
        schema.rawItems,
        items.slice(i, i + CHUNK).map((item) => ({
          workspaceId: input.workspaceId,
          channelId: input.channelId,
          externalId: item.externalId,
          payload: toStored(item),
          isDrill: input.isDrill ?? false,
          ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}),
        })),
        { onConflictDoNothing: ['channel_id', 'external_id'], returning: ['externalId'] },
      );
      for (const r of rows) addedExternalIds.push(String(r.externalId));
    }
    if (input.cursor !== undefined) await saveCursor(tx, input.workspaceId, input.channelId, input.cursor);
    if (items.length) await markDelivered(tx, input.workspaceId, input.channelId, addedExternalIds.length);
  });
  return { added: addedExternalIds.length, duplicates: input.items.length - addedExternalIds.length, addedExternalIds };
};

export const saveCursor = (tx: Tx, workspaceId: string, channelId: string, cursor: unknown) =>
  tx
    .update(schema.channels)
    .set({ cursor: cursor as never, updatedAt: new Date() })
    .where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.id, channelId)));

/** Health is data: a delivery is a success and clears the error streak. */
const markDelivered = (tx: Tx, workspaceId: string, channelId: string, added: number) =>
  tx
    .update(schema.channels)
    .set({
      health: sql`${schema.channels.health} || jsonb_build_object('lastSuccessAt', now(), 'consecutiveErrors', 0, 'lastDeliveryAdded', ${added}::int)`,
    })
    .where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.id, channelId)));
