import type { SQL } from 'drizzle-orm';
import { sql } from '../../platform/db/index.ts';

/**
 * The batch's lookup keys as ONE bound parameter, a set-returning function to join with:
 * `from ${keyRows(xs)} as k(v) join mentions m on … and m.external_id = k.v`. The lookups test
 * hundreds of keys; building `in ($1, …, $500)` costs the query builder (and the server's parser)
 * far more than one JSON string does, and the join is planned as one index probe per key.
 * (`= any(array(select …))` was tried: with two such lists on one index the planner could not
 * size them and the server spent three times as long.)
 */
export const keyRows = (values: Iterable<string>): SQL => sql`jsonb_array_elements_text(${JSON.stringify([...values])}::jsonb)`;

/** A short list (a batch's few channels) as plain parameters: `channel_id in (${paramList(ids)})`. */
export const paramList = (values: Iterable<string>): SQL => sql.join([...values].map((v) => sql`${v}`), sql`, `);
