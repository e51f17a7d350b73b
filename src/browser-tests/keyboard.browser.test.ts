import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, screenshot, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';

/** Everything in the shell works without a mouse. */
describe('keyboard navigation', () => {
  let lookout: Lookout;
  let b: Browser;
  before(async () => {
    lookout = await startLookout();
    b = await openBrowser();
    await signInAs(b, lookout, 'admin', '/inbox');
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  // Page-side code is passed as strings: the server's tsconfig has no DOM types.
  const focused = () =>
    b.page.evaluate(`(() => {
      const el = document.activeElement;
      return { tag: el?.tagName ?? '', text: (el?.textContent ?? '').trim(), id: el?.id ?? '' };
    })()`) as Promise<{ tag: string; text: string; id: string }>;

  it('the first Tab reaches "Skip to content", which jumps past the navigation', async () => {
    const { page } = b;
    await page.keyboard.press('Tab');
    assert.equal((await focused()).text, 'Skip to content');
    await screenshot(page, 'keyboard-skip-link');
    await page.keyboard.press('Enter');
    assert.equal((await focused()).id, 'main');
  });

  it('arrow keys move through the main navigation, Enter opens, and the focus lands on the new heading', async () => {
    const { page } = b;
    const nav = page.getByRole('navigation', { name: 'Main' });
    // The items a role sees change as features land: the order is read from the page, the keys are what is tested.
    const items = (await nav.getByRole('link').allTextContents()).map((t) => t.trim());
    assert.ok(items.length >= 4, `nav items: ${items}`);
    assert.deepEqual([items[0], items.at(-1)], ['Inbox', 'Settings']);
    assert.ok(items.includes('Customers'));
    await nav.getByRole('link', { name: 'Inbox' }).focus();
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused()).text, items[1]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused()).text, items[3]);
    await page.keyboard.press('End');
    assert.equal((await focused()).text, 'Settings');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused()).text, 'Inbox', 'wraps around');
    await page.keyboard.press('ArrowUp');
    assert.equal((await focused()).text, 'Settings');
    await screenshot(page, 'keyboard-nav-focus');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/settings\/workspace$/);
    await waitInPage(page, `document.activeElement?.tagName === 'H1'`);
    assert.equal((await focused()).text, 'Workspace');
    assert.equal(await nav.getByRole('link', { name: 'Settings' }).getAttribute('aria-current'), 'page');
  });

  it('Tab moves from the heading into the page; a dialog opens and closes with the keyboard, returning the focus', async () => {
    const { page } = b;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Members' }).focus();
    await page.keyboard.press('Enter');
    await waitInPage(page, `document.activeElement?.textContent === 'Members' && document.activeElement.tagName === 'H1'`);
    await page.keyboard.press('Tab');
    assert.equal((await focused()).text, 'Invite member');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Invite a member' }).waitFor();
    await waitInPage(page, `document.activeElement?.name === 'email'`);
    await page.keyboard.type('sasha@acme.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Sasha Quinn');
    await page.keyboard.press('Enter'); // submits the form
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.locator('tr[data-member="sasha@acme.test"]').waitFor();

    await page.getByRole('button', { name: 'Invite member' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await waitInPage(page, `document.activeElement?.textContent?.trim() === 'Invite member'`);
  });

  it('the account menu opens and signs out from the keyboard', async () => {
    const { page } = b;
    await page.getByRole('button', { name: /account menu/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.deepEqual(b.problems, []);
  });
});
