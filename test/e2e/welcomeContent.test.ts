import * as assert from 'node:assert/strict';
import { noCredentialsEnvironment } from '../integration/integrationSetup';
import { useE2eSession } from './e2eSession';

// A VS Code whose extension host has no AWS credentials at all (and an empty HOME).
describe('AMI Explorer without AWS credentials (real VS Code UI)', function () {
  const session = useE2eSession({
    env: (emulatorUrl) => noCredentialsEnvironment(emulatorUrl, process.env),
  });

  it('says in both views that no credentials were found, and lists no regions', async () => {
    const { workbench } = session;
    await workbench.openActivity('AMI Explorer');
    for (const view of ['Images', 'Instances']) {
      await workbench.page
        .locator('.pane', { has: workbench.viewHeader(view) })
        .getByText('No AWS credentials were found', { exact: false })
        .waitFor();
    }
    assert.equal(await workbench.rows('Images').count(), 0, 'no regions listed');
    await session.screenshot('10-no-credentials');
  });

  it('shows the welcome content with a Select AWS Profile button in both views', async () => {
    const { workbench } = session;
    await workbench.openActivity('AMI Explorer');
    const images = workbench.welcomeContent('Images');
    await images
      .filter({ hasText: 'No AWS credentials were found, so AMI Explorer cannot list your AMIs.' })
      .waitFor();
    assert.equal(
      await images.getByRole('button', { name: 'Select AWS Profile' }).count(),
      1,
      'a Select AWS Profile button',
    );
    await workbench
      .welcomeContent('Instances')
      .filter({
        hasText: 'No AWS credentials were found, so AMI Explorer cannot list your instances.',
      })
      .waitFor();
    await session.screenshot('11-welcome-no-credentials');
  });

  it('says in AMI Families why it has no families', async () => {
    const { workbench } = session;
    await workbench.openActivity('AMI Explorer');
    // Collapsed at first: open it as a user does.
    await workbench.viewHeader('AMI Families').click();
    const families = workbench.welcomeContent('AMI Families');
    await families
      .filter({ hasText: 'AMI Families groups the AMIs the Images view lists, and it has none' })
      .waitFor();
    assert.equal(
      await families.getByRole('button', { name: 'Select AWS Profile' }).count(),
      1,
      'a Select AWS Profile button',
    );
  });
});
