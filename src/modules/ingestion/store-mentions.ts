import { bulkInsert, schema, type Tx } from '../../platform/db/index.ts';

/**
 * Stores a batch's mentions in one statement. A mention in a conversation is also one of its
 * messages: the timeline reads it from here (the view `timeline_messages`), so nothing is copied.
 * Named, because the ingest benchmark's floor writes mentions with the pipeline's own statement.
 */
export const storeMentions = async (tx: Tx, rows: (typeof schema.mentions.$inferInsert)[]): Promise<void> => {
  await bulkInsert(tx, schema.mentions, rows);
};
