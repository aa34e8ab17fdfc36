import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads a CommonJS file the way Node's loader does, but compiled with V8's code cache: the bytecode
 * V8 made the last time, read back instead of parsing and compiling the source again. For our
 * bundle that is most of the cost of loading it (about 6–8 ms of compiling on a 2-core machine,
 * against about 1.3 ms with the cache); Node 20, which VS Code 1.100's extension host runs, has no
 * built-in compile cache for CommonJS (`module.enableCompileCache` came with Node 22).
 *
 * V8 checks the cache against the source and its own version and flags and rejects a cache that
 * does not match (a new build, a new VS Code): the file is then compiled as usual and the cache can
 * be written anew. The cache is only ever read from and written to the user's own storage folder.
 *
 * The file must not use import(): a script compiled this way has no loader for it without an
 * experimental flag (the build turns our bundles' import() calls into require()).
 */
export interface LoadedModule<T> {
  readonly exports: T;
  /** `used`: compiled from the cache; `absent`: no cache file; `rejected`: V8 refused it. */
  readonly cache: 'used' | 'absent' | 'rejected';
  /**
   * Writes the code cache of everything V8 has compiled of the file so far. Called a while after
   * activation, the cache also holds the functions that ran by then (activate, the first tree
   * rows), which V8 otherwise compiles lazily on each start.
   */
  saveCache(): Promise<number>;
}

/** The wrapper is on a line of its own so that line and column numbers stay those of the file. */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_END = '\n})';

type ModuleFunction = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

export function loadWithCodeCache<T>(
  file: string,
  cacheFile: string,
  requireFromFileDir: NodeJS.Require,
): LoadedModule<T> {
  const source = readFileSync(file, 'utf8');
  const cachedData = readIfPresent(cacheFile);
  const script = new Script(WRAPPER_START + source + WRAPPER_END, {
    filename: file,
    lineOffset: -1,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const cache =
    cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as ModuleFunction;
  run.call(module.exports, module.exports, requireFromFileDir, module, file, dirname(file));
  return {
    exports: module.exports as T,
    cache,
    saveCache: async () => {
      const data = script.createCachedData();
      await mkdir(dirname(cacheFile), { recursive: true });
      // Written aside and renamed, so that a window starting meanwhile never reads half a file.
      const partial = `${cacheFile}.${process.pid}.partial`;
      await writeFile(partial, data);
      await rename(partial, cacheFile);
      return data.length;
    },
  };
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    // No cache yet, or unreadable: compile from the source.
    return undefined;
  }
}
