import * as path from 'node:path';
import * as vscode from 'vscode';
import { consoleLink, isLinkAction } from '../../../core/errors/consoleLinks';
import { errorActions, fixAction } from '../../../core/errors/errorActions';
import type { ErrorAction } from '../../../shared/errorActions';
import type { WanError } from '../../../core/errors/wanError';
import { inLanguage, isChinese } from '../../../core/base/language';
import { canRetry } from '../../../core/job/lifecycle';
import { REGIONS } from '../../../core/catalog/regions';
import type { JobManager } from './jobManager';
import type { LiveJob } from './liveJob';
import type { Log } from '../../entry/log';
import { readSettings, type Settings, updateUserSetting } from '../settings';

export interface ActionButton {
  action: ErrorAction;
  label: string;
  run(): unknown;
}

/** The newest model, offered when the service says a model was retired (addendum §A5). */
export const NEWEST_MODEL = 'wan3.0-video';

/** What each error action is in the editor: a label in the display language and what it does. The notifier and the panel's card share it. */
export class ErrorActionRunner {
  constructor(
    private readonly jobs: JobManager,
    private readonly log: Log,
    private readonly setApiKey: () => Promise<boolean>,
    private readonly setWorkspaceId: () => Promise<unknown>,
  ) {}

  buttons(job: LiveJob, error: WanError): ActionButton[] {
    const settings = readSettings();
    return this.actions(job, error).map((action) => this.button(job, action, settings));
  }

  /** The action that fixes the cause (budget, arrears, workspace…), for the job's card; undefined when it has none. */
  fixButton(job: LiveJob, error: WanError): ActionButton | undefined {
    const action = fixAction(this.actions(job, error));
    return action && this.button(job, action, readSettings());
  }

  run(job: LiveJob, error: WanError, action: ErrorAction): unknown {
    return this.actions(job, error).includes(action) ? this.button(job, action, readSettings()).run() : undefined;
  }

  private actions(job: LiveJob, error: WanError): ErrorAction[] {
    return errorActions(error, Boolean(job.record.taskId), canRetry(job.record, error));
  }

  private button(job: LiveJob, action: ErrorAction, settings: Settings): ActionButton {
    const t = vscode.l10n.t;
    const region = settings.endpoint.kind === 'custom' ? undefined : settings.endpoint.region;
    const open = (url: string) => vscode.env.openExternal(vscode.Uri.parse(url));
    if (isLinkAction(action)) {
      const labels = { 'open-budget': t('Open Budget Management'), 'top-up': t('Top Up'), activate: t('Activate Model Studio'), 'authorize-model': t('Authorize the Model') };
      return { action, label: labels[action], run: () => open(consoleLink(action, region, isChinese(vscode.env.language))) };
    }
    const other = settings.region === 'cn-beijing' ? 'ap-southeast-1' : 'cn-beijing';
    switch (action) {
      case 'set-api-key':
        return { action, label: t('Set API Key'), run: () => this.setApiKey() };
      case 'switch-region':
        return { action, label: t('Switch to {0}', inLanguage(REGIONS[other].name, vscode.env.language)), run: () => updateUserSetting('region', other) };
      case 'set-workspace-id':
        return { action, label: t('Set Workspace ID'), run: () => this.setWorkspaceId() };
      case 'use-newest-model':
        return { action, label: t('Use {0}', NEWEST_MODEL), run: () => updateUserSetting('defaultModel', NEWEST_MODEL) };
      case 'save-as':
        return { action, label: t('Save As…'), run: () => this.saveAs(job) };
      case 'retry-download':
        return { action, label: t('Retry Download'), run: () => this.jobs.retry(job.id) };
      case 'retry':
        return { action, label: t('Retry'), run: () => this.jobs.retry(job.id) };
      default:
        return { action: 'show-log', label: t('Show Log'), run: () => this.log.show() };
    }
  }

  /** Lets the user pick another place for a video the first folder refused; the task is downloaded again there. */
  private async saveAs(job: LiveJob): Promise<void> {
    const suggested = vscode.Uri.file(path.join(job.record.outputDir, `${job.record.baseName || 'video'}.mp4`));
    const target = await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { MP4: ['mp4'] }, title: vscode.l10n.t('Save the video as') });
    if (!target) return;
    await this.jobs.retry(job.id, { outputDir: path.dirname(target.fsPath), baseName: path.basename(target.fsPath).replace(/\.mp4$/i, '') });
  }
}
