import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldName, type StoryboardProblem, storyboardProblemMessage } from '../../../../src/core/storyboard/storyboardProblems';

const EVERY: StoryboardProblem[] = [
  { code: 'unreadable', detail: 'EACCES' },
  { code: 'too-large', bytes: 2_000_000, max: 1_048_576 },
  { code: 'malformed-json', line: 3, column: 9, expected: 'a value' },
  { code: 'not-a-storyboard', line: 1, found: undefined },
  { code: 'not-a-storyboard', line: 2, found: '"one"' },
  { code: 'future-version', line: 2, version: 7 },
  { code: 'invalid-field', line: 9, field: 'segments[1].duration', detail: 'segments[1].duration: expected number' },
  { code: 'too-few-frames', line: 3, field: 'keyframes', count: 1 },
  { code: 'too-few-frames', line: 3, field: 'keyframes', count: 0 },
  { code: 'segments-count', line: 7, field: 'segments', keyframes: 3, segments: 1 },
  { code: 'image-missing', line: 4, field: 'keyframes[0]', image: 'a.png' },
  { code: 'image-not-a-file', line: 4, field: 'keyframes[0]', image: 'frames' },
  { code: 'same-frame-twice', line: 5, field: 'keyframes[1]', image: './a.png', previousField: 'keyframes[0]' },
];

describe('storyboard problems', () => {
  it('each says where (file, line, field) and what, in both languages', () => {
    for (const problem of EVERY) {
      const message = storyboardProblemMessage(problem, 'film.storyboard.json');
      assert.ok(message.en.startsWith('film.storyboard.json'), message.en);
      assert.ok(message.zh.startsWith('film.storyboard.json'), message.zh);
      if ('line' in problem) {
        assert.ok(message.en.includes(`line ${problem.line}`), message.en);
        assert.ok(message.zh.includes(`第 ${problem.line} 行`), message.zh);
      }
      if ('field' in problem) assert.ok(message.en.includes(problem.field) && message.zh.includes(problem.field), message.en);
      assert.match(message.zh, /[\u4e00-\u9fff]/);
    }
  });

  it('tells different problems apart', () => {
    const texts = EVERY.map((problem) => storyboardProblemMessage(problem, 'f').en);
    assert.equal(new Set(texts).size, texts.length);
  });

  it('names fields as an editor shows them', () => {
    assert.equal(fieldName('segments.1.duration'), 'segments[1].duration');
    assert.equal(fieldName('keyframes.12'), 'keyframes[12]');
    assert.equal(fieldName('version'), 'version');
  });
});
