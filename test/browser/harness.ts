// Drives the built app in Debian's Chromium with playwright-core: serves dist/ on 127.0.0.1,
// launches the two browser profiles students have (WebGPU available / no WebGPU adapter), and
// records console errors and any request that leaves the origin. Used by the browser tests, the
// screenshot script and the benchmarks.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export type Profile = 'webgpu' | 'nowebgpu';
export const PROFILES: Profile[] = ['webgpu', 'nowebgpu'];

/** Chromium from $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`No Chromium found. Set CHROMIUM_PATH or install it (apt-get install -y chromium). Tried: ${candidates.join(', ')}`);
  return found;
}

const BASE_FLAGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const PROFILE_FLAGS: Record<Profile, string[]> = {
  webgpu: ['--enable-unsafe-webgpu', '--use-vulkan=swiftshader', '--enable-features=Vulkan'],
  nowebgpu: [],
};

export async function launch(profile: Profile, extra: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...BASE_FLAGS, ...PROFILE_FLAGS[profile], ...extra] });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.json': 'application/json', '.wasm': 'application/wasm', '.bin': 'application/octet-stream',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.webp': 'image/webp',
};

/** Serves a folder (default: $CONVLAB_DIST, else dist/) on 127.0.0.1 at a free port. */
export async function serve(root = resolve(process.env.CONVLAB_DIST ?? 'dist')): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: run \`npm run build\` first.`);
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** Requests to any origin other than the app's. */
  outside: string[];
}

/** A fresh context and page that records console errors and off-origin requests. */
export async function openPage(browser: Browser, origin: string, viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  const outside: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  return { page, context, errors, outside };
}

/** Navigates and waits until the engine has chosen a backend and every widget has finished computing. */
export async function gotoReady(page: Page, url: string): Promise<string> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend'), null, { timeout: 120_000 });
  await waitForWidgets(page);
  return (await page.getAttribute('[data-testid="backend-badge"]', 'data-backend')) ?? '';
}

export async function waitForWidgets(page: Page): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('[data-widget]')].every((w) => w.getAttribute('data-busy') === 'false'), null, { timeout: 120_000 });
}

/** The numbers in a matrix grid, row-major, as shown. */
export async function gridValues(page: Page, testId: string): Promise<string[]> {
  return page.$$eval(`[data-testid="${testId}"] .cell:not(.pad)`, (cells) => cells.map((c) => (c instanceof HTMLInputElement ? c.value : c.textContent ?? '')));
}

/** Screenshot of one element (e.g. a widget) rather than the whole page. */
export async function shootElement(page: Page, selector: string, path: string): Promise<void> {
  await page.locator(selector).first().screenshot({ path });
}
