import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

/**
 * undici, loaded when the first request (or dispatcher) is made rather than with the engine: it is about half of
 * what requiring the engine costs, and the first command after a start (Set as First Frame) needs none of it.
 */
export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports, no-restricted-syntax -- deferred on purpose, see above
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
