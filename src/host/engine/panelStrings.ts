import * as vscode from 'vscode';
import type { WebviewStrings } from '../../shared/protocol';

/** Every string the webview shows, localised on the host (the webview has no access to vscode.l10n). */
export function panelStrings(): WebviewStrings {
  const t = vscode.l10n.t;
  return {
    formLabel: t('Video from a first and a last frame'),
    loading: t('Loading…'),
    firstFrame: t('First frame'),
    lastFrame: t('Last frame'),
    noFrame: t('Not set: right-click an image in the Explorer.'),
    choose: t('Choose…'),
    change: t('Change…'),
    swap: t('Swap'),
    swapTitle: t('Swap the first and last frame'),
    model: t('Model'),
    prompt: t('Prompt'),
    promptPlaceholder: t('Describe the motion between the two frames, e.g. the camera slowly pushes in as the sun sets.'),
    negativePrompt: t('Negative prompt'),
    negativePlaceholder: t('What to avoid, e.g. blur, distortion'),
    resolution: t('Resolution'),
    duration: t('Duration ({0}–{1} s)'),
    durationFixed: t('Duration (always {0} s)'),
    audio: t('Driving audio'),
    audioAuto: t('None: the model adds matching sound itself.'),
    chooseAudio: t('Choose WAV or MP3…'),
    remove: t('Remove'),
    promptExtend: t('Let the service rewrite the prompt'),
    watermark: t('Add the “AI生成” watermark'),
    seed: t('Seed'),
    seedRandom: t('Random'),
    generate: t('Generate'),
    generateHint: t('{0} generates from anywhere in the form.', process.platform === 'darwin' ? '⌘+Enter' : 'Ctrl+Enter'),
    setApiKey: t('Set API Key'),
    jobs: t('Jobs'),
    taskId: t('Task'),
    soundHint: t('This video has sound, which the panel cannot play: use Open to play it in VS Code.'),
    actualPrompt: t('Prompt as rewritten by the service'),
    cancel: t('Cancel'),
    retry: t('Retry'),
    open: t('Open'),
    reveal: t('Reveal in Explorer'),
    showLog: t('Show Log'),
  };
}
