/**
 * The ingest benchmarks' stream: the real rows of ../shared/data/twcs (when present), then generated
 * mentions with the same shape — ~55% customer posts, ~45% brand replies, reply chains of 2–6 —
 * reusing the real customers' texts, so the text models see real language.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { InboundItem } from '../../src/modules/channels/index.ts';
import { twcsRowToItem } from '../../src/modules/ingestion/index.ts';

const DATA = path.resolve(process.env.LOOKOUT_SHARED_DATA ?? path.resolve(import.meta.dirname, '../../../shared/data'), 'twcs/twcs_first5000.csv');

const realItems = (): InboundItem[] => {
  if (!existsSync(DATA)) return [];
  const rows = parse(readFileSync(DATA), { columns: true, relax_column_count: true, relax_quotes: true }) as Record<string, string>[];
  return rows.map((r) => twcsRowToItem(r)).flatMap((r) => (r.ok ? [r.item] : []));
};

export const twcsShapedStream = (n: number): InboundItem[] => {
  const real = realItems();
  const out: InboundItem[] = real.slice(0, n);
  const texts = real.filter((r) => !r.isOwn).map((r) => r.text);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let i = 0;
  const t0 = Date.UTC(2026, 0, 1);
  while (out.length < n) {
    const customer = `gen-cust-${Math.floor(rnd() * n * 0.3)}`;
    const root = `gen-${i++}`;
    const at = t0 + out.length * 1000;
    out.push({ externalId: root, kind: 'post', visibility: 'public', text: texts[Math.floor(rnd() * texts.length)] ?? `order ${i} is late`, authoredAt: new Date(at), author: { externalId: customer, handle: customer, followers: Math.floor(rnd() * 5000) }, raw: {} });
    let parent = root;
    const depth = 1 + Math.floor(rnd() * 5);
    for (let d = 0; d < depth && out.length < n; d++) {
      const id = `gen-${i++}`;
      const own = d % 2 === 0;
      out.push({ externalId: id, kind: 'reply', visibility: 'public', text: own ? 'Sorry to hear that! Please DM us your order number.' : (texts[Math.floor(rnd() * texts.length)] ?? 'still broken'), authoredAt: new Date(at + (d + 1) * 60_000), author: own ? { externalId: 'AcmeSupport', handle: 'AcmeSupport' } : { externalId: customer, handle: customer }, inReplyTo: parent, isOwn: own, raw: {} });
      parent = id;
    }
  }
  return out;
};
