import { TOOL_VERSION } from '../core/base/version';
import { languageOf } from './context';
import { EXIT } from './exitCodes';
import { usage } from './usage';
import { baselineWasmOnly } from './wasmFlags';

type Main = typeof import('./main');

/**
 * `--help`, `--version` and a bare `wan-keyframes` are answered here, from the catalog and the version only: the
 * commands, zod, the client and undici are a bundle of their own (dist/cli/main.js, see esbuild.mjs) that this one
 * requires for anything else, so asking for help never parses them. main() answers these lines the same way.
 */
function quickAnswer(argv: string[]): number | undefined {
  const [only, ...more] = argv;
  if (more.length > 0) return undefined;
  if (only === '--version') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.saved;
  }
  const help = only === '--help' || only === '-h';
  if (!help && only !== undefined) return undefined;
  (help ? process.stdout : process.stderr).write(`${usage(languageOf(process.env).zh)}\n`);
  return help ? EXIT.saved : EXIT.invalidInput;
}

const argv = process.argv.slice(2);
const answered = quickAnswer(argv);
if (answered !== undefined) {
  process.exitCode = answered;
} else {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    controller.abort(new Error('interrupted'));
  });
  process.on('SIGTERM', () => controller.abort(new Error('terminated')));

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see quickAnswer
  const { main } = require('./main') as Main;
  main(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal }, { beforeClient: baselineWasmOnly }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
