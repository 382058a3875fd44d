import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { modelFamily } from '../../../core/catalog/models';
import type { RemoteProbeOptions } from '../../../core/inputs/remoteImage';
import type { FoundTake } from '../../../core/output/takeReader';
import { writeVerdict } from '../../../core/output/verdict';
import { MEDIA_ROLES } from '../../../shared/mediaRoles';
import type { FormValues, TakeAction } from '../../../shared/protocol';
import type { InputSelection } from '../../entry/inputSelection';
import type { Log } from '../../entry/log';
import type { JobManager } from '../jobs/jobManager';
import type { FoundFilm } from './filmFiles';
import { replayTake } from './replayTake';
import type { TakeIndex } from './takeIndex';
import { formOfTake } from './takeForm';

export interface TakeActionsDeps {
  index: TakeIndex;
  jobs: JobManager;
  selection: InputSelection;
  log: Log;
  remote(): RemoteProbeOptions;
  /** The form's values now, and a way to put new ones in the form (saved, and posted to the page). */
  form(): FormValues;
  setForm(values: FormValues): Promise<void>;
  /** Opens the frame picker on a video (extractView.ts). */
  extract(video: string): Promise<void>;
  continueFrom(video: string): Promise<void>;
}

const fileUri = (file: string) => vscode.Uri.file(file);

/** What each button on a take's card does: one handler per action, each on the take the index knows by its file. */
export class TakeActions {
  constructor(private readonly deps: TakeActionsDeps) {}

  async run(sidecarPath: string, action: TakeAction): Promise<void> {
    const found = this.deps.index.take(sidecarPath);
    const film = found ? undefined : this.deps.index.film(sidecarPath);
    if (film) return this.runOnFilm(film, action);
    if (!found) {
      this.deps.log.warn(`takes: ${action} on a take the index does not know: ${sidecarPath}`);
      return;
    }
    switch (action) {
      case 'keep':
      case 'reject':
      case 'unjudge':
        return this.judge(found, action === 'keep' ? 'kept' : action === 'reject' ? 'rejected' : undefined);
      case 'replayExact':
        return replayTake(found, { jobs: this.deps.jobs, remote: () => this.deps.remote(), log: (line) => this.deps.log.info(line) });
      case 'replayChanges':
        return this.replayWithChanges(found);
      case 'useRewrittenPrompt':
        if (found.take.actualPrompt !== undefined) await this.deps.setForm({ ...this.deps.form(), prompt: found.take.actualPrompt, promptExtend: false });
        return;
      case 'reveal':
        await vscode.commands.executeCommand('revealInExplorer', fileUri((await exists(found.videoPath)) ? found.videoPath : found.sidecarPath));
        return;
      case 'open':
        await vscode.commands.executeCommand('vscode.open', fileUri(found.videoPath));
        return;
      case 'playWithSound':
        // The OS's own player: desktop VS Code plays AAC silently (addendum §A8.5).
        await vscode.env.openExternal(fileUri(found.videoPath));
        return;
      case 'resumeDownload':
        return this.resumeDownload(found);
      case 'extract':
        return this.deps.extract(found.videoPath);
      case 'continue':
        return this.deps.continueFrom(found.videoPath);
      case 'openStoryboard':
        return;
    }
  }

  /** A film's card: played, opened, revealed, drawn from, continued like a take's video; no verdict, no replay. */
  private async runOnFilm(film: FoundFilm, action: TakeAction): Promise<void> {
    switch (action) {
      case 'openStoryboard':
        await vscode.window.showTextDocument(fileUri(film.storyboardPath), { preview: false });
        return;
      case 'open':
        await vscode.commands.executeCommand('vscode.open', fileUri(film.videoPath));
        return;
      case 'reveal':
        await vscode.commands.executeCommand('revealInExplorer', fileUri((await exists(film.videoPath)) ? film.videoPath : film.sidecarPath));
        return;
      case 'playWithSound':
        await vscode.env.openExternal(fileUri(film.videoPath));
        return;
      case 'extract':
        return this.deps.extract(film.videoPath);
      case 'continue':
        return this.deps.continueFrom(film.videoPath);
      default:
        this.deps.log.warn(`takes: ${action} is not something a film does: ${film.sidecarPath}`);
    }
  }

  private async judge(found: FoundTake, verdict: 'kept' | 'rejected' | undefined): Promise<void> {
    try {
      await writeVerdict(found.sidecarPath, verdict);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.log.warn(`takes: could not write the verdict of ${found.sidecarPath}: ${reason}`);
      vscode.window.showErrorMessage(vscode.l10n.t('Could not save the verdict of {0}: {1}', path.basename(found.videoPath), reason));
      return;
    }
    // The watcher reports it too; the panel need not wait for it.
    await this.deps.index.fileChanged(found.sidecarPath);
  }

  /** The form as the take was made (inputs, model, parameters, prompt), to edit before generating. */
  private async replayWithChanges(found: FoundTake): Promise<void> {
    const { values, inputs } = formOfTake(found, this.deps.form());
    for (const role of MEDIA_ROLES) {
      const value = inputs[role];
      this.deps.selection.set(role, value === undefined ? undefined : /^https?:/i.test(value) ? vscode.Uri.parse(value, true) : vscode.Uri.file(value));
    }
    await this.deps.setForm(values);
  }

  private async resumeDownload(found: FoundTake): Promise<void> {
    const family = modelFamily(found.take.family) ?? modelFamily(found.take.model);
    if (!family) {
      vscode.window.showWarningMessage(vscode.l10n.t('This take was made with {0}, which this version does not know: its video cannot be downloaded again from here.', found.take.model));
      return;
    }
    const job = this.deps.jobs.restoreVideo(found, family);
    this.deps.log.info(`takes: downloading the video of ${found.sidecarPath} again → job ${job.id}`);
  }
}

/** The rejected takes' files (each video that is there, and each take file), moved to the trash after the user agrees. */
export async function deleteRejected(takes: readonly FoundTake[], log: Log): Promise<void> {
  const rejected = takes.filter((found) => found.take.verdict === 'rejected');
  if (rejected.length === 0) return;
  const files = (await Promise.all(rejected.flatMap((found) => [found.videoPath, found.sidecarPath]).map(async (file) => ((await exists(file)) ? [file] : [])))).flat();
  const move = vscode.l10n.t('Move to Trash');
  const detail = files.map((file) => path.basename(file)).join('\n');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Move {0} files of {1} rejected takes to the trash?', files.length, rejected.length), { modal: true, detail }, move);
  if (answer !== move) return;
  const failed: string[] = [];
  let permanently: boolean | undefined;
  for (const file of files) {
    try {
      await vscode.workspace.fs.delete(fileUri(file), { useTrash: permanently !== true });
    } catch (error) {
      // A file system without a trash (VS Code for the Web, a remote): ask once whether to delete for good instead.
      if (permanently === undefined && /trash/i.test(error instanceof Error ? error.message : String(error))) {
        const remove = vscode.l10n.t('Delete Permanently');
        permanently = (await vscode.window.showWarningMessage(vscode.l10n.t('There is no trash here. Delete {0} files permanently?', files.length), { modal: true, detail }, remove)) === remove;
        if (!permanently) return;
        try {
          await vscode.workspace.fs.delete(fileUri(file), { useTrash: false });
          continue;
        } catch (again) {
          error = again;
        }
      }
      failed.push(path.basename(file));
      log.warn(`takes: could not delete ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failed.length > 0) vscode.window.showErrorMessage(vscode.l10n.t('Could not delete {0}. Show Log has the details.', failed.join(', ')));
}

const exists = (file: string) => stat(file).then((info) => info.isFile(), () => false);
