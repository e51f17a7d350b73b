import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';
import { apiAs, connectWebhookChannel, pushThroughWebhook } from './connector-seed.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

const HOSTILE_NAME = '<img src=x onerror=alert(1)><script>alert(2)</script>Eve';
const HOSTILE_TEXT = '<script>alert(3)</script><b onmouseover=alert(4)>bold</b> my parcel is lost';

/**
 * The customer 360 over customers the pipeline made: Dana wrote on X and through the brand
 * monitor (a signed webhook), so Lookout sees two customers and suggests merging them; a person
 * merges, then unmerges. Names and texts a customer chose stay text.
 */
describe('customers', () => {
  let lookout: Lookout;
  let b: Browser;
  const dialogs: string[] = [];

  before(async () => {
    lookout = await startLookout();
    const x = await seedChannel(lookout);
    b = await openBrowser();
    b.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signInAs(b, lookout, 'admin', '/customers');
    const key = await connectWebhookChannel(b, lookout);
    await deliverMentions(lookout, x, [
      { externalId: 'x-dana', text: '@acme my tent pole snapped on the first night, what now?', handle: 'dana_w', displayName: 'Dana Whitfield', followers: 5400 },
    ]);
    await pushThroughWebhook(lookout, key, [
      { id: 'w-dana', text: 'Review: the Trailhead 2 pole broke, support has not answered yet', handle: 'dwhitfield', name: 'Dana Whitfield', followers: 80 },
      { id: 'w-eve', text: HOSTILE_TEXT, handle: 'eve', name: HOSTILE_NAME, followers: 3 },
    ]);
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  const rows = () => b.page.getByTestId('customers-table').locator('tbody tr');
  const identities = () => b.page.getByTestId('identities').locator('tbody tr');

  it('lists customers and finds them by name or by handle', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'agent', '/customers');
    await rows().nth(2).waitFor();
    assert.equal(await rows().count(), 3);
    const search = page.getByRole('searchbox', { name: 'Search customers' });
    await page.locator('body').click({ position: { x: 5, y: 500 } });
    await page.keyboard.press('/');
    await waitInPage(page, `document.activeElement?.getAttribute('aria-label') === 'Search customers'`);
    await page.keyboard.type('whitfield');
    await waitInPage(page, `document.querySelectorAll('[data-testid="customers-table"] tbody tr').length === 2`);
    assert.match(page.url(), /[?&]q=whitfield/);
    await search.fill('dana_w');
    await waitInPage(page, `document.querySelectorAll('[data-testid="customers-table"] tbody tr').length === 1`);
    assert.match((await rows().first().textContent()) ?? '', /X · @dana_w/);
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'customers-list');
  });

  it('the 360 shows identities, conversations, sentiment and a duplicate suggestion with its reason', async () => {
    const { page } = b;
    await rows().first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Dana Whitfield', level: 1 }).waitFor();
    assert.equal(await identities().count(), 1);
    assert.match((await identities().first().textContent()) ?? '', /@dana_w.*5\.4K followers/);
    await page.getByTestId('customer-conversations').waitFor();
    assert.match((await page.getByTestId('customer-conversations').textContent()) ?? '', /X/);
    const suggestion = page.getByTestId('merge-suggestions').locator('[data-suggestion]');
    await suggestion.first().waitFor();
    assert.match((await suggestion.first().textContent()) ?? '', /Dana Whitfield.*\d+% confidence/);
    await page.getByTestId('sentiment-chart').or(page.getByText('Nothing they wrote')).first().waitFor();
    await waitInPage(page, `!document.querySelector('[aria-busy="true"]')`);
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'customer-360');
  });

  it('merges the suggested duplicate after choosing who stays, and the merge is audited', async () => {
    const { page } = b;
    await page.getByTestId('merge-suggestions').getByRole('button', { name: /^Merge with/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge customers' });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('radio', { name: /Keep Dana Whitfield/ }).first().isChecked(), true, 'this customer stays unless changed');
    assert.notEqual(await dialog.getByRole('textbox', { name: /Why are they the same person/ }).inputValue(), '', 'the reason starts from the suggestion');
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'customer-merge-dialog');
    await dialog.getByTestId('confirm-merge').click();
    await dialog.waitFor({ state: 'hidden' });
    await waitInPage(page, `document.querySelectorAll('[data-testid="identities"] tbody tr').length === 2`);
    assert.match((await page.getByTestId('identities').textContent()) ?? '', /@dwhitfield/);
    await page.getByTestId('merge-history').locator('[data-merge]').first().waitFor();
    assert.match((await page.getByTestId('merge-history').textContent()) ?? '', /merged into Dana Whitfield/);

  });

  it('unmerges from the merge history: the identity goes back to its own customer', async () => {
    const { page } = b;
    await page.getByTestId('merge-history').getByRole('button', { name: 'Unmerge' }).click();
    await page.getByRole('dialog', { name: 'Unmerge these customers?' }).getByRole('button', { name: 'Unmerge' }).click();
    await waitInPage(page, `document.querySelectorAll('[data-testid="identities"] tbody tr').length === 1`);
    await page.locator('[data-testid="merge-history"] [data-undone="true"]').waitFor();
    assert.equal(await page.getByTestId('merge-history').getByRole('button', { name: 'Unmerge' }).count(), 0);

    await signInAs(b, lookout, 'admin', '/customers');
    const entries = (await (await apiAs(b, lookout, 'GET', '/api/audit?limit=50')).json()) as { action: string }[];
    const actions = entries.map((e) => e.action);
    assert.ok(actions.includes('customer.merged'), `the merge is in the audit log: ${actions}`);
    assert.ok(actions.includes('customer.unmerged'), `the unmerge is in the audit log: ${actions}`);
  });

  it('edits tier, VIP, custom attributes and notes, validating before sending', async () => {
    const { page } = b;
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('dana_w');
    await waitInPage(page, `document.querySelectorAll('[data-testid="customers-table"] tbody tr').length === 1`);
    await rows().first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Dana Whitfield', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
    const form = page.getByRole('dialog', { name: 'Edit customer' });
    await form.waitFor();
    await form.getByRole('textbox', { name: 'Email' }).fill('not an email');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('Enter an email address like name@example.com').waitFor();
    await form.getByRole('textbox', { name: 'Email' }).fill('dana@example.com');
    await form.getByRole('textbox', { name: 'Tier' }).fill('Gold');
    await form.getByRole('checkbox', { name: 'VIP' }).check();
    await form.getByRole('button', { name: 'Add attribute' }).click();
    await form.getByRole('textbox', { name: 'Attribute 1 name' }).fill('plan');
    await form.getByRole('textbox', { name: 'Attribute 1 value' }).fill('Trail Club <b>Pro</b>');
    await form.getByRole('textbox', { name: 'Notes' }).fill('Prefers email. Replaced a pole in 2025.');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByText('Customer saved').waitFor();
    assert.match((await page.getByTestId('attributes').textContent()) ?? '', /plan\s*Trail Club <b>Pro<\/b>/);
    assert.equal(await page.getByTestId('customer-notes').textContent(), 'Prefers email. Replaced a pole in 2025.');
    assert.match((await page.locator('main').textContent()) ?? '', /VIP.*Gold tier.*dana@example\.com/);
    await page.getByRole('link', { name: '← Customers' }).click();
    await rows().first().waitFor();
  });

  it('markup in a customer name or message stays text, on the customer page and in the inbox', async () => {
    const { page } = b;
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('eve');
    await waitInPage(page, `document.querySelectorAll('[data-testid="customers-table"] tbody tr').length === 1`);
    assert.equal(await rows().first().getByRole('link').textContent(), HOSTILE_NAME);
    await rows().first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: HOSTILE_NAME }).waitFor();
    assert.equal(await page.locator('main img, main b, #root script').count(), 0, 'nothing was made from customer text');

    await page.goto(`${lookout.url}/inbox?queue=all&q=parcel`);
    const row = page.getByTestId('inbox-row').first();
    await row.waitFor();
    assert.equal(await row.getByTestId('snippet').textContent(), HOSTILE_TEXT);
    await row.getByRole('link').click();
    await page.getByTestId('message-body').first().waitFor();
    assert.equal(await page.getByTestId('message-body').first().textContent(), HOSTILE_TEXT);
    assert.equal(await page.locator('main img, main b').count(), 0);
    assert.deepEqual(dialogs, [], 'no customer script ran');
    assert.deepEqual(b.problems, []);
  });

  it('an analyst reads the 360 but has no merge, edit or unlink, and the API refuses a merge', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'analyst', '/customers?q=whitfield');
    await waitInPage(page, `document.querySelectorAll('[data-testid="customers-table"] tbody tr').length === 2`);
    await rows().first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Dana Whitfield', level: 1 }).waitFor();
    await page.getByTestId('merge-history').or(page.getByText('Never merged or split.')).first().waitFor();
    await page.getByTestId('merge-suggestions').waitFor();
    for (const name of [/^Merge/, /^Edit$/, /^Unlink/, /^Unmerge$/]) assert.equal(await page.getByRole('button', { name }).count(), 0, `no ${name} button`);
    const [a, bId] = (await (await apiAs(b, lookout, 'GET', '/api/customers?q=whitfield')).json()).items.map((c: { id: string }) => c.id);
    const refused = await apiAs(b, lookout, 'POST', `/api/customers/${a}/merge`, { otherId: bId, reason: 'same person' });
    assert.equal(refused.status(), 403);
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.deepEqual(b.problems, []);
  });
});
