import * as assert from 'node:assert/strict';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DEMO_ACCESS_KEY_ID } from '../integration/integrationSetup';
import { startE2eSession, type E2eSession } from './e2eSession';

const IMAGES = 'Images';
const SOURCE = 'web-server-2024.10.1';
const DESTINATION = 'eu-west-1';

// A user copies an AMI to another region through the context menu and the wizard, watches the
// copy settle, then deregisters it (with its snapshots) through the options pick and the modal.
describe('Copy Image… and Deregister… in the browser (real VS Code UI)', function () {
  let session: E2eSession;
  /** The copy test 1 made, for test 2 to deregister; unset when test 1 made none. */
  let copy: { name: string; imageId: string } | undefined;

  before(async () => {
    session = await startE2eSession();
    // Copies stay pending until the test moves the emulator's clock, so "pending" is observable.
    session.emulator.world.settings.pendingMs = 10 * 60_000;
  });
  after(async () => {
    await session?.dispose();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await session.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });

  async function describeByName(region: string, name: string) {
    const client = new EC2Client({
      region,
      endpoint: session.emulator.url,
      credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: 'e2e' },
    });
    try {
      const result = await client.send(
        new DescribeImagesCommand({
          Owners: ['self'],
          Filters: [{ Name: 'name', Values: [name] }],
        }),
      );
      return result.Images ?? [];
    } finally {
      client.destroy();
    }
  }

  /** Folds a region's row so the next region's rows (and labels like "EBS-backed") are unique. */
  async function collapse(label: string): Promise<void> {
    const row = session.workbench.row(IMAGES, label);
    if ((await row.count()) > 0 && (await row.getAttribute('aria-expanded')) === 'true') {
      await row.locator('.monaco-tl-twistie').click();
      await row.and(session.workbench.page.locator('[aria-expanded="false"]')).waitFor();
    }
  }

  it('right-click an AMI → Copy Image… → wizard → the copy shows pending in eu-west-1, then available', async () => {
    const { workbench, emulator } = session;
    const page = workbench.page;
    const name = `e2e-copy-${Date.now().toString(36)}`;

    await workbench.openActivity('AMI Explorer');
    await workbench.expand(IMAGES, 'us-east-1');
    await workbench.expand(IMAGES, 'EBS-backed');
    const source = workbench.row(IMAGES, SOURCE);
    await source.waitFor();
    const sourceId = await workbench.imageIdOf(source);

    await workbench.contextMenu(source, 'Copy Image…');

    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('.quick-input-box input');
    const title = widget.locator('.quick-input-title');
    const step = async (n: number): Promise<void> => {
      await title.filter({ hasText: new RegExp(`\\(${n}/\\d+\\)`) }).waitFor();
    };

    // 1. Destination regions (multi-select: rows are checkboxes); the source's own region is marked as such.
    await step(1);
    await title.filter({ hasText: `Copy ${SOURCE} (${sourceId})` }).waitFor();
    const regionRow = (region: string) =>
      widget.locator('.monaco-list-row[role="checkbox"]', { hasText: region });
    await regionRow('us-east-1').filter({ hasText: 'source region (needs a new name)' }).waitFor();
    // Enter without a choice is refused, and the placeholder says why.
    await input.press('Enter');
    await page
      .locator('.quick-input-widget input[placeholder="Choose at least one destination region"]')
      .waitFor();
    const eu = regionRow(DESTINATION);
    await eu.click();
    await eu.and(page.locator('[aria-checked="true"]')).waitFor();
    await session.screenshot('copy-image-01-wizard');
    await input.press('Enter');

    // 2. Name: prefilled with the source's name; a unique one is typed.
    await step(2);
    assert.equal(await input.inputValue(), SOURCE);
    await input.fill(name);
    await input.press('Enter');

    // 3. Description: kept as the source's.
    await step(3);
    await input.press('Enter');

    // 4. Copy tags (the default).
    await step(4);
    await widget.locator('.monaco-list-row', { hasText: "Don't copy tags" }).waitFor();
    await widget.locator('.monaco-list-row.focused', { hasText: /^Copy tags/ }).waitFor();
    await input.press('Enter');

    // 5. Encryption: keep as in the source (the default).
    await step(5);
    await widget.locator('.monaco-list-row', { hasText: 'Encrypt the copies' }).waitFor();
    await widget
      .locator('.monaco-list-row.focused', { hasText: 'Keep encryption as in the source' })
      .waitFor();
    await input.press('Enter');
    await widget.waitFor({ state: 'hidden' });

    await workbench
      .notifications()
      .filter({ hasText: `Copy AMI to 1 region: 1 succeeded.` })
      .first()
      .waitFor();

    // The copy is in eu-west-1 at once, pending.
    await collapse('us-east-1');
    await workbench.expand(IMAGES, DESTINATION);
    await workbench.expand(IMAGES, 'EBS-backed');
    const row = workbench.row(IMAGES, name);
    const pending = row.locator('.label-description', { hasText: /^pending · ami-…[0-9a-f]{8}$/ });
    await pending.waitFor();
    const imageId = await workbench.imageIdOf(row);
    assert.ok(imageId !== sourceId, `a new id (${imageId} vs ${sourceId})`);
    copy = { name, imageId };
    await session.screenshot('copy-image-02-pending');

    // EC2 finishes the copy; the tree and a notification say so without a reload.
    emulator.advanceTime(11 * 60_000);
    await row
      .locator('.label-description', { hasText: `available · ami-…${imageId.slice(-8)}` })
      .waitFor({ timeout: 30_000 });
    await workbench
      .notifications()
      .filter({ hasText: `Copy ${name} (${imageId}) is available in ${DESTINATION}.` })
      .first()
      .waitFor();

    // EC2 has it in the destination, with the source's tags.
    const [image] = await describeByName(DESTINATION, name);
    assert.equal(image?.ImageId, imageId);
    assert.equal(image?.State, 'available');
    assert.ok((image?.Tags ?? []).length > 0, 'the copy has the source tags');
  });

  it('right-click the copy → Deregister… → options → modal → it leaves the tree, a notification reports', async function () {
    if (!copy) this.skip();
    const { name, imageId } = copy;
    const { workbench } = session;
    const page = workbench.page;

    await workbench.openActivity('AMI Explorer');
    await collapse('us-east-1');
    await workbench.expand(IMAGES, DESTINATION);
    await workbench.expand(IMAGES, 'EBS-backed');
    const row = workbench.row(IMAGES, name);
    await row.waitFor();

    await workbench.contextMenu(row, 'Deregister…');

    // Options: tick "Also delete the associated snapshots".
    const widget = page.locator('.quick-input-widget');
    await widget
      .locator('.quick-input-title', { hasText: /^Deregister: options/ })
      .waitFor({ timeout: 30_000 });
    const deleteSnapshots = widget.locator('.monaco-list-row[role="checkbox"]', {
      hasText: 'Also delete the associated snapshots',
    });
    await deleteSnapshots.click();
    await deleteSnapshots.and(page.locator('[aria-checked="true"]')).waitFor();
    await widget.locator('.quick-input-box input').press('Enter');
    await widget.waitFor({ state: 'hidden' });

    // The modal names the AMI and the snapshots before anything changes.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, new RegExp(`Deregister ${imageId} \\(${name}\\) and delete 1 snapshot\\?`));
    assert.match(text, new RegExp(`${imageId} \\(${name}\\) in ${DESTINATION}: deregister`));
    assert.match(text, /delete snapshot snap-[0-9a-f]+ \(\d+ GiB, \/dev\/xvda\)/);
    assert.match(text, /never affects instances already running/);
    await session.screenshot('deregister-01-confirm');
    await dialog.getByRole('button', { name: 'Deregister', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Gone from the tree, and the outcome is reported.
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    // The report arrives without a toast here (the bell shows it unread), so read it where a user
    // would then look: the notification center.
    const bell = page.locator('.part.statusbar [id="status.notifications"] a');
    await bell.click();
    const center = page.locator('.notifications-center');
    const report = center
      .locator('.notification-list-item', { hasText: 'Deregister AMI:' })
      .first();
    await report.waitFor({ timeout: 30_000 });
    const reported = (await report.locator('.notification-list-item-message').textContent()) ?? '';
    // The AMI and its one snapshot.
    assert.match(reported, /^Deregister AMI: 2 succeeded\.$/);
    await session.screenshot('deregister-02-reported');
    await bell.click();
    await center.waitFor({ state: 'hidden' });
    assert.ok(!(await workbench.rowLabels(IMAGES)).includes(name), `${name} is no longer listed`);
    assert.deepEqual(
      (await describeByName(DESTINATION, name)).map((i) => i.ImageId),
      [],
      `${imageId} is deregistered in EC2`,
    );
    copy = undefined;
  });
});
