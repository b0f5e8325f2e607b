// The foundation in a real Chromium, both profiles: backend choice and its badge, the kernel-
// sliding lesson's numbers (0, −2, 7, 5), every backend agreeing, links restoring state, bad input,
// keyboard and hover, a lost GPU device, no console errors and no request leaving the origin.
import { describe, expect, it } from 'vitest';
import { gotoReady, gridValues, PROFILES, waitForWidgets } from './harness';
import { browserSuite } from './suite';

const LESSON = '#/lesson/kernel-sliding';

describe.each(PROFILES)('profile: %s', (profile) => {
  const suite = browserSuite(profile);
  const open = suite.open;
  const server = { get url() { return suite.url(); } };

  it('picks the fastest real backend, says why the others were skipped, and shows 0, −2, 7, 5', async () => {
    const { page } = await open();
    const backend = await gotoReady(page, `${server.url}${LESSON}?slide.step=3`);
    // No real GPU here: WebGPU/WebGL are SwiftShader (software) or absent, so WebAssembly wins.
    expect(backend).toBe('wasm');
    await page.click('[data-testid="backend-badge"] summary');
    const details = await page.textContent('.backend-details');
    expect(details).toMatch(profile === 'webgpu' ? /WebGPU \(GPU\): The WebGPU adapter is .*swiftshader/i : /WebGPU \(GPU\): The browser offers no WebGPU adapter/);
    expect(details).toMatch(/WebGL \(GPU\): The WebGL renderer is .*SwiftShader/i);
    expect(await gridValues(page, 'slide-output')).toEqual(['0', '−2', '7', '5']);
  });

  it('?backend=webgpu forces WebGPU where an adapter exists, and falls back with a reason where not', async () => {
    const { page } = await open();
    const backend = await gotoReady(page, `${server.url}?backend=webgpu${LESSON}?slide.step=3`);
    if (profile === 'webgpu') {
      expect(backend).toBe('webgpu');
      expect(await page.textContent('[data-testid="backend-badge"] summary')).toMatch(/WebGPU \(GPU\).*forced/);
    } else {
      // The forced backend failed, so the usual chain runs: software WebGL is skipped, WebAssembly wins.
      expect(backend).toBe('wasm');
      await page.click('[data-testid="backend-badge"] summary');
      expect(await page.textContent('.backend-details')).toMatch(/Forced, but it did not work: The browser offers no WebGPU adapter/);
    }
    expect(await gridValues(page, 'slide-output')).toEqual(['0', '−2', '7', '5']);
    expect(await page.textContent('[data-testid="dot-product"]')).toContain('= 5');
  });

  it('every backend gives the same numbers for the same convolutions', async () => {
    const { page } = await open();
    await gotoReady(page, server.url);
    const results = await page.evaluate(async (names) => {
      const api = (window as unknown as { convlab: typeof import('../../src/engine') }).convlab;
      let seed = 3;
      const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 8 - 4;
      const vol = (c: number, h: number, w: number) => Array.from({ length: c }, () => Array.from({ length: h }, () => Array.from({ length: w }, () => Math.round(rand()))));
      const x = vol(3, 9, 8);
      const filters = [vol(3, 3, 3), vol(3, 3, 3)];
      const g = vol(2, 3, 3); // made once: every backend gets the same numbers
      const out: Record<string, unknown> = {};
      for (const name of names) {
        const s = await api.initEngine({ backend: name });
        out[name] = {
          backend: s.backend,
          conv: await api.conv2d(x, filters, { stride: 2, padding: 1, bias: [1, -1] }),
          pool: await api.pool2d(x, { size: 2, mode: 'max' }),
          im2col: await api.im2col(x, { kernel: 3, stride: 2 }),
          transpose: await api.convTranspose2d(g, filters, { stride: 2, padding: 1 }),
        };
      }
      return out;
    }, profile === 'webgpu' ? ['cpu', 'wasm', 'webgl', 'webgpu'] : ['cpu', 'wasm', 'webgl']);
    const reference = results.cpu as Record<string, unknown>;
    for (const [name, r] of Object.entries(results)) {
      const got = r as Record<string, unknown>;
      expect(got.backend, `${name} really ran`).toBe(name);
      for (const key of ['conv', 'pool', 'im2col', 'transpose']) expect(got[key], `${name} ${key}`).toEqual(reference[key]);
    }
  });

  it('a link restores the widget exactly; a tampered link falls back with a visible note', async () => {
    const { page } = await open();
    await gotoReady(page, `${server.url}${LESSON}`);
    await page.fill('[aria-label="Kernel row 2, column 2"]', '4');
    await page.click('[aria-label="Step forward"]');
    await page.click('[aria-label="Step forward"]');
    await waitForWidgets(page);
    await page.waitForFunction(() => location.hash.includes('slide.step=2') && location.hash.includes('slide.kernel='));
    const link = await page.evaluate(() => location.href);
    const second = await open();
    await gotoReady(second.page, link);
    expect(await second.page.inputValue('[aria-label="Kernel row 2, column 2"]')).toBe('4');
    // Kernel centre 4 instead of 8: each output drops by 4 × the centre input (2, 1, 3, 2).
    expect(await gridValues(second.page, 'slide-output')).toEqual(['−8', '−6', '−5', '']);
    expect(await second.page.textContent('.step-count')).toMatch(/Position 3 of 4/);

    const third = await open();
    await gotoReady(third.page, `${server.url}${LESSON}?slide.kernel=1,x;2,3&slide.step=3`);
    expect(await third.page.textContent('.link-notes')).toMatch(/kernel was not usable \(row 1, column 2 \(“x”\) is not a number/);
    expect(await gridValues(third.page, 'slide-output')).toEqual(['0', '−2', '7', '5']);
    // Following a link to the page already open applies the link too.
    await third.page.evaluate(() => { location.hash = '#/lesson/kernel-sliding?slide.step=1&slide.kernel=1,0;0,1'; });
    await third.page.waitForFunction(() => document.querySelector('.step-count')?.textContent?.includes('Position 2 of 9'));
    expect(await gridValues(third.page, 'slide-output')).toEqual(['4', '2', '', '', '', '', '', '', '']);
    expect(await third.page.$('.link-notes')).toBeNull();
  });

  it('resizing the kernel recomputes without breaking the page', async () => {
    const { page } = await open();
    await gotoReady(page, `${server.url}${LESSON}?slide.step=3`);
    await page.fill('[data-widget="slide"] .size-control:has(legend:text("Kernel size")) input >> nth=0', '2');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="slide-kernel"] .cell').length === 6);
    await page.fill('[data-widget="slide"] .size-control:has(legend:text("Kernel size")) input >> nth=1', '2');
    await waitForWidgets(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="slide-output"] .cell').length === 9);
    // The kept top-left 2×2 of the edge kernel is [[-1,-1],[-1,8]]; window (0,0) reads [[2,1],[3,2]] → −2 −1 −3 +16 = 10.
    expect(await page.textContent('[data-testid="dot-product"]')).toMatch(/= 10/);
    expect(await page.$('.page-error')).toBeNull();
  });

  it('a cell that is not a number gets an inline message and the last valid result stays', async () => {
    const { page } = await open();
    await gotoReady(page, `${server.url}${LESSON}?slide.step=3`);
    await page.fill('[aria-label="Input row 1, column 1"]', 'abc');
    expect(await page.textContent('[role="alert"]')).toMatch(/Input, row 1, column 1 \(“abc”\) is not a number\. Still using the last valid value \(2\)/);
    expect(await page.getAttribute('[aria-label="Input row 1, column 1"]', 'aria-invalid')).toBe('true');
    expect(await gridValues(page, 'slide-output')).toEqual(['0', '−2', '7', '5']);
    await page.fill('[aria-label="Input row 1, column 1"]', '3');
    await waitForWidgets(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="slide-output"] .cell')?.textContent === '−1');
    expect(await page.$('[role="alert"]')).toBeNull();
  });

  it('stride and padding fields explain bad values inline and keep the last valid setting', async () => {
    const { page } = await open();
    await gotoReady(page, `${server.url}#/lesson/stride?jump.step=8`);
    const before = await gridValues(page, 'jump-output');
    expect(before).toHaveLength(9); // 7×7, 3×3, stride 2 → 3×3
    const stride = page.locator('[data-testid="jump-stride"]');
    await stride.fill('0');
    expect(await page.textContent('[data-widget="jump"] [role="alert"]')).toMatch(/stride must be at least 1: the window has to move/i);
    expect(await stride.getAttribute('aria-invalid')).toBe('true');
    expect(await gridValues(page, 'jump-output')).toEqual(before);
    await page.locator('[data-testid="jump-padding"]').fill('x');
    expect(await page.textContent('[data-widget="jump"] .number-field:has([data-testid="jump-padding"]) [role="alert"]')).toMatch(/padding must be a number/i);
  });

  it('keyboard steps the window; hovering an output cell shows its receptive field', async () => {
    const { page } = await open();
    await gotoReady(page, `${server.url}${LESSON}`);
    await page.focus('[aria-label="Play"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.step-count')?.textContent?.includes('Position 3 of 4'));
    expect(await gridValues(page, 'slide-output')).toEqual(['0', '−2', '7', '']);
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelector('.step-count')?.textContent?.includes('Position 4 of 4'));
    await page.hover('[data-testid="slide-output"] [data-y="0"][data-x="1"]');
    const marked = await page.$$eval('[data-testid="slide-input"] .cell.receptive', (cells) => cells.map((c) => `${c.getAttribute('data-y')},${c.getAttribute('data-x')}`));
    expect(marked.sort()).toEqual(['0,1', '0,2', '0,3', '1,1', '1,2', '1,3', '2,1', '2,2', '2,3']);
    expect(await page.textContent('[data-testid="dot-product"]')).toMatch(/1×−1 \+ 0×−1 \+ 0×−1 \+ 2×−1 \+ 1×8 \+ 1×−1 \+ 3×−1 \+ 2×−1 \+ 1×−1 = −2/);
    await page.keyboard.press('Tab');
    await page.focus('[data-testid="slide-output"] [data-y="1"][data-x="0"]');
    expect(await page.textContent('.dot-product-title')).toMatch(/row 2, column 1/);
  });

  it('exercises: fresh numbers in the link, right and wrong answers get feedback, progress survives a reload', async () => {
    const { page } = await open();
    await gotoReady(page, `${server.url}${LESSON}`);
    await page.waitForFunction(() => /ex\.seed=\d+/.test(location.hash));
    const card = page.locator('.exercise[data-kind="slide-output-size"]');
    const prompt = (await card.locator('.exercise-prompt').textContent()) ?? '';
    const [, f, n] = /A (\d+)×\d+ kernel slides over a (\d+)×/.exec(prompt) ?? [];
    const right = Number(n) - Number(f) + 1; // worked out here, independently of the engine
    await card.locator('input').fill(String(right + 1));
    await card.locator('button', { hasText: 'Check' }).click();
    expect(await card.getAttribute('data-result')).toBe('wrong');
    expect(await card.locator('.verdict').textContent()).toMatch(new RegExp(`${right + 1} is not right`));
    expect(await card.locator('.solution').textContent()).toContain(`= ${right}`);
    await card.locator('input').fill(String(right));
    await card.locator('button', { hasText: 'Check' }).click();
    expect(await card.getAttribute('data-result')).toBe('correct');
    // Same link, same numbers; and the progress is still there after a reload.
    const link = await page.evaluate(() => location.href);
    await page.reload({ waitUntil: 'commit' });
    await gotoReady(page, link);
    expect(await page.locator('.exercise[data-kind="slide-output-size"] .exercise-prompt').textContent()).toBe(prompt);
    await gotoReady(page, `${server.url}#/`);
    expect(await page.textContent('a[href="#/lesson/kernel-sliding"]')).toMatch(/visited · 1 exercise solved/);
  });

  it('a lost GPU device falls back to the next backend and the page keeps working', async () => {
    const { page } = await open();
    const first = await gotoReady(page, `${server.url}?backend=${profile === 'webgpu' ? 'webgpu' : 'webgl'}${LESSON}?slide.step=3`);
    const lost = await page.evaluate(() => (window as unknown as { convlab: { simulateDeviceLoss(): boolean } }).convlab.simulateDeviceLoss());
    expect(lost).toBe(true);
    await page.waitForFunction((b) => document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend') !== b, first, { timeout: 60_000 });
    const now = await page.getAttribute('[data-testid="backend-badge"]', 'data-backend');
    expect(['webgl', 'wasm', 'cpu']).toContain(now);
    await page.click('[data-testid="backend-badge"] summary');
    expect(await page.textContent('.backend-details')).toMatch(/lost/);
    await page.fill('[aria-label="Kernel row 1, column 1"]', '0');
    await waitForWidgets(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="slide-output"] .cell')?.textContent === '2');
  });
});
