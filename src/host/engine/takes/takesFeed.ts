import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { inLanguage } from '../../../core/base/language';
import { formatCost, takeCost } from '../../../core/output/takeCost';
import type { FoundTake } from '../../../core/output/takeReader';
import type { Inputs } from '../../../shared/mediaRoles';
import type { HostMessage, TakeView } from '../../../shared/protocol';
import type { FoundFilm } from './filmFiles';
import { filmPair, type FilmPair } from './filmPair';
import { type FilmLook, filmView } from './filmView';
import type { MediaFactsCache } from './mediaFacts';
import { SelectionKey } from './selectionKey';
import type { TakeIndex } from './takeIndex';
import { takeView } from './takeViews';

/** One card of the list: a take, or a film joined from a storyboard whose first → last frames are the pair. */
type Card = { take: FoundTake } | { film: FoundFilm; pair: FilmPair };

// Said in both languages here: the panel's own strings (panelStrings.ts) are the page's, this is the host's view.
const say = (text: { en: string; zh: string }) => inLanguage(text, vscode.env.language);
const exists = (file: string) => stat(file).then((info) => info.isFile(), () => false);

function filmLook(webview: vscode.Webview): FilmLook {
  return {
    src: async (file) => ((await exists(file)) ? webview.asWebviewUri(vscode.Uri.file(file)).toString() : undefined),
    label: (segments, storyboard) => say({ en: `Film of ${segments} segments from ${storyboard}`, zh: `成片：由故事板 ${storyboard} 的 ${segments} 段合成` }),
    openStoryboard: say({ en: 'Open Storyboard', zh: '打开故事板' }),
  };
}

const cardTime = (card: Card) => ('take' in card ? Date.parse(card.take.take.times.savedAt) : Date.parse(card.film.film.joinedAt)) || 0;

/** The most takes of one pair a message carries (newest first); the page says how many more there are. */
export const MAX_TAKES_SHOWN = 100;

export interface TakesFeedDeps {
  index: TakeIndex;
  media: MediaFactsCache;
  post(message: HostMessage): Promise<void>;
  webview(): vscode.Webview | undefined;
  now(): number;
}

/**
 * The takes of the inputs in the form, as the page shows them: found by the inputs' content key, rejected ones
 * counted apart unless asked for; with them, newest first among them, the films joined from storyboards that go
 * from the same first frame to the same last frame. Posted again when the inputs change, when the index says their group changed,
 * and once more when a video's header (its sound, its frame rate) has been read.
 */
export class TakesFeed {
  private readonly keys = new SelectionKey();
  private key: string | undefined;
  private showRejected = false;
  private seq = 0;

  constructor(private readonly deps: TakesFeedDeps) {
    deps.index.onDidChange((change) => {
      if (this.key !== undefined && change.keys.has(this.key)) void this.post();
    });
  }

  get currentKey(): string | undefined {
    return this.key;
  }

  /** The takes of the current inputs, newest first, rejected ones included. */
  current(): FoundTake[] {
    return this.key === undefined ? [] : this.deps.index.takesOf(this.key);
  }

  async inputsChanged(inputs: Inputs<string>): Promise<void> {
    const key = await this.keys.of(inputs);
    if (key === this.key) return;
    this.key = key;
    await this.post();
  }

  async setShowRejected(show: boolean): Promise<void> {
    this.showRejected = show;
    await this.post();
  }

  /** Posts the takes now with what is known of their videos, and again once every header has been read. */
  async post(): Promise<void> {
    const seq = ++this.seq;
    await this.deps.index.ready();
    const all = this.current();
    const hiddenRejected = this.showRejected ? 0 : all.filter((found) => found.take.verdict === 'rejected').length;
    const takes = (this.showRejected ? all : all.filter((found) => found.take.verdict !== 'rejected')).map((take): Card => ({ take }));
    const films = this.films();
    const shown = [...takes, ...films].sort((a, b) => cardTime(b) - cardTime(a)).slice(0, MAX_TAKES_SHOWN);
    const total = takes.length + films.length;
    const first = await this.views(shown, false);
    if (seq !== this.seq || !first) return;
    await this.deps.post({ type: 'takes', key: this.key ?? null, takes: first, hiddenRejected, total });
    const read = await this.views(shown, true);
    if (seq !== this.seq || !read || JSON.stringify(read) === JSON.stringify(first)) return;
    await this.deps.post({ type: 'takes', key: this.key ?? null, takes: read, hiddenRejected, total });
  }

  /** The films of the current pair, each with the takes that say its frames. */
  private films(): Card[] {
    if (this.key === undefined) return [];
    const takeOfVideo = (video: string) => this.deps.index.takeOfVideo(video);
    return this.deps.index.filmsOf(this.key).flatMap((film) => {
      const pair = filmPair(film, takeOfVideo);
      return pair ? [{ film, pair }] : [];
    });
  }

  private async views(cards: Card[], readHeaders: boolean): Promise<TakeView[] | undefined> {
    const webview = this.deps.webview();
    if (!webview) return undefined;
    const now = this.deps.now();
    return Promise.all(
      cards.map(async (card) => {
        const video = 'take' in card ? card.take.videoPath : card.film.videoPath;
        const facts = readHeaders ? await this.deps.media.of(video) : this.deps.media.last(video);
        if ('film' in card) return filmView(card.film, card.pair, { sound: facts?.sound ?? 'unknown', fps: facts?.fps }, filmLook(webview));
        const cost = takeCost(card.take.take);
        return takeView(card.take, webview, now, { sound: facts?.sound ?? 'unknown', fps: facts?.fps, cost: cost ? formatCost(cost) : undefined });
      }),
    );
  }
}
