// Benchmark: how fast hover feedback follows the pointer in the matrix lessons. Headless Chromium,
// both profiles, 1280×800. Run after a build:  npx vite-node scripts/bench-hover.ts  (--quick: fewer moves;
// CONVLAB_DIST=<folder> serves another build than dist/). Real pointer moves (CDP, through playwright) over
//   - the 676 × 784 Toeplitz canvas at zoom 1 and zoom 8 (highlight layers of T, input and output redrawn),
//   - the 28×28 input canvas (its column of T, the outputs reading it),
//   - the im2col patch matrix (HTML grid; hover classes set directly, no React render), 4 × 9 and 36 × 9.
// For each move the page records the event's timestamp, when the highlight was drawn (canvas layers
// or grid classes), and when the next frame had run ("painted": a task queued from
// requestAnimationFrame, i.e. after that frame's paint). Prints median and 90th percentile in ms and
// how many highlights showed the entry under the pointer. Also: time to recompute the 676 × 784 setting.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { gotoReady, launch, openPage, PROFILES, serve } from '../test/browser/harness';

const quick = process.argv.includes('--quick');
const MOVES = quick ? 40 : 150;

interface Sample { drawn: number; painted: number; ok: boolean }
interface Raw { ts: number; drawn: number; painted: number; state: string; x: number; y: number; cell: string }
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { median: q(0.5), p90: q(0.9) };
};
const f1 = (v: number) => v.toFixed(1).padStart(6);

// In the page: after each pointer move on the target, note when the highlight is there and when the
// next frame ran. Each sample says where the event was (client position, target cell), so moves the
// browser coalesced into one frame are matched by position, not by order.
const INSTALL = String.raw`(sel) => {
  const target = document.querySelector(sel);
  window.__samples = [];
  const done = (e, drawn) => {
    const state = window.__state();
    const cell = e.target.dataset ? e.target.dataset.y + ',' + e.target.dataset.x : '';
    requestAnimationFrame(() => setTimeout(() => window.__samples.push({ ts: e.timeStamp, drawn, painted: performance.now(), state, x: e.clientX, y: e.clientY, cell }), 0));
  };
  if (target.tagName === 'CANVAS') {
    // React's handler (on the root) has drawn the highlight by the time the event bubbles to window.
    window.__state = () => target.getAttribute('data-highlight');
    window.addEventListener('pointermove', (e) => { if (e.target === target) done(e, performance.now()); });
  } else {
    // An HTML grid: the highlight is drawn when its cells' classes change (a DOM mutation).
    window.__state = () => [...target.querySelectorAll('.cell.hl-window, .cell.hl-receptive, .cell.hl-hovered')].map((c) => c.dataset.y + ',' + c.dataset.x).join(' ');
    let pending = null;
    new MutationObserver(() => { if (pending) { const e = pending; pending = null; done(e, performance.now()); } })
      .observe(target.closest('[data-widget]'), { attributes: true, subtree: true, attributeFilter: ['class'] });
    window.addEventListener('pointerover', (e) => { if (target.contains(e.target) && e.target.classList.contains('cell')) pending = e; });
  }
}`;

/** Moves the mouse through `points`, `gap` ms apart; `check` says whether a sample's highlight shows the entry under the pointer. */
async function measure(page: Page, selector: string, points: { x: number; y: number }[], check: (r: Raw) => boolean, gap = 25): Promise<Sample[]> {
  await page.evaluate(`(${INSTALL})(${JSON.stringify(selector)})`);
  for (const p of points) {
    await page.mouse.move(p.x, p.y);
    await page.waitForTimeout(gap);
  }
  await page.waitForTimeout(150);
  const raw = (await page.evaluate('window.__samples')) as Raw[];
  return raw.map((r) => ({ drawn: r.drawn - r.ts, painted: r.painted - r.ts, ok: check(r) }));
}

/** Random visible entries of a zoomed canvas, and the entry under any client position. */
function canvasGeometry(box: { x: number; y: number; width: number; height: number }, rows: number, zoom: { k: number; row: number; col: number }) {
  const s = (box.height / rows) * zoom.k;
  const tx = box.width / 2 - zoom.col * s, ty = box.height / 2 - zoom.row * s;
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  return {
    points: (n: number) => Array.from({ length: n }, () => {
      const col = Math.floor((-tx + rand() * box.width * 0.9 + box.width * 0.05) / s);
      const row = Math.floor((-ty + rand() * box.height * 0.9 + box.height * 0.05) / s);
      return { x: box.x + tx + (col + 0.5) * s, y: box.y + ty + (row + 0.5) * s };
    }),
    entryAt: (x: number, y: number) => ({ row: Math.floor((y - box.y - ty) / s), col: Math.floor((x - box.x - tx) / s) }),
  };
}

/** A kernel edit on the 28×28 setting, from the input event until the new result is on screen and painted. */
async function kernelEdit(page: Page, value: number): Promise<number> {
  await page.evaluate(() => {
    // The widget numbers its results (data-result); the engine may finish within one task, so
    // data-busy need not change visibly.
    const el = document.querySelector('[data-widget="big"] .toeplitz-big')!;
    const win = window as unknown as { __t0: number; __edit: Promise<number> };
    document.addEventListener('input', () => (win.__t0 = performance.now()), { capture: true, once: true });
    win.__edit = new Promise((done) => {
      const mo = new MutationObserver(() => {
        mo.disconnect();
        requestAnimationFrame(() => setTimeout(() => done(performance.now() - win.__t0), 0));
      });
      mo.observe(el, { attributes: true, attributeFilter: ['data-result'] });
    });
  });
  await page.fill('[data-testid="big-kernel"] [aria-label="Kernel row 2, column 2"]', String(value));
  return page.evaluate(() => (window as unknown as { __edit: Promise<number> }).__edit);
}

const server = await serve(resolve(process.env.CONVLAB_DIST ?? 'dist'));
console.log(`Hover latency, ms from the pointer event to the highlight drawn / to the next frame painted (${MOVES} moves on canvases, up to 60 on grids; 1280×800)`);
console.log('profile   view                                   drawn med  p90   painted med  p90   right entry');
for (const profile of PROFILES) {
  const browser = await launch(profile);
  let w = await openPage(browser, server.url, { width: 1280, height: 800 });
  const errors: string[] = [];
  // Each view in a fresh page: a hash change alone keeps the page (and its widgets' state).
  const fresh = async (url: string) => {
    errors.push(...w.errors);
    await w.context.close();
    w = await openPage(browser, server.url, { width: 1280, height: 800 });
    await gotoReady(w.page, url);
  };
  const report = (view: string, samples: Sample[]) => {
    const d = stats(samples.map((s) => s.drawn)), p = stats(samples.map((s) => s.painted));
    console.log(`${profile.padEnd(9)} ${view.padEnd(38)} ${f1(d.median)} ${f1(d.p90)}     ${f1(p.median)} ${f1(p.p90)}   ${samples.filter((s) => s.ok).length}/${samples.length}`);
  };

  for (const zoom of [{ k: 1, row: 338, col: 392 }, { k: 8, row: 300, col: 320 }]) {
    await fresh(`${server.url}#/lesson/toeplitz${zoom.k > 1 ? `?big.zoom=${zoom.k}&big.zoomRow=${zoom.row}&big.zoomCol=${zoom.col}` : ''}`);
    const sel = '[data-testid="big-T"] canvas.matrix-canvas-top';
    await w.page.locator('[data-testid="big-T"]').scrollIntoViewIfNeeded();
    const geo = canvasGeometry((await w.page.locator(sel).boundingBox())!, 676, zoom);
    report(`Toeplitz 676×784 canvas, zoom ${zoom.k}`, await measure(w.page, sel, geo.points(MOVES), (r) => {
      const h = JSON.parse(r.state || 'null');
      const at = geo.entryAt(r.x, r.y);
      return !!h && Math.abs(h.rows[0] - at.row) <= 1 && Math.abs(h.cols[0] - at.col) <= 1;
    }));
    if (zoom.k > 1) continue;
    const inSel = '[data-testid="big-input"] canvas.matrix-canvas-top';
    await w.page.locator('[data-testid="big-input"]').scrollIntoViewIfNeeded();
    const inGeo = canvasGeometry((await w.page.locator(inSel).boundingBox())!, 28, { k: 1, row: 14, col: 14 });
    report('28×28 input canvas (links T, output)', await measure(w.page, inSel, inGeo.points(MOVES), (r) => {
      const at = inGeo.entryAt(r.x, r.y);
      return JSON.parse(r.state || 'null')?.focus?.[0]?.join() === `${at.row},${at.col}`;
    }));
    const times: number[] = [];
    for (let i = 0; i < (quick ? 3 : 8); i++) times.push(await kernelEdit(w.page, 4 + (i % 5)));
    const r = stats(times);
    console.log(`${profile.padEnd(9)} ${'kernel edit → 676×784 T, T·x, conv2d'.padEnd(38)} until ready and painted: median ${r.median.toFixed(0)} ms, p90 ${r.p90.toFixed(0)} ms (${times.length} edits)`);
  }

  const big = '?im2col.input=1,2,3,4,5,6;2,3,4,5,6,7;3,4,5,6,7,8;4,5,6,7,8,9;5,6,7,8,9,1;6,7,8,9,1,2&im2col.padding=1';
  for (const [label, query, rows] of [['im2col grid 4×9 (HTML)', '', 4], ['im2col grid 36×9 (HTML)', big, 36]] as const) {
    await fresh(`${server.url}#/lesson/im2col${query}`);
    const sel = '[data-testid="im2col-patches"]';
    await w.page.locator(sel).scrollIntoViewIfNeeded();
    // Aim at cells that are on screen together (the 36-row grid is taller than the window).
    const pts: { x: number; y: number }[] = [];
    for (let i = 0; pts.length < Math.min(MOVES, 60) && i < 400; i++) {
      const b = (await w.page.locator(`${sel} [data-y="${(i * 7) % rows}"][data-x="${(i * 5) % 9}"]`).boundingBox())!;
      if (b.y > 0 && b.y + b.height < 800) pts.push({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
    }
    // The hovered entry's row of X is highlighted (hl-window, or hl-receptive/hl-hovered on copies).
    report(label, await measure(w.page, sel, pts, (r) => new RegExp(`(^| )${r.cell.split(',')[0]},`).test(r.state), 50));
  }
  errors.push(...w.errors);
  if (errors.length) console.log(`${profile}: console errors: ${errors.join(' | ')}`);
  await browser.close();
}
await server.close();
