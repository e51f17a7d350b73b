import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { FakeClock } from '../../../platform/clock/index.ts';
import { createHarness, startRecordingServer, type RecordingServer } from './__fixtures__/connector-harness.ts';
import type { RssCursor } from './feed-cursor.ts';
import { createRssConnector } from './rss-connector.ts';

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

const BLOG_ETAG = '"blog-v1"';
const REVIEWS_MODIFIED = 'Mon, 05 Jan 2026 07:45:00 GMT';
const blogV2 = fixture('blog.rss.xml').replace(
  '<item>',
  `<item><title>Acme Pro 3 firmware 4.3 fixes pairing</title><link>https://gadgetweekly.example/2026/01/firmware-43/</link>
   <guid isPermaLink="true">https://gadgetweekly.example/2026/01/firmware-43/</guid><pubDate>Tue, 06 Jan 2026 09:00:00 GMT</pubDate>
   <description>Good news.</description></item><item>`,
);

describe('rss connector against feeds on loopback', () => {
  let server: RecordingServer;
  let blogVersion = 1;
  let flakyStatus = 200;
  const held: ServerResponse[] = [];

  before(async () => {
    server = await startRecordingServer((req, res) => {
      switch (req.path) {
        case '/blog.rss': {
          const etag = blogVersion === 1 ? BLOG_ETAG : '"blog-v2"';
          if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
          res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
          return void res.end(blogVersion === 1 ? fixture('blog.rss.xml') : blogV2);
        }
        case '/reviews.atom':
          if (req.headers['if-modified-since'] === REVIEWS_MODIFIED) return void res.writeHead(304).end();
          res.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': REVIEWS_MODIFIED });
          return void res.end(fixture('reviews.atom.xml'));
        case '/forum.rdf':
          res.writeHead(200, { 'content-type': 'application/rdf+xml' });
          return void res.end(fixture('forum.rdf.xml'));
        case '/alerts.json':
          res.writeHead(200, { 'content-type': 'application/feed+json' });
          return void res.end(fixture('alerts.json'));
        case '/latin1.rss':
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          return void res.end(
            Buffer.from(
              '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\u00e9</title><link>https://c.example/</link><description>d</description>' +
                '<item><guid>c-1</guid><title>Cr\u00e8me br\u00fbl\u00e9e</title><description>D\u00e9j\u00e0 vu</description></item></channel></rss>',
              'latin1',
            ),
          );
        case '/garbage':
          res.writeHead(200, { 'content-type': 'text/html' });
          return void res.end('<html><body><h1>Site under maintenance</h1></body></html>');
        case '/flaky.json':
          if (flakyStatus !== 200) return void res.writeHead(flakyStatus).end('upstream error');
          res.writeHead(200, { 'content-type': 'application/feed+json', etag: '"flaky-1"' });
          return void res.end(fixture('alerts.json'));
        case '/private.rss':
          return void res.writeHead(401, { 'www-authenticate': 'Basic realm="feeds"' }).end();
        case '/huge.rss':
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          return void res.end(`<rss version="2.0"><channel><title>${'x'.repeat(4096)}</title></channel></rss>`);
        case '/slow.rss':
          held.push(res); // never answered: the poll's time budget must cut it off
          return;
        default:
          res.writeHead(404).end();
      }
    });
  });
  after(async () => {
    for (const res of held) res.destroy();
    await server.close();
  });

  const connector = createRssConnector({ clock: new FakeClock('2026-01-06T12:00:00Z') });
  const feedUrl = (path: string): string => `${server.baseUrl}${path}`;

  it('reads all four formats, then asks conditionally and takes only what is new', async () => {
    blogVersion = 1;
    const h = createHarness({
      config: {
        feeds: [
          { url: feedUrl('/blog.rss'), name: 'Gadget Weekly' },
          { url: feedUrl('/reviews.atom'), kind: 'review' },
          { url: feedUrl('/forum.rdf') },
          { url: feedUrl('/alerts.json') },
        ],
      },
    });
    await connector.poll!(h.ctx());
    assert.deepEqual(h.failures, []);
    assert.equal(h.stored.size, 3 + 3 + 2 + 2);
    assert.equal(h.stored.get('tag:reviews.example,2026:review/98121')?.kind, 'review');
    assert.equal(h.stored.get('https://gadgetweekly.example/?p=4812')?.kind, 'article');
    // Relative links resolve against the feed's own URL.
    assert.equal(h.stored.get('tag:reviews.example,2026:review/98121')?.url, feedUrl('/r/98121'));
    const cursor = h.cursor as RssCursor;
    assert.equal(cursor.feeds[feedUrl('/blog.rss')]?.etag, BLOG_ETAG);
    assert.equal(cursor.feeds[feedUrl('/reviews.atom')]?.lastModified, REVIEWS_MODIFIED);
    assert.equal(cursor.feeds[feedUrl('/blog.rss')]?.newest, '2026-01-05T08:00:00.000Z');

    const before = server.requests.length;
    const batchesBefore = h.batches.length;
    await connector.poll!(h.ctx());
    const second = server.requests.slice(before);
    assert.equal(second.find((r) => r.path === '/blog.rss')?.headers['if-none-match'], BLOG_ETAG);
    assert.equal(second.find((r) => r.path === '/reviews.atom')?.headers['if-modified-since'], REVIEWS_MODIFIED);
    // 304s commit nothing; the validator-less feeds are re-read but every entry was seen already.
    assert.equal(h.batches.length - batchesBefore, 2);
    assert.deepEqual(h.batches.slice(batchesBefore).map((b) => b.length), [0, 0]);
    assert.equal(h.stored.size, 10);

    blogVersion = 2;
    await connector.poll!(h.ctx());
    assert.equal(h.stored.size, 11);
    assert.equal(h.stored.get('https://gadgetweekly.example/2026/01/firmware-43/')?.title, 'Acme Pro 3 firmware 4.3 fixes pairing');
    assert.equal((h.cursor as RssCursor).feeds[feedUrl('/blog.rss')]?.etag, '"blog-v2"');
    assert.equal((h.cursor as RssCursor).feeds[feedUrl('/blog.rss')]?.newest, '2026-01-06T09:00:00.000Z');
  });

  it('records garbage, 500s, 401s, oversize bodies and timeouts per feed and still reads the good ones', async () => {
    const h = createHarness({
      config: {
        timeoutMs: 300,
        maxBytes: 2048,
        feeds: [
          { url: feedUrl('/garbage') },
          { url: feedUrl('/slow.rss') },
          { url: feedUrl('/private.rss') },
          { url: feedUrl('/huge.rss') },
          { url: feedUrl('/missing.rss') },
          { url: feedUrl('/alerts.json') },
        ],
      },
    });
    await connector.poll!(h.ctx());
    assert.deepEqual(
      h.failures.map((f) => f.reason.split(':')[0]),
      ['bad_feed', 'unreachable', 'auth', 'bad_feed', 'unreachable'],
    );
    assert.match(h.failures[0]?.reason ?? '', /is not a readable feed/);
    assert.match(h.failures[1]?.reason ?? '', /within 300 ms/);
    assert.match(h.failures[4]?.reason ?? '', /HTTP 404/);
    assert.deepEqual(h.failures[0]?.detail?.raw, {
      feedUrl: feedUrl('/garbage'),
      httpStatus: 200,
      bodyStart: '<html><body><h1>Site under maintenance</h1></body></html>',
    });
    assert.equal(h.stored.size, 2, 'the healthy feed was still read');
    assert.deepEqual(Object.keys((h.cursor as RssCursor).feeds), [feedUrl('/alerts.json')]);
  });

  it('keeps a feed’s cursor where it was when the feed fails later, and when the network is gone', async () => {
    flakyStatus = 200;
    const h = createHarness({ config: { feeds: [{ url: feedUrl('/flaky.json') }] } });
    await connector.poll!(h.ctx());
    const good = structuredClone(h.cursor);
    assert.equal((good as RssCursor).feeds[feedUrl('/flaky.json')]?.etag, '"flaky-1"');

    flakyStatus = 503;
    await connector.poll!(h.ctx());
    assert.match(h.failures.at(-1)?.reason ?? '', /^unreachable: HTTP 503/);
    assert.deepEqual(h.cursor, good);

    const closed = await startRecordingServer(() => undefined);
    await closed.close();
    const gone = createHarness({ config: { feeds: [{ url: `${closed.baseUrl}/feed.rss` }] }, cursor: good });
    await connector.poll!(gone.ctx());
    assert.match(gone.failures[0]?.reason ?? '', /^unreachable: /);
    assert.deepEqual(gone.cursor, good);
    assert.equal(gone.batches.length, 0);
  });

  it('decodes the charset the feed declares', async () => {
    const h = createHarness({ config: { feeds: [{ url: feedUrl('/latin1.rss') }] } });
    await connector.poll!(h.ctx());
    const item = h.stored.get('c-1');
    assert.equal(item?.title, 'Crème brûlée');
    assert.equal(item?.text, 'Déjà vu');
    assert.equal(item?.author.handle, 'Café');
  });

  it('says when it is misconfigured instead of polling', async () => {
    const h = createHarness({ config: { feeds: [{ url: 'ftp://nope' }] } });
    await connector.poll!(h.ctx());
    assert.match(h.failures[0]?.reason ?? '', /^misconfigured: \/feeds\/0\/url/);
    assert.deepEqual(await connector.checkHealth!(h.ctx()), {
      ok: false,
      problem: 'misconfigured',
      detail: h.failures[0]?.reason.replace('misconfigured: ', ''),
    });
    assert.equal(connector.send, undefined, 'feeds are read-only');
    assert.deepEqual(connector.limits, { maxLength: null, canThread: false, hasPrivateMessages: false });
  });
});
