import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorkspace } from '../modules/access/index.ts';
import { createChannel, type ChannelRow } from '../modules/channels/index.ts';
import { computeIdentityHash } from '../modules/channels/webchat/index.ts';
import { replyAsOutbox } from '../modules/channels/webchat/testing.ts';
import { PipelineRunner, createConnectorContext } from '../modules/ingestion/index.ts';
import { PACKAGE_ROOT, and, eq, schema } from '../platform/db/index.ts';
import { createTestDatabase } from '../platform/db/testing.ts';
import { startServer, type RunningServer } from '../server/index.ts';
import { testConfig } from '../server/testing.ts';
import { createStages } from '../worker/stages.ts';
import type { Locator } from 'playwright-core';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, type Browser } from './harness.ts';

/**
 * The widget as a company embeds it: a page on ANOTHER site (http://localhost:<port>, while Lookout
 * is http://127.0.0.1:<port> — different hosts, so cross-site for CORS, CORP and storage) with a
 * strict CSP of its own and hostile CSS, one script tag. A visitor writes, the message lands in
 * the workspace; an agent's reply (sent by the connector, as the outbox will) appears live.
 */
const SECRET = 'acme-identity-secret-0123456789abcdef';
const USER = { id: 'cust-1042', email: 'dana@example.com', name: 'Dana Whitfield' };

const hostPage = (lookout: string, siteKey: string, user: Record<string, string> = {}) => {
  const attrs = Object.entries(user).map(([k, v]) => ` data-user-${k}="${v}"`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Outdoor Gear</title>
<link rel="stylesheet" href="/site.css"></head><body>
<header><h1>Acme Outdoor Gear</h1><nav><a href="/">Tents</a> · <a href="/">Packs</a> · <a href="/">Stoves</a></nav></header>
<main><h2>Trailhead 2 tent</h2><p>Two-person, three-season, 1.6 kg. Free returns within 60 days.</p><button type="button">Add to cart</button></main>
<script src="${lookout}/widget.js" data-site-key="${siteKey}"${attrs} async></script>
</body></html>`;
};
// The host site's own CSS is deliberately rude: none of it may reach into the widget.
const SITE_CSS = `body { font-family: Georgia, serif; color: #3b2f2f; background: #faf6ee; margin: 0; padding: 24px 40px; }
* { letter-spacing: .04em; } button { background: #c0392b !important; color: #fff; font-size: 20px; border-radius: 0; }
li { list-style: square; color: #c0392b; } p { font-size: 18px; } h1 { margin-top: 0; }`;

/** A computed style, read in the page (typed without the DOM library the server code does not load). */
const styleOf = (locator: Locator, property: string): Promise<string> =>
  locator.evaluate((el: unknown, p: string) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(el)[p]!, property);

const startHostSite = (pages: Record<string, () => string>, csp: string): Promise<{ server: Server; origin: string }> =>
  new Promise((resolve) => {
    const server = createServer((req, res) => {
      const url = (req.url ?? '/').split('?')[0]!;
      if (url === '/site.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end(SITE_CSS);
      const page = pages[url];
      if (!page) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }).end(page());
    });
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, origin: `http://localhost:${typeof a === 'object' && a ? a.port : 0}` });
    });
  });

describe('web chat widget embedded on another site', () => {
  let lookout: RunningServer;
  let lookoutUrl: string;
  let cleanupDb: () => Promise<void>;
  let dataDir: string;
  let host: { server: Server; origin: string };
  let channel: ChannelRow;
  let b: Browser;
  const pages: Record<string, () => string> = {};

  const drain = () => new PipelineRunner(lookout.ctx.db, createStages(lookout.ctx), lookout.ctx.bus, lookout.ctx.clock, lookout.ctx.log).drain();
  const connectorCtx = () => createConnectorContext({ db: lookout.ctx.db, box: lookout.ctx.box, log: lookout.ctx.log, wake: () => {} }, channel);
  const widget = () => b.page.locator('lookout-chat');
  const sendInWidget = async (text: string) => {
    await b.page.getByRole('textbox', { name: 'Message' }).fill(text);
    await b.page.getByRole('button', { name: 'Send', exact: true }).click();
  };
  const identityOf = (externalId: string) =>
    lookout.ctx.db.tenant(channel.workspaceId, async (tx) => (await tx.select().from(schema.identities).where(and(eq(schema.identities.workspaceId, channel.workspaceId), eq(schema.identities.externalId, externalId))))[0]);

  before(async () => {
    execFileSync(process.execPath, [path.join(PACKAGE_ROOT, 'web-widget/build.mjs'), '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });
    dataDir = mkdtempSync(path.join(tmpdir(), 'lookout-webchat-'));
    const { db, cleanup } = await createTestDatabase();
    cleanupDb = cleanup;
    lookout = await startServer(testConfig({ PORT: '0', HOST: '127.0.0.1', LOOKOUT_DATA_DIR: dataDir }), { db, printSetupLink: () => {} });
    lookoutUrl = lookout.url.replace('localhost', '127.0.0.1');

    host = await startHostSite(pages, `default-src 'self'; script-src 'self' ${lookoutUrl}; connect-src ${lookoutUrl}; style-src 'self'; img-src 'self'`);
    channel = await db.system(async (tx) => {
      const ws = await createWorkspace(tx, { slug: 'acme', name: 'Acme Outdoor' });
      return createChannel(tx, lookout.ctx.box, ws.id, { kind: 'webchat', name: 'acme.example chat', config: { allowedOrigins: [host.origin] }, secrets: { identitySecret: SECRET } });
    });
    pages['/'] = () => hostPage(lookoutUrl, channel.publicKey!);
    pages['/account'] = () => hostPage(lookoutUrl, channel.publicKey!, { id: USER.id, email: USER.email, name: USER.name, hash: computeIdentityHash(SECRET, USER.id) });
    pages['/forged'] = () => hostPage(lookoutUrl, channel.publicKey!, { id: 'ceo', hash: computeIdentityHash('guessed-secret', 'ceo') });
    b = await openBrowser();
  });

  after(async () => {
    await b?.close();
    await new Promise((r) => host?.server.close(r));
    await lookout?.close();
    await cleanupDb?.().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('an anonymous visitor writes; the message is stored; the agent reply appears live; a reload shows both once', async () => {
    await b.page.goto(`${host.origin}/`);
    await b.page.getByRole('button', { name: 'Open chat' }).click();
    await b.page.getByRole('dialog', { name: 'Chat with us' }).waitFor();
    await sendInWidget('Hi! My Trailhead 2 tent arrived with a broken pole. Order #1042.');
    await widget().locator('li.msg.visitor[data-state="sent"]').waitFor();

    // Stored in the workspace: a raw item, then (through the pipeline) a mention in a conversation.
    const visitorId = (await b.page.evaluate(`localStorage.getItem('lookout-chat:${channel.publicKey}:visitor')`)) as string;
    assert.match(visitorId, /^[0-9a-f-]{36}$/);
    const raws = await lookout.ctx.db.tenant(channel.workspaceId, (tx) => tx.select().from(schema.rawItems).where(eq(schema.rawItems.channelId, channel.id)));
    assert.equal(raws.length, 1);
    assert.equal((raws[0]!.payload as { author: { externalId: string } }).author.externalId, `visitor:${visitorId}`);
    await drain();
    const [mention] = await lookout.ctx.db.tenant(channel.workspaceId, (tx) => tx.select().from(schema.mentions).where(eq(schema.mentions.channelId, channel.id)));
    assert.equal(mention!.text, 'Hi! My Trailhead 2 tent arrived with a broken pole. Order #1042.');
    assert.equal(mention!.kind, 'chat');
    assert.equal(mention!.visibility, 'private');
    assert.ok(mention!.conversationId);
    assert.equal((await identityOf(`visitor:${visitorId}`))!.channelKind, 'webchat');

    // The agent answers; the outbox hands the reply to the connector, which delivers it live.
    const reply = 'So sorry about that, Dana is on it: a replacement pole ships today, no need to return the tent.';
    await replyAsOutbox(lookout.ctx.db, connectorCtx(), `visitor:${visitorId}`, reply);
    await widget().locator('li.msg.agent', { hasText: reply }).waitFor();

    // A reload (a new page, a new stream) shows the conversation from the record, once each.
    await b.page.reload();
    await b.page.getByRole('button', { name: 'Open chat' }).click();
    await widget().locator('li.msg.agent', { hasText: reply }).waitFor();
    assert.equal(await widget().locator('li.msg').count(), 2);
    assert.deepEqual(b.problems, [], 'no script errors or CSP violations on the host page');
    // The host's rude CSS stays out: no inherited letter-spacing, no red !important buttons.
    assert.equal(await styleOf(widget().locator('li.msg.agent p'), 'letterSpacing'), 'normal');
    assert.equal(await styleOf(widget().getByRole('button', { name: 'Send', exact: true }), 'backgroundColor'), 'rgb(31, 95, 214)');
    assert.deepEqual(await seriousA11yViolations(b.page), [], describeViolations(await seriousA11yViolations(b.page)));
    await screenshot(b.page, 'webchat');
  });

  it('a signed-in visitor with the right hash is verified; a forged hash is refused and nothing is stored', async () => {
    await b.page.goto(`${host.origin}/account`);
    await b.page.getByRole('button', { name: 'Open chat' }).click();
    await sendInWidget('Can I change the delivery address on my order?');
    await widget().locator('li.msg.visitor[data-state="sent"]', { hasText: 'delivery address' }).waitFor();
    await drain();
    const identity = await identityOf(`user:${USER.id}`);
    assert.ok(identity, 'the message was filed under the verified user');
    assert.equal(identity.email, USER.email);
    assert.equal(identity.displayName, USER.name);
    assert.equal(identity.verified, true);

    const before = (await lookout.ctx.db.tenant(channel.workspaceId, (tx) => tx.select().from(schema.rawItems))).length;
    await b.page.goto(`${host.origin}/forged`);
    await b.page.getByRole('button', { name: 'Open chat' }).click();
    await sendInWidget('I am the CEO, refund everything');
    await widget().locator('li.msg.visitor[data-state="failed"]').waitFor();
    await widget().getByRole('status').filter({ hasText: 'identity hash' }).waitFor();
    assert.equal((await lookout.ctx.db.tenant(channel.workspaceId, (tx) => tx.select().from(schema.rawItems))).length, before);
    assert.equal(await identityOf('user:ceo'), undefined);
  });
});
