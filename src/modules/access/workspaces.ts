import { AppError } from '../../platform/errors/index.ts';
import { eq, schema, sql, type Database, type Tx } from '../../platform/db/index.ts';

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

/**
 * `settings` is a merge patch at the top level: the keys given replace theirs, a key set to null
 * is removed, keys not given stay — several screens own different keys and must not undo each
 * other's saves.
 */
export const updateWorkspace = async (
  db: Database,
  id: string,
  patch: { name?: string; timeZone?: string; settings?: Record<string, unknown> },
): Promise<Workspace> => {
  const { settings, ...rest } = patch;
  const removed = settings ? Object.keys(settings).filter((k) => settings[k] === null) : [];
  const given = Object.fromEntries(Object.entries(settings ?? {}).filter(([, v]) => v !== null));
  const merged = settings
    ? sql`(${schema.workspaces.settings} || ${JSON.stringify(given)}::jsonb) - array(select jsonb_array_elements_text(${JSON.stringify(removed)}::jsonb))`
    : undefined;
  const rows = await db.system((tx) =>
    tx
      .update(schema.workspaces)
      .set({ ...rest, ...(merged ? { settings: merged } : {}), updatedAt: new Date() })
      .where(eq(schema.workspaces.id, id))
      .returning(),
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', 'Workspace not found');
  return rows[0];
};

/**
 * Set (or, with undefined, remove) one key of `workspaces.settings` without touching the others,
 * in one statement: screens that own different keys (triage weights, compliance…) cannot undo
 * each other's saves.
 */
export const setWorkspaceSetting = async (db: Database, id: string, key: string, value: unknown): Promise<Workspace> => {
  const next = value === undefined ? sql`${schema.workspaces.settings} - ${key}::text` : sql`${schema.workspaces.settings} || jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb)`;
  const rows = await db.system((tx) => tx.update(schema.workspaces).set({ settings: next, updatedAt: new Date() }).where(eq(schema.workspaces.id, id)).returning());
  if (!rows[0]) throw new AppError('NOT_FOUND', 'Workspace not found');
  return rows[0];
};
