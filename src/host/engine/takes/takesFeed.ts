import * as vscode from 'vscode';
import { formatCost, takeCost } from '../../../core/output/takeCost';
import type { FoundTake } from '../../../core/output/takeReader';
import type { Inputs } from '../../../shared/mediaRoles';
import type { HostMessage, TakeView } from '../../../shared/protocol';
import type { MediaFactsCache } from './mediaFacts';
import { SelectionKey } from './selectionKey';
import type { TakeIndex } from './takeIndex';
import { takeView } from './takeViews';

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
 * counted apart unless asked for. Posted again when the inputs change, when the index says their group changed,
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
    const shown = (this.showRejected ? all : all.filter((found) => found.take.verdict !== 'rejected')).slice(0, MAX_TAKES_SHOWN);
    const first = await this.views(shown, false);
    if (seq !== this.seq || !first) return;
    await this.deps.post({ type: 'takes', key: this.key ?? null, takes: first, hiddenRejected, total: all.length - hiddenRejected });
    const read = await this.views(shown, true);
    if (seq !== this.seq || !read || JSON.stringify(read) === JSON.stringify(first)) return;
    await this.deps.post({ type: 'takes', key: this.key ?? null, takes: read, hiddenRejected, total: all.length - hiddenRejected });
  }

  private async views(takes: FoundTake[], readHeaders: boolean): Promise<TakeView[] | undefined> {
    const webview = this.deps.webview();
    if (!webview) return undefined;
    const now = this.deps.now();
    return Promise.all(
      takes.map(async (found) => {
        const facts = readHeaders ? await this.deps.media.of(found.videoPath) : this.deps.media.last(found.videoPath);
        const cost = takeCost(found.take);
        return takeView(found, webview, now, { sound: facts?.sound ?? 'unknown', fps: facts?.fps, cost: cost ? formatCost(cost) : undefined });
      }),
    );
  }
}
