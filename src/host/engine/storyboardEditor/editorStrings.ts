import { type Bilingual, inLanguage } from '../../../core/base/language';
import type { StoryboardEditorStringKey, StoryboardEditorStrings } from '../../../shared/storyboardEditorProtocol';

/** Every sentence of the storyboard editor in both languages; `{0}` and `{1}` are filled in by the page. */
const STRINGS: Record<StoryboardEditorStringKey, Bilingual> = {
  title: { en: 'Storyboard', zh: '故事板' },
  frames: { en: 'Keyframes', zh: '关键帧' },
  frame: { en: 'Keyframe {0}: {1}', zh: '关键帧 {0}：{1}' },
  segment: { en: 'Segment {0}: {1} → {2}', zh: '片段 {0}：{1} → {2}' },
  prompt: { en: 'Prompt', zh: '提示词' },
  promptPlaceholder: { en: 'Describe the motion from this keyframe to the next.', zh: '描述从这一关键帧到下一关键帧的运动。' },
  model: { en: 'Model', zh: '模型' },
  resolution: { en: 'Resolution', zh: '分辨率' },
  duration: { en: 'Duration (s)', zh: '时长（秒）' },
  mode: { en: 'Made from', zh: '生成方式' },
  modeKeyframes: { en: 'Its two keyframes', zh: '首尾两个关键帧' },
  modeContinue: { en: 'Continue the previous take', zh: '续写上一片段的视频' },
  modeContinueFirst: { en: 'The first segment has no previous take to continue.', zh: '第一个片段没有可续写的上一片段。' },
  take: { en: 'Take', zh: '所选视频' },
  noTake: { en: 'None — generate again', zh: '无 — 重新生成' },
  addFrames: { en: 'Add Keyframes…', zh: '添加关键帧…' },
  removeFrame: { en: 'Remove keyframe {0}', zh: '移除关键帧 {0}' },
  removeLast: { en: 'A storyboard keeps at least two keyframes.', zh: '故事板至少保留两个关键帧。' },
  moveEarlier: { en: 'Move earlier (Alt+↑)', zh: '前移（Alt+↑）' },
  moveLater: { en: 'Move later (Alt+↓)', zh: '后移（Alt+↓）' },
  reorderHint: { en: 'Alt+↑ and Alt+↓ move the focused keyframe; drag a keyframe to move it; Delete removes it.', zh: 'Alt+↑ / Alt+↓ 移动当前关键帧；也可拖动关键帧；Delete 将其移除。' },
  moved: { en: '{0} is now keyframe {1} of {2}.', zh: '{0} 现为第 {1} 个关键帧（共 {2} 个）。' },
  removed: { en: '{0} removed; {1} keyframes left.', zh: '已移除 {0}；剩余 {1} 个关键帧。' },
  generate: { en: 'Generate Storyboard', zh: '生成故事板' },
  join: { en: 'Join', zh: '合并' },
  openAsText: { en: 'Open as Text', zh: '以文本打开' },
  invalidTitle: { en: 'This file does not read as a storyboard; it was left as it is.', zh: '此文件无法作为故事板读取，文件未作改动。' },
  missingImage: { en: 'missing', zh: '文件不存在' },
  remoteImage: { en: 'image URL', zh: '图片 URL' },
  outsideFolder: { en: 'outside the storyboard’s folder', zh: '位于故事板文件夹之外' },
  loading: { en: 'Loading…', zh: '正在加载…' },
};

export function editorStrings(locale: string | undefined): StoryboardEditorStrings {
  return Object.fromEntries(Object.entries(STRINGS).map(([key, text]) => [key, inLanguage(text, locale)])) as StoryboardEditorStrings;
}

/** What the host says when it refuses a request of the page. */
export const EDITOR_NOTICES = {
  tooFewFrames: STRINGS.removeLast,
  unreadable: { en: 'The storyboard’s text does not read as a storyboard now: fix it as text first.', zh: '故事板文本当前无法读取：请先以文本方式修正。' },
  notImages: { en: 'Only PNG, JPEG, WebP and BMP images can be keyframes.', zh: '只有 PNG、JPEG、WebP 和 BMP 图片可以作为关键帧。' },
} satisfies Record<string, Bilingual>;
