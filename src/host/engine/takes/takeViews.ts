import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseBeijingTime } from '../../../core/base/serviceTime';
import { urlFileName } from '../../../core/inputs/remoteImage';
import { VIDEO_URL_LIFETIME_MS } from '../../../core/job/publish';
import { replayRequest } from '../../../core/job/replay';
import type { FoundTake } from '../../../core/output/takeReader';
import { mapInputs } from '../../../shared/mediaRoles';
import type { TakeView } from '../../../shared/protocol';

/** What the panel needs to know of a take besides its file: its sound and its cost, when known. */
export interface TakeExtras {
  sound: TakeView['sound'];
  cost?: string;
  /** Frames per second read from the video's header (the service's `usage.fps` otherwise). */
  fps?: number;
}

const exists = (file: string) => stat(file).then((info) => info.isFile(), () => false);

/** A take as the page shows it: files through asWebviewUri (never as paths), what made it, whether its video is there. */
export async function takeView(found: FoundTake, webview: vscode.Webview, now: number, extras: TakeExtras): Promise<TakeView> {
  const { take } = found;
  const videoThere = await exists(found.videoPath);
  const inputs = await Promise.all(
    Object.entries(found.inputs).map(async ([role, input]) => {
      if (!input) return [role, undefined] as const;
      if (input.url) return [role, { name: urlFileName(input.url) }] as const;
      const file = input.path ?? '';
      return [role, { name: path.basename(file), src: (await exists(file)) ? webview.asWebviewUri(vscode.Uri.file(file)).toString() : undefined }] as const;
    }),
  );
  const ended = parseBeijingTime(take.times.end) ?? Date.parse(take.times.savedAt);
  const usage = take.usage as { duration?: number; video_duration?: number; fps?: number } | undefined;
  return {
    id: found.sidecarPath,
    videoSrc: videoThere ? webview.asWebviewUri(vscode.Uri.file(found.videoPath)).toString() : undefined,
    videoName: path.basename(found.videoPath),
    videoMissing: !videoThere,
    canResume: !videoThere && now - ended < VIDEO_URL_LIFETIME_MS,
    inputs: mapInputs(Object.fromEntries(inputs) as TakeView['inputs'], (value) => value),
    model: take.model,
    resolution: take.parameters?.resolution,
    duration: take.parameters?.duration,
    seed: take.seed ?? take.parameters?.seed,
    prompt: take.prompt,
    actualPrompt: take.actualPrompt,
    savedAt: Date.parse(take.times.savedAt) || 0,
    verdict: take.verdict,
    sound: extras.sound,
    seconds: usage?.duration ?? usage?.video_duration,
    cost: extras.cost,
    exact: replayRequest(found, 'exact').exact,
    fps: extras.fps ?? usage?.fps,
  };
}
