import { AppError } from '../../platform/errors/index.ts';
import { and, count, enterWorkspace, eq, gt, isNull, schema, type Database } from '../../platform/db/index.ts';
import { randomToken } from '../../platform/ids/index.ts';
import { sha256Hex } from '../../platform/crypto/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { createWorkspace, slugify } from './workspaces.ts';
import { createMember, validateEmail, validatePassword } from './members.ts';
import { recordAudit } from './audit.ts';

/** True while no member exists anywhere: the first person in needs the setup link. */
export const needsSetup = async (db: Database): Promise<boolean> => {
  const [row] = await db.system((tx) => tx.select({ n: count() }).from(schema.members));
  return Number(row?.n ?? 0) === 0;
};

/** A one-time link, valid 24 hours, printed at first start. */
export const createSetupToken = async (db: Database, clock: Clock): Promise<string> => {
  const token = randomToken(24);
  await db.system((tx) =>
    tx.insert(schema.setupTokens).values({ tokenHash: sha256Hex(token), expiresAt: new Date(clock.now().getTime() + 24 * 3_600_000) }),
  );
  return token;
};

export interface SetupInput {
  token: string;
  workspaceName: string;
  workspaceSlug?: string;
  name: string;
  email: string;
  password: string;
}

/** Creates the first workspace and its admin, spending the setup token. */
export const completeSetup = async (db: Database, clock: Clock, input: SetupInput): Promise<{ workspaceId: string; memberId: string; slug: string }> => {
  const email = validateEmail(input.email);
  validatePassword(input.password);
  const now = clock.now();
  return db.system(async (tx) => {
    const spent = await tx
      .update(schema.setupTokens)
      .set({ usedAt: now })
      .where(and(eq(schema.setupTokens.tokenHash, sha256Hex(input.token)), isNull(schema.setupTokens.usedAt), gt(schema.setupTokens.expiresAt, now)))
      .returning();
    if (!spent.length) throw new AppError('UNAUTHENTICATED', 'This setup link is invalid, used or expired. Run `lookout user create --admin` or restart Lookout for a new link.');
    const ws = await createWorkspace(tx, { slug: input.workspaceSlug || slugify(input.workspaceName), name: input.workspaceName });
    // The tenant wall applies from the first row on: the admin is created inside the workspace.
    await enterWorkspace(tx, ws.id);
    const member = await createMember(tx, ws.id, { email, name: input.name, role: 'admin', password: input.password });
    await recordAudit(tx, { system: true, workspaceId: ws.id }, { action: 'workspace.setup', subjectType: 'member', subjectId: member.id });
    return { workspaceId: ws.id, memberId: member.id, slug: ws.slug };
  });
};
