import * as assert from 'node:assert/strict';
import { isImageListing, isLastPage, RecordingEndpoint } from '../integration/recordingEndpoint';
import { useE2eSession } from './e2eSession';

const IMAGES = 'Images';
/** One region of 20,000 AMIs: 20 pages of 1,000. */
const IMAGE_COUNT = 20_000;
const PAGES = IMAGE_COUNT / 1000;

// Issue 11, as a user met it: one large region behind latency left the Images view empty until the
// last page, then failed with "Element with id images/us-east-1/ebs is already registered". Here the
// last page is held back until the test has seen the first rows.
describe('A region of 20,000 AMIs in the browser (real VS Code UI)', function () {
  let endpoint: RecordingEndpoint;
  let releaseLastPage: () => void = () => undefined;
  const session = useE2eSession({
    seed: { scale: { imagesPerRegion: IMAGE_COUNT } },
    proxy: async (emulatorUrl) => {
      endpoint = await RecordingEndpoint.start(emulatorUrl);
      releaseLastPage = endpoint.holdAnswers(
        (answer) => isImageListing(answer) && isLastPage(answer),
      );
      return endpoint;
    },
  });

  before(() => {
    session.emulator.faults.add({ action: 'DescribeImages', latencyMs: 20 });
  });
  after(() => {
    // Closing the session's endpoint releases held answers too; this is for a run that failed
    // before it.
    releaseLastPage();
  });

  it('shows the region at once and AMI rows before the last page has been served', async () => {
    const { workbench } = session;
    await workbench.openActivity('AMI Explorer');
    await workbench.row(IMAGES, 'us-east-1').waitFor();
    // A row of the scale estate (`web-000123`…) under the expanded region, with more on the way.
    const amiRow = workbench.rows(IMAGES).filter({
      has: workbench.page.locator('.label-name', { hasText: /^[a-z]+-\d{6}$/ }),
    });
    await amiRow.first().waitFor({ timeout: 60_000 });
    // Answered pages have a status; the held one has none yet.
    const served = endpoint.imageListings('us-east-1').filter((c) => c.status !== 0);
    assert.ok(
      served.length < PAGES,
      `rows show after ${served.length} of ${PAGES} pages were served (the last is held)`,
    );
    assert.equal(endpoint.heldAnswers <= 1, true);
    assert.match(
      (await workbench.row(IMAGES, 'us-east-1').locator('.label-description').textContent()) ?? '',
      /^\d+ AMIs, loading…$/,
    );
    await session.screenshot('20-large-region-first-rows');
  });

  it('ends with every group and the count, without an error', async () => {
    const { workbench } = session;
    releaseLastPage();
    await workbench
      .row(IMAGES, 'us-east-1')
      .locator('.label-description', { hasText: new RegExp(`^${IMAGE_COUNT} AMIs$`) })
      .waitFor({ timeout: 60_000 });
    // Each group is headed by its newest AMI once every page is in (the scale estate's newest
    // is n = 19999, instance store-backed; the newest EBS-backed one is n = 19998).
    const ebs = workbench.row(IMAGES, 'EBS-backed');
    await ebs.waitFor();
    assert.match((await ebs.locator('.label-description').textContent()) ?? '', /^19000$/);
    await workbench.row(IMAGES, 'build-019998').waitFor();
    await ebs.locator('.monaco-tl-twistie').click();
    const store = workbench.row(IMAGES, 'Instance store-backed');
    await store.waitFor();
    assert.match((await store.locator('.label-description').textContent()) ?? '', /^1000$/);
    await workbench.row(IMAGES, 'bastion-019999').waitFor();
    const toasts = await workbench.notifications().allInnerTexts();
    assert.ok(
      !toasts.some((t) => /already registered/.test(t)),
      `no tree error: ${toasts.join(' | ')}`,
    );
    await session.screenshot('21-large-region-loaded');
  });
});
