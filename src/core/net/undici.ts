import type { UndiciParts } from './undiciExports';

let loaded: UndiciParts | undefined;

/**
 * undici, loaded when the first request (or dispatcher) is made rather than with the engine: it is about half of
 * what requiring the engine costs, and the first command after a start (Set as First Frame) needs none of it. Typed
 * as the parts undiciExports.ts lists, which are all that dist/http.js holds.
 */
export function undici(): UndiciParts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports, no-restricted-syntax -- deferred on purpose, see above
  loaded ??= require('undici') as UndiciParts;
  return loaded;
}
