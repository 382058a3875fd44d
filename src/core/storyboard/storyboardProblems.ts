import type { Bilingual } from '../base/language';

/**
 * What is wrong with a storyboard file, found before anything is sent: each names the line and the field (as an
 * editor shows them: `segments[1].duration`) and has one message in each language. The file is never rewritten
 * while it has one.
 */
export type StoryboardProblem =
  | { code: 'unreadable'; detail: string }
  | { code: 'too-large'; bytes: number; max: number }
  | { code: 'malformed-json'; line: number; column: number; expected: string }
  /** `version` is missing, or not a whole number: `found` says what is there instead. */
  | { code: 'not-a-storyboard'; line: number; found: string | undefined }
  | { code: 'future-version'; line: number; version: number }
  | { code: 'invalid-field'; line: number; field: string; detail: string }
  | { code: 'too-few-frames'; line: number; field: string; count: number }
  | { code: 'segments-count'; line: number; field: string; keyframes: number; segments: number }
  | { code: 'image-missing'; line: number; field: string; image: string }
  | { code: 'image-not-a-file'; line: number; field: string; image: string }
  /** Keyframe i and i + 1 are the same file (or the same URL): a segment from a picture to itself. */
  | { code: 'same-frame-twice'; line: number; field: string; image: string; previousField: string };

/** A value's path as an editor names it: `segments.1.duration` → `segments[1].duration`. */
export function fieldName(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** Where the problem is: `film.storyboard.json, line 7 (keyframes[2])`. */
function where(file: string, problem: StoryboardProblem): Bilingual {
  if (!('line' in problem)) return { en: file, zh: file };
  const field = 'field' in problem ? ` (${problem.field})` : '';
  if (problem.code === 'malformed-json') return { en: `${file}, line ${problem.line}, column ${problem.column}`, zh: `${file} 第 ${problem.line} 行第 ${problem.column} 列` };
  return { en: `${file}, line ${problem.line}${field}`, zh: `${file} 第 ${problem.line} 行${field}` };
}

function what(problem: StoryboardProblem): Bilingual {
  switch (problem.code) {
    case 'unreadable':
      return { en: `the storyboard cannot be read (${problem.detail})`, zh: `无法读取故事板（${problem.detail}）` };
    case 'too-large':
      return { en: `${problem.bytes} bytes is too large for a storyboard (at most ${problem.max})`, zh: `${problem.bytes} 字节，超出故事板的大小上限（${problem.max}）` };
    case 'malformed-json':
      return { en: `not valid JSON: expected ${problem.expected}`, zh: `不是有效的 JSON：此处应为 ${problem.expected}` };
    case 'not-a-storyboard':
      return problem.found === undefined
        ? { en: 'not a storyboard: it has no "version" field', zh: '不是故事板：缺少 "version" 字段' }
        : { en: `not a storyboard: its "version" is ${problem.found}, not a whole number`, zh: `不是故事板："version" 为 ${problem.found}，不是整数` };
    case 'future-version':
      return { en: `written by a newer version of Wan Keyframes (storyboard version ${problem.version}): update Wan Keyframes to open it`, zh: `由更新版本的 Wan Keyframes 写入（故事板版本 ${problem.version}）：请更新 Wan Keyframes 后再打开` };
    case 'invalid-field':
      return { en: problem.detail, zh: `字段无效：${problem.detail}` };
    case 'too-few-frames':
      return problem.count === 1
        ? { en: 'a storyboard needs at least two keyframes; it has one', zh: '故事板至少需要两个关键帧，当前只有一个' }
        : { en: `a storyboard needs at least two keyframes; it has ${problem.count}`, zh: `故事板至少需要两个关键帧，当前有 ${problem.count} 个` };
    case 'segments-count':
      return {
        en: `${problem.keyframes} keyframes make ${problem.keyframes - 1} segment(s), but the file lists ${problem.segments}: add or remove a segment with its keyframe`,
        zh: `${problem.keyframes} 个关键帧应对应 ${problem.keyframes - 1} 个片段，但文件中有 ${problem.segments} 个：增删关键帧时请同时增删片段`,
      };
    case 'image-missing':
      return { en: `the image "${problem.image}" does not exist`, zh: `图片 "${problem.image}" 不存在` };
    case 'image-not-a-file':
      return { en: `"${problem.image}" is not a file`, zh: `"${problem.image}" 不是文件` };
    case 'same-frame-twice':
      return {
        en: `"${problem.image}" follows itself (${problem.previousField} is the same file): a segment from a picture to itself; remove one, or use a copy if a still shot is meant`,
        zh: `"${problem.image}" 与上一关键帧（${problem.previousField}）是同一文件：片段的首尾是同一张图；请删除其一，若确需静止镜头请使用副本`,
      };
  }
}

/** The one message a problem is read as: where, then what. */
export function storyboardProblemMessage(problem: StoryboardProblem, fileName: string): Bilingual {
  const at = where(fileName, problem);
  const text = what(problem);
  return { en: `${at.en}: ${text.en}.`, zh: `${at.zh}：${text.zh}。` };
}
