import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PEOPLE, openBrowser, screenshot, signInAs, startLookout, type Browser, type Lookout } from './harness.ts';

/** An admin runs the workspace from Settings: members, teams, tokens, workspace, audit log. */
describe('settings as an admin', () => {
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

  const dialog = () => b.page.getByRole('dialog');

  it('invite: a bad email is refused before sending, a taken one by the server, both next to the field', async () => {
    const { page } = b;
    await screenshot(page, 'members');
    await page.getByRole('button', { name: 'Invite member' }).click();
    const email = dialog().getByRole('textbox', { name: 'Email' });
    await email.fill('taylor@acme');
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Taylor Brooks');
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/members')) posts++;
    });
    await dialog().getByRole('button', { name: 'Add member' }).click();
    await dialog().getByText('Enter an email address like name@example.com').waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(posts, 0, 'nothing was sent');
    await screenshot(page, 'invite-bad-email');

    // The server's problem+json (409, errors: [{ path: '/email' }]) lands on the same field.
    await email.fill(PEOPLE.agent.email);
    await dialog().getByRole('button', { name: 'Add member' }).click();
    await dialog().getByText('already a member').waitFor();
    assert.equal(posts, 1);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
  });

  it('invite with a role, persona and capacity adds the member', async () => {
    const { page } = b;
    await dialog().getByRole('textbox', { name: 'Email' }).fill('taylor@acme.test');
    await dialog().getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: /Supervisor/ }).click();
    await dialog().getByRole('textbox', { name: 'Persona' }).fill('^TB');
    await dialog().getByRole('textbox', { name: 'Capacity' }).fill('8');
    await screenshot(page, 'invite-member');
    await dialog().getByRole('button', { name: 'Add member' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-member="taylor@acme.test"]');
    await row.waitFor();
    assert.match(await row.innerText(), /Taylor Brooks[\s\S]*Supervisor[\s\S]*\^TB[\s\S]*8/);
  });

  it('edit changes role and capacity; deactivate asks first', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Edit Taylor Brooks' }).click();
    await dialog().getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: /Agent/ }).click();
    await dialog().getByRole('textbox', { name: 'Capacity' }).fill('15');
    await dialog().getByRole('button', { name: 'Save changes' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-member="taylor@acme.test"]');
    await row.getByText('Agent').waitFor();
    assert.match(await row.innerText(), /15/);

    await page.getByRole('button', { name: 'Deactivate Taylor Brooks' }).click();
    await dialog().getByText('can no longer sign in').waitFor();
    await dialog().getByRole('button', { name: 'Deactivate' }).click();
    await row.getByText('Deactivated').waitFor();
    await page.getByRole('button', { name: 'Reactivate Taylor Brooks' }).waitFor();
  });

  it('teams: create one with members, then edit who is in it', async () => {
    const { page } = b;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Teams' }).click();
    await page.getByText('No teams yet').waitFor();
    await page.getByRole('button', { name: 'Create team' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Billing');
    await dialog().getByRole('combobox', { name: 'Members' }).click();
    await page.getByRole('option', { name: PEOPLE.agent.name }).click();
    await page.getByRole('option', { name: PEOPLE.supervisor.name }).click();
    await page.keyboard.press('Escape');
    await dialog().getByRole('button', { name: 'Create team' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-team="Billing"]');
    await row.getByText(`${PEOPLE.supervisor.name}, ${PEOPLE.agent.name}`).or(row.getByText(`${PEOPLE.agent.name}, ${PEOPLE.supervisor.name}`)).waitFor();

    await page.getByRole('button', { name: 'Edit team Billing' }).click();
    await dialog().getByRole('combobox', { name: 'Members' }).click();
    await page.getByRole('option', { name: PEOPLE.analyst.name }).click();
    await page.keyboard.press('Escape');
    await dialog().getByRole('button', { name: 'Save changes' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await row.getByText(PEOPLE.analyst.name).waitFor();
    await screenshot(page, 'teams');
  });

  it('API tokens: the secret is shown once, works, and stops working when revoked', async () => {
    const { page } = b;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('button', { name: 'Create token' }).click();
    await dialog().getByRole('button', { name: 'Create token' }).click();
    await dialog().getByText('Name is required').waitFor();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('CRM sync');
    await dialog().getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('new-token').textContent())!.trim();
    assert.match(secret, /^lk_/);
    await screenshot(page, 'token-created');
    await dialog().getByRole('button', { name: 'Done' }).click();
    await dialog().waitFor({ state: 'detached' });
    const row = page.locator('tr[data-token="CRM sync"]');
    await row.waitFor();
    assert.ok(!(await page.content()).includes(secret), 'the secret is not on the page any more');

    const withToken = { headers: { authorization: `Bearer ${secret}` } };
    assert.equal((await b.context.request.get(`${lookout.url}/api/members`, withToken)).status(), 200);
    await page.getByRole('button', { name: 'Revoke token CRM sync' }).click();
    await dialog().getByRole('button', { name: 'Revoke token' }).click();
    await row.getByText('Revoked').waitFor();
    await screenshot(page, 'tokens');
    assert.equal((await b.context.request.get(`${lookout.url}/api/members`, withToken)).status(), 401);
  });

  it('workspace: rename and change the time zone', async () => {
    const { page } = b;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Workspace' }).click();
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await name.fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Name is required').waitFor();
    await name.fill('Acme Customer Care');
    await page.getByRole('combobox', { name: 'Time zone' }).fill('America/Chic');
    await page.getByRole('option', { name: 'America/Chicago' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Workspace saved').waitFor();
    await page.getByRole('banner').getByText('Acme Customer Care').waitFor();
    await screenshot(page, 'workspace');
    const ws = await (await b.context.request.get(`${lookout.url}/api/workspace`)).json();
    assert.equal(ws.timeZone, 'America/Chicago');
  });

  it('the audit log lists what was just done, newest first, by whom', async () => {
    const { page } = b;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.waitFor();
    const actions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    assert.equal(actions[0], 'workspace.updated');
    for (const a of ['member.created', 'member.updated', 'team.created', 'team.updated', 'token.created', 'token.revoked']) {
      assert.ok(actions.includes(a), `${a} in ${actions.join(', ')}`);
    }
    assert.match(await table.locator('tbody tr').first().innerText(), new RegExp(PEOPLE.admin.name));
    await screenshot(page, 'audit-log');
    assert.deepEqual(b.problems, []);
  });
});
