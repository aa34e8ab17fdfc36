import * as assert from 'node:assert/strict';
import {
  CopyImageCommand,
  CreateTagsCommand,
  DescribeImagesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DEMO_ACCESS_KEY_ID } from '../integration/integrationSetup';
import { useE2eSession } from './e2eSession';

const REGION = 'ap-southeast-2';
const PREFIX = 'e2e-cleanup-svc-1.0.';

describe('Cleanup Assistant in the browser (real VS Code UI)', function () {
  const session = useE2eSession();
  let client: EC2Client;

  before(() => {
    client = new EC2Client({
      region: REGION,
      endpoint: session.emulator.url,
      credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: 'e2e' },
    });
  });
  after(() => {
    client?.destroy();
  });

  async function names(): Promise<string[]> {
    const { Images = [] } = await client.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: [`${PREFIX}*`] }],
      }),
    );
    return Images.map((i) => i.Name ?? '').sort();
  }

  it('palette → set a rule → preview with reasons → Deregister 2 AMIs… → modal → the report', async () => {
    const { workbench, emulator } = session;
    // Four versions of one family in a region the demo account has no AMIs in; v1 is tagged keep.
    const us = new EC2Client({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: 'e2e' },
    });
    const { Images = [] } = await us.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: ['web-server-2024.10.1'] }],
      }),
    );
    us.destroy();
    const ids: string[] = [];
    for (let n = 1; n <= 4; n++) {
      const { ImageId } = await client.send(
        new CopyImageCommand({
          SourceImageId: Images[0]?.ImageId,
          SourceRegion: 'us-east-1',
          Name: `${PREFIX}${n}`,
        }),
      );
      ids.push(ImageId ?? '');
      emulator.advanceTime(5_000); // available, and each version newer than the last
    }
    await client.send(
      new CreateTagsCommand({ Resources: [ids[0] ?? ''], Tags: [{ Key: 'keep', Value: 'true' }] }),
    );

    await workbench.openActivity('AMI Explorer');
    await workbench.runCommand('AMI Explorer: Cleanup Assistant…');
    const view = workbench.webview();
    await view.locator('#preview-button').waitFor({ timeout: 60_000 });

    // Rules: only ap-southeast-2, keep the newest 1.
    await view.locator('[data-action="no-regions"]').click();
    await view.locator(`vscode-checkbox[data-region="${REGION}"]`).click();
    await view.locator('#keep-newest input').fill('1');
    await view.locator('#preview-button').click();

    const candidates = view.locator('#candidates-table tbody tr');
    await candidates.first().waitFor({ timeout: 60_000 });
    assert.equal(await candidates.count(), 2);
    const rows = await candidates.allInnerTexts();
    assert.match(
      rows[0] ?? '',
      new RegExp(
        `${PREFIX.replace(/\./g, '\\.')}2[\\s\\S]*3rd newest of 4[\\s\\S]*beyond the newest 1`,
      ),
    );
    assert.match(rows[1] ?? '', /1\.0\.3[\s\S]*2nd newest of 4/);
    assert.match(
      await view.locator('#summary').innerText(),
      /^2 AMIs with 2 snapshots, \d+ GiB: up to \$\d+\.\d\d a month\.$/,
    );
    assert.match(
      await view.locator('#cost-note').innerText(),
      /upper bound: snapshots are incremental/,
    );
    const refused = await view.locator('#refused-table tbody').innerText();
    assert.match(refused, /1\.0\.1[\s\S]*protected by its tag keep=true/);
    assert.match(refused, /1\.0\.4[\s\S]*newest of .* the newest 1 are kept/);
    await session.screenshot('cleanup-01-preview');
    // README.md: the Cleanup Assistant.
    await session.readmeScreenshot('cleanup-assistant', workbench.editorArea());

    // Nothing is deleted from the preview: the button opens the deregister path's modal.
    await view.locator('#deregister-button').click();
    const dialog = workbench.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /Deregister 2 AMIs and delete 2 snapshots\?/);
    assert.match(text, /Cleanup Assistant: 2 AMIs chosen by the rules/);
    assert.deepEqual(
      await names(),
      [1, 2, 3, 4].map((n) => `${PREFIX}${n}`),
    );
    await session.screenshot('cleanup-02-confirm');
    await dialog.getByRole('button', { name: 'Deregister', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const summary = view.locator('#report-summary');
    await summary.waitFor({ timeout: 60_000 });
    assert.equal(await summary.innerText(), 'Deregister 2 AMIs: 4 succeeded.');
    const report = await view.locator('#report-items').innerText();
    assert.match(
      report,
      new RegExp(
        `${ids[1] ?? ''} \\(${PREFIX.replace(/\./g, '\\.')}2\\) in ${REGION} — deregistered`,
      ),
    );
    assert.match(report, /snapshot snap-[0-9a-f]+ \(\d+ GiB\) — deleted/);
    // The preview is planned again below the report: nothing left to choose.
    await view.locator('#candidates-title', { hasText: 'Candidates (0)' }).waitFor();
    await session.screenshot('cleanup-03-report');
    assert.deepEqual(await names(), [`${PREFIX}1`, `${PREFIX}4`]);
  });
});
