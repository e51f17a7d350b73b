import { AppError } from '../../platform/errors/index.ts';
import { and, asc, eq, inArray, schema, type Tx } from '../../platform/db/index.ts';

export interface Team {
  id: string;
  name: string;
  assignment: 'round_robin' | 'least_loaded' | 'manual';
  memberIds: string[];
}

const withMembers = async (tx: Tx, workspaceId: string, rows: (typeof schema.teams.$inferSelect)[]): Promise<Team[]> => {
  if (!rows.length) return [];
  const links = await tx
    .select()
    .from(schema.teamMembers)
    .where(and(eq(schema.teamMembers.workspaceId, workspaceId), inArray(schema.teamMembers.teamId, rows.map((r) => r.id))));
  return rows.map((r) => ({ id: r.id, name: r.name, assignment: r.assignment, memberIds: links.filter((l) => l.teamId === r.id).map((l) => l.memberId) }));
};

export const listTeams = async (tx: Tx, workspaceId: string): Promise<Team[]> =>
  withMembers(tx, workspaceId, await tx.select().from(schema.teams).where(eq(schema.teams.workspaceId, workspaceId)).orderBy(asc(schema.teams.name)));

export const getTeam = async (tx: Tx, workspaceId: string, id: string): Promise<Team> => {
  const rows = await tx.select().from(schema.teams).where(and(eq(schema.teams.workspaceId, workspaceId), eq(schema.teams.id, id)));
  if (!rows.length) throw new AppError('NOT_FOUND', 'Team not found');
  return (await withMembers(tx, workspaceId, rows))[0]!;
};

const setMembers = async (tx: Tx, workspaceId: string, teamId: string, memberIds: string[]): Promise<void> => {
  const unique = [...new Set(memberIds)];
  if (unique.length) {
    const found = await tx
      .select({ id: schema.members.id })
      .from(schema.members)
      .where(and(eq(schema.members.workspaceId, workspaceId), inArray(schema.members.id, unique)));
    if (found.length !== unique.length) throw new AppError('VALIDATION_FAILED', 'Unknown member', [{ path: '/memberIds', message: 'contains an id that is not a member of this workspace' }]);
  }
  await tx.delete(schema.teamMembers).where(and(eq(schema.teamMembers.workspaceId, workspaceId), eq(schema.teamMembers.teamId, teamId)));
  if (unique.length) await tx.insert(schema.teamMembers).values(unique.map((memberId) => ({ workspaceId, teamId, memberId })));
};

export const createTeam = async (tx: Tx, workspaceId: string, input: { name: string; assignment?: Team['assignment']; memberIds?: string[] }): Promise<Team> => {
  const dup = await tx.select({ id: schema.teams.id }).from(schema.teams).where(and(eq(schema.teams.workspaceId, workspaceId), eq(schema.teams.name, input.name)));
  if (dup.length) throw new AppError('CONFLICT', 'A team with this name exists', [{ path: '/name', message: 'already taken' }]);
  const [row] = await tx.insert(schema.teams).values({ workspaceId, name: input.name, assignment: input.assignment ?? 'least_loaded' }).returning();
  if (input.memberIds) await setMembers(tx, workspaceId, row!.id, input.memberIds);
  return getTeam(tx, workspaceId, row!.id);
};

export const updateTeam = async (tx: Tx, workspaceId: string, id: string, patch: { name?: string; assignment?: Team['assignment']; memberIds?: string[] }): Promise<Team> => {
  await getTeam(tx, workspaceId, id);
  const { memberIds, ...rest } = patch;
  if (Object.keys(rest).length) await tx.update(schema.teams).set({ ...rest, updatedAt: new Date() }).where(and(eq(schema.teams.workspaceId, workspaceId), eq(schema.teams.id, id)));
  if (memberIds) await setMembers(tx, workspaceId, id, memberIds);
  return getTeam(tx, workspaceId, id);
};

export const deleteTeam = async (tx: Tx, workspaceId: string, id: string): Promise<void> => {
  const rows = await tx.delete(schema.teams).where(and(eq(schema.teams.workspaceId, workspaceId), eq(schema.teams.id, id))).returning({ id: schema.teams.id });
  if (!rows.length) throw new AppError('NOT_FOUND', 'Team not found');
};
