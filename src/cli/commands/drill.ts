import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../../platform/clock/index.ts';
import { SecretBox } from '../../platform/crypto/index.ts';
import { EventBus, recordEvents } from '../../platform/events/index.ts';
import { createLogger } from '../../platform/logger/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { Config } from '../../platform/config/index.ts';
import type { DrillReport, DrillRunView } from '../../contracts/index.ts';
import {
  endDrill, findShippedScenario, getDrillRun, listDrills, listShippedScenarios, parseScenario, ScenarioError, startDrill, summarizeScenario, toDrillView,
} from '../../modules/drills/index.ts';
import { startWorkers } from '../../worker/index.ts';
import type { AppContext } from '../../server/context.ts';
import { resolveWorkspace } from './admin.ts';
import { CliError, run, withDatabase } from '../runtime.ts';

/**
 * `lookout drill list | run | report`. `run` starts a drill and, unless --detach, plays it in
 * this process with the same background workers as `lookout start` (pipeline, detection, alerts,
 * the drill runner) until it finishes by itself or Ctrl-C finishes it, then prints the report.
 * With --detach it only starts the drill: a running `lookout start` on the same PostgreSQL plays it.
 */
export const registerDrillCommands = (program: Command): void => {
  const drill = program.command('drill').description('fire drills: rehearse a crisis on synthetic mentions marked DRILL (nothing leaves Lookout)');

  drill
    .command('list')
    .description('the shipped scenarios, and the drills run in the workspace')
    .option('--workspace <slug>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action((o: { workspace?: string; json?: boolean }) =>
      run(async () => {
        const scenarios = listShippedScenarios().map((s) => summarizeScenario(s.key, s.scenario));
        await withDatabase(async (db) => {
          const ws = await resolveWorkspace(db, o.workspace);
          const list = await db.tenant(ws.id, (tx) => listDrills(tx, ws.id, systemClock.now()));
          if (o.json) return void process.stdout.write(`${JSON.stringify({ scenarios, ...list })}\n`);
          process.stdout.write('Scenarios (lookout drill run KEY):\n');
          for (const s of scenarios) process.stdout.write(`  ${s.key.padEnd(30)} ${s.name} — ${s.mentions} mentions over ${s.durationMinutes} min on ${s.channels.join(', ')}\n`);
          process.stdout.write(list.runs.length ? '\nDrills:\n' : '\nNo drills run yet.\n');
          for (const r of list.runs) {
            process.stdout.write(`  ${r.id}  ${r.startedAt}  ${r.status.padEnd(9)} ${r.report ? `score ${String(r.report.score).padStart(3)}` : '         '}  ${r.scenarioName}\n`);
          }
          for (const h of list.history) process.stdout.write(`\n${h.scenarioName}: ${h.runs.map((r) => r.score).join(' → ')} (trend ${h.trend >= 0 ? '+' : ''}${h.trend})\n`);
        });
      })(),
    );

  drill
    .command('run')
    .description('start a drill from a shipped scenario (by key) or a scenario file (YAML or JSON)')
    .argument('<scenario>', 'a shipped scenario key (see `lookout drill list`) or a path to a scenario file')
    .option('--workspace <slug>', 'workspace (default: the only one)')
    .option('--speed <n>', 'play the timeline N times faster', '1')
    .option('--detach', 'only start it; a running server on the same PostgreSQL plays it')
    .action((scenarioArg: string, o: { workspace?: string; speed: string; detach?: boolean }) =>
      run(async () => {
        const speed = Number(o.speed);
        if (!Number.isFinite(speed) || speed < 0.1 || speed > 1000) throw new CliError(`--speed "${o.speed}" must be a number from 0.1 to 1000`);
        const { key, scenario } = loadScenarioArg(scenarioArg);
        await withDatabase(async (db, config) => {
          const ws = await resolveWorkspace(db, o.workspace);
          const ctx = contextFor(db, config);
          const started = await db.tenant(ws.id, async (tx) => {
            const { run: r, events } = await startDrill(tx, ctx.box, ws.id, { scenario, key, speed, startedBy: 'cli' }, ctx.clock.now());
            return { id: r.id, stored: await recordEvents(tx, ws.id, events) };
          });
          ctx.bus.committed(ws.id, started.stored);
          process.stdout.write(`DRILL started: ${scenario.name} (${started.id}), speed ${speed}\n`);
          if (o.detach) return;
          const view = await playInForeground(ctx, ws.id, started.id);
          process.stdout.write(formatReport(view));
        });
      })(),
    );

  drill
    .command('report')
    .description("a drill's report: times to detect, acknowledge and respond, stakeholders, playbook steps, misses")
    .argument('<id>', 'the drill id')
    .option('--workspace <slug>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action((id: string, o: { workspace?: string; json?: boolean }) =>
      run(async () => {
        if (!/^[0-9a-f-]{36}$/i.test(id)) throw new CliError(`"${id}" is not a drill id (see lookout drill list)`);
        await withDatabase(async (db) => {
          const ws = await resolveWorkspace(db, o.workspace);
          const view = await db.tenant(ws.id, async (tx) => toDrillView(tx, ws.id, await getDrillRun(tx, ws.id, id), systemClock.now()));
          process.stdout.write(o.json ? `${JSON.stringify(view)}\n` : formatReport(view));
        });
      })(),
    );
};

const loadScenarioArg = (arg: string) => {
  if (existsSync(arg) && /\.(ya?ml|json)$/i.test(arg)) {
    try {
      return { key: null, scenario: parseScenario(readFileSync(arg, 'utf8'), path.basename(arg)) };
    } catch (e) {
      if (e instanceof ScenarioError) throw new CliError(`${arg}:${e.line}:${e.column}: ${e.reason}`);
      throw e;
    }
  }
  const known = listShippedScenarios().map((s) => s.key);
  if (!known.includes(arg)) throw new CliError(`No scenario "${arg}": give a file path or one of ${known.join(', ')}`);
  return { key: arg, scenario: findShippedScenario(arg).scenario };
};

const contextFor = (db: Database, config: Readonly<Config>): AppContext => ({
  config, db, clock: systemClock, log: createLogger(process.env.LOG_LEVEL ?? 'warn'), bus: new EventBus(), box: new SecretBox(config.secretKey.reveal()), pipeline: { wake: () => {} },
});

/** Runs the workers until the drill is no longer running; Ctrl-C finishes it (and scores it) first. */
const playInForeground = async (ctx: AppContext, workspaceId: string, id: string): Promise<DrillRunView> => {
  const workers = await startWorkers(ctx);
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    let lastInjected = -1;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      const view = await ctx.db.tenant(workspaceId, async (tx) => toDrillView(tx, workspaceId, await getDrillRun(tx, workspaceId, id), ctx.clock.now()));
      if (view.status !== 'running') return view;
      if (view.injected !== lastInjected) {
        process.stdout.write(`  ${view.injected}/${view.total} mentions injected; finishes by itself at ${view.autoFinishAt} (Ctrl-C finishes now)\n`);
        lastInjected = view.injected;
      }
      if (interrupted) {
        const stored = await ctx.db.tenant(workspaceId, async (tx) => recordEvents(tx, workspaceId, (await endDrill(tx, workspaceId, id, 'finished', ctx.clock.now())).events));
        ctx.bus.committed(workspaceId, stored);
      }
    }
  } finally {
    process.off('SIGINT', onSigint);
    await workers.stop();
  }
};

const minutes = (n: number | null) => (n === null ? 'never' : `${n} min`);

export const formatReport = (v: DrillRunView): string => {
  const r: DrillReport | null = v.report;
  const lines = [`DRILL ${v.scenarioName} — ${v.status}${v.finishedAt ? ` at ${v.finishedAt}` : ''} (${v.injected}/${v.total} mentions)`];
  if (!r) return `${lines.join('\n')}\n(no report: the drill was cancelled)\n`;
  const timed = (label: string, t: DrillReport['detect']) =>
    `  ${label.padEnd(22)} ${minutes(t.actualMinutes).padEnd(9)} ${t.expectedWithinMinutes === null ? '' : `(expected ≤ ${t.expectedWithinMinutes} min) ${t.met ? 'met' : 'MISSED'}`}`;
  lines.push(`  Score: ${r.score}/100`, timed('Time to detect', r.detect), timed('Time to acknowledge', r.acknowledge), timed('First public response', r.publicResponse));
  for (const s of r.stakeholders) lines.push(`  Stakeholder ${s.expected}: ${s.alerted ? `alerted (${s.via})` : 'NOT alerted'}`);
  for (const p of r.playbookSteps) lines.push(`  Step "${p.title}": ${p.done ? `done after ${p.doneAfterMinutes} min` : 'NOT done'}`);
  if (r.misses.length) lines.push('  Misses:', ...r.misses.map((m) => `    - ${m}`));
  return `${lines.join('\n')}\n`;
};
