import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
import { childNamed, imageIdOf, render, renderChildren } from './renderedTree';

describe('Refresh', () => {
  const endpoint = routeThroughRecordingEndpoint();
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('of one region re-lists only that region, and shows an image created meanwhile', async () => {
    const { imagesTree } = await amiExplorer();
    imagesTree.refresh();
    const roots = await renderChildren(imagesTree);
    for (const root of roots) await renderChildren(imagesTree, root.node); // every region loaded
    const source = await childNamed(
      imagesTree,
      (await childNamed(imagesTree, roots.find((r) => r.label === 'us-east-1')?.node, 'EBS-backed'))
        .node,
      'web-server-2024.10.1',
    );
    const sourceId = imageIdOf(source);
    assert.ok(sourceId);

    // Someone copies an image into eu-west-1 outside VS Code.
    const sdk = ec2Sdk();
    const name = `refresh-probe-${Date.now()}`;
    const copy = await ec2Client('eu-west-1').send(
      new sdk.CopyImageCommand({ SourceRegion: 'us-east-1', SourceImageId: sourceId, Name: name }),
    );
    assert.ok(copy.ImageId);
    try {
      const region = await childNamed(imagesTree, undefined, 'eu-west-1');
      const before = await childNamed(imagesTree, region.node, 'EBS-backed');
      const listedBefore = (await renderChildren(imagesTree, before.node)).map((i) => i.label);
      assert.ok(!listedBefore.includes(name), 'the loaded tree does not know it yet');
      const otherRegions = roots.filter((r) => r.label !== 'eu-west-1');

      endpoint().clear();
      await vscode.commands.executeCommand('amiExplorer.region.refresh', region.node);
      const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
      const listedAfter = (await renderChildren(imagesTree, ebs.node)).map((i) => i.label);
      assert.ok(listedAfter.includes(name), `${name} in ${listedAfter.join(', ')}`);

      const listings = endpoint()
        .imageListings()
        .map((c) => c.region);
      assert.deepEqual(listings, ['eu-west-1'], 'only the refreshed region was listed again');
      for (const other of otherRegions) {
        // Still the same loaded nodes, with their counts.
        assert.equal(imagesTree.regionNode(other.label), other.node);
        assert.match((await render(imagesTree, other.node)).description ?? '', /^\d+ AMIs?$/);
      }
    } finally {
      await ec2Client('eu-west-1').send(new sdk.DeregisterImageCommand({ ImageId: copy.ImageId }));
    }
  });

  it('of the view reloads an open AMI document', async () => {
    const { imagesTree } = await amiExplorer();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
    const image = await childNamed(imagesTree, ebs.node, 'web-server-2024.11.2');
    await vscode.commands.executeCommand('amiExplorer.image.openJson', image.node);
    // Opened again while open (as from the tree twice): nothing of that read may come back later.
    await vscode.commands.executeCommand('amiExplorer.image.openJson', image.node);
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document && document.uri.scheme === 'ami', 'the AMI document is open');
    const read = (): DocumentJson => JSON.parse(document.getText()) as DocumentJson;
    const imageId = read().Image?.ImageId ?? '';
    const original = read().Image?.Description;
    assert.equal(original, 'Web tier, November 2024 patch level');

    // Someone changes the description outside VS Code.
    const sdk = ec2Sdk();
    const changed = `Changed outside VS Code ${Date.now()}`;
    const client = ec2Client('us-east-1');
    await client.send(
      new sdk.ModifyImageAttributeCommand({ ImageId: imageId, Description: { Value: changed } }),
    );
    try {
      assert.equal(read().Image?.Description, original, 'a document does not change by itself');
      await vscode.commands.executeCommand('amiExplorer.images.refresh');
      await eventually(() => assert.equal(read().Image?.Description, changed));
      assert.equal(read().Image?.ImageId, imageId);
    } finally {
      await client.send(
        new sdk.ModifyImageAttributeCommand({ ImageId: imageId, Description: { Value: original } }),
      );
    }
  });
});

/** The parts of the AMI document the test reads. */
interface DocumentJson {
  readonly Image?: { readonly ImageId?: string; readonly Description?: string };
}
