import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_CLEANUP_RULES } from '../../src/core/model/cleanupPlan';
import type { CleanupPanel } from '../../src/webviews/cleanup/cleanupPanel';
import type { HostToCleanup } from '../../src/webviews/cleanup/protocol';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { arrangeCopy, removeImagesNamed, waitAvailable } from './imageOperationsFixtures';
import { withAnswers } from './testUserInput';

const PREFIX = 'itest-cleanup-';
/** Empty for the demo account: only this test's AMIs are planned there. */
const REGION = 'ap-southeast-2';

async function imageIds(names: string[]): Promise<Map<string, string>> {
  const sdk = ec2Sdk();
  const { Images = [] } = await ec2Client(REGION).send(
    new sdk.DescribeImagesCommand({
      Owners: ['self'],
      Filters: [{ Name: 'name', Values: names }],
    }),
  );
  return new Map(Images.map((i) => [i.Name ?? '', i.ImageId ?? '']));
}

async function existingSnapshots(ids: string[]): Promise<Set<string>> {
  const sdk = ec2Sdk();
  const { Snapshots = [] } = await ec2Client(REGION).send(
    new sdk.DescribeSnapshotsCommand({ Filters: [{ Name: 'snapshot-id', Values: ids }] }),
  );
  return new Set(Snapshots.map((s) => s.SnapshotId ?? ''));
}

const snapshotsOf = (image: { BlockDeviceMappings?: { Ebs?: { SnapshotId?: string } }[] }) =>
  (image.BlockDeviceMappings ?? []).flatMap((d) => (d.Ebs?.SnapshotId ? [d.Ebs.SnapshotId] : []));

describe('Cleanup Assistant', () => {
  let instanceId: string | undefined;
  /** Untitled editors the exports opened. */
  let exported = 0;

  after(async () => {
    const sdk = ec2Sdk();
    if (instanceId)
      await ec2Client(REGION).send(
        new sdk.TerminateInstancesCommand({ InstanceIds: [instanceId] }),
      );
    await removeImagesNamed(PREFIX);
    // The panel stays open: closing a webview in this window can keep the next one from loading
    // (see webviewPanels.test.ts). The exported documents are closed without saving.
    for (let i = 0; i < exported; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('plans by rule, refuses what must stay, deregisters the candidates with their snapshots and exports the plan', async () => {
    const sdk = ec2Sdk();
    const client = ec2Client(REGION);
    // Seven versions of one family, oldest first, each a copy with its own snapshots.
    const versions: {
      ImageId?: string;
      BlockDeviceMappings?: { Ebs?: { SnapshotId?: string } }[];
    }[] = [];
    for (let n = 1; n <= 7; n++)
      versions.push(await arrangeCopy(REGION, 'web-server-2024.10.1', `${PREFIX}app-1.0.${n}`));
    const id = (n: number): string => versions[n - 1]?.ImageId ?? '';
    // v1 is tagged keep=true, v2 runs an instance, v3 has deregistration protection.
    await client.send(
      new sdk.CreateTagsCommand({ Resources: [id(1)], Tags: [{ Key: 'keep', Value: 'true' }] }),
    );
    const run = await client.send(
      new sdk.RunInstancesCommand({ ImageId: id(2), MinCount: 1, MaxCount: 1 }),
    );
    instanceId = run.Instances?.[0]?.InstanceId;
    await client.send(new sdk.EnableImageDeregistrationProtectionCommand({ ImageId: id(3) }));
    // Another AMI (no version in its name: a family of its own, kept) uses v5's root snapshot.
    const v5Root = snapshotsOf(versions[4] ?? {})[0] ?? '';
    const other = await client.send(
      new sdk.RegisterImageCommand({
        Name: `${PREFIX}uses-v5-snapshot`,
        Architecture: 'x86_64',
        RootDeviceName: '/dev/xvda',
        VirtualizationType: 'hvm',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: v5Root } }],
      }),
    );
    await waitAvailable(REGION, other.ImageId ?? '');

    // A new group, so no other test's page is hidden under it while loading (panelGroups.ts).
    await vscode.commands.executeCommand('workbench.action.newGroupRight');
    await vscode.commands.executeCommand('amiExplorer.cleanup.open');
    const panel: CleanupPanel | undefined = (await amiExplorer()).panels.cleanupPanel;
    assert.ok(panel, 'the assistant is open');
    await eventually(() => {
      assert.ok(
        panel.posted.some((m) => m.type === 'init'),
        `init after the page is ready; posted: ${JSON.stringify(panel.posted).slice(0, 300)}`,
      );
    });
    const init = panel.posted.find((m) => m.type === 'init');
    assert.ok(init?.type === 'init');
    assert.deepEqual(init.rules, DEFAULT_CLEANUP_RULES);
    assert.ok(init.regions.includes(REGION));
    assert.equal(init.pricePerGbMonth, 0.05);

    await panel.receive({
      type: 'plan',
      regions: [REGION],
      rules: { ...DEFAULT_CLEANUP_RULES, keepNewest: 2 },
    });
    const plan = panel.plan;
    assert.ok(plan);
    const shown = panel.lastPosted as Extract<HostToCleanup, { type: 'plan' }>;
    assert.equal(shown.type, 'plan');
    // Guard: nothing but this test's AMIs may be planned (the region is empty for the demo account).
    for (const c of plan.candidates) assert.ok(c.ami.name?.startsWith(PREFIX), c.ami.name);
    assert.deepEqual(
      shown.plan.candidates.map((c) => c.name),
      [`${PREFIX}app-1.0.4`, `${PREFIX}app-1.0.5`],
    );
    assert.match(
      shown.plan.candidates[0]?.chosenBy[0] ?? '',
      /4th newest of 7 .*beyond the newest 2/,
    );
    const refused = new Map(shown.plan.refused.map((r) => [r.name, r.kinds]));
    assert.deepEqual(refused.get(`${PREFIX}app-1.0.1`), ['tag']);
    assert.deepEqual(refused.get(`${PREFIX}app-1.0.2`), ['referenced']);
    assert.deepEqual(refused.get(`${PREFIX}app-1.0.3`), ['protection']);
    assert.deepEqual(refused.get(`${PREFIX}app-1.0.6`), ['newest']);
    assert.deepEqual(refused.get(`${PREFIX}app-1.0.7`), ['newest']);
    assert.deepEqual(refused.get(`${PREFIX}uses-v5-snapshot`), ['newest']);
    assert.match(
      shown.plan.refused.find((r) => r.name === `${PREFIX}app-1.0.2`)?.reasons[0] ?? '',
      new RegExp(`1 ec2:Instance \\(${instanceId ?? ''}\\)`),
    );
    // v5's root snapshot stays with the other AMI: it is not counted.
    const v5 = shown.plan.candidates[1];
    assert.deepEqual(v5?.snapshots.find((s) => s.snapshotId === v5Root)?.keptFor, [other.ImageId]);
    const v4Gib = shown.plan.candidates[0]?.totalGiB ?? 0;
    assert.ok(v4Gib > 0);
    assert.equal(shown.plan.candidates[0]?.monthlyCost, Math.round(v4Gib * 0.05 * 100) / 100);

    // Export: CSV and JSON open in new editors.
    await panel.receive({ type: 'export', format: 'csv' });
    exported++;
    const csv = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(csv, /^decision,region,imageId,name,family,/);
    assert.match(csv, new RegExp(`\\r\\nderegister,${REGION},${id(4)},${PREFIX}app-1\\.0\\.4,`));
    assert.match(csv, new RegExp(`\\r\\nkeep,${REGION},${id(1)},.*protected by its tag keep=true`));
    await panel.receive({ type: 'export', format: 'json' });
    exported++;
    const json = JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? '{}') as {
      candidates: { imageId: string }[];
      costNote: string;
    };
    assert.deepEqual(
      json.candidates.map((c) => c.imageId),
      [id(4), id(5)],
    );
    assert.match(json.costNote, /incremental/);

    // Deregister: the deregister path's confirmation names both AMIs; no second one is needed.
    const before = await existingSnapshots(versions.flatMap(snapshotsOf));
    const { input } = await withAnswers(
      [{ confirm: 'Deregister', message: /^Deregister 2 AMIs and delete \d+ snapshots?\?/ }],
      () => panel.receive({ type: 'deregister' }),
    );
    assert.equal(input.asked.length, 1, input.asked.join('\n'));
    const report = panel.posted.find((m) => m.type === 'report');
    assert.ok(report?.type === 'report');
    assert.equal(report.title, 'Deregister 2 AMIs');
    const lines = report.items.map((i) => `${i.outcome} ${i.subject.trim()}: ${i.detail ?? ''}`);
    assert.ok(lines.includes(`succeeded ${id(4)} (${PREFIX}app-1.0.4) in ${REGION}: deregistered`));
    assert.ok(lines.includes(`succeeded ${id(5)} (${PREFIX}app-1.0.5) in ${REGION}: deregistered`));
    assert.ok(
      lines.some((l) => l.startsWith(`skipped snapshot ${v5Root}`)),
      lines.join('\n'),
    );

    // EC2's end state: only the candidates are gone, and only their own snapshots with them.
    const left = await imageIds([`${PREFIX}*`]);
    assert.deepEqual(
      [...left.keys()].sort(),
      [1, 2, 3, 6, 7]
        .map((n) => `${PREFIX}app-1.0.${n}`)
        .concat(`${PREFIX}uses-v5-snapshot`)
        .sort(),
    );
    const after = await existingSnapshots([...before]);
    const gone = [...before].filter((s) => !after.has(s)).sort();
    const expectedGone = [
      ...snapshotsOf(versions[3] ?? {}),
      ...snapshotsOf(versions[4] ?? {}).filter((s) => s !== v5Root),
    ].sort();
    assert.deepEqual(gone, expectedGone);
    assert.ok(after.has(v5Root), 'the snapshot another AMI uses stays');

    // The panel plans again: nothing left to choose.
    await eventually(() => {
      const last = panel.lastPosted;
      assert.ok(last?.type === 'plan');
      assert.deepEqual(last.plan.candidates, []);
    });
  });
});
