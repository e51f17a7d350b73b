import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

const CARD = '4111 1111 1111 1111';

/** The compliance guard in the console: findings as the agent types, Send disabled on a block, a confirmation on a warning; the API refuses the same. */
describe('conversation: compliance guard', () => {
  let lookout: Lookout;
  let b: Browser;
  let conversationId = '';

  before(async () => {
    lookout = await startLookout();
    const at = await seedChannel(lookout);
    await deliverMentions(lookout, at, [{ externalId: 'g-1', text: '@acme you charged my card twice, fix it', handle: 'payer', displayName: 'Pat Payer', followers: 300 }]);
    conversationId = String((await lookout.server.ctx.db.exec(`select id from conversations`)).rows[0]!.id);
    b = await openBrowser();
    // This machine runs many suites at once: a first paint of the console can take longer than the harness's 10 s.
    b.context.setDefaultTimeout(30_000);
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  const box = () => b.page.getByRole('textbox', { name: /Reply to the customer/ });
  const send = () => b.page.getByRole('button', { name: 'Send reply' });
  const findings = () => b.page.getByTestId('compliance-findings');

  it('blocks a reply containing a card number: the finding is shown, Send is disabled, and the API refuses it too', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'agent', `/inbox/${conversationId}`);
    await box().fill(`Sorry Pat! I refunded the charge on ${CARD} this morning.`);
    await findings().and(page.locator('[data-blocked="true"]')).waitFor();
    const finding = page.getByTestId('compliance-finding').filter({ hasText: 'Card number' });
    assert.match((await finding.textContent()) ?? '', /payment card number \(…1111\) must never be posted/);
    assert.equal(await send().isDisabled(), true, 'Send is disabled while the card number is in the text');
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'conversation-guard-blocked');

    // The server does not trust the page: the same reply straight to the API is refused.
    const session = (await (await b.context.request.get(`${lookout.url}/api/session`)).json()) as { csrfToken: string };
    const res = await b.context.request.post(`${lookout.url}/api/conversations/${conversationId}/replies`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { text: `Refunded to ${CARD}.`, visibility: 'public', acknowledgeWarnings: true },
    });
    assert.equal(res.status(), 422);
    const problem = (await res.json()) as { code: string; errors: { message: string }[] };
    assert.equal(problem.code, 'COMPLIANCE_BLOCKED');
    assert.match(problem.errors[0]!.message, /^cardNumber/);
    const queued = await lookout.server.ctx.db.exec(`select count(*)::int as n from messages where direction = 'outbound'`);
    assert.equal(queued.rows[0]!.n, 0, 'nothing was queued');

    // Removing the number lifts the block.
    await box().fill('Sorry Pat! I refunded the double charge this morning.');
    await waitInPage(page, `!document.querySelector('[data-testid="compliance-findings"]')`);
    assert.equal(await send().isDisabled(), false);
  });

  it('a warning asks for confirmation, and the reply then goes out', async () => {
    const { page } = b;
    await box().fill('Write to billing@acme.test with your order number and we will sort it out.');
    await findings().and(page.locator('[data-blocked="false"]')).waitFor();
    await send().click();
    const dialog = page.getByRole('dialog', { name: 'Send despite the warnings?' });
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /email address \(billing@acme\.test\)/);
    await dialog.getByRole('button', { name: 'Send anyway' }).click();
    await page.getByTestId('timeline-outbound').filter({ hasText: 'billing@acme.test' }).waitFor();
    const row = await lookout.server.ctx.db.exec(`select meta from messages where direction = 'outbound'`);
    assert.equal((row.rows[0]!.meta as { complianceWarnings: { kind: string }[] }).complianceWarnings[0]!.kind, 'email');
    assert.deepEqual(b.problems, []);
  });

  it('an admin configures the guard: an invalid pattern is refused next to its field, a valid one is tested live and saved', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'admin', '/settings/compliance');
    await page.getByRole('heading', { name: 'Compliance', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add pattern' }).click();
    const row = page.getByTestId('pattern-row').first();
    await row.getByLabel('Name', { exact: true }).fill('Internal ticket');
    await row.getByLabel('Pattern', { exact: true }).fill('INC-(\\d+');
    await page.getByRole('button', { name: 'Save' }).click();
    await row.getByText(/not a valid regular expression/).waitFor();

    await row.getByLabel('Pattern', { exact: true }).fill('\\bINC-\\d{4,}\\b');
    await page.getByLabel('Test text').fill('See INC-20931 for the details.');
    await row.getByTestId('pattern-matches').filter({ hasText: '“INC-20931”' }).waitFor();
    await page.getByRole('button', { name: 'Add phrase' }).click();
    await page.getByLabel('Phrase 1', { exact: true }).fill('full refund');
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'settings-compliance');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Compliance settings saved').waitFor();
    const saved = (await (await b.context.request.get(`${lookout.url}/api/compliance`)).json()) as { patterns: { name: string }[]; forbiddenPromises: { phrase: string }[] };
    assert.deepEqual(saved.patterns.map((p) => p.name), ['Internal ticket']);
    assert.deepEqual(saved.forbiddenPromises.map((p) => p.phrase), ['full refund']);
  });
});
