import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, screenshot, signInAs, startLookout, type Browser, type Lookout } from './harness.ts';

/** A lost connection shows a banner; it goes away by itself once Lookout answers again. */
describe('connection banner', () => {
  let lookout: Lookout;
  let b: Browser;
  before(async () => {
    lookout = await startLookout();
    b = await openBrowser();
    await signInAs(b, lookout, 'admin', '/settings/members');
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('appears when the network drops and clears when it returns, refreshing the page data', async () => {
    const { page, context } = b;
    const banner = page.getByTestId('connection-banner');
    await page.getByRole('table', { name: 'Members' }).waitFor();
    assert.equal(await banner.getAttribute('data-state'), 'online');

    await context.setOffline(true);
    await page.getByText('Connection to Lookout lost.').waitFor();
    assert.equal(await banner.getAttribute('role'), 'status', 'announced to screen readers');
    await screenshot(page, 'connection-lost');

    assert.equal(await page.evaluate(() => fetch('/healthz').then(() => 'reached', () => 'unreachable')), 'unreachable');

    // A member added elsewhere while the console was cut off shows up once it reconnects.
    const admin = await (await context.request.get(`${lookout.url}/api/session`)).json();
    const added = await context.request.post(`${lookout.url}/api/members`, {
      headers: { 'x-csrf-token': admin.csrfToken },
      data: { email: 'riley@acme.test', name: 'Riley Chen', role: 'agent' },
    });
    assert.equal(added.status(), 201);
    await context.setOffline(false);
    await page.getByText('Connection to Lookout lost.').waitFor({ state: 'hidden' });
    assert.equal(await banner.getAttribute('data-state'), 'online');
    await page.locator('tr[data-member="riley@acme.test"]').waitFor();
    assert.deepEqual(b.problems, []);
  });
});
