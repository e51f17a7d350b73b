import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, type Browser, type Lookout } from './harness.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

const HOSTILE = '<img src=x onerror=alert(1)> your app crashes every time I log in, please help';

/** The inbox and a conversation, fed by the real ingestion pipeline and kept live by the event stream. */
describe('inbox and conversation', () => {
  let lookout: Lookout;
  let b: Browser;
  let at: { workspaceId: string; channelId: string };
  const dialogs: string[] = [];

  before(async () => {
    lookout = await startLookout();
    at = await seedChannel(lookout);
    b = await openBrowser();
    b.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  const rows = () => b.page.getByTestId('inbox-row');
  // Page-side code is passed as a string: the server's tsconfig has no DOM types.
  const focusedLabel = () => b.page.evaluate('document.activeElement?.getAttribute("aria-label") ?? null') as Promise<string | null>;

  it('new mentions appear live, most urgent first, and customer markup stays text', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'agent', '/inbox');
    await page.getByText('All clear').waitFor();
    await page.locator('html[data-live="open"]').waitFor({ state: 'attached' });
    // Arrives while the inbox is open: no reload, the event stream brings it.
    await deliverMentions(lookout, at, [
      { externalId: 'm-hostile', text: HOSTILE, handle: 'mallory', displayName: 'Mallory', followers: 40 },
      { externalId: 'm-refund', text: '@acme you charged my card twice this month, I want a refund now or I cancel', handle: 'payer', displayName: 'Pat Payer', followers: 120_000 },
    ]);
    await rows().nth(1).waitFor();
    assert.equal(await rows().count(), 2);
    assert.match((await rows().nth(0).textContent()) ?? '', /Pat Payer.*120K followers/, 'the influential refund complaint is first');
    const priorities = (await page.getByTestId('priority').allTextContents()).map((t) => Number.parseInt(t, 10));
    assert.ok(priorities[0]! > priorities[1]!, `priority order ${priorities}`);
    assert.match((await page.getByTestId('sla').first().textContent()) ?? '', /left/);

    const hostileRow = rows().filter({ hasText: 'Mallory' });
    assert.equal(await hostileRow.getByTestId('snippet').textContent(), HOSTILE);
    assert.equal(await page.locator('[data-testid="inbox-list"] img').count(), 0, 'no element was made from customer text');

    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'inbox');
  });

  it('/ focuses search, which narrows the list', async () => {
    const { page } = b;
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    assert.equal(await focusedLabel(), 'Search conversations');
    await page.keyboard.type('crashes');
    await rows().filter({ hasText: 'Pat Payer' }).waitFor({ state: 'detached' });
    assert.equal(await rows().count(), 1);
    assert.match((await rows().first().textContent()) ?? '', /Mallory/);
    await search.fill('');
    await rows().nth(1).waitFor();
    await page.keyboard.press('Escape');
  });

  it('j/k and Enter open the top conversation, which explains its priority', async () => {
    const { page } = b;
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Pat Payer', level: 1 }).waitFor();
    const reasons = (await page.getByTestId('triage-reasons').textContent()) ?? '';
    assert.match(reasons, /120k followers/);
    assert.match(reasons, /refund/);
    assert.match((await page.getByTestId('char-counter').textContent()) ?? '', /0 \/ 280/, "X's limit from /api/channel-kinds");
  });

  it('r focuses the reply, which is sent through the outbox and shows in the timeline', async () => {
    const { page } = b;
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('r');
    const box = page.getByRole('textbox', { name: /Reply to the customer on X/ });
    await page.locator('textarea:focus').waitFor();
    assert.match((await focusedLabel()) ?? '', /Reply to the customer on X/);
    await page.keyboard.type('Sorry about the double charge, Pat. We have refunded it; it shows within 3 days. ^SO');
    assert.match((await page.getByTestId('char-counter').textContent()) ?? '', /^8\d \/ 280/);
    await page.keyboard.press('Control+Enter');
    const out = page.getByTestId('timeline-outbound');
    await out.waitFor();
    assert.match((await out.textContent()) ?? '', /Sorry about the double charge/);
    assert.match((await out.getAttribute('data-outbox-state')) ?? '', /^(queued|sending|sent)$/);
    assert.equal(await box.inputValue(), '', 'the composer is cleared for the next reply');

    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'conversation');
  });

  it('e resolves the conversation', async () => {
    const { page } = b;
    await page.keyboard.press('Escape');
    await page.keyboard.press('e');
    await page.getByText('Conversation resolved').waitFor();
    assert.equal(await page.locator('input[aria-label="Status"]').inputValue(), 'Resolved');
    assert.deepEqual(b.problems, []);
    assert.deepEqual(dialogs, [], 'customer markup never ran');
  });

  it('an analyst reads the inbox and conversations but has no composer', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'analyst', '/inbox?queue=all');
    await rows().nth(1).waitFor();
    await rows().filter({ hasText: 'Mallory' }).getByRole('link').click();
    await page.getByTestId('read-only-note').waitFor();
    assert.equal(await page.getByTestId('message-body').first().textContent(), HOSTILE);
    assert.equal(await page.locator('[data-testid="timeline"] img').count(), 0);
    assert.equal(await page.getByRole('textbox', { name: /Reply to the customer/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Resolve' }).count(), 0);
    await page.keyboard.press('r');
    assert.equal(await page.getByRole('textbox').count(), 0);
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.deepEqual(b.problems, []);
  });
});
