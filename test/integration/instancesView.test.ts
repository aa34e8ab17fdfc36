import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { amiExplorer } from './extensionUnderTest';
import { childNamed, render, renderChildren, type RenderedNode } from './renderedTree';

/**
 * The description of an instance row: `<id> · <state> · <type> · <root device type> · <AMI>`, the
 * AMI it was launched from (DescribeInstanceImageMetadata) by name.
 */
const DESCRIPTION =
  /^(i-[0-9a-f]{8,17}) · ([a-z-]+) · ([a-z0-9]+\.[a-z0-9]+) · (ebs|instance-store)(?: · (.+))?$/;

/** What a user reads off an instance row. */
function facts(row: RenderedNode<unknown>): {
  id: string;
  state: string;
  type: string;
  root: string;
  ami?: string;
} {
  const match = DESCRIPTION.exec(row.description ?? '');
  assert.ok(match, `"${row.label}" has the description "${row.description ?? ''}"`);
  const [, id = '', state = '', type = '', root = '', ami] = match;
  return { id, state, type, root, ...(ami !== undefined ? { ami } : {}) };
}

// The demo account "me" runs six instances in us-east-1, three in eu-west-1, none elsewhere.
describe('Instances view against the demo estate', () => {
  beforeEach(async () => (await amiExplorer()).instancesTree.refresh());
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('lists the enabled regions, each with how many instances it runs', async () => {
    const { instancesTree } = await amiExplorer();
    const regions = await renderChildren(instancesTree);
    assert.deepEqual(regions.map((r) => r.label).sort(), [
      'ap-southeast-2',
      'eu-west-1',
      'us-east-1',
    ]);
    const counts: Record<string, string | undefined> = {};
    for (const region of regions) {
      await renderChildren(instancesTree, region.node); // waits for the region to load
      counts[region.label] = (await render(instancesTree, region.node)).description;
    }
    assert.deepEqual(counts, {
      'us-east-1': '7 instances',
      'eu-west-1': '3 instances',
      'ap-southeast-2': '0 instances',
    });
    const empty = await childNamed(instancesTree, undefined, 'ap-southeast-2');
    assert.deepEqual(
      (await renderChildren(instancesTree, empty.node)).map((c) => c.label),
      ['No instances'],
    );
  });

  it('labels instances by their Name tag and describes id, state, type and root device', async () => {
    const { instancesTree } = await amiExplorer();
    const region = await childNamed(instancesTree, undefined, 'us-east-1');
    const rows = await renderChildren(instancesTree, region.node);
    assert.deepEqual(rows.map((r) => r.label).sort(), [
      'api-gateway-canary',
      'build-agent-1',
      'legacy-s3-worker',
      'orders-api-1',
      'web-1',
      'web-2',
      'web-staging',
    ]);
    const byName = new Map(rows.map((r) => [r.label, facts(r)]));
    assert.deepEqual(
      { ...byName.get('web-1'), id: undefined },
      {
        id: undefined,
        state: 'running',
        type: 't3.micro',
        root: 'ebs',
        ami: 'web-server-2024.10.1',
      },
    );
    assert.equal(byName.get('web-staging')?.state, 'stopped');
    assert.equal(byName.get('legacy-s3-worker')?.root, 'instance-store');
    // Launched from the arm64 image, so a Graviton type.
    assert.equal(byName.get('api-gateway-canary')?.type, 't4g.micro');
    assert.equal(new Set(rows.map((r) => facts(r).id)).size, rows.length, 'ids are distinct');
  });

  it('shows the state as an icon and the capabilities in the contextValue', async () => {
    const { instancesTree } = await amiExplorer();
    const region = await childNamed(instancesTree, undefined, 'us-east-1');
    const rows = new Map(
      (await renderChildren(instancesTree, region.node)).map((r) => [r.label, r]),
    );
    const web1 = rows.get('web-1');
    assert.deepEqual(web1?.icon, { id: 'vm-running', color: 'testing.iconPassed' });
    assert.equal(web1?.contextValue, 'instance;ebs;running;canCreateImage');

    const staging = rows.get('web-staging');
    assert.deepEqual(staging?.icon, { id: 'vm-outline', color: 'disabledForeground' });
    assert.equal(staging?.contextValue, 'instance;ebs;stopped;canCreateImage');

    // CreateImage needs an EBS root volume: an instance store-backed instance cannot offer it.
    const s3Worker = rows.get('legacy-s3-worker');
    assert.deepEqual(s3Worker?.icon, { id: 'vm-running', color: 'testing.iconPassed' });
    assert.equal(s3Worker?.contextValue, 'instance;instanceStore;running;canBundleImage');

    // The demo's pending instance settles after ten minutes of emulator time (which another test
    // may advance): whichever state it shows, icon and capabilities must agree with it.
    const canary = rows.get('api-gateway-canary');
    assert.ok(canary);
    if (facts(canary).state === 'pending') {
      assert.deepEqual(canary.icon, { id: 'loading~spin', color: undefined });
      assert.equal(canary.contextValue, 'instance;ebs');
    } else {
      assert.equal(facts(canary).state, 'running');
      assert.equal(canary.contextValue, 'instance;ebs;running;canCreateImage');
    }
    assert.match(web1?.tooltip ?? '', /^\*\*web-1\*\*/);
    assert.match(web1?.tooltip ?? '', /- AMI: `ami-[0-9a-f]+ web-server-2024\.10\.1`/);
  });

  it('shows the AMI each instance was launched from, warning when it can no longer launch', async () => {
    const { instancesTree } = await amiExplorer();
    const amiOf = async (name: string): Promise<RenderedNode<unknown>> => {
      const region = await childNamed(instancesTree, undefined, 'us-east-1');
      return childNamed(instancesTree, region.node, name);
    };
    assert.equal(facts(await amiOf('web-staging')).ami, 'web-server-2024.11.2');
    assert.equal(facts(await amiOf('build-agent-1')).ami, 'windows-build-agent-2022-v7');
    const eu = await childNamed(instancesTree, undefined, 'eu-west-1');
    assert.equal(
      facts(await childNamed(instancesTree, eu.node, 'eu-legacy-worker')).ami,
      'legacy-eu-s3-backed-2017.03',
    );

    // Disable build-agent-1's AMI (as another tool would): the row warns; enabled again, it does not.
    const sdk = ec2Sdk();
    const client = ec2Client('us-east-1');
    const { Images = [] } = await client.send(
      new sdk.DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: ['windows-build-agent-2022-v7'] }],
      }),
    );
    const imageId = Images[0]?.ImageId;
    assert.ok(imageId);
    await client.send(new sdk.DisableImageCommand({ ImageId: imageId }));
    try {
      instancesTree.refresh();
      const agent = await amiOf('build-agent-1');
      assert.equal(facts(agent).ami, 'windows-build-agent-2022-v7 (disabled)');
      assert.deepEqual(agent.icon, { id: 'warning', color: 'problemsWarningIcon.foreground' });
      assert.match(
        agent.tooltip ?? '',
        /- AMI: `ami-[0-9a-f]+ windows-build-agent-2022-v7 \(disabled\)`/,
      );
    } finally {
      await client.send(new sdk.EnableImageCommand({ ImageId: imageId }));
    }
    instancesTree.refresh();
    const agent = await amiOf('build-agent-1');
    assert.equal(facts(agent).ami, 'windows-build-agent-2022-v7');
    assert.deepEqual(agent.icon, { id: 'vm-running', color: 'testing.iconPassed' });
  });

  it('opens an instance as JSON in a read-only ami: document', async () => {
    const { instancesTree } = await amiExplorer();
    const region = await childNamed(instancesTree, undefined, 'eu-west-1');
    const row = await childNamed(instancesTree, region.node, 'eu-web-2');
    const { id, state, type, root } = facts(row);

    await vscode.commands.executeCommand('amiExplorer.instance.openJson', row.node);

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.uri.scheme, 'ami');
    assert.equal(editor.document.uri.path, `/eu-west-1/eu-web-2 (${id}).json`);
    assert.equal(editor.document.languageId, 'json');
    const json = JSON.parse(editor.document.getText()) as InstanceDocumentJson;
    assert.equal(json.Region, 'eu-west-1');
    assert.equal(json.Instance?.InstanceId, id);
    assert.equal(json.Instance?.State?.Name, state);
    assert.equal(json.Instance?.InstanceType, type);
    assert.equal(json.Instance?.RootDeviceType, root);
    assert.deepEqual(
      json.Instance?.Tags?.find((t) => t.Key === 'Name'),
      { Key: 'Name', Value: 'eu-web-2' },
    );
  });
});

/** The parts of the instance document the test reads. */
interface InstanceDocumentJson {
  readonly Region?: string;
  readonly Instance?: {
    readonly InstanceId?: string;
    readonly InstanceType?: string;
    readonly RootDeviceType?: string;
    readonly State?: { readonly Name?: string };
    readonly Tags?: readonly { readonly Key?: string; readonly Value?: string }[];
  };
}
