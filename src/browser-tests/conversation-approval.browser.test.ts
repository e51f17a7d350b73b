import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

/**
 * The approval flow with the workers running: an agent's public reply is held, a supervisor edits
 * and approves it from /approvals (audited), and the outbox then hands it to the channel. The test
 * X channel has no credentials, so X refuses it: the reply stays in the timeline as failed, with
 * the channel's reason and a Retry button.
 */
describe('conversation: approval of public replies', () => {
  let lookout: Lookout;
  let b: Browser;
  let conversationId = '';

  before(async () => {
    lookout = await startLookout({ workers: true });
    const at = await seedChannel(lookout);
    await lookout.server.ctx.db.exec(`update workspaces set settings = settings || '{"requireApprovalForPublicReply": true}'::jsonb`);
    await deliverMentions(lookout, at, [{ externalId: 'a-1', text: '@acme my parcel is lost, what now?', handle: 'kim', displayName: 'Kim Kay', followers: 900 }]);
    conversationId = String((await lookout.server.ctx.db.exec(`select id from conversations`)).rows[0]!.id);
    b = await openBrowser();
    // This machine runs many suites at once: a first paint of the console can take longer than the harness's 10 s.
    b.context.setDefaultTimeout(30_000);
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('an agent reply waits for approval, and the timeline says so', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'agent', `/inbox/${conversationId}`);
    assert.equal(await page.getByRole('link', { name: 'Approvals' }).count(), 0, 'agents do not see the approvals queue');
    await page.getByRole('textbox', { name: /Reply to the customer/ }).fill('So sorry Kim, we will send a new parcel today.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const held = page.locator('[data-testid="timeline-outbound"][data-outbox-state="awaiting_approval"]');
    await held.waitFor();
    await held.getByTestId('awaiting-approval').waitFor();
    await page.getByTestId('timeline-event').filter({ hasText: "awaits a supervisor's approval" }).waitFor();
  });

  it('a supervisor edits and approves it from /approvals; audited; it leaves for the channel, which refuses it (no credentials): failed, with the reason and Retry', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'supervisor', '/inbox');
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
    const card = page.getByTestId('approval');
    await card.waitFor();
    assert.equal(await card.count(), 1);
    assert.match((await card.getByTestId('approval-body').textContent()) ?? '', /we will send a new parcel today/);
    // The pointer rests on an empty part of the sidebar, not on the link it just clicked (a hover state is not the page's resting look).
    await page.mouse.move(20, 780);
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'approvals');

    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByRole('textbox', { name: 'Reply text' }).fill('So sorry Kim, a new parcel ships today; tracking follows by DM.');
    await card.getByRole('button', { name: 'Approve edited reply' }).click();
    await page.getByText('Nothing waits for approval').waitFor();

    const audit = await lookout.server.ctx.db.exec(`select data from audit_log where action = 'reply.approved'`);
    assert.equal(audit.rows.length, 1);
    const data = audit.rows[0]!.data as { edited: boolean; originalBody: string };
    assert.equal(data.edited, true);
    assert.match(data.originalBody, /we will send a new parcel today/);

    await page.goto(`${lookout.url}/inbox/${conversationId}`);
    await page.getByTestId('timeline-event').filter({ hasText: 'approved the reply with edits' }).waitFor();
    // The outbox worker took it: X refuses a channel without credentials, and the reason stays.
    await waitInPage(page, `document.querySelector('[data-testid="timeline-outbound"]')?.dataset.outboxState === 'failed'`, 20_000);
    const failed = page.locator('[data-testid="timeline-outbound"][data-outbox-state="failed"]');
    assert.match((await failed.getByTestId('message-body').textContent()) ?? '', /a new parcel ships today/);
    assert.match((await failed.getByRole('alert').textContent()) ?? '', /Not sent: .+/);
    await failed.getByRole('button', { name: 'Retry' }).waitFor();
    await screenshot(page, 'conversation-approved-failed');
    assert.deepEqual(b.problems, []);
  });
});
