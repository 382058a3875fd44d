import * as vscode from 'vscode';
import type { RemoteProbeOptions } from '../../../core/inputs/remoteImage';
import type { Inputs } from '../../../shared/mediaRoles';
import type { ExtractSource, FormValues, HostMessage } from '../../../shared/protocol';
import type { InputSelection } from '../../entry/inputSelection';
import type { Log } from '../../entry/log';
import type { JobManager } from '../jobs/jobManager';
import type { MessageHandlers, RequestHandlers } from '../panel/router';
import { FrameSaver } from './frameSaver';
import type { MediaFactsCache } from './mediaFacts';
import { deleteRejected, TakeActions } from './takeActions';
import type { TakeIndex } from './takeIndex';
import { TakesFeed } from './takesFeed';

export interface PanelTakesDeps {
  index: TakeIndex;
  media: MediaFactsCache;
  jobs: JobManager;
  selection: InputSelection;
  log: Log;
  remote(): RemoteProbeOptions;
  post(message: HostMessage): Promise<void>;
  webview(): vscode.Webview | undefined;
  /** Lets the page load a file outside the workspace folders. */
  allow(file: string): void;
  form(): FormValues;
  setForm(values: FormValues): Promise<void>;
  /** Puts a take's video in the form's first-clip slot (panel/continuation.ts). */
  continueFrom(video: string): Promise<void>;
}

/** The panel's takes: the list of the form's inputs, what its buttons do, and frames taken from videos. */
export class PanelTakes {
  readonly feed: TakesFeed;
  private readonly actions: TakeActions;
  private readonly frames: FrameSaver;
  /** An extract asked for before the page was ready: shown once it is. */
  private pending: ExtractSource | undefined;
  private pageReady = false;

  constructor(private readonly deps: PanelTakesDeps) {
    this.feed = new TakesFeed({ index: deps.index, media: deps.media, post: deps.post, webview: deps.webview, now: Date.now });
    this.frames = new FrameSaver(deps.media);
    this.actions = new TakeActions({ ...deps, extract: (video) => this.extract(video) });
  }

  readonly handlers: Pick<MessageHandlers, 'takeAction' | 'showRejected' | 'deleteRejected' | 'useFrame'> = {
    takeAction: (message) => this.actions.run(message.take, message.action),
    showRejected: (message) => this.feed.setShowRejected(message.show),
    deleteRejected: () => deleteRejected(this.feed.current(), this.deps.log),
    useFrame: (message) => {
      if (!this.frames.wrote(message.path)) {
        this.deps.log.warn(`takes: the page asked to use a frame this window did not write: ${message.path}`);
        return;
      }
      this.deps.selection.set(message.role, vscode.Uri.file(message.path));
    },
  };

  readonly requests: Pick<RequestHandlers, 'saveFrame'> = {
    saveFrame: async (request) => ({ path: await this.frames.save(request) }),
  };

  /** The page (re)started: it has no takes and no extract view until told. */
  async pageStarted(): Promise<void> {
    this.pageReady = true;
    await this.feed.post();
    if (this.pending) await this.deps.post({ type: 'extract', video: this.pending });
    this.pending = undefined;
  }

  pageClosed(): void {
    this.pageReady = false;
  }

  inputsChanged(inputs: Inputs<string>): Promise<void> {
    return this.feed.inputsChanged(inputs);
  }

  /** Opens the frame picker on a video: said why not when it is no video the page can draw. */
  async extract(video: string): Promise<void> {
    const webview = this.deps.webview();
    if (!webview) return;
    this.deps.allow(video);
    const offer = await this.frames.offer(video, webview);
    if ('why' in offer) {
      vscode.window.showErrorMessage(offer.why);
      return;
    }
    if (this.pageReady) await this.deps.post({ type: 'extract', video: offer.source });
    else this.pending = offer.source;
  }
}
