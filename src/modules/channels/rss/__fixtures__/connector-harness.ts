/**
 * Test doubles for connector tests (shared by the rss, x and mastodon tests until channels has a
 * shared testing helper): a ConnectorContext that behaves like the runtime's (accept dedupes by
 * externalId and stores the cursor as JSON, as the database would), and a loopback HTTP server
 * that records every request it answers.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectorContext, InboundItem } from '../../connector.ts';

export interface Harness {
  /** A context as the runtime would build it for the next run: the stored cursor, a live signal. */
  ctx(signal?: AbortSignal): ConnectorContext;
  readonly stored: Map<string, InboundItem>;
  readonly batches: InboundItem[][];
  readonly failures: { reason: string; detail?: { externalId?: string; raw?: unknown } }[];
  cursor: unknown;
}

export const createHarness = (opts: {
  config: Record<string, unknown>;
  secrets?: Record<string, string>;
  cursor?: unknown;
}): Harness => {
  const h: Harness = {
    stored: new Map(),
    batches: [],
    failures: [],
    cursor: opts.cursor ?? null,
    ctx: (signal = new AbortController().signal) => ({
      channelId: 'channel-1',
      workspaceId: 'workspace-1',
      config: opts.config,
      secrets: opts.secrets ?? {},
      cursor: h.cursor === null ? null : JSON.parse(JSON.stringify(h.cursor)),
      signal,
      async accept(items, cursor) {
        let added = 0;
        // Round-trip like the raw store does: a payload that is not JSON-serialisable fails here.
        const copies = JSON.parse(JSON.stringify(items)) as InboundItem[];
        for (const item of copies) {
          if (h.stored.has(item.externalId)) continue;
          h.stored.set(item.externalId, { ...item, authoredAt: new Date(item.authoredAt) });
          added += 1;
        }
        h.batches.push(items);
        if (cursor !== undefined) h.cursor = JSON.parse(JSON.stringify(cursor));
        return { added, duplicates: items.length - added };
      },
      async reportFailure(reason, detail) {
        h.failures.push(detail ? { reason, detail } : { reason });
      },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    }),
  };
  return h;
};

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecordingServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export const startRecordingServer = async (handler: Handler): Promise<RecordingServer> => {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://loopback');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res)).catch((err: unknown) => {
        res.statusCode = 599;
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** Answer with JSON the way the real APIs do (status, content type, extra headers). */
export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};
