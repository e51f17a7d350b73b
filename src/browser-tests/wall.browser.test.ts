import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, schema } from '../platform/db/index.ts';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';
import { deliverMentions, seedChannel } from './inbox-seed.ts';

/**
 * The mission-control wall at 1920×1080, as a big display shows it: volume and sentiment, open
 * incidents with severity (a drill's marked DRILL), SLA at risk, the most influential people
 * talking now, queue sizes per team; a mention arriving shows up without a reload.
 */
describe('the mission-control wall', () => {
  let lookout: Lookout;
  let b: Browser;
  let at: { workspaceId: string; channelId: string };

  before(async () => {
    lookout = await startLookout();
    at = await seedChannel(lookout);
    await deliverMentions(lookout, at, [
      { externalId: 'w1', text: 'Login keeps failing with error 503, this is the third time today', handle: 'danielkoh', displayName: 'Daniel Koh', followers: 2210 },
      { externalId: 'w2', text: 'Is anyone else unable to sign in to Acme? Error 503 everywhere', handle: 'priya_writes_tech', displayName: 'Priya Nair', followers: 184_000 },
      { externalId: 'w3', text: 'Love the new dark mode, great work team', handle: 'maya_codes', displayName: 'Maya Okafor', followers: 840 },
      { externalId: 'w4', text: 'My refund still has not arrived after two weeks', handle: 'tomvdb', displayName: 'Tom van den Berg', followers: 312 },
    ]);
    const { db } = lookout.server.ctx;
    await db.tenant(at.workspaceId, async (tx) => {
      const [social] = await tx.insert(schema.teams).values({ workspaceId: at.workspaceId, name: 'Social care' }).returning();
      await tx.update(schema.conversations).set({ teamId: social!.id }).where(eq(schema.conversations.workspaceId, at.workspaceId));
      // Tom has waited long: his first response is due in ten minutes.
      const [tom] = await tx.select({ id: schema.mentions.conversationId }).from(schema.mentions).where(eq(schema.mentions.externalId, 'w4'));
      await tx.update(schema.conversations).set({ firstResponseDueAt: new Date(Date.now() + 10 * 60_000) }).where(eq(schema.conversations.id, tom!.id!));
      await tx.insert(schema.incidents).values([
        { workspaceId: at.workspaceId, title: 'Login errors (error 503)', severity: 8, source: 'alert', mentionCount: 2, reach: 186_210 },
        { workspaceId: at.workspaceId, title: 'Charger overheating', severity: 6, source: 'drill', isDrill: true, mentionCount: 12, reach: 70_000 },
      ]);
    });
    b = await openBrowser();
    await b.page.setViewportSize({ width: 1920, height: 1080 });
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('shows volume, incidents, SLA, influential people and queues, readable on a big screen', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'supervisor');
    await page.goto(`${lookout.url}/wall?kiosk=1`);
    await page.getByRole('heading', { name: 'Mission-control wall', level: 1 }).waitFor();
    await page.locator('[data-wall-influencers] li').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Full screen' }).count(), 0, 'kiosk: no buttons');
    assert.equal(await page.getByRole('navigation').count(), 0, 'no console chrome');
    assert.match((await page.locator('[data-kpi="mentions"]').textContent()) ?? '', /4$/);
    const people = await page.locator('[data-wall-influencers] li').allTextContents();
    assert.match(people[0]!, /184K.*Priya Nair/, 'most followed first');
    const incidents = (await page.locator('[data-wall-incidents]').textContent()) ?? '';
    assert.match(incidents, /8Login errors/);
    assert.match(incidents, /DRILLCharger overheating/);
    assert.match((await page.locator('[data-wall-queues]').textContent()) ?? '', /Social care.*4/);
    assert.match((await page.locator('[data-kpi="sla-at-risk"]').textContent()) ?? '', /1$/);
    // One screen: nothing below the fold.
    assert.ok((await page.evaluate('document.documentElement.scrollHeight')) as number <= 1080);
    await page.getByRole('img', { name: /Mentions per minute over the last hour: 4 mentions/ }).waitFor();
    // Readable from across a room: the big numbers are big.
    const kpiSize = parseFloat(String(await page.evaluate(`getComputedStyle(document.querySelector('[data-kpi="incidents"] .value')).fontSize`)));
    assert.ok(kpiSize >= 60, `KPI font ${kpiSize}px`);
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'wall-1920x1080');
  });

  it('updates live when a mention arrives', async () => {
    const { page } = b;
    await waitInPage(page, `document.documentElement.dataset.live === 'open'`);
    await deliverMentions(lookout, at, [{ externalId: 'w5', text: 'Acme, your login outage is trending. Statement please?', handle: 'consumerwatch', displayName: 'Consumer Watch', followers: 960_000 }]);
    // Well before the 15 s refresh: the event stream rang.
    await waitInPage(page, `(document.querySelector('[data-wall-influencers] li')?.textContent ?? '').includes('Consumer Watch')`, 8_000);
    assert.match((await page.locator('[data-kpi="mentions"]').textContent()) ?? '', /5$/);
    await screenshot(page, 'wall-live-update');
    assert.deepEqual(b.problems, []);
  });

  it('without kiosk mode it offers full screen and the way back to the console', async () => {
    const { page } = b;
    await page.goto(`${lookout.url}/wall`);
    await page.getByRole('button', { name: 'Full screen' }).waitFor();
    await page.getByRole('link', { name: 'Back to console' }).click();
    await page.getByTestId('role-badge').waitFor();
  });
});
