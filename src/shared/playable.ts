/**
 * What desktop VS Code plays (addendum §A8.5; microsoft/vscode#156558): its Electron ships an approved codec list —
 * H.264 and VP8 for video; Vorbis, FLAC, MP3 and WAV (PCM) for sound. AAC is not on it (#167685), nor VP9, AV1 or
 * Opus (#209957): an mp4 with an AAC track plays silently in a webview and in VS Code's own video preview. In a
 * browser (VS Code for the Web, code-server) the browser decodes, and it plays AAC and H.264 both.
 */
export const DESKTOP_AUDIO_CODECS: readonly string[] = ['vorbis', 'flac', 'mp3', 'pcm-u8', 'pcm-s8', 'pcm-s16', 'pcm-s16be', 'pcm-s24', 'pcm-s24be', 'pcm-s32', 'pcm-s32be', 'pcm-f32', 'pcm-f32be', 'pcm-f64', 'pcm-f64be', 'ulaw', 'alaw'];
export const DESKTOP_VIDEO_CODECS: readonly string[] = ['avc', 'vp8'];

/** Where the page plays media: desktop VS Code's Electron, or a browser. */
export type Player = 'desktop' | 'browser';

/** A video's sound where it plays: no audio track, a track this player plays, one it plays silently, not known. */
export type SoundHere = 'silent' | 'plays' | 'muted-here' | 'unknown';

/** `audioCodec`: null when the video has no audio track, undefined when its tracks could not be read. */
export function soundHere(audioCodec: string | undefined | null, player: Player): SoundHere {
  if (audioCodec === null) return 'silent';
  if (audioCodec === undefined) return 'unknown';
  if (player === 'browser') return 'plays';
  return DESKTOP_AUDIO_CODECS.includes(audioCodec) ? 'plays' : 'muted-here';
}

/** Whether the page can decode the video's frames, to play it and to draw one as a PNG (browsers lack HEVC mostly). */
export function videoPlaysHere(videoCodec: string, player: Player): boolean {
  return player === 'browser' ? videoCodec !== 'hevc' : DESKTOP_VIDEO_CODECS.includes(videoCodec);
}
