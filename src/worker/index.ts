import type { AppContext } from '../server/context.ts';
import { PipelineRunner } from '../modules/ingestion/index.ts';
import { ChannelRuntime } from './channel-runtime.ts';
import { createStages } from './stages.ts';
import { startChannelHealth } from './channel-health.ts';
import { startSlaScheduler } from './sla-scheduler.ts';
import { OutboxWorker } from './outbox.ts';

/**
 * Background work of one process: the pipeline stages fed by the PostgreSQL queue, the channels'
 * polls and streams, the outbox that sends replies. Returns a handle that stops everything and waits for it.
 */
export const startWorkers = async (ctx: AppContext): Promise<{ stop(): Promise<void> }> => {
  const runner = new PipelineRunner(ctx.db, createStages(ctx), ctx.bus, ctx.clock, ctx.log.child({ module: 'pipeline' }));
  ctx.pipeline.wake = () => runner.wake();
  runner.start();
  const channels = new ChannelRuntime({ db: ctx.db, box: ctx.box, log: ctx.log.child({ module: 'channels' }), wake: () => runner.wake() });
  await channels.start();
  const outbox = new OutboxWorker({ db: ctx.db, bus: ctx.bus, box: ctx.box, clock: ctx.clock, log: ctx.log.child({ module: 'outbox' }) });
  outbox.start();
  const health = startChannelHealth({ db: ctx.db, bus: ctx.bus, clock: ctx.clock, log: ctx.log.child({ module: 'channel-health' }) });
  const sla = startSlaScheduler({ db: ctx.db, bus: ctx.bus, clock: ctx.clock, log: ctx.log.child({ module: 'sla' }) });
  return {
    stop: async () => {
      health.stop();
      sla.stop();
      await outbox.stop();
      await channels.stop();
      await runner.stop();
    },
  };
};
