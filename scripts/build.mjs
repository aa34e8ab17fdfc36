// Bundles the extension with esbuild into dist/: boot.js (the entry point: loads extension.js through
// V8's code cache, see src/codeCache.ts), extension.js (all of our own code: what activation loads)
// and sdk.js (the AWS SDK, loaded on first use through core/aws/loadSdk.ts), plus the web bundle of
// the webview panels. VS Code 1.100 loads extensions as CommonJS, and esbuild only splits
// chunks for ESM, so the SDK is its own entry point and its import is rewritten to the external file.
// Only plain data crosses that boundary: the build fails when a source module of ours ends up in
// two bundles (two copies of a class would make `instanceof` lie).
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Keeps the SDK out of the bundle that loads it lazily. */
const lazySdk = {
  name: 'lazy-sdk',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk$/ }, (args) =>
      args.importer.endsWith('loadSdk.ts') ? { path: './sdk.js', external: true } : undefined,
    );
  },
};

/**
 * Gives the whole bundle one `require('vscode')`. Left external, every module that imports it gets
 * its own require() and its own copy of the API's ~250 properties (esbuild's __toESM), and in the
 * extension host each such require() goes through VS Code's module interceptor (a realpath and a
 * lookup of the extension per call): a measurable part of loading the bundle at activation.
 */
const oneVscodeRequire = {
  name: 'one-vscode-require',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-api'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-api' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({
      contents: 'export * from "vscode";',
      loader: 'js',
    }));
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
    // The entry point VS Code requires; it only imports the code-cache loader.
    entryPoints: { boot: 'src/boot.ts' },
    outdir: 'dist',
  },
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    plugins: [oneVscodeRequire, lazySdk],
    // Turn import('./sdk.js') into a lazy require(): CommonJS like the rest.
    supported: { 'dynamic-import': false },
  },
  {
    ...common,
    entryPoints: { sdk: 'src/core/aws/sdk.ts' },
    outdir: 'dist',
    // The SDK's optional CRT and browser paths are never used in the extension host.
    external: ['@aws-sdk/signature-v4-crt', 'aws-crt'],
    mainFields: ['module', 'main'],
    // import('node:http') and the like become lazy require()s: the extension compiles this chunk
    // with V8's code cache (src/codeCache.ts), where import() would need an experimental loader.
    supported: { 'dynamic-import': false },
  },
  {
    // The web bundle: code that runs inside webview panels (DOM only). One IIFE per panel, loaded by
    // a nonce'd <script>; the CSS and the codicon font sit next to it so that localResourceRoots
    // can stay limited to dist/webview and media/.
    entryPoints: {
      blockDevices: 'src/webview-ui/blockDevices/main.ts',
      launchPermissions: 'src/webview-ui/launchPermissions/main.ts',
      cleanup: 'src/webview-ui/cleanup/main.ts',
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

/**
 * Fails the build when one of our source modules (src/**) is compiled into more than one bundle of
 * the extension host (boot.js, extension.js, sdk.js): each would have its own copy of its classes, and
 * `instanceof` across them would fail. The web bundles run in the webviews' own JavaScript realm
 * and only exchange JSON messages with the host, so pure model code may be compiled into them too.
 */
function checkNoModuleInTwoBundles(results) {
  const owners = new Map();
  for (const result of results) {
    if (Object.keys(result.metafile.outputs).some((o) => o.startsWith('dist/webview/'))) continue;
    for (const [output, meta] of Object.entries(result.metafile.outputs)) {
      if (!output.endsWith('.js')) continue;
      for (const input of Object.keys(meta.inputs)) {
        if (!input.startsWith('src/')) continue;
        owners.set(input, [...(owners.get(input) ?? []), output]);
      }
    }
  }
  const twice = [...owners].filter(([, outputs]) => outputs.length > 1);
  if (twice.length > 0) {
    throw new Error(
      `Modules compiled into more than one bundle:\n${twice
        .map(([input, outputs]) => `  ${input}: ${outputs.join(', ')}`)
        .join('\n')}`,
    );
  }
}

if (!watch) await rm('dist', { recursive: true, force: true });
if (watch) {
  await copyWebAssets();
  for (const config of configs) await (await esbuild.context(config)).watch();
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  checkNoModuleInTwoBundles(results);
  await copyWebAssets();
  if (process.argv.includes('--meta')) {
    for (const r of results) console.log(await esbuild.analyzeMetafile(r.metafile));
  }
}
