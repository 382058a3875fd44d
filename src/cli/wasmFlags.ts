/** V8's flag that runs WebAssembly on its baseline compiler only (Liftoff), never optimizing it in the background. */
export const LIFTOFF_ONLY = '--liftoff-only';

/**
 * For the CLI process only (index.ts hands it to main, which calls it just before it makes a client), before undici
 * loads: undici's HTTP parser is WebAssembly, and V8 optimizes it on background threads that Node waits for at exit —
 * about 170 ms of CPU in a `status` that reads one small JSON answer (bench/startup.mjs). Not earlier: a flag changed
 * at run time makes V8 refuse Node's code cache for the built-in modules required after it, which costs commands
 * that never send anything. Never for the extension host, which lives long and may parse video bodies for minutes.
 * A Node whose V8 does not know the flag says so on stderr and runs as before.
 */
export function baselineWasmOnly(setFlags: (flags: string) => void = setV8Flags): void {
  try {
    setFlags(LIFTOFF_ONLY);
  } catch {
    // Only speed is at stake: run as before.
  }
}

/** node:v8 is required only here, so that `--help` (this file is in the entry bundle) never loads it. */
function setV8Flags(flags: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString(flags);
}
