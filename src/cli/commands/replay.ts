import type { Command } from 'commander';
import { systemClock } from '../../platform/clock/index.ts';
import { EventBus } from '../../platform/events/index.ts';
import { createLogger } from '../../platform/logger/index.ts';
import { PipelineRunner, queueReplay } from '../../modules/ingestion/index.ts';
import { createStages } from '../../worker/stages.ts';
import { resolveWorkspace } from './admin.ts';
import { CliError, run, withDatabase } from '../runtime.ts';

export const registerReplayCommand = (program: Command): void => {
  program
    .command('replay')
    .description('run every pipeline stage again from the raw store (idempotent: nothing is stored twice)')
    .option('--since <time>', 'only items received at or after this ISO 8601 time')
    .option('--channel <id>', 'only this channel')
    .option('--workspace <slug>', 'workspace (default: the only one)')
    .action((o: { since?: string; channel?: string; workspace?: string }) =>
      run(async () => {
        const since = o.since ? new Date(o.since) : undefined;
        if (since && Number.isNaN(since.getTime())) throw new CliError(`--since "${o.since}" is not an ISO 8601 time`);
        await withDatabase(async (db) => {
          const ws = await resolveWorkspace(db, o.workspace);
          const queued = await queueReplay(db, ws.id, { since, channelId: o.channel });
          const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
          const processed = await new PipelineRunner(db, createStages({ clock: systemClock, log }), new EventBus(), systemClock, log, { batchSize: 1000 }).drain();
          process.stdout.write(`${JSON.stringify({ queued, processed })}\n`);
        });
      })(),
    );
};
