import * as assert from 'node:assert/strict';
import { startE2eSession, type E2eSession } from './e2eSession';

const IMAGES = 'Images';
const INSTANCES = 'Instances';

// A user makes an AMI of a running web server from the Instances view and watches it appear.
describe('Create Image… in the browser (real VS Code UI)', function () {
  let session: E2eSession;

  before(async () => {
    session = await startE2eSession();
    // New images stay pending until the test moves the emulator's clock, so "pending" is observable.
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

  it('right-click an instance → Create Image… → wizard → the AMI shows pending, then available', async () => {
    const { workbench, emulator } = session;
    const page = workbench.page;
    const name = `e2e web-2 ${Date.now().toString(36)}`;

    await workbench.openActivity('AMI Explorer');
    // The Images view shows the region (loaded) so the new AMI can appear in place.
    await workbench.expand(IMAGES, 'us-east-1');
    await workbench.expand(IMAGES, 'EBS-backed');
    await workbench.row(IMAGES, 'web-server-2024.10.1').waitFor();
    await workbench.expand(INSTANCES, 'us-east-1');
    const instance = workbench.row(INSTANCES, 'web-2');
    await instance.waitFor();

    await workbench.contextMenu(instance, 'Create Image…');

    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('.quick-input-box input');
    const title = widget.locator('.quick-input-title');
    const step = async (n: number): Promise<void> => {
      await title.filter({ hasText: new RegExp(`\\(${n}/\\d+\\)`) }).waitFor();
    };

    // 1. Name: prefilled from the Name tag and today's date; a taken name is refused as you type.
    await step(1);
    await title.filter({ hasText: 'Create Image from web-2' }).waitFor();
    assert.match(await input.inputValue(), /^web-2 \d{4}-\d{2}-\d{2}$/);
    await input.fill('web-server-2024.10.1');
    await widget
      .locator('.quick-input-message', { hasText: /already exists in us-east-1/ })
      .waitFor();
    await session.screenshot('create-image-01-duplicate-name');
    await input.fill(name);
    await widget.locator('.quick-input-message', { hasText: /already exists/ }).waitFor({
      state: 'hidden',
    });
    await input.press('Enter');

    // 2. Description.
    await step(2);
    await input.fill('made by the e2e test');
    await input.press('Enter');

    // 3. Copy the instance's tags (only Name here; left unchecked).
    await step(3);
    await widget.locator('.monaco-list-row', { hasText: 'Name' }).first().waitFor();
    await input.press('Enter');

    // 4. More tags.
    await step(4);
    await input.fill('team=e2e');
    await input.press('Enter');

    // 5. Consistency, explained: pick "No reboot".
    await step(5);
    await widget.locator('.monaco-list-row', { hasText: 'crash-consistent' }).waitFor();
    await widget.locator('.monaco-list-row', { hasText: 'Stop the instance first' }).waitFor();
    await session.screenshot('create-image-02-consistency');
    await input.fill('No reboot');
    await input.press('Enter');

    // 6. Block-device review: the root volume with its size and encryption.
    await step(6);
    await widget.locator('.monaco-list-row', { hasText: '/dev/xvda' }).first().waitFor();
    await session.screenshot('create-image-03-volumes');
    await input.press('Enter');
    await widget.waitFor({ state: 'hidden' });

    // The new AMI is in the tree at once, pending.
    const row = workbench.row(IMAGES, name);
    await row.locator('.label-description', { hasText: /^pending · ami-…[0-9a-f]{8}$/ }).waitFor();
    await session.screenshot('create-image-04-pending');

    // EC2 finishes the image; the tree says so without a reload.
    emulator.advanceTime(11 * 60_000);
    await row
      .locator('.label-description', { hasText: /^available · ami-…[0-9a-f]{8}$/ })
      .waitFor({ timeout: 30_000 });
    await workbench
      .notifications()
      .filter({
        hasText: new RegExp(`Image ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .* is available`),
      })
      .first()
      .waitFor();
    await session.screenshot('create-image-05-available');
  });
  it('an endpoint that answers CreateImage with an HTML 500 page: one readable sentence, no markup or SDK internals', async () => {
    const { workbench, emulator } = session;
    const page = workbench.page;
    const name = `e2e html-500 ${Date.now().toString(36)}`;
    // A gateway in front of EC2 (or an endpoint without the action) answers with its error page.
    emulator.faults.set([{ action: 'CreateImage', foreignAnswer: { body: 'html', status: 500 } }]);
    try {
      await workbench.openActivity('AMI Explorer');
      await workbench.expand(INSTANCES, 'us-east-1');
      const instance = workbench.row(INSTANCES, 'web-1');
      await instance.waitFor();
      await workbench.contextMenu(instance, 'Create Image…');

      const widget = page.locator('.quick-input-widget');
      const input = widget.locator('.quick-input-box input');
      const title = widget.locator('.quick-input-title');
      const step = async (n: number): Promise<void> => {
        await title.filter({ hasText: new RegExp(`\\(${n}/\\d+\\)`) }).waitFor();
      };
      await step(1);
      await input.fill(name);
      await widget.locator('.quick-input-message', { hasText: /already exists/ }).waitFor({
        state: 'hidden',
      });
      await input.press('Enter');
      await step(2);
      await input.press('Enter');
      await step(3);
      await input.press('Enter');
      await step(4);
      await input.press('Enter');
      await step(5);
      await widget.locator('.monaco-list-row', { hasText: 'crash-consistent' }).waitFor();
      await input.fill('No reboot');
      await input.press('Enter');
      await step(6);
      await input.press('Enter');
      await widget.waitFor({ state: 'hidden' });

      const toast = workbench
        .notifications()
        .filter({ hasText: 'with a page that is not an EC2 response' })
        .first();
      await toast.waitFor({ timeout: 60_000 });
      await session.screenshot('create-image-06-html-500');
      const text = ((await toast.locator('.notification-list-item-message').textContent()) ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      // A 500 from whatever answered does not prove CreateImage was not applied: the extension
      // re-reads EC2 and says what it knows.
      const cause = `The endpoint ${emulator.url} answered HTTP 500 with a page that is not an EC2 response (is a proxy or gateway in between, or does this endpoint not support CreateImage?)`;
      assert.equal(text.slice(0, cause.length), cause);
      assert.match(
        text.slice(cause.length),
        new RegExp(
          `^ It is not known whether the image "${name}" was created: no image of that name from i-[0-9a-f]+ shows in us-east-1 yet, but EC2 may still create it\\.`,
        ),
      );
      assert.doesNotMatch(text, /<|>|Deserialization|\$response|UnknownError|XML parse/);
      // Nothing was created, and nothing claims otherwise.
      assert.equal(await workbench.row(IMAGES, name).count(), 0);
    } finally {
      emulator.faults.clear();
    }
  });
  it('Register Image… from the Command Palette: an S3 manifest becomes a pending, then available AMI', async () => {
    const { workbench, emulator } = session;
    const page = workbench.page;
    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('.quick-input-box input');
    const name = `e2e-registered-${Date.now().toString(36)}`;
    await workbench.openActivity('AMI Explorer');
    await workbench.expand(IMAGES, 'us-east-1');
    // The tree renders only visible rows: fold the long EBS group so the other one is on screen.
    const ebs = workbench.row(IMAGES, 'EBS-backed');
    await ebs.waitFor();
    if ((await ebs.getAttribute('aria-expanded')) === 'true') {
      await ebs.locator('.monaco-tl-twistie').click();
    }
    await workbench.expand(IMAGES, 'Instance store-backed');

    // "Register Image…" is also a substring of "Re-register Image…": pick the exact entry.
    await page.keyboard.press('F1');
    await input.fill('>AMI Explorer: Register Image');
    await page.getByRole('option', { name: /^AMI Explorer: Register Image…/ }).click();
    await widget.locator('.monaco-list-row', { hasText: 'us-east-1' }).first().waitFor();
    await input.fill('us-east-1');
    // Enter takes the highlighted item: wait until typing has narrowed the list.
    await widget
      .locator('.monaco-list-row', { hasText: 'eu-west-1' })
      .waitFor({ state: 'detached' });
    await input.press('Enter');

    const title = widget.locator('.quick-input-title');
    await title.filter({ hasText: 'Register Image in us-east-1 (1/' }).waitFor();
    await input.fill('S3 manifest');
    await input.press('Enter');
    await title.filter({ hasText: '(2/' }).waitFor();
    // Validated as you type: not a manifest yet.
    await input.fill('my-bucket/images/web');
    await widget.locator('.quick-input-message', { hasText: /\.manifest\.xml/ }).waitFor();
    await input.fill('my-bucket/images/web/image.manifest.xml');
    await widget
      .locator('.quick-input-message', { hasText: /\.manifest\.xml/ })
      .waitFor({ state: 'hidden' });
    await input.press('Enter');
    await title.filter({ hasText: '(3/' }).waitFor();
    await input.fill(name);
    await input.press('Enter');
    await title.filter({ hasText: '(4/' }).waitFor();
    await input.fill('registered by the e2e test');
    await input.press('Enter');
    await title.filter({ hasText: '(5/' }).waitFor();
    await input.fill('x86_64');
    await input.press('Enter');
    await title.filter({ hasText: '(6/' }).waitFor();
    await session.screenshot('register-image-01-virtualization');
    await input.fill('hvm');
    await input.press('Enter');
    await widget.waitFor({ state: 'hidden' });

    const row = workbench.row(IMAGES, name);
    await row.locator('.label-description', { hasText: /^pending · ami-…[0-9a-f]{8}$/ }).waitFor();
    await session.screenshot('register-image-02-pending');
    emulator.advanceTime(11 * 60_000);
    await row
      .locator('.label-description', { hasText: /^available · ami-…[0-9a-f]{8}$/ })
      .waitFor({ timeout: 30_000 });
    await session.screenshot('register-image-03-available');
  });
  it('Re-register Image… on an instance store-backed AMI: confirm the listed steps, the AMI comes back with a new id', async () => {
    const { workbench, emulator } = session;
    const page = workbench.page;
    const name = 'legacy-s3-backed-2016.09';
    await workbench.openActivity('AMI Explorer');
    await workbench.expand(IMAGES, 'us-east-1');
    const ebs = workbench.row(IMAGES, 'EBS-backed');
    if ((await ebs.getAttribute('aria-expanded')) === 'true') {
      await ebs.locator('.monaco-tl-twistie').click();
    }
    await workbench.expand(IMAGES, 'Instance store-backed');
    const row = workbench.row(IMAGES, name);
    const before = await workbench.imageIdOf(row);

    await workbench.contextMenu(row, 'Re-register Image…');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    assert.match(await input.inputValue(), /\.manifest\.xml$/);
    await input.press('Enter');

    // The modal names every step before anything changes.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, new RegExp(`Deregister ${before} \\(${name.replace(/\./g, '\\.')}\\)`));
    assert.match(text, /Register .*manifest\.xml again/);
    assert.match(text, /not affected/);
    await session.screenshot('reregister-01-confirm');
    await dialog.getByRole('button', { name: 'Re-register' }).click();

    const renewed = row.locator('.label-description', { hasText: /^pending · ami-…[0-9a-f]{8}$/ });
    await renewed.waitFor();
    const after = await workbench.imageIdOf(row);
    assert.ok(after !== before, `a new id (${after} vs ${before})`);
    emulator.advanceTime(11 * 60_000);
    await row
      .locator('.label-description', { hasText: `available · ami-…${after.slice(-8)}` })
      .waitFor({ timeout: 30_000 });
    await session.screenshot('reregister-02-available');
  });
});
