import * as assert from 'node:assert/strict';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
import { childNamed, renderChildren, type RenderedNode } from './renderedTree';
import { setSettings } from './userSettings';

type Node = RenderedNode<unknown>;

/** The image rows of a region, across its backing-type groups (or its one message row). */
async function imagesIn(region: string): Promise<Node[]> {
  const { imagesTree } = await amiExplorer();
  const regionRow = await childNamed(imagesTree, undefined, region);
  const rows: Node[] = [];
  for (const child of await renderChildren(imagesTree, regionRow.node)) {
    if (child.collapsible) rows.push(...(await renderChildren(imagesTree, child.node)));
    else rows.push(child);
  }
  return rows;
}

async function labelsIn(region: string): Promise<string[]> {
  return (await imagesIn(region)).map((r) => r.label);
}

/** Applies settings and waits until the Images view says it uses them. */
async function useScope(
  settings: Readonly<Record<string, unknown>>,
  viewDescription: string,
): Promise<() => Promise<void>> {
  const restore = await setSettings(settings);
  const { imagesView } = await amiExplorer();
  await eventually(() => assert.equal(imagesView.description, viewDescription));
  return restore;
}

// The demo account "me" is 111111111111; partner 222222222222 shares three images with it in
// us-east-1 (directly, through the organization, through the OU) and keeps one private.
describe('Listing scope, name filter and listing options', () => {
  const endpoint = routeThroughRecordingEndpoint();
  let restore: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await restore?.();
    restore = undefined;
    endpoint().clearFailures();
  });

  it('"Shared with me" lists what other accounts let me launch', async () => {
    restore = await useScope({ 'listing.scope': 'shared' }, 'Shared with me');
    endpoint().clear();
    const shared = await labelsIn('us-east-1');
    for (const name of [
      'partner-agent-shared-with-111-2.3',
      'partner-org-baseline-2024.10',
      'partner-platform-ou-tools-1.0',
    ]) {
      assert.ok(shared.includes(name), `${name} in ${shared.join(', ')}`);
    }
    assert.ok(!shared.includes('partner-private-build-9'), 'the partner did not share it');
    assert.ok(
      !shared.some((n) => n.startsWith('al2023-')),
      'public Amazon images are not "shared with me"',
    );
    assert.ok(!shared.includes('web-server-2024.10.1'), 'my own private image is not shared');
    assert.deepEqual(await labelsIn('eu-west-1'), ['No AMIs in this scope']);

    // What EC2 was asked: ExecutableUsers=self, not an owner list.
    const [call] = endpoint().imageListings('us-east-1');
    assert.equal(call?.params.get('ExecutableBy.1'), 'self');
    assert.equal(call?.params.get('Owner.1'), null);
  });

  // The caller's account is learnt from an Owners=self listing (the default scope) and kept when
  // only the scope changes.
  it('marks my own images as owned in the "Shared with me" scope', async () => {
    const { imagesTree } = await amiExplorer();
    imagesTree.refresh();
    assert.ok((await labelsIn('us-east-1')).includes('golden-image-org-2024.09'));
    restore = await useScope({ 'listing.scope': 'shared' }, 'Shared with me');
    const own = (await imagesIn('us-east-1')).find((r) => r.label === 'golden-image-org-2024.09');
    assert.ok(own, 'my image shared with my organization is listed');
    assert.match(own.contextValue ?? '', /\bowned\b/);
  });

  it('a name filter narrows the tree, and the view title says so', async () => {
    restore = await useScope(
      { 'listing.nameFilter': 'web-server-*' },
      'Owned by me · name: web-server-*',
    );
    endpoint().clear();
    assert.deepEqual(await labelsIn('us-east-1'), ['web-server-2024.11.2', 'web-server-2024.10.1']);
    assert.deepEqual(await labelsIn('eu-west-1'), ['web-server-2024.11.2']);
    assert.deepEqual(await labelsIn('ap-southeast-2'), ['No AMIs in this scope']);

    // The filter goes to EC2; the extension does not list everything and filter locally.
    const [call] = endpoint().imageListings('us-east-1');
    assert.equal(call?.params.get('Filter.1.Name'), 'name');
    assert.equal(call?.params.get('Filter.1.Value.1'), 'web-server-*');
    assert.equal(call?.params.get('Owner.1'), 'self');
  });

  it('"All public images" without a filter explains why, and lists nothing', async () => {
    endpoint().clear();
    restore = await useScope({ 'listing.scope': 'public' }, 'All public images');
    const { imagesTree } = await amiExplorer();
    const roots = await renderChildren(imagesTree);
    assert.equal(roots.length, 1, roots.map((r) => r.label).join(', '));
    const [info] = roots;
    assert.match(info?.label ?? '', /^Listing all public images needs a name filter/);
    assert.equal(info?.icon?.id, 'info');
    assert.equal(info?.command, 'amiExplorer.scope.setNameFilter');
    assert.deepEqual(endpoint().imageListings(), []);
  });

  it('"All public images" with a filter lists the public images that match', async () => {
    restore = await useScope(
      { 'listing.scope': 'public', 'listing.nameFilter': 'al2023-ami-2023*' },
      'All public images · name: al2023-ami-2023*',
    );
    endpoint().clear();
    assert.deepEqual((await labelsIn('us-east-1')).sort(), [
      'al2023-ami-2023.6.20241010.0-kernel-6.1-arm64',
      'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64',
    ]);
    const [call] = endpoint().imageListings('us-east-1');
    assert.equal(call?.params.get('ExecutableBy.1'), 'all');
  });

  it('"include deprecated" adds deprecated images of other owners', async () => {
    restore = await useScope({ 'listing.scope': 'amazon' }, 'Amazon');
    const old = 'amzn2-ami-hvm-2.0.20200304.0-x86_64-gp2';
    assert.ok(!(await labelsIn('us-east-1')).includes(old), 'hidden by default');
    await restore();

    restore = await useScope(
      { 'listing.scope': 'amazon', 'listing.includeDeprecated': true },
      'Amazon · +deprecated',
    );
    const row = (await imagesIn('us-east-1')).find((r) => r.label === old);
    assert.ok(row, `${old} is listed`);
    assert.match(row.description ?? '', /^deprecated · ami-…[0-9a-f]{8}$/);
    assert.deepEqual(row.icon, { id: 'warning', color: 'problemsWarningIcon.foreground' });
    assert.match(row.contextValue ?? '', /\bdeprecated\b/);
  });

  it('my own deprecated images are listed anyway, as EC2 shows them to their owner', async () => {
    const row = (await imagesIn('us-east-1')).find((r) => r.label === 'legacy-app-2019.12');
    assert.ok(row, 'legacy-app-2019.12 is listed in the default scope');
    assert.match(row.description ?? '', /^deprecated · /);
  });

  it('"include disabled" adds my disabled images', async () => {
    const disabled = 'retired-batch-2023.03';
    assert.ok(!(await labelsIn('us-east-1')).includes(disabled), 'hidden by default');

    restore = await useScope({ 'listing.includeDisabled': true }, 'Owned by me · +disabled');
    const row = (await imagesIn('us-east-1')).find((r) => r.label === disabled);
    assert.ok(row, `${disabled} is listed`);
    assert.match(row.description ?? '', /^disabled · ami-…[0-9a-f]{8}$/);
    assert.deepEqual(row.icon, { id: 'circle-slash', color: 'disabledForeground' });
    assert.match(row.contextValue ?? '', /\bdisabled\b/);
  });
});
