import * as assert from 'node:assert/strict';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { emulatorClient } from '../emulator/support/emulatorClient';
import { useE2eSession } from './e2eSession';

const IMAGES = 'Images';

// Show Lineage as a user runs it: the AMI's context menu, the chain in a quick pick, a click.
describe('Show Lineage (real VS Code UI)', function () {
  const session = useE2eSession();

  it('shows the chain of a copy of a copy and opens the root AMI from it', async () => {
    const { workbench } = session;
    const { Images = [] } = await emulatorClient(session.emulator).send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: ['web-server-2024.11.2'] }],
      }),
    );
    const rootId = Images[0]?.ImageId;
    assert.ok(rootId, 'the root of the demo lineage exists in us-east-1');

    await workbench.openActivity('AMI Explorer');
    await workbench.expand(IMAGES, 'eu-west-1');
    const group = workbench
      .rows(IMAGES)
      .filter({ has: workbench.page.locator('.label-name', { hasText: /^EBS-backed$/ }) })
      .last();
    await group.waitFor();
    if ((await group.getAttribute('aria-expanded')) !== 'true') {
      await group.locator('.monaco-tl-twistie').click();
    }
    const leaf = workbench.row(IMAGES, 'app-runtime-2024.12');
    await leaf.waitFor();
    await workbench.contextMenu(leaf, 'Show Lineage');

    const items = workbench.quickPickItems();
    const root = items.filter({ hasText: `${rootId} · us-east-1` });
    await root.waitFor();
    const texts = (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    assert.equal(texts.length, 3, texts.join(' | '));
    assert.match(texts[0] ?? '', /app-runtime-2024\.12.*eu-west-1.*this AMI/);
    assert.match(texts[1] ?? '', /web-server-2024\.11\.2.*eu-west-1.*generation 1/);
    assert.match(
      texts[2] ?? '',
      new RegExp(`web-server-2024\\.11\\.2.*${rootId} · us-east-1.*root`),
    );
    await session.screenshot('50-show-lineage');
    // README.md: Show Lineage.
    await session.readmeScreenshot('show-lineage', workbench.quickInput());

    await root.click();
    await workbench.activeTabTitle().filter({ hasText: rootId }).waitFor();
    const text = await workbench.activeEditorText();
    assert.match(text, new RegExp(`"ImageId": "${rootId}"`));
    assert.match(text, /"Region": "us-east-1"/);
  });
});
