import { randomUUID } from 'node:crypto';
import { schema, type Tx } from '../../platform/db/index.ts';

/**
 * Test fixtures: customers with identities on several networks, conversations and the mentions
 * in them, written straight to the tables the way the pipeline leaves them.
 */

export const seedChannel = async (tx: Tx, workspaceId: string, kind: string): Promise<string> => {
  const [c] = await tx.insert(schema.channels).values({ workspaceId, kind, name: `${kind} channel` }).returning({ id: schema.channels.id });
  return c!.id;
};

export interface SeedIdentity {
  channelKind: string;
  handle: string;
  displayName?: string;
  email?: string;
  followers?: number;
  verified?: boolean;
  profileUrl?: string;
}

export interface SeededPerson {
  customerId: string;
  identityIds: string[];
  linkIds: string[];
}

export const seedPerson = async (
  tx: Tx,
  workspaceId: string,
  p: { name: string; email?: string; tier?: string; isVip?: boolean; attributes?: Record<string, unknown>; identities: SeedIdentity[] },
): Promise<SeededPerson> => {
  const customerId = randomUUID();
  await tx.insert(schema.customers).values({ id: customerId, workspaceId, name: p.name, email: p.email?.toLowerCase() ?? null, tier: p.tier ?? null, isVip: p.isVip ?? false, attributes: p.attributes ?? {} });
  const identityIds: string[] = [];
  const linkIds: string[] = [];
  for (const i of p.identities) {
    const [row] = await tx
      .insert(schema.identities)
      .values({
        workspaceId,
        channelKind: i.channelKind,
        externalId: `${i.channelKind}:${i.handle}:${randomUUID()}`,
        handle: i.handle,
        displayName: i.displayName ?? null,
        email: i.email?.toLowerCase() ?? null, // lower-cased, as the pipeline stores them
        followers: i.followers ?? null,
        verified: i.verified ?? false,
        profileUrl: i.profileUrl ?? null,
      })
      .returning({ id: schema.identities.id });
    const [link] = await tx
      .insert(schema.customerIdentities)
      .values({ workspaceId, customerId, identityId: row!.id, confidence: 1, reason: `first heard on ${i.channelKind}` })
      .returning({ id: schema.customerIdentities.id });
    identityIds.push(row!.id);
    linkIds.push(link!.id);
  }
  return { customerId, identityIds, linkIds };
};

export interface SeedConversation {
  customerId: string;
  channelId: string;
  identityId: string;
  status?: (typeof schema.CONVERSATION_STATUSES)[number];
  createdAt?: Date;
  firstResponseAt?: Date;
  resolvedAt?: Date;
  /** One mention per entry, by `identityId`. */
  mentions?: { sentiment: 'negative' | 'neutral' | 'positive'; score: number; at: Date }[];
}

export const seedConversation = async (tx: Tx, workspaceId: string, c: SeedConversation): Promise<string> => {
  const createdAt = c.createdAt ?? new Date();
  const [row] = await tx
    .insert(schema.conversations)
    .values({
      workspaceId,
      channelId: c.channelId,
      customerId: c.customerId,
      status: c.status ?? 'open',
      createdAt,
      firstResponseAt: c.firstResponseAt ?? null,
      resolvedAt: c.resolvedAt ?? null,
    })
    .returning({ id: schema.conversations.id });
  const mentions = c.mentions ?? [{ sentiment: 'neutral' as const, score: 0, at: createdAt }];
  for (const m of mentions) {
    await tx.insert(schema.mentions).values({
      workspaceId,
      channelId: c.channelId,
      externalId: randomUUID(),
      kind: 'post',
      visibility: 'public',
      text: `a ${m.sentiment} post`,
      identityId: c.identityId,
      conversationId: row!.id,
      sentiment: m.sentiment,
      sentimentScore: m.score,
      authoredAt: m.at,
    });
  }
  return row!.id;
};
