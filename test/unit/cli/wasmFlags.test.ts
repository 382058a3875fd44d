import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baselineWasmOnly, LIFTOFF_ONLY } from '../../../src/cli/wasmFlags';

describe('baselineWasmOnly: the CLI keeps WebAssembly on V8’s baseline compiler', () => {
  it('sets --liftoff-only, once', () => {
    const set: string[] = [];
    baselineWasmOnly((flags) => set.push(flags));
    assert.deepEqual(set, [LIFTOFF_ONLY]);
  });

  it('a V8 that refuses the flag leaves the command running as before', () => {
    assert.doesNotThrow(() =>
      baselineWasmOnly(() => {
        throw new Error('unrecognized flag');
      }),
    );
  });
});
