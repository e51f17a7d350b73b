import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';

/** axe-core on every screen of the console: no serious or critical violation anywhere. */
describe('accessibility of each screen', () => {
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

  const check = async (name: string) => {
    // Wait for loaded content (no skeletons) so axe sees the real page.
    await waitInPage(b.page, `!document.querySelector('[aria-busy="true"]')`);
    await screenshot(b.page, name);
    const violations = await seriousA11yViolations(b.page);
    assert.equal(violations.length, 0, `${name}:\n${describeViolations(violations)}`);
  };

  it('sign-in and setup pages', async () => {
    await b.page.goto(`${lookout.url}/sign-in`);
    await b.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await check('a11y-sign-in');
    await b.page.getByRole('button', { name: 'Sign in' }).click();
    await b.page.getByText('Email is required').waitFor();
    await check('a11y-sign-in-errors');
    await b.page.goto(`${lookout.url}/setup`);
    await b.page.getByRole('heading', { name: 'Lookout is already set up' }).waitFor();
    await check('a11y-setup-done');
  });

  const screens = [
    ['/inbox', 'Inbox'],
    ['/customers', 'Customers'],
    ['/incidents', 'Incidents'],
    ['/wall', 'Wall'],
    ['/reports', 'Reports'],
    ['/settings/workspace', 'Workspace'],
    ['/settings/members', 'Members'],
    ['/settings/teams', 'Teams'],
    ['/settings/tokens', 'API tokens'],
    ['/settings/audit', 'Audit log'],
    ['/no/such/page', 'Page not found'],
  ] as const;

  it('every screen of the console, as an admin', async () => {
    await signInAs(b, lookout, 'admin');
    for (const [path, heading] of screens) {
      await b.page.goto(`${lookout.url}${path}`);
      await b.page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await check(`a11y${path.replaceAll('/', '-')}`);
    }
  });

  it('dialogs and menus', async () => {
    await b.page.goto(`${lookout.url}/settings/members`);
    await b.page.getByRole('button', { name: 'Invite member' }).click();
    await b.page.getByRole('dialog').waitFor();
    await b.page.getByRole('button', { name: 'Add member' }).click();
    await b.page.getByText('Email is required').waitFor();
    await check('a11y-invite-dialog-errors');
    await b.page.keyboard.press('Escape');
    await b.page.getByRole('dialog').waitFor({ state: 'hidden' });

    await b.page.goto(`${lookout.url}/settings/tokens`);
    await b.page.getByRole('button', { name: 'Create token' }).click();
    await b.page.getByRole('textbox', { name: 'Name' }).fill('Webhook relay');
    await b.page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click();
    await b.page.getByTestId('new-token').waitFor();
    await check('a11y-token-shown-once');
    await b.page.getByRole('button', { name: 'Done' }).click();

    await b.page.getByRole('button', { name: /account menu/ }).click();
    await b.page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await check('a11y-account-menu');
  });

  it('what other roles see, including a page their role may not open', async () => {
    await signInAs(b, lookout, 'analyst', '/settings/workspace');
    await b.page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor();
    await check('a11y-workspace-read-only');
    await b.page.goto(`${lookout.url}/settings/audit`);
    await b.page.getByText("You don't have access to this page").waitFor();
    await check('a11y-no-access');
    assert.deepEqual(b.problems, []);
  });
});
