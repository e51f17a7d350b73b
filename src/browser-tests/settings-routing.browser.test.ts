import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

/** An admin builds and tests a rule, orders rules, sets SLA policies and calendars, writes canned replies; an agent only reads. */
describe('settings: rules, SLA and canned replies', () => {
  let lookout: Lookout;
  let b: Browser;
  const dialog = () => b.page.getByRole('dialog');
  const accessible = async (name: string) => {
    await waitInPage(b.page, `!document.querySelector('[aria-busy="true"]') && !document.querySelector('.mantine-Notification-root')`, 15_000);
    await b.page.mouse.move(0, 0); // a hovered link's tint is not the page's resting state
    const violations = await seriousA11yViolations(b.page);
    assert.equal(violations.length, 0, `${name}:\n${describeViolations(violations)}`);
  };
  const pick = async (combobox: string, option: string | RegExp, scope = dialog()) => {
    await scope.getByRole('combobox', { name: combobox }).last().click();
    await b.page.getByRole('option', { name: option }).first().click();
  };

  before(async () => {
    lookout = await startLookout();
    const at = await seedChannel(lookout);
    await deliverMentions(lookout, at, [
      { externalId: 'r1', handle: 'kim_k', text: 'I want a refund for my broken kettle', followers: 50_000 },
      { externalId: 'r2', handle: 'lee', text: 'what time do you open on sunday?' },
    ]);
    b = await openBrowser();
    try {
      await signInAs(b, lookout, 'admin', '/settings/rules');
    } catch (e) {
      await screenshot(b.page, 'debug-routing');
      console.log('DEBUG', b.problems, b.page.url(), await b.page.content().then((c) => c.slice(0, 3000)));
      throw e;
    }
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('builds a rule, is told what is missing before sending, and the server’s objection lands on the condition', async () => {
    const { page } = b;
    await page.getByText('No rules yet').waitFor();
    await accessible('rules');
    await page.getByRole('button', { name: 'New rule' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Refunds to billing');
    // The first condition starts as "text contains …" with no value; the action as "add tag" with none.
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/rules')) posts++;
    });
    await dialog().getByRole('button', { name: 'Add rule' }).click();
    await dialog().getByText('Give a value').waitFor();
    await dialog().getByText('Pick one').or(dialog().getByText('Fix what is marked')).first().waitFor();
    assert.equal(posts, 0, 'nothing was sent');

    await pick('Operator', 'matches regex');
    await dialog().getByRole('textbox', { name: 'Value' }).fill('(a+)+');
    await dialog().getByRole('textbox', { name: 'Tag' }).fill('refund');
    await dialog().getByRole('button', { name: 'Add rule' }).click();
    await dialog().getByText(/nested quantifiers/).waitFor();
    assert.equal(posts, 1);
    await screenshot(page, 'settings-rule-server-error');

    await pick('Operator', 'contains');
    await dialog().getByRole('textbox', { name: 'Value' }).fill('refund');
    await dialog().getByRole('button', { name: 'Add condition' }).click();
    await pick('Field', 'followers');
    await pick('Operator', '≥');
    await dialog().getByRole('textbox', { name: 'Value' }).last().fill('10000');
    await dialog().getByRole('button', { name: 'Add action' }).click();
    await pick('Action', 'Set priority');
  });

  it('tests the rule against a past mention and shows which conditions matched', async () => {
    const { page } = b;
    const tester = dialog().getByRole('region', { name: 'Test against a past mention' });
    await tester.getByRole('textbox', { name: 'Find a mention' }).fill('kettle');
    await tester.getByRole('button', { name: 'Find' }).click();
    await tester.getByText(/broken kettle/).waitFor();
    await tester.getByRole('button', { name: 'Test rule' }).click();
    await tester.getByText('The rule fires').waitFor();
    const why = await tester.locator('[data-rule-test]').innerText();
    assert.match(why, /followers 50,000 ≥ 10,000/);
    assert.match(why, /Then: Add tag, Set priority/);
    await tester.locator('[data-rule-test]').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-rule-test');

    await tester.getByRole('textbox', { name: 'Find a mention' }).fill('sunday');
    await tester.getByRole('button', { name: 'Find' }).click();
    await tester.getByText(/open on sunday/).waitFor();
    await tester.getByRole('button', { name: 'Test rule' }).click();
    await tester.getByText('The rule does not fire').waitFor();
    assert.ok((await tester.locator('[data-trace="unmatched"]').count()) >= 2, 'the failing conditions are marked');

    await dialog().getByRole('button', { name: 'Add rule' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await page.locator('tr[data-rule="Refunds to billing"]').waitFor();
    assert.match(await page.locator('tr[data-rule="Refunds to billing"]').innerText(), /2 conditions → Add tag, Set priority/);
  });

  it('orders rules with up and down, and disables one', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'New rule' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Tag questions');
    await dialog().getByRole('textbox', { name: 'Value' }).fill('?');
    await dialog().getByRole('textbox', { name: 'Tag' }).fill('question');
    await dialog().getByRole('button', { name: 'Add rule' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const names = () => page.locator('tr[data-rule]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rule')));
    await page.locator('tr[data-rule="Tag questions"]').waitFor();
    assert.deepEqual(await names(), ['Refunds to billing', 'Tag questions']);
    await page.getByRole('button', { name: 'Move Tag questions up' }).click();
    await waitInPage(page, `document.querySelector('tr[data-rule]')?.getAttribute('data-rule') === 'Tag questions'`);
    const saved = (await (await page.context().request.get(`${lookout.url}/api/rules`)).json()) as { name: string }[];
    assert.deepEqual(saved.map((r) => r.name), ['Tag questions', 'Refunds to billing'], 'the order is saved');
    await page.getByRole('switch', { name: 'Enable Refunds to billing' }).click({ force: true });
    await waitInPage(page, `document.querySelector('input[aria-label="Enable Refunds to billing"]')?.checked === false`);
    await accessible('rules list');
    await screenshot(page, 'settings-rules');
  });

  it('creates a business-hours calendar and an SLA policy that counts in it', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'SLA and hours' }).click();
    await page.getByText('No calendars').waitFor();
    await page.getByRole('button', { name: 'New calendar' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Paris office');
    await dialog().getByRole('textbox', { name: 'Monday opens' }).fill('9am');
    await dialog().getByLabel('Holidays').fill('2026-12-25');
    await page.keyboard.press('Enter');
    await dialog().getByRole('button', { name: 'Create calendar' }).click();
    await dialog().getByText('HH:MM, e.g. 09:00').waitFor();
    await dialog().getByRole('textbox', { name: 'Monday opens' }).fill('08:30');
    await dialog().getByRole('button', { name: 'Add Saturday hours' }).click();
    await screenshot(page, 'settings-calendar-form');
    await dialog().getByRole('button', { name: 'Create calendar' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const cal = page.locator('tr[data-calendar="Paris office"]');
    await cal.waitFor();
    assert.match(await cal.innerText(), /Europe\/Paris[\s\S]*Mon 08:30–17:00 · Tue–Sat 09:00–17:00[\s\S]*2026-12-25/);

    await page.getByRole('button', { name: 'New policy' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Urgent');
    await dialog().getByRole('button', { name: 'Create policy' }).click();
    await dialog().getByText('Set at least one target').waitFor();
    await dialog().getByRole('textbox', { name: 'First response' }).fill('30');
    await dialog().getByRole('textbox', { name: 'Resolution' }).fill('480');
    await dialog().getByRole('textbox', { name: 'Lowest priority' }).fill('70');
    await pick('Business hours', 'Paris office');
    await dialog().getByRole('button', { name: 'Create policy' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const policy = page.locator('tr[data-policy="Urgent"]');
    await policy.waitFor();
    assert.match(await policy.innerText(), /Urgent[\s\S]*priority 70–100[\s\S]*30 min[\s\S]*8 h[\s\S]*Paris office/);
    await accessible('sla');
    await screenshot(page, 'settings-sla');
  });

  it('writes a canned reply with variables and sees it previewed', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Canned replies' }).click();
    await page.getByRole('button', { name: 'New canned reply' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Outage apology');
    const body = dialog().getByRole('textbox', { name: 'Reply' });
    await body.fill('Hi ');
    await dialog().getByRole('button', { name: '{{customer.name}}' }).click();
    await body.press('End');
    await body.pressSequentially(', we are on it. Ticket {{ticket.id}} {{oops');
    await dialog().getByRole('button', { name: 'Create reply' }).click();
    await dialog().getByText(/a lone brace would reach the customer/).waitFor();
    await body.fill(`Hi {{customer.name}}, we are on it. Ticket {{ticket.id}}. {{agent.persona}}`);
    const preview = await dialog().locator('[data-canned-preview]').innerText();
    assert.equal(preview, 'Hi Kim Kay, we are on it. Ticket [ticket.id]. ^SO');
    await screenshot(page, 'settings-canned-form');
    await dialog().getByRole('button', { name: 'Create reply' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-canned="Outage apology"]');
    await row.waitFor();
    assert.match(await row.innerText(), /customer\.name[\s\S]*ticket\.id[\s\S]*agent\.persona/);
    await accessible('canned replies');
  });

  it('a channel rule requires approval before public replies on X and acknowledges new conversations', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('button', { name: 'New channel rule' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Approval on X');
    await dialog().getByRole('button', { name: 'Add channel rule' }).click();
    await dialog().getByText('Set at least one of business hours, approval or acknowledgement').waitFor();
    await pick('Channel kinds', 'X');
    await page.keyboard.press('Escape');
    await pick('Supervisor approval before a public reply', 'Required');
    await pick('Acknowledge new conversations with', 'Outage apology');
    await dialog().getByRole('button', { name: 'Add channel rule' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-channel-rule="Approval on X"]');
    await row.waitFor();
    assert.match(await row.innerText(), /X → approval required, acknowledge with Outage apology/);
    const stored = ((await (await page.context().request.get(`${lookout.url}/api/rules`)).json()) as { layer: string; definition: object }[]).find((r) => r.layer === 'channel');
    assert.deepEqual(stored?.definition, { appliesTo: { channelKinds: ['x'] }, requireApprovalForPublicReply: true, autoAcknowledge: { cannedReplyId: (stored?.definition as { autoAcknowledge: { cannedReplyId: string } }).autoAcknowledge.cannedReplyId, when: 'outside_business_hours' } });
    await accessible('rules with channel rules');
  });

  it('an agent reads the rules but cannot change them, and the API refuses too', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'agent', '/settings/rules');
    await page.locator('tr[data-rule="Tag questions"]').waitFor();
    assert.equal(await page.getByRole('button', { name: 'New rule' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Move .* up/ }).count(), 0);
    assert.equal(await page.getByRole('switch').count(), 0);
    await page.getByRole('button', { name: 'View rule Tag questions' }).click();
    assert.equal(await dialog().getByRole('button', { name: 'Save changes' }).count(), 0);
    assert.ok(await dialog().getByRole('textbox', { name: 'Name' }).isDisabled());
    await dialog().getByRole('button', { name: 'Close' }).last().click();
    await dialog().waitFor({ state: 'hidden' });
    const csrf = (await (await page.context().request.get(`${lookout.url}/api/session`)).json()).csrfToken as string;
    const refused = await page.context().request.post(`${lookout.url}/api/rules`, {
      headers: { 'x-csrf-token': csrf },
      data: { layer: 'data', name: 'sneaky', definition: { when: { all: [{ field: 'isVip', op: 'is', value: true }] }, then: [{ type: 'add_tag', tag: 'x' }] } },
    });
    assert.equal(refused.status(), 403);
    await page.getByRole('link', { name: 'SLA and hours' }).click();
    await page.locator('tr[data-policy="Urgent"]').waitFor();
    assert.equal(await page.getByRole('button', { name: 'New policy' }).count(), 0);
    assert.deepEqual(b.problems, []);
  });
});
