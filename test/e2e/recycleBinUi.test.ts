import * as assert from 'node:assert/strict';
import { DescribeImagesCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DEMO_ACCESS_KEY_ID } from '../integration/integrationSetup';
import { startE2eSession, type E2eSession } from './e2eSession';

const IMAGES = 'Images';
const RECYCLED = 'recycled-report-builder-2024.04';

// A user opens the Recycle Bin under us-east-1, sees when a recycled AMI entered it and when it
// will be deleted, restores it (with its snapshot) from the row's context menu, and finds it under
// EBS-backed again.
describe('Recycle Bin in the browser (real VS Code UI)', function () {
  let session: E2eSession;

  before(async () => {
    session = await startE2eSession();
  });
  after(async () => {
    await session?.dispose();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await session.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });

  /** Folds a row so the rows below it come into view. */
  async function collapse(label: string): Promise<void> {
    const row = session.workbench.row(IMAGES, label);
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) === 'true') {
      await row.locator('.monaco-tl-twistie').click();
      await row.and(session.workbench.page.locator('[aria-expanded="false"]')).waitFor();
    }
  }

  it('expand Recycle Bin → right-click a recycled AMI → Restore from Recycle Bin… → modal → it is an AMI again', async () => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.openActivity('AMI Explorer');
    await workbench.expand(IMAGES, 'us-east-1');
    // The groups open expanded; folded, the Recycle Bin row below them is in view.
    await collapse('EBS-backed');
    await collapse('Instance store-backed');
    await workbench.expand(IMAGES, 'Recycle Bin');
    const row = workbench.row(IMAGES, RECYCLED);
    const description = row.locator('.label-description', {
      hasText: /^ami-[0-9a-f]+ · recycled .+ · deleted in \d+ days$/,
    });
    await description.waitFor();
    const imageId = /ami-[0-9a-f]+/.exec((await description.textContent()) ?? '')?.[0];
    assert.ok(imageId);
    await session.screenshot('recycle-bin-01-node');

    await workbench.contextMenu(row, 'Restore from Recycle Bin…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, new RegExp(`Restore ${RECYCLED} \\(${imageId}\\)`));
    const snapshotId = /Restored first, so that it can launch: (snap-[0-9a-f]+)/.exec(text)?.[1];
    assert.ok(snapshotId, `the modal names the snapshot: ${text}`);
    await session.screenshot('recycle-bin-02-confirm');
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await workbench
      .notifications()
      .filter({ hasText: `Restored ${RECYCLED} (${imageId}) with 1 snapshot` })
      .first()
      .waitFor();
    // Out of the bin, back under EBS-backed.
    await row.waitFor({ state: 'detached' });
    await collapse('Recycle Bin');
    await workbench.expand(IMAGES, 'EBS-backed');
    await workbench
      .row(IMAGES, RECYCLED)
      .locator('.label-description', { hasText: `available · ami-…${imageId.slice(-8)}` })
      .waitFor();
    await session.screenshot('recycle-bin-03-restored');

    const client = new EC2Client({
      region: 'us-east-1',
      endpoint: session.emulator.url,
      credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: 'e2e' },
    });
    try {
      const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [imageId] }));
      assert.equal(Images[0]?.State, 'available');
      const { Snapshots = [] } = await client.send(
        new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }),
      );
      assert.equal(Snapshots.length, 1);
    } finally {
      client.destroy();
    }
  });
});
