// The mechanics lessons (padding, stride, channels and filters, 1×1 convolution, receptive field) in a
// real Chromium, both profiles: each loads with the curriculum's numbers, its main interaction changes
// them, an exercise is answered wrong then right, a link restores the state, and bad input gets an
// inline message while the last valid result stays. No console errors, no request leaves the origin.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gotoReady, gridValues, PROFILES } from './harness';
import { browserSuite } from './suite';
import { refConv } from '../unit/reference';

const SEED = 'ex.seed=271828';
const num = (s: string) => Number(s.replace('−', '-'));
const text = async (page: Page, sel: string) => (await page.textContent(sel)) ?? '';

/** Waits until an element's text matches. */
async function waitText(page: Page, sel: string, re: RegExp): Promise<string> {
  await page.waitForFunction(([s, src, flags]) => new RegExp(src, flags).test(document.querySelector(s)?.textContent ?? ''), [sel, re.source, re.flags] as const, { timeout: 60_000 });
  return text(page, sel);
}

/** Waits until the address bar carries every given `key=value`, then returns the full link. */
async function linkWith(page: Page, ...parts: string[]): Promise<string> {
  await page.waitForFunction((ps) => ps.every((p) => location.hash.includes(p)), parts, { timeout: 30_000 });
  return page.evaluate(() => location.href);
}

/** Answers one exercise wrong, then right (the right answer worked out by the test from the prompt). */
async function answerWrongThenRight(page: Page, kind: string, solve: (prompt: string) => string, wrong: (right: string) => string, wrongMessage: RegExp) {
  const card = page.locator(`.exercise[data-kind="${kind}"]`);
  const right = solve((await card.locator('.exercise-prompt').textContent()) ?? '');
  await card.locator('input').fill(wrong(right));
  await card.locator('button', { hasText: 'Check' }).click();
  expect(await card.getAttribute('data-result')).toBe('wrong');
  expect(await card.locator('.verdict').textContent()).toMatch(wrongMessage);
  expect(await card.locator('.solution li').count()).toBeGreaterThan(1);
  await card.locator('input').fill(right);
  await card.locator('button', { hasText: 'Check' }).click();
  expect(await card.getAttribute('data-result')).toBe('correct');
  expect(await card.locator('.verdict').textContent()).toMatch(/Right/);
}

const match = (prompt: string, re: RegExp) => {
  const m = re.exec(prompt);
  if (!m) throw new Error(`prompt not understood: ${prompt}`);
  return m.slice(1).map(Number);
};

describe.each(PROFILES)('profile: %s', (profile) => {
  const suite = browserSuite(profile);
  const open = async () => (await suite.open()).page;
  const url = (lesson: string, query = SEED) => `${suite.url()}#/lesson/${lesson}?${query}`;

  it('padding: the §3 output, padding and same-padding change the sizes, bad input, an exercise, a link, progress kept', async () => {
    const page = await open();
    await gotoReady(page, url('padding', `pad.step=15&${SEED}`));
    expect(await gridValues(page, 'pad-output')).toEqual(['10', '0', '−5', '−2', '12', '0', '−2', '4', '20', '7', '5', '3', '7', '4', '0', '−4']);
    expect(await page.locator('[data-testid="pad-input"] .cell.pad').count()).toBe(20);
    await page.fill('[data-testid="pad-padding"]', '0');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="pad-output"] .cell').length === 4);
    await page.click('[data-widget="pad"] [aria-label="Last position"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="pad-output"] .cell')[3]?.textContent === '5');
    expect(await gridValues(page, 'pad-output')).toEqual(['0', '−2', '7', '5']);

    const sizes = () => page.$$eval('[data-testid="shrink-size"]', (els) => els.map((e) => e.textContent));
    expect(await sizes()).toEqual(['32×32', '28×28', '24×24', '20×20', '16×16', '12×12', '8×8', '4×4']);
    expect(await text(page, '[data-widget="shrink"] .stop')).toMatch(/5×5 kernel no longer fits in the 4×4 volume: layer 8 is impossible/);
    await page.fill('[data-testid="shrink-f"]', 'abc');
    expect(await text(page, '[data-widget="shrink"] [role="alert"]')).toMatch(/kernel size must be a number \(“abc” is not\)/);
    expect(await sizes()).toHaveLength(8);
    await page.fill('[data-testid="shrink-f"]', '4');
    await page.click('[data-widget="shrink"] button:has-text("Same padding")');
    expect(await text(page, '[data-widget="shrink"] [role="alert"]')).toMatch(/4×4 kernel has no padding that keeps the size.*1\.5/);
    await page.fill('[data-testid="shrink-f"]', '5');
    await page.click('[data-widget="shrink"] button:has-text("Same padding")');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="shrink-size"]')].every((e) => e.textContent === '32×32'));
    expect(await sizes()).toHaveLength(9);

    await answerWrongThenRight(page, 'pad-output-size', (p) => {
      const [f, n, pad] = match(p, /A (\d+)×\d+ kernel slides with stride 1 over a (\d+)×\d+ input padded with (\d+) ring/);
      return String(n - f + 2 * pad + 1);
    }, (r) => String(Number(r) + 2), /is not right/);

    const progress = await page.evaluate(() => JSON.parse(localStorage.getItem('convlab-progress-v1') ?? '{}'));
    expect(progress.state.exercises['padding/pad-output-size']).toMatchObject({ attempts: 2, correct: 1, lastCorrect: true });

    const link = await linkWith(page, 'shrink.p=2', 'pad.padding=0', 'pad.step=3');
    const second = await open();
    await gotoReady(second, link);
    expect(await gridValues(second, 'pad-output')).toEqual(['0', '−2', '7', '5']);
    expect(await second.inputValue('[data-testid="shrink-p"]')).toBe('2');
    expect(await second.$$eval('[data-testid="shrink-size"]', (els) => els.map((e) => e.textContent))).toEqual(new Array(9).fill('32×32'));
    const third = await open();
    await gotoReady(third, url('padding', 'shrink.f=99&shrink.layers=x'));
    expect(await text(third, '[data-widget="shrink"] .link-notes')).toMatch(/kernel size was not usable \(99 is outside 1–11\).*number of layers was not usable/);
  });

  it('stride: the formula with the student’s numbers, 7×7 / 3 / stride 3 does not fit, SAME, bad input, an exercise, a link', async () => {
    const page = await open();
    await gotoReady(page, url('stride'));
    expect(await text(page, '[data-testid="stride-formula"]')).toMatch(/= \(7 − 3 \+ 2·0\) \/ 2 \+ 1 = 4 \/ 2 \+ 1 = 3/);
    expect(await gridValues(page, 'calc-output')).toEqual(new Array(9).fill('9'));
    expect(await page.locator('[data-testid="nofit-input"] .cell.dropped').count()).toBe(13);

    await page.click('[data-widget="calc"] button:has-text("doesn’t fit")');
    expect(await waitText(page, '[data-testid="stride-formula"]', /2\.333 → ⌊2\.333⌋ = 2/)).toMatch(/\(7 − 3 \+ 2·0\) \/ 3 \+ 1 = 4 \/ 3 \+ 1/);
    expect(await text(page, '[data-testid="stride-verdict"]')).toMatch(/doesn’t fit.*1 row and 1 column of the input is never read/);
    expect(await page.locator('[data-testid="calc-input"] .cell.dropped').count()).toBe(13);
    expect(await gridValues(page, 'calc-output')).toEqual(['9', '9', '9', '9']);
    const link = await linkWith(page, 'calc.s=3');

    // Bad input: stride 0, then a kernel larger than the padded input; the last valid result stays.
    await page.fill('[data-testid="calc-s"]', '0');
    expect(await text(page, '[data-widget="calc"] [role="alert"]')).toMatch(/stride S must be at least 1: the window has to move/);
    await page.fill('[data-testid="calc-s"]', '3');
    await page.fill('[data-testid="calc-f"]', '12');
    expect(await waitText(page, '[data-widget="calc"] .inline-error', /12×12 kernel is larger than the padded 7×7 input.*last valid result is still shown/)).toBeTruthy();
    expect(await text(page, '[data-testid="stride-formula"]')).toMatch(/= 2\b/);

    // SAME with N = 7, F = 4, stride 1: one zero before, two after, output 7.
    await page.fill('[data-testid="calc-f"]', '4');
    await page.fill('[data-testid="calc-s"]', '1');
    await page.check('[data-widget="calc"] input[type="radio"] >> nth=1');
    expect(await waitText(page, '[data-testid="stride-formula"]', /here 1 before and 2 after/)).toMatch(/⌈N \/ S⌉ = 7/);
    expect(await page.locator('[data-testid="calc-output"] .cell').count()).toBe(49);

    await answerWrongThenRight(page, 'stride-output-size', (p) => {
      const [f, n, pad, s] = match(p, /A (\d+)×\d+ kernel slides over a (\d+)×\d+ input with padding (\d+) and stride (\d+)/);
      return String(Math.floor((n - f + 2 * pad) / s) + 1);
    }, (r) => `${r}.5`, /is not right/);

    const second = await open();
    await gotoReady(second, link);
    expect(await text(second, '[data-testid="stride-formula"]')).toMatch(/2\.333 → ⌊2\.333⌋ = 2/);
    expect(await second.inputValue('[data-testid="calc-s"]')).toBe('3');
  });

  it('channels and filters: three channel parts plus the bias, K filters, parameters, bad input, an exercise, a link', async () => {
    const page = await open();
    await gotoReady(page, url('channels-and-filters'));
    const read = async (p: Page, id: string, rows: number) => {
      const v = (await gridValues(p, id)).map(num);
      return Array.from({ length: rows }, (_, y) => v.slice(y * (v.length / rows), (y + 1) * (v.length / rows)));
    };
    const input = [await read(page, 'rgb-in-r', 5), await read(page, 'rgb-in-g', 5), await read(page, 'rgb-in-b', 5)];
    const filter = [await read(page, 'rgb-w-wr', 3), await read(page, 'rgb-w-wg', 3), await read(page, 'rgb-w-wb', 3)];
    const none = { top: 0, bottom: 0, left: 0, right: 0 };
    const expected = refConv(input, [filter], [1, 1], none, [1])[0];
    expect((await gridValues(page, 'rgb-out')).map(num)).toEqual(expected.flat());
    const parts = [0, 1, 2].map((c) => refConv([input[c]], [[filter[c]]], [1, 1], none)[0][1][1]);
    await page.hover('[data-testid="rgb-out"] [data-y="1"][data-x="1"]');
    expect(await waitText(page, '[data-testid="rgb-sum"]', /Row 2, column 2/)).toContain(
      `R ${parts[0]} + G ${parts[1]} + B ${parts[2]} + bias 1 = ${expected[1][1]}`.replace(/-/g, '−'),
    );

    // The bias moves every output; a third filter deepens the volume and adds 28 parameters.
    await page.fill('#rgb-bias', '5');
    await page.waitForFunction((v) => document.querySelector('[data-testid="rgb-out"] .cell')?.textContent === String(v).replace('-', '−'), expected[0][0] + 4);
    await page.fill('[data-testid="rgb-k"]', '3');
    expect(await waitText(page, '.volume-title', /3×3×3/)).toBeTruthy();
    expect(await text(page, '[data-testid="rgb-params"]')).toMatch(/\(3·3·3 \+ 1\)·3 = 84/);
    const link = await linkWith(page, 'rgb.bias=5', 'rgb.k=3');

    // Bad input: a cell that is not a number, and a bias that is not a number.
    await page.fill('[aria-label="Red input row 1, column 1"]', 'x');
    expect(await text(page, '[data-widget="rgb"] p.inline-error')).toMatch(/Red input, row 1, column 1 \(“x”\) is not a number/);
    await page.fill('#rgb-bias', 'abc');
    expect(await text(page, '[data-widget="rgb"] .number-field [role="alert"]')).toMatch(/bias \(“abc”\) is not a number\. Still using 5/);
    expect(num((await gridValues(page, 'rgb-out'))[0])).toBe(expected[0][0] + 4);

    // The layer calculator: the curriculum's 760, AlexNet's 34,944, and a kernel that cannot fit.
    expect(await text(page, '[data-widget="layer"] [data-testid="layer-params"]')).toMatch(/\(5·5·3 \+ 1\)·10 = 760/);
    await page.click('[data-widget="layer"] button:has-text("AlexNet")');
    expect(await waitText(page, '[data-widget="layer"] [data-testid="layer-volume"]', /55×55×96/)).toBeTruthy();
    expect(await text(page, '[data-widget="layer"] [data-testid="layer-params"]')).toMatch(/34,944/);
    await page.fill('[data-testid="layer-f"]', '300');
    expect(await waitText(page, '[data-widget="layer"] .inline-error', /300×300 kernel is larger than the padded 227×227 input/)).toBeTruthy();
    expect(await text(page, '[data-widget="layer"] [data-testid="layer-volume"]')).toMatch(/55×55×96/);

    await answerWrongThenRight(page, 'channels-params', (p) => {
      const [c, k, f] = match(p, /takes a \d+×\d+×(\d+) input and has (\d+) filters of size (\d+)×/);
      return String((f * f * c + 1) * k);
    }, (r) => String(Number(r) - 1), /is not right/);

    const second = await open();
    await gotoReady(second, link);
    expect(await second.inputValue('#rgb-bias')).toBe('5');
    expect(await text(second, '.volume-title')).toMatch(/3×3×3/);
  });

  it('1×1 convolution and FC as convolution: dot products per pixel, conv = matrix product, an exercise, a link', async () => {
    const page = await open();
    await gotoReady(page, url('one-by-one'));
    const channels = await Promise.all([0, 1, 2, 3].map(async (c) => (await gridValues(page, `onebyone-in-${c}`)).map(num)));
    const weights = (await gridValues(page, 'onebyone-weights')).map(num);
    const out = (k: number) => channels[0].map((_, i) => channels.reduce((s, ch, c) => s + ch[i] * weights[k * 4 + c], 0));
    expect((await gridValues(page, 'onebyone-out-0')).map(num)).toEqual(out(0));
    expect((await gridValues(page, 'onebyone-out-1')).map(num)).toEqual(out(1));
    await page.fill('[aria-label="Weights row 2, column 3"]', '2');
    weights[6] = 2;
    await page.waitForFunction((v) => document.querySelector('[data-testid="onebyone-out-1"] .cell')?.textContent === String(v).replace('-', '−'), out(1)[0]);
    await page.hover('[data-testid="onebyone-in-2"] [data-y="3"][data-x="2"]');
    expect(await waitText(page, '[data-testid="onebyone-dots"]', /row 4, column 3/)).toMatch(new RegExp(`Filter 2 at row 4, column 3: .* = ${out(1)[14]}$`.replace('-', '−')));
    await page.fill('[aria-label="Weights row 1, column 1"]', 'abc');
    expect(await text(page, '[data-widget="onebyone"] [role="alert"]')).toMatch(/Weights, row 1, column 1 \(“abc”\) is not a number/);
    const link = await linkWith(page, 'onebyone.weights=1%2C1%2C1%2C1%3B1%2C0%2C2%2C0');

    // FC as convolution: both ways give the weighted sums of the flattened input.
    const vector = (await gridValues(page, 'fc-vector')).map(num);
    const w = (await gridValues(page, 'fc-weights')).map(num);
    const sums = [0, 1, 2].map((k) => vector.reduce((s, v, i) => s + v * w[k * vector.length + i], 0)).join(', ').replace(/-/g, '−');
    const results = await text(page, '[data-testid="fc-results"]');
    expect(results).toContain(`output 1×1×3): ${sums}`);
    expect(results).toContain(`flattened input): ${sums}`);
    await page.fill('[data-testid="fc-k"]', '4');
    expect(await waitText(page, '[data-testid="fc-results"]', /1×1×4/)).toMatch(/\(12 \+ 1\)·4 = 52/);
    expect(await text(page, '[data-widget="obo"] [data-testid="layer-volume"]')).toMatch(/56×56×32/);

    await answerWrongThenRight(page, 'onebyone-volume', (p) => {
      const [h, k] = match(p, /A (\d+)×\d+×\d+ volume goes through (\d+) filters/);
      return `${h}×${h}×${k}`;
    }, (r) => r.replace(/×\d+$/, '×1'), /Not quite: check the depth/);

    const second = await open();
    await gotoReady(second, link);
    expect(await second.inputValue('[aria-label="Weights row 2, column 3"]')).toBe('2');
    expect((await gridValues(second, 'onebyone-out-1')).map(num)).toEqual(out(1));
  });

  it('receptive field: 7×7 through three 3×3 layers, (P + F − 1) with pooling, keyboard, bad input, an exercise, a link', async () => {
    const page = await open();
    await gotoReady(page, url('receptive-field'));
    const marked = (level: number, cls: string) => page.locator(`[data-testid="rf-level-${level}"] .cell.${cls}`).count();
    expect(await marked(0, 'receptive')).toBe(49);
    expect(await text(page, '[data-testid="rf-facts"]')).toMatch(/depends on a 7×7 patch of the input \(49 cells\)/);
    expect(await text(page, '[data-testid="rf-weights"]')).toMatch(/\(3·3 \+ 3·3 \+ 3·3\)·64² = 110,592 weights; one 7×7 convolution would have 7·7·64² = 200,704/);
    await page.hover('[data-testid="rf-level-0"] [data-y="0"][data-x="0"]');
    expect(await waitText(page, '[data-testid="rf-facts"]', /Input row 1, column 1 reaches 1 cell of the last layer/)).toBeTruthy();
    expect(await marked(1, 'window')).toBe(1);
    // Keyboard: tab into layer 2's grid and move with the arrows.
    await page.focus('[data-testid="rf-level-2"] [data-y="0"][data-x="0"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await waitText(page, '[data-testid="rf-facts"]', /Layer 2 row 2, column 2 depends on a 5×5 patch/)).toBeTruthy();
    expect(await marked(3, 'window')).toBe(4);

    await page.click('[data-widget="rf"] button:has-text("3×3 conv + 2×2 pool")');
    await page.mouse.move(0, 0);
    expect(await waitText(page, '[data-testid="rf-facts"]', /Receptive field after each layer.*3×3 → 4×4/)).toMatch(/depends on a 4×4 patch/);
    const link = await linkWith(page, 'rf.l2=p2', 'rf.l3=none', 'rf.n=12');
    await page.fill('[data-testid="rf-n"]', '3');
    expect(await waitText(page, '[data-widget="rf"] .inline-error', /Layer 2 \(pool 2×2, stride 2\) cannot slide over its 1×1 input.*last valid result is still shown/)).toBeTruthy();
    expect(await marked(0, 'receptive')).toBe(16);
    await page.fill('[data-testid="rf-channels"]', '-1');
    expect(await text(page, '[data-widget="rf"] .number-field [role="alert"]')).toMatch(/number of channels must be at least 1/);

    await answerWrongThenRight(page, 'rf-stack', (p) => {
      const [layers, f] = match(p, /(\d+) convolution layers with (\d+)×\d+ kernels/);
      return String(1 + layers * (f - 1));
    }, (r) => String(Number(r) - 1), /is not right/);

    const second = await open();
    await gotoReady(second, link);
    expect(await second.inputValue('[data-testid="rf-l2"]')).toBe('p2');
    expect(await text(second, '[data-testid="rf-facts"]')).toMatch(/depends on a 4×4 patch/);
  });
});
