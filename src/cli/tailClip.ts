import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Bilingual } from '../core/base/language';
import { cutTail, tailFileName } from '../core/media/cutTail';

export type TailClip = { file: string; said: Bilingual } | { problem: Bilingual };

const name = (file: string) => path.basename(file);
const secs = (value: number) => `${Number(value.toFixed(3))} s`;

/**
 * A clip's last ≤ `maxSeconds`, cut at a keyframe without re-encoding into `<name>.last10s.mp4` beside it (or in
 * `folder`, for a dry run), the original only read; `said` names the exact start. A cut made before and newer than
 * the clip is used again; an older one may be of other footage and is never continued in its place.
 */
export async function tailClip(clip: string, maxSeconds: number, minSeconds: number, folder?: string): Promise<TailClip> {
  const beside = tailFileName(clip, maxSeconds);
  const target = folder ? path.join(folder, name(beside)) : beside;
  const cut = await cutTail(clip, { maxSeconds, minSeconds, target });
  switch (cut.kind) {
    case 'cut':
      return {
        file: cut.file,
        said: {
          en: `${name(clip)} is longer than ${secs(maxSeconds)}: continuing its last ${secs(cut.seconds)}, cut without re-encoding at its keyframe at ${secs(cut.start)} into ${folder ? `a scratch copy (dry run)` : name(cut.file)}; ${name(clip)} is unchanged.`,
          zh: `${name(clip)} 超过 ${secs(maxSeconds)}：续写其最后 ${secs(cut.seconds)}，在 ${secs(cut.start)} 处的关键帧不重新编码截取为 ${folder ? '临时副本（试运行）' : name(cut.file)}；${name(clip)} 保持不变。`,
        },
      };
    case 'short-enough':
      return { file: clip, said: { en: `${name(clip)} is ${secs(cut.seconds)}: continued whole.`, zh: `${name(clip)} 时长 ${secs(cut.seconds)}：整段续写。` } };
    case 'target-exists': {
      const [source, made] = await Promise.all([stat(clip), stat(cut.file)]);
      if (made.mtimeMs >= source.mtimeMs) return { file: cut.file, said: { en: `Using ${name(cut.file)}, the last part of ${name(clip)} cut before.`, zh: `使用之前从 ${name(clip)} 截取的 ${name(cut.file)}。` } };
      return {
        problem: {
          en: `${name(cut.file)} is older than ${name(clip)}, so it may be cut from other footage: delete or rename it, then continue again. Nothing was sent.`,
          zh: `${name(cut.file)} 比 ${name(clip)} 更旧，可能截自其他视频：请删除或重命名后再试。未发送任何请求。`,
        },
      };
    }
    case 'no-keyframe':
      return {
        problem: {
          en: `${name(clip)} is ${secs(cut.seconds)} and has no keyframe to cut its last ≤ ${secs(cut.maxSeconds)} at (keeping at least ${secs(cut.minSeconds)}) without re-encoding. Nothing was sent.`,
          zh: `${name(clip)} 时长 ${secs(cut.seconds)}，最后 ${secs(cut.maxSeconds)} 内没有可在不重新编码的情况下截取的关键帧（至少保留 ${secs(cut.minSeconds)}）。未发送任何请求。`,
        },
      };
    case 'not-a-clip':
      return { problem: { en: `${name(clip)} is not an mp4 or mov video. Nothing was sent.`, zh: `${name(clip)} 不是 mp4 或 mov 视频。未发送任何请求。` } };
  }
}
