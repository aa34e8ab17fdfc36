import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { amiExplorer } from './extensionUnderTest';
import { childNamed } from './renderedTree';
import { withAnswers } from './testUserInput';

/** The row of a demo AMI of mine in us-east-1 (loads the region). */
async function demoImage(name: string): Promise<unknown> {
  const { imagesTree } = await amiExplorer();
  const region = await childNamed(imagesTree, undefined, 'us-east-1');
  const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
  return (await childNamed(imagesTree, ebs.node, name)).node;
}

describe('The scripted user-input layer', () => {
  it('fails a test on a question it did not expect, and nothing is sent', async () => {
    const node = await demoImage('web-server-2024.10.1');
    await assert.rejects(
      withAnswers([], () =>
        vscode.commands.executeCommand('amiExplorer.image.editDescription', node),
      ),
      /unexpected prompt: input "Edit Description: web-server-2024\.10\.1/,
    );
  });

  it('fails a test whose answers are not all asked for', async () => {
    await assert.rejects(
      withAnswers([{ pick: 'us-east-1' }], () => Promise.resolve()),
      /answers not used/,
    );
  });

  it('fails a test whose typed value the real validation refuses', async () => {
    const node = await demoImage('web-server-2024.10.1');
    await assert.rejects(
      withAnswers([{ text: 'x'.repeat(300) }], () =>
        vscode.commands.executeCommand('amiExplorer.image.editDescription', node),
      ),
      /refused "x+": A description has at most 255 characters/,
    );
  });

  it('extra arguments do not skip questions: a command asks what it needs whatever it is passed', async () => {
    const node = await demoImage('web-server-2024.10.1');
    await assert.rejects(
      withAnswers([], () =>
        vscode.commands.executeCommand('amiExplorer.image.deregister', node, [node], {
          confirm: true,
          deleteSnapshots: true,
        }),
      ),
      /unexpected prompt/,
    );
  });
});
