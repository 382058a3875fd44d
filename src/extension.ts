import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCommand } from './host/entry/commands';
import type { Engine } from './host/engine/engine';
import { FrameCommands } from './host/entry/frameCommands';
import { InputSelection } from './host/entry/inputSelection';
import { KeyCommands } from './host/entry/keyCommands';
import { Log } from './host/entry/log';
import { JsonFile } from './host/entry/jsonFile';
import { ApiKeyStore } from './host/entry/secrets';
import { hasUnfinishedJobs, JOBS_FILE, RECORDS_KEY } from './host/entry/storedJobs';
import { Walkthrough } from './host/entry/walkthrough';
import { continueVideo, extractFrame } from './host/entry/videoCommands';
import { selectedImages, withStoryboard } from './host/entry/storyboardCommands';
import { registerStoryboardEditor } from './host/entry/storyboardEditorProvider';
import { VerdictDecorations } from './host/entry/verdictDecorations';
import { ROLE } from './shared/mediaRoles';

const PANEL_VIEW_TYPE = 'wanKeyframes.panel';

/**
 * Composition root: build the light services, register commands, and nothing else (no I/O, no panel, no network).
 * The heavy engine (client, jobs, panel) is a second bundle loaded on first use, or at once when a job is to resume.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  const frames = new InputSelection(context.workspaceState);
  const keys = new ApiKeyStore(context.secrets);
  const keyCommands = new KeyCommands(keys, log);
  const walkthrough = new Walkthrough(context, keys, frames, log);
  const jobsFile = new JsonFile(path.join(context.globalStorageUri.fsPath, JOBS_FILE));
  let engine: Engine | undefined;
  const loadEngine = (): Engine => {
    if (!engine) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the engine is its own bundle, loaded on demand
      const module = require('./engine.js') as typeof import('./host/engine/engine');
      engine = module.createEngine({ context, log, frames, keys, jobsFile, setApiKey: () => keyCommands.setKey(), walkthrough });
      context.subscriptions.push(engine);
    }
    return engine;
  };
  const showPanel = () => loadEngine().panel.show();
  const frameCommands = new FrameCommands(frames, log, showPanel);

  context.subscriptions.push(
    log,
    frames,
    walkthrough,
    new VerdictDecorations(),
    registerCommand('wanKeyframes.setFirstFrame', (uri) => frameCommands.setFrame(ROLE.first, uri), log),
    registerCommand('wanKeyframes.setLastFrame', (uri) => frameCommands.setFrame(ROLE.last, uri), log),
    registerCommand('wanKeyframes.generateFromSelection', (uri, all) => frameCommands.useSelection(uri, all), log),
    registerCommand('wanKeyframes.setDrivingAudio', (uri) => frameCommands.setAudio(uri), log),
    registerCommand('wanKeyframes.openPanel', () => loadEngine().panel.show({ focus: true }), log),
    registerCommand('wanKeyframes.setApiKey', () => keyCommands.setKey(), log),
    registerCommand('wanKeyframes.clearApiKey', () => keyCommands.clearKey(), log),
    registerCommand('wanKeyframes.setWorkspaceId', () => loadEngine().setWorkspaceId(), log),
    registerCommand('wanKeyframes.showLog', () => log.show(), log),
    registerCommand('wanKeyframes.openWalkthrough', () => walkthrough.open(), log),
    registerCommand('wanKeyframes.extractFrame', (uri) => extractFrame(uri, (video) => loadEngine().panel.extract(video)), log),
    registerCommand('wanKeyframes.continueVideo', (uri) => continueVideo(uri, (video) => loadEngine().panel.continueFrom(video)), log),
    registerCommand('wanKeyframes.newStoryboard', async (uri, all) => void (await loadEngine().storyboards.newFromSelection(selectedImages(uri, all))), log),
    registerCommand('wanKeyframes.generateStoryboard', (uri) => withStoryboard(uri, (file) => loadEngine().storyboards.generate(file)), log),
    registerCommand('wanKeyframes.joinStoryboard', (uri) => withStoryboard(uri, (file) => loadEngine().storyboards.join(file)), log),
    registerStoryboardEditor(context, log),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (restored, state: unknown) => loadEngine().panel.attach(restored, state),
    }),
  );
  // globalState can lag behind the file mirror after a reload of VS Code for the Web: either one may say so.
  const stored = context.globalState.get<unknown>(RECORDS_KEY);
  void jobsFile.read().then((mirrored) => {
    if (hasUnfinishedJobs(stored) || hasUnfinishedJobs(mirrored)) void loadEngine().jobs.resumeStored({ mirrored });
  });
  void walkthrough.start();
  log.info(`Wan Keyframes ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {}
