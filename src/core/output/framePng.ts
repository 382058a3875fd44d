import { writeFile } from 'node:fs/promises';
import { writeBeside } from '../media/writeBeside';
import * as path from 'node:path';
import { bufferSource, probeImage } from '../inputs/imageProbe';

/** Which frame of a video a PNG is: its first, its last, or one by number. */
export type FrameWhich = 'first' | 'frame' | 'last';

export type FrameCheck = { ok: true; width: number; height: number } | { ok: false; why: string };

/** A drawn frame must be a PNG of exactly the video's size (the page draws at the video's own pixels). */
export async function checkFramePng(png: Uint8Array, expected?: { width: number; height: number }): Promise<FrameCheck> {
  const probe = await probeImage(bufferSource(png));
  if (probe.format !== 'png' || probe.corrupt || !probe.width || !probe.height) return { ok: false, why: 'not a whole PNG' };
  if (expected && (probe.width !== expected.width || probe.height !== expected.height)) {
    return { ok: false, why: `${probe.width}×${probe.height}, not the video's ${expected.width}×${expected.height}` };
  }
  return { ok: true, width: probe.width, height: probe.height };
}

/** `<video>-first.png`, `<video>-last.png`, `<video>-f<n>.png`. */
export function framePngName(videoPath: string, which: FrameWhich, frame: number): string {
  const stem = path.basename(videoPath).replace(/\.[^.]+$/, '');
  return `${stem}-${which === 'frame' ? `f${frame}` : which}`;
}

/** Writes the PNG beside the video under its frame name, never over a file: `-2`, `-3`… when the name is taken. */
export async function writeFramePng(videoPath: string, which: FrameWhich, frame: number, png: Uint8Array): Promise<string> {
  const folder = path.dirname(videoPath);
  const stem = framePngName(videoPath, which, frame);
  for (let index = 1; index < 1000; index++) {
    const target = path.join(folder, `${index === 1 ? stem : `${stem}-${index}`}.png`);
    // Whole or absent: a watcher (the Explorer, the panel) never sees half a PNG, and a failed write leaves nothing.
    const written = await writeBeside(target, (temporary) => writeFile(temporary, png, { flag: 'wx' }));
    if (written.kind === 'written') return target;
  }
  throw new Error(`no free name for ${stem}.png in ${folder}`);
}
