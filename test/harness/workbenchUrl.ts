/** What the workbench should open and which extension tests it should run. */
export interface WorkbenchUrlOptions {
  /** e.g. http://127.0.0.1:41234 */
  readonly serverUrl: string;
  /** Absolute path on the server of the folder to open, if any. */
  readonly folder?: string;
  /** Absolute path of an extension under development (its folder with package.json). */
  readonly extensionDevelopmentPath?: string;
  /** Absolute path of the test runner module whose `run()` the extension host awaits. */
  readonly extensionTestsPath?: string;
}

/**
 * Builds the workbench URL. code-server rejects --extensionDevelopmentPath on its command line,
 * but the web workbench reads the same options from its `payload` query parameter; paths must be
 * vscode-remote URIs of this server, because the extension host runs on the server side.
 */
export function workbenchUrl(options: WorkbenchUrlOptions): string {
  const server = new URL(options.serverUrl);
  const remote = (path: string): string => `vscode-remote://${server.host}${toPosixPath(path)}`;
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath !== undefined) {
    payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  }
  if (options.extensionTestsPath !== undefined) {
    payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  }
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);

  const query: string[] = [];
  if (options.folder !== undefined) {
    query.push(`folder=${encodeURIComponent(toPosixPath(options.folder))}`);
  }
  query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.origin}/?${query.join('&')}`;
}

function toPosixPath(path: string): string {
  if (!path.startsWith('/')) {
    throw new Error(`expected an absolute POSIX path, got ${path}`);
  }
  return path;
}
