import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, PEOPLE, openBrowser, screenshot, startLookout, type Browser, type Lookout } from './harness.ts';

describe('signing in and out', () => {
  let lookout: Lookout;
  let b: Browser;
  before(async () => {
    lookout = await startLookout();
    b = await openBrowser();
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('a deep link while signed out asks to sign in first', async () => {
    await b.page.goto(`${lookout.url}/settings/members`);
    await b.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.match(b.page.url(), /\/sign-in\?next=%2Fsettings%2Fmembers$/);
    await screenshot(b.page, 'sign-in');
  });

  it('a wrong password is reported next to the password field, and nothing signs in', async () => {
    const { page } = b;
    await page.getByLabel('Email').fill(PEOPLE.agent.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const field = page.getByRole('textbox', { name: 'Password' });
    await page.getByText('Email or password is incorrect').waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    // The message is tied to the field, so a screen reader reads it with the field.
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    assert.ok(errorId, `aria-describedby "${describedBy}" names the error`);
    assert.equal(await page.locator(`[id="${errorId}"]`).textContent(), 'Email or password is incorrect');
    assert.ok(await field.evaluate((el) => el === el.ownerDocument.activeElement), 'the focus moves to the field in error');
    await screenshot(page, 'sign-in-wrong-password');
    assert.equal((await b.context.request.get(`${lookout.url}/api/session`)).status(), 401);
  });

  it('the right password opens the page that was asked for, with the role shown', async () => {
    const { page } = b;
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    assert.match(page.url(), /\/settings\/members$/);
    assert.equal(await page.getByTestId('role-badge').textContent(), 'Agent');
  });

  it('signing out ends the session on the server and returns to sign-in', async () => {
    const { page } = b;
    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal((await b.context.request.get(`${lookout.url}/api/session`)).status(), 401);
    await page.goto(`${lookout.url}/inbox`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.deepEqual(b.problems, []);
  });
});
