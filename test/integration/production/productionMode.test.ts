import * as assert from 'node:assert/strict';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, manifest } from '../extensionUnderTest';

// Runs in an extension host where AMI Explorer is installed from its .vsix, as a user installs it,
// and only this probe is under development: VS Code gives AMI Explorer ExtensionMode.Production.
describe('AMI Explorer installed from its package (production mode)', () => {
  function installed(): vscode.Extension<unknown> {
    const extension = vscode.extensions.getExtension<unknown>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    return extension;
  }

  it('is the installed copy, not the repository under development', () => {
    const extension = installed();
    const { version } = extension.packageJSON as { version: string };
    // Installed extensions live in <extensions dir>/<publisher>.<name>-<version>.
    assert.equal(basename(extension.extensionPath), `${EXTENSION_ID}-${version}`);
  });

  it('activates, registers every command it contributes, and hands out no test API', async () => {
    const extension = installed();
    const exported: unknown = await extension.activate();
    assert.equal(exported, undefined, 'activate() returns nothing in production');
    assert.equal(extension.exports, undefined);
    assert.equal(extension.isActive, true);
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest().contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0, 'the manifest contributes commands');
    assert.deepEqual(
      contributed.filter((command) => !registered.has(command)),
      [],
      'contributed commands that activation did not register',
    );
  });
});
