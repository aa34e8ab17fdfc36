import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { arrangeCopy, removeImagesNamed } from './imageOperationsFixtures';
import { childNamed, renderChildren } from './renderedTree';
import { withAnswers } from './testUserInput';

const PREFIX = 'itest-refs-';
const MISSING = 'ami-0000000000000dead';

/** My demo image of this name in us-east-1, disabled ones included. */
async function demoImageId(name: string): Promise<string> {
  const sdk = ec2Sdk();
  const { Images = [] } = await ec2Client('us-east-1').send(
    new sdk.DescribeImagesCommand({
      Owners: ['self'],
      IncludeDisabled: true,
      Filters: [{ Name: 'name', Values: [name] }],
    }),
  );
  const id = Images[0]?.ImageId;
  if (id === undefined) throw new Error(`no demo image ${name}`);
  return id;
}

/** Our problems on a document: `code id` per diagnostic, sorted. */
function problems(uri: vscode.Uri, text: string): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'AMI Explorer')
    .map((d) => {
      const start = d.range.start;
      const line = text.split('\n')[start.line] ?? '';
      const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      return `${code} ${line.slice(start.character, d.range.end.character)}`;
    })
    .sort();
}

describe('AMI ids in code', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeImagesNamed(PREFIX);
    (await amiExplorer()).imagesTree.refresh();
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('shows problems for deprecated, disabled and missing AMIs, hovers, and follows fixes and deregistrations', async () => {
    const { imagesTree } = await amiExplorer();
    const deprecated = await demoImageId('legacy-app-2019.12');
    const disabled = await demoImageId('retired-batch-2023.03');
    const fresh = (await arrangeCopy('us-east-1', 'web-server-2024.10.1', `${PREFIX}web`)).ImageId;
    assert.ok(fresh);

    // A CloudFormation template: a region map, and instances with their region next to them.
    const text = [
      'Mappings:',
      '  RegionMap:',
      '    us-east-1:',
      `      AMI: ${fresh}`,
      `      Legacy: ${deprecated}`,
      `      Gone: ${MISSING}`,
      'Builder:',
      '  region: us-east-1',
      `  source_ami: ${disabled}`,
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    const editor = await vscode.window.showTextDocument(document);

    await eventually(
      () =>
        assert.deepEqual(problems(document.uri, document.getText()), [
          `ami-deprecated ${deprecated}`,
          `ami-disabled ${disabled}`,
          `ami-not-found ${MISSING}`,
        ]),
      { timeoutMs: 15_000 },
    );

    // The hover tells name and state, and where the region came from.
    const line = document.lineAt(8).text;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(8, line.indexOf('ami-') + 3),
    );
    // As the hover renders it: Markdown escapes and non-breaking spaces undone.
    const shown = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n')
      .replace(/&nbsp;/g, ' ')
      .replace(/\\(.)/g, '$1');
    assert.match(shown, /retired-batch-2023\.03/);
    assert.match(shown, /disabled/);
    assert.match(shown, /the region us-east-1 set next to it/);

    // Fixing the code clears its problem.
    const gone = document.getText().indexOf(MISSING);
    await editor.edit((edit) =>
      edit.replace(
        new vscode.Range(document.positionAt(gone), document.positionAt(gone + MISSING.length)),
        fresh,
      ),
    );
    await eventually(
      () =>
        assert.deepEqual(problems(document.uri, document.getText()), [
          `ami-deprecated ${deprecated}`,
          `ami-disabled ${disabled}`,
        ]),
      { timeoutMs: 15_000 },
    );

    // Deregistering the AMI from the tree turns both of its references into problems.
    imagesTree.refresh();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
    await renderChildren(imagesTree, ebs.node);
    const node = (await childNamed(imagesTree, ebs.node, `${PREFIX}web`)).node;
    await vscode.window.showTextDocument(document);
    await withAnswers(
      [{ pick: ['Also delete the associated snapshots'] }, { confirm: 'Deregister' }],
      () => vscode.commands.executeCommand('amiExplorer.image.deregister', node, [node]),
    );
    await eventually(
      () =>
        assert.deepEqual(problems(document.uri, document.getText()), [
          `ami-deprecated ${deprecated}`,
          `ami-disabled ${disabled}`,
          `ami-not-found ${fresh}`,
          `ami-not-found ${fresh}`,
        ]),
      { timeoutMs: 15_000 },
    );
  });
});
