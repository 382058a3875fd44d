import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Emitter } from '../../../../src/host/engine/emitter';

describe('an event with listeners', () => {
  it('a fired value reaches every listener, in the order they subscribed', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    emitter.event((value) => heard.push(`a${value}`));
    emitter.event((value) => heard.push(`b${value}`));
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(heard, ['a1', 'b1', 'a2', 'b2']);
  });

  it('a disposed subscription hears nothing more, and the others still do', () => {
    const emitter = new Emitter<string>();
    const heard: string[] = [];
    const first = emitter.event((value) => heard.push(`first ${value}`));
    emitter.event((value) => heard.push(`second ${value}`));
    first.dispose();
    emitter.fire('x');
    assert.deepEqual(heard, ['second x']);
  });

  it('a listener that unsubscribes another while the value is delivered does not stop that delivery', () => {
    const emitter = new Emitter<void>();
    let secondCalls = 0;
    emitter.event(() => second.dispose());
    const second = emitter.event(() => secondCalls++);
    emitter.fire();
    emitter.fire();
    assert.equal(secondCalls, 1, 'heard the value being delivered when it was removed, and not the next');
  });

  it('after dispose no listener is called', () => {
    const emitter = new Emitter<number>();
    let calls = 0;
    emitter.event(() => calls++);
    emitter.dispose();
    emitter.fire(3);
    assert.equal(calls, 0);
  });
});
