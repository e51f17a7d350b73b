import { AppError } from '../../platform/errors/index.ts';
import { and, asc, desc, eq, schema, sql, type Database, type Tx } from '../../platform/db/index.ts';
import type { SecretBox } from '../../platform/crypto/index.ts';
import { randomToken } from '../../platform/ids/index.ts';
import { connectorFor } from './registry.ts';

export type ChannelRow = typeof schema.channels.$inferSelect;

/** A channel as the API shows it: which secrets are set, never their values. */
export interface ChannelView {
  id: string;
  kind: string;
  name: string;
  config: Record<string, unknown>;
  secretNames: string[];
  status: ChannelRow['status'];
  health: ChannelRow['health'];
  publicKey: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const secretNamesOf = (box: SecretBox, sealed: string | null): string[] => {
  if (!sealed) return [];
  try {
    return Object.keys(JSON.parse(box.open(sealed)) as Record<string, string>);
  } catch {
    return [];
  }
};

export const toChannelView = (box: SecretBox, c: ChannelRow): ChannelView => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  config: c.config,
  secretNames: secretNamesOf(box, c.secretsSealed),
  status: c.status,
  health: c.health,
  publicKey: c.publicKey,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export interface ChannelInput {
  kind: string;
  name: string;
  config?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

/** Kinds that receive pushes at a public URL get an unguessable key for it. */
const NEEDS_PUBLIC_KEY = new Set(['webhook', 'webchat', 'x']);

export const createChannel = async (tx: Tx, box: SecretBox, workspaceId: string, input: ChannelInput): Promise<ChannelRow> => {
  if (!connectorFor(input.kind)) throw new AppError('VALIDATION_FAILED', `Unknown channel kind "${input.kind}"`, [{ path: '/body/kind', message: 'not a supported channel kind' }]);
  const [row] = await tx
    .insert(schema.channels)
    .values({
      workspaceId,
      kind: input.kind,
      name: input.name,
      config: input.config ?? {},
      secretsSealed: input.secrets && Object.keys(input.secrets).length ? box.seal(JSON.stringify(input.secrets)) : null,
      publicKey: NEEDS_PUBLIC_KEY.has(input.kind) ? `ch_${randomToken(18)}` : null,
    })
    .returning();
  return row!;
};

export const listChannels = (tx: Tx, workspaceId: string): Promise<ChannelRow[]> =>
  tx.select().from(schema.channels).where(eq(schema.channels.workspaceId, workspaceId)).orderBy(asc(schema.channels.name));

export const getChannel = async (tx: Tx, workspaceId: string, id: string): Promise<ChannelRow> => {
  const [row] = await tx.select().from(schema.channels).where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.id, id)));
  if (!row) throw new AppError('NOT_FOUND', 'Channel not found');
  return row;
};

export interface ChannelPatch {
  name?: string;
  config?: Record<string, unknown>;
  /** Secrets to set; a key set to null is removed; keys not named are kept. */
  secrets?: Record<string, string | null>;
  status?: 'active' | 'paused';
}

export const updateChannel = async (tx: Tx, box: SecretBox, workspaceId: string, id: string, patch: ChannelPatch): Promise<ChannelRow> => {
  const current = await getChannel(tx, workspaceId, id);
  let secretsSealed = current.secretsSealed;
  if (patch.secrets) {
    const merged: Record<string, string> = current.secretsSealed ? (JSON.parse(box.open(current.secretsSealed)) as Record<string, string>) : {};
    for (const [k, v] of Object.entries(patch.secrets)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    secretsSealed = Object.keys(merged).length ? box.seal(JSON.stringify(merged)) : null;
  }
  const [row] = await tx
    .update(schema.channels)
    .set({
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.config ? { config: patch.config } : {}),
      ...(patch.status ? { status: patch.status } : {}),
      // New credentials: give the channel a fresh chance and forget the old error streak.
      ...(patch.secrets ? { secretsSealed, status: patch.status ?? (current.status === 'paused' ? 'paused' : 'active'), health: sql`${schema.channels.health} || '{"consecutiveErrors":0,"problem":null}'::jsonb` } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.id, id)))
    .returning();
  return row!;
};

export const deleteChannel = async (tx: Tx, workspaceId: string, id: string): Promise<void> => {
  const rows = await tx.delete(schema.channels).where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.id, id))).returning({ id: schema.channels.id });
  if (!rows.length) throw new AppError('NOT_FOUND', 'Channel not found');
};

export const openSecrets = (box: SecretBox, c: ChannelRow): Record<string, string> =>
  c.secretsSealed ? (JSON.parse(box.open(c.secretsSealed)) as Record<string, string>) : {};

/** Finds the channel behind a public push URL (webhook, web chat): crosses workspaces by nature. */
export const findChannelByPublicKey = async (db: Database, publicKey: string): Promise<ChannelRow | null> => {
  const rows = await db.system((tx) => tx.select().from(schema.channels).where(eq(schema.channels.publicKey, publicKey)));
  return rows[0] ?? null;
};

/** Health is data: a failure is recorded with its reason and counted, and the streak decides the status. */
export const recordChannelFailure = async (db: Database, workspaceId: string, channelId: string, reason: string, detail: { externalId?: string; raw?: unknown } = {}): Promise<void> => {
  const problem = reason.split(':')[0] ?? 'error';
  await db.tenant(workspaceId, async (tx) => {
    await tx.insert(schema.channelFailures).values({ workspaceId, channelId, reason: reason.slice(0, 2000), externalId: detail.externalId ?? null, raw: (detail.raw ?? null) as never });
    await tx
      .update(schema.channels)
      .set({
        health: sql`${schema.channels.health} || jsonb_build_object(
          'lastErrorAt', now(), 'lastError', ${reason.slice(0, 500)}::text, 'problem', ${problem}::text,
          'consecutiveErrors', coalesce((${schema.channels.health}->>'consecutiveErrors')::int, 0) + 1,
          'failedItems', coalesce((${schema.channels.health}->>'failedItems')::int, 0) + ${detail.externalId ? 1 : 0}::int)`,
        // Credentials that no longer work need a person; other errors are retried.
        status: problem === 'auth' ? 'error' : sql`${schema.channels.status}`,
      })
      .where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.id, channelId)));
  });
};

export const listChannelFailures = (tx: Tx, workspaceId: string, channelId: string, limit = 50) =>
  tx
    .select()
    .from(schema.channelFailures)
    .where(and(eq(schema.channelFailures.workspaceId, workspaceId), eq(schema.channelFailures.channelId, channelId)))
    .orderBy(desc(schema.channelFailures.id))
    .limit(limit);
