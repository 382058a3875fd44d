import { spawn } from 'node:child_process';

/** Which frame `extract` takes: the first, the last, or the one shown at a time (seconds). */
export type FrameChoice = { which: 'first' } | { which: 'last' } | { which: 'frame'; seconds: number };

/** The frame's number (0-based, in presentation order) in a video of `frames` frames at `frameRate`, starting at `start` s. */
export function frameIndex(choice: FrameChoice, frames: number, frameRate: number, start = 0): number {
  if (choice.which === 'first') return 0;
  if (choice.which === 'last') return Math.max(0, frames - 1);
  // The frame on screen at that time: the last one that started at or before it (a hair of slack for float times).
  const index = Math.floor((choice.seconds - start) * frameRate + 1e-6);
  return Math.min(Math.max(0, index), Math.max(0, frames - 1));
}

/** ffmpeg is not on PATH: the one thing `extract` cannot do without. */
export class NoFfmpeg extends Error {}

/** The arguments that make ffmpeg decode a video's frame number `index` and write it as one PNG to stdout. */
export function ffmpegArguments(video: string, index: number): string[] {
  return ['-v', 'error', '-nostdin', '-i', video, '-map', '0:v:0', '-vf', `select=eq(n\\,${index})`, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'];
}

/**
 * One frame of a video as a PNG, decoded by ffmpeg (a PNG is small: it is kept in memory, the video is streamed by
 * ffmpeg itself). Throws NoFfmpeg when ffmpeg is not installed, an Error with ffmpeg's own words otherwise.
 */
export function grabFrame(video: string, index: number, signal?: AbortSignal, command = 'ffmpeg'): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ffmpegArguments(video, index), { stdio: ['ignore', 'pipe', 'pipe'], signal });
    const chunks: Buffer[] = [];
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new NoFfmpeg(command) : error));
    child.on('close', (code) => {
      const png = Buffer.concat(chunks);
      if (code === 0 && png.length > 0) resolve(new Uint8Array(png));
      else reject(new Error(errors.trim().split('\n').pop() || `ffmpeg exited with ${String(code)} and no frame`));
    });
  });
}
