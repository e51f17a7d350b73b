import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signWebhook } from '../modules/channels/index.ts';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

/** An admin connects a webhook channel and sees its health, then writes a listening query with a live preview. */
describe('settings: channels and listening queries', () => {
  let lookout: Lookout;
  let b: Browser;
  const dialog = () => b.page.getByRole('dialog');
  // Loaded (no skeletons) and settled (Mantine's notification close buttons have no name; they close themselves).
  const noSkeleton = `!document.querySelector('[aria-busy="true"]') && !document.querySelector('.mantine-Notification-root')`;
  const accessible = async (name: string) => {
    await waitInPage(b.page, noSkeleton, 15_000);
    await b.page.mouse.move(0, 0); // a hovered link's tint is not the page's resting state
    const violations = await seriousA11yViolations(b.page);
    assert.equal(violations.length, 0, `${name}:\n${describeViolations(violations)}`);
  };

  before(async () => {
    lookout = await startLookout();
    const at = await seedChannel(lookout);
    await deliverMentions(lookout, at, [
      { externalId: 'm1', handle: 'kim_k', text: 'acme my order arrived broken, I want a refund' },
      { externalId: 'm2', handle: 'lee', text: 'acme is hiring engineers, refund policy aside' },
      { externalId: 'm3', handle: 'ana', text: 'acme refund still not here after three weeks' },
      { externalId: 'm4', handle: 'bo', text: 'love my new acme kettle' },
    ]);
    b = await openBrowser();
    await signInAs(b, lookout, 'admin', '/settings/channels');
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('connects a webhook channel: the secret is required before sending, then never shown back', async () => {
    const { page } = b;
    await page.locator('tr[data-channel="@acme on X"]').waitFor();
    await accessible('channels');
    await page.getByRole('button', { name: 'Connect channel' }).click();
    await dialog().getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Webhook' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Forum hook');
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/channels')) posts++;
    });
    await dialog().getByRole('button', { name: 'Connect' }).click();
    await dialog().getByText('Signing secret is required').waitFor();
    assert.equal(posts, 0, 'nothing was sent');
    await dialog().getByLabel('Signing secret').fill('whsec-browser-test-1234');
    await screenshot(page, 'settings-channel-connect');
    await dialog().getByRole('button', { name: 'Connect' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-channel="Forum hook"]');
    await row.waitFor();
    assert.match(await row.innerText(), /Webhook[\s\S]*credentials: signingSecret[\s\S]*Push URL/);
    assert.doesNotMatch(await page.content(), /whsec-browser-test-1234/, 'the secret is not in the page');

    await page.getByRole('button', { name: 'Edit Forum hook' }).click();
    const secret = dialog().getByLabel('Signing secret');
    assert.equal(await secret.inputValue(), '', 'a stored secret is write-only');
    await dialog().getByText('Set. Leave empty to keep it').waitFor();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'hidden' });
  });

  it('shows the channel healthy with its last success once a signed delivery arrives', async () => {
    const { page } = b;
    const row = page.locator('tr[data-channel="Forum hook"]');
    const pushUrl = (await row.locator('code').innerText()).trim();
    const body = JSON.stringify({ items: [{ id: 'post-1', text: 'acme kettle broken, refund please', createdAt: new Date().toISOString(), author: { id: 'u1', handle: 'kettle_drum' } }] });
    const res = await fetch(pushUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...signWebhook('whsec-browser-test-1234', Math.floor(Date.now() / 1000), body, 'dlv-1') }, body });
    assert.equal(res.status, 202, await res.text());
    await page.reload();
    await row.getByText('Healthy').waitFor();
    assert.match(await row.innerText(), /Last success just now/);
    await screenshot(page, 'settings-channels');
    await page.getByRole('button', { name: 'Check Forum hook' }).click();
    await page.getByText('Forum hook is reachable').waitFor();
    await page.getByRole('button', { name: 'Failures of Forum hook' }).click();
    await dialog().getByText('No failures recorded.').waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
  });

  it('a listening query previews what it matches as it is typed, and a syntax error shows at the field', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Listening queries' }).click();
    await page.getByRole('button', { name: 'New query' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Refunds');
    const query = dialog().getByRole('textbox', { name: 'Query' });
    await query.fill('acme AND (refund OR broken) -hiring');
    const preview = dialog().getByRole('region', { name: 'Live preview' });
    await preview.getByText(/^2 of the last \d+ mentions match$/).waitFor();
    assert.match(await preview.innerText(), /arrived broken/);
    assert.match(await preview.innerText(), /three weeks/);
    assert.doesNotMatch(await preview.innerText(), /hiring engineers/, 'the -hiring term excludes it');
    await screenshot(page, 'settings-listening-preview');

    await query.fill('acme AND (refund');
    await waitInPage(page, `document.querySelector('textarea[name="query"]')?.getAttribute('aria-invalid') === 'true'`);
    const errorId = ((await query.getAttribute('aria-describedby')) ?? '').split(' ').find((id: string) => id.includes('error')) ?? '';
    const described = await page.locator(`[id="${errorId}"]`).innerText();
    assert.match(described, /'\(' is never closed/, `the server's syntax error is next to the field: ${described}`);
    await screenshot(page, 'settings-listening-syntax-error');

    await query.fill('acme AND (refund OR broken) -hiring');
    await preview.getByText(/^2 of the last/).waitFor();
    await dialog().getByRole('button', { name: 'Create query' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-query="Refunds"]');
    await row.waitFor();
    assert.match(await row.innerText(), /acme AND \(refund OR broken\) -hiring[\s\S]*All channels[\s\S]*Active/);
    await accessible('listening');
  });

  it('a supervisor sees channels but cannot connect, edit or delete them', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'supervisor', '/settings/channels');
    await page.locator('tr[data-channel="Forum hook"]').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Connect channel' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Delete Forum hook' }).count(), 0);
    const refused = await page.context().request.post(`${lookout.url}/api/channels`, { data: { kind: 'webhook', name: 'sneaky' }, headers: { 'x-csrf-token': 'none' } });
    assert.ok([401, 403].includes(refused.status()), `the API refuses too (${refused.status()})`);
    assert.deepEqual(b.problems, []);
  });
});
