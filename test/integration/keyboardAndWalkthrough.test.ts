import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IMAGES_VIEW_SELECTION } from '../../src/contextKeys';
import { amiExplorer } from './extensionUnderTest';
import { eventually } from './eventually';
import { childNamed, imageIdOf } from './renderedTree';
import { withAnswers } from './testUserInput';

/**
 * The Images view's keys run their commands with `IMAGES_VIEW_SELECTION` (package.json `args`), as
 * VS Code does for a keybinding: the commands act on the AMI rows selected in the view. The
 * walkthrough's milestones follow what happened.
 */
describe('Images view keys and the walkthrough', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  async function selectImages(...names: string[]) {
    const { imagesTree, imagesView } = await amiExplorer();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
    const rows = await Promise.all(names.map((name) => childNamed(imagesTree, ebs.node, name)));
    await imagesView.reveal(rows[0]?.node, { select: true, focus: false, expand: false });
    // A multi-selection comes from the user only; one row is what reveal selects.
    await eventually(() => assert.deepEqual(imagesView.selection, [rows[0]?.node]));
    return rows;
  }

  it('a listed region completes the credentials and regions steps', async () => {
    const { imagesTree, walkthrough } = await amiExplorer();
    await childNamed(
      imagesTree,
      (await childNamed(imagesTree, undefined, 'us-east-1')).node,
      'EBS-backed',
    );
    await eventually(() => {
      assert.equal(walkthrough.has('credentialsFound'), true);
      assert.equal(walkthrough.has('regionListed'), true);
    });
  });

  it('Enter opens the JSON of the selected AMI, which completes the JSON step', async () => {
    const [row] = await selectImages('web-server-2024.10.1');
    assert.ok(row);
    const imageId = imageIdOf(row);
    assert.ok(imageId);
    await vscode.commands.executeCommand('amiExplorer.image.openJson', IMAGES_VIEW_SELECTION);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.scheme, 'ami');
    assert.match(editor?.document.uri.path ?? '', new RegExp(`${imageId}\\)?\\.json$`));
    const { walkthrough } = await amiExplorer();
    await eventually(() => assert.equal(walkthrough.has('amiJsonOpened'), true));
  });

  it('Ctrl+C copies the id of the selected AMI', async () => {
    const [row] = await selectImages('api-gateway-base-arm64-v3');
    assert.ok(row);
    await vscode.env.clipboard.writeText('nothing copied yet');
    await vscode.commands.executeCommand('amiExplorer.image.copyId', IMAGES_VIEW_SELECTION);
    assert.equal(await vscode.env.clipboard.readText(), imageIdOf(row));
  });

  it('F2 and Delete ask about the selected AMI, never through a picker', async () => {
    const [row] = await selectImages('web-server-2024.10.1');
    const imageId = row ? imageIdOf(row) : undefined;
    assert.ok(imageId);
    const edit = await withAnswers(['escape'], () =>
      vscode.commands.executeCommand('amiExplorer.image.editDescription', IMAGES_VIEW_SELECTION),
    );
    assert.match(
      edit.input.asked[0] ?? '',
      new RegExp(`^text: Edit Description: web-server-2024\\.10\\.1 \\(${imageId}\\)`),
    );
    // Deregister: the options, then the confirmation naming the AMI, cancelled.
    const deregister = await withAnswers(['accept', 'escape'], () =>
      vscode.commands.executeCommand('amiExplorer.image.deregister', IMAGES_VIEW_SELECTION),
    );
    assert.match(deregister.input.asked[0] ?? '', /^pick: Deregister: options/);
    assert.match(deregister.input.modals[0]?.message ?? '', new RegExp(imageId));
  });

  it('on a row that is not an AMI, a key runs nothing: no picker, no tab', async () => {
    const { imagesTree, imagesView } = await amiExplorer();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    await imagesView.reveal(region.node, { select: true, focus: false, expand: false });
    await eventually(() => assert.deepEqual(imagesView.selection, [region.node]));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // No scripted answer: any prompt would fail the test.
    await withAnswers([], () =>
      vscode.commands.executeCommand('amiExplorer.image.openJson', IMAGES_VIEW_SELECTION),
    );
    assert.equal(vscode.window.activeTextEditor, undefined);
  });

  it('a panel opened on the selected AMI completes the panels step', async () => {
    await selectImages('web-server-2024.10.1');
    await vscode.commands.executeCommand(
      'amiExplorer.image.showBlockDevices',
      IMAGES_VIEW_SELECTION,
    );
    const { walkthrough } = await amiExplorer();
    await eventually(() => assert.equal(walkthrough.has('panelOpened'), true));
  });
});
