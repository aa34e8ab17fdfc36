import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { amiExplorer } from './extensionUnderTest';
import { childNamed, imageIdOf } from './renderedTree';

describe('AMI JSON documents', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens the JSON of a clicked AMI in a read-only editor tab', async () => {
    const { imagesTree } = await amiExplorer();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
    const image = await childNamed(imagesTree, ebs.node, 'web-server-2024.10.1');
    const imageId = imageIdOf(image);
    assert.ok(imageId, "the row's tooltip shows the AMI id");

    await vscode.commands.executeCommand('amiExplorer.image.openJson', image.node);

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.uri.scheme, 'ami');
    assert.match(editor.document.uri.path, new RegExp(`^/us-east-1/.*${imageId}`));
    assert.equal(editor.document.languageId, 'json');
    const json = JSON.parse(editor.document.getText()) as AmiDocumentJson;
    assert.equal(json.Region, 'us-east-1');
    assert.equal(json.Image?.ImageId, imageId);
    assert.equal(json.Image?.Name, 'web-server-2024.10.1');
    assert.equal(json.Image?.RootDeviceType, 'ebs');
    // A private image: nobody else may launch it, and the document says so.
    assert.deepEqual(json.LaunchPermissions, []);
  });
});

/** The parts of the AMI document the test reads: the region, the DescribeImages record, sharing. */
interface AmiDocumentJson {
  readonly Region?: string;
  readonly Image?: {
    readonly ImageId?: string;
    readonly Name?: string;
    readonly RootDeviceType?: string;
  };
  readonly LaunchPermissions?: unknown[];
}
