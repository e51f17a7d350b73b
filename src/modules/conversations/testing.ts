/**
 * Test helpers: channels and inbound items delivered through the real pipeline (raw store →
 * threading → identities → conversations), with triage given per item. For tests only.
 */
import type { Database } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { silentLogger } from '../../platform/logger/index.ts';
import { SecretBox } from '../../platform/crypto/index.ts';
import { createChannel, type Connector, type ConnectorContext, type InboundItem, type OutboundMessage, type SendResult } from '../channels/index.ts';
import { acceptItems, defaultStages, neutralEnrichment, PipelineRunner, type Enrichment } from '../ingestion/index.ts';

export interface TestDeps {
  db: Database;
  bus: EventBus;
  clock: Clock;
}

export interface TestItem {
  externalId: string;
  text: string;
  author: { externalId: string; handle: string; displayName?: string; email?: string; followers?: number; verified?: boolean };
  kind?: InboundItem['kind'];
  visibility?: 'public' | 'private';
  title?: string;
  inReplyTo?: string;
  references?: string[];
  authoredAt?: Date;
  isOwn?: boolean;
  /** What triage decides about it (the test's stand-in for the models). */
  triage?: Partial<Enrichment> & { reasons?: string[] };
}

const box = new SecretBox('test-secret-key-0123456789abcdefghijkl');

export const seedChannel = async (deps: TestDeps, workspaceId: string, kind: string, name = kind, config: Record<string, unknown> = {}): Promise<string> =>
  deps.db.tenant(workspaceId, async (tx) => (await createChannel(tx, box, workspaceId, { kind, name, config })).id);

const enrichmentOf = (item: InboundItem): Enrichment => {
  const t = ((item.raw as { triage?: TestItem['triage'] } | null)?.triage ?? {}) as TestItem['triage'] & object;
  const { reasons, ...rest } = t;
  return { ...neutralEnrichment(), ...rest, triage: { reasons: reasons ?? [], ...(rest.triage ?? {}) } };
};

/** Delivers items to a channel and runs the pipeline until they are conversations. */
export const deliver = async (deps: TestDeps, workspaceId: string, channelId: string, items: TestItem[], opts: { isDrill?: boolean } = {}): Promise<void> => {
  const now = deps.clock.now();
  await acceptItems(deps.db, {
    workspaceId,
    channelId,
    isDrill: opts.isDrill ?? false,
    items: items.map((i) => ({
      externalId: i.externalId,
      kind: i.kind ?? 'post',
      visibility: i.visibility ?? 'public',
      text: i.text,
      title: i.title ?? null,
      authoredAt: i.authoredAt ?? now,
      author: i.author,
      inReplyTo: i.inReplyTo ?? null,
      references: i.references ?? [],
      isOwn: i.isOwn ?? false,
      raw: { triage: i.triage ?? {}, references: i.references ?? [] },
    })),
  });
  const runner = new PipelineRunner(deps.db, { ...defaultStages, enrich: (inputs) => inputs.map((x) => enrichmentOf(x.item)) }, deps.bus, deps.clock, silentLogger());
  await runner.drain();
};

/**
 * A connector that records what it was asked to send and answers from a script: a result, a
 * SendError to throw, or a promise the test resolves (to hold a send "in flight").
 */
export class FakeConnector implements Connector {
  readonly sent: OutboundMessage[] = [];
  readonly script: (SendResult | Error | Promise<SendResult>)[] = [];
  constructor(
    readonly kind: Connector['kind'],
    readonly limits: Connector['limits'] = { maxLength: 280, canThread: true, hasPrivateMessages: false },
  ) {}
  send = async (_ctx: ConnectorContext, message: OutboundMessage): Promise<SendResult> => {
    this.sent.push(message);
    const next = this.script.shift();
    if (next instanceof Error) throw next;
    return (await next) ?? { externalId: `${this.kind}-sent-${this.sent.length}`, url: `https://example.test/${this.sent.length}` };
  };
}
