import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { amiExplorer } from './extensionUnderTest';
import { childNamed, imageIdOf } from './renderedTree';

describe('Copy AMI ID and Copy Name', () => {
  async function twoImages() {
    const { imagesTree } = await amiExplorer();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
    const rows = await Promise.all(
      ['web-server-2024.10.1', 'api-gateway-base-arm64-v3'].map((name) =>
        childNamed(imagesTree, ebs.node, name),
      ),
    );
    return rows.map((row) => ({
      node: row.node,
      name: row.label,
      id: imageIdOf(row) ?? '',
    }));
  }

  beforeEach(() => vscode.env.clipboard.writeText('nothing copied yet'));

  it('copies the ids of a multi-selection, one per line', async () => {
    const [a, b] = await twoImages();
    assert.ok(a && b);
    // VS Code passes the clicked node and the whole selection to a context-menu command.
    await vscode.commands.executeCommand('amiExplorer.image.copyId', b.node, [a.node, b.node]);
    assert.equal(await vscode.env.clipboard.readText(), `${a.id}\n${b.id}`);
  });

  it('copies the names of a multi-selection, one per line', async () => {
    const [a, b] = await twoImages();
    assert.ok(a && b);
    await vscode.commands.executeCommand('amiExplorer.image.copyName', a.node, [a.node, b.node]);
    assert.equal(await vscode.env.clipboard.readText(), `${a.name}\n${b.name}`);
  });

  it('copies only the clicked AMI when it is not part of the selection', async () => {
    const [a, b] = await twoImages();
    assert.ok(a && b);
    await vscode.commands.executeCommand('amiExplorer.image.copyId', b.node, [a.node]);
    assert.equal(await vscode.env.clipboard.readText(), b.id);
  });
});
