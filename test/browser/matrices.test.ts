// The matrix lessons in Chromium, both profiles: each lesson loads with every agreement check
// agreeing, hover linking lights the right cells (hl-* classes, drawn without a React render) (a hovered row's window on the input, an input
// cell's copies, the canvas's row, column and window), the keyboard drives the canvas, links restore
// state and tampered links fall back; no console errors and no request leaves the origin.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoReady, gridValues, launch, openPage, PROFILES, serve, waitForWidgets, type Watched } from './harness';

let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  server = await serve();
});
afterAll(async () => {
  await server?.close();
});

/** "y,x" of the cells of a grid that carry a class, sorted. */
const marked = (page: Page, testId: string, cls: string) =>
  page.$$eval(`[data-testid="${testId}"] .cell.${cls}`, (cells) => cells.map((c) => `${c.getAttribute('data-y')},${c.getAttribute('data-x')}`).sort());
/** The cells of an (unpadded) window of `size` starting at (y, x), as "y,x", sorted. */
const windowAt = (y: number, x: number, size: number) => Array.from({ length: size * size }, (_, i) => `${y + Math.floor(i / size)},${x + (i % size)}`).sort();
const agreements = (page: Page) => page.$$eval('[data-testid$="-agreement"]', (els) => els.map((e) => `${e.getAttribute('data-testid')}=${e.getAttribute('data-agree')}`));
type Highlight = { rows?: number[]; cols?: number[]; focus?: number[][]; window?: number[][]; marks?: number[][] };
const highlight = async (page: Page, testId: string): Promise<Highlight | null> => {
  const raw = await page.getAttribute(`[data-testid="${testId}"] canvas.matrix-canvas-top`, 'data-highlight');
  return raw ? JSON.parse(raw) : null;
};
/** Moves the mouse to the centre of entry (row, col) of an unzoomed canvas. */
async function pointAt(page: Page, testId: string, row: number, col: number): Promise<void> {
  await page.locator(`[data-testid="${testId}"]`).scrollIntoViewIfNeeded();
  const box = (await page.locator(`[data-testid="${testId}"] canvas.matrix-canvas-top`).boundingBox())!;
  const rows = Number(await page.getAttribute(`[data-testid="${testId}"] canvas.matrix-canvas-top`, 'data-rows'));
  const s = box.height / rows;
  await page.mouse.move(box.x + (col + 0.5) * s, box.y + (row + 0.5) * s);
}

describe.each(PROFILES)('profile: %s', (profile) => {
  let browser: Browser;
  const opened: Watched[] = [];
  const open = async (viewport?: { width: number; height: number }) => {
    const w = await openPage(browser, server.url, viewport);
    opened.push(w);
    return w;
  };
  beforeAll(async () => {
    browser = await launch(profile);
  });
  afterAll(async () => {
    for (const w of opened) {
      expect(w.errors, 'console errors').toEqual([]);
      expect(w.outside, 'requests leaving the origin').toEqual([]);
    }
    await browser?.close();
  });

  it('im2col: X·w = conv2d = [0, −2, 7, 5], rows light their windows, input cells their copies, a link restores padding', async () => {
    const { page } = await open();
    await gotoReady(page, `${server.url}#/lesson/im2col`);
    expect(await agreements(page)).toEqual(['im2col-agreement=true', 'filters-agreement=true']);
    expect(await gridValues(page, 'im2col-product')).toEqual(['0', '−2', '7', '5']);
    expect(await gridValues(page, 'im2col-output')).toEqual(['0', '−2', '7', '5']);
    expect((await gridValues(page, 'im2col-patches')).slice(0, 9)).toEqual(['2', '1', '0', '3', '2', '1', '4', '3', '2']);
    // Row 3 of X is output (1, 0): its window is input rows 1–3, columns 0–2.
    await page.hover('[data-testid="im2col-patches"] [data-y="2"][data-x="0"]');
    expect(await marked(page, 'im2col-input', 'hl-receptive')).toEqual(windowAt(1, 0, 3).filter((c) => c !== '1,0'));
    expect(await marked(page, 'im2col-input', 'hl-hovered')).toEqual(['1,0']); // the entry hovered is the copy of input (1, 0)
    expect(await marked(page, 'im2col-output', 'hl-hovered')).toEqual(['1,0']);
    expect(await page.textContent('[data-testid="im2col-focus"]')).toMatch(/^Input row 2, column 1 \(value 3\) is copied into 2 entries of X, in rows 1, 3\./);
    await page.hover('[data-testid="im2col-product"] [data-y="3"][data-x="0"]');
    expect(await marked(page, 'im2col-input', 'hl-receptive')).toEqual(windowAt(1, 1, 3));
    expect(await marked(page, 'im2col-patches', 'hl-window')).toEqual(Array.from({ length: 9 }, (_, x) => `3,${x}`).sort());
    // The centre cell (1, 1) is copied into all four rows.
    await page.hover('[data-testid="im2col-input"] [data-y="1"][data-x="1"]');
    expect(await marked(page, 'im2col-patches', 'hl-receptive')).toEqual(['0,4', '1,3', '2,1', '3,0']);
    expect(await page.textContent('[data-testid="im2col-focus"]')).toMatch(/copied into 4 entries of X, in rows 1, 2, 3, 4/);
    expect(await page.textContent('[data-testid="im2col-sizes"]')).toMatch(/X is 4 × 9 = 36 numbers.*16 cells: 2\.25×/);
    // Channels and filters: hovering H (row 2, filter 2) lights one window in every channel and W's column 2.
    await page.hover('[data-testid="filters-H"] [data-y="1"][data-x="1"]');
    expect(await marked(page, 'filters-input-0', 'hl-receptive')).toEqual(windowAt(0, 1, 3));
    expect(await marked(page, 'filters-input-1', 'hl-receptive')).toEqual(windowAt(0, 1, 3));
    expect(await marked(page, 'filters-W', 'hl-window')).toEqual(Array.from({ length: 18 }, (_, j) => `${j},1`).sort());
    expect(await page.textContent('[data-testid="filters-focus"]')).toMatch(/^Row 2 of X is the window of output row 1, column 2, across all 2 channels\. Column 2 of W is filter 2/);

    // Bad input: an inline message next to the control, and the last valid result stays.
    await page.fill('[data-widget="im2col"] .number-control:has-text("Stride") input', '0');
    expect(await page.textContent('[data-widget="im2col"] .number-control:has-text("Stride") [role="alert"]')).toMatch(/Stride must be at least 1\. Still using the last valid value/);
    expect(await gridValues(page, 'im2col-product')).toEqual(['0', '−2', '7', '5']);
    await page.fill('[data-widget="im2col"] .number-control:has-text("Stride") input', '1');
    await page.fill('[data-widget="im2col"] .number-control:has-text("Padding") input', '1');
    await waitForWidgets(page);
    await page.waitForFunction(() => location.hash.includes('im2col.padding=1'));
    const second = await open();
    await gotoReady(second.page, await page.evaluate(() => location.href));
    expect(await second.page.inputValue('[data-widget="im2col"] .number-control:has-text("Padding") input')).toBe('1');
    expect(await gridValues(second.page, 'im2col-product')).toHaveLength(16);
    expect(await agreements(second.page)).toContain('im2col-agreement=true');
    const third = await open();
    await gotoReady(third.page, `${server.url}#/lesson/im2col?im2col.stride=9`);
    expect(await third.page.textContent('[data-widget="im2col"] .link-notes')).toMatch(/stride was not usable \(9 is outside 1–3\)/);
  });

  it('Toeplitz: T·vec(x) = conv2d in 1D, 2D and 676 × 784; hover links T, input and output; keyboard and links drive the canvas', async () => {
    const { page } = await open();
    await gotoReady(page, `${server.url}#/lesson/toeplitz`);
    expect(await agreements(page)).toEqual(['oned-agreement=true', 'twod-agreement=true', 'big-agreement=true']);
    expect((await gridValues(page, 'twod-T')).slice(0, 16)).toEqual(['−1', '−1', '−1', '0', '−1', '8', '−1', '0', '−1', '−1', '−1', '0', '0', '0', '0', '0']);
    expect(await page.textContent('[data-testid="twod-sparsity"]')).toMatch(/4 × 16 = 64 entries\. 36 .* 28 are always zero: 43\.75%/);
    expect(await page.textContent('[data-testid="big-sparsity"]')).toMatch(/676 × 784 = 529,984 entries\. 6,084 .* 98\.85%/);
    // A highlighted row of T: its window on the input, its output cell.
    await page.hover('[data-testid="twod-product"] [data-y="3"][data-x="0"]');
    expect(await marked(page, 'twod-T', 'hl-window')).toEqual(Array.from({ length: 16 }, (_, j) => `3,${j}`).sort());
    expect(await marked(page, 'twod-input', 'hl-receptive')).toEqual(windowAt(1, 1, 3));
    // One entry: its weight's other copies are outlined (the middle weight sits once in each row).
    await page.hover('[data-testid="twod-T"] [data-y="1"][data-x="6"]');
    expect(await marked(page, 'twod-T', 'hl-same')).toEqual(['0,5', '2,9', '3,10']);
    expect(await page.textContent('[data-testid="twod-focus"]')).toMatch(/weight k\[2\]\[2\] = 8/);
    // 1D: a constant diagonal.
    await page.hover('[data-testid="oned-T"] [data-y="0"][data-x="1"]');
    expect(await marked(page, 'oned-T', 'hl-same')).toEqual(['1,2', '2,3', '3,4', '4,5', '5,6']);

    // The canvas: hover an entry of T; the input window is the row's window, the focus the column's cell.
    await pointAt(page, 'big-T', 300, 330);
    await page.waitForFunction(() => document.querySelector('[data-testid="big-T"] canvas.matrix-canvas-top')?.getAttribute('data-highlight'));
    const t = (await highlight(page, 'big-T'))!;
    const [row, col] = [t.rows![0], t.cols![0]];
    expect(Math.abs(row - 300)).toBeLessThanOrEqual(1);
    expect(Math.abs(col - 330)).toBeLessThanOrEqual(1);
    const input = (await highlight(page, 'big-input'))!;
    const [oy, ox] = [Math.floor(row / 26), row % 26];
    expect(input.window!.map(([y, x]) => `${y},${x}`).sort()).toEqual(windowAt(oy, ox, 3));
    expect(input.focus).toEqual([[Math.floor(col / 28), col % 28]]);
    expect((await highlight(page, 'big-output'))!.focus).toEqual([[oy, ox]]);
    expect(await page.textContent('[data-testid="big-readout"]')).toMatch(new RegExp(`^T row ${row + 1}, column ${col + 1} = `));
    // Hover an input cell: its column of T and the outputs that read it.
    await pointAt(page, 'big-input', 5, 7);
    expect(await highlight(page, 'big-T')).toEqual({ cols: [5 * 28 + 7] });
    expect((await highlight(page, 'big-output'))!.marks!.map(([y, x]) => `${y},${x}`).sort()).toEqual(windowAt(3, 5, 3));
    // Keyboard: focus T, arrows move the cursor, Enter keeps the entry in the link.
    await page.mouse.move(0, 0);
    await page.focus('[data-testid="big-T"] canvas.matrix-canvas-top');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.textContent('[data-testid="big-readout"]')).toMatch(/^T row 1, column 3 = −1: kernel weight \(row 1, column 3\)/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.includes('big.row=0') && location.hash.includes('big.col=2'));

    // A link with a zoom and a picked entry reopens on them: the centre of the view is near the zoom centre.
    const second = await open();
    await gotoReady(second.page, `${server.url}#/lesson/toeplitz?big.zoom=8&big.zoomRow=400&big.zoomCol=420&big.row=401&big.col=421`);
    expect(await second.page.textContent('[data-testid="big-readout"]')).toMatch(/^T row 402, column 422 = /);
    const box = (await second.page.locator('[data-testid="big-T"] canvas.matrix-canvas-top').boundingBox())!;
    await second.page.locator('[data-testid="big-T"]').scrollIntoViewIfNeeded();
    const moved = (await second.page.locator('[data-testid="big-T"] canvas.matrix-canvas-top').boundingBox())!;
    await second.page.mouse.move(moved.x + box.width / 2, moved.y + box.height / 2);
    const centre = (await highlight(second.page, 'big-T'))!;
    expect(Math.abs(centre.rows![0] - 400)).toBeLessThanOrEqual(1);
    expect(Math.abs(centre.cols![0] - 420)).toBeLessThanOrEqual(1);
  });

  it('transpose: Tᵀ·g = convTranspose2d(g) = tf.grad, with stride 2 and padding 1 from a link; g’s stamps; the checkerboard', async () => {
    const { page } = await open();
    await gotoReady(page, `${server.url}#/lesson/transpose?grad.g=1,2;-1,1&grad.stride=2&grad.padding=1&grad.rows=5&grad.cols=5`);
    expect(await agreements(page)).toEqual(['grad-agreement=true']);
    expect(await page.inputValue('[data-widget="grad"] .number-control:has-text("Stride") input')).toBe('2');
    // 5×5, kernel 3, stride 2, padding 1 → a 3×3 output; g keeps its 2×2 values and gains zeros.
    expect(await gridValues(page, 'grad-g')).toEqual(['1', '2', '0', '-1', '1', '0', '0', '0', '0']); // editable cells show what is typed
    const viaT = await gridValues(page, 'grad-viaT');
    expect(viaT).toHaveLength(25);
    expect(await gridValues(page, 'grad-transposed')).toEqual(viaT);
    expect(await gridValues(page, 'grad-autodiff')).toEqual(viaT);
    // Output (1, 1)'s window starts at padded (2, 2) = input (1, 1): its stamp is rows 1–3, columns 1–3.
    await page.hover('[data-testid="grad-g"] [data-y="1"][data-x="1"]');
    expect(await marked(page, 'grad-autodiff', 'hl-receptive')).toEqual(windowAt(1, 1, 3));
    expect(await marked(page, 'grad-Tt', 'hl-receptive')).toHaveLength(25);
    // Upsampling: 4×4 ones, 3×3 ones, stride 2 → 9×9 with the 1-2-1 checkerboard; 4×4 kernel → even interior.
    const up = await gridValues(page, 'up-output');
    expect(up.slice(0, 9)).toEqual(['1', '1', '2', '1', '2', '1', '2', '1', '1']);
    expect(up.slice(18, 27)).toEqual(['2', '2', '4', '2', '4', '2', '4', '2', '2']);
    await page.click('button:has-text("4×4, stride 2: even")');
    await waitForWidgets(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="up-output"] .cell').length === 100);
    expect((await gridValues(page, 'up-output')).slice(40, 50)).toEqual(['2', '2', '4', '4', '4', '4', '4', '4', '2', '2']);
  });
});
