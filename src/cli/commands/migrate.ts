import type { Command } from 'commander';
import { run, withDatabase } from '../runtime.ts';

export const registerMigrateCommand = (program: Command): void => {
  program
    .command('migrate')
    .description('apply the database migrations (also done at every start)')
    .action(
      run(async () => {
        await withDatabase(async (db) => {
          process.stdout.write(`migrations applied (${db.kind})\n`);
        });
      }),
    );
};
