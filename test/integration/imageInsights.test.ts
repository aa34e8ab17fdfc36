import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addFault, clearFaults } from './emulatorAdmin';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import type { RenderedNode } from './renderedTree';
import { childNamed, imageIdOf } from './renderedTree';
import { withAnswers } from './testUserInput';

/** An AMI row of the Images view: region → EBS-backed → name. */
async function imageRow(region: string, name: string): Promise<RenderedNode<unknown>> {
  const { imagesTree } = await amiExplorer();
  const regionNode = await childNamed(imagesTree, undefined, region);
  const ebs = await childNamed(imagesTree, regionNode.node, 'EBS-backed');
  return childNamed(imagesTree, ebs.node, name);
}

function idOf(row: RenderedNode<unknown>): string {
  const id = imageIdOf(row);
  assert.ok(id, `the tooltip of ${row.label} shows its AMI id`);
  return id;
}

function activeText(): string {
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'an editor is open');
  return editor.document.getText();
}

describe('AMI insights: lineage, findings, usage', () => {
  afterEach(async () => {
    await clearFaults();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('Show Lineage', () => {
    it('lists the chain to the root across regions; choosing the root opens its JSON', async () => {
      const leaf = await imageRow('eu-west-1', 'app-runtime-2024.12');
      const root = await imageRow('us-east-1', 'web-server-2024.11.2');
      const rootId = idOf(root);
      const { input } = await withAnswers(
        [
          {
            pick: new RegExp(`^web-server-2024\\.11\\.2 ${rootId} · us-east-1$`),
            title: /^Lineage of app-runtime-2024\.12 \(ami-[0-9a-f]+\): 3 generations$/,
          },
        ],
        () => vscode.commands.executeCommand('amiExplorer.image.showLineage', leaf.node),
      );
      assert.deepEqual(input.asked, [
        `pick: Lineage of app-runtime-2024.12 (${idOf(leaf)}): 3 generations`,
      ]);
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.scheme, 'ami');
      const json = JSON.parse(activeText()) as { Region?: string; Image?: { ImageId?: string } };
      assert.equal(json.Region, 'us-east-1');
      assert.equal(json.Image?.ImageId, rootId);
    });

    it('says plainly when an AMI of the lineage is not visible (deregistered)', async () => {
      const sdk = ec2Sdk();
      const ec2 = ec2Client('eu-west-1');
      const source = idOf(await imageRow('eu-west-1', 'bastion-arm64-2024.08'));
      const stamp = Date.now().toString(36);
      const copyOf = async (id: string, name: string): Promise<string> => {
        const out = await ec2.send(
          new sdk.CopyImageCommand({ SourceImageId: id, SourceRegion: 'eu-west-1', Name: name }),
        );
        assert.ok(out.ImageId);
        const made = out.ImageId;
        await eventually(
          async () => {
            const d = await ec2.send(new sdk.DescribeImagesCommand({ ImageIds: [made] }));
            assert.equal(d.Images?.[0]?.State, 'available');
          },
          { timeoutMs: 30_000, intervalMs: 300 },
        );
        return made;
      };
      const middle = await copyOf(source, `lineage-middle-${stamp}`);
      const tip = await copyOf(middle, `lineage-tip-${stamp}`);
      await ec2.send(new sdk.DeregisterImageCommand({ ImageId: middle }));
      try {
        const { input } = await withAnswers(
          [
            { pick: 'eu-west-1' },
            { typed: tip },
            { pick: new RegExp(`^${middle} ${middle} · eu-west-1$`), title: /3 generations$/ },
          ],
          () => vscode.commands.executeCommand('amiExplorer.image.showLineage'),
        );
        assert.deepEqual(
          input.notifications.map((n) => n.message),
          [
            `${middle} in eu-west-1 is not visible to you: it was deregistered, or its owner ` +
              'does not share it with this account. EC2 still names it in the lineage.',
          ],
        );
        assert.equal(vscode.window.activeTextEditor, undefined, 'no document for an AMI not seen');
      } finally {
        await ec2.send(new sdk.DeregisterImageCommand({ ImageId: tip }));
      }
    });
  });

  describe('Show Findings', () => {
    it('lists Inspector findings, most severe first, with package and fix', async () => {
      const row = await imageRow('eu-west-1', 'app-runtime-2024.12');
      await withAnswers([], () =>
        vscode.commands.executeCommand('amiExplorer.image.showFindings', row.node),
      );
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.scheme, 'ami-insight');
      assert.match(editor?.document.uri.path ?? '', /\/app-runtime-2024\.12 findings\.md$/);
      assert.equal(editor?.document.languageId, 'markdown');
      const text = activeText();
      assert.match(text, /3 findings: 1 critical, 1 high, 1 medium; a fix is available for 2\./);
      const rows = text.split('\n').filter((l) => /^\| \w+ \| CVE-/.test(l));
      assert.deepEqual(
        rows.map((r) => r.split(' | ').slice(0, 3).join(' | ')),
        [
          '| critical | CVE-2024-6387 | openssh',
          '| high | CVE-2024-2961 | glibc',
          '| medium | CVE-2024-0727 | openssl',
        ],
      );
      assert.match(rows[0] ?? '', /\| \/usr\/sbin\/sshd \| 9\.8 \| yes \|/);
      assert.match(rows[2] ?? '', /\| no \|/);
    });

    it('tells a scanned clean AMI from one Inspector has not scanned', async () => {
      const clean = await imageRow('eu-west-1', 'bastion-arm64-2024.08');
      await withAnswers([], () =>
        vscode.commands.executeCommand('amiExplorer.image.showFindings', clean.node),
      );
      assert.match(activeText(), /Last scanned 2024-12-05 06:00 UTC\. \*\*No findings\*\*/);
      const unscanned = await imageRow('us-east-1', 'web-server-2024.10.1');
      await withAnswers([], () =>
        vscode.commands.executeCommand('amiExplorer.image.showFindings', unscanned.node),
      );
      assert.match(activeText(), /Amazon Inspector has not scanned this AMI/);
    });
  });

  describe('Show Usage', () => {
    it('lists what references an AMI in this account, and says it is not shared', async () => {
      const row = await imageRow('eu-west-1', 'app-runtime-2024.12');
      await withAnswers([], () =>
        vscode.commands.executeCommand('amiExplorer.image.showUsage', row.node),
      );
      const text = activeText();
      assert.match(text, /### Launch templates \(1\)\n\n.*\n.*\n\| lt-0a1b2c3d4e5f60001 \|/);
      assert.match(text, /### SSM parameters \(1\)\n\n.*\n.*\n\| \/golden\/app-runtime\/latest \|/);
      assert.match(
        text,
        /### Image Builder image recipes \(1\)\n\n.*\n.*\n\| app-runtime\/1\.0\.0 \|/,
      );
      assert.match(text, /Not shared: its launch permissions are empty/);
      const { usageReports } = await amiExplorer();
      assert.deepEqual(usageReports.pending(), [], 'no report for an AMI nobody else may launch');
    });

    it('from the Command Palette, refuses an AMI the account does not own, with the owner', async () => {
      const sdk = ec2Sdk();
      const { Images = [] } = await ec2Client('us-east-1').send(
        new sdk.DescribeImagesCommand({ Owners: ['amazon'], MaxResults: 5 }),
      );
      const amazon = Images[0]?.ImageId;
      assert.ok(amazon, 'the demo estate has Amazon AMIs');
      const { input } = await withAnswers([{ pick: 'us-east-1' }, { typed: amazon }], () =>
        vscode.commands.executeCommand('amiExplorer.image.showUsage'),
      );
      assert.deepEqual(
        input.notifications.map((n) => [n.severity, n.message]),
        [
          [
            'warning',
            `Show Usage is for AMIs you own: ${Images[0]?.Name ?? amazon} (${amazon}) belongs to ${Images[0]?.ImageOwnerAlias ?? Images[0]?.OwnerId ?? ''}.`,
          ],
        ],
      );
      assert.equal(vscode.window.activeTextEditor, undefined);
    });

    it('makes a usage report for a shared AMI, waits for it and shows which accounts use it', async () => {
      const row = await imageRow('us-east-1', 'shared-base-for-partner-1.4');
      await withAnswers([], () =>
        vscode.commands.executeCommand('amiExplorer.image.showUsage', row.node),
      );
      const text = activeText();
      assert.match(text, /Image usage report [a-z]+-[0-9a-f]+ · created /);
      assert.match(text, /1 account uses it\./);
      assert.match(text, /\| 222222222222 \| instances \| 3 \|/);
      assert.match(text, /\| 222222222222 \| launch templates \| 1 \|/);
      assert.match(
        vscode.window.activeTextEditor?.document.uri.query ?? '',
        /^report=[a-z]+-[0-9a-f]+$/,
      );
      const { usageReports } = await amiExplorer();
      assert.deepEqual(usageReports.pending(), [], 'a finished report is forgotten');
    });

    it('on Cancel keeps the report in the workspace state and says when it is ready', async () => {
      const api = await amiExplorer();
      const row = await imageRow('us-east-1', 'golden-image-org-2024.09');
      const imageId = idOf(row);
      // The look for a report in progress and the first look at the new one are slow, so Cancel
      // comes while the report is still pending on EC2.
      await addFault({ action: 'DescribeImageUsageReports', latencyMs: 3_000, times: 2 });
      const { input } = await withAnswers(
        [
          {
            notification: /^The usage report of golden-image-org-2024\.09 .* is ready\.$/,
            choose: 'Show Usage',
          },
        ],
        async () => {
          const running = vscode.commands.executeCommand('amiExplorer.image.showUsage', row.node);
          const remembered = await eventually(() => {
            const [report] = api.usageReports.pending();
            assert.equal(report?.imageId, imageId);
            return report;
          });
          assert.ok(api.cancelProgress() > 0, 'the wait was running');
          await running;
          assert.deepEqual(api.usageReports.pending(), [remembered], 'remembered after Cancel');
          // What the background watch does every 30 s (and after a reload).
          await eventually(
            async () => {
              await api.usageReports.lookNow();
              assert.deepEqual(api.usageReports.pending(), []);
            },
            { timeoutMs: 20_000, intervalMs: 500 },
          );
          await eventually(() =>
            assert.equal(vscode.window.activeTextEditor?.document.uri.scheme, 'ami-insight'),
          );
        },
      );
      assert.match(
        input.notifications[0]?.message ?? '',
        /^EC2 keeps preparing the usage report of golden-image-org-2024\.09 \([a-z]+-[0-9a-f]+\)/,
      );
      assert.match(activeText(), /\| 222222222222 \| instances \| 5 \|/);
    });

    it('on Cancel while EC2 makes the report (no answer yet), re-reads EC2 and follows the report it made', async () => {
      const api = await amiExplorer();
      const row = await imageRow('us-east-1', 'shared-base-for-partner-1.4');
      const imageId = idOf(row);
      const reportsOnEc2 = async (): Promise<string[]> => {
        const sdk = ec2Sdk();
        const { ImageUsageReports = [] } = await ec2Client('us-east-1').send(
          new sdk.DescribeImageUsageReportsCommand({ ImageIds: [imageId] }),
        );
        return ImageUsageReports.map((r) => r.ReportId ?? '');
      };
      const before = await reportsOnEc2();
      // EC2 makes the report, and its answer never comes back.
      await addFault({ action: 'CreateImageUsageReport', hangAfterApply: {}, times: 1 });
      const { input } = await withAnswers([], async () => {
        const running = vscode.commands.executeCommand('amiExplorer.image.showUsage', row.node);
        const made = await eventually(async () => {
          const [id, ...more] = (await reportsOnEc2()).filter((r) => !before.includes(r));
          assert.ok(id !== undefined && more.length === 0, 'EC2 made one report');
          return id;
        });
        assert.deepEqual(api.usageReports.pending(), [], 'the answer has not come back');
        assert.ok(api.cancelProgress() > 0, 'the request was under way');
        await running;
        assert.deepEqual(
          api.usageReports.pending().map((r) => [r.imageId, r.reportId]),
          [[imageId, made]],
          'the report EC2 made is followed',
        );
        await eventually(
          async () => {
            await api.usageReports.lookNow();
            assert.deepEqual(api.usageReports.pending(), []);
          },
          { timeoutMs: 20_000, intervalMs: 500 },
        );
      });
      assert.match(
        input.notifications[0]?.message ?? '',
        /^EC2 keeps preparing the usage report of shared-base-for-partner-1\.4 \([a-z]+-[0-9a-f]+\)/,
      );
      assert.match(
        input.notifications[1]?.message ?? '',
        /^The usage report of shared-base-for-partner-1\.4 .* is ready\.$/,
      );
    });

    it('follows a report EC2 is already preparing for the AMI instead of asking for another', async () => {
      const api = await amiExplorer();
      const row = await imageRow('us-east-1', 'shared-base-for-partner-1.4');
      const imageId = idOf(row);
      const sdk = ec2Sdk();
      const { ReportId } = await ec2Client('us-east-1').send(
        new sdk.CreateImageUsageReportCommand({
          ImageId: imageId,
          ResourceTypes: [{ ResourceType: 'ec2:Instance' }],
        }),
      );
      await withAnswers([], () =>
        vscode.commands.executeCommand('amiExplorer.image.showUsage', row.node),
      );
      assert.equal(
        vscode.window.activeTextEditor?.document.uri.query,
        `report=${ReportId ?? ''}`,
        'the document shows the report made elsewhere',
      );
      assert.deepEqual(api.usageReports.pending(), []);
    });
  });
});
