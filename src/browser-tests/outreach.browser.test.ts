import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../platform/clock/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { inWorkspace } from '../modules/conversations/index.ts';
import { FakeConnector } from '../modules/conversations/testing.ts';
import { sendSurvey } from '../modules/surveys/index.ts';
import { OutboxWorker } from '../worker/outbox.ts';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

/**
 * Outreach from a declared incident in the console: the audience built from who mentioned it
 * (one of them opted out, so suppressed with the reason), one person excluded by hand, the send
 * confirmed, and each person's state followed to "sent". Then a customer answers a check-in on
 * the public survey page, without signing in.
 */
describe('outreach and check-ins', () => {
  let lookout: Lookout;
  let b: Browser;
  let workspaceId = '';
  let incidentId = '';
  let conversationId = '';
  const fakeX = new FakeConnector('x');

  before(async () => {
    lookout = await startLookout();
    const at = await seedChannel(lookout);
    workspaceId = at.workspaceId;
    await deliverMentions(lookout, at, [
      { externalId: 'o-1', text: 'My battery is overheating since the update', handle: 'kim_r', displayName: 'Kim Rossi' },
      { externalId: 'o-2', text: 'battery overheating on my X2 as well', handle: 'lee_w', displayName: 'Lee Wong' },
      { externalId: 'o-3', text: 'phone battery gets so hot while charging', handle: 'ola_n', displayName: 'Ola Nowak' },
      { externalId: 'o-4', text: 'overheating battery, third time this week', handle: 'max_p', displayName: 'Max Peters' },
    ]);
    const db = lookout.server.ctx.db;
    await db.exec(`update conversations set status = 'resolved', resolved_at = now() where workspace_id = $1`, [workspaceId]);
    await db.exec(`update customers set opted_out = true where name = 'Ola Nowak' or id in (select ci.customer_id from customer_identities ci join identities i on i.id = ci.identity_id where i.handle = 'ola_n')`);
    // The incident as a person would declare it (inserted directly: the incidents API is another module's).
    const inc = await db.exec(`insert into incidents (workspace_id, title, severity, status, source) values ($1, 'Batteries overheating after 4.2', 7, 'acknowledged', 'manual') returning id`, [workspaceId]);
    incidentId = String(inc.rows[0]!.id);
    await db.exec(
      `insert into incident_mentions (workspace_id, incident_id, mention_id, conversation_id, customer_id)
       select m.workspace_id, $1, m.id, m.conversation_id, c.customer_id from mentions m join conversations c on c.id = m.conversation_id where m.workspace_id = $2`,
      [incidentId, workspaceId],
    );
    const conv = await db.exec(`select m.conversation_id from mentions m where m.external_id = 'o-1'`);
    conversationId = String(conv.rows[0]!.conversation_id);
    b = await openBrowser();
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('builds the audience, excludes one person, sends, and shows each state', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'supervisor', `/incidents/${incidentId}/outreach`);
    // The first page of a run loads the console bundle; a busy machine needs more than the default 10 s.
    await page.getByRole('heading', { name: 'New outreach' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Name').fill('Battery heads-up');
    await page.getByRole('textbox', { name: 'Message' }).fill('Hi {{customer.name}}, we found the cause of "{{incident.title}}": update to 4.2.1 today.');
    await page.getByText('Public reply', { exact: true }).click();
    await screenshot(page, 'outreach-builder');
    await page.getByRole('button', { name: 'Build audience' }).click();
    await page.getByRole('table', { name: 'Audience' }).waitFor();
    await waitInPage(page, `document.querySelectorAll('tr[data-recipient]').length === 4`);
    assert.equal(await page.locator('tr[data-recipient="ola_n"]').getAttribute('data-state'), 'suppressed');
    assert.match(await page.locator('tr[data-recipient="ola_n"]').innerText(), /opted out/);
    assert.match(await page.locator('tr[data-recipient="kim_r"]').innerText(), /Hi Kim Rossi, we found the cause of "Batteries overheating after 4.2"/);

    await page.getByRole('checkbox', { name: 'Include Lee Wong' }).click();
    await waitInPage(page, `document.querySelector('tr[data-recipient="lee_w"]')?.getAttribute('data-state') === 'excluded'`);
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'outreach-audience');

    await page.getByRole('button', { name: 'Send…' }).click();
    await page.getByRole('button', { name: 'Send to 2' }).click();
    await waitInPage(page, `document.querySelectorAll('tr[data-state="queued"]').length === 2`);
    // The outbox (with a stand-in X connector) sends them; the page follows the progress.
    await new OutboxWorker({ ...lookout.server.ctx, clock: systemClock, log: silentLogger() }, { connectors: { x: fakeX } }).drain();
    await waitInPage(page, `document.querySelectorAll('tr[data-state="sent"]').length === 2`, 15_000);
    assert.equal(fakeX.sent.length, 2);
    assert.equal(await page.locator('tr[data-recipient="lee_w"]').getAttribute('data-state'), 'excluded');
    await screenshot(page, 'outreach-sent');
    assert.deepEqual(b.problems, []);
  });

  it('a customer answers a check-in on the public page, without signing in', async () => {
    const { page } = b;
    const { ctx } = lookout.server;
    const { token } = await inWorkspace(ctx, workspaceId, new Date(), (work) =>
      sendSurvey(work, { system: true, workspaceId }, { conversationId, kind: 'csat', trigger: 'manual' }, { publicUrl: lookout.url, connectorFor: () => fakeX }),
    );
    await b.context.clearCookies();
    await page.goto(`${lookout.url}/s/${token}`);
    await page.getByRole('heading', { name: 'How is it going?' }).waitFor();
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await page.getByRole('radio', { name: '4' }).check({ force: true });
    await page.getByLabel(/Anything you would like to tell us/).fill('Fixed after the update, thanks.');
    await screenshot(page, 'survey-form');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    await screenshot(page, 'survey-thanks');
    const stored = await ctx.db.exec(`select score, comment, state from surveys where conversation_id = $1`, [conversationId]);
    assert.deepEqual(stored.rows[0], { score: 4, comment: 'Fixed after the update, thanks.', state: 'answered' });
    await page.goto(`${lookout.url}/s/${token}`);
    await page.getByRole('heading', { name: 'Already answered' }).waitFor();
    assert.deepEqual(b.problems, []);
  });
});
