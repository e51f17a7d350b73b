import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, screenshot, startLookout, type Browser, type Lookout } from './harness.ts';

describe('first run: the setup link', () => {
  let lookout: Lookout;
  let b: Browser;
  before(async () => {
    lookout = await startLookout({ seed: false });
    b = await openBrowser();
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('creates the workspace and its first admin, then opens the console signed in', async () => {
    assert.ok(lookout.setupLink, 'an empty database prints a setup link');
    const { page } = b;
    await page.goto(lookout.setupLink);
    await page.getByRole('heading', { name: 'Set up Lookout' }).waitFor();

    // Bad input is refused before sending, next to each field.
    await page.getByLabel('Workspace name').fill('Acme Support');
    await page.getByLabel('Your name').fill('Morgan Lee');
    await page.getByLabel('Email').fill('morgan@');
    await page.getByRole('textbox', { name: 'Password' }).fill('short');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByText('Enter an email address like name@example.com').waitFor();
    await page.getByText('The password must be at least 10 characters').waitFor();
    assert.equal(await page.getByLabel('Email').getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'setup-errors');

    await page.getByLabel('Email').fill('morgan@acme.test');
    await page.getByRole('textbox', { name: 'Password' }).fill('a long enough password');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByTestId('role-badge').waitFor();
    assert.equal(await page.getByTestId('role-badge').textContent(), 'Admin');
    assert.match(page.url(), /\/inbox$/);
    await page.getByText('Acme Support').first().waitFor();
    await screenshot(page, 'inbox-empty');
    assert.deepEqual(b.problems, []);
  });

  it('refuses the link a second time: it says Lookout is set up', async () => {
    await b.context.clearCookies();
    await b.page.goto(lookout.setupLink!);
    await b.page.getByRole('heading', { name: 'Lookout is already set up' }).waitFor();
  });
});
