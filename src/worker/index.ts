import type { AppContext } from '../server/context.ts';
import { PipelineRunner } from '../modules/ingestion/index.ts';
import { ChannelRuntime } from './channel-runtime.ts';
import { createStages } from './stages.ts';

/**
 * Background work of one process: the pipeline stages fed by the PostgreSQL queue, the channels'
 * polls and streams. Returns a handle that stops everything and waits for it.
 */
export const startWorkers = async (ctx: AppContext): Promise<{ stop(): Promise<void> }> => {
  const runner = new PipelineRunner(ctx.db, createStages(ctx), ctx.bus, ctx.clock, ctx.log.child({ module: 'pipeline' }));
  ctx.pipeline.wake = () => runner.wake();
  runner.start();
  const channels = new ChannelRuntime({ db: ctx.db, box: ctx.box, log: ctx.log.child({ module: 'channels' }), wake: () => runner.wake() });
  await channels.start();
  return {
    stop: async () => {
      await channels.stop();
      await runner.stop();
    },
  };
};
