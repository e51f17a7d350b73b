import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeViolations, openBrowser, screenshot, seriousA11yViolations, signInAs, startLookout, waitInPage, type Browser, type Lookout } from './harness.ts';

const EXAMPLES = [
  ['billing', 'I was charged twice this month'], ['billing', 'my invoice shows the wrong amount'], ['billing', 'refund the extra charge please'],
  ['billing', 'why did my card get billed again'], ['billing', 'the subscription price went up without notice'], ['billing', 'cancel the double payment'],
  ['shipping', 'my parcel never arrived'], ['shipping', 'the tracking number does not work'], ['shipping', 'delivery is two weeks late'],
  ['shipping', 'the courier left the box at the wrong door'], ['shipping', 'where is my package'], ['shipping', 'shipment stuck in customs'],
].flatMap(([label, text]) => [[label, text], [label, `${text}, again`], [label, `hello, ${text}`], [label, `${text}!!`]]);

/** An admin tunes the priority weights and trains a classifier from pasted examples. */
describe('settings: triage weights and classifiers', () => {
  let lookout: Lookout;
  let b: Browser;
  const dialog = () => b.page.getByRole('dialog');
  const accessible = async (name: string) => {
    await waitInPage(b.page, `!document.querySelector('[aria-busy="true"]') && !document.querySelector('.mantine-Notification-root')`, 15_000);
    await b.page.mouse.move(0, 0); // a hovered link's tint is not the page's resting state
    const violations = await seriousA11yViolations(b.page);
    assert.equal(violations.length, 0, `${name}:\n${describeViolations(violations)}`);
  };
  const apiGet = async (url: string) => (await b.page.context().request.get(`${lookout.url}${url}`)).json();

  before(async () => {
    lookout = await startLookout();
    b = await openBrowser();
    await signInAs(b, lookout, 'admin', '/settings/triage');
  });
  after(async () => {
    await b?.close();
    await lookout?.close();
  });

  it('changes a weight, sees its default beside it, saves, and resets everything to the defaults', async () => {
    const { page } = b;
    const vip = page.locator('[data-weight="vip"]');
    await vip.getByText('default 15').waitFor();
    await accessible('triage weights');
    const input = vip.getByRole('textbox', { name: 'VIP customer' });
    await input.fill('40');
    await page.getByRole('button', { name: 'Save weights' }).click();
    await page.getByText('Priority weights saved').waitFor();
    assert.deepEqual((await apiGet('/api/triage-weights')).override, { vip: 40 }, 'only the changed weight is stored');
    assert.equal(await input.inputValue(), '40');
    await vip.getByRole('button', { name: 'Reset VIP customer to default' }).waitFor();
    await screenshot(page, 'settings-triage-weights');

    await page.getByRole('button', { name: 'Reset all to defaults' }).click();
    await dialog().getByRole('button', { name: 'Reset to defaults' }).click();
    await waitInPage(page, `document.querySelector('[data-weight="vip"] input')?.value === '15'`);
    assert.deepEqual((await apiGet('/api/triage-weights')).override, {});
  });

  it('trains a classifier from pasted examples, after a bad line is pointed out', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Classifiers' }).click();
    await page.getByText('No classifiers yet').waitFor();
    await accessible('classifiers');
    await page.getByRole('button', { name: 'Train classifier' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('product-area');
    const examples = dialog().getByRole('textbox', { name: 'Examples' });
    await examples.fill(`${EXAMPLES.map(([l, t]) => `${l}\t${t}`).join('\n')}\nno tab on this line`);
    await dialog().getByRole('button', { name: 'Train' }).click();
    await dialog().getByText('Line 49 is not label<TAB>text').waitFor();
    await examples.fill(EXAMPLES.slice(0, 10).map(([l, t]) => `${l}\t${t}`).join('\n'));
    await dialog().getByRole('button', { name: 'Train' }).click();
    await dialog().getByText('Give at least 20 examples of at least 2 labels (10 so far)').waitFor();
    await examples.fill(EXAMPLES.map(([l, t]) => `${l}\t${t}`).join('\n'));
    await screenshot(page, 'settings-classifier-train');
    await dialog().getByRole('button', { name: 'Train' }).click();
    await dialog().waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-classifier="product-area"]');
    await row.waitFor();
    assert.match(await row.innerText(), /product-area[\s\S]*topic · billing, shipping[\s\S]*Active[\s\S]*\d+ %[\s\S]*48/, 'enough examples to hold some out and measure accuracy');

    await page.getByRole('button', { name: 'Metrics of product-area' }).click();
    await dialog().locator('tr[data-label="billing"]').getByText('24').waitFor();
    await dialog().getByText('Accuracy when it answers').waitFor();
    assert.match(await dialog().locator('[data-metric="accuracy"]').innerText(), /^\d+ %$/);
    // Per label: how often its answers were right, and how many of its examples it found.
    for (const label of ['billing', 'shipping']) {
      const r = dialog().locator(`tr[data-label="${label}"]`);
      assert.match(await r.locator('[data-metric="precision"]').innerText(), /^(\d+ %|—)$/);
      assert.match(await r.locator('[data-metric="recall"]').innerText(), /^\d+ %$/);
    }
    await screenshot(page, 'settings-classifier-metrics');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    await screenshot(page, 'settings-classifiers');
  });

  it('an agent sees the weights and classifiers but cannot change them', async () => {
    const { page } = b;
    await signInAs(b, lookout, 'agent', '/settings/triage');
    await page.locator('[data-weight="vip"]').getByText('default 15').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save weights' }).count(), 0);
    assert.ok(await page.locator('[data-weight="vip"]').getByRole('textbox').isDisabled());
    await page.getByRole('link', { name: 'Classifiers' }).click();
    await page.locator('tr[data-classifier="product-area"]').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Train classifier' }).count(), 0);
    assert.deepEqual(b.problems, []);
  });
});
