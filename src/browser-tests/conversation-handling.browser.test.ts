import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { schema } from '../platform/db/index.ts';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

interface Detail {
  team: { id: string; name: string } | null;
  tags: { name: string }[];
  snoozedUntil: string | null;
  customer: { id: string; name: string | null } | null;
}

/**
 * The conversation page's handling: the team, the tags and the snooze change from the page and
 * persist; the customer's name leads to the customer 360; a drill is marked; answered check-ins
 * show on the conversation and on the customer; the inbox's r focuses the composer.
 */
describe('conversation: team, tags, snooze, customer and check-ins', () => {
  let lookout: Lookout;
  let b: Browser;
  let workspaceId = '';
  let conversationId = '';
  let drillId = '';

  before(async () => {
    lookout = await startLookout();
    const at = await seedChannel(lookout);
    workspaceId = at.workspaceId;
    await deliverMentions(lookout, at, [
      { externalId: 'h-1', text: '@acme my parcel is two weeks late, where is it?', handle: 'pat_p', displayName: 'Pat Payer', followers: 300 },
      { externalId: 'h-2', text: '@acme DRILL the app will not open after the update', handle: 'drill_dee', displayName: 'Dee Drill', followers: 20 },
    ]);
    const rows = (await lookout.server.ctx.db.exec(`select c.id, cu.name from conversations c join customers cu on cu.id = c.customer_id order by cu.name`)).rows;
    drillId = String(rows.find((r) => r.name === 'Dee Drill')!.id);
    conversationId = String(rows.find((r) => r.name === 'Pat Payer')!.id);
    await lookout.server.ctx.db.exec(`update conversations set is_drill = true where id = '${drillId}'`);
    await lookout.server.ctx.db.tenant(workspaceId, (tx) => tx.insert(schema.teams).values([{ workspaceId, name: 'Billing', assignment: 'manual' }, { workspaceId, name: 'Logistics', assignment: 'manual' }]));
    b = await openBrowser();
    // This machine runs many suites at once: a first paint of the console can take longer than the harness's 10 s.
    b.context.setDefaultTimeout(30_000);
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  const detail = async (id = conversationId) => (await (await b.context.request.get(`${lookout.url}/api/conversations/${id}`)).json()) as Detail;
  const panel = () => b.page.getByTestId('handling-panel');
  const until = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`not persisted: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('routes the conversation to a team, and the API keeps it', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'agent', `/inbox/${conversationId}`);
    await page.getByRole('heading', { level: 1, name: 'Pat Payer' }).waitFor();
    assert.equal(await page.locator('[data-drill-tag]').count(), 0, 'a real conversation carries no DRILL mark');
    await panel().getByLabel('Team', { exact: true }).click();
    await page.getByRole('option', { name: 'Logistics' }).click();
    await page.getByText('Routed to Logistics').waitFor();
    await until(async () => (await detail()).team?.name === 'Logistics', 'team');
    await page.getByText('· Logistics', { exact: true }).waitFor();
  });

  it('adds and removes tags, and the API keeps them', async () => {
    const { page } = b;
    const input = panel().getByLabel('Tags', { exact: true });
    await input.fill('late-delivery');
    await input.press('Enter');
    await until(async () => (await detail()).tags.map((t) => t.name).join() === 'late-delivery', 'first tag');
    await input.fill('vip-watch');
    await input.press('Enter');
    await until(async () => (await detail()).tags.map((t) => t.name).sort().join() === 'late-delivery,vip-watch', 'second tag');
    await screenshot(page, 'conversation-handling-tagged');
    // Each pill has its remove button; removing one keeps the other.
    await panel().locator('.mantine-Pill-root', { hasText: 'late-delivery' }).locator('button').click();
    await until(async () => (await detail()).tags.map((t) => t.name).join() === 'vip-watch', 'tag removed');
    await waitInPage(page, `[...document.querySelectorAll('[data-testid="handling-panel"] .mantine-Pill-label')].map((p) => p.textContent).join() === 'vip-watch'`);
  });

  it('snoozes until tomorrow 9:00 and unsnoozes, on the page and in the API', async () => {
    const { page } = b;
    await panel().getByRole('button', { name: 'Snooze' }).click();
    await page.getByRole('menuitem', { name: 'Tomorrow 9:00' }).click();
    await panel().getByTestId('snoozed').waitFor();
    await page.getByTestId('snoozed-header').waitFor();
    const snoozed = (await detail()).snoozedUntil;
    assert.ok(snoozed, 'the API has the snooze');
    const at = new Date(snoozed);
    assert.ok(at.getTime() > Date.now() + 60_000, 'snoozed into the future');
    // 9:00 in the browser's zone (Europe/Paris), the agent's "tomorrow morning".
    assert.equal(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(at), '09:00');
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'conversation-handling-snoozed');

    await panel().getByRole('button', { name: 'Unsnooze' }).click();
    await panel().getByRole('button', { name: 'Snooze' }).waitFor();
    await until(async () => (await detail()).snoozedUntil === null, 'unsnoozed');
    assert.equal(await page.getByTestId('snoozed-header').count(), 0);
  });

  it('shows answered check-ins on the conversation, and the customer link leads to the customer 360 which shows them too', async () => {
    const { page } = b;
    const customerId = (await detail()).customer!.id;
    await lookout.server.ctx.db.exec(
      `insert into surveys (workspace_id, customer_id, conversation_id, kind, trigger, token_hash, state, score, comment, answered_at)
       values ('${workspaceId}', '${customerId}', '${conversationId}', 'csat', 'manual', 'hash-browser-1', 'answered', 5, 'Parcel arrived, thanks Sam!', now())`,
    );
    await page.reload();
    const scores = page.getByRole('region', { name: 'Check-ins' });
    await scores.getByText('CSAT 5/5').waitFor();
    await scores.getByText('“Parcel arrived, thanks Sam!”').waitFor();
    await screenshot(page, 'conversation-handling-checkins');

    await page.getByTestId('customer-link').click();
    await page.waitForURL(`**/customers/${customerId}`);
    await page.getByRole('heading', { level: 1, name: 'Pat Payer' }).waitFor();
    await page.getByRole('region', { name: 'Check-ins' }).getByText('CSAT 5/5').waitFor();
    await screenshot(page, 'customer-checkins');
  });

  it('has no serious or critical axe violations with an answered check-in on screen', async () => {
    const { page } = b;
    await page.goto(`${lookout.url}/inbox/${conversationId}`);
    await page.getByRole('region', { name: 'Check-ins' }).getByText('CSAT 5/5').waitFor();
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it("offers the pre-approved replies of an open incident's playbook in the composer, labelled with the incident", async () => {
    const { page } = b;
    const db = lookout.server.ctx.db;
    const definition = { steps: [], statements: [], replies: [{ name: 'Carrier delay', body: 'Our carrier is running late this week; your parcel is on its way.' }], stakeholders: { memberIds: [], emails: [] } };
    const [playbook] = (await db.exec(`insert into playbooks (workspace_id, name, definition) values ('${workspaceId}', 'Delivery delays', '${JSON.stringify(definition)}'::jsonb) returning id`)).rows;
    const [incident] = (await db.exec(`insert into incidents (workspace_id, title, severity, source, playbook_id) values ('${workspaceId}', 'Carrier backlog', 2, 'manual', '${String(playbook!.id)}') returning id`)).rows;
    await db.exec(
      `insert into incident_mentions (workspace_id, incident_id, mention_id, conversation_id) select workspace_id, '${String(incident!.id)}', id, conversation_id from mentions where conversation_id = '${conversationId}'`,
    );
    await page.reload();
    await page.getByPlaceholder('Incident reply…').click();
    await page.getByText('Incident: Carrier backlog').waitFor();
    await screenshot(page, 'conversation-handling-incident-replies');
    await page.getByRole('option', { name: 'Carrier delay' }).click();
    const box = page.getByRole('textbox', { name: /Reply to the customer/ });
    assert.equal(await box.inputValue(), 'Our carrier is running late this week; your parcel is on its way.');
  });

  it('marks a drill conversation with the DRILL tag', async () => {
    const { page } = b;
    await page.goto(`${lookout.url}/inbox/${drillId}`);
    await page.getByRole('heading', { level: 1, name: 'Dee Drill' }).waitFor();
    await page.locator('[data-drill-tag]').first().waitFor();
    await screenshot(page, 'conversation-handling-drill');
  });

  it("the inbox's r opens the conversation with the reply composer focused", async () => {
    const { page } = b;
    await page.goto(`${lookout.url}/inbox`);
    await page.getByTestId('role-badge').waitFor();
    await page.getByText('my parcel is two weeks late').first().waitFor();
    await page.locator('body').click({ position: { x: 5, y: 500 } });
    await page.keyboard.press('j');
    await page.keyboard.press('r');
    await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
    await waitInPage(page, `document.activeElement?.getAttribute('aria-label')?.startsWith('Reply to the customer') ?? false`);
    assert.deepEqual(b.problems, []);
  });
});
