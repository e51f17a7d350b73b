import type { Command } from 'commander';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { and, eq, schema, type Database } from '../../platform/db/index.ts';
import { systemClock } from '../../platform/clock/index.ts';
import { EventBus } from '../../platform/events/index.ts';
import { createLogger } from '../../platform/logger/index.ts';
import { parseWebhookPayload } from '../../modules/channels/index.ts';
import { PipelineRunner, readTwcsFile, runImport, type ImportRow } from '../../modules/ingestion/index.ts';
import { createStages } from '../../worker/stages.ts';
import { resolveWorkspace } from './admin.ts';
import { createProgress } from '../progress.ts';
import { CliError, run, withDatabase } from '../runtime.ts';

/** The channel an import goes through: one per source and network, found again on the next run. */
const importChannel = async (db: Database, workspaceId: string, name: string, network: string) =>
  db.tenant(workspaceId, async (tx) => {
    const [found] = await tx
      .select()
      .from(schema.channels)
      .where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.kind, 'import'), eq(schema.channels.name, name)));
    if (found) return found;
    const [created] = await tx.insert(schema.channels).values({ workspaceId, kind: 'import', name, config: { network, followUps: false } }).returning();
    return created!;
  });

async function* jsonlRows(file: string, bytesRead: { n: number }): AsyncIterable<ImportRow> {
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    bytesRead.n += Buffer.byteLength(text) + 1;
    if (!text.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      yield { line, error: 'not valid JSON' };
      continue;
    }
    const parsed = parseWebhookPayload({ items: [json] });
    if (!parsed.ok) {
      yield { line, error: parsed.errors.map((e) => `${e.path.replace(/^\/items\/0/, '') || '/'}: ${e.message}`).join('; ') };
      continue;
    }
    const item = parsed.items[0]!;
    const isOwn = (json as { isOwn?: unknown }).isOwn === true;
    yield { line, item: { ...item, isOwn } };
  }
}

const doImport = async (format: 'twcs' | 'jsonl', file: string, o: { workspace?: string; network?: string; channel?: string }) => {
  if (!existsSync(file)) throw new CliError(`No such file: ${file}`);
  const total = statSync(file).size;
  await withDatabase(async (db) => {
    const ws = await resolveWorkspace(db, o.workspace, { createDefault: true });
    const network = o.network ?? (format === 'twcs' ? 'x' : 'import');
    const channel = await importChannel(db, ws.id, o.channel ?? (format === 'twcs' ? 'Customer Support on Twitter (import)' : `Import (${network})`), network);
    const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
    const runner = new PipelineRunner(db, createStages({ clock: systemClock, log }), new EventBus(), systemClock, log, { batchSize: 1000 });
    const bytesRead = { n: 0 };
    const progress = createProgress(`import ${format}`);
    let bad = 0;
    const stats = await runImport({
      db,
      runner,
      workspaceId: ws.id,
      channelId: channel.id,
      rows: format === 'twcs' ? readTwcsFile(file, bytesRead) : jsonlRows(file, bytesRead),
      onBadRow: (line, reason) => {
        bad++;
        if (bad <= 100) process.stderr.write(`${file}:${line}: skipped: ${reason}\n`);
        if (bad === 101) process.stderr.write('(more skipped rows are counted but not listed)\n');
      },
      onProgress: (p) => progress.update(p.rows, p.fraction),
      progressFraction: () => (total ? Math.min(1, bytesRead.n / total) : null),
    });
    progress.done();
    process.stdout.write(`${JSON.stringify(stats)}\n`);
  });
};

export const registerImportCommand = (program: Command): void => {
  const imp = program.command('import').description('import conversations from a file (idempotent: running it twice adds nothing)');
  imp
    .command('twcs <file>')
    .description('the Customer Support on Twitter CSV (threads from in_response_to_tweet_id; inbound=False rows are the brand)')
    .option('--workspace <slug>', 'workspace (default: the only one; on an empty database "default" is created)')
    .action((file: string, o: { workspace?: string }) => run(() => doImport('twcs', file, o))());
  imp
    .command('jsonl <file>')
    .description('one mention per line: {"id","text","createdAt","author":{"id","handle","name"?,"followers"?,"verified"?},"inReplyTo"?,"kind"?,"visibility"?,"title"?,"url"?,"isOwn"?}')
    .option('--workspace <slug>', 'workspace (default: the only one; on an empty database "default" is created)')
    .option('--network <name>', 'which network the authors belong to (x, bluesky, email, …)', 'import')
    .option('--channel <name>', 'name of the import channel')
    .action((file: string, o: { workspace?: string; network?: string; channel?: string }) => run(() => doImport('jsonl', file, o))());
};
