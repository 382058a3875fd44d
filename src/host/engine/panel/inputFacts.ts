import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { inLanguage } from '../../../core/base/language';
import { audioLimits, clipLimits, imageLimits, type ModelSpec } from '../../../core/catalog/models';
import { clipProblems, inspectClip } from '../../../core/inputs/clipCheck';
import { mimeOf } from '../../../core/delivery/media';
import { audioProblems, type ClipFacts, imageProblems, type InputFacts as CoreFacts, inspectAudio, inspectImage, type ImageFacts } from '../../../core/inputs/inspect';
import { problemMessage, type Problem } from '../../../core/inputs/problems';
import { inspectRemoteImage, isImageUrl, type RemoteProbeOptions, urlFileName } from '../../../core/inputs/remoteImage';
import { baseName } from '../../../shared/imageFiles';
import { type MediaRole, ROLE_KIND } from '../../../shared/mediaRoles';
import type { InputInfo } from '../../../shared/protocol';

/** A problem in VS Code's display language. */
export function localizedProblem(problem: Problem): string {
  return inLanguage(problemMessage(problem), vscode.env.language);
}

type Inspection<T> = { facts?: T; problems: Problem[] };

/** The image URL an input's Uri stands for ("Use an image URL…"), or undefined for a file. */
export function imageUrlOf(uri: vscode.Uri): string | undefined {
  const text = uri.toString(true);
  return isImageUrl(text) ? text : undefined;
}

/**
 * What the panel shows of each input. A file is probed once per (path, size, mtime): a refresh costs one stat per
 * file, not a read of its header, and a file changed on disk is probed again.
 */
export class InputFacts {
  private readonly cache = new Map<string, Inspection<unknown>>();
  /** Image URLs are read once per URL (their first bytes, for the checks and the thumbnail). */
  private readonly remote = new Map<string, Promise<Inspection<ImageFacts> & { thumbnail?: string }>>();

  constructor(private readonly remoteOptions: () => RemoteProbeOptions) {}

  /** The input of `role` as the form shows it, checked against the model's limits for that role. */
  async describe(uri: vscode.Uri | undefined, role: MediaRole, spec: ModelSpec, webview: vscode.Webview): Promise<{ info: InputInfo; facts?: CoreFacts } | undefined> {
    if (!uri) return undefined;
    switch (ROLE_KIND[role]) {
      case 'image':
        return this.image(uri, role, spec, webview);
      case 'audio':
        return this.audio(uri, role, spec);
      case 'video':
        return this.clip(uri, role, spec, webview);
    }
  }

  /** A clip to continue: its headers only (a few KB of even a 100 MB file), checked as the plan will check it. */
  private async clip(uri: vscode.Uri, role: MediaRole, spec: ModelSpec, webview: vscode.Webview): Promise<{ info: InputInfo; facts?: ClipFacts }> {
    const inspected = await this.inspect(uri.fsPath, role, () => inspectClip(uri.fsPath, role));
    const limits = clipLimits(spec, role);
    const problems = inspected.facts ? (limits ? clipProblems(role, inspected.facts, limits) : []) : inspected.problems;
    const probe = inspected.facts?.probe;
    const tooLong = problems.find((problem) => problem.code === 'clip-too-long');
    return {
      facts: inspected.facts,
      info: {
        name: baseName(uri.path),
        src: webview.asWebviewUri(uri).toString(),
        format: probe?.format,
        width: probe?.width,
        height: probe?.height,
        seconds: probe?.seconds,
        bytes: inspected.facts?.bytes,
        problems: problems.map(localizedProblem),
        cut: tooLong?.code === 'clip-too-long' ? { at: tooLong.cutAt, keeps: tooLong.keeps, max: tooLong.max } : undefined,
      },
    };
  }

  /** A URL given again is read again (the user may have fixed what it pointed at). */
  forget(url: string): void {
    for (const key of [...this.remote.keys()]) if (key.endsWith(`\n${url}`)) this.remote.delete(key);
  }

  private async image(uri: vscode.Uri, role: MediaRole, spec: ModelSpec, webview: vscode.Webview): Promise<{ info: InputInfo; facts?: ImageFacts }> {
    const url = imageUrlOf(uri);
    const inspected: Inspection<ImageFacts> & { thumbnail?: string } = url ? await this.inspectUrl(url, role) : await this.inspect(uri.fsPath, role, () => inspectImage(uri.fsPath, role));
    const limits = imageLimits(spec, role);
    const problems = inspected.facts ? (limits ? imageProblems(role, inspected.facts, limits) : []) : inspected.problems;
    const probe = inspected.facts?.probe;
    return {
      facts: inspected.facts,
      info: {
        name: url ? urlFileName(url) : baseName(uri.path),
        src: url ? (inspected.thumbnail ?? '') : webview.asWebviewUri(uri).toString(),
        format: probe && probe.format !== 'unknown' ? probe.format : undefined,
        width: probe?.width,
        height: probe?.height,
        bytes: inspected.facts?.bytes,
        problems: problems.map(localizedProblem),
      },
    };
  }

  private async audio(uri: vscode.Uri, role: MediaRole, spec: ModelSpec): Promise<{ info: InputInfo; facts?: CoreFacts }> {
    const inspected = await this.inspect(uri.fsPath, role, () => inspectAudio(uri.fsPath, role));
    const limits = audioLimits(spec, role);
    const problems = inspected.facts ? (limits ? audioProblems(inspected.facts, limits) : []) : inspected.problems;
    return { facts: inspected.facts, info: { name: baseName(uri.path), src: '', seconds: inspected.facts?.probe.seconds, bytes: inspected.facts?.bytes, problems: problems.map(localizedProblem) } };
  }

  private inspectUrl(url: string, role: MediaRole): Promise<Inspection<ImageFacts> & { thumbnail?: string }> {
    const key = `${role}\n${url}`;
    let found = this.remote.get(key);
    if (!found) {
      found = inspectRemoteImage(url, role, this.remoteOptions()).then((inspected) => {
        const format = inspected.facts?.probe.format;
        // The thumbnail is drawn from the bytes the check read: the page never fetches the URL itself.
        const thumbnail = inspected.head && format && format !== 'unknown' ? `data:${mimeOf(format)};base64,${Buffer.from(inspected.head).toString('base64')}` : undefined;
        return { ...inspected, thumbnail };
      });
      this.remote.set(key, found);
      if (this.remote.size > 16) this.remote.delete(this.remote.keys().next().value as string);
    }
    return found;
  }

  private async inspect<T>(file: string, role: string, probe: () => Promise<Inspection<T>>): Promise<Inspection<T>> {
    const info = await stat(file).catch(() => undefined);
    // A file that cannot be stat'ed is probed every time: its problem (gone, unreadable) is what the user must see.
    if (!info) return probe();
    const key = `${role}\n${file}\n${info.size}\n${info.mtimeMs}`;
    const cached = this.cache.get(key) as Inspection<T> | undefined;
    if (cached) return cached;
    const inspected = await probe();
    for (const old of this.cache.keys()) if (old.startsWith(`${role}\n${file}\n`)) this.cache.delete(old);
    this.cache.set(key, inspected);
    // Inputs picked over a long session: the oldest entries go first.
    if (this.cache.size > 64) this.cache.delete(this.cache.keys().next().value as string);
    return inspected;
  }
}

/** The frames differ in shape: the service crops the last to the first's aspect (a warning, not a problem). */
export function aspectWarning(first: CoreFacts | undefined, last: CoreFacts | undefined): string | null {
  const a = first?.kind === 'image' ? first.probe : undefined;
  const b = last?.kind === 'image' ? last.probe : undefined;
  if (!a?.width || !a.height || !b?.width || !b.height) return null;
  const ratioA = a.width / a.height;
  const ratioB = b.width / b.height;
  if (Math.abs(ratioA - ratioB) / ratioA < 0.01) return null;
  return vscode.l10n.t('The frames have different aspect ratios ({0}×{1} and {2}×{3}): the service crops the last frame to the first frame’s aspect.', a.width, a.height, b.width, b.height);
}
