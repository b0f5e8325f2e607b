// One browser profile's test suite: launches Chromium once, opens watched pages on demand, and
// after all tests asserts that no page logged a console error or sent a request off the origin.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launch, openPage, serve, type Profile, type Watched } from './harness';

export interface BrowserSuite {
  /** The app's base URL, e.g. http://127.0.0.1:40123/ (valid inside tests). */
  url(): string;
  /** A fresh, watched page (own context: own storage). */
  open(viewport?: { width: number; height: number }): Promise<Watched>;
}

/** Call inside describe.each(PROFILES)(…) — or at top level for one profile. */
export function browserSuite(profile: Profile, extraFlags: string[] = []): BrowserSuite {
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  let browser: Browser | undefined;
  const opened: Watched[] = [];
  beforeAll(async () => {
    server = await serve();
    browser = await launch(profile, extraFlags);
  });
  afterAll(async () => {
    try {
      for (const w of opened) {
        expect(w.errors, 'console errors').toEqual([]);
        expect(w.outside, 'requests leaving the origin').toEqual([]);
      }
    } finally {
      await browser?.close();
      await server?.close();
    }
  });
  return {
    url: () => server!.url,
    async open(viewport) {
      const w = await openPage(browser!, server!.url, viewport);
      opened.push(w);
      return w;
    },
  };
}
