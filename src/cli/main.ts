import { inLanguage } from '../core/base/language';
import { userAgent, TOOL_VERSION } from '../core/base/version';
import { isWanError } from '../core/errors/wanError';
import { problemMessage } from '../core/inputs/problems';
import { createDispatcher } from '../core/net/transport';
import { DashScopeClient } from '../core/service/client';
import { CreateGate } from '../core/service/createGate';
import { parseCommandLine, type ParsedArgs, resolveEndpoint, UsageError } from './args';
import { cancel } from './commands/cancel';
import { estimate, type OfflineContext } from './commands/estimate';
import { storyboard, STORYBOARD_ACTIONS } from './commands/storyboard';
import { storyboardGenerate } from './commands/storyboardGenerate';
import { continueClip } from './commands/continueClip';
import { join } from './commands/join';
import { extract } from './commands/extract';
import { generate } from './commands/generate';
import { replay } from './commands/replay';
import { resume } from './commands/resume';
import { status } from './commands/status';
import { takes } from './commands/takes';
import { keep, reject } from './commands/verdict';
import { type CliContext, type Io, languageOf } from './context';
import { EXIT } from './exitCodes';
import { cliText } from './messages';
import { usage } from './usage';

export type { Io } from './context';

/** Commands that send nothing: they run without a key or a client, for any region. */
const OFFLINE_COMMANDS: Record<string, (context: OfflineContext) => Promise<number>> = { estimate, takes, keep, reject, extract, storyboard, join };

/** Each command, over the shared argument, endpoint and client layer. */
const COMMANDS: Record<string, (context: CliContext) => Promise<number>> = { generate, replay, status, cancel, resume, continue: continueClip, ...OFFLINE_COMMANDS, storyboard: storyboardGenerate };

/** `storyboard <images…>` and `storyboard <file>` make segments (a key, a client); its subcommands send nothing. */
function offlineCommand(command: string, positionals: readonly string[]): ((context: OfflineContext) => Promise<number>) | undefined {
  if (command === 'storyboard' && positionals.length > 1 && !STORYBOARD_ACTIONS.includes(positionals[1] as string)) return undefined;
  return Object.hasOwn(OFFLINE_COMMANDS, command) ? OFFLINE_COMMANDS[command] : undefined;
}

/** Commands with `--dry-run`: they plan and say the estimate, and send nothing (so they need no key then). */
const DRY_RUN_COMMANDS: readonly string[] = ['generate', 'replay', 'continue', 'storyboard'];

/** Runs a command, saying a usage mistake with the usage text (exit 2); any other failure goes on up. */
async function reportingUsage(run: () => Promise<number>, say: (text: string) => void, zh: boolean): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`${error.message}\n\n${usage(zh)}`);
    return EXIT.invalidInput;
  }
}

/** What the process around main does at its moments: the CLI's entry keeps WebAssembly on V8's baseline (wasmFlags.ts). */
export interface MainHooks {
  /** Once a command is about to make its client, before undici loads: after every check that ends a run without one. */
  beforeClient?: () => void;
}

export async function main(argv: string[], io: Io, hooks: MainHooks = {}): Promise<number> {
  const { locale, zh } = languageOf(io.env);
  const say = (text: string) => io.stderr.write(`${text}\n`);
  let parsed: ParsedArgs;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    say(`${error instanceof Error ? error.message : String(error)}\n\n${usage(zh)}`);
    return EXIT.invalidInput;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.version) {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.saved;
  }
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr).write(`${usage(zh)}\n`);
    return values.help ? EXIT.saved : EXIT.invalidInput;
  }
  // Own keys only: `toString` and the like are not commands.
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    say(`${cliText('unknownCommand', zh, command)}\n\n${usage(zh)}`);
    return EXIT.invalidInput;
  }
  let endpoint;
  try {
    endpoint = resolveEndpoint(values, locale, zh);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    return EXIT.invalidInput;
  }
  const offline = offlineCommand(command, positionals);
  if (offline) return reportingUsage(() => offline({ io, values, positionals, locale, zh, endpoint, say }), say, zh);
  if (endpoint.kind === 'region' && endpoint.baseUrl === '') {
    say(inLanguage(problemMessage({ code: 'region-needs-workspace', region: endpoint.region }), locale));
    return EXIT.invalidInput;
  }
  const apiKey = io.env.DASHSCOPE_API_KEY?.trim();
  // A dry run sends nothing, so it needs no key.
  const dryRun = values['dry-run'] === true && DRY_RUN_COMMANDS.includes(command);
  if (values['dry-run'] === true && !dryRun) {
    say(`${zh ? `${command} 没有 --dry-run。` : `${command} has no --dry-run.`}\n\n${usage(zh)}`);
    return EXIT.invalidInput;
  }
  if (!apiKey && !dryRun) {
    say(cliText('needKey', zh));
    return EXIT.invalidInput;
  }
  hooks.beforeClient?.();
  const dispatcher = createDispatcher({ environment: io.env });
  const client = new DashScopeClient({
    baseUrl: endpoint.baseUrl,
    uploadFallbackBaseUrl: endpoint.kind === 'workspace' ? endpoint.uploadFallbackBaseUrl : undefined,
    apiKey: apiKey ?? '',
    userAgent: userAgent('cli'),
    dispatcher,
  });
  const context: CliContext = {
    io,
    values,
    positionals,
    locale,
    zh,
    endpoint,
    client,
    dispatcher,
    gate: new CreateGate(),
    say,
    localized: (error) => error.localized(zh ? 'zh-cn' : 'en', 'cli'),
  };
  try {
    return await reportingUsage(() => run(context), say, zh);
  } catch (error) {
    if (!isWanError(error)) throw error;
    say(context.localized(error));
    if (error.taskId && error.kind !== 'canceled') say(cliText('taskId', zh, error.taskId));
    return error.kind === 'aborted' ? EXIT.interrupted : EXIT.service;
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}
