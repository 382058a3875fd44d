import * as path from 'node:path';
import { type FoundTake, readTake } from '../core/output/takeReader';
import { UsageError } from './args';
import type { CliContext } from './context';
import { cliText } from './messages';

/** The take file of a video: `<video>.json` beside it (a take file given itself is its own). */
export function sidecarOf(file: string): string {
  const full = path.resolve(file);
  return full.toLowerCase().endsWith('.json') ? full : full.replace(/\.[^./\\]+$/, '') + '.json';
}

/** The video a command names as its first argument: a usage mistake when none is given. */
export function requireVideo(context: Pick<CliContext, 'positionals' | 'zh'>, command: string): string {
  const video = context.positionals[1];
  if (!video) throw new UsageError(cliText('needsVideo', context.zh, command));
  return video;
}

/** The take beside a video, or the sentence that says why there is none (nothing is changed or sent then). */
export async function takeOfVideo(video: string, zh: boolean): Promise<{ found: FoundTake } | { problem: string }> {
  const sidecar = sidecarOf(video);
  const read = await readTake(sidecar);
  if ('found' in read) return { found: read.found };
  return { problem: cliText('noTake', zh, path.resolve(video), `${path.basename(sidecar)}: ${read.skipped === 'unreadable' ? read.detail : `${read.skipped}, ${read.detail}`}`) };
}
