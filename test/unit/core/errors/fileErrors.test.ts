import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileSystemError } from '../../../../src/core/errors/fileErrors';
import { KIND_SUMMARIES } from '../../../../src/core/errors/summaries';

const errno = (code: string, file?: string) => Object.assign(new Error(`${code}: ${file}`), { code, path: file });

describe('a disk error', () => {
  it('reading a frame says which file, and is not retried', () => {
    const cause = errno('ENOENT', '/frames/dawn.png');
    const error = fileSystemError(cause, 'prepare');
    assert.equal(error?.kind, 'file-system');
    assert.equal(error?.step, 'prepare');
    assert.equal(error?.serviceMessage, 'ENOENT: /frames/dawn.png');
    assert.equal(error?.retryable, false);
    assert.deepEqual(error?.summary, KIND_SUMMARIES['file-system']);
    assert.equal(error?.cause, cause);
  });

  it('writing the video names the folder, not the temporary .part file, and keeps the task retryable', () => {
    for (const step of ['download', 'saving'] as const) {
      const error = fileSystemError(errno('EACCES', '/videos/dawn-to-dusk.1a2b3c4d.mp4.part'), step);
      assert.equal(error?.serviceMessage, 'EACCES: /videos', step);
      assert.equal(error?.retryable, true, step);
      assert.notDeepEqual(error?.summary, KIND_SUMMARIES['file-system'], step);
      assert.match(error?.localized('en') ?? '', /save it elsewhere or retry/);
    }
  });

  it('without a path still says its code', () => {
    assert.equal(fileSystemError(errno('ENOSPC'), 'saving')?.serviceMessage, 'ENOSPC: ');
    assert.equal(fileSystemError(errno('EMFILE'), 'prepare')?.serviceMessage, 'EMFILE: ');
  });

  it('is recognised by each of the codes a full, read-only or missing folder gives', () => {
    for (const code of ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EMFILE']) {
      assert.equal(fileSystemError(errno(code, '/x/y'), 'saving')?.kind, 'file-system', code);
    }
  });
});

describe('anything else', () => {
  it('is not a disk error: network codes, no code, or not an error at all', () => {
    for (const value of [errno('ECONNRESET', '/x'), new Error('plain'), { code: 13 }, null, undefined, 'EACCES']) {
      assert.equal(fileSystemError(value, 'saving'), undefined, String(value));
    }
  });
});
