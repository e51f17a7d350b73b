import type { Config } from '../platform/config/index.ts';
import { openDatabase, type Database } from '../platform/db/index.ts';
import { systemClock, type Clock } from '../platform/clock/index.ts';
import { createLogger, type Logger } from '../platform/logger/index.ts';
import { EventBus } from '../platform/events/index.ts';
import { SecretBox } from '../platform/crypto/index.ts';
import { createSetupToken, needsSetup } from '../modules/access/index.ts';
import { buildApp } from './app.ts';
import type { AppContext } from './context.ts';
import type { App } from './routes/types.ts';

export interface RunningServer {
  app: App;
  ctx: AppContext;
  url: string;
  /** Stop accepting, drain requests in flight, stop background work, close the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  db?: Database;
  /** Background work (pipeline workers, schedulers) to start after the server listens. */
  startBackground?: (ctx: AppContext) => Promise<{ stop(): Promise<void> }>;
  printSetupLink?: (url: string) => void;
}

export const startServer = async (config: Readonly<Config>, opts: StartOptions = {}): Promise<RunningServer> => {
  const log = opts.log ?? createLogger(config.logLevel);
  const db = opts.db ?? (await openDatabase({ databaseUrl: config.databaseUrl?.reveal() ?? null, dataDir: config.dataDir }));
  try {
    await db.migrate();
  } catch (e) {
    await db.close();
    throw e;
  }
  const ctx: AppContext = { config, db, clock: opts.clock ?? systemClock, log, bus: new EventBus(), box: new SecretBox(config.secretKey.reveal()), pipeline: { wake: () => {} } };
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;

  if (await needsSetup(db)) {
    const token = await createSetupToken(db, ctx.clock);
    const base = config.publicUrl.replace(/:\d+$/, '') === 'http://localhost' ? url : config.publicUrl;
    (opts.printSetupLink ?? ((u) => process.stdout.write(`\nNo one can sign in yet. Open this one-time link to create the first admin:\n  ${u}\n\n`)))(`${base}/setup?token=${token}`);
  }

  const background = opts.startBackground ? await opts.startBackground(ctx) : null;
  let closing: Promise<void> | null = null;
  return {
    app,
    ctx,
    url,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await background?.stop();
        await db.close();
      })()),
  };
};
