import * as vscode from 'vscode';
import { audioProblems, imageProblems, inspectAudio, inspectImage, type ImageFacts } from '../core/inspect';
import type { ModelSpec } from '../core/models';
import { problemMessage, type Problem } from '../core/problems';
import { baseName } from '../shared/imageFiles';
import type { AudioInfo, FrameInfo } from '../shared/protocol';

/** A problem in VS Code's display language. */
export function localizedProblem(problem: Problem): string {
  const text = problemMessage(problem);
  return vscode.env.language.toLowerCase().startsWith('zh') ? text.zh : text.en;
}

/** What the panel shows of a frame: its facts from the header and its problems for the chosen model. */
export async function describeFrame(uri: vscode.Uri | undefined, role: 'first' | 'last', spec: ModelSpec, webview: vscode.Webview): Promise<{ info: FrameInfo; facts?: ImageFacts } | undefined> {
  if (!uri) return undefined;
  const inspected = await inspectImage(uri.fsPath, role);
  const problems = inspected.facts ? imageProblems(role, inspected.facts, spec.image) : inspected.problems;
  const probe = inspected.facts?.probe;
  return {
    facts: inspected.facts,
    info: {
      name: baseName(uri.path),
      src: webview.asWebviewUri(uri).toString(),
      format: probe && probe.format !== 'unknown' ? probe.format : undefined,
      width: probe?.width,
      height: probe?.height,
      bytes: inspected.facts?.bytes,
      problems: problems.map(localizedProblem),
    },
  };
}

/** The driving audio, when one is set and the model takes it. */
export async function describeAudio(uri: vscode.Uri | undefined, spec: ModelSpec): Promise<AudioInfo | null> {
  if (!uri || !spec.audio) return null;
  const inspected = await inspectAudio(uri.fsPath);
  const problems = inspected.facts ? audioProblems(inspected.facts, spec.audio) : inspected.problems;
  return { name: baseName(uri.path), seconds: inspected.facts?.probe.seconds, bytes: inspected.facts?.bytes, problems: problems.map(localizedProblem) };
}

export function aspectWarning(first: ImageFacts | undefined, last: ImageFacts | undefined): string | null {
  const a = first?.probe;
  const b = last?.probe;
  if (!a?.width || !a.height || !b?.width || !b.height) return null;
  const ratioA = a.width / a.height;
  const ratioB = b.width / b.height;
  if (Math.abs(ratioA - ratioB) / ratioA < 0.01) return null;
  return vscode.l10n.t('The frames have different aspect ratios ({0}×{1} and {2}×{3}): the service crops the last frame to the first frame’s aspect.', a.width, a.height, b.width, b.height);
}
