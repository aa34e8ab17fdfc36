import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CopyImageOutcome } from '../../src/commands/copyImage';
import { advanceEmulatorClock } from './emulatorAdmin';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { arrangeCopy, removeImagesNamed } from './imageOperationsFixtures';
import type { RecordedCall } from './recordingEndpoint';
import { childNamed, renderChildren } from './renderedTree';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
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
  it('copies an AMI to the region its region map lacks, from the quick fix, through Copy Image…', async () => {
    const api = await amiExplorer();
    const source = await demoImageId('web-server-2024.10.1');
    const name = `${PREFIX}map-copy`;
    // A CloudFormation template whose RegionMap has the AMI for us-east-1 only.
    const lines = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Mappings:',
      '  RegionMap:',
      '    us-east-1:',
      '      InstanceType: t3.micro',
      `      AMI: ${source}`,
      '    eu-west-1:',
      '      InstanceType: t3.micro',
      'Resources:',
      '  Web:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      "      ImageId: !FindInMap [RegionMap, !Ref 'AWS::Region', AMI]",
      '',
    ];
    const document = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: lines.join('\n'),
    });
    const editor = await vscode.window.showTextDocument(document);
    await eventually(
      () =>
        assert.deepEqual(problems(document.uri, document.getText()), [
          `ami-region-map-gap ${source}`,
        ]),
      { timeoutMs: 15_000 },
    );

    // The hover says so too, and its Copy Image… link ticks the region the map lacks.
    const idAt = document.positionAt(document.getText().indexOf(source) + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      idAt,
    );
    const markdown = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(
      markdown.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1'),
      /no AMI id under AMI for eu-west-1/,
    );
    const link = /\[Copy Image…\]\(command:amiExplorer\.reference\.copy\?([^)]+)\)/.exec(markdown);
    assert.ok(link?.[1], `a Copy Image… link: ${markdown}`);
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [
      { region: 'us-east-1', imageId: source, toRegions: ['eu-west-1'] },
    ]);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(idAt, idAt),
    );
    const fix = actions.find((a) => a.title === `Copy ${source} to eu-west-1…`);
    assert.ok(fix?.command, `the quick fix is offered: ${actions.map((a) => a.title).join(' | ')}`);

    // The quick fix runs the Copy Image… wizard with eu-west-1 ticked: Enter keeps it.
    const { result, input } = await withAnswers(
      ['accept', { text: name }, { text: '' }, { pick: 'Copy tags' }, { pick: /^Keep encryption/ }],
      () =>
        vscode.commands.executeCommand<CopyImageOutcome>(
          fix.command?.command ?? '',
          ...((fix.command?.arguments ?? []) as unknown[]),
        ),
    );
    assert.match(
      input.asked[0] ?? '',
      /^pick: Copy web-server-2024\.10\.1 \(ami-[0-9a-f]+\) \(1\/5\)$/,
    );
    assert.deepEqual(
      result.copies.map((c) => [c.sourceRegion, c.sourceImageId, c.region]),
      [['us-east-1', source, 'eu-west-1']],
    );
    const copyId = result.copies[0]?.imageId ?? '';

    // EC2 has the copy in eu-west-1, and it is tracked until it settles.
    const sdk = ec2Sdk();
    const { Images = [] } = await ec2Client('eu-west-1').send(
      new sdk.DescribeImagesCommand({ ImageIds: [copyId] }),
    );
    assert.deepEqual(
      Images.map((i) => [i.Name, i.SourceImageId, i.SourceImageRegion]),
      [[name, source, 'us-east-1']],
    );
    assert.ok(
      api.operations.list().some((o) => o.imageId === copyId && o.kind === 'copy'),
      'the copy is tracked',
    );

    // The gap is in the text: it stays until the code names the copy for eu-west-1.
    await api.references.check(document);
    assert.deepEqual(problems(document.uri, document.getText()), [`ami-region-map-gap ${source}`]);
    await editor.edit((edit) => edit.insert(new vscode.Position(8, 0), `      AMI: ${copyId}\n`));
    // The copy is still pending: said so (information), not as a gap or a missing AMI.
    await eventually(
      () => assert.deepEqual(problems(document.uri, document.getText()), [`ami-pending ${copyId}`]),
      { timeoutMs: 15_000 },
    );
    // Once it is available, nothing is left to say.
    await advanceEmulatorClock(2_000);
    await eventually(() => assert.deepEqual(problems(document.uri, document.getText()), []), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});

/** The ids DescribeImages was asked about by id (the `image-id` filter of the lookup). */
function idsLookedUp(calls: readonly RecordedCall[]): string[] {
  return calls.flatMap((call) =>
    [...call.params]
      .filter(([key, value]) => /^Filter\.\d+\.Name$/.test(key) && value === 'image-id')
      .flatMap(([key]) =>
        [...call.params]
          .filter(([k]) => k.startsWith(key.replace(/Name$/, 'Value.')))
          .map(([, v]) => v),
      ),
  );
}

describe('AMI ids in code, while the user types', () => {
  const endpoint = routeThroughRecordingEndpoint();

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('looks up no id while it is being typed: a 17-digit id once whole, a short one once the cursor leaves it', async () => {
    const { references } = await amiExplorer();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const id = await demoImageId('web-server-2024.10.1');
    assert.equal(id.length, 21, 'the demo AMI has a 17-digit id');
    const document = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: 'Builder:\n  region: us-east-1\n  source_ami: ',
    });
    const editor = await vscode.window.showTextDocument(document);
    /** Types at the end of the text, one character at a time, checking after each like a pause would. */
    const type = async (text: string): Promise<void> => {
      for (const character of text) {
        const end = document.positionAt(document.getText().length);
        await editor.edit((edit) => edit.insert(end, character));
        const after = document.positionAt(document.getText().length);
        editor.selection = new vscode.Selection(after, after);
        await references.check(document);
      }
    };
    endpoint().clear();
    await type(id);
    const asked = idsLookedUp(endpoint().calls({ action: 'DescribeImages', region: 'us-east-1' }));
    // ami- and its first 8 digits are a whole short id: not looked up while the cursor is on it.
    assert.deepEqual(
      asked.filter((a) => id.startsWith(a)),
      [id],
      `looked up: ${asked.join(', ')}`,
    );
    assert.deepEqual(problems(document.uri, document.getText()), []);

    // A short id typed and left there: looked up (and found missing) once the cursor leaves it.
    const short = 'ami-0000dead';
    await type(`\n  other_ami: ${short}`);
    assert.deepEqual(
      idsLookedUp(endpoint().calls()).filter((a) => a === short),
      [],
    );
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await eventually(
      () =>
        assert.deepEqual(problems(document.uri, document.getText()), [`ami-not-found ${short}`]),
      { timeoutMs: 15_000 },
    );
    assert.deepEqual(
      idsLookedUp(endpoint().calls()).filter((a) => a === short),
      [short],
    );
  });
});
