import { parseArgs } from 'node:util';
import { inLanguage } from '../core/base/language';
import { checkWorkspaceId, type Endpoint, endpointFor, isRegionId, normaliseBaseUrl, REGION_IDS } from '../core/catalog/regions';
import { problemMessage, workspaceIdProblem } from '../core/inputs/problems';
import { cliText } from './messages';

/** Every flag any command takes; each command reads the ones it needs. */
export const OPTIONS = {
  first: { type: 'string' },
  last: { type: 'string' },
  prompt: { type: 'string' },
  'negative-prompt': { type: 'string' },
  model: { type: 'string' },
  resolution: { type: 'string' },
  duration: { type: 'string' },
  'prompt-extend': { type: 'boolean' },
  watermark: { type: 'boolean' },
  seed: { type: 'string' },
  audio: { type: 'boolean' },
  'driving-audio': { type: 'string' },
  ratio: { type: 'string' },
  workspace: { type: 'string' },
  region: { type: 'string' },
  'base-url': { type: 'string' },
  upload: { type: 'string' },
  out: { type: 'string' },
  count: { type: 'string' },
  'dry-run': { type: 'boolean' },
  exact: { type: 'boolean' },
  at: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

type Parsed = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; allowNegative: true; options: typeof OPTIONS }>>;

/** The line as read; extract's `--first` and `--last` (which frame) under names of their own, as generate's take a file. */
export interface ParsedArgs {
  values: Parsed['values'] & { 'first-frame'?: boolean; 'last-frame'?: boolean; prompts?: string[] };
  positionals: string[];
}

/** extract reads `--first` and `--last` as switches (which frame), where generate reads them as files. */
const EXTRACT_OPTIONS = { ...OPTIONS, first: { type: 'boolean' }, last: { type: 'boolean' } } as const;

/** The command a line names, read leniently (before its flags are known): the first word that is not a flag. */
function commandOf(argv: string[]): string | undefined {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false, options: OPTIONS });
  return positionals[0];
}

/** storyboard takes `--prompt` once for every segment, or once per segment, in order. */
const STORYBOARD_OPTIONS = { ...OPTIONS, prompt: { type: 'string', multiple: true } } as const;

export function parseCommandLine(argv: string[]): ParsedArgs {
  const command = commandOf(argv);
  if (command === 'storyboard') {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, allowNegative: true, options: STORYBOARD_OPTIONS });
    const { prompt, ...rest } = values;
    return { values: { ...rest, prompt: prompt?.at(-1), prompts: prompt }, positionals };
  }
  if (command !== 'extract') return parseArgs({ args: argv, allowPositionals: true, allowNegative: true, options: OPTIONS });
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, allowNegative: true, options: EXTRACT_OPTIONS });
  const { first, last, ...rest } = values;
  return {
    values: { ...rest, 'first-frame': first, 'last-frame': last },
    positionals,
  };
}

/** A usage mistake: said with the usage text, exit code 2, nothing sent. */
export class UsageError extends Error {}

/**
 * --region picks the region; --workspace makes its workspace host; --base-url replaces the host (a gateway, the
 * simulator), with --workspace then saying which workspace it serves and --region which region's prices apply.
 */
export function resolveEndpoint(values: ParsedArgs['values'], locale: string, zh: boolean): Endpoint {
  const { region, workspace } = values;
  const baseUrl = values['base-url'];
  const chosen = region ?? 'cn-beijing';
  if (!isRegionId(chosen)) throw new UsageError(cliText('unknownRegion', zh, chosen, REGION_IDS.join(', ')));
  const checked = checkWorkspaceId(workspace);
  if (!checked.ok) throw new UsageError(inLanguage(problemMessage(workspaceIdProblem(checked)), locale));
  if (baseUrl) {
    if (!normaliseBaseUrl(baseUrl)) throw new UsageError(cliText('badBaseUrl', zh, baseUrl));
    return endpointFor(chosen, baseUrl, checked.workspaceId, region !== undefined);
  }
  return endpointFor(chosen, undefined, checked.workspaceId);
}
