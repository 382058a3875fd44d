import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/shared/commandIds';

const EXTENSION_ID = 'wan-keyframes.wan-keyframes';

interface ProbeEntry {
  where: string;
  stack: string;
}

function probeEntries(): ProbeEntry[] {
  const file = process.env.WK_NET_PROBE_FILE;
  if (!file || !existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ProbeEntry);
}

describe('activation', () => {
  it('finds the extension and activates it', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every contributed command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = COMMAND_IDS.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `not registered: ${missing.join(', ')}`);
  });

  it('contributes exactly the commands it registers', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = (extension?.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.deepEqual([...contributed].sort(), [...COMMAND_IDS].sort());
  });

  it('makes no network request while activating', async function () {
    if (!process.env.WK_NET_PROBE_FILE) this.skip();
    // Control: a connection made from this test's own code must show up, or the probe is not watching.
    await new Promise<void>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: 9 }, () => socket.destroy());
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
    });
    const entries = probeEntries();
    assert.ok(
      entries.some((entry) => entry.stack.includes(`${path.sep}out${path.sep}test${path.sep}integration`)),
      'the network probe saw the control connection',
    );
    const fromExtension = entries.filter((entry) => entry.stack.includes(`${path.sep}dist${path.sep}extension.js`));
    assert.deepEqual(fromExtension.map((entry) => entry.where), []);
  });
});

describe('frame commands', () => {
  const folder = () => vscode.workspace.workspaceFolders?.[0]?.uri;

  it('Set as First Frame opens the panel', async () => {
    const root = folder();
    assert.ok(root, 'a workspace folder is open');
    await vscode.commands.executeCommand('wanKeyframes.setFirstFrame', vscode.Uri.joinPath(root, 'shots', 'dawn.png'));
    const isPanel = (tab: vscode.Tab) =>
      tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('wanKeyframes.panel');
    const deadline = Date.now() + 10_000;
    let tabs: vscode.Tab[] = [];
    while (Date.now() < deadline) {
      tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
      if (tabs.some(isPanel)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(tabs.some(isPanel), `a Wan Keyframes panel is open (tabs: ${tabs.map((tab) => tab.label).join(', ')})`);
  });

});
