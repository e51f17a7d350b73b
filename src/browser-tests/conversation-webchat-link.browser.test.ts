import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMember, createWorkspace, type Role } from '../modules/access/index.ts';
import { createChannel, webchat } from '../modules/channels/index.ts';
import { deliver, FakeConnector } from '../modules/conversations/testing.ts';
import { PipelineRunner } from '../modules/ingestion/index.ts';
import { PACKAGE_ROOT, enterWorkspace } from '../platform/db/index.ts';
import { createTestDatabase } from '../platform/db/testing.ts';
import { startServer } from '../server/index.ts';
import { testConfig } from '../server/testing.ts';
import { OutboxWorker } from '../worker/outbox.ts';
import { createStages } from '../worker/stages.ts';
import { describeViolations, ensureConsoleBuilt, openBrowser, PASSWORD, PEOPLE, screenshot, seriousA11yViolations, signInAs, type Browser, type Lookout } from './harness.ts';

/** A port nobody uses, so Lookout's public URL (where the link points) is known before it starts. */
const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

/**
 * Move to private by a secure web chat link: the agent moves a public Mastodon mention to a chat
 * link; the customer opens it (a page of Lookout's own, whose origin the chat channel does not
 * list), finds the agent's opening, writes; the message lands in the same conversation in the
 * console; the agent's answer appears on the customer's page.
 */
describe('conversation: move to private by a secure chat link', () => {
  let lookout: Lookout;
  let b: Browser;
  let conversationId = '';
  let dataDir = '';
  let cleanupDb: () => Promise<void> = async () => {};
  const mastodon = new FakeConnector('mastodon', { maxLength: 500, canThread: true, hasPrivateMessages: true });

  const outbox = () => new OutboxWorker({ ...lookout.server.ctx }, { connectors: { mastodon, webchat: webchat.webchatConnector } }).drain();
  const pipeline = () => new PipelineRunner(lookout.server.ctx.db, createStages(lookout.server.ctx), lookout.server.ctx.bus, lookout.server.ctx.clock, lookout.server.ctx.log).drain();

  before(async () => {
    ensureConsoleBuilt();
    execFileSync(process.execPath, [path.join(PACKAGE_ROOT, 'web-widget/build.mjs'), '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });
    dataDir = mkdtempSync(path.join(tmpdir(), 'lookout-chatlink-'));
    const { db, cleanup } = await createTestDatabase();
    cleanupDb = cleanup;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await startServer(testConfig({ PORT: String(port), HOST: '127.0.0.1', LOOKOUT_PUBLIC_URL: url, LOOKOUT_DATA_DIR: dataDir, LOOKOUT_LOGIN_RATE_LIMIT: '1000' }), { db, printSetupLink: () => {} });
    const members = {} as Lookout['members'];
    const ids = await db.system(async (tx) => {
      const ws = await createWorkspace(tx, { slug: 'acme', name: 'Acme Support', timeZone: 'Europe/Paris' });
      await enterWorkspace(tx, ws.id);
      for (const role of Object.keys(PEOPLE) as Role[]) {
        const m = await createMember(tx, ws.id, { ...PEOPLE[role], role, password: PASSWORD, capacity: 20 });
        members[role] = { id: m.id, email: m.email, name: m.name };
      }
      const masto = await createChannel(tx, server.ctx.box, ws.id, { kind: 'mastodon', name: 'Acme on Mastodon', config: {} });
      // The chat is embedded on the shop only: Lookout's own origin is admitted by the link alone.
      await createChannel(tx, server.ctx.box, ws.id, { kind: 'webchat', name: 'Acme chat', config: { allowedOrigins: ['https://shop.acme.test'] } });
      return { workspaceId: ws.id, mastodonId: masto.id };
    });
    lookout = { url, server, setupLink: null, members, close: () => server.close() };
    await deliver(server.ctx, ids.workspaceId, ids.mastodonId, [{ externalId: 'toot-1', text: '@acme you charged my card twice for order 5512, this is the second time', author: { externalId: '501', handle: 'dana@social.example', displayName: 'Dana Whitfield' } }]);
    conversationId = String((await db.exec(`select id from conversations`)).rows[0]!.id);
    b = await openBrowser();
    b.context.setDefaultTimeout(30_000);
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
    await cleanupDb().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the customer chats on the link page, in the same conversation the agent answers from', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'agent', `/inbox/${conversationId}`);
    await page.getByRole('button', { name: 'Move to private' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move to private' });
    await dialog.waitFor();
    const link = dialog.getByRole('radio', { name: 'Secure chat link' });
    await link.waitFor();
    await link.check();
    await dialog.getByTestId('chat-link-help').waitFor();
    assert.equal(await dialog.getByRole('textbox', { name: 'Public reply (the invitation)' }).inputValue(), "Let's take this private: continue with us in a secure chat: {{private.link}}");
    await dialog.getByRole('textbox', { name: 'Private message' }).fill('Hi Dana, Sam from Acme here. Which card was charged twice? Tell us here, privately.');
    await screenshot(page, 'conversation-webchat-link-dialog');
    await dialog.getByRole('button', { name: 'Move to private' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await outbox();

    const invitation = mastodon.sent.at(-1)!.text;
    const url = /http:\/\/127\.0\.0\.1:\d+\/chat\/[A-Za-z]+/.exec(invitation)?.[0];
    assert.ok(url, invitation);
    assert.ok(!invitation.includes('{{'), invitation);

    // The customer opens the link in another tab: the chat is open, with the agent's opening.
    const visitor = await b.context.newPage();
    await visitor.goto(url);
    await visitor.getByText('Which card was charged twice?').waitFor();
    await visitor.getByRole('textbox', { name: 'Message' }).fill('The Visa ending 4242, on November 20th.');
    await visitor.getByRole('button', { name: 'Send', exact: true }).click();
    await visitor.getByText('The Visa ending 4242, on November 20th.').waitFor();
    // Wait until the message is stored, then let the pipeline file it.
    for (let i = 0; i < 50 && !Number((await lookout.server.ctx.db.exec(`select count(*)::int as n from raw_items where payload->>'text' like 'The Visa%'`)).rows[0]!.n); i++) await visitor.waitForTimeout(100);
    await pipeline();

    // In the console, the same conversation shows it; the agent answers in the chat.
    await page.reload();
    await page.getByText('The Visa ending 4242, on November 20th.').waitFor();
    await page.getByTestId('timeline-event').filter({ hasText: 'moved the conversation to private (secure chat link)' }).waitFor();
    const composer = page.getByRole('textbox', { name: 'Reply to the customer on Web chat' });
    await composer.fill('Thanks Dana, the second charge is refunded; you will see it in 3 days.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply queued for sending').waitFor();
    await outbox();
    await visitor.getByText('the second charge is refunded').waitFor();
    const violations = await seriousA11yViolations(visitor);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(visitor, 'conversation-webchat-link-visitor');
    await page.reload();
    await page.getByText('the second charge is refunded').first().waitFor();
    await screenshot(page, 'conversation-webchat-link-console');

    // The private opening and the public invitation are written in one transaction, at one time.
    const rows = await lookout.server.ctx.db.exec(
      `select m.direction, m.visibility, c.kind from timeline_messages m join channels c on c.id = m.channel_id where m.conversation_id = '${conversationId}' order by m.created_at, m.visibility`,
    );
    assert.deepEqual(rows.rows.map((r) => `${r.direction}:${r.visibility}:${r.kind}`), [
      'inbound:public:mastodon',
      'outbound:private:webchat',
      'outbound:public:mastodon',
      'inbound:private:webchat',
      'outbound:private:webchat',
    ]);
    assert.equal(Number((await lookout.server.ctx.db.exec(`select count(*)::int as n from conversations`)).rows[0]!.n), 1);
    assert.deepEqual(b.problems, []);
  });
});
