import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateGate } from '../../../../src/core/service/createGate';
import { virtualClock } from '../../../support/clocks';

/** A promise and the functions that settle it from outside. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the create gate: one create of a model at a time', () => {
  it('a second create of the same lane waits until the first settles; another lane does not wait', async () => {
    const gate = new CreateGate();
    const lane = CreateGate.lane('https://dashscope.aliyuncs.com/', 'wan2.2-kf2v-flash');
    const first = deferred<string>();
    const started: string[] = [];
    const one = gate.exclusive(lane, async () => {
      started.push('one');
      return first.promise;
    });
    const two = gate.exclusive(lane, async () => {
      started.push('two');
      return 'task-2';
    });
    const other = gate.exclusive(CreateGate.lane('https://dashscope.aliyuncs.com', 'wan2.7-i2v'), async () => {
      started.push('other');
      return 'task-x';
    });
    await tick();
    assert.deepEqual(started.sort(), ['one', 'other'], 'the sibling waits; the other model does not');
    first.resolve('task-1');
    assert.deepEqual(await Promise.all([one, two, other]), ['task-1', 'task-2', 'task-x']);
    assert.ok(started.indexOf('two') > started.indexOf('one'));
  });

  it('a create that fails still lets the next one through, and its error reaches only its caller', async () => {
    const gate = new CreateGate();
    const lane = CreateGate.lane('http://127.0.0.1:1', 'm');
    const failing = gate.exclusive(lane, async () => {
      throw new Error('lost answer');
    });
    const next = gate.exclusive(lane, async () => 'task-2');
    await assert.rejects(failing, /lost answer/);
    assert.equal(await next, 'task-2');
  });

  it('the same endpoint written with or without a trailing slash is one lane', () => {
    assert.equal(CreateGate.lane('https://h/', 'm'), CreateGate.lane('https://h', 'm'));
    assert.notEqual(CreateGate.lane('https://h', 'm'), CreateGate.lane('https://h', 'n'));
  });

  it('knows the tasks it came back with', () => {
    const gate = new CreateGate();
    gate.claim('task-1');
    assert.equal(gate.owns('task-1'), true);
    assert.equal(gate.owns('task-2'), false);
  });

  it('with a spacing, the next create of a lane waits out the rest of it after the last one', async () => {
    const time = virtualClock();
    const gate = new CreateGate(1_000, time.clock);
    const lane = CreateGate.lane('h', 'm');
    await gate.exclusive(lane, async () => 'a');
    await gate.exclusive(lane, async () => 'b');
    assert.deepEqual(time.sleeps, [1_000], 'the second create waited one spacing');
    await gate.exclusive(CreateGate.lane('h', 'other'), async () => 'c');
    assert.deepEqual(time.sleeps, [1_000], 'another lane owes nothing');
  });
});
