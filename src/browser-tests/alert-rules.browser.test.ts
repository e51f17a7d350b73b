import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs } from './connector-seed.ts';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, type Browser, type Lookout } from './harness.ts';

/** An admin sets up who hears about incidents: Settings → Alerts. */
describe('alert rules settings', () => {
  let lookout: Lookout;
  let b: Browser;
  before(async () => {
    lookout = await startLookout();
    b = await openBrowser();
    await signInAs(b, lookout, 'admin', '/settings/alerts');
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  const dialog = () => b.page.getByRole('dialog');

  it('starts empty and accessible', async () => {
    const { page } = b;
    await page.getByText('No alert rules yet').waitFor();
    assert.deepEqual(await seriousA11yViolations(page), [], describeViolations(await seriousA11yViolations(page)));
  });

  it('creates a rule with conditions, recipients and an escalation level; the server names a missing URL next to its field', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'New alert rule' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Outages to on-call');
    await dialog().getByRole('textbox', { name: 'Minimum severity (1–10)' }).fill('7');
    const types = dialog().getByLabel('Incident types', { exact: true });
    await types.fill('outage');
    await types.press('Enter');

    await dialog().getByRole('combobox', { name: 'Recipient 1: member' }).click();
    await page.getByRole('option', { name: 'Sam Ortiz' }).click();
    await dialog().getByRole('button', { name: 'Add recipient' }).click();
    await dialog().getByRole('combobox', { name: 'Recipient 2: kind' }).click();
    await page.getByRole('option', { name: 'Slack webhook' }).click();
    // The Slack channel keeps its own quiet hours; the others follow the rule's.
    await dialog().getByRole('checkbox', { name: /Recipient 2: own quiet hours/ }).check();
    await dialog().getByLabel('Recipient 2 quiet from').fill('23:30');
    await dialog().getByRole('textbox', { name: 'Recipient 2: still alert from severity' }).fill('9');

    await dialog().getByRole('button', { name: 'Add escalation level' }).click();
    await dialog().getByRole('button', { name: 'Add recipient' }).nth(1).click();
    await dialog().getByRole('combobox', { name: 'Level 1 recipient 1: member' }).click();
    await page.getByRole('option', { name: 'Priya Natarajan' }).click();
    await dialog().getByRole('checkbox', { name: /Quiet hours/ }).check();
    assert.deepEqual(await seriousA11yViolations(page), [], describeViolations(await seriousA11yViolations(page)));

    await dialog().getByRole('button', { name: 'Add rule' }).click();
    const url = dialog().getByRole('textbox', { name: 'Recipient 2: incoming webhook URL' });
    await dialog().getByText('is required').waitFor();
    assert.equal(await url.getAttribute('aria-invalid'), 'true');
    await url.scrollIntoViewIfNeeded();
    await screenshot(page, 'alert-rule-error');

    await url.fill('http://127.0.0.1:9/services/T1/B1/not-a-real-hook');
    await screenshot(page, 'alert-rule-editor');
    await dialog().getByRole('button', { name: 'Add rule' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-alert-rule="Outages to on-call"]');
    await row.waitFor();
    assert.match(await row.innerText(), /severity ≥ 7, outage → Sam Ortiz, Slack; escalates 1×/);
    assert.ok(!(await page.content()).includes('not-a-real-hook'), 'the Slack URL is never shown back');
    const [rule] = (await (await apiAs(b, lookout, 'GET', '/api/alert-rules')).json()) as { definition: { recipients: { kind: string; quietHours?: unknown }[] } }[];
    assert.deepEqual(rule!.definition.recipients.map((r) => [r.kind, r.quietHours ?? null]), [['member', null], ['slack', { from: '23:30', to: '07:00', minSeverity: 9 }]]);
  });

  it('sends a test alert and says which recipients worked', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Send test: Outages to on-call' }).click();
    const results = dialog().getByRole('list', { name: 'Test results' });
    await results.getByText(/console · Sam Ortiz/).waitFor();
    await results.getByText(/slack ·/).waitFor();
    const text = (await results.textContent()) ?? '';
    assert.match(text, /delivered\s*console · Sam Ortiz/);
    assert.match(text, /failed\s*slack · http:\/\/127\.0\.0\.1:9\/services\/T1\/B1\/…/);
    await screenshot(page, 'alert-rule-test');
    assert.deepEqual(await seriousA11yViolations(page), [], describeViolations(await seriousA11yViolations(page)));
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    await screenshot(page, 'alert-rules');
    assert.deepEqual(b.problems, []);
  });
});
