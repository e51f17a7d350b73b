import { and, desc, eq, inArray, isNull, or, schema, sql, type Tx } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import { movedToward } from './merge-history.ts';

const OPEN_STATUSES = ['new', 'open', 'pending', 'relieved'];
const CONVERSATIONS_SHOWN = 100;
const SENTIMENT_DAYS = 90;

/** Where a merged customer lives now, following later merges (bounded: merges form no cycles). */
const survivorOf = async (tx: Tx, workspaceId: string, mergedIntoId: string): Promise<{ id: string; name: string | null }> => {
  let next: { id: string; name: string | null; mergedIntoId: string | null } | undefined;
  let id: string | null = mergedIntoId;
  for (let hops = 0; id && hops < 20; hops++) {
    [next] = await tx
      .select({ id: schema.customers.id, name: schema.customers.name, mergedIntoId: schema.customers.mergedIntoId })
      .from(schema.customers)
      .where(and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.id, id)));
    id = next?.mergedIntoId ?? null;
  }
  return next ? { id: next.id, name: next.name } : { id: mergedIntoId, name: null };
};

/**
 * The customer 360: who they are on every network and how sure we are of each link, their
 * influence, tier and attributes, their conversations and how those ended, and what they felt
 * day by day. A merged customer answers with a pointer to the customer it now lives in.
 */
export const getCustomer360 = async (tx: Tx, workspaceId: string, customerId: string) => {
  const [customer] = await tx.select().from(schema.customers).where(and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.id, customerId)));
  if (!customer) throw notFound('Customer');
  const mergedInto = customer.mergedIntoId ? await survivorOf(tx, workspaceId, customer.mergedIntoId) : null;

  const links = await tx
    .select({ identity: schema.identities, link: schema.customerIdentities })
    .from(schema.customerIdentities)
    .innerJoin(schema.identities, eq(schema.identities.id, schema.customerIdentities.identityId))
    .where(and(eq(schema.customerIdentities.customerId, customerId), isNull(schema.customerIdentities.unlinkedAt)))
    .orderBy(schema.customerIdentities.linkedAt);
  const history = await tx
    .select()
    .from(schema.customerMerges)
    .where(and(eq(schema.customerMerges.workspaceId, workspaceId), or(eq(schema.customerMerges.survivorId, customerId), eq(schema.customerMerges.mergedId, customerId)), isNull(schema.customerMerges.undoneAt)))
    .orderBy(schema.customerMerges.createdAt);
  const identities = links.map(({ identity: i, link: l }) => {
    const moved = movedToward(history, customerId).findLast((h) => h.movedLinkIds.includes(l.id));
    return {
      id: i.id,
      linkId: l.id,
      channelKind: i.channelKind,
      externalId: i.externalId,
      handle: i.handle,
      displayName: i.displayName,
      email: i.email,
      followers: i.followers,
      verified: i.verified,
      profileUrl: i.profileUrl,
      avatarUrl: i.avatarUrl,
      link: { confidence: l.confidence, reason: l.reason, linkedBy: l.linkedBy, linkedAt: l.linkedAt },
      movedBy: moved
        ? { historyId: moved.id, kind: moved.kind, fromCustomerId: moved.kind === 'merge' ? moved.mergedId : moved.survivorId, reason: moved.reason, confidence: moved.confidence, by: moved.mergedBy, at: moved.createdAt }
        : null,
    };
  });

  const cv = schema.conversations;
  const conversations = await tx
    .select({
      id: cv.id,
      channelId: cv.channelId,
      channelKind: schema.channels.kind,
      subject: cv.subject,
      status: cv.status,
      priority: cv.priority,
      sentiment: cv.sentiment,
      intent: cv.intent,
      createdAt: cv.createdAt,
      lastMessageAt: cv.lastMessageAt,
      firstResponseAt: cv.firstResponseAt,
      firstResponseSeconds: sql<number | null>`(extract(epoch from ${cv.firstResponseAt} - ${cv.createdAt}))::int`,
      relievedAt: cv.relievedAt,
      resolvedAt: cv.resolvedAt,
      closedAt: cv.closedAt,
    })
    .from(cv)
    .leftJoin(schema.channels, eq(schema.channels.id, cv.channelId))
    .where(and(eq(cv.workspaceId, workspaceId), eq(cv.customerId, customerId)))
    .orderBy(desc(cv.createdAt))
    .limit(CONVERSATIONS_SHOWN);
  const [counts] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      open: sql<number>`(count(*) filter (where ${inArray(cv.status, OPEN_STATUSES as never[])}))::int`,
      resolved: sql<number>`(count(*) filter (where ${inArray(cv.status, ['resolved', 'closed'])}))::int`,
    })
    .from(cv)
    .where(and(eq(cv.workspaceId, workspaceId), eq(cv.customerId, customerId)));

  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    tier: customer.tier,
    isVip: customer.isVip,
    optedOut: customer.optedOut,
    attributes: customer.attributes,
    notes: customer.notes,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
    mergedInto,
    identities,
    influence: {
      maxFollowers: Math.max(0, ...identities.map((i) => i.followers ?? 0)),
      isVerified: identities.some((i) => i.verified),
      networks: [...new Set(identities.map((i) => i.channelKind))],
    },
    conversations,
    conversationCounts: counts ?? { total: 0, open: 0, resolved: 0 },
    sentiment: await sentimentByDay(tx, workspaceId, identities.map((i) => i.id)),
  };
};

export type Customer360 = Awaited<ReturnType<typeof getCustomer360>>;

/** What the customer's identities wrote, per day in the workspace's time zone, the latest 90 days that have any. */
const sentimentByDay = async (tx: Tx, workspaceId: string, identityIds: string[]) => {
  if (!identityIds.length) return [];
  const [ws] = await tx.select({ timeZone: schema.workspaces.timeZone }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  const m = schema.mentions;
  const day = sql<string>`to_char(${m.authoredAt} at time zone ${ws?.timeZone ?? 'UTC'}, 'YYYY-MM-DD')`;
  const rows = await tx
    .select({
      day,
      mentions: sql<number>`count(*)::int`,
      negative: sql<number>`(count(*) filter (where ${m.sentiment} = 'negative'))::int`,
      neutral: sql<number>`(count(*) filter (where ${m.sentiment} = 'neutral'))::int`,
      positive: sql<number>`(count(*) filter (where ${m.sentiment} = 'positive'))::int`,
      averageScore: sql<number | null>`round(avg(${m.sentimentScore})::numeric, 3)::float8`,
    })
    .from(m)
    .where(and(eq(m.workspaceId, workspaceId), inArray(m.identityId, identityIds), eq(m.isOwn, false)))
    // By position: the day expression carries the time zone as a parameter, numbered anew each time it appears.
    .groupBy(sql`1`)
    .orderBy(sql`1 desc`)
    .limit(SENTIMENT_DAYS);
  return rows.reverse();
};
