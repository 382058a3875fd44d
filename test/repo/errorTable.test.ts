import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { KIND_SUMMARIES } from '../../src/core/errors/summaries';
import { ERROR_STEPS, STEP_TEXT } from '../../src/core/errors/wanError';
import { REPO } from '../support/files';
import { errorCatalog, errorTableMarkdown } from '../support/errorCatalog';

const DOC = path.join(REPO, 'docs', 'errors.md');
const GENERATION_FAILED = [KIND_SUMMARIES['task-failed'].en, KIND_SUMMARIES['task-failed'].zh];

describe('the error table (docs/errors.md)', () => {
  const rows = errorCatalog();

  it('covers every step', () => {
    assert.deepEqual([...new Set(rows.map((row) => row.step))], [...ERROR_STEPS]);
  });

  for (const { step, error } of rows) {
    it(`${step} × ${error.kind}: both languages name the step`, () => {
      assert.ok(error.localized('en').startsWith(`${STEP_TEXT[step].en}: `), error.localized('en'));
      assert.ok(error.localized('zh-cn').startsWith(`${STEP_TEXT[step].zh}：`), error.localized('zh-cn'));
      assert.ok(error.localized('en', 'cli').startsWith(`${STEP_TEXT[step].en}: `));
      if (step === 'download' || step === 'saving') {
        for (const text of [error.localized('en'), error.localized('zh-cn'), error.localized('en', 'cli')]) {
          for (const failed of GENERATION_FAILED) assert.ok(!text.includes(failed), `a ${step} error never reads as a failed generation: ${text}`);
        }
        if (error.kind !== 'url-expired') {
          assert.match(error.localized('en'), /The video was generated and waits on the service until .*Retry Download/);
          assert.match(error.localized('zh-cn'), /视频已生成.*重新下载/);
          assert.match(error.localized('en', 'cli'), /wan-keyframes resume t-1 --out DIR/);
          assert.match(error.localized('zh-cn', 'cli'), /wan-keyframes resume t-1 --out DIR/);
        }
      }
    });
  }

  it('docs/errors.md is what the code says', async () => {
    const expected = errorTableMarkdown();
    if (process.env.WK_WRITE_DOCS === '1') await writeFile(DOC, expected);
    const actual = await readFile(DOC, 'utf8').catch(() => '');
    assert.equal(actual, expected, 'docs/errors.md is stale: run WK_WRITE_DOCS=1 npm run test:unit');
  });
});
