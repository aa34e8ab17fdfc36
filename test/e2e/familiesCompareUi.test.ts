import * as assert from 'node:assert/strict';
import { useE2eSession } from './e2eSession';

const IMAGES = 'Images';
const FAMILIES = 'AMI Families';
const NEWER = 'orders-api-1.6.0';
const OLDER = 'orders-api-1.5.0';

// Compare two versions of an image family, as a user does: the context menu of an AMI in the
// Images view (eu-west-1), "Compare with…", the previous version picked from the same family (listed first);
// VS Code's diff editor opens on the two normalised AMI documents.
describe('Families and compare in the browser (real VS Code UI)', function () {
  const session = useE2eSession();

  before(async () => {
    const { workbench } = session;
    await workbench.openActivity('AMI Explorer');
    await workbench.expand(IMAGES, 'eu-west-1');
    await workbench.expand(IMAGES, 'EBS-backed');
    await workbench.row(IMAGES, NEWER).waitFor();
  });

  it('"Compare with…" opens a diff of two versions of a family', async () => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.contextMenu(workbench.row(IMAGES, NEWER), 'Compare with…');
    // The same family comes first, under its separator.
    await page.locator('.quick-input-widget', { hasText: 'Same family: orders-api-*' }).waitFor();
    const labels = await workbench.quickPickItems().locator('.label-name').allInnerTexts();
    assert.equal(labels[0], OLDER, labels.join(', '));
    await workbench
      .quickPickItems()
      .filter({ hasText: OLDER })
      .filter({ hasText: 'eu-west-1' })
      .first()
      .click();
    const diff = page.locator('.editor-group-container.active .monaco-diff-editor');
    await diff.waitFor();
    const title = (await workbench.activeTabTitle().innerText()).replace(/\u00a0/g, ' ');
    assert.match(title, new RegExp(`${OLDER} \\(eu-west-1\\) ↔ ${NEWER} \\(eu-west-1\\)`));
    // The data volume only the newer version has is an inserted line on the right.
    await diff.locator('.editor.modified .view-line', { hasText: '/dev/xvdf' }).first().waitFor();
    await session.screenshot('50-compare-family-versions');
  });

  it('the AMI Families view lists the family with its versions', async () => {
    const { workbench } = session;
    await workbench.page.keyboard.press('Escape');
    // Make room: collapse Images and Instances, open AMI Families (collapsed by default).
    await workbench.viewHeader(IMAGES).click();
    await workbench.viewHeader('Instances').click();
    await workbench.viewHeader(FAMILIES).click();
    await workbench.expand(FAMILIES, 'orders-api-*');
    await workbench.row(FAMILIES, NEWER).waitFor();
    const labels = await workbench.rowLabels(FAMILIES);
    const at = labels.indexOf(NEWER);
    assert.deepEqual(
      labels.slice(at, at + 3),
      [NEWER, OLDER, 'orders-api-1.4.0'],
      labels.join(', '),
    );
    await session.screenshot('51-ami-families-view');
  });
});
