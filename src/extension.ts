import * as vscode from 'vscode';
import { registerCommand } from './host/commands';
import { FrameCommands } from './host/frameCommands';
import { FrameSelection } from './host/frames';
import { KeyCommands } from './host/keyCommands';
import { Log } from './host/log';
import { GenerationPanel, PANEL_VIEW_TYPE } from './host/panel';
import { ApiKeyStore } from './host/secrets';

/** Composition root: build the services, register them, and nothing else (no I/O, no panel, no network). */
export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  const frames = new FrameSelection();
  const keys = new ApiKeyStore(context.secrets);
  const panel = new GenerationPanel(context.extensionUri, frames, log);
  const frameCommands = new FrameCommands(frames, log, () => panel.show());
  const keyCommands = new KeyCommands(keys, log);

  context.subscriptions.push(
    log,
    frames,
    panel,
    registerCommand('wanKeyframes.setFirstFrame', (uri) => frameCommands.setFrame('first', uri), log),
    registerCommand('wanKeyframes.setLastFrame', (uri) => frameCommands.setFrame('last', uri), log),
    registerCommand('wanKeyframes.generateFromSelection', (uri, all) => frameCommands.useSelection(uri, all), log),
    registerCommand('wanKeyframes.openPanel', () => panel.show(), log),
    registerCommand('wanKeyframes.setApiKey', () => keyCommands.setKey(), log),
    registerCommand('wanKeyframes.clearApiKey', () => keyCommands.clearKey(), log),
    registerCommand('wanKeyframes.showLog', () => log.show(), log),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (restored) => panel.attach(restored),
    }),
  );
  log.info(`Wan Keyframes ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {}
