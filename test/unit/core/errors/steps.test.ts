import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { atStep, inStep } from '../../../../src/core/errors/steps';
import { WanError } from '../../../../src/core/errors/wanError';

const network = (step?: WanError['step']) => new WanError({ kind: 'network', summary: { en: 'net', zh: '网' }, step, retryable: true, taskId: 't-1' });

describe('an error at a step', () => {
  it('takes the step when it had none, keeping everything else', () => {
    const stepped = atStep('waiting', network()) as WanError;
    assert.equal(stepped.step, 'waiting');
    assert.deepEqual([stepped.kind, stepped.retryable, stepped.taskId], ['network', true, 't-1']);
  });

  it('keeps the innermost step that knew', () => {
    const inner = network('upload');
    assert.equal(atStep('submit', inner), inner);
  });

  it('becomes a file-system error when it came from the disk', () => {
    const stepped = atStep('saving', Object.assign(new Error('denied'), { code: 'EACCES', path: '/videos/a.mp4.part' })) as WanError;
    assert.deepEqual([stepped.kind, stepped.step, stepped.serviceMessage], ['file-system', 'saving', 'EACCES: /videos']);
  });

  it('is left as it was when it is neither (a bug stays a bug)', () => {
    const bug = new TypeError('x is undefined');
    assert.equal(atStep('download', bug), bug);
  });
});

describe('a step of a job', () => {
  it('gives back what its work returned', async () => {
    assert.equal(await inStep('prepare', async () => 42), 42);
  });

  it('names itself in what its work threw', async () => {
    await assert.rejects(inStep('generation', async () => { throw network(); }), (error: WanError) => error.step === 'generation' && error.kind === 'network');
    await assert.rejects(inStep('download', async () => { throw Object.assign(new Error('full'), { code: 'ENOSPC' }); }), (error: WanError) => error.kind === 'file-system' && error.step === 'download');
  });
});
