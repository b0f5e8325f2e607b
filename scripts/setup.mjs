#!/usr/bin/env node
// One-time set-up that `npm start` and `npm test` run first, so both work on a fresh clone:
// installs npm packages when node_modules is missing or older than the lock file, and (for tests)
// Chromium from Debian when no browser is found. Prints what it does; does nothing when all is there.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const wantBrowser = process.argv.includes('--browser');
const run = (cmd) => {
  console.log(`[setup] ${cmd}`);
  execSync(cmd, { stdio: 'inherit' });
};

const lock = 'package-lock.json';
const marker = 'node_modules/.package-lock.json';
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  run('npm ci --no-audit --no-fund');
}

if (wantBrowser) {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  if (!candidates.some((p) => existsSync(p))) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (root && existsSync('/usr/bin/apt-get')) {
      run('apt-get update -qq');
      run('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
    } else {
      console.error('[setup] No Chromium found. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chrome or Chromium binary.');
      process.exit(1);
    }
  }
}
