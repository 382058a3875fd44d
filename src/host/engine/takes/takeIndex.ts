import * as path from 'node:path';
import type { FoundTake, SkipReason, TakeRead } from '../../../core/output/takeReader';
import { Emitter } from '../emitter';
import { type FoundFilm, readIndexed, scanIndexed } from './filmFiles';
import { filmPair } from './filmPair';

/** What changed in the index: the groups (inputs keys) whose takes changed, and the videos whose take changed. */
export interface TakeIndexChange {
  keys: Set<string>;
  videos: string[];
}

export interface TakeIndexDeps {
  /** The folders searched (the workspace's). */
  roots(): readonly string[];
  log(line: string): void;
  scan?: (root: string, options: { onSkip: (file: string, reason: SkipReason, detail: string) => void }) => Promise<Array<FoundTake | { film: FoundFilm }>>;
  read?: (file: string) => Promise<TakeRead | { film: FoundFilm }>;
}

const defaultScan: NonNullable<TakeIndexDeps['scan']> = async (root, options) => (await scanIndexed(root, options)).map((read) => ('found' in read ? read.found : read));

/**
 * Every take in the workspace, by its take file and by its inputs key, and every film joined from a storyboard (by
 * its sidecar, `wan-keyframes/film@1`, and by its first → last frame pair): built once from the files on disk (their
 * JSON only, never a video), then kept current one file at a time as the file watcher reports changes. The files
 * are the truth; this is a cache of them.
 */
export class TakeIndex {
  private readonly bySidecar = new Map<string, FoundTake>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly films = new Map<string, FoundFilm>();
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
    const previous = new Set([...this.byKey.keys(), ...this.filmKeys()]);
    this.building = (this.building ?? Promise.resolve()).then(() => {
      this.bySidecar.clear();
      this.byKey.clear();
      this.films.clear();
      return this.build();
    });
    await this.building;
    this.changed.fire({ keys: new Set([...previous, ...this.byKey.keys(), ...this.filmKeys()]), videos: [] });
  }

  /** The takes made from these inputs (by key), newest first. */
  takesOf(key: string): FoundTake[] {
    const files = [...(this.byKey.get(key) ?? [])];
    return files.flatMap((file) => this.bySidecar.get(file) ?? []).sort((a, b) => savedAt(b) - savedAt(a));
  }

  /** The films whose first → last frames are these inputs (by key), newest first. */
  filmsOf(key: string): FoundFilm[] {
    return [...this.films.values()].filter((film) => this.filmKey(film) === key).sort((a, b) => joinedAt(b) - joinedAt(a));
  }

  film(sidecarPath: string): FoundFilm | undefined {
    return this.films.get(sidecarPath);
  }

  /** The inputs key of a film's first → last frames, from its segments' takes (undefined while one is not known). */
  filmKey(film: FoundFilm): string | undefined {
    return filmPair(film, (video) => this.takeOfVideo(video))?.key;
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

  private filmOfVideo(videoPath: string): FoundFilm | undefined {
    return [...this.films.values()].find((film) => film.videoPath === videoPath);
  }

  get size(): number {
    return this.bySidecar.size;
  }

  /** A file was created or changed: a take file is read again (or dropped if it is no longer one). */
  async fileChanged(file: string): Promise<void> {
    if (!file.endsWith('.json') || !this.inside(file)) return;
    await this.ready();
    const read = await (this.deps.read ?? readIndexed)(file);
    const before = this.bySidecar.get(file);
    const filmBefore = this.films.get(file);
    const filmKeyBefore = filmBefore && this.filmKey(filmBefore);
    // The keys of the films a take is a segment of: a segment's take arriving, moving or going moves its films.
    const filmsOfTake = (video: string | undefined) => this.filmsWith(video).map((film) => this.filmKey(film));
    if ('film' in read) {
      this.remove(file);
      this.films.set(file, read.film);
      this.fire([this.filmKey(read.film), filmKeyBefore, before?.take.inputsKey], [read.film.videoPath]);
    } else if ('found' in read) {
      const keysBefore = filmsOfTake(read.found.videoPath);
      this.films.delete(file);
      this.remove(file);
      this.add(read.found);
      this.fire([read.found.take.inputsKey, before?.take.inputsKey, filmKeyBefore, ...keysBefore, ...filmsOfTake(read.found.videoPath)], [read.found.videoPath]);
    } else if (before || filmBefore) {
      const keysBefore = filmsOfTake(before?.videoPath);
      this.remove(file);
      this.films.delete(file);
      this.fire([before?.take.inputsKey, filmKeyBefore, ...keysBefore], [before?.videoPath ?? filmBefore?.videoPath ?? file]);
    } else if (read.skipped !== 'not-ours' && read.skipped !== 'not-json') this.deps.log(`takes: skipped ${file}: ${read.skipped} (${read.detail})`);
  }

  /** A file was deleted: a take file leaves the index; a take's video going changes how its take shows. */
  async fileDeleted(file: string): Promise<void> {
    await this.ready();
    const take = this.bySidecar.get(file);
    if (take) {
      const filmKeys = this.filmsWith(take.videoPath).map((film) => this.filmKey(film));
      this.remove(file);
      this.fire([take.take.inputsKey, ...filmKeys], [take.videoPath]);
      return;
    }
    const film = this.films.get(file);
    if (film) {
      const key = this.filmKey(film);
      this.films.delete(file);
      this.fire([key], [film.videoPath]);
      return;
    }
    if (this.takeOfVideo(file) || this.filmOfVideo(file)) return this.videoChanged(file);
    // A folder deleted is one event: its takes and films go with it.
    const under = (sidecar: string) => sidecar.startsWith(file + path.sep);
    const inside = [...this.bySidecar.values()].filter((found) => under(found.sidecarPath));
    const films = [...this.films.values()].filter((found) => under(found.sidecarPath));
    const keys = [...inside.map((found) => found.take.inputsKey), ...films.map((found) => this.filmKey(found))];
    for (const found of films) this.films.delete(found.sidecarPath);
    for (const found of inside) this.remove(found.sidecarPath);
    if (keys.length > 0) this.fire(keys, [...inside, ...films].map((found) => found.videoPath));
  }

  /** A video appeared or went: its take (if it has one) shows it, or shows it missing. */
  async videoChanged(file: string): Promise<void> {
    await this.ready();
    const take = this.takeOfVideo(file);
    if (take) this.fire([take.take.inputsKey], [take.videoPath]);
    const film = this.filmOfVideo(file);
    if (film) this.fire([this.filmKey(film)], [film.videoPath]);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async build(): Promise<void> {
    const started = Date.now();
    const scan = this.deps.scan ?? defaultScan;
    for (const root of this.deps.roots()) {
      const found = await scan(root, { onSkip: (file, reason, detail) => this.deps.log(`takes: skipped ${file}: ${reason} (${detail})`) });
      for (const item of found) {
        if ('film' in item) this.films.set(item.film.sidecarPath, item.film);
        else this.add(item);
      }
    }
    this.built = true;
    this.deps.log(`takes: ${this.bySidecar.size} take(s) in ${this.byKey.size} group(s), ${this.films.size} film(s), indexed in ${Date.now() - started} ms`);
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

  private filmKeys(): string[] {
    return [...this.films.values()].flatMap((film) => this.filmKey(film) ?? []);
  }

  /** The films a take's video is a segment of. */
  private filmsWith(video: string | undefined): FoundFilm[] {
    return video === undefined ? [] : [...this.films.values()].filter((film) => film.segmentVideos.includes(video));
  }

  private fire(keys: Array<string | undefined>, videos: string[]): void {
    this.changed.fire({ keys: new Set(keys.filter((key): key is string => key !== undefined)), videos });
  }
}

function savedAt(found: FoundTake): number {
  return Date.parse(found.take.times.savedAt) || 0;
}

function joinedAt(found: FoundFilm): number {
  return Date.parse(found.film.joinedAt) || 0;
}
