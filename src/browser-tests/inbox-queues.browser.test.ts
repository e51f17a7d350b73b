import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';
import { apiAs, connectWebhookChannel, pushThroughWebhook } from './connector-seed.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

interface Row {
  id: string;
  latestMentionId: string | null;
  snippet: string;
  tags: { name: string }[];
  assignee: { id: string } | null;
  snoozedUntil: string | null;
}

/**
 * The inbox's queues, filters, paging and actions over mentions that came through a real
 * connector (the signed webhook) and the pipeline, driven with the keyboard where the issue says so.
 */
describe('inbox queues, filters and actions', () => {
  let lookout: Lookout;
  let b: Browser;
  let x: { workspaceId: string; channelId: string };
  let webhookKey: string;

  before(async () => {
    lookout = await startLookout();
    x = await seedChannel(lookout);
    b = await openBrowser();
    await signInAs(b, lookout, 'admin', '/inbox');
    webhookKey = await connectWebhookChannel(b, lookout);
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  const rows = () => b.page.getByTestId('inbox-row');
  // Counted once the list shows its own query's rows (not the previous search's, kept while loading).
  const rowCount = (n: number) =>
    waitInPage(b.page, `!document.querySelector('[data-placeholder]') && !document.querySelector('[aria-busy="true"]') && document.querySelectorAll('[data-testid="inbox-row"]').length === ${n}`);
  const list = async (query: string): Promise<Row[]> => (await (await apiAs(b, lookout, 'GET', `/api/conversations?${query}`)).json()).items;
  const pick = async (label: string, option: string) => {
    await b.page.locator(`input[aria-label="${label}"]`).click();
    await b.page.getByRole('option', { name: option }).click();
  };
  const tab = (name: string) => b.page.getByRole('tab', { name: new RegExp(`^${name}`) });
  /** Opens a queue and waits for its own list (the previous tab's may hold as many rows). */
  const openTab = async (name: string) => {
    await tab(name).click();
    await b.page.getByRole('list', { name: `${name} conversations` }).waitFor();
  };

  it('mentions pushed through the signed webhook appear live, most urgent first', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'agent', '/inbox');
    await page.getByText('All clear').waitFor();
    await waitInPage(page, `document.querySelector('[data-testid="queue-count-needs_response"]')?.textContent === '0'`);
    await page.locator('html[data-live="open"]').waitFor({ state: 'attached' });
    await pushThroughWebhook(lookout, webhookKey, [
      { id: 'w-question', text: 'does the Trailhead 2 tent fit in a 40 litre pack?', handle: 'hiker', name: 'Quinn Hiker', followers: 30 },
      { id: 'w-angry', text: 'Acme charged my card twice and support ignores me. Refund me now or I cancel and tell everyone', handle: 'loud', name: 'Lou Dee', followers: 250_000 },
    ]);
    await rowCount(2);
    // The tabs count with the list, live: the two new conversations need a response and nobody has them.
    await waitInPage(page, `document.querySelector('[data-testid="queue-count-needs_response"]')?.textContent === '2'`);
    assert.equal(await page.getByTestId('queue-count-unassigned').textContent(), '2');
    assert.equal(await page.getByTestId('queue-count-mine').textContent(), '0');
    assert.match((await rows().first().textContent()) ?? '', /Lou Dee.*250K followers/);
    const priorities = (await page.getByTestId('priority').allTextContents()).map((t) => Number.parseInt(t, 10));
    assert.ok(priorities[0]! > priorities[1]!, `priority order ${priorities}`);
  });

  it('filters narrow the queue, live in the URL, and survive a reload', async () => {
    const { page } = b;
    await deliverMentions(lookout, x, [
      { externalId: 'x-fr', text: "Bonjour, ma commande n'est jamais arrivée et personne ne répond, je veux être remboursé", handle: 'marie', displayName: 'Marie Dubois', followers: 900 },
    ]);
    await page.getByRole('tab', { name: /^All/ }).click();
    await rowCount(3);
    await pick('Influence', '100K+ followers');
    await rowCount(1);
    assert.match(page.url(), /minInfluence=100000/);
    assert.match((await rows().first().textContent()) ?? '', /Lou Dee/);
    await page.reload();
    await rowCount(1);
    assert.equal(await page.locator('input[aria-label="Influence"]').inputValue(), '100K+ followers');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await rowCount(3);
    await pick('Language', 'French (fr)');
    await rowCount(1);
    assert.match((await rows().first().textContent()) ?? '', /Marie Dubois/);
    assert.match(page.url(), /language=fr/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await rowCount(3);
  });

  it('a assigns the focused conversation to a member from the picker', async () => {
    const { page } = b;
    const unassigned = (await list('queue=unassigned')).length;
    assert.ok(unassigned >= 2, `${unassigned} unassigned`);
    await openTab('Unassigned');
    await rowCount(unassigned);
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const first = await rows().first().getAttribute('data-conversation');
    await page.keyboard.press('a');
    const dialog = page.getByRole('dialog', { name: 'Assign conversation' });
    await dialog.waitFor();
    await waitInPage(page, `document.activeElement?.tagName === 'INPUT'`);
    await page.keyboard.type('Sam');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Conversation assigned to Sam Ortiz').waitFor();
    await rowCount(unassigned - 1);
    await waitInPage(page, `document.querySelector('[data-testid="queue-count-unassigned"]')?.textContent === '${unassigned - 1}'`);
    await openTab('Mine');
    await rowCount(1);
    assert.equal(await rows().first().getAttribute('data-conversation'), first);
  });

  it('x picks rows, t tags them, n adds a note, and snooze hides them until later', async () => {
    const { page } = b;
    await openTab('All');
    await rowCount(3);
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByTestId('bulk-bar').getByText('2 picked').waitFor();
    await page.keyboard.press('t');
    const dialog = page.getByRole('dialog', { name: 'Tag 2 conversations' });
    await dialog.waitFor();
    await page.keyboard.type('refund-risk');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Tagged “refund-risk”').waitFor();
    await waitInPage(page, `[...document.querySelectorAll('[data-testid="inbox-row"]')].filter((r) => r.textContent.includes('refund-risk')).length === 2`);

    await pick('Tag', 'refund-risk');
    await rowCount(2);
    assert.match(page.url(), /tag=refund-risk/);
    await screenshot(page, 'inbox-filters');

    await page.locator('body').click({ position: { x: 5, y: 600 } });
    await page.keyboard.press('n');
    const note = page.getByRole('dialog', { name: /Internal note/ });
    await note.waitFor();
    await page.keyboard.type('Both double charges: check with billing before replying');
    await page.keyboard.press('Control+Enter');
    await note.waitFor({ state: 'hidden' });
    await page.getByText('Note added').waitFor();

    const tagged = await list('queue=all&tag=refund-risk');
    assert.equal(tagged.length, 2);
    assert.equal(await page.getByTestId('bulk-bar').count(), 0, 'a finished bulk action clears the picks');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await rowCount(3);
    await rows().filter({ hasText: 'Lou Dee' }).getByTestId('row-check').check();
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Snooze' }).click();
    await page.getByRole('menuitem', { name: '4 hours' }).click();
    await page.getByText(/snoozed for 4 hours/).waitFor();
    const snoozed = (await list('queue=all')).filter((r) => r.snoozedUntil && new Date(r.snoozedUntil).getTime() > Date.now() + 3 * 3_600_000);
    assert.deepEqual(snoozed.map((r) => r.snippet.slice(0, 20)), ['Acme charged my card'], 'Lou’s conversation is snoozed for about 4 hours');
    await page.getByText('Snoozed', { exact: true }).waitFor();
  });

  it('Dismissed audits triage: "Needed a response" sends the conversation back to Needs response', async () => {
    const { page } = b;
    const question = (await list('queue=all')).find((r) => r.snippet.includes('40 litre'))!;
    const dismissed = await apiAs(b, lookout, 'POST', `/api/mentions/${question.latestMentionId}/dismiss`);
    assert.equal(dismissed.status(), 200, await dismissed.text());
    const dismissedCount = (await list('queue=dismissed')).length;
    assert.ok(dismissedCount >= 1);
    await openTab('Dismissed');
    await rowCount(dismissedCount);
    const row = rows().filter({ hasText: 'Quinn Hiker' });
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'inbox-dismissed');
    await row.getByRole('button', { name: /This needed a response/ }).click();
    await page.getByText(/Back in Needs response/).waitFor();
    await rowCount(dismissedCount - 1);
    await openTab('Needs response');
    await rows().filter({ hasText: 'Quinn Hiker' }).waitFor();
  });

  it('pages with the cursor: Load more brings the next page', async () => {
    const { page } = b;
    await deliverMentions(
      lookout,
      x,
      Array.from({ length: 50 }, (_, i) => ({ externalId: `bulk-${i}`, text: `my order ${1000 + i} is late, where is it?`, handle: `buyer${i}`, displayName: `Buyer ${i}` })),
    );
    await page.goto(`${lookout.url}/inbox?queue=all`);
    await rowCount(50);
    assert.equal(await page.getByTestId('queue-count').textContent(), '50+');
    await page.getByTestId('load-more').scrollIntoViewIfNeeded();
    await rowCount(53);
    assert.equal(await page.getByTestId('load-more').count(), 0, 'no more pages');
    assert.deepEqual(b.problems, []);
  });

  it('a lost connection shows the banner, and what arrived meanwhile appears once, when the stream is back', async () => {
    const { page, context } = b;
    await page.goto(`${lookout.url}/inbox?queue=needs_response&q=stove`);
    await page.getByText('No conversation matches “stove”').waitFor();
    await page.locator('html[data-live="open"]').waitFor({ state: 'attached' });
    await context.setOffline(true);
    // Cut the open event stream too: offline emulation alone leaves an established connection up.
    lookout.server.app.server.closeAllConnections();
    await page.getByText('Connection to Lookout lost.').waitFor();
    await deliverMentions(lookout, x, [{ externalId: 'x-offline', text: 'my camping stove leaks gas, is it safe to use?', handle: 'camper', displayName: 'Cam Per', followers: 50 }]);
    await context.setOffline(false);
    await page.getByText('Connection to Lookout lost.').waitFor({ state: 'hidden', timeout: 20_000 });
    await page.locator('html[data-live="open"]').waitFor({ state: 'attached', timeout: 20_000 });
    await rowCount(1);
    assert.match((await rows().first().textContent()) ?? '', /Cam Per/);
    assert.deepEqual(b.problems, []);
  });

  it('an analyst sees the queues but no actions, and the API refuses an assignment', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'analyst', '/inbox?queue=all');
    await rows().nth(10).waitFor();
    assert.equal(await page.getByTestId('row-check').count(), 0);
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    await page.keyboard.press('j');
    await page.keyboard.press('a');
    await page.keyboard.press('n');
    await page.waitForTimeout(300);
    assert.equal(await page.getByRole('dialog').count(), 0);
    const id = await rows().first().getAttribute('data-conversation');
    const refused = await apiAs(b, lookout, 'PATCH', `/api/conversations/${id}`, { assigneeId: lookout.members.analyst.id });
    assert.equal(refused.status(), 403);
    assert.deepEqual(b.problems, []);
  });
});
