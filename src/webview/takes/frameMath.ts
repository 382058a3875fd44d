/** Frame arithmetic for the compare and extract views: times and frame numbers agree on every side. */

/** When a video does not say its rate (no header read yet), the service's usual 30 fps is assumed. */
export const FALLBACK_FPS = 30;

/** Frames in a video of `duration` seconds at `fps` (at least one). */
export function frameCount(duration: number, fps: number): number {
  return Math.max(1, Math.round(duration * fps));
}

/** The frame shown at time `t`: the one whose interval [n/fps, (n+1)/fps) holds it, within the video. */
export function frameAt(t: number, fps: number, duration: number): number {
  return Math.min(frameCount(duration, fps) - 1, Math.max(0, Math.floor(t * fps + 1e-6)));
}

/**
 * The time to seek to for frame `n`: its middle, so a player that rounds either way still shows that frame. The
 * last frame is sought there too, never at `duration` itself (where Chromium may show nothing, or a garbled frame).
 */
export function timeOfFrame(n: number, fps: number, duration: number): number {
  const last = frameCount(duration, fps) - 1;
  const frame = Math.min(last, Math.max(0, Math.round(n)));
  return Math.min((frame + 0.5) / fps, Math.max(0, duration - 0.25 / fps));
}

/** The frames of the last second (or of the whole video if shorter), for the frame-by-frame picker. */
export function lastSecond(duration: number, fps: number): { from: number; to: number } {
  const to = frameCount(duration, fps) - 1;
  return { from: Math.max(0, to - Math.round(fps) + 1), to };
}

/** Where the follower should be when the leader is at `t`: the same time, held at its own end when it is shorter. */
export function followerTime(t: number, followerDuration: number, fps: number): number {
  return Math.min(t, Math.max(0, followerDuration - 0.25 / fps));
}

/** Two players are in sync when they show the same frame: within one frame's time of each other. */
export function inSync(a: number, b: number, fps: number): boolean {
  return Math.abs(a - b) < 1 / fps;
}
