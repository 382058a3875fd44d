import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { clipLimits, MODELS } from '../../../core/catalog/models';
import { inspectClip } from '../../../core/inputs/clipCheck';
import { shortestContinuation } from '../../../core/inputs/clipDuration';
import { cutTail } from '../../../core/media/cutTail';
import { ROLE } from '../../../shared/mediaRoles';
import type { FormValues } from '../../../shared/protocol';
import type { InputSelection } from '../../entry/inputSelection';
import type { Log } from '../../entry/log';
import type { JobParent } from '../../../core/job/jobRecord';
import type { TakeIndex } from '../takes/takeIndex';

/** The model that continues a clip (dashscope-api.md §4.2: only wan2.7-i2v takes a first clip). */
const CONTINUING_MODEL = MODELS['wan2.7-i2v'];
/** New video a continuation adds by default, when the clip leaves room for it. */
const DEFAULT_NEW_SECONDS = 5;

export interface ContinuationDeps {
  selection: InputSelection;
  form(): FormValues;
  setForm(values: FormValues): Promise<void>;
  log: Log;
  index: TakeIndex;
}

/** The form's total duration for continuing a clip this long: 5 s of new video where the model's 15 s allow it. */
export function continuationDuration(clipSeconds: number | undefined, current: number): number {
  const { min, max } = CONTINUING_MODEL.duration;
  if (clipSeconds === undefined) return Math.min(max, Math.max(min, current));
  return Math.min(max, Math.max(shortestContinuation(clipSeconds), Math.ceil(clipSeconds) + DEFAULT_NEW_SECONDS));
}

/**
 * "Continue this Video…": the clip goes into the form's first-clip slot (the first frame stays, unsent, for when the
 * clip is removed), the model becomes wan2.7-i2v and the total duration leaves room for new video. A clip over the
 * model's 10 s is offered as its last seconds, cut at a keyframe into a new file — the original is never touched.
 */
export class Continuation {
  constructor(private readonly deps: ContinuationDeps) {}

  async continueFrom(video: vscode.Uri): Promise<void> {
    const seconds = (await inspectClip(video.fsPath, ROLE.clip)).facts?.probe.seconds;
    const values = this.deps.form();
    const resolution = CONTINUING_MODEL.resolutions.includes(values.resolution as never) ? values.resolution : CONTINUING_MODEL.defaultResolution;
    this.deps.selection.set(ROLE.clip, video);
    await this.deps.setForm({ ...values, model: CONTINUING_MODEL.id, resolution, duration: continuationDuration(seconds, values.duration), sound: values.sound });
    this.deps.log.info(`continuing ${video.fsPath}${seconds !== undefined ? ` (${seconds.toFixed(3)} s)` : ''}`);
  }

  /** The take a clip is the video of (its take file beside it): the continuation names it as its parent. */
  parentOf(clip: vscode.Uri): JobParent | undefined {
    const found = this.deps.index.take(clip.fsPath.replace(/\.(mp4|mov)$/i, '.json'));
    return found ? { kind: 'take', id: found.take.taskId } : undefined;
  }

  /** Cuts the form's clip to the model's longest, from a keyframe, and continues that instead. */
  async cut(): Promise<void> {
    const clip = this.deps.selection.get(ROLE.clip);
    const limits = clipLimits(CONTINUING_MODEL, ROLE.clip);
    if (!clip || clip.scheme !== 'file' || !limits) return;
    const name = (file: string) => file.split(/[\\/]/).pop() ?? file;
    const result = await cutTail(clip.fsPath, { maxSeconds: limits.maxSeconds, minSeconds: limits.minSeconds });
    switch (result.kind) {
      case 'cut':
        this.deps.log.info(`cut ${clip.fsPath} at ${result.start} s → ${result.file} (${result.seconds} s)`);
        this.deps.selection.set(ROLE.clip, vscode.Uri.file(result.file));
        void vscode.window.showInformationMessage(vscode.l10n.t('Cut at {0} s (a keyframe): {1} keeps the last {2} s. {3} is unchanged.', result.start.toFixed(3), name(result.file), result.seconds.toFixed(3), name(clip.fsPath)));
        return;
      case 'target-exists': {
        // Cut before from this clip as it is now (newer than it): use it rather than write a second copy. A cut older
        // than the clip is of other footage, and is never continued in its place.
        const [source, cut] = await Promise.all([stat(clip.fsPath), stat(result.file)]);
        if (cut.mtimeMs < source.mtimeMs) {
          void vscode.window.showWarningMessage(vscode.l10n.t('{0} is older than {1}, so it may be cut from other footage: delete or rename it to cut again.', name(result.file), name(clip.fsPath)));
          return;
        }
        this.deps.selection.set(ROLE.clip, vscode.Uri.file(result.file));
        void vscode.window.showInformationMessage(vscode.l10n.t('Using {0}, cut from this clip before.', name(result.file)));
        return;
      }
      case 'no-keyframe':
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} has no keyframe in its last {1} s, so it cannot be cut without re-encoding.', name(clip.fsPath), limits.maxSeconds));
        return;
      case 'short-enough':
        return;
      case 'not-a-clip':
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not an mp4 or mov video.', name(clip.fsPath)));
    }
  }
}
