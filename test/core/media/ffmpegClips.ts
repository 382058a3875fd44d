// Real H.264/AAC clips made by ffmpeg, and what ffprobe says of a file: the core tier's view from outside.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { run } from '../../support/files';

export interface FfmpegClip {
  seconds: number;
  width?: number;
  height?: number;
  fps?: number;
  /** Frames between keyframes (a fixed GOP, no scene-cut keyframes); default 60. */
  gop?: number;
  /** x264's default B-frames; false: none (as the simulator's ultrafast preset). */
  bFrames?: boolean;
  /** An AAC tone at this pitch; omitted: no sound. */
  tone?: number;
  format?: 'mp4' | 'mov' | 'webm' | 'gif';
  bitrate?: string;
}

export async function ffmpegClip(file: string, spec: FfmpegClip): Promise<string> {
  const { width = 640, height = 360, fps = 30, gop = 60, format = 'mp4' } = spec;
  const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`];
  if (spec.tone && format !== 'gif') args.push('-f', 'lavfi', '-i', `sine=frequency=${spec.tone}:sample_rate=48000`);
  args.push('-t', String(spec.seconds));
  if (format === 'webm') args.push('-c:v', 'libvpx', '-b:v', '300k');
  else if (format !== 'gif') {
    args.push('-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0');
    args.push(...(spec.bFrames === false ? ['-preset', 'ultrafast'] : ['-preset', 'veryfast', '-bf', '2']));
    if (spec.bitrate) args.push('-b:v', spec.bitrate, '-maxrate', spec.bitrate, '-bufsize', spec.bitrate);
  }
  if (spec.tone && format !== 'gif') args.push('-c:a', format === 'webm' ? 'libvorbis' : 'aac', '-shortest');
  await run('ffmpeg', [...args, file], { maxBuffer: 4 * 1024 * 1024 });
  return file;
}

export interface Probed {
  duration: number;
  streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number; nb_frames?: string; start_time?: string; duration?: string }>;
}

export async function ffprobe(file: string): Promise<Probed> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]);
  const parsed = JSON.parse(stdout) as { format: { duration: string }; streams: Probed['streams'] };
  return { duration: Number(parsed.format.duration), streams: parsed.streams };
}

/** The video's frames in presentation order: time and whether each is a keyframe. */
export async function videoFrames(file: string): Promise<Array<{ time: number; key: boolean }>> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'frame=pts_time,key_frame', '-of', 'json', file], { maxBuffer: 64 * 1024 * 1024 });
  const { frames } = JSON.parse(stdout) as { frames: Array<{ key_frame: number; pts_time: string }> };
  return frames.map((frame) => ({ key: frame.key_frame === 1, time: Number(frame.pts_time) }));
}

/** What ffmpeg says while decoding every frame and sample: empty when the file plays cleanly. */
export async function decodeErrors(file: string): Promise<string> {
  const { stderr } = await run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { maxBuffer: 16 * 1024 * 1024 });
  return stderr.trim();
}

export async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}
