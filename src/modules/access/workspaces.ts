import { AppError } from '../../platform/errors/index.ts';
import { eq, schema, type Database, type Tx } from '../../platform/db/index.ts';

export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

export type Workspace = typeof schema.workspaces.$inferSelect;

export const slugify = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48) || 'workspace';

/** Workspaces are the tenants themselves, so creating and finding them is system work. */
export const createWorkspace = async (tx: Tx, input: { slug: string; name: string; timeZone?: string }): Promise<Workspace> => {
  if (!SLUG_RE.test(input.slug)) {
    throw new AppError('VALIDATION_FAILED', 'Invalid workspace slug', [{ path: '/slug', message: 'lower-case letters, digits and dashes, 1–48 characters' }]);
  }
  const existing = await tx.select({ id: schema.workspaces.id }).from(schema.workspaces).where(eq(schema.workspaces.slug, input.slug));
  if (existing.length) throw new AppError('CONFLICT', `A workspace "${input.slug}" already exists`, [{ path: '/slug', message: 'already taken' }]);
  const [ws] = await tx
    .insert(schema.workspaces)
    .values({ slug: input.slug, name: input.name, timeZone: input.timeZone ?? 'UTC' })
    .returning();
  return ws!;
};

export const findWorkspaceBySlug = async (db: Database, slug: string): Promise<Workspace | null> => {
  const rows = await db.system((tx) => tx.select().from(schema.workspaces).where(eq(schema.workspaces.slug, slug)));
  return rows[0] ?? null;
};

export const listWorkspaces = (db: Database): Promise<Workspace[]> =>
  db.system((tx) => tx.select().from(schema.workspaces).orderBy(schema.workspaces.createdAt));

export const getWorkspace = async (db: Database, id: string): Promise<Workspace | null> => {
  const rows = await db.system((tx) => tx.select().from(schema.workspaces).where(eq(schema.workspaces.id, id)));
  return rows[0] ?? null;
};

export const updateWorkspace = async (
  db: Database,
  id: string,
  patch: { name?: string; timeZone?: string; settings?: Record<string, unknown> },
): Promise<Workspace> => {
  const rows = await db.system((tx) =>
    tx
      .update(schema.workspaces)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(schema.workspaces.id, id))
      .returning(),
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', 'Workspace not found');
  return rows[0];
};
