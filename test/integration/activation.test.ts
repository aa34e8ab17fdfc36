import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addFault, clearFaults } from './emulatorAdmin';
import { eventually } from './eventually';
import { amiExplorer, EXTENSION_ID, manifest } from './extensionUnderTest';
import { renderAll } from './renderedTree';

describe('AMI Explorer in the extension host', () => {
  it('activates and reports how long activation took', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    const wasActive = extension.isActive;
    const started = performance.now();
    const api = await amiExplorer();
    // A number for the report, not a threshold: speed is the benchmarks' business.
    console.log(
      `activation: ${(performance.now() - started).toFixed(1)} ms` +
        (wasActive ? ' (already active before the test)' : ''),
    );
    assert.ok(api.imagesTree, 'activate() returns the test API');
  });

  it('is loaded through dist/boot.js, which writes the code cache the next start compiles from', async () => {
    const api = await amiExplorer();
    const cache = vscode.Uri.joinPath(api.globalStorage, 'code-cache', 'extension.js.bin');
    // boot.ts writes it 5 s after activation, when activate() and the first rows have been compiled.
    const stat = await eventually(async () => await vscode.workspace.fs.stat(cache), {
      timeoutMs: 20_000,
    });
    assert.ok(stat.size > 10_000, `a code cache of ${stat.size} bytes`);
  });

  it('compiles the AWS SDK chunk from a code cache it writes after the first listings', async () => {
    const api = await amiExplorer();
    // Listing needs the SDK, so the chunk has been loaded once a region is listed.
    const images = await api.imagesTree.listImages('us-east-1', new AbortController().signal);
    assert.ok(images.length > 0);
    const cache = vscode.Uri.joinPath(api.globalStorage, 'code-cache', 'sdk.js.bin');
    // Written 10 s after the chunk loaded (extension.ts), when the first listings have run.
    const stat = await eventually(async () => await vscode.workspace.fs.stat(cache), {
      timeoutMs: 40_000,
      intervalMs: 500,
    });
    assert.ok(stat.size > 100_000, `an SDK code cache of ${stat.size} bytes`);
  });

  it('registers exactly the commands it contributes (the command table and package.json agree)', async () => {
    await amiExplorer();
    const contributed = manifest().contributes.commands.map((c) => c.command);
    // VS Code adds commands of its own for each view (focus, reset location…); they are not ours.
    const viewCommand =
      /^amiExplorer\.(images|instances|families)\.(focus|resetViewLocation|toggleVisibility|removeView|open)$/;
    const registered = (await vscode.commands.getCommands(true)).filter(
      (id) => id.startsWith('amiExplorer.') && !viewCommand.test(id),
    );
    assert.deepEqual([...registered].sort(), [...contributed].sort());
  });

  it('has a real tree node for every context-menu condition on tree items', async () => {
    const api = await amiExplorer();
    // A failing region adds the error node that the error menus are about.
    await addFault({
      region: 'eu-west-1',
      action: 'DescribeImages',
      error: { code: 'InternalError' },
    });
    try {
      api.imagesTree.refresh();
      api.instancesTree.refresh();
      const contextValues = [
        ...(await renderAll(api.imagesTree)),
        ...(await renderAll(api.instancesTree)),
        // The AMI Families view groups what the Images view has just listed.
        ...(await renderAll(api.families)),
      ].map((node) => node.contextValue ?? '');
      const unmatched = (manifest().contributes.menus['view/item/context'] ?? [])
        .map((entry) => entry.when ?? '')
        .filter((when) => {
          const patterns = viewItemPatterns(when);
          return !contextValues.some((value) => patterns.every((p) => p.test(value)));
        });
      assert.deepEqual(unmatched, [], 'menu conditions that no node of the demo trees satisfies');
    } finally {
      await clearFaults();
      api.imagesTree.refresh();
    }
  });
});

/** The `viewItem =~ /…/` tests of a when clause, as regular expressions. */
function viewItemPatterns(when: string): RegExp[] {
  return [...when.matchAll(/viewItem\s*=~\s*\/((?:\\\/|[^/])+)\/([a-z]*)/g)].map(
    (match) => new RegExp(match[1] ?? '', match[2]),
  );
}
