import * as path from 'node:path';
import { readMediaInfo } from '../../core/media/mediaInfo';
import { checkFramePng, writeFramePng } from '../../core/output/framePng';
import { UsageError } from '../args';
import { EXIT } from '../exitCodes';
import { type FrameChoice, frameIndex, grabFrame, NoFfmpeg } from '../frameGrab';
import { cliText } from '../messages';
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

/**
 * `extract <video> --first|--last|--at S`: the frame as a PNG of the video's own size beside it (`<video>-last.png`,
 * `<video>-f<n>.png`; `-2`… rather than over a file), decoded by ffmpeg. A file that is not a video, has no video
 * track or is empty, and a missing ffmpeg, are each said in one line, exit 2, nothing written.
 */
export async function extract(context: OfflineContext): Promise<number> {
  const { zh, say } = context;
  const video = path.resolve(requireVideo(context, 'extract'));
  const choice = frameChoiceOf(context);
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
  const written = await writeFramePng(video, choice.which, index, png);
  say(cliText('extracted', zh, written, String(checked.width), String(checked.height)));
  if (context.values.json) context.io.stdout.write(`${JSON.stringify({ png: written, video, frame: index, width: checked.width, height: checked.height })}\n`);
  return EXIT.saved;
}
