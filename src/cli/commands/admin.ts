import type { Command } from 'commander';
import {
  createApiToken, createMember, createWorkspace, findWorkspaceBySlug, isRole, listWorkspaces, recordAudit, slugify, type Role,
} from '../../modules/access/index.ts';
import { enterWorkspace, type Database } from '../../platform/db/index.ts';
import { CliError, run, withDatabase } from '../runtime.ts';

/** The workspace a command means: --workspace SLUG, else the only one there is. */
export const resolveWorkspace = async (db: Database, slug?: string, opts: { createDefault?: boolean } = {}) => {
  if (slug) {
    const ws = await findWorkspaceBySlug(db, slug);
    if (!ws) throw new CliError(`No workspace "${slug}". Create it with: lookout workspace create --name "…" --slug ${slug}`);
    return ws;
  }
  const all = await listWorkspaces(db);
  if (all.length === 1) return all[0]!;
  if (all.length === 0) {
    if (opts.createDefault) return db.system((tx) => createWorkspace(tx, { slug: 'default', name: 'Default' }));
    throw new CliError('There is no workspace yet. Create one with: lookout workspace create --name "Acme"');
  }
  throw new CliError(`There are ${all.length} workspaces; choose one with --workspace (${all.map((w) => w.slug).join(', ')})`);
};

const parseRole = (role: string): Role => {
  if (!isRole(role)) throw new CliError(`Unknown role "${role}": use admin, supervisor, agent, analyst or product`);
  return role;
};

export const registerAdminCommands = (program: Command): void => {
  const workspace = program.command('workspace').description('manage workspaces');
  workspace
    .command('create')
    .description('create a workspace')
    .requiredOption('--name <name>', 'display name')
    .option('--slug <slug>', 'short id used in URLs and --workspace (default: from the name)')
    .option('--time-zone <tz>', 'IANA time zone', 'UTC')
    .action((o: { name: string; slug?: string; timeZone: string }) =>
      run(async () => {
        await withDatabase(async (db) => {
          const ws = await db.system((tx) => createWorkspace(tx, { name: o.name, slug: o.slug ?? slugify(o.name), timeZone: o.timeZone }));
          process.stdout.write(`workspace ${ws.slug} created (${ws.id})\n`);
        });
      })(),
    );
  workspace
    .command('list')
    .description('list workspaces')
    .action(() =>
      run(async () => {
        await withDatabase(async (db) => {
          for (const w of await listWorkspaces(db)) process.stdout.write(`${w.slug}\t${w.name}\t${w.id}\n`);
        });
      })(),
    );

  program
    .command('user')
    .description('manage members')
    .command('create')
    .description('add a member to a workspace (on an empty database, --admin also creates the workspace "default")')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .option('--role <role>', 'admin, supervisor, agent, analyst or product', 'agent')
    .option('--admin', 'same as --role admin')
    .option('--password <password>', 'password (or set LOOKOUT_PASSWORD; prefer the variable: arguments show in ps)')
    .option('--workspace <slug>', 'workspace (default: the only one)')
    .action((o: { email: string; name: string; role: string; admin?: boolean; password?: string; workspace?: string }) =>
      run(async () => {
        const password = o.password ?? process.env.LOOKOUT_PASSWORD;
        if (!password) throw new CliError('Give a password with --password or the LOOKOUT_PASSWORD variable');
        const role = o.admin ? 'admin' : parseRole(o.role);
        await withDatabase(async (db) => {
          const ws = await resolveWorkspace(db, o.workspace, { createDefault: role === 'admin' });
          const m = await db.system(async (tx) => {
            await enterWorkspace(tx, ws.id);
            const member = await createMember(tx, ws.id, { email: o.email, name: o.name, role, password });
            await recordAudit(tx, { system: true, workspaceId: ws.id }, { action: 'member.created', subjectType: 'member', subjectId: member.id, data: { role, via: 'cli' } });
            return member;
          });
          process.stdout.write(`${m.role} ${m.email} added to workspace ${ws.slug}\n`);
        });
      })(),
    );

  program
    .command('token')
    .description('manage API tokens')
    .command('create')
    .description('create an API token for integrations (printed once)')
    .requiredOption('--name <name>')
    .option('--role <role>', 'role the token acts with', 'agent')
    .option('--workspace <slug>', 'workspace (default: the only one)')
    .action((o: { name: string; role: string; workspace?: string }) =>
      run(async () => {
        const role = parseRole(o.role);
        await withDatabase(async (db) => {
          const ws = await resolveWorkspace(db, o.workspace);
          const t = await createApiToken(db, { system: true, workspaceId: ws.id }, { name: o.name, role });
          process.stdout.write(`${t.token}\n`);
        });
      })(),
    );
};
