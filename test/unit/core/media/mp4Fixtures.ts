// Real, playable mp4/mov files made in the test itself, without ffmpeg: an H.264 stream written bit by bit (each
// keyframe an IDR of I_PCM macroblocks — raw pixels, a solid colour — and every other frame a P frame that skips
// all its macroblocks, so it repeats the last keyframe) and silent AAC-LC frames, muxed by mediabunny.
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { BufferTarget, EncodedAudioPacketSource, EncodedPacket, EncodedVideoPacketSource, MovOutputFormat, Mp4OutputFormat, Output, WebMOutputFormat } from 'mediabunny';

export interface ClipSpec {
  width: number;
  height: number;
  seconds: number;
  fps?: number;
  /** Seconds between keyframes; Infinity: only the first frame is one. */
  keyEvery?: number;
  /** Silent AAC-LC at this rate and channel count; omitted: no audio track. */
  audio?: { sampleRate?: number; channels?: 1 | 2 };
  format?: 'mp4' | 'mov';
  /** Shifts the keyframes' colours, so two clips' pictures differ. */
  tint?: number;
  /** The H.264 level the stream declares (another level: another decoder configuration). */
  level?: number;
  /** false: audio only. */
  video?: boolean;
  /** Shows the last two frames in the other order than they are decoded (as B-frames do). */
  reorderLast?: boolean;
}

class Bits {
  readonly bytes: number[] = [];
  private current = 0;
  private count = 0;
  bit(value: number): void {
    this.current = (this.current << 1) | (value & 1);
    if (++this.count === 8) this.flush();
  }
  u(width: number, value: number): void {
    for (let i = width - 1; i >= 0; i--) this.bit(Math.floor(value / 2 ** i) % 2);
  }
  ue(value: number): void {
    const width = 32 - Math.clz32(value + 1);
    this.u(width - 1, 0);
    this.u(width, value + 1);
  }
  se(value: number): void {
    this.ue(value <= 0 ? -2 * value : 2 * value - 1);
  }
  align(): void {
    while (this.count !== 0) this.bit(0);
  }
  trailing(): void {
    this.bit(1);
    this.align();
  }
  raw(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.bytes.push(bytes[i] as number);
  }
  private flush(): void {
    this.bytes.push(this.current);
    this.current = 0;
    this.count = 0;
  }
}

/** A NAL unit: its header byte, then the payload with emulation prevention (00 00 0x → 00 00 03 0x). */
function nal(header: number, payload: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(1 + Math.ceil(payload.length * 1.5) + 1);
  out[0] = header;
  let length = 1;
  let zeros = 0;
  for (let i = 0; i < payload.length; i++) {
    const byte = payload[i] as number;
    if (zeros >= 2 && byte <= 3) {
      out[length++] = 3;
      zeros = 0;
    }
    out[length++] = byte;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, length);
}

const LOG2_MAX_FRAME_NUM = 16;

function sps(width: number, height: number, level: number): Uint8Array {
  const widthMbs = Math.ceil(width / 16);
  const heightMbs = Math.ceil(height / 16);
  const b = new Bits();
  b.u(8, 66); // Baseline
  b.u(8, 0xc0); // constraint_set0 and 1
  b.u(8, level);
  b.ue(0); // seq_parameter_set_id
  b.ue(LOG2_MAX_FRAME_NUM - 4);
  b.ue(2); // pic_order_cnt_type 2: output order is decode order
  b.ue(1); // max_num_ref_frames
  b.bit(0); // gaps_in_frame_num_value_allowed_flag
  b.ue(widthMbs - 1);
  b.ue(heightMbs - 1);
  b.bit(1); // frame_mbs_only_flag
  b.bit(1); // direct_8x8_inference_flag
  const cropRight = (widthMbs * 16 - width) / 2;
  const cropBottom = (heightMbs * 16 - height) / 2;
  const crop = cropRight > 0 || cropBottom > 0;
  b.bit(crop ? 1 : 0);
  if (crop) [0, cropRight, 0, cropBottom].forEach((value) => b.ue(value));
  b.bit(0); // vui_parameters_present_flag
  b.trailing();
  return nal(0x67, b.bytes);
}

function pps(): Uint8Array {
  const b = new Bits();
  b.ue(0);
  b.ue(0);
  b.bit(0); // CAVLC
  b.bit(0);
  b.ue(0); // one slice group
  b.ue(0);
  b.ue(0);
  b.bit(0);
  b.u(2, 0);
  b.se(0);
  b.se(0);
  b.se(0);
  b.bit(0); // no deblocking control
  b.bit(0);
  b.bit(0);
  b.trailing();
  return nal(0x68, b.bytes);
}

/** An IDR frame of I_PCM macroblocks, all of one colour. */
function idr(macroblocks: number, idrId: number, luma: number): Uint8Array {
  const b = new Bits();
  b.ue(0); // first_mb_in_slice
  b.ue(7); // I slice
  b.ue(0);
  b.u(LOG2_MAX_FRAME_NUM, 0);
  b.ue(idrId % 2);
  b.bit(0); // no_output_of_prior_pics_flag
  b.bit(0); // long_term_reference_flag
  b.se(0); // slice_qp_delta
  b.ue(25); // the first macroblock: I_PCM, then zero bits up to the byte
  b.align();
  const pcm = new Uint8Array(384);
  pcm.fill(luma, 0, 256);
  pcm.fill(128 + ((luma * 7) % 60) - 30, 256, 320);
  pcm.fill(128 - ((luma * 3) % 60) + 30, 320, 384);
  // Every later macroblock starts byte-aligned: mb_type ue(25) is 000011010, then 7 alignment bits, then the samples.
  const block = new Uint8Array(386);
  block.set([0x0d, 0x00]);
  block.set(pcm, 2);
  const body = new Uint8Array(b.bytes.length + 384 + (macroblocks - 1) * 386 + 1);
  body.set(b.bytes);
  body.set(pcm, b.bytes.length);
  for (let i = 1; i < macroblocks; i++) body.set(block, b.bytes.length + 384 + (i - 1) * 386);
  body[body.length - 1] = 0x80; // rbsp_stop_one_bit, then alignment
  return nal(0x65, body);
}

/** A P frame whose every macroblock is skipped: the previous frame again. */
function skipped(macroblocks: number, frameNum: number): Uint8Array {
  const b = new Bits();
  b.ue(0);
  b.ue(5); // P slice
  b.ue(0);
  b.u(LOG2_MAX_FRAME_NUM, frameNum % 2 ** LOG2_MAX_FRAME_NUM);
  b.bit(0); // num_ref_idx_active_override_flag
  b.bit(0); // ref_pic_list_modification_flag_l0
  b.bit(0); // adaptive_ref_pic_marking_mode_flag
  b.se(0);
  b.ue(macroblocks); // mb_skip_run
  b.trailing();
  return nal(0x41, b.bytes);
}

/** Length-prefixed (4 bytes), as mp4 carries H.264. */
function sample(unit: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + unit.length);
  new DataView(out.buffer).setUint32(0, unit.length);
  out.set(unit, 4);
  return out;
}

export interface H264Stream {
  codec: string;
  description: Uint8Array;
  frames: Array<{ data: Uint8Array; key: boolean }>;
}

export function h264Stream(spec: Pick<ClipSpec, 'width' | 'height' | 'seconds' | 'fps' | 'keyEvery' | 'tint' | 'level'>): H264Stream {
  const fps = spec.fps ?? 30;
  const macroblocks = Math.ceil(spec.width / 16) * Math.ceil(spec.height / 16);
  const keyEvery = Number.isFinite(spec.keyEvery ?? 1) ? Math.max(1, Math.round((spec.keyEvery ?? 1) * fps)) : Infinity;
  const count = Math.round(spec.seconds * fps);
  const frames: H264Stream['frames'] = [];
  let keys = 0;
  let sinceKey = 0;
  for (let i = 0; i < count; i++) {
    const key = i % keyEvery === 0;
    if (key) sinceKey = 0;
    else sinceKey++;
    const unit = key ? idr(macroblocks, keys++, 40 + (((keys + (spec.tint ?? 0)) * 47) % 180)) : skipped(macroblocks, sinceKey);
    frames.push({ data: sample(unit), key });
  }
  const s = sps(spec.width, spec.height, spec.level ?? 51);
  const p = pps();
  const description = Uint8Array.from([1, s[1] as number, s[2] as number, s[3] as number, 0xff, 0xe1, s.length >> 8, s.length & 255, ...s, 1, p.length >> 8, p.length & 255, ...p]);
  const hex = (value: number) => value.toString(16).padStart(2, '0').toUpperCase();
  return { codec: `avc1.${hex(s[1] as number)}${hex(s[2] as number)}${hex(s[3] as number)}`, description, frames };
}

/** One AAC-LC frame of silence (1024 samples): a single or a pair channel element with nothing coded, then END. */
function silentAac(channels: 1 | 2): Uint8Array {
  const b = new Bits();
  const stream = () => {
    b.u(8, 100); // global_gain
    b.u(11, 0); // ics_info: long window, max_sfb 0, no prediction
    b.u(3, 0); // no pulse, TNS or gain control data
  };
  if (channels === 1) {
    b.u(3, 0); // SCE
    b.u(4, 0);
    stream();
  } else {
    b.u(3, 1); // CPE
    b.u(4, 0);
    b.bit(0); // common_window
    stream();
    stream();
  }
  b.u(3, 7); // END
  b.align();
  return Uint8Array.from(b.bytes);
}

const AAC_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000];

function audioSpecificConfig(sampleRate: number, channels: number): Uint8Array {
  const index = AAC_RATES.indexOf(sampleRate);
  const bits = (2 << 11) | (index << 7) | (channels << 3);
  return Uint8Array.from([bits >> 8, bits & 255]);
}

/** Writes a clip as `spec` says; returns its path. */
export async function writeClip(file: string, spec: ClipSpec): Promise<string> {
  const fps = spec.fps ?? 30;
  const output = new Output({ format: spec.format === 'mov' ? new MovOutputFormat() : new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const video = spec.video === false ? undefined : new EncodedVideoPacketSource('avc');
  if (video) output.addVideoTrack(video);
  const audio = spec.audio ? new EncodedAudioPacketSource('aac') : undefined;
  if (audio) output.addAudioTrack(audio);
  await output.start();
  const stream = h264Stream(spec);
  const decoderConfig = { codec: stream.codec, codedWidth: spec.width, codedHeight: spec.height, description: stream.description };
  const last = stream.frames.length - 1;
  for (const [i, frame] of video ? stream.frames.entries() : []) {
    const shown = spec.reorderLast && i >= last - 1 ? (i === last ? last - 1 : last) : i;
    await video?.add(new EncodedPacket(frame.data, frame.key ? 'key' : 'delta', shown / fps, 1 / fps), i === 0 ? { decoderConfig } : undefined);
  }
  if (audio && spec.audio) {
    const sampleRate = spec.audio.sampleRate ?? 48000;
    const channels = spec.audio.channels ?? 1;
    const frame = silentAac(channels);
    const count = Math.round((spec.seconds * sampleRate) / 1024);
    const config = { codec: 'mp4a.40.2', sampleRate, numberOfChannels: channels, description: audioSpecificConfig(sampleRate, channels) };
    for (let i = 0; i < count; i++) await audio.add(new EncodedPacket(frame, 'key', (i * 1024) / sampleRate, 1024 / sampleRate), i === 0 ? { decoderConfig: config } : undefined);
  }
  await output.finalize();
  await writeFile(file, new Uint8Array(output.target.buffer as ArrayBuffer));
  return file;
}

/** Grows a finished file to `bytes` with a trailing `free` box whose body is a hole: a large file on little disk. */
export function padWithFreeBox(file: string, currentBytes: number, bytes: number): void {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(1, 0);
  header.write('free', 4, 'latin1');
  header.writeBigUInt64BE(BigInt(bytes - currentBytes), 8);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, header, 0, 16, currentBytes);
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

/** A WebM container holding one VP8 track (its frames are placeholders: only the container is what is tested). */
export async function writeWebm(file: string, seconds = 3): Promise<string> {
  const output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
  const video = new EncodedVideoPacketSource('vp8');
  output.addVideoTrack(video);
  await output.start();
  const frames = Math.round(seconds * 30);
  const keyframe = Uint8Array.from([0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01, 0, 0, 0, 0]);
  for (let i = 0; i < frames; i++) {
    await video.add(new EncodedPacket(keyframe, 'key', i / 30, 1 / 30), i === 0 ? { decoderConfig: { codec: 'vp8', codedWidth: 640, codedHeight: 480 } } : undefined);
  }
  await output.finalize();
  await writeFile(file, new Uint8Array(output.target.buffer as ArrayBuffer));
  return file;
}

/** The first bytes of a GIF: enough for anything that sniffs. */
export const GIF_BYTES = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x3b])]);
