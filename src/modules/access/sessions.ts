import { AppError } from '../../platform/errors/index.ts';
import { and, eq, gt, isNull, schema, sql, type Database } from '../../platform/db/index.ts';
import { randomToken } from '../../platform/ids/index.ts';
import { sha256Hex } from '../../platform/crypto/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';

export interface SignInResult {
  /** The cookie value (shown once; only its hash is stored). */
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

const invalid = () => new AppError('UNAUTHENTICATED', 'Email or password is incorrect');

/**
 * Email + password sign-in. An email may belong to members of several workspaces: the
 * workspace slug picks one; without it the password must match exactly one of them.
 */
export const signIn = async (
  db: Database,
  clock: Clock,
  input: { email: string; password: string; workspace?: string; ttlHours: number; userAgent?: string; ip?: string },
): Promise<SignInResult> => {
  const email = input.email.trim().toLowerCase();
  const candidates = await db.system((tx) =>
    tx
      .select({ member: schema.members, slug: schema.workspaces.slug })
      .from(schema.members)
      .innerJoin(schema.workspaces, eq(schema.workspaces.id, schema.members.workspaceId))
      .where(and(sql`lower(${schema.members.email}) = ${email}`, eq(schema.members.isActive, true))),
  );
  const scoped = input.workspace ? candidates.filter((c) => c.slug === input.workspace) : candidates;
  if (!scoped.length) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw invalid();
  }
  const matching = [];
  for (const c of scoped) if (await verifyPassword(c.member.passwordHash, input.password)) matching.push(c);
  if (!matching.length) throw invalid();
  if (matching.length > 1) {
    throw new AppError('VALIDATION_FAILED', 'This email belongs to several workspaces: choose one', [
      { path: '/workspace', message: `one of ${matching.map((m) => m.slug).join(', ')}` },
    ]);
  }
  const { member } = matching[0]!;
  const sessionToken = randomToken(32);
  const csrfToken = randomToken(24);
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + input.ttlHours * 3_600_000);
  const sessionId = sha256Hex(sessionToken);
  await db.tenant(member.workspaceId, async (tx) => {
    await tx.insert(schema.sessions).values({
      id: sessionId,
      workspaceId: member.workspaceId,
      memberId: member.id,
      csrfToken,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      ip: input.ip ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    await tx.update(schema.members).set({ lastSeenAt: now }).where(eq(schema.members.id, member.id));
  });
  return {
    sessionToken,
    csrfToken,
    expiresAt,
    actor: { kind: 'member', workspaceId: member.workspaceId, role: member.role, memberId: member.id, tokenId: null, sessionId, csrfToken },
  };
};

export type SessionLookup = { ok: true; actor: Actor } | { ok: false; reason: 'unknown' | 'expired' };

/** Finds the member behind a session cookie. Sliding: an active session is touched at most once a minute. */
export const authenticateSession = async (db: Database, clock: Clock, sessionToken: string): Promise<SessionLookup> => {
  const id = sha256Hex(sessionToken);
  const rows = await db.system((tx) =>
    tx
      .select({ session: schema.sessions, role: schema.members.role, isActive: schema.members.isActive })
      .from(schema.sessions)
      .innerJoin(schema.members, eq(schema.members.id, schema.sessions.memberId))
      .where(eq(schema.sessions.id, id)),
  );
  const row = rows[0];
  if (!row || !row.isActive) return { ok: false, reason: 'unknown' };
  const now = clock.now();
  if (row.session.expiresAt <= now) {
    await db.system((tx) => tx.delete(schema.sessions).where(eq(schema.sessions.id, id)));
    return { ok: false, reason: 'expired' };
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await db.system((tx) => tx.update(schema.sessions).set({ lastSeenAt: now }).where(eq(schema.sessions.id, id)));
  }
  const s = row.session;
  return {
    ok: true,
    actor: { kind: 'member', workspaceId: s.workspaceId, role: row.role, memberId: s.memberId, tokenId: null, sessionId: s.id, csrfToken: s.csrfToken },
  };
};

export const signOut = async (db: Database, actor: Actor): Promise<void> => {
  if (!actor.sessionId) return;
  await db.tenant(actor.workspaceId, (tx) => tx.delete(schema.sessions).where(eq(schema.sessions.id, actor.sessionId!)));
};

export const TOKEN_PREFIX = 'lk_';

/** Finds the workspace and role behind an API token (`Authorization: Bearer lk_…`). */
export const authenticateToken = async (db: Database, clock: Clock, token: string): Promise<Actor | null> => {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const now = clock.now();
  const rows = await db.system((tx) =>
    tx
      .select()
      .from(schema.apiTokens)
      .where(and(eq(schema.apiTokens.tokenHash, sha256Hex(token)), isNull(schema.apiTokens.revokedAt))),
  );
  const t = rows[0];
  if (!t || (t.expiresAt && t.expiresAt <= now)) return null;
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) {
    await db.system((tx) => tx.update(schema.apiTokens).set({ lastUsedAt: now }).where(eq(schema.apiTokens.id, t.id)));
  }
  return { kind: 'token', workspaceId: t.workspaceId, role: t.role, memberId: null, tokenId: t.id, sessionId: null, csrfToken: null };
};

export const createApiToken = async (
  db: Database,
  by: Actor | { system: true; workspaceId: string },
  input: { name: string; role: Actor['role']; expiresAt?: Date | null },
): Promise<{ token: string; id: string; prefix: string }> => {
  const token = `${TOKEN_PREFIX}${randomToken(30)}`;
  const prefix = token.slice(0, 10);
  const id = await db.tenant(by.workspaceId, async (tx) => {
    const [row] = await tx
      .insert(schema.apiTokens)
      .values({
        workspaceId: by.workspaceId,
        name: input.name,
        tokenHash: sha256Hex(token),
        prefix,
        role: input.role,
        createdBy: 'system' in by ? null : by.memberId,
        expiresAt: input.expiresAt ?? null,
      })
      .returning({ id: schema.apiTokens.id });
    await recordAudit(tx, by, { action: 'token.created', subjectType: 'api_token', subjectId: row!.id, data: { name: input.name, role: input.role } });
    return row!.id;
  });
  return { token, id, prefix };
};

export const listApiTokens = (db: Database, workspaceId: string) =>
  db.tenant(workspaceId, (tx) =>
    tx
      .select({
        id: schema.apiTokens.id,
        name: schema.apiTokens.name,
        prefix: schema.apiTokens.prefix,
        role: schema.apiTokens.role,
        createdAt: schema.apiTokens.createdAt,
        lastUsedAt: schema.apiTokens.lastUsedAt,
        expiresAt: schema.apiTokens.expiresAt,
        revokedAt: schema.apiTokens.revokedAt,
      })
      .from(schema.apiTokens)
      .where(eq(schema.apiTokens.workspaceId, workspaceId)),
  );

export const revokeApiToken = async (db: Database, actor: Actor, id: string): Promise<void> => {
  await db.tenant(actor.workspaceId, async (tx) => {
    const rows = await tx
      .update(schema.apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(schema.apiTokens.workspaceId, actor.workspaceId), eq(schema.apiTokens.id, id), isNull(schema.apiTokens.revokedAt)))
      .returning({ id: schema.apiTokens.id });
    if (!rows.length) throw new AppError('NOT_FOUND', 'Token not found');
    await recordAudit(tx, actor, { action: 'token.revoked', subjectType: 'api_token', subjectId: id });
  });
};

/** Removes expired sessions; run by the scheduler. */
export const purgeExpiredSessions = (db: Database, now: Date) =>
  db.system((tx) => tx.delete(schema.sessions).where(gt(sql`${now}`, schema.sessions.expiresAt)));
