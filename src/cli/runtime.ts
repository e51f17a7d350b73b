import { ConfigError, loadConfig, type Config } from '../platform/config/index.ts';
import { DataDirLockedError, openDatabase, type Database } from '../platform/db/index.ts';
import { isAppError } from '../platform/errors/index.ts';

/** Exit codes: 1 for configuration and usage problems, 2 for failures while running. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export const loadConfigOrExit = (): Readonly<Config> => {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    // Unexpected: say what failed in one line; the stack only when asked for (LOG_LEVEL=debug).
    const err = e as Error & { cause?: Error };
    process.stderr.write(`error: ${err.cause?.message ?? err.message}\n`);
    if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') process.stderr.write(`${err.stack}\n`);
    process.exit(2);
  }
};

/** Opens (and migrates) the configured database for one CLI command, and always closes it. */
export const withDatabase = async <T>(fn: (db: Database, config: Readonly<Config>) => Promise<T>): Promise<T> => {
  const config = loadConfigOrExit();
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl?.reveal() ?? null, dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new CliError(`${e.message}\n(For the embedded database, CLI commands that write must run while the server is stopped.)`);
    throw e;
  }
  try {
    await db.migrate();
    return await fn(db, config);
  } finally {
    await db.close();
  }
};

/** Runs a command body; prints a clean message (no stack) for expected errors. */
export const run = (fn: () => Promise<void>) => async () => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exit(e.exitCode);
    }
    if (isAppError(e)) {
      const fields = e.fields.map((f) => `\n  ${f.path}: ${f.message}`).join('');
      process.stderr.write(`error: ${e.message}${fields}\n`);
      process.exit(1);
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    // Unexpected: say what failed in one line; the stack only when asked for (LOG_LEVEL=debug).
    const err = e as Error & { cause?: Error };
    process.stderr.write(`error: ${err.cause?.message ?? err.message}\n`);
    if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') process.stderr.write(`${err.stack}\n`);
    process.exit(2);
  }
};
