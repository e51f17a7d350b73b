import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createChannel } from '../modules/channels/index.ts';
import { PACKAGE_ROOT } from '../platform/db/index.ts';
import { openBrowser, screenshot, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';
import { workspaceIdOf } from './inbox-seed.ts';

/**
 * A reply that reaches the peer: with the workers running (pipeline and outbox, as `npm start`
 * runs them), a visitor writes in the web chat widget on the company's own site (another origin),
 * the message becomes a conversation in the console, the agent answers from the composer, and the
 * outbox delivers the answer into the visitor's open widget.
 */
const hostPage = (lookout: string, siteKey: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Outdoor Gear</title></head>
<body><h1>Acme Outdoor Gear</h1><p>Trailhead 2 tent, 1.6 kg.</p><script src="${lookout}/widget.js" data-site-key="${siteKey}" async></script></body></html>`;

const startHostSite = (page: () => string, lookoutUrl: string): Promise<{ server: Server; origin: string }> =>
  new Promise((resolve) => {
    const server = createServer((req, res) => {
      if ((req.url ?? '/').split('?')[0] !== '/') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': `default-src 'self'; script-src ${lookoutUrl}; connect-src ${lookoutUrl}; style-src 'self'` }).end(page());
    });
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, origin: `http://localhost:${typeof a === 'object' && a ? a.port : 0}` });
    });
  });

describe('conversation: a reply reaches the peer (web chat)', () => {
  let lookout: Lookout;
  let b: Browser;
  let host: { server: Server; origin: string };
  let siteKey = '';
  let visitor: Page;

  before(async () => {
    execFileSync(process.execPath, [path.join(PACKAGE_ROOT, 'web-widget/build.mjs'), '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });
    lookout = await startLookout({ workers: true });
    host = await startHostSite(() => hostPage(lookout.url, siteKey), lookout.url);
    const workspaceId = await workspaceIdOf(lookout);
    const channel = await lookout.server.ctx.db.tenant(workspaceId, (tx) =>
      createChannel(tx, lookout.server.ctx.box, workspaceId, { kind: 'webchat', name: 'acme.example chat', config: { allowedOrigins: [host.origin] }, secrets: { identitySecret: 'acme-identity-secret-0123456789abcdef' } }),
    );
    siteKey = channel.publicKey!;
    b = await openBrowser();
    // This machine runs many suites at once: a first paint of the console can take longer than the harness's 10 s.
    b.context.setDefaultTimeout(30_000);
    visitor = await b.context.newPage();
  });
  after(async () => {
    await b?.close();
    await new Promise((r) => host?.server.close(r));
    await lookout?.close();
  });

  it("the agent's reply from the console appears in the visitor's widget", async () => {
    await visitor.bringToFront();
    await visitor.goto(`${host.origin}/`);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Hi, the pole of my Trailhead 2 tent snapped on day one.');
    await visitor.getByRole('button', { name: 'Send', exact: true }).click();
    await visitor.locator('lookout-chat li.msg.visitor[data-state="sent"]').waitFor();

    // The workers' pipeline (woken by the widget's message) turns it into a conversation.
    const { page } = b;
    let conversationId: string | null = null;
    for (const deadline = Date.now() + 30_000; !conversationId && Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      const r = await lookout.server.ctx.db.exec(`select conversation_id from mentions where text like '%pole of my Trailhead%' and conversation_id is not null`);
      conversationId = r.rows[0] ? String(r.rows[0].conversation_id) : null;
    }
    assert.ok(conversationId, 'the pipeline made a conversation of the chat message');
    // One window, two tabs: the tab in front is the one that paints.
    await page.bringToFront();
    await signInAs(b, lookout, 'agent', `/inbox/${conversationId}`);
    await page.getByTestId('timeline-inbound').filter({ hasText: 'pole of my Trailhead' }).waitFor();
    const reply = 'So sorry! A replacement pole ships today, no need to return the tent.';
    await page.getByRole('textbox', { name: /Reply to the customer/ }).fill(reply);
    await page.getByRole('button', { name: 'Send reply' }).click();

    // The outbox sends it through the web chat connector, live into the open widget.
    await visitor.bringToFront();
    await visitor.locator('lookout-chat li.msg.agent', { hasText: 'A replacement pole ships today' }).waitFor({ timeout: 20_000 });
    await page.bringToFront();
    await waitInPage(page, `document.querySelector('[data-testid="timeline-outbound"]')?.dataset.outboxState === 'sent'`, 20_000);
    const sent = await lookout.server.ctx.db.exec(`select visibility, outbox_state, external_id from messages where direction = 'outbound'`);
    assert.equal(sent.rows.length, 1);
    assert.equal(sent.rows[0]!.visibility, 'private', 'a chat is answered privately');
    assert.equal(sent.rows[0]!.outbox_state, 'sent');
    assert.ok(sent.rows[0]!.external_id);
    await screenshot(page, 'conversation-reply-sent');
    await visitor.bringToFront();
    await screenshot(visitor, 'conversation-reply-reached-widget');
    assert.deepEqual(b.problems.filter((p) => !p.includes(host.origin)), []);
  });
});
