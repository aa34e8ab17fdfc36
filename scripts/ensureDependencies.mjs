// Installs the npm dependencies when they are missing, so `npm run sandbox` works on a fresh clone
// (its TypeScript entry needs tsx from node_modules). Plain JavaScript on purpose: it runs first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(`${root}node_modules/.package-lock.json`)) {
  console.log('Installing npm dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
