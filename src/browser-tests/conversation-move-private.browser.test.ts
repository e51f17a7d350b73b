import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { schema } from '../platform/db/index.ts';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, type Browser, type Lookout } from './harness.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

/**
 * Move to private from a public X mention: X has no DMs, so the dialog offers email (the workspace
 * has an email channel and knows the customer's address); both halves land in the conversation.
 */
describe('conversation: move to private', () => {
  let lookout: Lookout;
  let b: Browser;
  let conversationId = '';

  before(async () => {
    lookout = await startLookout();
    const at = await seedChannel(lookout);
    await lookout.server.ctx.db.tenant(at.workspaceId, (tx) => tx.insert(schema.channels).values({ workspaceId: at.workspaceId, kind: 'email', name: 'support@acme.test' }));
    await deliverMentions(lookout, at, [{ externalId: 'p-1', text: '@acme my account was charged for an order I never placed', handle: 'dana_w', displayName: 'Dana Whitfield', followers: 2300 }]);
    await lookout.server.ctx.db.exec(`update customers set email = 'dana@example.com'`);
    conversationId = String((await lookout.server.ctx.db.exec(`select id from conversations`)).rows[0]!.id);
    b = await openBrowser();
    // This machine runs many suites at once: a first paint of the console can take longer than the harness's 10 s.
    b.context.setDefaultTimeout(30_000);
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('offers only the paths the customer can be reached on, and keeps both halves in the conversation', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'agent', `/inbox/${conversationId}`);
    await page.getByRole('button', { name: 'Move to private' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move to private' });
    await dialog.waitFor();
    const dm = dialog.getByRole('radio', { name: 'Direct message' });
    await dm.waitFor();
    assert.equal(await dm.isDisabled(), true, 'X has no direct messages');
    await dialog.getByText(/@acme on X has no direct messages/).waitFor();
    const email = dialog.getByRole('radio', { name: 'Email' });
    assert.equal(await email.isChecked(), true);
    await dialog.getByText(/support@acme\.test → dana@example\.com/).waitFor();
    const publicText = dialog.getByRole('textbox', { name: 'Public reply (the invitation)' });
    assert.equal(await publicText.inputValue(), "Let's take this private: we have sent you an email at the address we have on file.");
    await dialog.getByRole('textbox', { name: 'Private message' }).fill('Hi Dana, this is Sam from Acme. Which order was it? You can reply to this email with the details.');
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'conversation-move-private');

    await dialog.getByRole('button', { name: 'Move to private' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const replies = page.getByTestId('timeline-outbound');
    await replies.nth(1).waitFor();
    const pub = replies.filter({ hasText: 'we have sent you an email' });
    const priv = replies.filter({ hasText: 'Which order was it?' });
    assert.match((await pub.textContent()) ?? '', /X/);
    assert.doesNotMatch((await pub.textContent()) ?? '', /dana@example\.com/, 'the address stays private');
    assert.match((await priv.textContent()) ?? '', /Email · private/);
    await page.getByTestId('timeline-event').filter({ hasText: 'moved the conversation to private (email)' }).waitFor();
    const rows = await lookout.server.ctx.db.exec(`select m.visibility, c.kind from messages m join channels c on c.id = m.channel_id where m.direction = 'outbound' and m.conversation_id = '${conversationId}' order by m.visibility`);
    assert.deepEqual(rows.rows.map((r) => `${r.visibility}:${r.kind}`), ['private:email', 'public:x']);
    await screenshot(page, 'conversation-moved-private');
    assert.deepEqual(b.problems, []);
  });
});
