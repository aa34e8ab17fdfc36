import * as assert from 'node:assert/strict';
import { workbenchUrl } from './workbenchUrl';

describe('workbenchUrl', () => {
  it('passes the extension and its tests as vscode-remote URIs of the server', () => {
    const url = new URL(
      workbenchUrl({
        serverUrl: 'http://127.0.0.1:4321',
        folder: '/work/my project',
        extensionDevelopmentPath: '/work/ext',
        extensionTestsPath: '/work/out/runner.js',
      }),
    );
    assert.equal(url.origin, 'http://127.0.0.1:4321');
    assert.equal(url.pathname, '/');
    assert.equal(url.searchParams.get('folder'), '/work/my project');
    assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? ''), [
      ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4321/work/ext'],
      ['extensionTestsPath', 'vscode-remote://127.0.0.1:4321/work/out/runner.js'],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
  });

  it('opens an installed extension without test entries and without a folder', () => {
    const url = new URL(workbenchUrl({ serverUrl: 'http://127.0.0.1:9' }));
    assert.equal(url.searchParams.has('folder'), false);
    assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? ''), [
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
  });

  it('rejects relative paths, which the server would resolve against its own cwd', () => {
    assert.throws(
      () => workbenchUrl({ serverUrl: 'http://127.0.0.1:9', extensionDevelopmentPath: 'ext' }),
      /absolute/,
    );
  });
});
