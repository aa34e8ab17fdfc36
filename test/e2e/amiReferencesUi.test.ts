import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { REPO_ROOT } from '../harness/codeServerInstall';
import { emulatorClient } from '../emulator/support/emulatorClient';
import { useE2eSession } from './e2eSession';

// A YAML file with an AMI id, opened the way a user opens one: AMI Explorer activates for it.
describe('AMI ids in code (real VS Code UI)', function () {
  const session = useE2eSession();
  const file = join(REPO_ROOT, 'test', 'integration', 'workspace', 'e2e-references.yaml');

  after(() => {
    rmSync(file, { force: true });
  });

  it('hovering an AMI id in a YAML file shows its name and state', async () => {
    const { workbench } = session;
    const { Images = [] } = await emulatorClient(session.emulator).send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: ['web-server-2024.10.1'] }],
      }),
    );
    const imageId = Images[0]?.ImageId;
    assert.ok(imageId, 'the demo image exists');
    writeFileSync(file, `Builder:\n  region: us-east-1\n  source_ami: ${imageId}\n`);

    const { page } = workbench;
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('e2e-references.yaml');
    await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'e2e-references.yaml' })
      .first()
      .waitFor();
    await input.press('Enter');

    const id = page
      .locator('.editor-group-container.active .view-line span span', { hasText: imageId })
      .first();
    await id.waitFor();
    const hover = page.locator('.monaco-hover', { hasText: 'web-server-2024.10.1' });
    // The mouse, as a user hovers; the first hover may come before AMI Explorer has activated for
    // YAML and answered, so move away and back, then ask with the keyboard (Show or Focus Hover).
    for (let attempt = 0; attempt < 5 && !(await hover.isVisible()); attempt++) {
      await page.mouse.move(0, 0);
      await id.hover();
      await hover.waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    if (!(await hover.isVisible())) {
      await id.click();
      await workbench.runCommand('Show or Focus Hover');
    }
    await hover.waitFor();
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, new RegExp(`${imageId} · available · us-east-1`));
    assert.match(text, /Open AMI JSON/);
    assert.match(text, /Copy Image…/);
    await session.screenshot('40-ami-id-hover');
    // README.md: the hover over an AMI id in code.
    await session.readmeScreenshot('ami-id-hover', workbench.editorTabs(), hover);
  });
});
