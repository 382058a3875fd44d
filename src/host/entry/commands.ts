import * as vscode from 'vscode';
import type { CommandId } from '../../shared/commandIds';
import type { Log } from './log';

/** The arguments each command receives from VS Code (Explorer passes the clicked Uri and the whole selection). */
export interface CommandArguments {
  'wanKeyframes.setFirstFrame': [clicked?: vscode.Uri];
  'wanKeyframes.setLastFrame': [clicked?: vscode.Uri];
  'wanKeyframes.generateFromSelection': [clicked?: vscode.Uri, selection?: vscode.Uri[]];
  'wanKeyframes.setDrivingAudio': [clicked?: vscode.Uri];
  'wanKeyframes.openPanel': [];
  'wanKeyframes.setApiKey': [];
  'wanKeyframes.clearApiKey': [];
  'wanKeyframes.setWorkspaceId': [];
  'wanKeyframes.showLog': [];
  'wanKeyframes.openWalkthrough': [];
  'wanKeyframes.extractFrame': [clicked?: vscode.Uri];
  'wanKeyframes.continueVideo': [clicked?: vscode.Uri];
  'wanKeyframes.newStoryboard': [clicked?: vscode.Uri, selection?: vscode.Uri[]];
  'wanKeyframes.generateStoryboard': [clicked?: vscode.Uri];
  'wanKeyframes.joinStoryboard': [clicked?: vscode.Uri];
  'wanKeyframes.openStoryboardEditor': [clicked?: vscode.Uri];
  'wanKeyframes.openStoryboardAsText': [clicked?: vscode.Uri];
}

type Handler<K extends CommandId> = (...args: CommandArguments[K]) => unknown;

/**
 * Registers a command behind one error boundary: a failure is logged and shown once, with "Show Log",
 * instead of becoming an unhandled rejection inside VS Code.
 */
export function registerCommand<K extends CommandId>(id: K, handler: Handler<K>, log: Log): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...(args as CommandArguments[K]));
    } catch (error) {
      log.error(`${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      const showLog = vscode.l10n.t('Show Log');
      const choice = await vscode.window.showErrorMessage(localizedFailure(error), showLog);
      if (choice === showLog) log.show();
      return undefined;
    }
  });
}

/**
 * What the user reads of a failed command, in the display language: a WanError says its own message (it has one in
 * each language; duck-typed, so this start-up bundle does not load the core); anything else is a bug, said as one.
 */
function localizedFailure(error: unknown): string {
  const localized = (error as { localized?: unknown } | undefined)?.localized;
  if (typeof localized === 'function') return (localized as (locale: string) => string).call(error, vscode.env.language);
  return vscode.l10n.t('Something went wrong inside Wan Keyframes (this is a bug): {0}', error instanceof Error ? error.message : String(error));
}
