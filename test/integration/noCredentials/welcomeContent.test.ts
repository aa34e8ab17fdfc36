import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { join } from 'node:path';
import { amiExplorer, manifest } from '../extensionUnderTest';
import { DEMO_ACCESS_KEY_ID } from '../integrationSetup';
import { renderChildren } from '../renderedTree';
import { setSettings } from '../userSettings';

/** An access key the emulator (like AWS) has never issued. */
const UNKNOWN_ACCESS_KEY_ID = 'AKIAUNKNOWN000000000';
const CREDENTIALS_PROBLEM_KEY = 'amiExplorer:credentialsProblem';
const AUTH_FAILURE_SENTENCE =
  'AWS refused the credentials in us-east-1. If this is an opt-in region, it may not be ' +
  'enabled for this account; otherwise check that the access key is valid and active.';

const awsFolder = join(homedir(), '.aws');

/** Writes ~/.aws/credentials with a default profile holding `accessKeyId`. */
function writeSharedCredentials(accessKeyId: string): void {
  mkdirSync(awsFolder, { recursive: true });
  writeFileSync(
    join(awsFolder, 'credentials'),
    `[default]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = not-a-real-secret\n`,
  );
}

/**
 * Resolved credentials are kept until they expire (static keys never do); any amiExplorer setting
 * change drops them. Tests that change ~/.aws between steps use this to start from a clean slate.
 */
async function dropCachedCredentials(): Promise<void> {
  const restore = await setSettings({ requestTimeoutSeconds: 29 });
  await restore();
}

// This extension host has no AWS_* credentials and an empty HOME (see runIntegrationTests.ts).
describe('AMI Explorer without AWS credentials', () => {
  beforeEach(async () => {
    rmSync(awsFolder, { recursive: true, force: true });
    await dropCachedCredentials();
    const api = await amiExplorer();
    api.imagesTree.refresh();
    api.instancesTree.refresh();
  });
  after(() => rmSync(awsFolder, { recursive: true, force: true }));

  it('shows the welcome content in both views instead of regions', async () => {
    const api = await amiExplorer();

    // An empty tree is what lets VS Code show a view's welcome content.
    assert.deepEqual(await renderChildren(api.imagesTree), []);
    assert.deepEqual(await renderChildren(api.instancesTree), []);
    assert.equal(api.credentials.problem?.problem, 'missing');
    assert.match(
      api.credentials.problem?.message ?? '',
      /^No AWS credentials were found\. Select a profile/,
    );
    // No view message: VS Code hides welcome content while a tree view has one.
    assert.ok(!api.imagesView.message, 'the Images view has no message');
    assert.ok(!api.instancesView.message, 'the Instances view has no message');

    // Both views have welcome content for this problem, offering Select AWS Profile.
    const welcome = (manifest().contributes.viewsWelcome ?? []).filter(
      (w) => w.when === `${CREDENTIALS_PROBLEM_KEY} == missing`,
    );
    assert.deepEqual(welcome.map((w) => w.view).sort(), [
      'amiExplorer.images',
      'amiExplorer.instances',
    ]);
    assert.ok(
      welcome.every((w) => w.contents.includes('(command:amiExplorer.profile.select)')),
      'the welcome content offers Select AWS Profile',
    );
  });

  it('an access key AWS does not know gives one AuthFailure error node, not welcome content', async () => {
    const api = await amiExplorer();
    writeSharedCredentials(UNKNOWN_ACCESS_KEY_ID);
    api.imagesTree.refresh();

    // Credentials exist, so this is no case for the welcome content: the regions call itself
    // (DescribeRegions in the home region) is refused, and one error node says so.
    const roots = await renderChildren(api.imagesTree);
    assert.deepEqual(
      roots.map((r) => r.label),
      [AUTH_FAILURE_SENTENCE],
    );
    const [root] = roots;
    assert.match(root?.contextValue ?? '', /\berror\b/);
    assert.equal(root?.icon?.id, 'error');
    assert.equal(root?.command, 'amiExplorer.log.show');
    assert.match(root?.tooltip ?? '', /Error code: `AuthFailure`/);
  });

  it('drops the "no credentials" message once credentials are found, even if AWS refuses them', async () => {
    const api = await amiExplorer();
    assert.deepEqual(await renderChildren(api.imagesTree), []);
    assert.ok(api.credentials.problem, 'no credentials at first');

    writeSharedCredentials(UNKNOWN_ACCESS_KEY_ID);
    api.imagesTree.refresh();
    assert.deepEqual(
      (await renderChildren(api.imagesTree)).map((r) => r.label),
      [AUTH_FAILURE_SENTENCE],
    );
    assert.equal(api.credentials.problem, undefined);
    assert.ok(!api.imagesView.message, 'no stale message');
  });

  it('picks up a corrected access key on Refresh', async () => {
    const api = await amiExplorer();
    writeSharedCredentials(UNKNOWN_ACCESS_KEY_ID);
    api.imagesTree.refresh();
    assert.deepEqual(
      (await renderChildren(api.imagesTree)).map((r) => r.label),
      [AUTH_FAILURE_SENTENCE],
    );

    writeSharedCredentials(DEMO_ACCESS_KEY_ID);
    await vscode.commands.executeCommand('amiExplorer.images.refresh');
    assert.deepEqual((await renderChildren(api.imagesTree)).map((r) => r.label).sort(), [
      'ap-southeast-2',
      'eu-west-1',
      'us-east-1',
    ]);
  });
});
