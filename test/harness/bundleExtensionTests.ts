import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

/** Bundles of one suite, ready for the extension host. */
export interface BundledTests {
  /** The runner module to pass as extensionTestsPath. */
  readonly runnerPath: string;
  readonly testPaths: readonly string[];
}

/**
 * Compiles the runner and each test file to CommonJS, the only module format the extension
 * host `require`s. `vscode` is provided by the host and `mocha` must be a single instance shared
 * by the runner and the tests (its globals are set up per instance), so both stay external and
 * resolve from the repository's node_modules: `outDir` must therefore lie inside the repository.
 */
export async function bundleExtensionTests(
  testFiles: readonly string[],
  outDir: string,
): Promise<BundledTests> {
  if (testFiles.length === 0) {
    throw new Error('no test files to bundle');
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    // Inline maps make failure stacks point at the .ts lines.
    sourcemap: 'inline',
    logLevel: 'warning',
  };
  const runnerPath = join(outDir, 'runner.js');
  await build({
    ...common,
    entryPoints: [join(__dirname, 'extensionHostRunner.ts')],
    outfile: runnerPath,
  });
  const testPaths: string[] = [];
  for (const file of testFiles) {
    const outfile = join(outDir, basename(file).replace(/\.ts$/, '.js'));
    await build({ ...common, entryPoints: [file], outfile });
    testPaths.push(outfile);
  }
  return { runnerPath, testPaths };
}
