import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, screenshot, signInAs, startLookout, type Browser, type Lookout } from './harness.ts';

/** The console hides what a role may not do, and the API refuses it anyway. */
describe('what each role sees', () => {
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

  const navLabels = async () => (await b.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).map((s) => s.trim());
  const settingsLabels = async () => (await b.page.getByRole('navigation', { name: 'Settings' }).getByRole('link').allTextContents()).map((s) => s.trim());

  // The settings pages in their order; each role sees those its permissions allow.
  const SETTINGS = ['Workspace', 'Members', 'Teams', 'Channels', 'Listening queries', 'Rules', 'SLA and hours', 'Canned replies', 'Compliance', 'Triage weights', 'Classifiers', 'Playbooks', 'Alerts', 'Surveys', 'API tokens', 'Audit log'];
  const settingsWithout = (...hidden: string[]) => SETTINGS.filter((l) => !hidden.includes(l));

  it('an admin sees every screen and every settings page', async () => {
    await signInAs(b, lookout, 'admin', '/settings/members');
    assert.deepEqual(await navLabels(), ['Inbox', 'Approvals', 'Customers', 'Incidents', 'Wall', 'Drills', 'Reports', 'Settings']);
    assert.deepEqual(await settingsLabels(), SETTINGS);
    await b.page.getByRole('button', { name: 'Invite member' }).waitFor();
  });

  it('an analyst reads members but sees no admin settings or actions, and the API still refuses them', async () => {
    await signInAs(b, lookout, 'analyst', '/settings/members');
    assert.equal(await b.page.getByTestId('role-badge').textContent(), 'Analyst');
    assert.deepEqual(await navLabels(), ['Inbox', 'Customers', 'Incidents', 'Wall', 'Drills', 'Reports', 'Settings'], 'no approvals queue');
    assert.deepEqual(await settingsLabels(), settingsWithout('Compliance', 'API tokens', 'Audit log'));
    await b.page.getByRole('table', { name: 'Members' }).waitFor();
    assert.equal(await b.page.getByRole('button', { name: 'Invite member' }).count(), 0);
    assert.equal(await b.page.getByRole('button', { name: /^(Edit|Deactivate) / }).count(), 0);
    await screenshot(b.page, 'members-as-analyst');

    // A deep link to an admin page explains rather than shows it.
    await b.page.goto(`${lookout.url}/settings/tokens`);
    await b.page.getByText("You don't have access to this page").waitFor();
    await screenshot(b.page, 'no-access-as-analyst');

    // The API refuses what the console hid, with the analyst's own session and CSRF token.
    const session = await (await b.context.request.get(`${lookout.url}/api/session`)).json();
    const headers = { 'x-csrf-token': session.csrfToken };
    assert.equal((await b.context.request.get(`${lookout.url}/api/tokens`)).status(), 403);
    assert.equal((await b.context.request.get(`${lookout.url}/api/audit`)).status(), 403);
    const invite = await b.context.request.post(`${lookout.url}/api/members`, { headers, data: { email: 'x@acme.test', name: 'X', role: 'admin' } });
    assert.equal(invite.status(), 403);
    assert.equal((await invite.json()).code, 'FORBIDDEN');
    const promote = await b.context.request.patch(`${lookout.url}/api/members/${lookout.members.analyst.id}`, { headers, data: { role: 'admin' } });
    assert.equal(promote.status(), 403);
  });

  it('the workspace page is read-only for an analyst', async () => {
    await b.page.goto(`${lookout.url}/settings/workspace`);
    await b.page.getByText('Only admins can change these.').waitFor();
    assert.equal(await b.page.getByRole('textbox', { name: 'Name', exact: true }).isDisabled(), true);
    assert.equal(await b.page.getByRole('button', { name: 'Save' }).count(), 0);
  });

  it('an agent has no audit log or tokens; product sees reports and the workspace only', async () => {
    await signInAs(b, lookout, 'agent', '/settings');
    assert.deepEqual(await settingsLabels(), settingsWithout('API tokens', 'Audit log'));
    await signInAs(b, lookout, 'product');
    assert.match(b.page.url(), /\/reports$/, 'product starts on the first screen it may see');
    assert.deepEqual(await navLabels(), ['Reports', 'Settings']);
    await b.page.goto(`${lookout.url}/settings`);
    await b.page.getByRole('navigation', { name: 'Settings' }).waitFor();
    assert.deepEqual(await settingsLabels(), ['Workspace', 'Surveys']);
    await b.page.goto(`${lookout.url}/inbox`);
    await b.page.getByText("You don't have access to this page").waitFor();
  });

  it('a supervisor reads the audit log but cannot manage members', async () => {
    await signInAs(b, lookout, 'supervisor', '/settings/audit');
    await b.page.getByRole('heading', { name: 'Audit log' }).waitFor();
    assert.deepEqual(await settingsLabels(), settingsWithout('API tokens'));
    await b.page.goto(`${lookout.url}/settings/members`);
    await b.page.getByRole('table', { name: 'Members' }).waitFor();
    assert.equal(await b.page.getByRole('button', { name: 'Invite member' }).count(), 0);
    assert.deepEqual(b.problems, []);
  });
});
