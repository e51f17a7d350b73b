/**
 * One conditional GET of a feed (RFC 9110 §13: If-None-Match / If-Modified-Since → 304), with a
 * time budget and a size cap, decoding the body with the charset the server or the XML declaration
 * names (many feeds are still ISO-8859-1 or windows-1252).
 */
export type FeedResponse =
  | { status: 'not_modified' }
  | { status: 'ok'; body: string; etag: string | null; lastModified: string | null; httpStatus: number };

export type FeedFetchProblem = 'auth' | 'unreachable' | 'timeout' | 'http_error' | 'too_large';

export class FeedFetchError extends Error {
  constructor(
    message: string,
    readonly problem: FeedFetchProblem,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

export interface FetchFeedOptions {
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs: number;
  maxBytes: number;
  signal: AbortSignal;
  fetchImpl?: typeof fetch;
}

const ACCEPT = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json;q=0.9',
  'application/xml;q=0.9',
  'text/xml;q=0.9',
  '*/*;q=0.1',
].join(', ');

export const fetchFeed = async (url: string, opts: FetchFeedOptions): Promise<FeedResponse> => {
  const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': 'Lookout feed reader' };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  const signal = AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]);
  let res: Response;
  try {
    res = await (opts.fetchImpl ?? fetch)(url, { headers, signal, redirect: 'follow' });
  } catch (err) {
    throw toFetchError(err, url, opts.timeoutMs);
  }
  if (res.status === 304) {
    await res.body?.cancel();
    return { status: 'not_modified' };
  }
  if (!res.ok) {
    await res.body?.cancel();
    const problem = res.status === 401 || res.status === 403 ? 'auth' : 'http_error';
    throw new FeedFetchError(`HTTP ${res.status} from ${url}`, problem, res.status);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readCapped(res, opts.maxBytes);
  } catch (err) {
    if (err instanceof FeedFetchError) throw err;
    throw toFetchError(err, url, opts.timeoutMs);
  }
  return {
    status: 'ok',
    body: decodeBody(bytes, res.headers.get('content-type')),
    etag: res.headers.get('etag'),
    lastModified: res.headers.get('last-modified'),
    httpStatus: res.status,
  };
};

const toFetchError = (err: unknown, url: string, timeoutMs: number): FeedFetchError => {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError') return new FeedFetchError(`No answer from ${url} within ${timeoutMs} ms`, 'timeout');
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  const message = err instanceof Error ? err.message : String(err);
  return new FeedFetchError(`${message}${cause} (${url})`, 'unreachable');
};

const readCapped = async (res: Response, maxBytes: number): Promise<Uint8Array> => {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new FeedFetchError(`Feed is ${declared} bytes, over the ${maxBytes} byte cap`, 'too_large');
  }
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      await res.body.cancel().catch(() => undefined);
      throw new FeedFetchError(`Feed is over the ${maxBytes} byte cap`, 'too_large');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};

/** Charset from Content-Type, else from `<?xml … encoding="…"?>`, else UTF-8 (JSON Feed's rule). */
export const decodeBody = (bytes: Uint8Array, contentType: string | null): string => {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const fromXml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  for (const label of [fromHeader, fromXml, 'utf-8']) {
    if (!label) continue;
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // Unknown label: try the next source.
    }
  }
  return new TextDecoder().decode(bytes);
};
