// Takes screenshots of pages in both browser profiles at laptop (1280×800) and projector
// (1920×1080) sizes, into shots/. Run after `npm run build`:
//   npx vite-node scripts/screenshots.ts -- '#/lesson/kernel-sliding' '#/'
// With --element='<css selector>', also shoots that element alone (e.g. one widget), as *-element.png.
import { mkdirSync } from 'node:fs';
import { gotoReady, launch, openPage, PROFILES, serve } from '../test/browser/harness';

const args = process.argv.slice(2).filter((a) => a !== '--');
const element = args.find((a) => a.startsWith('--element='))?.slice('--element='.length);
const routes = args.filter((a) => !a.startsWith('--element='));
const sizes = [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }];
mkdirSync('shots', { recursive: true });
const server = await serve();
for (const profile of PROFILES) {
  const browser = await launch(profile);
  for (const route of routes.length ? routes : ['#/']) {
    for (const size of sizes) {
      const w = await openPage(browser, server.url, size);
      const backend = await gotoReady(w.page, server.url + route);
      const name = `shots/${profile}-${size.width}-${route.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'index'}.png`;
      await w.page.screenshot({ path: name, fullPage: true });
      if (element) await w.page.locator(element).first().screenshot({ path: name.replace(/\.png$/, '-element.png') });
      console.log(`${name}  backend=${backend}  errors=${w.errors.length ? w.errors.join(' | ') : 'none'}  outside=${w.outside.length}`);
      await w.context.close();
    }
  }
  await browser.close();
}
await server.close();
