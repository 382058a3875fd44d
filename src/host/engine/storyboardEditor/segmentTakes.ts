import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { type Bilingual, inLanguage } from '../../../core/base/language';
import { sha256File } from '../../../core/inputs/inspect';
import type { FoundTake } from '../../../core/output/takeReader';
import { readTake } from '../../../core/output/takeReader';
import { walk } from '../../../core/output/takeScan';
import type { Keyframe, ParsedStoryboard } from '../../../core/storyboard/storyboardRead';
import { relativeToStoryboard } from '../../../core/storyboard/storyboardWrite';
import { ROLE } from '../../../shared/mediaRoles';
import type { EditorTake } from '../../../shared/storyboardEditorProtocol';

/** What a keyframe is, by content: the sha256 of its file, or its URL; undefined when it cannot be read. */
export type FrameIdentity = { sha256?: string; url?: string } | undefined;

/** The segment's take options (newest first) and the take chosen, as the file writes it. */
export interface SegmentTakeChoices {
  takes: EditorTake[];
  chosen: string | undefined;
}

const same = (a: string, b: string): boolean => path.resolve(a) === path.resolve(b);

function matches(input: { sha256?: string; url?: string } | undefined, frame: FrameIdentity): boolean {
  if (!input || !frame) return false;
  if (frame.sha256 !== undefined) return input.sha256 === frame.sha256;
  return frame.url !== undefined && input.url === frame.url;
}

/**
 * Whether a take can serve segment `index`: it was made for it (its parent is this storyboard's segment), or it was
 * made from the segment's two keyframes (first and last frame recorded with the same content).
 */
export function servesSegment(found: FoundTake, storyboardFile: string, index: number, from: FrameIdentity, to: FrameIdentity): boolean {
  const { parent, inputs } = found.take;
  if (parent?.kind === 'chain' && parent.index === index && same(parent.id, storyboardFile)) return true;
  return matches(inputs[ROLE.first], from) && matches(inputs[ROLE.last], to);
}

const savedAt = (found: FoundTake): number => Date.parse(found.take.times.savedAt) || 0;

/** How long ago, in words: "just now", "5 min ago", "3 h ago", "2 d ago". */
export function ageText(milliseconds: number): Bilingual {
  const minutes = Math.floor(Math.max(0, milliseconds) / 60_000);
  if (minutes < 1) return { en: 'just now', zh: '刚刚' };
  if (minutes < 60) return { en: `${minutes} min ago`, zh: `${minutes} 分钟前` };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { en: `${hours} h ago`, zh: `${hours} 小时前` };
  const days = Math.floor(hours / 24);
  return { en: `${days} d ago`, zh: `${days} 天前` };
}

/** A take as the select lists it: its video's file name, its seed, and how old it is. */
export function takeLabel(found: FoundTake, now: number, locale: string | undefined): string {
  const name = path.basename(found.videoPath);
  const age = inLanguage(ageText(now - savedAt(found)), locale);
  const seed = found.take.seed === undefined ? undefined : inLanguage({ en: `seed ${found.take.seed}`, zh: `种子 ${found.take.seed}` }, locale);
  return [name, seed, age].filter((part) => part !== undefined).join(' · ');
}

const TAKE_MISSING: Bilingual = { en: '(missing)', zh: '（文件不存在）' };
const TAKE_REJECTED: Bilingual = { en: '(rejected: generated again)', zh: '（已否决：将重新生成）' };

/**
 * The choices for segment `index`: every take that serves it, newest first (a rejected take only when it is the one
 * chosen, since it is made again), and the chosen take even when its video is gone, said so.
 */
export function segmentTakeChoices(found: readonly FoundTake[], parsed: ParsedStoryboard, index: number, identities: readonly FrameIdentity[], now: number, locale: string | undefined, chosenPresent: boolean): SegmentTakeChoices {
  const written = parsed.storyboard.segments[index]?.take;
  const chosen = written === undefined ? undefined : path.resolve(parsed.folder, written);
  const serving = found
    .filter((item) => servesSegment(item, parsed.file, index, identities[index], identities[index + 1]))
    .filter((item) => item.take.verdict !== 'rejected' || (chosen !== undefined && same(item.videoPath, chosen)))
    .sort((a, b) => savedAt(b) - savedAt(a));
  const takes: EditorTake[] = serving.map((item) => {
    const label = takeLabel(item, now, locale);
    const isChosen = chosen !== undefined && same(item.videoPath, chosen);
    return {
      value: isChosen && written !== undefined ? written : relativeToStoryboard(parsed.file, item.videoPath),
      label: item.take.verdict === 'rejected' ? `${label} ${inLanguage(TAKE_REJECTED, locale)}` : label,
    };
  });
  if (written !== undefined && chosen !== undefined && !serving.some((item) => same(item.videoPath, chosen))) {
    // A chosen video elsewhere (another folder) is listed as itself; one that is gone says so.
    takes.unshift({ value: written, label: chosenPresent ? path.basename(chosen) : `${path.basename(chosen)} ${inLanguage(TAKE_MISSING, locale)}` });
  }
  return { takes, chosen: written };
}

/** Every take in the storyboard's own folder (its JSON files only, never a video), whose video is there. */
export async function folderTakes(folder: string): Promise<FoundTake[]> {
  const found: FoundTake[] = [];
  await walk(folder, 0, { maxDepth: 0 }, async (file) => {
    const read = await readTake(file);
    if ('found' in read) found.push(read.found);
  });
  const present = await Promise.all(found.map((item) => stat(item.videoPath).then((info) => info.isFile(), () => false)));
  return found.filter((_, at) => present[at]);
}

/** Each folder's takes, read once until `forgetFolderTakes` says its files changed: a prompt edit does not rescan. */
const folderCache = new Map<string, Promise<FoundTake[]>>();

/** The storyboard folder's takes, from the last scan (a failed one is not kept). */
export function cachedFolderTakes(folder: string): Promise<FoundTake[]> {
  let takes = folderCache.get(folder);
  if (takes === undefined) {
    takes = folderTakes(folder);
    folderCache.set(folder, takes);
    takes.catch(() => folderCache.delete(folder));
  }
  return takes;
}

/** A take file or a video in `folder` came, changed or went: the next view scans it again. */
export function forgetFolderTakes(folder: string): void {
  folderCache.delete(folder);
}

/** sha256 by path, size and modification time: a keyframe is hashed once until it changes. */
const hashes = new Map<string, string>();
const MAX_HASHES = 1_000;

/** Each keyframe's identity: a file's sha256 (cached), a URL as it is, undefined for a file that cannot be read. */
export async function frameIdentities(keyframes: readonly Keyframe[]): Promise<FrameIdentity[]> {
  return Promise.all(
    keyframes.map(async (keyframe): Promise<FrameIdentity> => {
      if (keyframe.url !== undefined) return { url: keyframe.url };
      const file = keyframe.path as string;
      try {
        const info = await stat(file);
        const key = `${file}\u0000${info.size}\u0000${info.mtimeMs}`;
        let sha256 = hashes.get(key);
        if (sha256 === undefined) {
          sha256 = await sha256File(file);
          if (hashes.size >= MAX_HASHES) hashes.clear();
          hashes.set(key, sha256);
        }
        return { sha256 };
      } catch {
        return undefined;
      }
    }),
  );
}
