import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchExit, EXIT, exitCodeFor } from '../../../src/cli/exitCodes';
import { WanError } from '../../../src/core/errors/wanError';
import { errorCatalog } from '../../support/errorCatalog';

const error = (kind: WanError['kind'], step?: WanError['step']) => new WanError({ kind, step, summary: { en: kind, zh: kind } });

describe('the exit code of a job that ended in an error', () => {
  it('each outcome has its own code, and success is 0', () => {
    const codes = Object.values(EXIT);
    assert.equal(new Set(codes).size, codes.length);
    assert.equal(EXIT.saved, 0);
  });

  it('every error the catalog builds maps by its step: 5 once the video exists, 4 for the task\'s own end, 3 before', () => {
    const expected: Record<string, number> = { download: EXIT.download, saving: EXIT.download, generation: EXIT.taskEnded };
    const rows = errorCatalog();
    assert.ok(rows.length > 20);
    for (const { step, error: built } of rows) assert.equal(exitCodeFor(built), expected[step] ?? EXIT.service, `${step} ${built.kind}`);
  });

  it('an interruption is 130 whatever step it came at, even after the video was generated', () => {
    for (const step of [undefined, 'submit', 'waiting', 'download', 'saving'] as const) assert.equal(exitCodeFor(error('aborted', step)), EXIT.interrupted, String(step));
  });

  it('a failed task without a step is still the task\'s end (4); any other stepless error is the service (3)', () => {
    assert.equal(exitCodeFor(error('task-failed')), EXIT.taskEnded);
    assert.equal(exitCodeFor(error('network')), EXIT.service);
    assert.equal(exitCodeFor(error('canceled', 'generation')), EXIT.taskEnded);
  });
});

describe('batchExit: the exit code of several takes', () => {
  it('0 only when every take was saved; otherwise the first failure in the order the takes ended', () => {
    assert.equal(batchExit([]), EXIT.saved);
    assert.equal(batchExit([EXIT.saved, EXIT.saved]), EXIT.saved);
    assert.equal(batchExit([EXIT.saved, EXIT.download]), EXIT.download);
    assert.equal(batchExit([EXIT.download, EXIT.taskEnded, EXIT.saved]), EXIT.download);
    assert.equal(batchExit([EXIT.taskEnded, EXIT.service]), EXIT.taskEnded);
  });

  it('an interrupted run says so, whatever ended before the interrupt', () => {
    assert.equal(batchExit([EXIT.service, EXIT.interrupted, EXIT.download]), EXIT.interrupted);
  });
});
