// Bundles the extension with esbuild into dist/: extension.js (what activation loads), features.js
// (operations, wizards and panels, loaded the first time one of their commands runs, through
// src/loadFeatures.ts) and sdk.js (the AWS SDK, loaded on first use through core/aws/loadSdk.ts).
// VS Code 1.100 loads extensions as CommonJS, and esbuild only splits chunks for ESM, so each lazy
// part is its own entry point and its import is rewritten to the external file. Classes both
// bundles use across the boundary (typed errors, tree nodes) are recognised by brand, not identity.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Keeps the SDK and the features out of the bundles that load them lazily. */
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk$/ }, (args) =>
      args.importer.endsWith('loadSdk.ts') ? { path: './sdk.js', external: true } : undefined,
    );
    build.onResolve({ filter: /^\.\/features$/ }, (args) =>
      args.importer.endsWith('loadFeatures.ts')
        ? { path: './features.js', external: true }
        : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'info',
  metafile: true,
};

const configs = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', features: 'src/features.ts' },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [lazyChunks],
    // Turn import('./sdk.js') / import('./features.js') into lazy require()s: CommonJS like the rest.
    supported: { 'dynamic-import': false },
  },
  {
    ...common,
    entryPoints: { sdk: 'src/core/aws/sdk.ts' },
    outdir: 'dist',
    // The SDK's optional CRT and browser paths are never used in the extension host.
    external: ['@aws-sdk/signature-v4-crt', 'aws-crt'],
    mainFields: ['module', 'main'],
  },
  {
    // The web bundle: code that runs inside webview panels (DOM only). One IIFE per panel, loaded by
    // a nonce'd <script>; the CSS and the codicon font sit next to it so that localResourceRoots
    // can stay limited to dist/webview and media/.
    entryPoints: {
      blockDevices: 'src/webview-ui/blockDevices/main.ts',
      launchPermissions: 'src/webview-ui/launchPermissions/main.ts',
    },
    outdir: 'dist/webview',
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    sourcemap: production ? false : 'linked',
    minify: production,
    legalComments: production ? 'none' : 'inline',
    logLevel: 'info',
    metafile: true,
  },
];

/**
 * Static files of the web bundle: one stylesheet (codicons + the panels' CSS; the codicon font is
 * referenced relative to it) and the font.
 */
async function copyWebAssets() {
  await mkdir('dist/webview', { recursive: true });
  const css = await Promise.all(
    ['node_modules/@vscode/codicons/dist/codicon.css', 'src/webview-ui/panel.css'].map((f) =>
      readFile(f, 'utf8'),
    ),
  );
  await writeFile('dist/webview/panel.css', css.join('\n'));
  await copyFile('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicon.ttf');
}

if (!watch) await rm('dist', { recursive: true, force: true });
if (watch) {
  await copyWebAssets();
  for (const config of configs) await (await esbuild.context(config)).watch();
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  await copyWebAssets();
  if (process.argv.includes('--meta')) {
    for (const r of results) console.log(await esbuild.analyzeMetafile(r.metafile));
  }
}
