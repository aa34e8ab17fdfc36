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
    // Two versions of one family: the code uses the older one.
    const older = (await arrangeCopy('us-east-1', 'web-server-2024.10.1', `${PREFIX}web-2026.10.1`))
      .ImageId;
    const fresh = (await arrangeCopy('us-east-1', 'web-server-2024.10.1', `${PREFIX}web-2026.11.1`))
      .ImageId;
    assert.ok(older && fresh);

    // A CloudFormation template: a region map, and instances with their region next to them.
    const text = [
      'Mappings:',
      '  RegionMap:',
      '    us-east-1:',
      `      AMI: ${fresh}`,
      `      Older: ${older}`,
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
    const line = document.lineAt(9).text;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(9, line.indexOf('ami-') + 3),
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

    assert.match(shown, /Open AMI JSON/);

    // Quick fixes on the deprecated AMI: another of its family, or its JSON.
    const at = document.positionAt(document.getText().indexOf(deprecated));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(at, at),
    );
    assert.deepEqual(
      actions.map((a) => a.title).filter((t) => t.includes('AMI')),
      [
        'Replace with another AMI of the same family (legacy-app-*)…',
        `Open AMI JSON of ${deprecated}`,
      ],
    );

    // Replacing the older version offers the family newest first and edits the code.
    const olderAt = document.getText().indexOf(older);
    const { result: replacedBy, input } = await withAnswers(
      [{ pick: [`${PREFIX}web-2026.11.1`] }],
      () =>
        vscode.commands.executeCommand<string | undefined>('amiExplorer.reference.replace', {
          region: 'us-east-1',
          imageId: older,
          uri: document.uri.toString(),
          start: olderAt,
        }),
    );
    assert.equal(replacedBy, fresh);
    assert.deepEqual(input.asked, [`pick: Replace ${older} (${PREFIX}web-2026.10.1) with`]);
    assert.equal(document.lineAt(4).text, `      Older: ${fresh}`);

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

    // Deregistering the AMI from the tree turns its three references into problems.
    imagesTree.refresh();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
    await renderChildren(imagesTree, ebs.node);
    const node = (await childNamed(imagesTree, ebs.node, `${PREFIX}web-2026.11.1`)).node;
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
          `ami-not-found ${fresh}`,
        ]),
      { timeoutMs: 15_000 },
    );
  });

  it('finds the AMI ids of the workspace’s files, with their status, honouring search.exclude', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the integration workspace is open');
    const deprecated = await demoImageId('legacy-app-2019.12');
    const dir = vscode.Uri.joinPath(folder, 'itest-refs');
    const main = vscode.Uri.joinPath(dir, 'main.tf');
    const excluded = vscode.Uri.joinPath(dir, 'vendor', 'copy.tf');
    const write = (uri: vscode.Uri, text: string): Thenable<void> =>
      vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const search = vscode.workspace.getConfiguration('search');
    await search.update('exclude', { '**/vendor': true }, vscode.ConfigurationTarget.Global);
    try {
      await write(
        main,
        [
          'provider "aws" {',
          '  region = "us-east-1"',
          '}',
          'resource "aws_instance" "old" {',
          `  ami = "${deprecated}"`,
          '}',
          'resource "aws_instance" "gone" {',
          `  ami = "${MISSING}"`,
          '}',
        ].join('\n'),
      );
      await write(excluded, `ami = "${MISSING}"`);
      const { result: scan, input } = await withAnswers([{ pick: MISSING }], () =>
        vscode.commands.executeCommand('amiExplorer.references.findInWorkspace'),
      );
      assert.deepEqual(scan, { files: 1, skippedLarge: 0, truncated: false, references: 2 });
      assert.deepEqual(input.asked, ['pick: AMI ids in the workspace: 2 in 1 file(s)']);
      // Choosing the missing id opens the file at it.
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), main.toString());
      assert.equal(editor?.selection.active.line, 7);
    } finally {
      await search.update('exclude', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.fs.delete(dir, { recursive: true });
    }
  });

  it('warns about an entry of a region map that some regions lack', async () => {
    const deprecated = await demoImageId('legacy-app-2019.12');
    const text = [
      'Mappings:',
      '  RegionMap:',
      '    us-east-1:',
      `      Legacy: ${deprecated}`,
      '    eu-west-1:',
      '      Other: none',
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    await vscode.window.showTextDocument(document);
    await eventually(
      () =>
        assert.deepEqual(problems(document.uri, document.getText()), [
          `ami-deprecated ${deprecated}`,
          `ami-region-map-gap ${deprecated}`,
        ]),
      { timeoutMs: 15_000 },
    );
  });
});
