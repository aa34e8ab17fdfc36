import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { useE2eSession } from './e2eSession';

const IMAGES = 'Images';

/** The page's clipboard (the tests are compiled without the DOM's types). */
interface PageWindow {
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
}
const IMAGE = 'web-server-2024.10.1';

// One VS Code for the file: a new user opens the walkthrough, then works the Images view by keys.
describe('Getting Started walkthrough and the Images view keys (real VS Code UI)', function () {
  const session = useE2eSession();

  before(async () => {
    // The copied id is read back from the browser's clipboard, as a paste would.
    await session.workbench.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  /** The walkthrough's tab (opening it again only reveals it). */
  async function showWalkthrough(): Promise<void> {
    const { workbench } = session;
    await workbench.runCommand('Welcome: Open Walkthrough...');
    await workbench.quickPickItems().filter({ hasText: 'Get Started with AMI Explorer' }).waitFor();
    await workbench.page.keyboard.type('Get Started with AMI Explorer');
    await workbench.page.locator('.quick-input-widget .quick-input-box input').press('Enter');
    await workbench.page.locator('.gettingStartedContainer').first().waitFor();
  }

  /** The checkbox of a walkthrough step (VS Code ticks it when the step's event happens). */
  function stepCheckbox(stepId: string): Locator {
    return session.workbench.page.locator(`[data-done-step-id$="#${stepId}"]`).first();
  }

  async function stepDone(stepId: string): Promise<boolean> {
    const checkbox = stepCheckbox(stepId);
    await checkbox.waitFor({ state: 'attached' });
    return (await checkbox.getAttribute('aria-checked')) === 'true';
  }

  async function waitForStepDone(stepId: string): Promise<void> {
    const checkbox = stepCheckbox(stepId);
    await checkbox.and(session.workbench.page.locator('[aria-checked="true"]')).waitFor({
      state: 'attached',
    });
  }

  /** Clicks an AMI row: it is selected and the tree has the keyboard focus. */
  async function focusRow(label: string): Promise<Locator> {
    const row = session.workbench.row(IMAGES, label);
    await row.locator('.label-name').click();
    await session.workbench.page
      .locator('.monaco-list-row.selected.focused', { hasText: label })
      .waitFor();
    // The row may have been selected already: wait until the keyboard is in the tree too.
    await session.workbench
      .tree(IMAGES)
      .and(session.workbench.page.locator(':focus-within'))
      .waitFor();
    return row;
  }

  it('opens the walkthrough with its steps, none done before AMI Explorer has listed anything', async () => {
    await showWalkthrough();
    const page = session.workbench.page;
    for (const title of [
      'Connect to AWS',
      'See your AMIs by region',
      'Choose whose AMIs',
      "Open an AMI's JSON",
      'Block devices and sharing',
    ]) {
      await page.locator('.getting-started-step', { hasText: title }).first().waitFor();
    }
    for (const step of ['credentials', 'regions', 'openJson', 'panels']) {
      assert.equal(await stepDone(step), false, `${step} is not done yet`);
    }
    await session.screenshot('walkthrough-01-opened');
  });

  it('ticks "Connect to AWS" and "See your AMIs by region" once a region has listed its AMIs', async () => {
    const { workbench } = session;
    await workbench.openActivity('AMI Explorer');
    await workbench.expand(IMAGES, 'us-east-1');
    await workbench.expand(IMAGES, 'EBS-backed');
    await workbench.row(IMAGES, IMAGE).waitFor();
    // The walkthrough stays open in the editor area beside the view.
    await waitForStepDone('credentials');
    await waitForStepDone('regions');
    assert.equal(await stepDone('openJson'), false);
    await session.screenshot('walkthrough-02-regions-done');
  });

  it('Enter on an AMI row opens its JSON, which ticks the JSON step', async () => {
    const { workbench } = session;
    const row = await focusRow(IMAGE);
    const imageId = await workbench.imageIdOf(row);
    await workbench.page.keyboard.press('Enter');
    await workbench.activeTabTitle().filter({ hasText: imageId }).waitFor();
    assert.match(await workbench.activeEditorText(), new RegExp(`"ImageId": "${imageId}"`));
    await session.screenshot('keys-01-enter-opens-json');
    await showWalkthrough();
    await waitForStepDone('openJson');
    // Closed again: a walkthrough that re-renders (a step ticked) can take the keyboard focus from
    // the tree between two keys of the next tests.
    await workbench.page
      .locator('.tab', { hasText: 'Walkthrough: AMI Explorer' })
      .locator('.codicon-close')
      .click();
    await workbench.page.locator('.gettingStartedContainer').first().waitFor({ state: 'detached' });
  });

  it('Enter acts on the row the arrow keys moved to (the focus, not the old selection)', async () => {
    const { workbench } = session;
    await focusRow(IMAGE);
    await workbench.page.keyboard.press('ArrowDown');
    const focused = workbench.rows(IMAGES).and(workbench.page.locator('.focused'));
    await focused.filter({ hasNotText: IMAGE }).waitFor();
    // The keyboard is still in the tree.
    await workbench.tree(IMAGES).and(workbench.page.locator(':focus-within')).waitFor();
    const nextId = await workbench.imageIdOf(focused);
    await workbench.page.keyboard.press('Enter');
    await workbench.activeTabTitle().filter({ hasText: nextId }).waitFor();
  });

  it('F2 on an AMI row asks for its new description', async () => {
    const { workbench } = session;
    const row = await focusRow(IMAGE);
    const imageId = await workbench.imageIdOf(row);
    await workbench.page.keyboard.press('F2');
    const title = workbench.page.locator('.quick-input-widget .quick-input-title');
    await title.filter({ hasText: `Edit Description: ${IMAGE} (${imageId})` }).waitFor();
    await session.screenshot('keys-02-f2-description');
    await workbench.page.keyboard.press('Escape');
    await workbench.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  });

  it('Ctrl+C on an AMI row copies its id', async () => {
    const { workbench } = session;
    const page = workbench.page;
    await page.evaluate(() =>
      (globalThis as unknown as PageWindow).navigator.clipboard.writeText('nothing copied yet'),
    );
    const row = await focusRow(IMAGE);
    const imageId = await workbench.imageIdOf(row);
    await page.keyboard.press('Control+C');
    // The status bar says so for a few seconds.
    await workbench.statusBarItem(`Copied ${imageId}`).waitFor();
    // The message comes after the clipboard was written.
    const copied = await page.evaluate(() =>
      (globalThis as unknown as PageWindow).navigator.clipboard.readText(),
    );
    assert.equal(copied, imageId);
  });

  it('Delete on an AMI row asks to deregister it; Cancel leaves it', async () => {
    const { workbench } = session;
    const page = workbench.page;
    const row = await focusRow(IMAGE);
    const imageId = await workbench.imageIdOf(row);
    await page.keyboard.press('Delete');
    // The options first (nothing ticked), then the confirmation naming the AMI.
    await workbench.page
      .locator('.quick-input-widget .quick-input-title', { hasText: 'Deregister: options' })
      .waitFor();
    await page.locator('.quick-input-widget .quick-input-box input').press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', new RegExp(imageId));
    await session.screenshot('keys-03-delete-confirms');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await workbench.imageIdOf(workbench.row(IMAGES, IMAGE)), imageId, 'still listed');
  });

  it('a block-devices panel ticks the last step', async () => {
    const { workbench } = session;
    const row = workbench.row(IMAGES, IMAGE);
    await workbench.contextMenu(row, 'Show Block Devices');
    await workbench.activeTabTitle().filter({ hasText: 'Block Devices' }).waitFor();
    // Keys pressed in a panel stay in its frame: the workbench gets the focus back first.
    await focusRow(IMAGE);
    await showWalkthrough();
    await waitForStepDone('panels');
    await session.screenshot('walkthrough-03-steps-done');
  });
});
