import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { schema } from '../platform/db/index.ts';
import { openBrowser, screenshot, signInAs, startLookout, type Browser, type Lookout } from './harness.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

/** The composer: a canned reply with variables, the persona signature and the thread a long reply becomes, previewed by the server before sending. */
describe('conversation: composer', () => {
  let lookout: Lookout;
  let b: Browser;
  let conversationId = '';

  before(async () => {
    lookout = await startLookout();
    const at = await seedChannel(lookout);
    await lookout.server.ctx.db.exec(`update workspaces set settings = settings || '{"signReplies": true}'::jsonb`);
    await lookout.server.ctx.db.tenant(at.workspaceId, (tx) =>
      tx.insert(schema.cannedReplies).values({ workspaceId: at.workspaceId, name: 'Refund on its way', body: 'Hi {{customer.name}}, {{agent.name}} here: the refund for order {{order.id}} is on its way.' }),
    );
    await deliverMentions(lookout, at, [{ externalId: 'c-1', text: '@acme where is my refund?', handle: 'pat', displayName: 'Pat Payer', followers: 50 }]);
    conversationId = String((await lookout.server.ctx.db.exec(`select id from conversations`)).rows[0]!.id);
    b = await openBrowser();
    // This machine runs many suites at once: a first paint of the console can take longer than the harness's 10 s.
    b.context.setDefaultTimeout(30_000);
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('a canned reply asks for its own variables and previews the text as sent, signed with the persona', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'agent', `/inbox/${conversationId}`);
    await page.getByPlaceholder('Canned reply…').click();
    await page.getByRole('option', { name: 'Refund on its way' }).click();
    const box = page.getByRole('textbox', { name: /Reply to the customer/ });
    assert.match(await box.inputValue(), /\{\{order\.id\}\}/);
    await page.getByLabel('{{order.id}}', { exact: true }).fill('A-1042');
    const preview = page.getByTestId('reply-preview');
    await preview.getByText('Hi Pat Payer, Sam Ortiz here: the refund for order A-1042 is on its way. ^SO').waitFor();
    await page.getByRole('button', { name: 'Send reply' }).click();
    const sent = page.getByTestId('timeline-outbound');
    await sent.waitFor();
    assert.equal(await sent.getByTestId('message-body').textContent(), 'Hi Pat Payer, Sam Ortiz here: the refund for order A-1042 is on its way. ^SO');
  });

  it("a reply longer than the channel's limit shows the thread it will become", async () => {
    const { page } = b;
    const box = page.getByRole('textbox', { name: /Reply to the customer/ });
    const sentence = 'We checked the payment with the bank and the refund was released today; it shows on your statement within three working days. ';
    await box.fill(sentence.repeat(4).trim());
    const parts = page.getByTestId('reply-part');
    await page.getByText(/^Sent as a thread of \d posts$/).waitFor();
    const texts = await parts.allTextContents();
    assert.ok(texts.length >= 2, `parts: ${texts.length}`);
    texts.forEach((t, i) => assert.match(t, new RegExp(`\\(${i + 1}/${texts.length}\\)$`)));
    assert.ok(texts.at(-1)!.includes('^SO'), 'the signature ends the thread');
    assert.match((await page.getByTestId('char-counter').textContent()) ?? '', /\/ 280 · will be sent as a thread of \d/);
    await screenshot(page, 'conversation-composer-thread');
    assert.deepEqual(b.problems, []);
  });
});
