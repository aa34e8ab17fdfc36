import { join } from 'node:path';
import type * as vscode from 'vscode';
import { loadWithCodeCache } from './codeCache';
import type * as extension from './extension';

/**
 * The extension's entry point (package.json `main`: dist/boot.js). It loads dist/extension.js, all
 * of our code, through V8's code cache kept in the extension's global storage folder, and hands it
 * the activation. It imports nothing of ours but the loader, so it stays a few hundred bytes.
 */
let main: typeof extension | undefined;

/** Long enough for activate() and the first tree rows to have run, so their code is cached too. */
const SAVE_CACHE_AFTER_MS = 5000;

export function activate(context: vscode.ExtensionContext): ReturnType<typeof extension.activate> {
  const loaded = loadWithCodeCache<typeof extension>(
    join(__dirname, 'extension.js'),
    join(context.globalStorageUri.fsPath, 'code-cache', 'extension.js.bin'),
    require,
  );
  main = loaded.exports;
  if (loaded.cache !== 'used') {
    const timer = setTimeout(() => {
      loaded.saveCache().catch((error: unknown) =>
        // Only a slower next start is at stake; the extension host's log has the reason.
        console.warn('AMI Explorer: could not write its code cache', error),
      );
    }, SAVE_CACHE_AFTER_MS);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }
  return main.activate(context, {
    codeCache: loaded.cache,
    // The SDK chunk is loaded the same way when first needed (one copy of the loader: this one).
    loadCached: (file, cacheName) =>
      loadWithCodeCache(
        join(__dirname, file),
        join(context.globalStorageUri.fsPath, 'code-cache', cacheName),
        require,
      ),
  });
}

export function deactivate(): void {
  main?.deactivate();
}
