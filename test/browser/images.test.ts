// The images track in a real Chromium, both profiles: the filter lab's output canvas against a plain
// loop written here (each route: tap planes, separable, direct), the inspector, bad kernels, own
// images (real, dropped, corrupt, not an image, SVG, 50 megapixels), the webcam (fake device: every
// frame without leaking tensors; refused; missing), and the pooling lesson's numbers.
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoReady, gridValues, launch, openPage, PROFILES, serve, waitForWidgets, type Watched } from './harness';
import { bigPng, corruptPng } from './pngFiles';

let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  server = await serve(process.env.CONVLAB_DIST ? resolve(process.env.CONVLAB_DIST) : undefined);
});
afterAll(async () => {
  await server?.close();
});

const LAB = '[data-widget="lab"] .filter-lab';
const FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** Waits for the lab's next finished render after `action`. */
async function rendered(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = Number((await page.getAttribute(LAB, 'data-renders')) ?? 0);
  await action();
  await page.waitForFunction(([sel, n]) => Number(document.querySelector(sel as string)?.getAttribute('data-renders') ?? 0) > (n as number), [LAB, before] as const, { timeout: 120_000 });
  await waitForWidgets(page);
}

/**
 * Compares the lab's filtered canvas with a plain loop (zero padding, Math.round, clamp or |·|) at 60
 * pixels including the corners, over the photo at `src` (grey computed here from its R, G, B) or,
 * without `src`, over what the original canvas shows. Returns the worst difference.
 */
async function worstDifference(page: Page, kernel: number[][], divisor: number, opts: { grey?: boolean; abs?: boolean; src?: string } = {}): Promise<number> {
  return page.evaluate(async ([k, d, o]) => {
    const pixelsOf = async (): Promise<{ w: number; h: number; px: Uint8ClampedArray }> => {
      if (!o.src) {
        const c = document.querySelector('[data-testid="lab-original"]') as HTMLCanvasElement;
        return { w: c.width, h: c.height, px: c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data };
      }
      const bitmap = await createImageBitmap(await (await fetch(o.src)).blob());
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return { w: bitmap.width, h: bitmap.height, px: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
    };
    const orig = await pixelsOf();
    const c2 = document.querySelector('[data-testid="lab-filtered"]') as HTMLCanvasElement;
    const out = c2.getContext('2d')!.getImageData(0, 0, c2.width, c2.height).data;
    const n = k.length, r = (n - 1) / 2;
    const at = (y: number, x: number, c: number) => {
      if (y < 0 || x < 0 || y >= orig.h || x >= orig.w) return 0;
      const i = (y * orig.w + x) * 4;
      return o.grey ? 0.299 * orig.px[i] + 0.587 * orig.px[i + 1] + 0.114 * orig.px[i + 2] : orig.px[i + c];
    };
    let worst = 0;
    for (let i = 0; i < 60; i++) {
      const x = i < 4 ? [0, orig.w - 1][i % 2] : (i * 7919) % orig.w;
      const y = i < 4 ? [0, orig.h - 1][i >> 1] : (i * 104729) % orig.h;
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let dy = 0; dy < n; dy++) for (let dx = 0; dx < n; dx++) s += at(y + dy - r, x + dx - r, c) * k[dy][dx];
        s /= d;
        const want = Math.min(255, Math.max(0, Math.round(o.abs ? Math.abs(s) : s)));
        worst = Math.max(worst, Math.abs(out[(y * orig.w + x) * 4 + c] - want));
      }
    }
    return worst;
  }, [kernel, divisor, opts] as const);
}

const canvasSize = (page: Page, id: string) => page.$eval(`[data-testid="${id}"]`, (c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height]);
const tensors = (page: Page) => page.evaluate(() => (window as unknown as { convlab: { liveTensors(): number } }).convlab.liveTensors());
const message = (page: Page) => page.textContent('[data-testid="lab-image-message"]');

describe.each(PROFILES)('profile: %s', (profile) => {
  let browser: Browser;
  let camera: Browser;
  const opened: Watched[] = [];
  const open = async (b: Browser) => {
    const w = await openPage(b, server.url);
    opened.push(w);
    return w;
  };
  beforeAll(async () => {
    browser = await launch(profile);
    camera = await launch(profile, FAKE_CAMERA);
  });
  afterAll(async () => {
    for (const w of opened) {
      expect(w.errors, 'console errors').toEqual([]);
      expect(w.outside, 'requests leaving the origin').toEqual([]);
    }
    await browser?.close();
    await camera?.close();
  });

  it('filters a photo on each route as a plain loop does; inspector, bad kernels and 40 changes without leaks', async () => {
    const { page } = await open(browser);
    expect(await gotoReady(page, `${server.url}#/lesson/filter-lab`)).toBe('wasm');
    await page.waitForSelector(`${LAB}[data-renders]`);
    expect(await canvasSize(page, 'lab-filtered')).toEqual([512, 512]);
    // Box blur 3×3 on the astronaut: WebAssembly's tap-plane route.
    expect(await page.getAttribute(LAB, 'data-route')).toBe('planes');
    expect(await worstDifference(page, [[1, 1, 1], [1, 1, 1], [1, 1, 1]], 9)).toBeLessThanOrEqual(1);
    // Prewitt vertical with absolute values, in grey.
    await rendered(page, () => page.selectOption('[data-widget="lab"] .kernel-panel select >> nth=0', 'prewitt-v'));
    await rendered(page, () => page.check('[data-widget="lab"] input[name="lab-colour"] >> nth=1'));
    expect(await page.getAttribute(LAB, 'data-route')).toBe('planes');
    expect(await worstDifference(page, [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], 1, { grey: true, abs: true, src: 'images/astronaut.png' })).toBeLessThanOrEqual(1);
    // A 7×7 Gaussian (separable), on another photo.
    await rendered(page, () => page.click('[data-testid="lab-sample-coffee"]'));
    expect(await canvasSize(page, 'lab-filtered')).toEqual([600, 400]);
    await rendered(page, () => page.selectOption('[data-widget="lab"] .kernel-panel select >> nth=0', 'gaussian'));
    await rendered(page, () => page.selectOption('[data-widget="lab"] .kernel-panel select >> nth=1', '7'));
    expect(await page.getAttribute(LAB, 'data-route')).toBe('separable');
    const row = [1, 6, 15, 20, 15, 6, 1];
    expect(await worstDifference(page, row.map((a) => row.map((b) => a * b)), 4096, { grey: true, src: 'images/coffee.png' })).toBeLessThanOrEqual(1);

    // The inspector at a pixel: the engine's sum is the loop's, and the byte it reports is on the canvas.
    await rendered(page, () => page.selectOption('[data-widget="lab"] .kernel-panel select >> nth=0', 'sharpen'));
    await rendered(page, () => page.check('[data-widget="lab"] input[name="lab-colour"] >> nth=0'));
    expect(await page.getAttribute(LAB, 'data-route')).toBe('planes');
    await page.focus('[data-testid="lab-filtered"]');
    await page.keyboard.press('ArrowRight'); // from the centre (300, 200) to (301, 200)
    await page.waitForFunction(() => document.querySelector('[data-testid="lab-inspector"] h4')?.textContent?.includes('column 302, row 201'));
    const inspected = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="lab-original"]') as HTMLCanvasElement;
      const px = c.getContext('2d')!.getImageData(300, 199, 3, 3).data;
      const k = [0, -1, 0, -1, 5, -1, 0, -1, 0];
      const sum = k.reduce((s, w, i) => s + w * px[i * 4], 0);
      const out = (document.querySelector('[data-testid="lab-filtered"]') as HTMLCanvasElement).getContext('2d')!.getImageData(301, 200, 1, 1).data[0];
      return { sum, out, text: document.querySelector('[data-testid="lab-inspector"]')!.textContent! };
    });
    expect(Number((await page.textContent('[data-testid="lab-sum"]'))!.replace('−', '-'))).toBeCloseTo(inspected.sum, 2);
    expect(inspected.text).toMatch(new RegExp(`Drawn: R [−\\d.]+ → ${inspected.out},`));

    // A kernel cell that is not a number, and an all-zero kernel: a message, and the picture stays.
    const snapshot = () => page.$eval('[data-testid="lab-filtered"]', (c) => (c as HTMLCanvasElement).toDataURL());
    const good = await snapshot();
    await page.fill('[data-testid="lab-kernel"] [aria-label="Kernel row 1, column 1"]', 'abc');
    expect(await page.textContent('[data-widget="lab"] .kernel-panel [role="alert"]')).toMatch(/Kernel, row 1, column 1 \(“abc”\) is not a number\. Still using the last valid value \(0\)/);
    await rendered(page, () => page.selectOption('[data-widget="lab"] .kernel-panel select >> nth=0', 'identity'));
    await page.fill('[data-testid="lab-kernel"] [aria-label="Kernel row 2, column 2"]', '0');
    await page.waitForSelector('[data-testid="lab-error"]');
    expect(await page.textContent('[data-testid="lab-error"]')).toMatch(/Every kernel weight is 0.*The last good result stays on screen/);
    await waitForWidgets(page);
    expect(await snapshot()).not.toBe(good); // identity replaced sharpen…
    const identity = await snapshot();
    await page.fill('[aria-label="Divisor: every weight is divided by it"]', '0');
    expect(await page.textContent('[data-widget="lab"] .kernel-panel [role="alert"]')).toMatch(/divisor “0” is not usable/);
    expect(await snapshot()).toBe(identity); // …but neither the zero kernel nor the zero divisor changed it

    // Forty kernel changes (the centre-weight slider): the tensor count does not grow.
    await rendered(page, () => page.fill('[data-testid="lab-kernel"] [aria-label="Kernel row 2, column 2"]', '1'));
    const before = await tensors(page);
    for (let i = 0; i < 40; i++) await rendered(page, () => page.fill('[data-widget="lab"] .kernel-panel input[type="range"] >> nth=-1', String((i % 9) + 2))); // never 1 (unchanged) or 0 (all zero)
    expect(await tensors(page)).toBe(before);
    expect(await page.textContent('[data-testid="lab-timing"]')).toMatch(/Last update \d+ ms/);
  });

  it('on a forced GPU backend (software here) the direct route draws the same pixels, by the read-back fallback', async () => {
    const { page } = await open(browser);
    const forced = profile === 'webgpu' ? 'webgpu' : 'webgl';
    expect(await gotoReady(page, `${server.url}?backend=${forced}#/lesson/filter-lab`)).toBe(forced);
    await page.waitForSelector(`${LAB}[data-renders]`);
    expect(await page.getAttribute(LAB, 'data-route')).toBe('direct');
    // tf.browser.draw draws nothing on SwiftShader's WebGPU, so the engine reads the pixels back instead.
    expect(await page.getAttribute(LAB, 'data-draw')).toBe('pixels');
    expect(await worstDifference(page, [[1, 1, 1], [1, 1, 1], [1, 1, 1]], 9)).toBeLessThanOrEqual(1);
    await rendered(page, () => page.selectOption('[data-widget="lab"] .kernel-panel select >> nth=0', 'edge'));
    expect(await worstDifference(page, [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], 1, { abs: true })).toBeLessThanOrEqual(1);
  });

  it('opens own images: real, dropped, corrupt, not an image, SVG, and a 50-megapixel photo scaled down', async () => {
    const { page } = await open(browser);
    await gotoReady(page, `${server.url}#/lesson/filter-lab`);
    await page.waitForSelector(`${LAB}[data-renders]`);
    const file = '[data-testid="lab-file"]';
    await rendered(page, () => page.setInputFiles(file, resolve('public/images/chelsea.png')));
    expect(await canvasSize(page, 'lab-original')).toEqual([451, 300]);
    expect(await page.textContent('.source-name')).toContain('chelsea.png');
    expect(await worstDifference(page, [[1, 1, 1], [1, 1, 1], [1, 1, 1]], 9)).toBeLessThanOrEqual(1);
    const bad = async (name: string, mimeType: string, buffer: Buffer, text: RegExp) => {
      await page.setInputFiles(file, { name, mimeType, buffer });
      await page.waitForFunction((n) => document.querySelector('[data-testid="lab-image-message"]')?.textContent?.includes(n), name);
      expect(await message(page)).toMatch(text);
      expect(await canvasSize(page, 'lab-original')).toEqual([451, 300]); // the last image stays
    };
    await bad('notes.txt', 'text/plain', Buffer.from('not a picture at all'), /“notes\.txt” is not a PNG, JPEG or WebP image\..*The last image stays/);
    await bad('broken.png', 'image/png', corruptPng(), /“broken\.png” looks like a PNG but could not be decoded: it is damaged or cut off/);
    await bad('logo.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'), /“logo\.svg” is an SVG: a vector drawing/);
    await rendered(page, () => page.setInputFiles(file, { name: 'huge.png', mimeType: 'image/png', buffer: bigPng(8000, 6250, [40, 120, 200]) }));
    expect(await message(page)).toMatch(/Scaled down from 8000×6250 to 640×500 so that the filters stay live/);
    expect(await canvasSize(page, 'lab-original')).toEqual([640, 500]);
    expect(await page.$eval('[data-testid="lab-original"]', (c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(320, 250, 1, 1).data))).toEqual([40, 120, 200, 255]);
    // Drag and drop a real image onto the picker.
    const bytes = readFileSync('public/images/brick.png').toString('base64');
    await rendered(page, () => page.evaluate((b64) => {
      const data = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'brick.png', { type: 'image/png' }));
      document.querySelector('.image-picker')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, bytes));
    expect(await canvasSize(page, 'lab-original')).toEqual([512, 512]);
    expect(await page.textContent('.source-name')).toContain('brick.png');
  });

  it('the webcam: every frame filtered on the fake camera without leaking tensors; refused and missing cameras', async () => {
    const { page } = await open(camera);
    await gotoReady(page, `${server.url}#/lesson/filter-lab`);
    await page.waitForSelector(`${LAB}[data-renders]`);
    const frames = () => page.$eval(LAB, (el) => Number(el.getAttribute('data-frames') ?? 0));
    const runFor = async (count: number) => {
      const start = await frames();
      await page.click('[data-testid="lab-camera"]');
      await page.waitForFunction(([sel, n]) => Number(document.querySelector(sel as string)?.getAttribute('data-frames') ?? 0) >= (n as number), [LAB, start + count] as const, { timeout: 120_000 });
      await page.click('[data-testid="lab-camera"]'); // stop
      await waitForWidgets(page);
      await page.waitForTimeout(0);
      return tensors(page);
    };
    const afterFew = await runFor(5);
    expect(await canvasSize(page, 'lab-filtered')).toEqual([640, 480]);
    expect(await page.getAttribute(LAB, 'data-route')).toBe('direct');
    expect(await runFor(60)).toBe(afterFew);
    expect(await worstDifference(page, [[1, 1, 1], [1, 1, 1], [1, 1, 1]], 9)).toBeLessThanOrEqual(1);

    // Refused: a camera exists but nobody can say yes (no fake permission prompt), so the browser refuses.
    const refusing = await launch(profile, ['--use-fake-device-for-media-stream']);
    try {
      const r = await open(refusing);
      await gotoReady(r.page, `${server.url}#/lesson/filter-lab`);
      await r.page.waitForSelector(`${LAB}[data-renders]`);
      await r.page.click('[data-testid="lab-camera"]');
      await r.page.waitForSelector('[data-testid="lab-image-message"]');
      expect(await message(r.page)).toMatch(/The camera was refused.*The last image stays in the lab/);
      expect(await canvasSize(r.page, 'lab-filtered')).toEqual([512, 512]); // still the astronaut
      expect(await r.page.getAttribute('[data-testid="lab-camera"]', 'aria-pressed')).toBe('false');
    } finally {
      await refusing.close();
    }

    // Missing: a browser without the fake camera has none.
    const plain = await open(browser);
    await gotoReady(plain.page, `${server.url}#/lesson/filter-lab`);
    await plain.page.click('[data-testid="lab-camera"]');
    await plain.page.waitForSelector('[data-testid="lab-image-message"]');
    expect(await message(plain.page)).toMatch(/No camera was found on this computer/);
  });

  it('pooling lesson: §7’s examples and the 6×6 exercise answered by the engine, switches, the shift demo', async () => {
    const { page } = await open(browser);
    await gotoReady(page, `${server.url}#/lesson/pooling?max.step=3&second.step=3`);
    expect(await gridValues(page, 'max-output')).toEqual(['3', '1', '4', '2']);
    expect(await gridValues(page, 'second-output')).toEqual(['6', '8', '3', '4']);
    const switches = await page.$$eval('[data-testid="max-input"] .cell.switch', (cells) => cells.map((c) => `${c.getAttribute('data-y')},${c.getAttribute('data-x')}`));
    expect(switches.sort()).toEqual(['1,0', '1,2', '2,0', '2,2']);
    // The quiz: a wrong cell is marked, the right answers pass, and revealing shows the engine's output.
    const answers = [7, 5, 4, 6, 9, 6, 7, 6, 5];
    for (let i = 0; i < 9; i++) await page.fill(`[data-testid="exercise-answer"] [aria-label="Your answer row ${Math.floor(i / 3) + 1}, column ${(i % 3) + 1}"]`, String(i === 4 ? 8 : answers[i]));
    await page.click('text=Check my answer');
    expect(await page.textContent('.quiz-wrong')).toMatch(/do not match yet/);
    expect(await page.$$eval('[data-testid="exercise-answer"] .answer-wrong', (c) => c.map((e) => `${e.getAttribute('data-y')},${e.getAttribute('data-x')}`))).toEqual(['1,1']);
    await page.fill('[data-testid="exercise-answer"] [aria-label="Your answer row 2, column 2"]', '9');
    await page.click('text=Check my answer');
    expect(await page.textContent('.quiz-right')).toMatch(/All correct/);
    await page.click('text=Show the answer');
    await page.click('[data-widget="exercise"] [aria-label="Last position"]');
    expect(await gridValues(page, 'exercise-output')).toEqual(answers.map(String));
    // Average pooling in the modes widget, and a stride that does not fit.
    await page.selectOption('[data-widget="modes"] select >> nth=0', 'avg');
    await page.click('[data-widget="modes"] [aria-label="Last position"]');
    await waitForWidgets(page);
    expect(await gridValues(page, 'modes-output')).toEqual(['2.75', '1.75', '1.5', '3.25']);
    expect(await page.$$eval('[data-testid="modes-input"] .cell.dropped', (c) => c.length)).toBe(9);
    // The shift demo: moving right changes 29 of 36 convolution cells but 2 of 9 pooled ones.
    expect(await page.textContent('[data-testid="shift-summary"]')).toMatch(/29 of 36.*2 of 9/);
    await page.click('[data-widget="shift"] button:has-text("down")');
    await page.waitForFunction(() => document.querySelector('[data-testid="shift-summary"]')?.textContent?.includes('5 of 9'));
  });
});
