// Size benchmark (not a test): builds the production bundles and the .vsix, then prints
//   - the code loaded at activation (dist/boot.js, the entry point, and dist/extension.js, all of
//     our code; target <= 150 KB)
//   - the lazily loaded SDK chunk (dist/sdk.js)
//   - the web bundle the webview panels load (dist/webview)
//   - the whole .vsix (target <= 700 KB)
// Targets are printed next to the numbers; nothing fails on them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });

run('node', ['scripts/build.mjs', '--production']);
const out = mkdtempSync(join(tmpdir(), 'ami-explorer-vsix-'));
const vsix = join(out, 'ami-explorer.vsix');
try {
  // As `npm run package`: the README's screenshots are not in the package (see .vscodeignore).
  run('npx', [
    '--no-install',
    'vsce',
    'package',
    '--no-dependencies',
    '--no-rewrite-relative-links',
    '--out',
    vsix,
  ]);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const file = (p) => statSync(join(root, p)).size;
  const gz = (p) => gzipSync(readFileSync(join(root, p))).length;
  const rows = [
    ['entry point (dist/boot.js)', file('dist/boot.js'), undefined, gz('dist/boot.js')],
    [
      'activation bundle (dist/extension.js)',
      file('dist/extension.js'),
      150 * 1024,
      gz('dist/extension.js'),
    ],
    [
      'SDK chunk, loaded on first use (dist/sdk.js)',
      file('dist/sdk.js'),
      undefined,
      gz('dist/sdk.js'),
    ],
    [
      'web bundle, webview panels (dist/webview/*.js)',
      file('dist/webview/blockDevices.js') + file('dist/webview/launchPermissions.js'),
      undefined,
      gz('dist/webview/blockDevices.js') + gz('dist/webview/launchPermissions.js'),
    ],
    [
      '  panel CSS + codicon font (dist/webview)',
      file('dist/webview/panel.css') + file('dist/webview/codicon.ttf'),
      undefined,
      undefined,
    ],
    ['vsix', statSync(vsix).size, 700 * 1024, undefined],
  ];
  console.log('\nsize benchmark');
  for (const [name, size, target, gzipped] of rows) {
    const verdict =
      target === undefined
        ? ''
        : size <= target
          ? `  (target <= ${kb(target)}: met)`
          : `  (target <= ${kb(target)}: MISSED)`;
    console.log(
      `  ${name.padEnd(46)} ${kb(size).padStart(10)}${gzipped ? `  gzip ${kb(gzipped)}` : ''}${verdict}`,
    );
  }
  console.log(
    `  files in vsix: ${run('npx', ['--no-install', 'vsce', 'ls', '--no-dependencies']).toString().trim().split('\n').length}`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
