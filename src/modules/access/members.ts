import { AppError } from '../../platform/errors/index.ts';
import { and, asc, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
import type { Role } from './permissions.ts';

export type MemberRow = typeof schema.members.$inferSelect;
/** A member as the API shows it: never the password hash. */
export type Member = Omit<MemberRow, 'passwordHash'>;

export const toMember = ({ passwordHash: _omit, ...m }: MemberRow): Member => m;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const validateEmail = (email: string, path = '/email'): string => {
  const e = email.trim().toLowerCase();
  if (!EMAIL_RE.test(e) || e.length > 254) throw new AppError('VALIDATION_FAILED', 'Invalid email address', [{ path, message: 'not an email address' }]);
  return e;
};

export const validatePassword = (password: string, path = '/password'): void => {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('VALIDATION_FAILED', 'Password too short', [{ path, message: `at least ${MIN_PASSWORD_LENGTH} characters` }]);
  }
};

export interface NewMember {
  email: string;
  name: string;
  role: Role;
  password?: string | null;
  persona?: string | null;
  capacity?: number;
  skills?: { languages?: string[]; channels?: string[] };
}

export const createMember = async (tx: Tx, workspaceId: string, input: NewMember): Promise<Member> => {
  const email = validateEmail(input.email);
  if (input.password) validatePassword(input.password);
  const dup = await tx
    .select({ id: schema.members.id })
    .from(schema.members)
    .where(and(eq(schema.members.workspaceId, workspaceId), sql`lower(${schema.members.email}) = ${email}`));
  if (dup.length) throw new AppError('CONFLICT', 'A member with this email already exists', [{ path: '/email', message: 'already a member' }]);
  const [row] = await tx
    .insert(schema.members)
    .values({
      workspaceId,
      email,
      name: input.name,
      role: input.role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      persona: input.persona ?? null,
      capacity: input.capacity ?? 20,
      skills: input.skills ?? {},
    })
    .returning();
  return toMember(row!);
};

export const listMembers = async (tx: Tx, workspaceId: string): Promise<Member[]> =>
  (await tx.select().from(schema.members).where(eq(schema.members.workspaceId, workspaceId)).orderBy(asc(schema.members.name))).map(toMember);

export const getMember = async (tx: Tx, workspaceId: string, id: string): Promise<Member> => {
  const [row] = await tx.select().from(schema.members).where(and(eq(schema.members.workspaceId, workspaceId), eq(schema.members.id, id)));
  if (!row) throw new AppError('NOT_FOUND', 'Member not found');
  return toMember(row);
};

export interface MemberPatch {
  name?: string;
  role?: Role;
  persona?: string | null;
  capacity?: number;
  skills?: { languages?: string[]; channels?: string[] };
  availability?: 'online' | 'away' | 'offline';
  isActive?: boolean;
  password?: string;
}

export const updateMember = async (tx: Tx, workspaceId: string, id: string, patch: MemberPatch): Promise<Member> => {
  const { password, ...rest } = patch;
  if (password) validatePassword(password);
  const [row] = await tx
    .update(schema.members)
    .set({ ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}), updatedAt: new Date() })
    .where(and(eq(schema.members.workspaceId, workspaceId), eq(schema.members.id, id)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'Member not found');
  // A deactivated member is signed out everywhere at once.
  if (patch.isActive === false) await tx.delete(schema.sessions).where(eq(schema.sessions.memberId, id));
  return toMember(row);
};

/** Refuses to leave a workspace without an active admin. */
export const assertAdminRemains = async (tx: Tx, workspaceId: string, changingId: string): Promise<void> => {
  const admins = await tx
    .select({ id: schema.members.id })
    .from(schema.members)
    .where(and(eq(schema.members.workspaceId, workspaceId), eq(schema.members.role, 'admin'), eq(schema.members.isActive, true)));
  if (admins.length === 1 && admins[0]!.id === changingId) {
    throw new AppError('CONFLICT', 'A workspace needs at least one active admin');
  }
};
