import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeregisterImageOutcome } from '../../src/commands/deregisterImage';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { addFault, clearFaults } from './emulatorAdmin';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { arrangeCopy, removeImagesNamed, waitAvailable } from './imageOperationsFixtures';
import { childNamed, renderChildren } from './renderedTree';
import type { ScriptedAnswer, TestUserInput } from './testUserInput';
import { withAnswers } from './testUserInput';

const PREFIX = 'itest-dereg-';

const DELETE_SNAPSHOTS = 'Also delete the associated snapshots';
const DISABLE_PROTECTION = 'Disable deregistration protection first';

/** Runs Deregister… on a node (or from the palette), answering its options pick and modals. */
function deregister(
  node: unknown,
  answers: ScriptedAnswer[],
): Promise<{ result: DeregisterImageOutcome | undefined; input: TestUserInput }> {
  return withAnswers(answers, () =>
    vscode.commands.executeCommand<DeregisterImageOutcome | undefined>(
      'amiExplorer.image.deregister',
      node,
      node === undefined ? undefined : [node],
    ),
  );
}

async function nodeOf(region: string, name: string): Promise<unknown> {
  const { imagesTree } = await amiExplorer();
  imagesTree.refresh();
  const regionNode = await childNamed(imagesTree, undefined, region);
  const ebs = await childNamed(imagesTree, regionNode.node, 'EBS-backed');
  await renderChildren(imagesTree, ebs.node);
  return (await childNamed(imagesTree, ebs.node, name)).node;
}

async function snapshotExists(region: string, snapshotId: string): Promise<boolean> {
  const sdk = ec2Sdk();
  const { Snapshots = [] } = await ec2Client(region).send(
    new sdk.DescribeSnapshotsCommand({ Filters: [{ Name: 'snapshot-id', Values: [snapshotId] }] }),
  );
  return Snapshots.length > 0;
}

async function imageExists(region: string, imageId: string): Promise<boolean> {
  const sdk = ec2Sdk();
  const { Images = [] } = await ec2Client(region).send(
    new sdk.DescribeImagesCommand({
      Owners: ['self'],
      Filters: [{ Name: 'image-id', Values: [imageId] }],
    }),
  );
  return Images.length > 0;
}

describe('Deregister…', () => {
  after(async () => {
    await removeImagesNamed(PREFIX);
    (await amiExplorer()).imagesTree.refresh();
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('deletes the snapshots it may, keeps and reports the one another AMI shares, and updates the tree in place', async () => {
    // An AMI with two snapshots (a copy of the two-volume demo image), and a second AMI registered
    // from its second snapshot: that snapshot is shared.
    const sdk = ec2Sdk();
    const a = await arrangeCopy(
      'us-east-1',
      'api-gateway-base-arm64-v3',
      `${PREFIX}with-snapshots`,
    );
    const [rootSnapshot, dataSnapshot] = (a.BlockDeviceMappings ?? []).flatMap((d) =>
      d.Ebs?.SnapshotId ? [d.Ebs.SnapshotId] : [],
    );
    assert.ok(rootSnapshot && dataSnapshot, 'two snapshots');
    const b = await ec2Client('us-east-1').send(
      new sdk.RegisterImageCommand({
        Name: `${PREFIX}sharing`,
        Architecture: 'arm64',
        RootDeviceName: '/dev/xvda',
        VirtualizationType: 'hvm',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: dataSnapshot } }],
      }),
    );
    assert.ok(b.ImageId);
    await waitAvailable('us-east-1', b.ImageId);

    const { imagesTree } = await amiExplorer();
    const node = await nodeOf('us-east-1', `${PREFIX}with-snapshots`);
    const changed: unknown[] = [];
    const subscription = imagesTree.onDidChangeTreeData((n) => changed.push(n));
    try {
      const { result: outcome } = await deregister(node, [
        { pick: [DELETE_SNAPSHOTS] },
        { confirm: 'Deregister', message: /Deregister/ },
      ]);
      assert.ok(outcome);
      const decision = outcome.plan.decisions[0];
      assert.deepEqual(
        decision?.snapshotsToDelete.map((s) => s.snapshotId),
        [rootSnapshot],
      );
      assert.deepEqual(
        decision?.snapshotsKept.map((k) => [k.snapshot.snapshotId, k.snapshot.usedBy]),
        [[dataSnapshot, [b.ImageId]]],
      );
      assert.ok((decision?.snapshotsToDelete[0]?.sizeGiB ?? 0) > 0, 'sizes from DescribeSnapshots');
      assert.deepEqual(
        outcome.report.items.map((i) => [i.subject.trim(), i.outcome, i.detail]),
        [
          [
            `${a.ImageId ?? ''} (${PREFIX}with-snapshots) in us-east-1`,
            'succeeded',
            'deregistered',
          ],
          [
            `snapshot ${rootSnapshot} (${decision?.snapshotsToDelete[0]?.sizeGiB ?? 0} GiB)`,
            'succeeded',
            'deleted',
          ],
          [
            `snapshot ${dataSnapshot} (${decision?.snapshotsKept[0]?.snapshot.sizeGiB ?? 0} GiB)`,
            'skipped',
            `kept: shared with ${b.ImageId}`,
          ],
        ],
      );
      assert.equal(await imageExists('us-east-1', a.ImageId ?? ''), false);
      assert.equal(await snapshotExists('us-east-1', rootSnapshot), false);
      assert.equal(await snapshotExists('us-east-1', dataSnapshot), true);
      assert.equal(imagesTree.findImage('us-east-1', a.ImageId ?? ''), undefined);
      assert.ok(!changed.includes(undefined), 'no full refresh');
    } finally {
      subscription.dispose();
    }
  });

  it('protection blocks deregistering until the user chooses to disable it first', async () => {
    const sdk = ec2Sdk();
    const image = await arrangeCopy('us-east-1', 'web-server-2024.10.1', `${PREFIX}protected`);
    const imageId = image.ImageId ?? '';
    await ec2Client('us-east-1').send(
      new sdk.EnableImageDeregistrationProtectionCommand({ ImageId: imageId }),
    );
    const node = await nodeOf('us-east-1', `${PREFIX}protected`);

    const { result: blocked } = await deregister(node, [{ pick: [DELETE_SNAPSHOTS] }]);
    assert.ok(blocked);
    assert.deepEqual(
      blocked.report.items.map((i) => [i.outcome, i.detail]),
      [['skipped', 'deregistration protection is on (choose to disable it first)']],
    );
    assert.equal(await imageExists('us-east-1', imageId), true);

    // Declining the second confirmation (protected AMI) changes nothing.
    const { result: declined, input } = await deregister(node, [
      { pick: [DELETE_SNAPSHOTS, DISABLE_PROTECTION] },
      { confirm: 'Deregister' },
      'escape',
    ]);
    assert.equal(declined, undefined);
    assert.match(
      input.asked.at(-1) ?? '',
      /: protected \(deregistration protection is disabled first\)\. Deregister it anyway\?$/,
    );
    assert.equal(await imageExists('us-east-1', imageId), true);

    const { result: done } = await deregister(node, [
      { pick: [DELETE_SNAPSHOTS, DISABLE_PROTECTION] },
      { confirm: 'Deregister' },
      { confirm: 'Deregister Anyway' },
    ]);
    assert.ok(done);
    assert.equal(done.outcomes[0]?.kind, 'deregistered');
    assert.equal(
      done.report.items[0]?.detail,
      'deregistered (deregistration protection disabled first)',
    );
    assert.equal(await imageExists('us-east-1', imageId), false);
  });

  describe('when the outcome is unknown, re-reads EC2 and reports what is true', () => {
    afterEach(() => clearFaults());

    /** The snapshot ids of an arranged image. */
    const snapshotsOf = (image: { BlockDeviceMappings?: { Ebs?: { SnapshotId?: string } }[] }) =>
      (image.BlockDeviceMappings ?? []).flatMap((d) =>
        d.Ebs?.SnapshotId ? [d.Ebs.SnapshotId] : [],
      );

    it('cancel while DeregisterImage is under way: the report shows, the AMI and its snapshots confirmed by re-reading', async () => {
      const a = await arrangeCopy('us-east-1', 'api-gateway-base-arm64-v3', `${PREFIX}cancelled`);
      const imageId = a.ImageId ?? '';
      const snapshots = snapshotsOf(a);
      assert.equal(snapshots.length, 2);
      const node = await nodeOf('us-east-1', `${PREFIX}cancelled`);
      const api = await amiExplorer();
      // EC2 applies the request and holds its answer: for the extension it is still under way.
      await addFault({ action: 'DeregisterImage', hangAfterApply: {}, times: 1 });
      const running = deregister(node, [{ pick: [DELETE_SNAPSHOTS] }, { confirm: 'Deregister' }]);
      await eventually(async () => assert.equal(await imageExists('us-east-1', imageId), false));
      assert.equal(api.cancelProgress(), 1, 'the deregister progress was running');
      const { result, input } = await running;
      assert.ok(result);
      assert.deepEqual(
        result.report.items.map((i) => [
          i.subject.trim().replace(/ \(\d+ GiB\)$/, ''),
          i.outcome,
          i.detail,
        ]),
        [
          [
            `${imageId} (${PREFIX}cancelled) in us-east-1`,
            'succeeded',
            'deregistered (confirmed by re-reading: the request was cancelled while it was under way)',
          ],
          ...snapshots.map((id) => [
            `snapshot ${id}`,
            'succeeded',
            'deleted (confirmed by re-reading)',
          ]),
        ],
      );
      assert.match(
        input.notifications.map((n) => n.message).join('\n'),
        /^Deregister AMI: 3 succeeded\.$/m,
        'the report is shown after Cancel',
      );
      for (const id of snapshots) assert.equal(await snapshotExists('us-east-1', id), false);
      assert.equal(api.imagesTree.findImage('us-east-1', imageId), undefined);
    });

    it('an answer lost after EC2 applied it (the retry answers NotFound): deregistered, confirmed by re-reading', async () => {
      const a = await arrangeCopy('us-east-1', 'web-server-2024.10.1', `${PREFIX}lost-answer`);
      const imageId = a.ImageId ?? '';
      const node = await nodeOf('us-east-1', `${PREFIX}lost-answer`);
      await addFault({ action: 'DeregisterImage', dropAfterApply: {}, times: 1 });
      const { result } = await deregister(node, [{ pick: [] }, { confirm: 'Deregister' }]);
      assert.equal(result?.outcomes[0]?.kind, 'deregistered');
      assert.match(
        result?.report.items[0]?.detail ?? '',
        /^deregistered \(confirmed by re-reading: the request ended without a clear answer \("The AMI was not found in us-east-1/,
      );
      assert.equal(result?.report.items[0]?.outcome, 'succeeded');
      assert.equal(await imageExists('us-east-1', imageId), false);
    });

    it('the second confirmation says usage could not be checked, and why', async () => {
      const a = await arrangeCopy('us-east-1', 'web-server-2024.10.1', `${PREFIX}usage-unknown`);
      const node = await nodeOf('us-east-1', `${PREFIX}usage-unknown`);
      for (const action of ['DescribeImageReferences', 'DescribeInstances']) {
        await addFault({
          region: 'us-east-1',
          action,
          error: { code: 'UnauthorizedOperation', message: 'not authorized', status: 403 },
        });
      }
      const { result, input } = await deregister(node, [
        { pick: [] },
        { confirm: 'Deregister' },
        'escape',
      ]);
      assert.equal(result, undefined);
      assert.match(
        input.asked.at(-1) ?? '',
        /: could not check usage: .*You are not allowed to call DescribeInstances in us-east-1.*\. Deregister it anyway\?$/,
      );
      assert.doesNotMatch(input.asked.at(-1) ?? '', /in use or protected/);
      assert.equal(await imageExists('us-east-1', a.ImageId ?? ''), true);
    });
  });

  it('from the palette, a pasted id of an AMI that is gone is refused with the reason before anything is asked', async () => {
    const { result, input } = await deregister(undefined, [
      { pick: 'eu-west-1', title: /^Deregister: region$/ },
      { typed: 'ami-0123456789abcdef0', title: /^Deregister: AMIs in eu-west-1$/ },
    ]);
    assert.equal(result, undefined);
    assert.match(
      input.notifications.map((n) => n.message).join('\n'),
      /ami-0123456789abcdef0 was not found in eu-west-1/,
    );
  });

  it('from the palette, lists the view’s AMIs in the pick itself and deregisters the one chosen', async () => {
    await arrangeCopy('eu-west-1', 'web-server-2024.10.1', `${PREFIX}palette`);
    (await amiExplorer()).imagesTree.refresh();
    const { result } = await deregister(undefined, [
      { pick: 'eu-west-1' },
      { pick: [`${PREFIX}palette`] },
      { pick: [] },
      { confirm: 'Deregister' },
    ]);
    assert.equal(result?.outcomes[0]?.kind, 'deregistered');
  });
});
