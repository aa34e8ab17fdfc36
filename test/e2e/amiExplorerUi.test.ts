import * as assert from 'node:assert/strict';
import { startE2eSession, type E2eSession } from './e2eSession';

/** The demo account "me" (test/ec2-emulator/seeds/demoAccounts.ts). */
const DEMO_ACCOUNT = '111111111111';

const IMAGES = 'Images';

// One VS Code for the whole file: the steps build on each other as a user's session does.
describe('AMI Explorer in the browser (real VS Code UI)', function () {
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

  it('opens AMI Explorer from the activity bar and lists the regions', async () => {
    const { workbench } = session;
    const started = Date.now();
    await workbench.openActivity('AMI Explorer');
    await workbench.row(IMAGES, 'us-east-1').waitFor();
    await workbench.expand(IMAGES, 'us-east-1');
    await workbench.row(IMAGES, 'web-server-2024.11.2').first().waitFor();
    // A number for the report, not an assertion.
    console.log(`      opening the view to the first AMI row: ${Date.now() - started} ms`);
    const labels = await workbench.rowLabels(IMAGES);
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
      assert.ok(labels.includes(region), `${region} in ${labels.join(', ')}`);
    }
    assert.ok(!labels.includes('af-south-1'), 'the region that is not opted in is not listed');
    await session.screenshot('01-images-view');
  });

  it('shows both backing-type groups of a region with their AMIs', async () => {
    const { workbench } = session;
    await workbench.expand(IMAGES, 'EBS-backed');
    await workbench.expand(IMAGES, 'Instance store-backed');
    await workbench.row(IMAGES, 'legacy-s3-backed-2016.09').waitFor();
    const labels = await workbench.rowLabels(IMAGES);
    const ebs = labels.indexOf('EBS-backed');
    const instanceStore = labels.indexOf('Instance store-backed');
    assert.ok(ebs >= 0 && instanceStore > ebs, labels.join(', '));
    const ebsImages = labels.slice(ebs + 1, instanceStore);
    assert.ok(ebsImages.includes('web-server-2024.10.1'), ebsImages.join(', '));
    assert.equal(labels[instanceStore + 1], 'legacy-s3-backed-2016.09');
    await session.screenshot('02-backing-groups');
  });

  it('opens an AMI as JSON from its context menu', async () => {
    const { workbench } = session;
    const row = workbench.row(IMAGES, 'web-server-2024.10.1');
    const description = (await row.locator('.label-description').textContent()) ?? '';
    const imageId = await workbench.imageIdOf(row);
    // State first, then the short id: readable at the default sidebar width.
    assert.equal(description, `available · ami-…${imageId.slice(-8)}`);
    await workbench.contextMenu(row, 'Open AMI JSON');
    await workbench.activeTabTitle().filter({ hasText: imageId }).waitFor();
    await workbench.page
      .locator('.editor-group-container.active .monaco-editor .view-lines', {
        hasText: imageId,
      })
      .waitFor();
    const text = await workbench.activeEditorText();
    assert.match(text, new RegExp(`"ImageId": "${imageId}"`));
    assert.match(text, /"Name": "web-server-2024\.10\.1"/);
    assert.match(text, /"Region": "us-east-1"/);
    await session.screenshot('03-ami-json');
  });

  it('switches the listing scope from the view title', async () => {
    const { workbench } = session;
    await workbench.clickViewAction(IMAGES, 'Choose Scope…');
    await workbench.quickPickItems().filter({ hasText: 'Amazon' }).first().waitFor();
    await workbench
      .quickPickItems()
      .filter({ hasText: /^Amazon/ })
      .first()
      .click();
    await workbench
      .viewDescription(IMAGES)
      .filter({ hasText: /^Amazon$/ })
      .waitFor();
    await workbench.expand(IMAGES, 'us-east-1');
    await workbench.row(IMAGES, 'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64').waitFor();
    const labels = await workbench.rowLabels(IMAGES);
    assert.ok(!labels.includes('web-server-2024.10.1'), 'own images are not in the Amazon scope');
    await session.screenshot('04-scope-amazon');

    // Back to the default for the steps after this one.
    await workbench.clickViewAction(IMAGES, 'Choose Scope…');
    await workbench.quickPickItems().filter({ hasText: 'Owned by me' }).first().click();
    await workbench
      .viewDescription(IMAGES)
      .filter({ hasText: /^Owned by me$/ })
      .waitFor();
  });

  it('shows an error node under a region that fails, and the other regions still load', async () => {
    const { workbench, emulator } = session;
    emulator.faults.add({
      region: 'eu-west-1',
      action: 'DescribeImages',
      // Not retried by the SDK, so the error node appears without waiting for backoff.
      error: { code: 'UnauthorizedOperation', message: 'You are not authorized.' },
    });
    try {
      await workbench.clickViewAction(IMAGES, 'Refresh Images');
      await workbench
        .row(IMAGES, 'eu-west-1')
        .locator('.label-description', { hasText: /^failed to load$/ })
        .waitFor();
      await workbench.expand(IMAGES, 'eu-west-1');
      const errorRow = workbench.rows(IMAGES).filter({
        has: workbench.page.locator('.label-name', {
          hasText: /^You are not allowed to call DescribeImages in eu-west-1\./,
        }),
      });
      await errorRow.waitFor();
      assert.equal(await errorRow.locator('.codicon-error').count(), 1, 'shown as an error');
      // The other regions finished loading after the same refresh.
      await workbench
        .row(IMAGES, 'us-east-1')
        .locator('.label-description', { hasText: /^\d+ AMIs$/ })
        .waitFor();
      await workbench.row(IMAGES, 'web-server-2024.10.1').waitFor();
      await session.screenshot('05-region-error');
    } finally {
      emulator.faults.clear();
    }
  });

  it('shows the credentials in use in the status bar', async () => {
    const { workbench } = session;
    await workbench.openActivity('AMI Explorer');
    const item = workbench.statusBarItem('AWS: default chain');
    await item.waitFor();
    assert.ok(await item.isVisible(), 'the status bar entry is visible');
  });

  it('asks for a region first when Open AMI JSON runs from the Command Palette', async () => {
    const { workbench } = session;
    // Contributed commands reach the palette once the extension is up (its status bar entry).
    await workbench.openActivity('AMI Explorer');
    await workbench.statusBarItem('AWS: default chain').waitFor();
    await workbench.runCommand('AMI Explorer: Open AMI JSON');
    await workbench.page
      .locator('.quick-input-widget .quick-input-title', { hasText: 'Open AMI JSON: region' })
      .waitFor();
    await workbench.quickPickItems().filter({ hasText: 'us-east-1' }).first().waitFor();
    const regions = (await workbench.quickPickItems().allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(regions.sort(), ['ap-southeast-2', 'eu-west-1', 'us-east-1']);
    await session.screenshot('06-palette-region');
    await workbench.page.keyboard.press('Escape');
    await workbench.quickInputBox().waitFor({ state: 'hidden' });
  });

  it('opens an AMI from the Command Palette: region, then the AMI pick that lists the region and takes a pasted id', async () => {
    const { workbench, emulator } = session;
    const image = [...emulator.world.store.images.values()].find(
      (i) =>
        i.region === 'us-east-1' && i.ownerId === DEMO_ACCOUNT && i.name === 'web-server-2024.11.2',
    );
    assert.ok(image, 'the demo estate has the image');
    await workbench.openActivity('AMI Explorer');
    await workbench.statusBarItem('AWS: default chain').waitFor();
    await workbench.runCommand('AMI Explorer: Open AMI JSON');

    // The regions the views list; typing narrows them and Enter takes the highlighted one.
    await workbench.quickPickItems().filter({ hasText: 'eu-west-1' }).first().waitFor();
    const input = workbench.quickInputBox();
    await input.fill('us-east-1');
    await workbench
      .quickPickItems()
      .filter({ hasText: 'eu-west-1' })
      .waitFor({ state: 'detached' });
    await input.press('Enter');

    // One pick: the AMIs the Images view lists in us-east-1, in its groups and order.
    await workbench.page
      .locator('.quick-input-widget .quick-input-title', {
        hasText: 'Open AMI JSON: AMI in us-east-1',
      })
      .waitFor();
    await workbench.quickPickItems().filter({ hasText: 'web-server-2024.11.2' }).first().waitFor();
    await session.screenshot('07-palette-ami-pick');
    // Half an id is no AMI id: nothing to look up is offered.
    await input.fill('ami-12');
    await workbench
      .quickPickItems()
      .filter({ hasText: 'web-server-2024.11.2' })
      .waitFor({ state: 'detached' });
    assert.equal(await workbench.quickPickItems().filter({ hasText: 'look up' }).count(), 0);
    // A pasted id is offered first, and looked up when accepted.
    await input.fill(image.imageId);
    await workbench.quickPickItems().filter({ hasText: 'look up this AMI id' }).waitFor();
    await input.press('Enter');

    await workbench
      .activeTabTitle()
      .filter({ hasText: `web-server-2024.11.2 (${image.imageId}).json` })
      .waitFor();
    const text = await workbench.activeEditorText();
    assert.match(text, new RegExp(`"ImageId": "${image.imageId}"`));
    await session.screenshot('08-palette-ami-json');
  });
});
