// `npm run bench`: builds the app, then runs every benchmark script (scripts/bench-*.ts) one after
// another, so their figures are measured on a quiet machine. Each prints its own figures; the
// training benchmark runs last because its last line is the JSON summary tools read.
import { execSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const scripts = readdirSync('scripts')
  .filter((f) => /^bench-.+\.ts$/.test(f))
  .sort((a, b) => Number(a.includes('training')) - Number(b.includes('training')) || a.localeCompare(b));
if (!scripts.length) {
  console.error('No benchmark scripts (scripts/bench-*.ts) found.');
  process.exit(1);
}
console.log('[bench] building the app');
execSync('npm run build', { stdio: ['ignore', 'ignore', 'inherit'] });
for (const script of scripts) {
  console.log(`\n[bench] ${script}`);
  execSync(`npx vite-node scripts/${script}`, { stdio: 'inherit' });
}
