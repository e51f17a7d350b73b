import type { AppContext } from '../server/context.ts';
import { PipelineRunner } from '../modules/ingestion/index.ts';
import { ChannelRuntime } from './channel-runtime.ts';
import { createStages } from './stages.ts';
import { startChannelHealth } from './channel-health.ts';
import { startSlaScheduler } from './sla-scheduler.ts';
import { OutboxWorker } from './outbox.ts';
import { SurveyScheduler } from './survey-scheduler.ts';
import { startOutreachReplies } from './outreach-replies.ts';
import { DrillRunner } from './drill-runner.ts';
import { startDetectionFeed } from './detection-feed.ts';
import { startIncidentResponses } from './incident-responses.ts';
import { startAlertDispatcher } from './alert-dispatcher.ts';
import { startMaintenance } from './maintenance.ts';

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
  const surveys = new SurveyScheduler({ db: ctx.db, bus: ctx.bus, clock: ctx.clock, log: ctx.log.child({ module: 'surveys' }), publicUrl: ctx.config.publicUrl });
  surveys.start();
  const outreachReplies = startOutreachReplies({ db: ctx.db, bus: ctx.bus, clock: ctx.clock, log: ctx.log.child({ module: 'outreach' }) });
  const drills = new DrillRunner({ db: ctx.db, bus: ctx.bus, box: ctx.box, clock: ctx.clock, log: ctx.log.child({ module: 'drills' }), wakePipeline: () => runner.wake() });
  drills.start();
  const detection = startDetectionFeed({ db: ctx.db, bus: ctx.bus, clock: ctx.clock, log: ctx.log.child({ module: 'detection' }) });
  const incidentResponses = startIncidentResponses({ db: ctx.db, bus: ctx.bus, clock: ctx.clock, log: ctx.log.child({ module: 'incidents' }) });
  const alerts = startAlertDispatcher(ctx);
  const maintenance = startMaintenance({ db: ctx.db, log: ctx.log.child({ module: 'maintenance' }) });
  return {
    stop: async () => {
      maintenance.stop();
      await alerts.stop();
      incidentResponses.stop();
      await detection.stop();
      health.stop();
      await drills.stop();
      sla.stop();
      surveys.stop();
      outreachReplies.stop();
      await outbox.stop();
      await channels.stop();
      await runner.stop();
    },
  };
};
