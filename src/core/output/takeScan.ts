import { opendir } from 'node:fs/promises';
import * as path from 'node:path';
import { type FoundTake, readTake, type SkipReason } from './takeReader';

/** Folders never searched for takes: dependencies and caches (and hidden folders). Build folders like out/ are searched: renders live there too. */
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__']);

export interface ScanOptions {
  signal?: AbortSignal;
  /** A JSON file that looked like a take but was skipped, with why (one log line each). */
  onSkip?: (file: string, reason: SkipReason, detail: string) => void;
  /** At most this many folders deep below the root. */
  maxDepth?: number;
}

/** Every take below `root`: each `*.json` that is one of ours (version 1 or 2); others are skipped quietly. */
export async function scanTakes(root: string, options: ScanOptions = {}): Promise<FoundTake[]> {
  const found: FoundTake[] = [];
  await walk(root, 0, options, async (file) => {
    const read = await readTake(file);
    if ('found' in read) found.push(read.found);
    else if (read.skipped !== 'not-ours' && read.skipped !== 'not-json') options.onSkip?.(file, read.skipped, read.detail);
  });
  return found;
}

/** The takes grouped by their inputs key, each group newest first. */
export function groupByInputs(takes: readonly FoundTake[]): Map<string, FoundTake[]> {
  const groups = new Map<string, FoundTake[]>();
  for (const found of takes) {
    const group = groups.get(found.take.inputsKey) ?? [];
    group.push(found);
    groups.set(found.take.inputsKey, group);
  }
  const savedAt = (found: FoundTake) => Date.parse(found.take.times.savedAt) || 0;
  for (const group of groups.values()) group.sort((a, b) => savedAt(b) - savedAt(a));
  return groups;
}

/** Calls `visit` for each `*.json` file below `folder`, depth-first, skipping hidden and dependency folders. */
export async function walk(folder: string, depth: number, options: ScanOptions, visit: (file: string) => Promise<void>): Promise<void> {
  if (options.signal?.aborted || depth > (options.maxDepth ?? 12)) return;
  let entries;
  try {
    entries = await opendir(folder);
  } catch {
    return;
  }
  for await (const entry of entries) {
    if (options.signal?.aborted) return;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) await walk(full, depth + 1, options, visit);
    } else if (entry.isFile() && entry.name.endsWith('.json') && !entry.name.startsWith('.')) await visit(full);
  }
}
