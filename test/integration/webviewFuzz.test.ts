import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AmiExplorerApi } from '../../src/extension';
import type { ImageEvent } from '../../src/core/services/imageEvents';
import { eventImageId } from '../../src/core/services/imageEvents';
import type { PanelIdentity } from '../../src/webviews/panelState';
import { malformedMessages, type FuzzCase } from '../unit/helpers/malformedWebviewMessages';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { eachPanelInANewGroup } from './panelGroups';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
import { TestUserInput } from './testUserInput';

/** What the test needs of a panel controller (both panels' controllers have it). */
interface Controller {
  readonly panel: vscode.WebviewPanel;
  readonly posted: readonly { type: string }[];
  readonly lastPosted: { type: string } | undefined;
  readonly isDisposed: boolean;
  receive(message: unknown): Promise<void>;
}

/** One line the controller logged while the test listened. */
interface LogLine {
  readonly level: 'warn' | 'error';
  readonly text: string;
}

const CLIPBOARD_SENTINEL = 'webview fuzz: nothing copied';

/** The id of one of my demo AMIs in us-east-1, by name. */
async function myImageId(name: string): Promise<string> {
  const sdk = ec2Sdk();
  const out = await ec2Client('us-east-1').send(
    new sdk.DescribeImagesCommand({
      Owners: ['self'],
      Filters: [{ Name: 'name', Values: [name] }],
    }),
  );
  const imageId = out.Images?.[0]?.ImageId;
  assert.ok(imageId, `the demo has ${name}`);
  return imageId;
}

/** Who may launch the image, as EC2 has it (straight from the emulator). */
async function launchPermissions(imageId: string): Promise<string[]> {
  const sdk = ec2Sdk();
  const out = await ec2Client('us-east-1').send(
    new sdk.DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }),
  );
  return (out.LaunchPermissions ?? [])
    .map((p) => p.UserId ?? p.Group ?? p.OrganizationArn ?? p.OrganizationalUnitArn ?? '?')
    .sort();
}

/**
 * Records the warnings and errors a controller logs, still passing them to its channel. The log is
 * the host's only trace of an ignored message, and the channel offers no way to read it back, so
 * the test wraps the controller's (protected) channel for the length of the barrage.
 */
function listenToLog(controller: Controller): { lines: LogLine[]; stop(): void } {
  const holder = controller as unknown as { log: vscode.LogOutputChannel };
  const channel = holder.log;
  const lines: LogLine[] = [];
  holder.log = new Proxy(channel, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'warn' || property === 'error') {
        return (message: string | Error, ...args: unknown[]) => {
          lines.push({ level: property, text: String(message) });
          channel[property](message as string, ...args);
        };
      }
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  return { lines, stop: () => (holder.log = channel) };
}

/** Everything a message could change that the test can see, to compare before and after. */
function visibleState(controller: Controller) {
  return {
    title: controller.panel.title,
    tabs: vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => t.label)),
    documents: vscode.workspace.textDocuments.map((d) => d.uri.toString()).sort(),
  };
}

/** Waits for the host to have sent `init` (after the page's `ready`, or after asking it to refresh). */
async function initOf(controller: Controller): Promise<void> {
  if (controller.posted.length > 0 && controller.lastPosted?.type !== 'init') {
    await controller.receive({ type: 'refresh' });
  }
  await eventually(() => assert.equal(controller.lastPosted?.type, 'init'));
}

describe('Webview fuzz', function () {
  const endpoint = routeThroughRecordingEndpoint();
  let api: AmiExplorerApi;

  before(async () => {
    api = await amiExplorer();
  });

  eachPanelInANewGroup();

  after(async () => {
    api.panels.closeAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /**
   * Sends every case to the controller's real `receive` and checks that each was ignored: nothing
   * thrown, nothing posted back, one "ignored" warning and no error logged, no EC2 call but reads,
   * no question, no image event, no clipboard write, no tab or document opened.
   */
  async function sendBarrage(
    controller: Controller,
    identity: PanelIdentity,
    cases: readonly FuzzCase[],
  ): Promise<void> {
    await vscode.env.clipboard.writeText(CLIPBOARD_SENTINEL);
    const before = visibleState(controller);
    const posted = [...controller.posted];
    const events: ImageEvent[] = [];
    const subscription = api.events.subscribe((e) => events.push(e));
    const input = new TestUserInput([]);
    const installed = api.useUserInput(input);
    const log = listenToLog(controller);
    endpoint().clear();
    const thrown: string[] = [];
    try {
      for (const { name, message } of cases) {
        try {
          await controller.receive(message);
        } catch (error) {
          thrown.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      log.stop();
      installed.dispose();
      subscription.dispose();
    }

    assert.deepEqual(thrown, [], 'no message makes the host throw');
    assert.equal(controller.isDisposed, false);
    assert.equal(controller.posted.length, posted.length, 'nothing posted back');
    assert.ok(
      controller.posted.every((m, i) => m === posted[i]),
      'nothing posted back (the list keeps only the last 50)',
    );
    const viewType = controller.panel.viewType;
    assert.deepEqual(
      log.lines.filter((l) => l.level === 'error'),
      [],
      'no message got as far as a handler that failed',
    );
    assert.equal(log.lines.length, cases.length, 'one warning per message');
    for (const line of log.lines) {
      assert.ok(line.text.startsWith(`${viewType}: ignored a malformed message`), line.text);
      assert.ok(line.text.length < 400, `a short line, not the payload: ${line.text.length}`);
    }
    const writes = endpoint()
      .calls()
      .filter((c) => !/^(Describe|Get)/.test(c.action));
    assert.deepEqual(
      writes.map((c) => c.action),
      [],
      'no EC2 call but reads (no ModifyImageAttribute, no ModifySnapshotAttribute)',
    );
    assert.deepEqual(input.asked, [], 'no question asked');
    assert.deepEqual(input.notifications, [], 'nothing notified');
    input.assertDone();
    assert.deepEqual(
      events.filter((e) => eventImageId(e) === identity.imageId),
      [],
      'no image event published',
    );
    assert.equal(await vscode.env.clipboard.readText(), CLIPBOARD_SENTINEL, 'clipboard untouched');
    assert.deepEqual(visibleState(controller), before, 'no tab, document or title changed');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype polluted');
    assert.deepEqual(Object.keys(Object.prototype), []);
  }

  /** After the barrage the panel still answers: a refresh reads the image again and sends `init`. */
  async function assertStillWorks(controller: Controller, identity: PanelIdentity): Promise<void> {
    endpoint().clear();
    const previous = controller.lastPosted;
    await controller.receive({ type: 'refresh' });
    await eventually(() => {
      assert.equal(controller.lastPosted?.type, 'init');
      assert.notEqual(controller.lastPosted, previous, 'a new init');
    });
    assert.ok(
      endpoint()
        .calls({ action: 'DescribeImages', region: identity.region })
        .some((c) => c.params.get('ImageId.1') === identity.imageId),
      'the refresh went through the recording endpoint: its silence above meant something',
    );
  }

  it('Show Block Devices ignores every malformed message without a side effect', async () => {
    const identity = {
      region: 'us-east-1',
      imageId: await myImageId('data-pipeline-encrypted-2024.07'),
    };
    const controller = api.panels.showBlockDevices(identity);
    await initOf(controller);
    const cases = malformedMessages('blockDevices');
    assert.ok(cases.length >= 150, `${cases.length} messages`);

    await sendBarrage(controller, identity, cases);
    await assertStillWorks(controller, identity);

    // The clipboard check can fail: a well-formed copy does write it (and says so).
    await controller.receive({ type: 'copy', value: 'snap-0123456789abcdef0' });
    assert.equal(await vscode.env.clipboard.readText(), 'snap-0123456789abcdef0');
    assert.equal(controller.lastPosted?.type, 'notice');
  });

  it('Edit Launch Permissions ignores every malformed message without a side effect', async () => {
    const identity = {
      region: 'us-east-1',
      imageId: await myImageId('shared-base-for-partner-1.4'),
    };
    const permissions = await launchPermissions(identity.imageId);
    const controller = api.panels.showLaunchPermissions(identity);
    await initOf(controller);
    const cases = malformedMessages('launchPermissions');
    assert.ok(cases.length >= 150, `${cases.length} messages`);

    await sendBarrage(controller, identity, cases);
    assert.deepEqual(await launchPermissions(identity.imageId), permissions, 'EC2 unchanged');
    await assertStillWorks(controller, identity);

    // Apply still works too: the current entries again change nothing and ask nothing.
    endpoint().clear();
    await controller.receive({
      type: 'apply',
      desired: permissions.map((value) => ({ kind: 'account', value })),
      syncSnapshots: false,
    });
    await eventually(() => {
      const last = controller.lastPosted;
      assert.equal(last?.type, 'init');
      assert.match(
        last?.type === 'init' ? (last.notice ?? '') : '',
        /Nothing to change/,
        JSON.stringify(last)?.slice(0, 300),
      );
    });
    assert.deepEqual(endpoint().calls({ action: 'ModifyImageAttribute' }), []);
  });
});
