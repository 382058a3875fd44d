import * as path from 'node:path';
import { type FoundTake, readTake, type SkipReason, type TakeRead } from '../../../core/output/takeReader';
import { scanTakes } from '../../../core/output/takeScan';
import { Emitter } from '../emitter';

/** What changed in the index: the groups (inputs keys) whose takes changed, and the videos whose take changed. */
export interface TakeIndexChange {
  keys: Set<string>;
  videos: string[];
}

export interface TakeIndexDeps {
  /** The folders searched (the workspace's). */
  roots(): readonly string[];
  log(line: string): void;
  scan?: (root: string, options: { onSkip: (file: string, reason: SkipReason, detail: string) => void }) => Promise<FoundTake[]>;
  read?: (file: string) => Promise<TakeRead>;
}

/**
 * Every take in the workspace, by its take file and by its inputs key: built once from the takes on disk (their
 * JSON only, never a video), then kept current one file at a time as the file watcher reports changes. The takes
 * are the truth; this is a cache of them.
 */
export class TakeIndex {
  private readonly bySidecar = new Map<string, FoundTake>();
  private readonly byKey = new Map<string, Set<string>>();
  private building: Promise<void> | undefined;
  private built = false;
  private readonly changed = new Emitter<TakeIndexChange>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: TakeIndexDeps) {}

  /** Resolves once the first scan is done (started by the first caller). */
  ready(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  /** Forgets everything and indexes the roots again (the workspace's folders changed). */
  async rebuild(): Promise<void> {
    const previous = new Set(this.byKey.keys());
    this.building = (this.building ?? Promise.resolve()).then(() => {
      this.bySidecar.clear();
      this.byKey.clear();
      return this.build();
    });
    await this.building;
    this.changed.fire({ keys: new Set([...previous, ...this.byKey.keys()]), videos: [] });
  }

  /** The takes made from these inputs (by key), newest first. */
  takesOf(key: string): FoundTake[] {
    const files = [...(this.byKey.get(key) ?? [])];
    return files.flatMap((file) => this.bySidecar.get(file) ?? []).sort((a, b) => savedAt(b) - savedAt(a));
  }

  /** The first scan is done. */
  get isReady(): boolean {
    return this.built;
  }

  /** Every take indexed. */
  all(): IterableIterator<FoundTake> {
    return this.bySidecar.values();
  }

  take(sidecarPath: string): FoundTake | undefined {
    return this.bySidecar.get(sidecarPath);
  }

  takeOfVideo(videoPath: string): FoundTake | undefined {
    const candidate = this.bySidecar.get(videoPath.replace(/\.mp4$/i, '.json'));
    return candidate?.videoPath === videoPath ? candidate : undefined;
  }

  get size(): number {
    return this.bySidecar.size;
  }

  /** A file was created or changed: a take file is read again (or dropped if it is no longer one). */
  async fileChanged(file: string): Promise<void> {
    if (!file.endsWith('.json') || !this.inside(file)) return;
    await this.ready();
    const read = await (this.deps.read ?? readTake)(file);
    const before = this.bySidecar.get(file);
    if ('found' in read) {
      this.remove(file);
      this.add(read.found);
      this.fire([read.found.take.inputsKey, before?.take.inputsKey], [read.found.videoPath]);
    } else if (before) {
      this.remove(file);
      this.fire([before.take.inputsKey], [before.videoPath]);
    } else if (read.skipped !== 'not-ours' && read.skipped !== 'not-json') this.deps.log(`takes: skipped ${file}: ${read.skipped} (${read.detail})`);
  }

  /** A file was deleted: a take file leaves the index; a take's video going changes how its take shows. */
  async fileDeleted(file: string): Promise<void> {
    await this.ready();
    const take = this.bySidecar.get(file);
    if (take) {
      this.remove(file);
      this.fire([take.take.inputsKey], [take.videoPath]);
      return;
    }
    if (this.takeOfVideo(file)) return this.videoChanged(file);
    // A folder deleted is one event: its takes go with it.
    const inside = [...this.bySidecar.values()].filter((found) => found.sidecarPath.startsWith(file + path.sep));
    for (const found of inside) this.remove(found.sidecarPath);
    if (inside.length > 0) this.fire(inside.map((found) => found.take.inputsKey), inside.map((found) => found.videoPath));
  }

  /** A video appeared or went: its take (if it has one) shows it, or shows it missing. */
  async videoChanged(file: string): Promise<void> {
    await this.ready();
    const take = this.takeOfVideo(file);
    if (take) this.fire([take.take.inputsKey], [take.videoPath]);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async build(): Promise<void> {
    const started = Date.now();
    const scan = this.deps.scan ?? scanTakes;
    for (const root of this.deps.roots()) {
      const found = await scan(root, { onSkip: (file, reason, detail) => this.deps.log(`takes: skipped ${file}: ${reason} (${detail})`) });
      for (const take of found) this.add(take);
    }
    this.built = true;
    this.deps.log(`takes: ${this.bySidecar.size} take(s) in ${this.byKey.size} group(s), indexed in ${Date.now() - started} ms`);
  }

  private inside(file: string): boolean {
    return this.deps.roots().some((root) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  }

  private add(found: FoundTake): void {
    this.bySidecar.set(found.sidecarPath, found);
    const group = this.byKey.get(found.take.inputsKey) ?? new Set<string>();
    group.add(found.sidecarPath);
    this.byKey.set(found.take.inputsKey, group);
  }

  private remove(file: string): void {
    const found = this.bySidecar.get(file);
    if (!found) return;
    this.bySidecar.delete(file);
    const group = this.byKey.get(found.take.inputsKey);
    group?.delete(file);
    if (group?.size === 0) this.byKey.delete(found.take.inputsKey);
  }

  private fire(keys: Array<string | undefined>, videos: string[]): void {
    this.changed.fire({ keys: new Set(keys.filter((key): key is string => key !== undefined)), videos });
  }
}

function savedAt(found: FoundTake): number {
  return Date.parse(found.take.times.savedAt) || 0;
}
