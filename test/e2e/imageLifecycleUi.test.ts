import * as assert from 'node:assert/strict';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DEMO_ACCESS_KEY_ID } from '../integration/integrationSetup';
import { useE2eSession } from './e2eSession';

const IMAGES = 'Images';
const IMAGE = 'web-server-2024.10.1';

// A user changes an AMI through its context menu, as in the issue: Manage Tags…, and the
// Lifecycle submenu's Schedule Deprecation…; EC2 (the emulator) is asked afterwards.
describe('Tags and lifecycle in the browser (real VS Code UI)', function () {
  const session = useE2eSession();

  before(async () => {
    const { workbench } = session;
    await workbench.openActivity('AMI Explorer');
    await workbench.expand(IMAGES, 'us-east-1');
    await workbench.expand(IMAGES, 'EBS-backed');
    await workbench.row(IMAGES, IMAGE).waitFor();
  });

  async function describeImage() {
    const client = new EC2Client({
      region: 'us-east-1',
      endpoint: session.emulator.url,
      credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: 'e2e' },
    });
    try {
      const result = await client.send(
        new DescribeImagesCommand({
          Owners: ['self'],
          Filters: [{ Name: 'name', Values: [IMAGE] }],
        }),
      );
      const image = result.Images?.[0];
      assert.ok(image, IMAGE);
      return image;
    } finally {
      client.destroy();
    }
  }

  it('adds a tag through Manage Tags… and EC2 has it', async () => {
    const { workbench, page } = { workbench: session.workbench, page: session.workbench.page };
    await workbench.contextMenu(workbench.row(IMAGES, IMAGE), 'Manage Tags…');
    await workbench.quickPickItems().filter({ hasText: 'Add tag…' }).first().click();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('owner');
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Value of "owner"' }).waitFor();
    await input.fill('e2e-user');
    await input.press('Enter');
    await workbench.quickPickItems().filter({ hasText: 'Apply changes' }).first().click();
    await page.locator('.notification-toast', { hasText: 'set owner=e2e-user' }).waitFor();
    const tags = (await describeImage()).Tags ?? [];
    assert.ok(
      tags.some((t) => t.Key === 'owner' && t.Value === 'e2e-user'),
      JSON.stringify(tags),
    );
    await session.screenshot('lifecycle-01-tag-added');
  });

  it('schedules deprecation from the Lifecycle submenu', async () => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.row(IMAGES, IMAGE).click({ button: 'right' });
    const submenu = page.getByRole('menuitem', { name: 'Lifecycle' });
    await submenu.hover();
    await page.keyboard.press('ArrowRight');
    const item = page.getByRole('menuitem', { name: 'Schedule Deprecation…' });
    await item.hover();
    await page.keyboard.press('Enter');
    await item.waitFor({ state: 'hidden' });
    await workbench.quickPickItems().filter({ hasText: 'In 30 days' }).first().click();
    let deprecation: string | undefined;
    for (let i = 0; i < 100 && !deprecation; i++) {
      deprecation = (await describeImage()).DeprecationTime;
      if (!deprecation) await page.waitForTimeout(100);
    }
    assert.ok(deprecation, 'EC2 has a deprecation time');
    const days = (Date.parse(deprecation) - Date.now()) / (24 * 3600 * 1000);
    assert.ok(days > 29.9 && days < 30.1, `${deprecation} is in 30 days`);
    await session.screenshot('lifecycle-02-deprecation');
  });
});
