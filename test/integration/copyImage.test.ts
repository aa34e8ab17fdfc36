import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CopyImageOutcome } from '../../src/commands/copyImage';
import type { TrackedOperation } from '../../src/core/services/operationTracker';
import { OperationTracker } from '../../src/core/services/operationTracker';
import { PendingImagePoller } from '../../src/core/services/pendingPoller';
import type { Ami } from '../../src/core/model/ami';
import { addFault, advanceEmulatorClock, clearFaults } from './emulatorAdmin';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { myImageNamed, removeImagesNamed } from './imageOperationsFixtures';
import { childNamed, render, renderChildren } from './renderedTree';
import type { ScriptedAnswer, TestUserInput } from './testUserInput';
import { withAnswers } from './testUserInput';

const PREFIX = 'itest-copy-';
const EU_KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Loads the three demo regions and returns the tree node of a us-east-1 EBS image. */
async function sourceNode(name: string): Promise<unknown> {
  const { imagesTree } = await amiExplorer();
  for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
    const node = await childNamed(imagesTree, undefined, region);
    await renderChildren(imagesTree, node.node);
  }
  const region = await childNamed(imagesTree, undefined, 'us-east-1');
  const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
  return (await childNamed(imagesTree, ebs.node, name)).node;
}

/** Runs Copy Image… on a tree node, answering its wizard. */
async function copy(
  node: unknown,
  answers: ScriptedAnswer[],
): Promise<{ result: CopyImageOutcome | undefined; input: TestUserInput }> {
  return withAnswers(answers, () =>
    vscode.commands.executeCommand<CopyImageOutcome | undefined>('amiExplorer.image.copy', node, [
      node,
    ]),
  );
}

/** The copy wizard's answers for one EBS source: regions, name, description, tags, encryption. */
function wizard(options: {
  regions: string[];
  name: string;
  description?: string;
  copyTags?: boolean;
  /** KMS key per destination when encrypting (in region order); none: keep the source's encryption. */
  keys?: string[];
}): ScriptedAnswer[] {
  return [
    { pick: options.regions, title: /^Copy .*\(1\/\d\)$/ },
    { text: options.name },
    { text: options.description ?? '' },
    { pick: options.copyTags === false ? "Don't copy tags" : 'Copy tags' },
    { pick: options.keys ? 'Encrypt the copies' : 'Keep encryption as in the source' },
    ...(options.keys ?? []).map((key): ScriptedAnswer => ({ text: key })),
  ];
}

async function rowOf(region: string, imageId: string) {
  const { imagesTree } = await amiExplorer();
  const node = imagesTree.findImage(region, imageId);
  assert.ok(node, `${imageId} is shown under ${region}`);
  return render(imagesTree, node);
}

describe('Copy Image…', () => {
  beforeEach(async () => {
    await clearFaults();
    (await amiExplorer()).imagesTree.refresh();
  });
  after(async () => {
    await clearFaults();
    await removeImagesNamed(PREFIX);
    (await amiExplorer()).imagesTree.refresh();
  });

  it('refuses a malformed KMS key as it is typed; Back returns to earlier steps; Escape sends nothing', async () => {
    const node = await sourceNode('web-server-2024.10.1');
    const { result, input } = await copy(node, [
      { pick: ['ap-southeast-2'] },
      'back',
      { pick: ['eu-west-1'] },
      { text: 'x', invalid: /3.128 characters|at least 3/i },
      { text: `${PREFIX}bad-key` },
      { text: '' },
      { pick: 'Copy tags' },
      { pick: 'Encrypt the copies' },
      { text: 'my key!', invalid: /KMS key|alias|ARN/i },
      'escape',
    ]);
    assert.equal(result, undefined);
    assert.ok(
      input.asked.some((a) => /Copy web-server-2024\.10\.1 .*\(2\/\d\)/.test(a)),
      `the name step is step 2: ${input.asked.join(' | ')}`,
    );
    assert.equal(
      (await amiExplorer()).operations.list().filter((o) => o.label === `${PREFIX}bad-key`).length,
      0,
      'nothing tracked',
    );
    assert.equal(await myImageNamed('eu-west-1', `${PREFIX}bad-key`), undefined, 'no copy made');
  });

  it('copies to two regions: each appears pending at once, then available; keys per region', async () => {
    const { operations } = await amiExplorer();
    const node = await sourceNode('web-server-2024.10.1');
    const { result: outcome } = await copy(
      node,
      wizard({
        regions: ['eu-west-1', 'ap-southeast-2'],
        name: `${PREFIX}two-regions`,
        description: 'copied by the integration test',
        keys: [EU_KEY_ARN, 'alias/aws/ebs'],
      }),
    );
    assert.ok(outcome);
    assert.deepEqual(
      outcome.report.items.map((i) => i.outcome),
      ['succeeded', 'succeeded'],
    );
    assert.deepEqual(
      outcome.report.items.map((item) => item.detail?.replace(/ami-[0-9a-f]+/, 'ami-…')).sort(),
      [
        `copying as ami-… "${PREFIX}two-regions", encrypted with ${EU_KEY_ARN} (pending)`,
        `copying as ami-… "${PREFIX}two-regions", encrypted with the default EBS key (pending)`,
      ],
    );
    for (const c of outcome.copies) {
      const row = await rowOf(c.region, c.imageId);
      assert.equal(row.label, `${PREFIX}two-regions`);
      assert.match(row.description ?? '', /pending/);
    }
    const tracked = operations.list().filter((o) => o.label === `${PREFIX}two-regions`);
    assert.deepEqual(tracked.map((o) => [o.kind, o.sourceRegion, o.region]).sort(), [
      ['copy', 'us-east-1', 'ap-southeast-2'],
      ['copy', 'us-east-1', 'eu-west-1'],
    ]);

    await advanceEmulatorClock(2_000);
    for (const c of outcome.copies) {
      await eventually(
        async () => assert.match((await rowOf(c.region, c.imageId)).description ?? '', /available/),
        { timeoutMs: 20_000, intervalMs: 200 },
      );
    }
    await eventually(() =>
      assert.equal(operations.list().filter((o) => o.label === `${PREFIX}two-regions`).length, 0),
    );
    const sdk = ec2Sdk();
    const { Images = [] } = await ec2Client('eu-west-1').send(
      new sdk.DescribeImagesCommand({
        ImageIds: [outcome.copies.find((c) => c.region === 'eu-west-1')?.imageId ?? ''],
      }),
    );
    assert.equal(Images[0]?.BlockDeviceMappings?.[0]?.Ebs?.Encrypted, true);
  });

  it('reports a throttled region on its own line while the other region copies', async () => {
    await addFault({
      region: 'ap-southeast-2',
      action: 'CopyImage',
      error: { code: 'RequestLimitExceeded', message: 'Request limit exceeded.' },
    });
    const node = await sourceNode('web-server-2024.10.1');
    const { result: outcome, input } = await copy(
      node,
      wizard({
        regions: ['eu-west-1', 'ap-southeast-2'],
        name: `${PREFIX}throttled`,
        copyTags: false,
      }),
    );
    assert.ok(outcome);
    assert.equal(input.shown(/1 failed/).length, 1, 'the report says one copy failed');
    const byRegion = new Map(
      outcome.report.items.map((i) => [i.subject.split(' → ')[1], i] as const),
    );
    assert.equal(byRegion.get('eu-west-1')?.outcome, 'succeeded');
    assert.equal(byRegion.get('ap-southeast-2')?.outcome, 'failed');
    assert.match(
      byRegion.get('ap-southeast-2')?.detail ?? '',
      /throttling requests in ap-southeast-2/,
    );
    assert.deepEqual(
      outcome.copies.map((c) => c.region),
      ['eu-west-1'],
    );
  });

  it('resumes tracking stored copies after a reload, through the workspace store', async () => {
    const { operations } = await amiExplorer();
    const node = await sourceNode('web-server-2024.10.1');
    const { result: outcome } = await copy(
      node,
      wizard({ regions: ['eu-west-1'], name: `${PREFIX}reload` }),
    );
    assert.ok(outcome?.copies[0]);
    const imageId = outcome.copies[0].imageId;
    // What the window keeps for the next session: the workspace state's tracked operations.
    const stored = operations.list().filter((o) => o.imageId === imageId);
    assert.deepEqual(
      stored.map((o) => [o.kind, o.region, o.sourceRegion, o.label]),
      [['copy', 'eu-west-1', 'us-east-1', `${PREFIX}reload`]],
    );
    assert.equal(stored[0]?.sourceImageId, (node as { ami: Ami }).ami.imageId);

    // A "reloaded window": a new tracker and poller over the stored operations, as activate() does.
    let saved: TrackedOperation[] = [...stored];
    const settled: [string, string][] = [];
    const sdk = ec2Sdk();
    const poller = new PendingImagePoller(
      async (region, ids) => {
        const { Images = [] } = await ec2Client(region).send(
          new sdk.DescribeImagesCommand({ ImageIds: ids }),
        );
        return Images.map(
          (i) => ({ imageId: i.ImageId ?? '', state: i.State ?? '', region }) as Ami,
        );
      },
      (result) => {
        for (const image of result.updated) void tracker.onImageEvent({ kind: 'changed', image });
        for (const id of result.missing)
          void tracker.onImageEvent({ kind: 'gone', region: result.region, imageId: id });
      },
      () => undefined,
    );
    const tracker: OperationTracker = new OperationTracker(
      {
        load: () => saved,
        save: (ops) => {
          saved = ops;
          return Promise.resolve();
        },
      },
      poller,
      (operation, result) => settled.push([operation.imageId, result.kind]),
    );
    try {
      assert.deepEqual(
        tracker.resume().map((o) => o.imageId),
        [imageId],
      );
      await advanceEmulatorClock(2_000);
      await eventually(() => assert.deepEqual(settled, [[imageId, 'available']]), {
        timeoutMs: 20_000,
      });
      assert.deepEqual(saved, []);
    } finally {
      poller.dispose();
    }
  });

  it('cancel while a CopyImage is under way: the report shows every copy, and the one EC2 made is found, shown and tracked', async () => {
    const api = await amiExplorer();
    const node = await sourceNode('web-server-2024.10.1');
    const name = `${PREFIX}cancelled-in-flight`;
    // ap-southeast-2 applies the copy and holds its answer; eu-west-1 answers at once.
    await addFault({
      region: 'ap-southeast-2',
      action: 'CopyImage',
      hangAfterApply: {},
      times: 1,
    });
    const running = copy(node, wizard({ regions: ['eu-west-1', 'ap-southeast-2'], name }));
    const made = await eventually(async () => {
      const image = await myImageNamed('ap-southeast-2', name);
      assert.ok(image?.ImageId, 'the copy exists in ap-southeast-2');
      return image.ImageId;
    });
    assert.equal(api.cancelProgress(), 1, 'the copy progress was running');
    const { result, input } = await running;
    assert.ok(result);
    assert.deepEqual(
      result.report.items.map((i) => [i.subject.replace(/^.* → /, ''), i.outcome]),
      [
        ['eu-west-1', 'succeeded'],
        ['ap-southeast-2', 'succeeded'],
      ],
    );
    assert.match(
      result.report.items[1]?.detail ?? '',
      new RegExp(
        `^copying as ${made} "${name}" \\(pending; confirmed by re-reading: the request was cancelled while it was under way\\)$`,
      ),
    );
    assert.match(
      input.notifications.map((n) => n.message).join('\n'),
      /Copy AMI to 2 regions: 2 succeeded\./,
      'the report is shown after Cancel',
    );
    assert.ok(
      result.copies.some((c) => c.region === 'ap-southeast-2' && c.imageId === made),
      'the copy found by re-reading is one of the copies',
    );
    assert.ok(api.imagesTree.findImage('ap-southeast-2', made), 'shown in the tree');
    assert.ok(
      api.operations.list().some((o) => o.imageId === made && o.kind === 'copy'),
      'tracked until it settles',
    );
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('cancelling a copy during polling (deregistering the pending copy) stops tracking it', async () => {
    const { operations, imagesTree } = await amiExplorer();
    const node = await sourceNode('web-server-2024.10.1');
    const { result: outcome } = await copy(
      node,
      wizard({ regions: ['ap-southeast-2'], name: `${PREFIX}cancelled` }),
    );
    const imageId = outcome?.copies[0]?.imageId;
    assert.ok(imageId);
    assert.match((await rowOf('ap-southeast-2', imageId)).description ?? '', /pending/);
    // EC2's way to stop a copy in progress: deregister the pending image.
    const sdk = ec2Sdk();
    await ec2Client('ap-southeast-2').send(new sdk.DeregisterImageCommand({ ImageId: imageId }));
    await eventually(
      () =>
        assert.equal(
          operations.list().some((o) => o.imageId === imageId),
          false,
        ),
      {
        timeoutMs: 20_000,
      },
    );
    assert.equal(imagesTree.findImage('ap-southeast-2', imageId), undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
