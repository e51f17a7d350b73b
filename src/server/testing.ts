import { loadConfig, type Config } from '../platform/config/index.ts';
import { createTestDatabase } from '../platform/db/testing.ts';
import { FakeClock, type Clock } from '../platform/clock/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { EventBus } from '../platform/events/index.ts';
import { SecretBox } from '../platform/crypto/index.ts';
import { enterWorkspace } from '../platform/db/index.ts';
import { createApiToken, createMember, createWorkspace, type Role } from '../modules/access/index.ts';
import { buildApp } from './app.ts';
import type { AppContext } from './context.ts';
import type { App } from './routes/types.ts';

/**
 * An in-process Lookout for tests: a fresh migrated database (PGlite, or PostgreSQL when
 * TEST_DATABASE_URL is set), the real app, requests through `app.inject()`.
 */
export interface TestApp {
  app: App;
  ctx: AppContext;
  clock: FakeClock;
  close(): Promise<void>;
}

export const testConfig = (over: Record<string, string> = {}): Readonly<Config> =>
  loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOOKOUT_SECRET_KEY: 'test-secret-key-0123456789abcdefghijkl', LOOKOUT_DATA_DIR: '/tmp/lookout-test-unused', ...over });

export const createTestApp = async (opts: { config?: Record<string, string>; clock?: Clock } = {}): Promise<TestApp> => {
  const { db, cleanup } = await createTestDatabase();
  const clock = (opts.clock as FakeClock | undefined) ?? new FakeClock(new Date());
  const config = testConfig(opts.config);
  const ctx: AppContext = { config, db, clock, log: silentLogger(), bus: new EventBus(), box: new SecretBox(config.secretKey.reveal()), pipeline: { wake: () => {} } };
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    clock,
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
};

export const PASSWORD = 'correct horse battery';

export interface SeededWorkspace {
  id: string;
  slug: string;
  members: Record<Role, { id: string; email: string }>;
}

/** A workspace with one member of every role, all with the password PASSWORD. */
export const seedWorkspace = async (ctx: AppContext, slug: string): Promise<SeededWorkspace> => {
  return ctx.db.system(async (tx) => {
    const ws = await createWorkspace(tx, { slug, name: slug.toUpperCase() });
    await enterWorkspace(tx, ws.id);
    const members = {} as SeededWorkspace['members'];
    for (const role of ['admin', 'supervisor', 'agent', 'analyst', 'product'] as const) {
      const m = await createMember(tx, ws.id, { email: `${role}@${slug}.test`, name: `${role} of ${slug}`, role, password: PASSWORD });
      members[role] = { id: m.id, email: m.email };
    }
    return { id: ws.id, slug, members };
  });
};

export interface Credentials {
  headers: Record<string, string>;
}

/** Signs in through the API and returns the headers a browser would send (cookie + CSRF token). */
export const signInAs = async (t: TestApp, email: string, password = PASSWORD): Promise<Credentials> => {
  const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lookout_session');
  return { headers: { cookie: `lookout_session=${cookie!.value}`, 'x-csrf-token': res.json().csrfToken } };
};

export const tokenFor = async (t: TestApp, workspaceId: string, role: Role): Promise<Credentials> => {
  const { token } = await createApiToken(t.ctx.db, { system: true, workspaceId }, { name: `test ${role}`, role });
  return { headers: { authorization: `Bearer ${token}` } };
};
