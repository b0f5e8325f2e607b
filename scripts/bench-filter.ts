// Benchmark: time per filter update on a 512×512 RGB photo (the filter lab's slider drag), per
// tfjs backend, next to a plain JavaScript loop doing the same filtering in the same page run.
// Headless Chromium, both profiles; each backend forced with ?backend=. Run after a build:
//   npx vite-node scripts/bench-filter.ts            (add --quick for fewer repetitions;
//   CONVLAB_DIST=<folder> serves another build than dist/)
// An update = change one kernel weight, filter, draw to a canvas, and read one pixel back from
// that canvas (so work still queued on a GPU is counted). Prints median and 90th percentile (ms).
import { resolve } from 'node:path';
import { gotoReady, launch, openPage, PROFILES, serve, type Profile } from '../test/browser/harness';

const quick = process.argv.includes('--quick');
const BACKENDS: Record<Profile, string[]> = { webgpu: ['webgpu', 'webgl', 'wasm', 'cpu'], nowebgpu: ['webgl', 'wasm', 'cpu'] };

interface Figures { median: number; p90: number; runs: number }
type PageResult = Record<string, { engine: Figures; loop: Figures; path: string }>;

// Runs inside the page (kept as a string so no build tool rewrites it).
const PAGE_BENCH = String.raw`async ({ sizes, minRuns, budgetMs }) => {
  const api = window.convlab;
  const blob = await (await fetch('images/astronaut.png')).blob();
  const bitmap = await createImageBitmap(blob);
  const w = bitmap.width, h = bitmap.height;
  const scratch = new OffscreenCanvas(w, h).getContext('2d');
  scratch.drawImage(bitmap, 0, 0);
  const src = scratch.getImageData(0, 0, w, h).data;
  const session = await api.createImageSession();
  session.setImage(bitmap);
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const ctx = canvas.getContext('2d');
  const settle = () => ctx.getImageData(0, 0, 1, 1);
  const kernelFor = (n, i) => {
    const weights = Array.from({ length: n }, () => new Array(n).fill(1));
    weights[(n - 1) / 2][(n - 1) / 2] = 1 + (i % 7); // the slider: one weight changes per update
    return { weights, divisor: n * n + (i % 7) };
  };
  // The plain loop: zero-padded cross-correlation per channel, clamped and rounded by Uint8ClampedArray.
  const out = new Uint8ClampedArray(w * h * 4);
  const loop = (k, n) => {
    const r = (n - 1) >> 1;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      let sr = 0, sg = 0, sb = 0;
      for (let dy = 0; dy < n; dy++) {
        const yy = y + dy - r;
        if (yy < 0 || yy >= h) continue;
        for (let dx = 0; dx < n; dx++) {
          const xx = x + dx - r;
          if (xx < 0 || xx >= w) continue;
          const i = (yy * w + xx) * 4, kv = k[dy * n + dx];
          sr += src[i] * kv; sg += src[i + 1] * kv; sb += src[i + 2] * kv;
        }
      }
      const o = (y * w + x) * 4;
      out[o] = sr; out[o + 1] = sg; out[o + 2] = sb; out[o + 3] = 255;
    }
    ctx.putImageData(new ImageData(out, w, h), 0, 0);
  };
  const stats = (times) => {
    const s = [...times].sort((a, b) => a - b);
    const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
    return { median: q(0.5), p90: q(0.9), runs: s.length };
  };
  // Engine and plain loop alternate, update by update, so both see the same load on a shared machine.
  const timeBoth = async (engineUpdate, loopUpdate) => {
    for (let i = 0; i < 3; i++) { await engineUpdate(i); settle(); await loopUpdate(i); settle(); } // warm-up: shaders, caches, JIT
    const engine = [], loopTimes = [];
    const start = performance.now();
    for (let i = 0; engine.length < minRuns || (performance.now() - start < budgetMs && engine.length < minRuns * 3); i++) {
      let t0 = performance.now();
      await engineUpdate(i);
      settle();
      engine.push(performance.now() - t0);
      t0 = performance.now();
      await loopUpdate(i);
      settle();
      loopTimes.push(performance.now() - t0);
    }
    return { engine: stats(engine), loop: stats(loopTimes) };
  };
  const result = {};
  let path = '';
  for (const n of sizes) {
    const r = await timeBoth(
      async (i) => {
        path = (await session.render({ ...kernelFor(n, i), colour: 'colour', display: 'clamp' }, canvas)).path;
      },
      async (i) => {
        const k = kernelFor(n, i);
        loop(Float32Array.from(k.weights.flat(), (v) => v / k.divisor), n);
      },
    );
    result[n + 'x' + n] = { ...r, path };
  }
  session.dispose();
  bitmap.close();
  return result;
}`;

const fmt = (v: number) => v.toFixed(1).padStart(7);
const server = await serve(process.env.CONVLAB_DIST ? resolve(process.env.CONVLAB_DIST) : undefined);
const rows: string[] = [];
try {
  for (const profile of PROFILES) {
    const browser = await launch(profile);
    try {
      for (const wanted of BACKENDS[profile]) {
        const w = await openPage(browser, server.url, { width: 1280, height: 800 });
        const backend = await gotoReady(w.page, `${server.url}?backend=${wanted}#/`);
        if (backend !== wanted) {
          rows.push(`${profile.padEnd(9)} ${wanted.padEnd(7)} not available (the engine fell back to ${backend})`);
          await w.context.close();
          continue;
        }
        const res = (await w.page.evaluate(`(${PAGE_BENCH})(${JSON.stringify({ sizes: [3, 7], minRuns: quick ? 8 : 25, budgetMs: quick ? 3000 : 12000 })})`)) as PageResult;
        for (const [size, r] of Object.entries(res)) {
          rows.push(
            `${profile.padEnd(9)} ${backend.padEnd(7)} ${size}  engine ${fmt(r.engine.median)} ${fmt(r.engine.p90)}   plain JS ${fmt(r.loop.median)} ${fmt(r.loop.p90)}   ratio ${(r.engine.median / r.loop.median).toFixed(2).padStart(5)}   draw=${r.path} runs=${r.engine.runs}/${r.loop.runs}`,
          );
          console.log(rows[rows.length - 1]);
        }
        if (w.errors.length) console.log(`  console errors: ${w.errors.join(' | ')}`);
        await w.context.close();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
console.log('\nFilter update on a 512×512 RGB photo (ms; median and 90th percentile; ratio = engine median / plain JS median)');
console.log('profile   backend size engine median    p90   plain JS median    p90   ratio');
for (const r of rows) console.log(r);
