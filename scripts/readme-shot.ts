// Regenerates the README's screenshot of the kernel-sliding widget (public/readme/kernel-sliding.png).
// Run after `npm run build`: npx vite-node scripts/readme-shot.ts
import { gotoReady, launch, openPage, serve, shootElement } from '../test/browser/harness';

const server = await serve();
const browser = await launch('nowebgpu');
const w = await openPage(browser, server.url, { width: 1280, height: 900 });
await gotoReady(w.page, `${server.url}#/lesson/kernel-sliding?slide.step=1`);
await w.page.hover('[data-testid="slide-output"] [data-y="0"][data-x="1"]');
await shootElement(w.page, '[data-widget="slide"]', 'public/readme/kernel-sliding.png');
await browser.close();
await server.close();
