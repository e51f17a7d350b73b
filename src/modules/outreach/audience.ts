import { sql, type Tx } from '../../platform/db/index.ts';
import type { SQL } from 'drizzle-orm';
import { listOf, rowsOf } from './sql.ts';

export interface Segment {
  tags?: string[];
  tiers?: string[];
  vip?: boolean;
  channelKinds?: string[];
  topic?: string;
}

/** The most customers one campaign reaches: beyond that, a broadcast is the better tool. */
export const MAX_AUDIENCE = 5000;

export const isEmptySegment = (s: Segment): boolean =>
  !s.tags?.length && !s.tiers?.length && s.vip === undefined && !s.channelKinds?.length && !s.topic?.trim();

/** "tag refund, tier gold, VIP, on x, talked about battery": why a segment customer is in the audience. */
export const describeSegment = (s: Segment): string => {
  const parts = [
    s.tags?.length ? `tag ${s.tags.join(' or ')}` : null,
    s.tiers?.length ? `tier ${s.tiers.join(' or ')}` : null,
    s.vip === true ? 'VIP' : s.vip === false ? 'not VIP' : null,
    s.channelKinds?.length ? `on ${s.channelKinds.join(' or ')}` : null,
    s.topic?.trim() ? `talked about "${s.topic.trim()}"` : null,
  ].filter(Boolean);
  return `matches the segment: ${parts.join(', ')}`;
};

/** Customers who mentioned the incident (a merged customer counts as its survivor). */
export const mentioners = async (tx: Tx, incidentId: string): Promise<string[]> =>
  (
    await rowsOf<{ id: string }>(
      tx,
      sql`select distinct coalesce(cu.merged_into_id, cu.id) as id from incident_mentions im join customers cu on cu.id = im.customer_id
          where im.incident_id = ${incidentId} limit ${MAX_AUDIENCE}`,
    )
  ).map((r) => r.id);

/** Customers matching every criterion the segment gives; an empty segment matches nobody. */
export const segmentCustomers = async (tx: Tx, segment: Segment, isDrill: boolean): Promise<string[]> => {
  if (isEmptySegment(segment)) return [];
  const where: SQL[] = [sql`cu.merged_into_id is null`];
  if (segment.tiers?.length) where.push(sql`cu.tier in ${listOf(segment.tiers)}`);
  if (segment.vip !== undefined) where.push(sql`cu.is_vip = ${segment.vip}`);
  if (segment.tags?.length) {
    where.push(sql`exists (select 1 from conversations c join conversation_tags ct on ct.conversation_id = c.id join tags t on t.id = ct.tag_id
      where c.customer_id = cu.id and lower(t.name) in ${listOf(segment.tags.map((t) => t.toLowerCase()))})`);
  }
  if (segment.channelKinds?.length) {
    where.push(sql`exists (select 1 from conversations c join channels ch on ch.id = c.channel_id where c.customer_id = cu.id and ch.kind in ${listOf(segment.channelKinds)})`);
  }
  if (segment.topic?.trim()) {
    where.push(sql`exists (select 1 from mentions m join conversations c on c.id = m.conversation_id
      where c.customer_id = cu.id and not m.is_own and m.search @@ plainto_tsquery('simple', ${segment.topic.trim()}))`);
  }
  // A drill's audience is drawn from its synthetic customers only, a real one never includes them.
  where.push(sql`exists (select 1 from conversations c where c.customer_id = cu.id and c.is_drill = ${isDrill})`);
  const rows = await rowsOf<{ id: string }>(tx, sql`select cu.id from customers cu where ${sql.join(where, sql` and `)} order by cu.id limit ${MAX_AUDIENCE}`);
  return rows.map((r) => r.id);
};
