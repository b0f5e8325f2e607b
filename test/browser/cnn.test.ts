// The CNN lessons in a real Chromium, both profiles: the shipped model reads the 2,000 test digits
// with at least 95% accuracy; a digit drawn with the mouse gets a prediction, a blank pad a message;
// training starts in a worker on the fastest backend that can train, the curves and samples/s move,
// pause stops them, the model survives a reload (IndexedDB); bad settings and divergence explained;
// the main-thread fallback works and says so. No console errors, no request leaves the origin.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gotoReady, PROFILES } from './harness';
import { browserSuite } from './suite';

const num = (s: string | null) => Number((s ?? '').replace(/[^0-9.]/g, ''));
const attr = (page: Page, sel: string, name: string) => page.getAttribute(sel, name);

/** Draws a polyline on the pad with the mouse, in pad coordinates (0..280). */
async function draw(page: Page, points: [number, number][]) {
  await page.$eval('[data-testid="draw-pad"]', (el) => el.scrollIntoView({ block: 'center' }));
  const box = (await page.locator('[data-testid="draw-pad"]').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + (x / 280) * box.width, box.y + (y / 280) * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 8 });
  await page.mouse.up();
}

/** Waits until the trainer has trained at least `n` more batches than `after`. */
async function trainedPast(page: Page, after: number) {
  await page.waitForFunction((a) => Number(document.querySelector('[data-testid="train-step"]')?.textContent?.replace(/[^0-9]/g, '') || 0) > a, after, { timeout: 120_000 });
}

describe.each(PROFILES)('profile: %s', (profile) => {
  const suite = browserSuite(profile);

  it('inside the shipped model: ≥ 95% on the test split, feature maps, a drawn digit read, a blank pad refused', async () => {
    const { page } = await suite.open();
    await gotoReady(page, `${suite.url()}#/lesson/cnn-inside`);
    await page.waitForSelector('[data-testid="confusion-accuracy"]', { timeout: 120_000 });
    const accuracy = Number(await attr(page, '[data-testid="confusion-accuracy"]', 'data-accuracy'));
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    // The confusion matrix's cells add up to the 2,000 test digits; the diagonal to the accuracy.
    const cells = await page.$$eval('[data-testid="confusion-matrix"] tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent || 0))));
    expect(cells.flat().reduce((a, b) => a + b, 0)).toBe(2000);
    expect(cells.reduce((n, row, i) => n + row[i], 0)).toBe(Math.round(accuracy * 2000));
    expect(await page.locator('[data-testid="misclassified"] li').count()).toBe(2000 - Math.round(accuracy * 2000));
    // Feature maps of test digit 1: every layer, conv1 with 8 maps.
    expect(await page.$$eval('[data-testid="feature-maps"] .map-row', (rows) => rows.map((r) => r.getAttribute('data-layer')))).toEqual(
      ['input', 'conv1', 'relu1', 'pool1', 'conv2', 'relu2', 'pool2', 'dense1', 'softmax']);
    expect(await page.locator('[data-testid="feature-maps"] [data-layer="conv1"] canvas').count()).toBe(8);
    expect(await page.textContent('[data-testid="maps-verdict"]')).toMatch(/This is a \d; the network says \d/);
    // A vertical stroke drawn with the mouse is read as a 1, with ten probability bars.
    await draw(page, [[140, 40], [138, 140], [136, 240]]);
    await page.waitForSelector('[data-testid="pad-prediction"]', { timeout: 60_000 });
    expect(await attr(page, '[data-testid="pad-prediction"]', 'data-digit')).toBe('1');
    expect(await page.locator('[data-testid="pad-probs"] .bar').count()).toBe(10);
    // Cleared, the pad has nothing to read, and says so.
    await page.click('[data-testid="pad-clear"]');
    await page.click('text=Read the drawing');
    expect(await page.textContent('[data-testid="pad-message"]')).toMatch(/blank: draw a digit first/);
  });

  it('training: starts in a worker, curves and samples/s move, pause stops them, the model survives a reload, bad input and divergence are explained', async () => {
    const { page } = await suite.open();
    await gotoReady(page, `${suite.url()}#/lesson/cnn-training`);
    const line = '[data-testid="backend-line"]';
    expect(await attr(page, line, 'data-mode')).toBe('worker');
    expect(await attr(page, line, 'data-backend')).toBe('wasm'); // software GPUs are skipped; wasm trains with ConvLab's kernel
    expect(await attr(page, '[data-testid="model-status"]', 'data-origin')).toBe('default');
    expect(await page.textContent('[data-testid="total-params"]')).toBe('5,994');

    await page.click('[data-testid="train-start"]');
    await trainedPast(page, 5);
    expect(num(await page.textContent('[data-testid="samples-per-sec"]'))).toBeGreaterThan(0);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="train-chart"]')?.getAttribute('data-train-points')) >= 5);
    expect(Number(await attr(page, '[data-testid="train-chart"]', 'data-test-points'))).toBeGreaterThanOrEqual(1); // the chance-level start
    expect(await page.textContent('[data-testid="train-start"]')).toBe('Pause');
    await page.click('[data-testid="train-start"]');
    await page.waitForSelector('[data-testid="trainer"][data-phase="ready"]');
    // The counters and the curve are redrawn four times a second: wait until they show the last batch.
    await page.waitForFunction(() => {
      const step = document.querySelector('[data-testid="model-status"]')?.getAttribute('data-step');
      return step === document.querySelector('[data-testid="train-chart"]')?.getAttribute('data-train-points')
        && step === document.querySelector('[data-testid="train-step"]')?.textContent?.replace(/[^0-9]/g, '');
    });
    const steps = await page.textContent('[data-testid="train-step"]');
    const points = await attr(page, '[data-testid="train-chart"]', 'data-train-points');
    await page.waitForTimeout(1500); // paused: nothing may change meanwhile
    expect(await page.textContent('[data-testid="train-step"]')).toBe(steps);
    expect(await attr(page, '[data-testid="train-chart"]', 'data-train-points')).toBe(points);
    expect(await page.textContent('[data-testid="train-start"]')).toBe('Resume');
    await page.waitForSelector('[data-testid="model-saved"]');

    // Reload: the model comes back from IndexedDB, with its curve.
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="backend-line"][data-mode]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="model-status"][data-origin="restored"]');
    expect(await attr(page, '[data-testid="model-status"]', 'data-step')).toBe(String(num(steps)));
    expect(await attr(page, '[data-testid="train-chart"]', 'data-train-points')).toBe(points);

    // Bad input: a message next to the field, the last valid value kept.
    await page.fill('[data-testid="learning-rate"]', 'fast');
    expect(await page.textContent('.setting-field [role="alert"]')).toMatch(/learning rate must be a number.*Still using 0.002/);
    await page.fill('[data-testid="batch-size"]', '0');
    expect(await page.locator('.setting-field [role="alert"]').allTextContents()).toContainEqual(expect.stringMatching(/batch size must be from 1 to 512/));

    // Divergence: SGD with momentum at learning rate 5 blows up; training stops and explains.
    await page.fill('[data-testid="learning-rate"]', '5');
    await page.fill('[data-testid="batch-size"]', '32');
    await page.selectOption('.optimizer-settings select', 'momentum');
    await page.click('[data-testid="train-reset"]');
    await page.waitForSelector('[data-testid="model-status"][data-origin="new"][data-step="0"]');
    await page.click('[data-testid="train-start"]');
    await page.waitForSelector('[data-testid="divergence"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="divergence"]')).toMatch(/diverged.*learning rate 5 is too large/);
    expect(await attr(page, '[data-testid="trainer"]', 'data-phase')).toBe('diverged');
  });

});

describe('main-thread fallback (profile: nowebgpu)', () => {
  const suite = browserSuite('nowebgpu');
  it('without a worker (?training=main) it trains on the page thread, and says so', async () => {
    const { page } = await suite.open();
    await gotoReady(page, `${suite.url()}?training=main#/lesson/cnn-training`);
    expect(await attr(page, '[data-testid="backend-line"]', 'data-mode')).toBe('main-thread');
    expect(await page.textContent('[data-testid="fallback-note"]')).toMatch(/No Web Worker: it was turned off.*yields after every batch/);
    await page.click('[data-testid="train-start"]');
    await trainedPast(page, 3);
    await page.click('[data-testid="train-start"]');
    await page.waitForSelector('[data-testid="trainer"][data-phase="ready"]');
  });
});
