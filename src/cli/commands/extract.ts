import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { readMediaInfo } from '../../core/media/mediaInfo';
import { writeBeside } from '../../core/media/writeBeside';
import { checkFramePng, writeFramePng } from '../../core/output/framePng';
import { UsageError } from '../args';
import { EXIT } from '../exitCodes';
import { type FrameChoice, frameIndex, grabFrame, NoFfmpeg } from '../frameGrab';
import { cliText } from '../messages';
import { pathKind } from '../pathKind';
import { requireVideo } from '../takeFile';
import type { OfflineContext } from './estimate';

/** The frame the line asks for: exactly one of --first, --last, --at SECONDS. */
export function frameChoiceOf(context: Pick<OfflineContext, 'values' | 'zh'>): FrameChoice | { at: string } {
  const { values, zh } = context;
  const chosen = [values['first-frame'] === true, values['last-frame'] === true, values.at !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError(cliText('extractWhich', zh));
  if (values['first-frame']) return { which: 'first' };
  if (values['last-frame']) return { which: 'last' };
  const text = (values.at ?? '').trim();
  const seconds = /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(seconds) ? { which: 'frame', seconds } : { at: text };
}

/** Why `--out FILE` cannot take a new PNG (it exists, or its folder does not), said before anything is decoded. */
export async function outProblem(target: string, zh: boolean): Promise<string | undefined> {
  const kind = await pathKind(target);
  if (kind === 'folder') return cliText('outIsFolder', zh, target, path.join(target, 'frame.png'));
  if (kind !== 'missing') return cliText('outExists', zh, target);
  const folder = path.dirname(target);
  const folderKind = await pathKind(folder);
  if (folderKind === 'missing') return cliText('outNoFolder', zh, target, folder);
  if (folderKind !== 'folder') return cliText('outNotFolder', zh, target, folder);
  return undefined;
}

/** Publishes the PNG at `target` whole (written beside it, then linked into place), never over a file. */
async function writeOut(target: string, png: Uint8Array): Promise<boolean> {
  const written = await writeBeside(target, (temporary) => writeFile(temporary, png, { flag: 'wx' }));
  return written.kind === 'written';
}

/**
 * `extract <video> --first|--last|--at S [--out FILE]`: the frame as a PNG of the video's own size, at FILE or beside
 * the video (`<video>-last.png`, `<video>-f<n>.png`; `-2`… rather than over a file), decoded by ffmpeg. A FILE that
 * exists or whose folder does not, a file that is not a video, has no video track or is empty, and a missing ffmpeg,
 * are each said in one line, exit 2, nothing written.
 */
export async function extract(context: OfflineContext): Promise<number> {
  const { zh, say } = context;
  const video = path.resolve(requireVideo(context, 'extract'));
  const choice = frameChoiceOf(context);
  const out = context.values.out === undefined ? undefined : path.resolve(context.values.out);
  const refused = out === undefined ? undefined : await outProblem(out, zh);
  if (refused) {
    say(refused);
    return EXIT.invalidInput;
  }
  let info;
  try {
    info = await readMediaInfo(video);
  } catch (error) {
    say(cliText('notVideo', zh, video, (error as { code?: string }).code ?? String(error)));
    return EXIT.invalidInput;
  }
  const track = info.kind === 'media' ? info.video : undefined;
  if (info.kind !== 'media' || !track || !track.frames || !track.frameRate) {
    const why = info.kind === 'not-media' ? info.what : info.kind === 'damaged' ? info.detail : zh ? '没有视频轨道' : 'no video track';
    say(cliText('notVideo', zh, video, why));
    return EXIT.invalidInput;
  }
  const duration = track.end - track.start;
  if ('at' in choice || (choice.which === 'frame' && choice.seconds > track.end + 1e-6)) {
    say(cliText('extractAt', zh, 'at' in choice ? choice.at : String(choice.seconds), duration.toFixed(3)));
    return EXIT.invalidInput;
  }
  const index = frameIndex(choice, track.frames, track.frameRate, track.start);
  let png: Uint8Array;
  try {
    png = await grabFrame(video, index, context.io.signal);
  } catch (error) {
    say(error instanceof NoFfmpeg ? cliText('noFfmpeg', zh) : cliText('frameFailed', zh, video, error instanceof Error ? error.message : String(error)));
    return EXIT.invalidInput;
  }
  const checked = await checkFramePng(png, { width: track.width, height: track.height });
  if (!checked.ok) {
    say(cliText('frameFailed', zh, video, checked.why));
    return EXIT.invalidInput;
  }
  let written: string;
  if (out === undefined) written = await writeFramePng(video, choice.which, index, png);
  else if (await writeOut(out, png)) written = out;
  else {
    say(cliText('outAppeared', zh, out));
    return EXIT.invalidInput;
  }
  say(cliText('extracted', zh, written, String(checked.width), String(checked.height)));
  if (context.values.json) context.io.stdout.write(`${JSON.stringify({ png: written, video, frame: index, width: checked.width, height: checked.height })}\n`);
  return EXIT.saved;
}
