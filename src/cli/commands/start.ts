import type { Command } from 'commander';
import { startServer } from '../../server/index.ts';
import { DataDirLockedError } from '../../platform/db/index.ts';
import { startWorkers } from '../../worker/index.ts';
import { loadConfigOrExit } from '../runtime.ts';

export const registerStartCommand = (program: Command): void => {
  program
    .command('start')
    .description('run the server and the pipeline workers in one process')
    .action(async () => {
      const config = loadConfigOrExit();
      let server;
      try {
        server = await startServer(config, { startBackground: config.runWorkers ? startWorkers : undefined });
      } catch (e) {
        if (e instanceof DataDirLockedError) {
          process.stderr.write(`error: ${e.message}\n`);
          process.exit(1);
        }
        throw e;
      }
      server.ctx.log.info({ url: server.url, database: server.ctx.db.kind, dataDir: server.ctx.db.kind === 'pglite' ? config.dataDir : undefined }, 'Lookout is running');
      process.stdout.write(`Lookout is running on ${server.url} (database: ${server.ctx.db.kind === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})\n`);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        server.ctx.log.info({ signal }, 'shutting down');
        // A second signal, or a drain that hangs, must not keep the process alive forever.
        const force = setTimeout(() => process.exit(1), 15_000);
        force.unref();
        server.close().then(
          () => process.exit(0),
          (err) => {
            server.ctx.log.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
};
