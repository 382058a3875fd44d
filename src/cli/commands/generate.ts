import * as path from 'node:path';
import { isImageUrl } from '../../core/inputs/remoteImage';
import type { GenerationRequest } from '../../core/inputs/request';
import { type Inputs, ROLE } from '../../shared/mediaRoles';
import { UsageError } from '../args';
import type { CliContext } from '../context';
import { runGeneration } from '../generation';
import { cliText } from '../messages';
import { DEFAULT_CLI_MODEL } from '../usage';

/** --upload as given: oss (the temporary upload, by default) or base64 (inline); anything else is a usage mistake. */
export function uploadModeOf(context: Pick<CliContext, 'values' | 'zh'>): 'oss' | 'base64' {
  const mode = context.values.upload ?? 'oss';
  if (mode !== 'oss' && mode !== 'base64') throw new UsageError(cliText('uploadMode', context.zh));
  return mode;
}

/** The request a `generate` line asks for: each input by its role (a path resolved, or an image URL), the settings. */
export function requestOf(values: CliContext['values']): GenerationRequest {
  const frame = (value: string) => (isImageUrl(value) ? value.trim() : path.resolve(value));
  const inputs: Inputs<string> = {};
  if (values.first) inputs[ROLE.first] = frame(values.first);
  if (values.last) inputs[ROLE.last] = frame(values.last);
  if (values['driving-audio']) inputs[ROLE.audio] = path.resolve(values['driving-audio']);
  return {
    inputs,
    model: values.model ?? DEFAULT_CLI_MODEL,
    prompt: values.prompt ?? '',
    negativePrompt: values['negative-prompt'] ?? '',
    resolution: values.resolution,
    duration: values.duration,
    promptExtend: values['prompt-extend'] ?? true,
    watermark: values.watermark ?? false,
    seed: values.seed,
    ratio: values.ratio,
    sound: values.audio,
  };
}

/**
 * `generate`: plans (every check before any request), says the estimate, then `--count` takes (1 by default); the
 * videos land beside the first frame or in --out. `--dry-run` prints the plan and sends nothing.
 */
export async function generate(context: CliContext): Promise<number> {
  const { values, zh } = context;
  if (!values.first || !values.last) throw new UsageError(cliText('needsFrames', zh));
  const uploadMode = uploadModeOf(context);
  return runGeneration(context, requestOf(values), {
    count: values.count,
    dryRun: values['dry-run'] === true,
    uploadMode,
    out: values.out ? path.resolve(values.out) : undefined,
  });
}
