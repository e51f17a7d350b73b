import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../platform/clock/index.ts';
import { schema } from '../platform/db/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { createDetector } from '../modules/detection/index.ts';
import { backgroundStream } from '../modules/detection/synthetic-stream.ts';
import { acceptItems, PipelineRunner } from '../modules/ingestion/index.ts';
import { createStages } from '../worker/stages.ts';
import { DetectionFeed, saveDetectorState } from '../worker/detection-feed.ts';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';
import { seedChannel } from './inbox-seed.ts';

const OVERHEATING = [
  'My battery is overheating since the update, phone too hot to hold',
  'battery overheating again on the X2, anyone else?',
  'Phone battery overheating while charging. Scary. @acme fix this',
  'Is the battery overheating thing a known issue? Mine is burning hot',
];

/**
 * Detection to resolution in the console: a workspace whose detector knows three ordinary days
 * gets a burst of complaints about one thing; the live detection feed opens an incident, which
 * the team acknowledges, gives a type (bringing its playbook's checklist), ticks a step of, and
 * resolves before it went viral: a crisis diverted.
 */
describe('incidents', () => {
  let lookout: Lookout;
  let b: Browser;
  let incidentId = '';

  before(async () => {
    lookout = await startLookout();
    const { workspaceId, channelId } = await seedChannel(lookout);
    const { db, bus } = lookout.server.ctx;
    const now = Date.now();
    const burstStart = now - 28 * 60_000;
    // The baseline: three and a half ordinary days up to half an hour ago.
    const detector = createDetector();
    const start = new Date(now - 3.5 * 86_400_000);
    for (const m of backgroundStream({ start, days: 3.5, peakPerHour: 60, seed: 5 })) if (m.createdAt.getTime() < burstStart - 60_000) detector.push(m);
    detector.flush(new Date(burstStart - 60_000));
    await saveDetectorState(db, workspaceId, detector, new Date(now - 60_000));
    // The burst: 40 people, written over the last half hour, heard now.
    await acceptItems(db, {
      workspaceId,
      channelId,
      items: Array.from({ length: 40 }, (_, i) => ({
        externalId: `burst-${i}`,
        kind: 'post' as const,
        visibility: 'public' as const,
        text: OVERHEATING[i % OVERHEATING.length]!,
        authoredAt: new Date(burstStart + i * 20_000),
        author: { externalId: `u-${i}`, handle: `owner_${i}`, displayName: `Phone owner ${i}`, followers: 50 + i * 10 },
        raw: {},
      })),
    });
    await new PipelineRunner(db, createStages({ clock: systemClock, log: silentLogger() }), bus, systemClock, silentLogger()).drain();
    await db.tenant(workspaceId, async (tx) => {
      await tx.insert(schema.playbooks).values({
        workspaceId,
        name: 'Product safety',
        incidentTypes: ['safety'],
        definition: {
          steps: [{ title: 'Ask engineering to confirm', ownerRole: 'supervisor' }, { title: 'Post the holding statement' }],
          statements: [{ name: 'holding', text: 'We are looking into reports of overheating batteries. Please stop charging affected phones.', visibility: 'public' }],
          replies: [],
          stakeholders: { memberIds: [], emails: ['safety@acme.test'] },
        },
      });
    });
    const feed = new DetectionFeed({ db, bus, clock: systemClock, log: silentLogger() });
    await feed.runOnce();
    b = await openBrowser();
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('the burst shows up as an open incident in the list', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'supervisor', '/incidents');
    const row = page.locator('tr[data-incident-id]').first();
    await row.waitFor();
    incidentId = (await row.getAttribute('data-incident-id')) ?? '';
    const text = (await row.textContent()) ?? '';
    assert.match(text, /battery overheating/i);
    assert.match(text, /Detected/);
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'incidents-list');
  });

  it('acknowledge, give it a type, tick a step, resolve: a crisis diverted', async () => {
    const { page } = b;
    await page.locator(`a[href="/incidents/${incidentId}"]`).first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('What the detector saw').waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByRole('button', { name: 'Acknowledge' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Start mitigating' }).waitFor();

    await page.getByRole('textbox', { name: 'Type', exact: true }).or(page.getByRole('combobox', { name: 'Type', exact: true })).first().click();
    await page.getByRole('option', { name: 'safety' }).click();
    const step = page.getByRole('checkbox', { name: 'Ask engineering to confirm' });
    await step.waitFor();
    await step.click();
    await waitInPage(page, `document.body.textContent.includes('Done ')`);
    await page.getByRole('button', { name: 'Post statement holding' }).click();
    await waitInPage(page, `document.querySelector('[data-event-type="statement_posted"]') !== null`);

    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'incident-detail');

    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByText('Crisis diverted').first().waitFor();
    const timeline = await page.locator('[data-event-type]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
    for (const type of ['created', 'mentions_linked', 'status_changed', 'playbook_applied', 'checklist_done', 'statement_posted', 'crisis_diverted']) {
      assert.ok(timeline.includes(type), `${type} in ${timeline.join(', ')}`);
    }
    await screenshot(page, 'incident-resolved');
    assert.deepEqual(b.problems, []);
  });

  it('a person declares an incident from the list; playbooks are edited in settings', async () => {
    const { page } = b;
    await page.goto(`${lookout.url}/incidents`);
    await page.getByRole('button', { name: 'Declare incident' }).click();
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Checkout is down');
    await dialog.getByRole('textbox', { name: 'Type' }).fill('safety');
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await dialog.getByRole('button', { name: 'Declare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout is down' }).waitFor();
    await page.getByRole('checkbox', { name: 'Post the holding statement' }).waitFor();

    await page.goto(`${lookout.url}/settings/playbooks`);
    await page.getByText('Product safety').waitFor();
    await page.getByRole('button', { name: 'New playbook' }).click();
    const editor = page.getByRole('dialog', { name: 'New playbook' });
    await editor.getByRole('textbox', { name: 'Name' }).fill('Outage');
    await editor.getByRole('textbox', { name: 'Incident types' }).fill('outage');
    await editor.getByRole('textbox', { name: 'Step 1' }).fill('Page the on-call engineer');
    const editorViolations = await seriousA11yViolations(page);
    assert.deepEqual(editorViolations, [], describeViolations(editorViolations));
    await screenshot(page, 'playbook-editor');
    await editor.getByRole('button', { name: 'Save' }).click();
    await page.getByText('1 step · 0 statements').waitFor();
    await screenshot(page, 'playbooks');
    assert.deepEqual(b.problems, []);
  });
});
