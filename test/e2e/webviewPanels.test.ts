import * as assert from 'node:assert/strict';
import { useE2eSession, type E2eSession } from './e2eSession';

const IMAGES = 'Images';
const OU = 'arn:aws:organizations::111111111111:ou/o-demo123456/ou-demo-platform1';

// One VS Code for the whole file: open a panel, use it, close it, as a user does.
describe('AMI panels in the browser (block devices, launch permissions)', function () {
  const session = useE2eSession();

  before(async () => {
    const { workbench } = session;
    await workbench.openActivity('AMI Explorer');
    await workbench.expand(IMAGES, 'us-east-1');
    await workbench.expand(IMAGES, 'EBS-backed');
  });
  afterEach(async () => {
    await session.workbench.runCommand('View: Close All Editors');
  });

  it('reads the block-device table of an AMI with three encrypted volumes', async () => {
    const { workbench } = session;
    const started = Date.now();
    await workbench.contextMenu(
      workbench.row(IMAGES, 'data-pipeline-encrypted-2024.07'),
      'Show Block Devices',
    );
    const view = workbench.webview();
    const table = view.locator('table[aria-label="Block-device mappings"]');
    await table.waitFor({ timeout: 60_000 });
    console.log(`      context menu to the rendered table: ${Date.now() - started} ms`);

    const headers = await table.locator('thead th').allInnerTexts();
    assert.deepEqual(headers.slice(0, 4), ['Device', 'Kind', 'Snapshot', 'Size (GiB)']);
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), 3);
    const first = await rows.nth(0).locator('th, td').allInnerTexts();
    assert.match(first[0] ?? '', /\/dev\/xvda\s*root/);
    assert.equal(first[1], 'EBS');
    assert.match(first[2] ?? '', /^snap-[0-9a-f]+/);
    assert.equal(first[3], '20');
    assert.match(first[7] ?? '', /yes/);
    assert.match(first[8] ?? '', /^key\//, 'the KMS key is shortened');
    assert.match(
      (await rows
        .nth(0)
        .locator('td')
        .nth(7)
        .locator('span[tabindex="0"]')
        .getAttribute('title')) ?? '',
      /^arn:aws:kms:us-east-1:111111111111:key\//,
      'the full ARN is the tooltip',
    );
    assert.equal(await view.locator('#total-volumes').innerText(), '3 (3 EBS)');
    assert.equal(await view.locator('#total-encryption').innerText(), 'all encrypted');
    assert.match(await view.locator('h1').innerText(), /data-pipeline-encrypted-2024\.07/);
    await hideTreeHover(session);
    await session.screenshot('webview-block-devices');
    // README.md: the block-device panel.
    await session.readmeScreenshot('block-devices', workbench.editorArea());
  });

  it('brings the panel back after a window reload', async () => {
    const { workbench } = session;
    await workbench.runCommand('Show Block Devices');
    // From the palette: a region, then an AMI of that region (the pick lists the view's AMIs,
    // grouped and ordered like the tree; typing filters them).
    const input = workbench.page.locator('.quick-input-widget .quick-input-box input');
    await workbench.quickPickItems().filter({ hasText: 'us-east-1' }).first().waitFor();
    await input.fill('us-east-1');
    await input.press('Enter');
    await workbench.quickPickItems().filter({ hasText: 'web-server-2024.11.2' }).waitFor();
    await input.fill('legacy-s3');
    await workbench.quickPickItems().filter({ hasText: 'legacy-s3-backed-2016.09' }).waitFor();
    await input.press('Enter');
    const view = workbench.webview();
    await view.getByText('The image itself lives in Amazon S3').waitFor({ timeout: 60_000 });

    // Wait for the reload's own navigation: checking readiness right after the command would find
    // the old page (and its webview) still there.
    const page = workbench.page;
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await workbench.runCommand('Developer: Reload Window');
    await reloaded;
    await workbench.waitUntilReady();
    const restored = workbench.webview();
    await restored.getByText('The image itself lives in Amazon S3').waitFor({ timeout: 60_000 });
    const kinds = await restored
      .locator('table[aria-label="Block-device mappings"] tbody tr td:nth-child(2)')
      .allInnerTexts();
    assert.ok(kinds.includes('instance store (ephemeral0)'), kinds.join(', '));
    await hideTreeHover(session);
    await session.screenshot('webview-block-devices-restored');
    // The reload also reset the tree; the next test starts from it.
    await workbench.openActivity('AMI Explorer');
    await workbench.expand(IMAGES, 'us-east-1');
    await workbench.expand(IMAGES, 'EBS-backed');
  });

  it('adds an account and an OU to the launch permissions and applies them', async () => {
    const { workbench } = session;
    await workbench.contextMenu(
      workbench.row(IMAGES, 'web-server-2024.11.2'),
      'Edit Launch Permissions…',
    );
    const view = workbench.webview();
    const input = view.locator('#add-input textarea');
    await input.waitFor({ timeout: 60_000 });
    await view.locator('#no-entries').waitFor();

    // An invalid account id is explained as it is typed, and cannot be added.
    await input.fill('12345');
    await view.locator('ul.validation').getByText('exactly 12 digits').waitFor();
    assert.equal(await view.locator('#add-button').getAttribute('disabled'), '');
    await hideTreeHover(session);
    await session.screenshot('webview-launch-permissions-invalid');

    // Paste an account and an OU at once.
    await input.fill(`222222222222,\n${OU}`);
    await view.locator('#add-button:not([disabled])').click();
    const table = view.locator('#permissions-table');
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 2);
    assert.match(await table.locator('tbody').innerText(), /to add/);
    assert.equal(await view.locator('#pending-summary').innerText(), 'Unapplied: 2 to add.');

    await view.locator('#apply-button').click();
    await view
      .locator('#status')
      .getByText(/^\s*Applied: added account 222222222222/)
      .waitFor({
        timeout: 30_000,
      });
    const body = await table.locator('tbody').innerText();
    assert.match(body, /222222222222/);
    assert.match(body, new RegExp(OU.replace(/[/.]/g, '\\$&')));
    assert.doesNotMatch(body, /to add/, 'the panel shows what EC2 now has');
    assert.equal(await view.locator('#pending-summary').innerText(), 'No unapplied changes.');
    await hideTreeHover(session);
    await session.screenshot('webview-launch-permissions');
    // README.md: the launch-permission panel.
    await session.readmeScreenshot('launch-permissions', workbench.editorArea());
  });

  it('warns about encrypted snapshots and reports the one EC2 would not share', async () => {
    const { workbench } = session;
    await workbench.contextMenu(
      workbench.row(IMAGES, 'data-pipeline-encrypted-2024.07'),
      'Edit Launch Permissions…',
    );
    const view = workbench.webview();
    const input = view.locator('#add-input textarea');
    await input.waitFor({ timeout: 60_000 });
    const warnings = view.locator('.snapshot-warning');
    assert.equal(await warnings.count(), 3, 'one warning per encrypted snapshot');
    assert.match(
      (await warnings.first().getAttribute('title')) ?? '',
      /KMS key arn:aws:kms:us-east-1:111111111111:key\/.*AWS managed key \(aws\/ebs\)/,
    );
    assert.match(await view.locator('#encryption-note').innerText(), /cannot be shared/);

    await input.fill('222222222222');
    await input.press('Control+Enter');
    await view.locator('#apply-button:not([disabled])').click();
    const status = view.locator('#status');
    await status.getByText(/Applied: added account 222222222222/).waitFor({ timeout: 30_000 });
    // Two snapshots use customer keys and were shared; the default-key one was refused.
    assert.match(await status.innerText(), /granted on 2 snapshot\(s\)/);
    assert.match(await status.innerText(), /EBS default key cannot be shared/);
    await hideTreeHover(session);
    await session.screenshot('webview-launch-permissions-encrypted');
  });
});

/** The context menu leaves the mouse over the tree, whose hover would cover the panel. */
async function hideTreeHover(session: E2eSession): Promise<void> {
  const { page } = session.workbench;
  await page.mouse.move(1200, 860);
  await page.locator('.monaco-hover').first().waitFor({ state: 'hidden' });
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}
