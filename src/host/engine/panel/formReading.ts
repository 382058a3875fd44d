import * as vscode from 'vscode';
import { inLanguage } from '../../../core/base/language';
import { takesRole } from '../../../core/catalog/models';
import { spendLine, spendOf } from '../../../core/output/spend';
import { type Inputs, MEDIA_ROLES, type MediaRole, ROLE, ROLE_KIND } from '../../../shared/mediaRoles';
import type { FormValues, InputInfo } from '../../../shared/protocol';
import type { InputSelection } from '../../entry/inputSelection';
import type { ApiKeyStore } from '../../entry/secrets';
import { readSettings } from '../settings';
import type { TakeIndex } from '../takes/takeIndex';
import { clipDurationProblems } from '../../../core/inputs/clipDuration';
import { formSpec } from './formRequest';
import { formState } from './formState';
import { aspectWarning, type InputFacts, localizedProblem } from './inputFacts';
import { inputRef } from './inputPickers';

export interface FormReadingDeps {
  selection: InputSelection;
  facts: InputFacts;
  keys: ApiKeyStore;
  index: TakeIndex;
}

/**
 * What the form shows (formState.ts), read from the chosen inputs' facts for the chosen model, the key and the
 * workspace's takes; and the inputs as the takes view names them (to find the takes of this frame pair).
 */
export async function readForm(deps: FormReadingDeps, values: FormValues, webview: vscode.Webview): Promise<{ state: ReturnType<typeof formState>; inputs: Inputs<string> }> {
  const { selection, facts } = deps;
  const spec = formSpec(values);
  const settings = readSettings();
  const roles = MEDIA_ROLES.filter((role) => selection.get(role) && (takesRole(spec, role) || ROLE_KIND[role] === 'image'));
  const [described, key] = await Promise.all([Promise.all(roles.map((role) => facts.describe(selection.get(role), role, spec, webview))), deps.keys.get()]);
  const inputs: Inputs<InputInfo> = {};
  roles.forEach((role: MediaRole, index) => {
    const info = described[index]?.info;
    if (info) inputs[role] = info;
  });
  const factsOf = (role: MediaRole) => described[roles.indexOf(role)]?.facts;
  const clip = factsOf(ROLE.clip);
  const clipInfo = inputs[ROLE.clip];
  // A continuation's duration counts its clip: said on the clip, where the length it must exceed is shown.
  if (clip?.kind === 'video' && clipInfo && takesRole(spec, ROLE.clip)) {
    inputs[ROLE.clip] = { ...clipInfo, problems: [...clipInfo.problems, ...clipDurationProblems(ROLE.clip, clip, values.duration, spec).map(localizedProblem)] };
  }
  const t = vscode.l10n.t;
  const state = formState({
    values,
    inputs,
    endpoint: settings.endpoint,
    workspaceProblem: settings.workspaceProblem,
    aspectWarning: aspectWarning(factsOf(ROLE.first), factsOf(ROLE.last)),
    keySet: Boolean(key),
    localize: localizedProblem,
    say: (text) => inLanguage(text, vscode.env.language),
    spent: spentText(deps.index),
    blockedTexts: { chooseFrames: t('Choose a first and a last frame.'), fixProblems: t('Fix the problems shown above to generate.'), setKey: t('Set an API key to generate.') },
  });
  return { state, inputs: Object.fromEntries(roles.flatMap((role) => (inputs[role] ? [[role, inputRef(selection.get(role) as vscode.Uri)]] : []))) };
}

/** This workspace's spend from its takes, once they are indexed. */
function spentText(index: TakeIndex): string | null {
  if (!index.isReady) return null;
  const line = spendLine(spendOf([...index.all()].map((found) => found.take), new Date()));
  return line ? inLanguage(line, vscode.env.language) : null;
}
