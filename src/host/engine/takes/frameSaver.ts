import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkFramePng, writeFramePng } from '../../../core/output/framePng';
import type { ExtractSource, Request } from '../../../shared/protocol';
import type { MediaFacts, MediaFactsCache } from './mediaFacts';

type SaveFrame = Extract<Request, { kind: 'saveFrame' }>;

/** Why a file offers no frame to take, in the display language; undefined when it does. */
export function whyNoFrames(name: string, facts: MediaFacts): string | undefined {
  const t = vscode.l10n.t;
  switch (facts.notAVideo) {
    case 'empty':
      return t('{0} is empty (0 bytes): there is no frame to take.', name);
    case 'not-media':
      return t('{0} is not a video ({1}): choose an mp4.', name, facts.what ?? t('unknown format'));
    case 'damaged':
      return t('{0} cannot be read as a video: {1}', name, facts.what ?? '');
    case 'no-video':
      return t('{0} has no video track, only sound: there is no frame to take.', name);
  }
  if (!facts.decodable) return t('{0} is {1} video, which VS Code cannot decode: open it in another player to take a frame.', name, facts.videoCodec ?? '?');
  return undefined;
}

/**
 * Frames from a video, drawn by the page and written here: the host offers a video (checked first: a file that is no
 * video, or one the page cannot decode, is said so), checks each PNG the page sends with the image probe — whole,
 * and exactly the video's size — and writes it beside the video under a new name. Only offered videos are written
 * beside, and only frames written here can become an input.
 */
export class FrameSaver {
  private readonly offered = new Map<string, MediaFacts>();
  private readonly saved = new Set<string>();

  constructor(private readonly media: MediaFactsCache) {}

  /** The extract view's source for a video, or the reason there is none (shown to the user by the caller). */
  async offer(video: string, webview: vscode.Webview): Promise<{ source: ExtractSource } | { why: string }> {
    const facts = await this.media.of(video);
    const why = whyNoFrames(path.basename(video), facts);
    if (why) return { why };
    this.offered.set(video, facts);
    return {
      source: { id: video, src: webview.asWebviewUri(vscode.Uri.file(video)).toString(), name: path.basename(video), fps: facts.fps, width: facts.width, height: facts.height },
    };
  }

  async save(request: SaveFrame): Promise<string> {
    const facts = this.offered.get(request.video);
    if (!facts) throw new Error(vscode.l10n.t('That video was not opened to take a frame from.'));
    const png = Buffer.from(request.png, 'base64');
    const size = facts.width && facts.height ? { width: facts.width, height: facts.height } : undefined;
    const check = await checkFramePng(png, size);
    if (!check.ok) throw new Error(vscode.l10n.t('The frame was not saved: {0}.', check.why));
    const file = await writeFramePng(request.video, request.which, request.frame, png);
    this.saved.add(file);
    return file;
  }

  /** A frame this window wrote (the page may only make one of these an input). */
  wrote(file: string): boolean {
    return this.saved.has(file);
  }
}
